import { Type } from "@sinclair/typebox";
import { IdParams } from "../http/schemas.js";
import type { App } from "../http/types.js";
import { ctxOf } from "../shared/request.js";
import { AnalysisCreate, AnalysisQuery } from "./schema.js";
import * as service from "./service.js";

const tags = ["resilience"];
const READERS = ["admin", "pca_manager", "crisis_cell"] as const;

export default async function resilienceRoutes(app: App) {
  app.post(
    "/api/resilience/analyses",
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: "Simuler un scénario d'absentéisme (Monte Carlo) et classer les actions",
        body: AnalysisCreate,
      },
    },
    async (request, reply) => reply.code(201).send(await service.runAnalysis(ctxOf(request), request.body)),
  );
  app.get(
    "/api/resilience/analyses",
    {
      config: { access: READERS },
      schema: { tags, summary: "Analyses de résilience", querystring: AnalysisQuery },
    },
    async (request) =>
      service.listAnalyses(ctxOf(request), request.query.limit ?? 50, request.query.offset ?? 0),
  );
  app.get(
    "/api/resilience/analyses/:id",
    { config: { access: READERS }, schema: { tags, summary: "Une analyse", params: IdParams } },
    async (request) => service.getAnalysis(ctxOf(request), request.params.id),
  );
  app.get(
    "/api/resilience/analyses/:id/export.csv",
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: "Export tableur (CSV ; UTF-8)",
        params: IdParams,
        querystring: Type.Object({}, { additionalProperties: false }),
      },
    },
    async (request, reply) =>
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="resilience-${request.params.id}.csv"`)
        .send(await service.exportCsv(ctxOf(request), request.params.id)),
  );
}
