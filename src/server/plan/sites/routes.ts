import { Type } from "@sinclair/typebox";
import { ALL_ROLES, PLAN_EDITORS } from "../../http/access.js";
import { errorResponses, IdParams, Page } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import { SiteCreate, SiteQuery, SiteUpdate, SiteView } from "./schema.js";
import * as service from "./service.js";

const tags = ["plan"];

export default async function siteRoutes(app: App) {
  app.get(
    "/api/sites",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Lister les sites",
        querystring: SiteQuery,
        response: { 200: Page(SiteView), ...errorResponses },
      },
    },
    async (request) => service.listSites(ctxOf(request), request.query),
  );
  app.get(
    "/api/sites/:id",
    {
      config: { access: ALL_ROLES },
      schema: { tags, summary: "Un site", params: IdParams, response: { 200: SiteView, ...errorResponses } },
    },
    async (request) => service.getSite(ctxOf(request), request.params.id),
  );
  app.post(
    "/api/sites",
    {
      config: { access: PLAN_EDITORS },
      schema: {
        tags,
        summary: "Créer un site",
        body: SiteCreate,
        response: { 201: SiteView, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createSite(ctxOf(request), request.body)),
  );
  app.patch(
    "/api/sites/:id",
    {
      config: { access: PLAN_EDITORS },
      schema: {
        tags,
        summary: "Modifier un site",
        params: IdParams,
        body: SiteUpdate,
        response: { 200: SiteView, ...errorResponses },
      },
    },
    async (request) => service.updateSite(ctxOf(request), request.params.id, request.body),
  );
  for (const [verb, archived] of [
    ["archive", true],
    ["restore", false],
  ] as const) {
    app.post(
      `/api/sites/:id/${verb}`,
      {
        config: { access: PLAN_EDITORS },
        schema: {
          tags,
          summary: archived ? "Archiver un site" : "Restaurer un site",
          params: IdParams,
          body: Type.Optional(Type.Object({}, { additionalProperties: false })),
          response: { 200: SiteView, ...errorResponses },
        },
      },
      async (request) => service.updateSite(ctxOf(request), request.params.id, { archived }),
    );
  }
}
