import { Type } from "@sinclair/typebox";
import { errorResponses, IdParams } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import { CRISIS_MEMBERS, CRISIS_READERS } from "../access.js";
import { LogEntryCreate, LogEntryView } from "../log/schema.js";
import { MeetingCreate, MeetingPage, MeetingQuery, MeetingUpdate, MeetingView } from "./schema.js";
import * as service from "./service.js";

const tags = ["crisis"];
const MeetingEntry = Type.Omit(LogEntryCreate, ["meetingId"], { additionalProperties: false });

export default async function meetingRoutes(app: App) {
  app.get(
    "/api/crisis/meetings",
    {
      config: { access: CRISIS_READERS },
      schema: {
        tags,
        summary: "Réunions de la cellule de crise",
        querystring: MeetingQuery,
        response: { 200: MeetingPage, ...errorResponses },
      },
    },
    async (request) => service.listMeetings(ctxOf(request), request.query),
  );
  app.get(
    "/api/crisis/meetings/:id",
    {
      config: { access: CRISIS_READERS },
      schema: {
        tags,
        summary: "Une réunion",
        params: IdParams,
        response: { 200: MeetingView, ...errorResponses },
      },
    },
    async (request) => service.getMeeting(ctxOf(request), request.params.id),
  );
  app.post(
    "/api/crisis/meetings",
    {
      config: { access: CRISIS_MEMBERS },
      schema: {
        tags,
        summary: "Créer une réunion",
        body: MeetingCreate,
        response: { 201: MeetingView, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createMeeting(ctxOf(request), request.body)),
  );
  app.patch(
    "/api/crisis/meetings/:id",
    {
      config: { access: CRISIS_MEMBERS },
      schema: {
        tags,
        summary: "Modifier une réunion",
        params: IdParams,
        body: MeetingUpdate,
        response: { 200: MeetingView, ...errorResponses },
      },
    },
    async (request) => service.updateMeeting(ctxOf(request), request.params.id, request.body),
  );
  app.post(
    "/api/crisis/meetings/:id/entries",
    {
      config: { access: CRISIS_MEMBERS },
      schema: {
        tags,
        summary: "Porter une note de la réunion à la main courante",
        params: IdParams,
        body: MeetingEntry,
        response: { 201: LogEntryView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addEntry(ctxOf(request), request.params.id, request.body)),
  );
}
