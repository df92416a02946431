// Public routes (listed in PUBLIC_ROUTES): the form and the follow-up link. Multipart posts are
// read before validation into the same fields as JSON, so one schema checks both.
import type { FastifyRequest } from "fastify";
import { errors } from "../../http/errors.js";
import { errorResponses } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { type IncomingAttachment, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "../intake.js";
import {
  PublicAnswer,
  PublicMessageBody,
  PublicRequestBody,
  PublicRequestView,
  TokenParams,
} from "./schema.js";
import * as service from "./service.js";

const tags = ["public"];
const files = new WeakMap<FastifyRequest, IncomingAttachment[]>();

/** Reads a multipart body into `request.body` (fields) and the request's files (kept in memory, bounded). */
async function readMultipart(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const fields: Record<string, string> = {};
  const found: IncomingAttachment[] = [];
  try {
    for await (const part of request.parts({
      limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_ATTACHMENTS, fields: 20, fieldSize: 20_000 },
    })) {
      if (part.type === "file") {
        const content = await part.toBuffer();
        if (part.filename) found.push({ filename: part.filename, contentType: part.mimetype, content });
      } else if (typeof part.value === "string") {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code ?? "";
    if (code === "FST_REQ_FILE_TOO_LARGE") {
      throw errors.tooLarge(
        `Pièce jointe trop volumineuse : ${MAX_ATTACHMENT_BYTES / 1_048_576} Mo au plus par fichier.`,
      );
    }
    if (code === "FST_FILES_LIMIT") throw errors.tooLarge(`${MAX_ATTACHMENTS} pièces jointes au plus.`);
    if (code === "FST_FIELDS_LIMIT" || code === "FST_PARTS_LIMIT")
      throw errors.tooLarge("Formulaire trop long.");
    throw err;
  }
  request.body = fields;
  files.set(request, found);
}

const clientIp = (request: FastifyRequest) => request.ip || "inconnue";

export default async function publicRequestRoutes(app: App) {
  app.post(
    "/api/public/requests",
    {
      config: { access: "public" },
      preValidation: readMultipart,
      schema: {
        tags,
        summary: "Déposer une demande (sans compte) : JSON ou formulaire avec pièces jointes",
        body: PublicRequestBody,
        response: { 201: PublicAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const header = request.headers["idempotency-key"];
      const attached = files.get(request) ?? service.decodeJsonAttachments(request.body);
      const answer = await service.submit(
        {
          db: request.server.deps.database.db,
          ip: clientIp(request),
          idempotencyKey: typeof header === "string" ? header : null,
        },
        request.body,
        attached,
      );
      return reply.code(201).header("cache-control", "no-store").send(answer);
    },
  );
  app.get(
    "/api/public/requests/:token",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Suivre sa demande avec le lien privé",
        params: TokenParams,
        response: { 200: PublicRequestView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const view = await service.followUp(request.server.deps.database.db, request.params.token);
      return reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer").send(view);
    },
  );
  app.post(
    "/api/public/requests/:token/messages",
    {
      config: { access: "public" },
      preValidation: readMultipart,
      schema: {
        tags,
        summary: "Compléter sa demande (message et pièces jointes)",
        params: TokenParams,
        body: PublicMessageBody,
        response: { 201: PublicRequestView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const view = await service.addMessage(
        { db: request.server.deps.database.db, ip: clientIp(request) },
        request.params.token,
        request.body,
        files.get(request) ?? [],
      );
      return reply.code(201).header("cache-control", "no-store").send(view);
    },
  );
}
