import { Type } from "@sinclair/typebox";
import { errorResponses, IdParams } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import { CRISIS_DECIDERS, CRISIS_MEMBERS, CRISIS_READERS } from "../access.js";
import {
  ReportCreate,
  ReportPage,
  ReportQuery,
  ReportUpdate,
  ReportView,
  ScheduleUpdate,
  ScheduleView,
} from "./schema.js";
import * as service from "./service.js";

const tags = ["crisis"];
const NoBody = Type.Optional(Type.Object({}, { additionalProperties: false }));

export default async function reportRoutes(app: App) {
  app.get(
    "/api/crisis/reports",
    {
      config: { access: CRISIS_READERS },
      schema: {
        tags,
        summary: "Bilans (points de situation)",
        querystring: ReportQuery,
        response: { 200: ReportPage, ...errorResponses },
      },
    },
    async (request) => service.listReports(ctxOf(request), request.query),
  );
  app.get(
    "/api/crisis/reports/:id",
    {
      config: { access: CRISIS_READERS },
      schema: {
        tags,
        summary: "Un bilan et ses chiffres",
        params: IdParams,
        response: { 200: ReportView, ...errorResponses },
      },
    },
    async (request) => service.getReport(ctxOf(request), request.params.id),
  );
  app.post(
    "/api/crisis/reports",
    {
      config: { access: CRISIS_MEMBERS },
      schema: {
        tags,
        summary: "Générer un bilan pour une date et une heure",
        body: ReportCreate,
        response: { 201: ReportView, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createReport(ctxOf(request), request.body)),
  );
  app.patch(
    "/api/crisis/reports/:id",
    {
      config: { access: CRISIS_MEMBERS },
      schema: {
        tags,
        summary: "Commenter un bilan (brouillon)",
        params: IdParams,
        body: ReportUpdate,
        response: { 200: ReportView, ...errorResponses },
      },
    },
    async (request) =>
      service.updateReport(ctxOf(request), request.params.id, { comment: request.body.comment }),
  );
  app.post(
    "/api/crisis/reports/:id/regenerate",
    {
      config: { access: CRISIS_MEMBERS },
      schema: {
        tags,
        summary: "Recalculer les chiffres d'un brouillon",
        params: IdParams,
        body: NoBody,
        response: { 200: ReportView, ...errorResponses },
      },
    },
    async (request) => service.updateReport(ctxOf(request), request.params.id, { regenerate: true }),
  );
  app.post(
    "/api/crisis/reports/:id/freeze",
    {
      config: { access: CRISIS_MEMBERS },
      schema: {
        tags,
        summary: "Figer un bilan (numéro attribué)",
        params: IdParams,
        body: NoBody,
        response: { 200: ReportView, ...errorResponses },
      },
    },
    async (request) => service.freezeReport(ctxOf(request), request.params.id),
  );
  app.get(
    "/api/crisis/reports/:id/pdf",
    { config: { access: CRISIS_READERS }, schema: { tags, summary: "Le bilan en PDF", params: IdParams } },
    async (request, reply) => {
      const file = await service.reportPdf(ctxOf(request), request.params.id);
      return reply
        .type("application/pdf")
        .header("content-disposition", `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
  app.get(
    "/api/crisis/reports/:id/markdown",
    {
      config: { access: CRISIS_READERS },
      schema: { tags, summary: "Le bilan en Markdown", params: IdParams },
    },
    async (request, reply) => {
      const file = await service.reportMarkdown(ctxOf(request), request.params.id);
      return reply
        .type("text/markdown; charset=utf-8")
        .header("content-disposition", `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
  app.get(
    "/api/crisis/report-schedule",
    {
      config: { access: CRISIS_READERS },
      schema: {
        tags,
        summary: "Bilan quotidien programmé",
        response: { 200: ScheduleView, ...errorResponses },
      },
    },
    async (request) => service.getSchedule(ctxOf(request)),
  );
  app.put(
    "/api/crisis/report-schedule",
    {
      config: { access: CRISIS_DECIDERS },
      schema: {
        tags,
        summary: "Programmer le bilan quotidien (heure locale de l'organisation)",
        body: ScheduleUpdate,
        response: { 200: ScheduleView, ...errorResponses },
      },
    },
    async (request) => service.setSchedule(ctxOf(request), request.body),
  );
}
