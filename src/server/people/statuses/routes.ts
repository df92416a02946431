import { ALL_ROLES, MANAGERS } from "../../http/access.js";
import { errorResponses, IdParams } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import {
  BulkResult,
  BulkStatus,
  DayStatusView,
  StatusHistory,
  StatusParams,
  StatusRange,
  StatusSet,
} from "./schema.js";
import * as service from "./service.js";

const tags = ["people"];

export default async function statusRoutes(app: App) {
  app.put(
    "/api/agents/:id/status/:day",
    {
      config: { access: ["admin", "pca_manager", "service_manager", "agent"] },
      schema: {
        tags,
        summary: "Déclarer la situation d'un agent pour un jour (AAAA-MM-JJ)",
        params: StatusParams,
        body: StatusSet,
        response: { 200: DayStatusView, ...errorResponses },
      },
    },
    async (request) => service.setStatus(ctxOf(request), request.params.id, request.params.day, request.body),
  );
  app.get(
    "/api/agents/:id/statuses",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Historique des situations d'un agent (qui a changé quoi)",
        params: IdParams,
        querystring: StatusRange,
        response: { 200: StatusHistory, ...errorResponses },
      },
    },
    async (request) => service.history(ctxOf(request), request.params.id, request.query),
  );
  app.post(
    "/api/statuses",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Déclarer la situation de plusieurs agents pour un jour",
        body: BulkStatus,
        response: { 200: BulkResult, ...errorResponses },
      },
    },
    async (request) => service.setStatuses(ctxOf(request), request.body),
  );
}
