import { Type } from "@sinclair/typebox";
import { errorResponses } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import { CRISIS_MEMBERS, CRISIS_READERS, LOG_READERS } from "../access.js";
import {
  EntryParams,
  ExportQuery,
  LogEntryCorrection,
  LogEntryCreate,
  LogEntryView,
  LogEntryWithVersions,
  LogPage,
  LogQuery,
} from "./schema.js";
import * as service from "./service.js";

const tags = ["crisis"];

export default async function logRoutes(app: App) {
  app.get(
    "/api/crisis/log",
    {
      config: { access: LOG_READERS },
      schema: {
        tags,
        summary: "Main courante : entrées (dernière version), filtres et recherche plein texte",
        querystring: LogQuery,
        response: { 200: LogPage, ...errorResponses },
      },
    },
    async (request) => service.listEntries(ctxOf(request), request.query),
  );
  app.get(
    "/api/crisis/log/export",
    {
      config: { access: CRISIS_READERS },
      schema: { tags, summary: "Exporter la main courante (CSV ou Markdown)", querystring: ExportQuery },
    },
    async (request, reply) => {
      const file = await service.exportEntries(ctxOf(request), request.query);
      return reply
        .type(file.type)
        .header("content-disposition", `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
  app.get(
    "/api/crisis/log/:entryId",
    {
      config: { access: LOG_READERS },
      schema: {
        tags,
        summary: "Une entrée et toutes ses versions",
        params: EntryParams,
        response: { 200: LogEntryWithVersions, ...errorResponses },
      },
    },
    async (request) => service.getEntry(ctxOf(request), request.params.entryId),
  );
  app.post(
    "/api/crisis/log",
    {
      config: { access: CRISIS_MEMBERS },
      schema: {
        tags,
        summary: "Écrire dans la main courante",
        body: LogEntryCreate,
        response: { 201: LogEntryView, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createEntry(ctxOf(request), request.body)),
  );
  app.post(
    "/api/crisis/log/:entryId/versions",
    {
      config: { access: CRISIS_MEMBERS },
      schema: {
        tags,
        summary: "Corriger une entrée ou changer l'état d'une action (nouvelle version)",
        params: EntryParams,
        body: LogEntryCorrection,
        response: { 201: LogEntryView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.correctEntry(ctxOf(request), request.params.entryId, request.body)),
  );
  app.delete(
    "/api/crisis/log/:entryId",
    {
      config: { access: CRISIS_MEMBERS },
      schema: {
        tags,
        summary: "Refusé : une entrée ne se supprime pas, elle se corrige",
        params: EntryParams,
        response: {
          405: Type.Object({
            error: Type.Object({
              code: Type.String(),
              message: Type.String(),
              details: Type.Array(Type.Unknown()),
            }),
          }),
        },
      },
    },
    async () => service.refuseDelete(),
  );
}
