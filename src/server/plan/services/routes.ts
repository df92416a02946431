import { Type } from "@sinclair/typebox";
import { ALL_ROLES, PLAN_EDITORS } from "../../http/access.js";
import { errorResponses, IdParams, Page } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import { ServiceCreate, ServiceQuery, ServiceUpdate, ServiceView } from "./schema.js";
import * as service from "./service.js";

const tags = ["plan"];

export default async function serviceRoutes(app: App) {
  app.get(
    "/api/services",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Lister les directions et services (ordre de l'arborescence par défaut)",
        querystring: ServiceQuery,
        response: { 200: Page(ServiceView), ...errorResponses },
      },
    },
    async (request) => service.listServices(ctxOf(request), request.query),
  );
  app.get(
    "/api/services/:id",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Un service",
        params: IdParams,
        response: { 200: ServiceView, ...errorResponses },
      },
    },
    async (request) => service.getService(ctxOf(request), request.params.id),
  );
  app.post(
    "/api/services",
    {
      config: { access: PLAN_EDITORS },
      schema: {
        tags,
        summary: "Créer un service",
        body: ServiceCreate,
        response: { 201: ServiceView, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createService(ctxOf(request), request.body)),
  );
  app.patch(
    "/api/services/:id",
    {
      config: { access: PLAN_EDITORS },
      schema: {
        tags,
        summary: "Modifier un service (nom, rattachement, boîte mail, téléphone)",
        params: IdParams,
        body: ServiceUpdate,
        response: { 200: ServiceView, ...errorResponses },
      },
    },
    async (request) => service.updateService(ctxOf(request), request.params.id, request.body),
  );
  for (const [verb, archived] of [
    ["archive", true],
    ["restore", false],
  ] as const) {
    app.post(
      `/api/services/:id/${verb}`,
      {
        config: { access: PLAN_EDITORS },
        schema: {
          tags,
          summary: archived ? "Archiver un service" : "Restaurer un service",
          params: IdParams,
          body: Type.Optional(Type.Object({}, { additionalProperties: false })),
          response: { 200: ServiceView, ...errorResponses },
        },
      },
      async (request) => service.updateService(ctxOf(request), request.params.id, { archived }),
    );
  }
}
