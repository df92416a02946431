import { Type } from "@sinclair/typebox";
import { errorResponses, IdParams, Page } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import { UserCreate, UserQuery, UserUpdate, UserView } from "./schema.js";
import * as service from "./service.js";

const tags = ["orgs"];
const ADMIN = ["admin"] as const;

export default async function userRoutes(app: App) {
  app.get(
    "/api/users",
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: "Lister les comptes de l'organisation (administrateurs)",
        querystring: UserQuery,
        response: { 200: Page(UserView), ...errorResponses },
      },
    },
    async (request) => service.listUsers(ctxOf(request), request.query),
  );
  app.get(
    "/api/users/:id",
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: "Un compte",
        params: IdParams,
        response: { 200: UserView, ...errorResponses },
      },
    },
    async (request) => service.getUser(ctxOf(request), request.params.id),
  );
  app.post(
    "/api/users",
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: "Créer un compte",
        body: UserCreate,
        response: { 201: UserView, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createUser(ctxOf(request), request.body)),
  );
  app.patch(
    "/api/users/:id",
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: "Modifier un compte (rôle, service, fiche agent, nom affiché)",
        params: IdParams,
        body: UserUpdate,
        response: { 200: UserView, ...errorResponses },
      },
    },
    async (request) => service.updateUser(ctxOf(request), request.params.id, request.body),
  );
  for (const [verb, disabled] of [
    ["disable", true],
    ["enable", false],
  ] as const) {
    app.post(
      `/api/users/:id/${verb}`,
      {
        config: { access: ADMIN },
        schema: {
          tags,
          summary: disabled ? "Désactiver un compte (ses sessions prennent fin)" : "Réactiver un compte",
          params: IdParams,
          body: Type.Optional(Type.Object({}, { additionalProperties: false })),
          response: { 200: UserView, ...errorResponses },
        },
      },
      async (request) => service.setDisabled(ctxOf(request), request.params.id, disabled),
    );
  }
}
