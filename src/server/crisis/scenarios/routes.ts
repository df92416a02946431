import { Type } from "@sinclair/typebox";
import { errorResponses, IdParams } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import { CRISIS_DECIDERS, CRISIS_READERS } from "../access.js";
import { ScenarioCreate, ScenarioList, ScenarioQuery, ScenarioUpdate, ScenarioView } from "./schema.js";
import * as service from "./service.js";

const tags = ["crisis"];

export default async function scenarioRoutes(app: App) {
  app.get(
    "/api/crisis/scenarios",
    {
      config: { access: CRISIS_READERS },
      schema: {
        tags,
        summary: "Lister les scénarios",
        querystring: ScenarioQuery,
        response: { 200: ScenarioList, ...errorResponses },
      },
    },
    async (request) => service.listScenarios(ctxOf(request), request.query),
  );
  app.get(
    "/api/crisis/scenarios/:id",
    {
      config: { access: CRISIS_READERS },
      schema: {
        tags,
        summary: "Un scénario et les modes de ses activités",
        params: IdParams,
        response: { 200: ScenarioView, ...errorResponses },
      },
    },
    async (request) => service.getScenario(ctxOf(request), request.params.id),
  );
  app.post(
    "/api/crisis/scenarios",
    {
      config: { access: CRISIS_DECIDERS },
      schema: {
        tags,
        summary: "Créer un scénario",
        body: ScenarioCreate,
        response: { 201: ScenarioView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createScenario(ctxOf(request), request.body)),
  );
  app.patch(
    "/api/crisis/scenarios/:id",
    {
      config: { access: CRISIS_DECIDERS },
      schema: {
        tags,
        summary: "Modifier un scénario (hypothèses, modes choisis)",
        params: IdParams,
        body: ScenarioUpdate,
        response: { 200: ScenarioView, ...errorResponses },
      },
    },
    async (request) => service.updateScenario(ctxOf(request), request.params.id, request.body),
  );
  for (const [verb, archived] of [
    ["archive", true],
    ["restore", false],
  ] as const) {
    app.post(
      `/api/crisis/scenarios/:id/${verb}`,
      {
        config: { access: CRISIS_DECIDERS },
        schema: {
          tags,
          summary: archived ? "Archiver un scénario" : "Restaurer un scénario",
          params: IdParams,
          body: Type.Optional(Type.Object({}, { additionalProperties: false })),
          response: { 200: ScenarioView, ...errorResponses },
        },
      },
      async (request) => service.updateScenario(ctxOf(request), request.params.id, { archived }),
    );
  }
}
