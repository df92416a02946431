import { Type } from "@sinclair/typebox";
import { ALL_ROLES, MANAGERS } from "../http/access.js";
import { errorResponses, IdParams, Page } from "../http/schemas.js";
import type { App } from "../http/types.js";
import { ctxOf } from "../shared/request.js";
import {
  AttachmentParams,
  CallParams,
  DiscardBody,
  FromCall,
  MergeBody,
  MoveBody,
  NoteCreate,
  PhoneNote,
  ReplyCreate,
  RequestDetail,
  RequestListItem,
  RequestQuery,
  RequestUpdate,
} from "./schema.js";
import * as service from "./service.js";

const tags = ["requests"];
const Empty = Type.Optional(Type.Object({}, { additionalProperties: false }));

export default async function requestRoutes(app: App) {
  app.get(
    "/api/requests",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "File des demandes (les plus urgentes puis les plus proches de l'échéance)",
        querystring: RequestQuery,
        response: { 200: Page(RequestListItem), ...errorResponses },
      },
    },
    async (request) => service.listRequests(ctxOf(request), request.query),
  );
  app.get(
    "/api/requests/:id",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Une demande",
        params: IdParams,
        response: { 200: RequestDetail, ...errorResponses },
      },
    },
    async (request) => service.getRequest(ctxOf(request), request.params.id),
  );
  app.get(
    "/api/requests/:id/attachments/:attachmentId",
    {
      config: { access: ALL_ROLES },
      schema: { tags, summary: "Télécharger une pièce jointe", params: AttachmentParams },
    },
    async (request, reply) => {
      const a = await service.getAttachment(ctxOf(request), request.params.id, request.params.attachmentId);
      return reply
        .header("content-type", a.contentType)
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "sandbox")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`)
        .send(a.content);
    },
  );
  app.post(
    "/api/requests",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Noter un appel téléphonique comme demande",
        body: PhoneNote,
        response: { 201: RequestDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createPhoneNote(ctxOf(request), request.body)),
  );
  app.post(
    "/api/requests/from-call/:callId",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Ouvrir une demande à partir d'un appel du journal",
        params: CallParams,
        body: FromCall,
        response: { 201: RequestDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createFromCall(ctxOf(request), request.params.callId, request.body)),
  );
  app.patch(
    "/api/requests/:id",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Statut, priorité, échéance, attribution",
        params: IdParams,
        body: RequestUpdate,
        response: { 200: RequestDetail, ...errorResponses },
      },
    },
    async (request) => service.updateRequest(ctxOf(request), request.params.id, request.body),
  );
  app.post(
    "/api/requests/:id/notes",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Ajouter une note interne",
        params: IdParams,
        body: NoteCreate,
        response: { 201: RequestDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addNote(ctxOf(request), request.params.id, request.body.body)),
  );
  app.post(
    "/api/requests/:id/replies",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Répondre au demandeur (lien de suivi et e-mail)",
        params: IdParams,
        body: ReplyCreate,
        response: { 201: RequestDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.reply(ctxOf(request), request.params.id, request.body)),
  );
  app.post(
    "/api/requests/:id/move",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Transférer à un autre service (avec le motif)",
        params: IdParams,
        body: MoveBody,
      },
    },
    async (request) =>
      service.moveRequest(ctxOf(request), request.params.id, request.body.serviceId, request.body.reason),
  );
  app.post(
    "/api/requests/:id/merge",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Fusionner ce doublon dans une autre demande",
        params: IdParams,
        body: MergeBody,
        response: { 200: RequestDetail, ...errorResponses },
      },
    },
    async (request) => service.mergeRequest(ctxOf(request), request.params.id, request.body.intoId),
  );
  app.post(
    "/api/requests/:id/release",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Sortir une demande de la quarantaine",
        params: IdParams,
        body: Empty,
        response: { 200: RequestDetail, ...errorResponses },
      },
    },
    async (request) => service.releaseRequest(ctxOf(request), request.params.id),
  );
  app.post(
    "/api/requests/:id/discard",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Écarter une demande en quarantaine (gardée, close, avec le motif)",
        params: IdParams,
        body: DiscardBody,
        response: { 200: RequestDetail, ...errorResponses },
      },
    },
    async (request) => service.discardRequest(ctxOf(request), request.params.id, request.body.reason),
  );
}
