import { Type } from "@sinclair/typebox";
import { ALL_ROLES, MANAGERS } from "../../http/access.js";
import { errorResponses, IdParams, Page } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import { ActivityCreate, ActivityQuery, ActivityUpdate, ActivityView } from "./schema.js";
import * as service from "./service.js";

const tags = ["plan"];

export default async function activityRoutes(app: App) {
  app.get(
    "/api/activities",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Lister les activités essentielles visibles (recherche, filtres, tri)",
        querystring: ActivityQuery,
        response: { 200: Page(ActivityView), ...errorResponses },
      },
    },
    async (request) => service.listActivities(ctxOf(request), request.query),
  );
  app.get(
    "/api/activities/:id",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Une activité essentielle",
        params: IdParams,
        response: { 200: ActivityView, ...errorResponses },
      },
    },
    async (request) => service.getActivity(ctxOf(request), request.params.id),
  );
  app.post(
    "/api/activities",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Créer une activité essentielle",
        body: ActivityCreate,
        response: { 201: ActivityView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createActivity(ctxOf(request), request.body)),
  );
  app.patch(
    "/api/activities/:id",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Modifier une activité essentielle",
        params: IdParams,
        body: ActivityUpdate,
        response: { 200: ActivityView, ...errorResponses },
      },
    },
    async (request) => service.updateActivity(ctxOf(request), request.params.id, request.body),
  );
  for (const [verb, archived] of [
    ["archive", true],
    ["restore", false],
  ] as const) {
    app.post(
      `/api/activities/:id/${verb}`,
      {
        config: { access: MANAGERS },
        schema: {
          tags,
          summary: archived ? "Archiver une activité" : "Restaurer une activité",
          params: IdParams,
          body: Type.Optional(Type.Object({}, { additionalProperties: false })),
          response: { 200: ActivityView, ...errorResponses },
        },
      },
      async (request) => service.updateActivity(ctxOf(request), request.params.id, { archived }),
    );
  }
}
