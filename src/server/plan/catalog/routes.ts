// /api/skills and /api/applications: the same routes over two catalogues.
import { type TSchema, Type } from "@sinclair/typebox";
import { ALL_ROLES, PLAN_EDITORS } from "../../http/access.js";
import { errorResponses, IdParams, Page } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import {
  ApplicationCreate,
  ApplicationUpdate,
  ApplicationView,
  type CatalogKind,
  CatalogQuery,
  SkillCreate,
  SkillUpdate,
  SkillView,
} from "./schema.js";
import * as service from "./service.js";

const tags = ["plan"];

const KINDS: {
  kind: CatalogKind;
  create: TSchema;
  update: TSchema;
  view: TSchema;
  label: { list: string; one: string; create: string; update: string; archive: string; restore: string };
}[] = [
  {
    kind: "skills",
    create: SkillCreate,
    update: SkillUpdate,
    view: SkillView,
    label: {
      list: "Lister les compétences",
      one: "Une compétence",
      create: "Créer une compétence",
      update: "Renommer une compétence",
      archive: "Archiver une compétence",
      restore: "Restaurer une compétence",
    },
  },
  {
    kind: "applications",
    create: ApplicationCreate,
    update: ApplicationUpdate,
    view: ApplicationView,
    label: {
      list: "Lister les applications",
      one: "Une application",
      create: "Créer une application",
      update: "Modifier une application",
      archive: "Archiver une application",
      restore: "Restaurer une application",
    },
  },
];

type Input = { name?: string; description?: string };

export default async function catalogRoutes(app: App) {
  for (const { kind, create, update, view, label } of KINDS) {
    const base = `/api/${kind}`;
    app.get(
      base,
      {
        config: { access: ALL_ROLES },
        schema: {
          tags,
          summary: label.list,
          querystring: CatalogQuery,
          response: { 200: Page(view), ...errorResponses },
        },
      },
      async (request) => service.listItems(ctxOf(request), kind, request.query),
    );
    app.get(
      `${base}/:id`,
      {
        config: { access: ALL_ROLES },
        schema: { tags, summary: label.one, params: IdParams, response: { 200: view, ...errorResponses } },
      },
      async (request) => service.getItem(ctxOf(request), kind, request.params.id),
    );
    app.post(
      base,
      {
        config: { access: PLAN_EDITORS },
        schema: { tags, summary: label.create, body: create, response: { 201: view, ...errorResponses } },
      },
      async (request, reply) =>
        reply.code(201).send(await service.createItem(ctxOf(request), kind, request.body as Input)),
    );
    app.patch(
      `${base}/:id`,
      {
        config: { access: PLAN_EDITORS },
        schema: {
          tags,
          summary: label.update,
          params: IdParams,
          body: update,
          response: { 200: view, ...errorResponses },
        },
      },
      async (request) => service.updateItem(ctxOf(request), kind, request.params.id, request.body as Input),
    );
    for (const [verb, archived] of [
      ["archive", true],
      ["restore", false],
    ] as const) {
      app.post(
        `${base}/:id/${verb}`,
        {
          config: { access: PLAN_EDITORS },
          schema: {
            tags,
            summary: archived ? label.archive : label.restore,
            params: IdParams,
            body: Type.Optional(Type.Object({}, { additionalProperties: false })),
            response: { 200: view, ...errorResponses },
          },
        },
        async (request) => service.updateItem(ctxOf(request), kind, request.params.id, { archived }),
      );
    }
  }
}
