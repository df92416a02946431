import { Type } from "@sinclair/typebox";
import { ALL_ROLES, MANAGERS } from "../../http/access.js";
import { errorResponses, IdParams, Page } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import { AgentCreate, AgentQuery, AgentUpdate, AgentView } from "./schema.js";
import * as service from "./service.js";

const tags = ["people"];

export default async function agentRoutes(app: App) {
  app.get(
    "/api/agents",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Lister les agents visibles (recherche, filtres, tri)",
        querystring: AgentQuery,
        response: { 200: Page(AgentView), ...errorResponses },
      },
    },
    async (request) => service.listAgents(ctxOf(request), request.query),
  );
  app.get(
    "/api/agents/:id",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Un agent",
        params: IdParams,
        response: { 200: AgentView, ...errorResponses },
      },
    },
    async (request) => service.getAgent(ctxOf(request), request.params.id),
  );
  app.post(
    "/api/agents",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Créer un agent",
        body: AgentCreate,
        response: { 201: AgentView, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createAgent(ctxOf(request), request.body)),
  );
  app.patch(
    "/api/agents/:id",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Modifier un agent",
        params: IdParams,
        body: AgentUpdate,
        response: { 200: AgentView, ...errorResponses },
      },
    },
    async (request) => service.updateAgent(ctxOf(request), request.params.id, request.body),
  );
  for (const [verb, archived] of [
    ["archive", true],
    ["restore", false],
  ] as const) {
    app.post(
      `/api/agents/:id/${verb}`,
      {
        config: { access: MANAGERS },
        schema: {
          tags,
          summary: archived ? "Archiver un agent (départ)" : "Restaurer un agent archivé",
          params: IdParams,
          body: Type.Optional(Type.Object({}, { additionalProperties: false })),
          response: { 200: AgentView, ...errorResponses },
        },
      },
      async (request) => service.updateAgent(ctxOf(request), request.params.id, { archived }),
    );
  }
}
