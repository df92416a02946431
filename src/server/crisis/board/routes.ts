import { errorResponses } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import { CRISIS_READERS } from "../access.js";
import { BoardQuery, BoardView } from "./schema.js";
import * as service from "./service.js";

export default async function boardRoutes(app: App) {
  app.get(
    "/api/crisis/board",
    {
      config: { access: CRISIS_READERS },
      schema: {
        tags: ["crisis"],
        summary: "Tableau des activités : mode, effectifs disponibles, statut et tendance",
        querystring: BoardQuery,
        response: { 200: BoardView, ...errorResponses },
      },
    },
    async (request) => service.board(ctxOf(request), request.query),
  );
}
