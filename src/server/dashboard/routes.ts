import { ORG_WIDE_READERS } from "../http/access.js";
import { errorResponses } from "../http/schemas.js";
import type { App } from "../http/types.js";
import { ctxOf } from "../shared/request.js";
import { DashboardQuery, DashboardView } from "./schema.js";
import * as service from "./service.js";

export default async function dashboardRoutes(app: App) {
  app.get(
    "/api/dashboard",
    {
      config: { access: [...ORG_WIDE_READERS, "service_manager"] },
      schema: {
        tags: ["dashboard"],
        summary: "Tableau de bord : effectifs du jour, historique, équipement, activités en sous-effectif",
        querystring: DashboardQuery,
        response: { 200: DashboardView, ...errorResponses },
      },
    },
    async (request) => service.getDashboard(ctxOf(request), request.query),
  );
}
