import { Type } from "@sinclair/typebox";
import { errorResponses, IdParams } from "../http/schemas.js";
import type { App } from "../http/types.js";
import { ctxOf } from "../shared/request.js";
import { OutboxPage, OutboxQuery } from "./schema.js";
import * as service from "./service.js";

const tags = ["outbox"];

export default async function outboxRoutes(app: App) {
  app.get(
    "/api/outbox",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary: "Envois (e-mails) de la file d'attente, avec les échecs définitifs",
        querystring: OutboxQuery,
        response: { 200: OutboxPage, ...errorResponses },
      },
    },
    async (request) => service.listOutbox(ctxOf(request), request.query),
  );
  app.post(
    "/api/outbox/:id/retry",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary: "Relancer un envoi en échec",
        params: IdParams,
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: { 200: Type.Object({ id: Type.String(), status: Type.String() }), ...errorResponses },
      },
    },
    async (request) => service.retryDelivery(ctxOf(request), request.params.id),
  );
}
