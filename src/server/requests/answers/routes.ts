import { Type } from "@sinclair/typebox";
import { ALL_ROLES, MANAGERS } from "../../http/access.js";
import { errorResponses, IdParams } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import { AnswerCreate, AnswerQuery, AnswerUpdate, AnswerView } from "./schema.js";
import * as service from "./service.js";

const tags = ["requests"];

export default async function savedAnswerRoutes(app: App) {
  app.get(
    "/api/saved-answers",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Réponses enregistrées (communes et du service)",
        querystring: AnswerQuery,
        response: {
          200: Type.Object({ items: Type.Array(AnswerView), total: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (request) => service.listAnswers(ctxOf(request), request.query),
  );
  app.post(
    "/api/saved-answers",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Enregistrer une réponse type",
        body: AnswerCreate,
        response: { 201: AnswerView, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createAnswer(ctxOf(request), request.body)),
  );
  app.patch(
    "/api/saved-answers/:id",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Modifier, archiver ou désarchiver une réponse type",
        params: IdParams,
        body: AnswerUpdate,
        response: { 200: AnswerView, ...errorResponses },
      },
    },
    async (request) => service.updateAnswer(ctxOf(request), request.params.id, request.body),
  );
  app.delete(
    "/api/saved-answers/:id",
    {
      config: { access: MANAGERS },
      schema: { tags, summary: "Supprimer une réponse type", params: IdParams },
    },
    async (request, reply) => {
      await service.deleteAnswer(ctxOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
