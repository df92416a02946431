import { ALL_ROLES } from "../http/access.js";
import { errorResponses } from "../http/schemas.js";
import type { App } from "../http/types.js";
import { ctxOf } from "../shared/request.js";
import { OrgUpdate, OrgView } from "./schema.js";
import { getOrg, updateOrg } from "./service.js";

const tags = ["orgs"];

export default async function orgRoutes(app: App) {
  app.get(
    "/api/org",
    {
      config: { access: ALL_ROLES },
      schema: { tags, summary: "Mon organisation", response: { 200: OrgView, ...errorResponses } },
    },
    async (request) => getOrg(ctxOf(request)),
  );
  app.patch(
    "/api/org",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary: "Modifier l'organisation (nom, type, fuseau horaire)",
        body: OrgUpdate,
        response: { 200: OrgView, ...errorResponses },
      },
    },
    async (request) => updateOrg(ctxOf(request), request.body),
  );
}
