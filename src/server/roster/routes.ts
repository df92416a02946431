import { Type } from "@sinclair/typebox";
import { MANAGERS } from "../http/access.js";
import { errorResponses, IdParams } from "../http/schemas.js";
import type { App } from "../http/types.js";
import { ctxOf } from "../shared/request.js";
import {
  CheckView,
  LockQuery,
  LockSet,
  LockView,
  MyRequestQuery,
  MyRequestSet,
  MyRequestsView,
  NeedsUpdate,
  PeriodCreate,
  PeriodListItem,
  PeriodView,
  RequestQuery,
  RequestSet,
  RequestView,
  ScheduleQuery,
  ScheduleView,
  SettingsUpdate,
  SickBody,
  SolveBody,
  VersionParams,
  VersionSummary,
  VersionView,
} from "./schema.js";
import * as service from "./service.js";

const tags = ["roster"];
const Empty = Type.Optional(Type.Object({}, { additionalProperties: false }));

export default async function rosterRoutes(app: App) {
  app.get(
    "/api/rosters",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Plannings de roulement",
        response: { 200: Type.Object({ items: Type.Array(PeriodListItem) }), ...errorResponses },
      },
    },
    async (request) => service.listPeriods(ctxOf(request)),
  );
  app.post(
    "/api/rosters",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Créer une période de planning",
        body: PeriodCreate,
        response: { 201: PeriodView, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createPeriod(ctxOf(request), request.body)),
  );
  app.get(
    "/api/rosters/:id",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Une période de planning",
        params: IdParams,
        response: { 200: PeriodView, ...errorResponses },
      },
    },
    async (request) => service.getPeriod(ctxOf(request), request.params.id),
  );
  app.put(
    "/api/rosters/:id/needs",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Modifier des besoins",
        params: IdParams,
        body: NeedsUpdate,
        response: { 200: PeriodView, ...errorResponses },
      },
    },
    async (request) => service.updateNeeds(ctxOf(request), request.params.id, request.body),
  );
  app.put(
    "/api/rosters/:id/locks",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Verrouiller une case (saisie à la main)",
        params: IdParams,
        body: LockSet,
        response: { 200: LockView, ...errorResponses },
      },
    },
    async (request) => service.setLock(ctxOf(request), request.params.id, request.body),
  );
  app.delete(
    "/api/rosters/:id/locks",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Déverrouiller une case",
        params: IdParams,
        querystring: LockQuery,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.removeLock(ctxOf(request), request.params.id, request.query);
      return reply.code(204).send(null);
    },
  );
  app.put(
    "/api/rosters/:id/settings",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Régler les poids des objectifs et les limites du planning",
        params: IdParams,
        body: SettingsUpdate,
        response: { 200: PeriodView, ...errorResponses },
      },
    },
    async (request) => service.updateSettings(ctxOf(request), request.params.id, request.body),
  );
  app.get(
    "/api/rosters/:id/check",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Vérifier le planning avant calcul (verrous contradictoires, capacités, besoins)",
        params: IdParams,
        response: { 200: CheckView, ...errorResponses },
      },
    },
    async (request) => service.check(ctxOf(request), request.params.id),
  );
  app.put(
    "/api/rosters/:id/requests",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Saisir le souhait d'un agent (sur site ou non) pour un jour",
        params: IdParams,
        body: RequestSet,
        response: { 200: RequestView, ...errorResponses },
      },
    },
    async (request) => service.setRequest(ctxOf(request), request.params.id, request.body),
  );
  app.delete(
    "/api/rosters/:id/requests",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Retirer le souhait d'un agent",
        params: IdParams,
        querystring: RequestQuery,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.removeRequest(ctxOf(request), request.params.id, request.query);
      return reply.code(204).send(null);
    },
  );
  app.post(
    "/api/rosters/:id/solve",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Calculer un planning (brouillon)",
        params: IdParams,
        body: SolveBody,
        response: { 201: VersionSummary, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.solve(ctxOf(request), request.params.id, request.body)),
  );
  app.post(
    "/api/rosters/:id/sick",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Déclarer un agent malade et proposer un planning réparé",
        params: IdParams,
        body: SickBody,
        response: { 201: VersionSummary, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.markSick(ctxOf(request), request.params.id, request.body)),
  );
  app.get(
    "/api/rosters/:id/versions/:versionId",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Une version du planning",
        params: VersionParams,
        response: { 200: VersionView, ...errorResponses },
      },
    },
    async (request) => service.getVersion(ctxOf(request), request.params.id, request.params.versionId),
  );
  app.post(
    "/api/rosters/:id/versions/:versionId/publish",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Publier une version",
        params: VersionParams,
        body: Empty,
        response: { 200: VersionSummary, ...errorResponses },
      },
    },
    async (request) => service.publish(ctxOf(request), request.params.id, request.params.versionId),
  );
  app.get(
    "/api/rosters/:id/versions/:versionId/export.xlsx",
    {
      config: { access: MANAGERS },
      schema: { tags, summary: "Planning au format XLSX", params: VersionParams },
    },
    async (request, reply) =>
      reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="planning-${request.params.versionId}.xlsx"`)
        .send(await service.exportXlsx(ctxOf(request), request.params.id, request.params.versionId)),
  );
  app.get(
    "/api/rosters/:id/versions/:versionId/export.pdf",
    {
      config: { access: MANAGERS },
      schema: { tags, summary: "Planning au format PDF (affichage)", params: VersionParams },
    },
    async (request, reply) =>
      reply
        .type("application/pdf")
        .header("content-disposition", `attachment; filename="planning-${request.params.versionId}.pdf"`)
        .send(await service.exportPdf(ctxOf(request), request.params.id, request.params.versionId)),
  );
  app.get(
    "/api/me/roster-requests",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Mes souhaits de présence sur site",
        querystring: ScheduleQuery,
        response: { 200: MyRequestsView, ...errorResponses },
      },
    },
    async (request) => service.myRequests(ctxOf(request), request.query),
  );
  app.put(
    "/api/me/roster-requests",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Demander à venir sur site (ou non) un jour",
        body: MyRequestSet,
        response: { 200: RequestView, ...errorResponses },
      },
    },
    async (request) => service.setMyRequest(ctxOf(request), request.body),
  );
  app.delete(
    "/api/me/roster-requests",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Retirer un de mes souhaits",
        querystring: MyRequestQuery,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.removeMyRequest(ctxOf(request), request.query.day);
      return reply.code(204).send(null);
    },
  );
  app.get(
    "/api/me/schedule",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Mon planning sur site",
        querystring: ScheduleQuery,
        response: { 200: ScheduleView, ...errorResponses },
      },
    },
    async (request) => service.mySchedule(ctxOf(request), request.query),
  );
}
