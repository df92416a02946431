// The public side: the form anyone can post (no account), and the private follow-up link.
// Spam control without third parties: a honeypot field (the request is kept, in quarantine), size
// limits, a rate limit per client address kept in the database (several processes may serve the
// form), and Idempotency-Key so a retried POST never makes a second request.
import { createCipheriv, createDecipheriv, createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { writeAudit } from "../../audit/repository.js";
import type { DB } from "../../db/schema.js";
import { AppError, errors, isStatementRefused, isUniqueViolation } from "../../http/errors.js";
import { GroupCommit } from "../../shared/group-commit.js";
import { newId, secureRandomBytes, sha256 } from "../../shared/ids.js";
import {
  alertOnCall,
  allowedTypesText,
  attachmentProblem,
  type IncomingAttachment,
  MAX_ATTACHMENTS,
  prepareRequest,
  storeAttachments,
} from "../intake.js";
import * as requests from "../repository.js";
import { loadOrgTriage } from "../triage.js";
import * as repo from "./repository.js";
import type { PublicAnswer, PublicMessageBody, PublicRequestBody, PublicRequestView } from "./schema.js";

export const RATE_WINDOW_SECONDS = 600;
/** Submissions of the form per client address and window (a family may send a few; robots more). */
export const FORM_LIMIT = 10;
/** Additions through follow-up links per client address and window. */
export const FOLLOW_LIMIT = 30;

/** The start of the fixed rate-limit window holding `now`. */
const windowStart = (now: Date) => {
  const windowMs = RATE_WINDOW_SECONDS * 1000;
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
};

/**
 * Counts a hit for the client address in the current fixed window (`relais_count_hits`); above the
 * limit the caller is told to come back later (429 with Retry-After): refused, never silently dropped.
 */
export async function checkRate(
  db: Kysely<DB>,
  bucket: string,
  limit: number,
  now = new Date(),
): Promise<void> {
  const start = windowStart(now);
  if ((await repo.countHit(db, bucket, start)) > limit) throw tooFast(start, now);
}

function tooFast(start: Date, now: Date): AppError {
  const retry = Math.max(1, Math.ceil((start.getTime() + RATE_WINDOW_SECONDS * 1000 - now.getTime()) / 1000));
  return new AppError(
    429,
    "too_many_requests",
    `Trop d'envois depuis votre connexion. Votre message n'a pas été enregistré : réessayez dans ${Math.ceil(retry / 60)} minute(s), ou appelez le numéro d'accueil en cas d'urgence.`,
    [],
    { "retry-after": String(retry) },
  );
}

// ---- Idempotency: the answer holds the follow-up token, so it is stored encrypted ----

const idemKeyHash = (org: string, key: string) => sha256(`idempotency:${org}:${key}`);
const idemCipherKey = (org: string, key: string) =>
  createHash("sha256").update(`idempotency-cipher:${org}:${key}`).digest();

/** Only the token is sealed: the reference is read back from the request on a replay. */
function seal(org: string, key: string, token: string): Buffer {
  const iv = secureRandomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", idemCipherKey(org, key), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify({ token }), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function openToken(org: string, key: string, sealed: Uint8Array): string {
  const b = Buffer.from(sealed);
  const decipher = createDecipheriv("aes-256-gcm", idemCipherKey(org, key), b.subarray(0, 12));
  decipher.setAuthTag(b.subarray(12, 28));
  const opened = JSON.parse(
    Buffer.concat([decipher.update(b.subarray(28)), decipher.final()]).toString("utf8"),
  ) as {
    token: string;
  };
  return opened.token;
}

function answerOf(reference: string, token: string): PublicAnswer {
  return {
    reference,
    token,
    followUpUrl: `/suivi/${token}`,
    message: `Votre demande est enregistrée sous la référence ${reference}. Gardez le lien de suivi : il permet de lire nos réponses et de compléter votre demande.`,
  };
}

function bodyHash(body: PublicRequestBody, files: readonly IncomingAttachment[]): string {
  const h = createHash("sha256").update(JSON.stringify({ ...body, attachments: undefined }));
  for (const f of files) h.update(f.filename).update(f.contentType).update(f.content);
  return h.digest("hex");
}

function checkReplay(
  org: string,
  key: string,
  hash: string,
  row: { body_hash: string; answer: Uint8Array; reference: string },
): PublicAnswer {
  if (row.body_hash !== hash) {
    throw errors.unprocessable(
      "idempotency_key_reused",
      "Cette clé d'idempotence a déjà servi pour un autre envoi : générez une nouvelle clé pour une nouvelle demande.",
      [{ field: "Idempotency-Key", message: "déjà utilisée avec un contenu différent" }],
    );
  }
  return answerOf(row.reference, openToken(org, key, row.answer));
}

async function replay(db: Kysely<DB>, org: string, key: string, hash: string): Promise<PublicAnswer | null> {
  const row = await db
    .selectFrom("request_idempotency as i")
    .innerJoin("requests as r", "r.id", "i.request_id")
    .select(["i.body_hash", "i.answer", "r.reference"])
    .where("i.key_hash", "=", idemKeyHash(org, key))
    .executeTakeFirst();
  return row ? checkReplay(org, key, hash, row) : null;
}

// ---- Organisations by slug (cached: slugs do not change) ----

const orgBySlug = new Map<string, { id: string; at: number }>();
async function findOrgId(db: Kysely<DB>, slug: string): Promise<string> {
  const hit = orgBySlug.get(slug);
  if (hit && Date.now() - hit.at < 60_000) return hit.id;
  const org = await db.selectFrom("orgs").select("id").where("slug", "=", slug).executeTakeFirst();
  if (!org) {
    throw errors.validation("Organisation inconnue : vérifiez l'adresse du formulaire.", [
      { field: "org", message: "organisation inconnue" },
    ]);
  }
  if (orgBySlug.size > 10_000) orgBySlug.clear();
  orgBySlug.set(slug, { id: org.id, at: Date.now() });
  return org.id;
}

export function decodeJsonAttachments(body: PublicRequestBody): IncomingAttachment[] {
  return (body.attachments ?? []).map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    content: Buffer.from(a.content, "base64"),
  }));
}

/** Files of the public form must be acceptable as they are: the requester is told what to fix. */
function assertFiles(files: readonly IncomingAttachment[]): void {
  if (files.length > MAX_ATTACHMENTS) throw errors.tooLarge(`${MAX_ATTACHMENTS} pièces jointes au plus.`);
  for (const f of files) {
    const problem = attachmentProblem(f);
    if (problem) {
      throw new AppError(
        problem.includes("volumineux") ? 413 : 415,
        problem.includes("volumineux") ? "payload_too_large" : "unsupported_media_type",
        `Pièce jointe « ${f.filename} » refusée : ${problem}. Formats acceptés : ${allowedTypesText()}.`,
        [{ field: "attachments", message: problem }],
      );
    }
  }
}

export interface SubmitContext {
  db: Kysely<DB>;
  ip: string;
  idempotencyKey: string | null;
  now?: Date;
}

/**
 * Plain submissions (not urgent, no file) are group-committed: those arriving while the previous
 * batch is written go together in the next call (migration 0016), each answered after its commit.
 * One writer per database; two batches in flight keep both the server and the database busy.
 */
const writers = new WeakMap<Kysely<DB>, GroupCommit<repo.FormSubmission, repo.SubmitOutcome>>();
function writerOf(db: Kysely<DB>): GroupCommit<repo.FormSubmission, repo.SubmitOutcome> {
  let w = writers.get(db);
  if (!w) {
    w = new GroupCommit(
      (items) => repo.submitForms(db, items),
      async (item) => (await repo.submitForms(db, [item]))[0]!,
      {
        maxBatch: 64,
        maxInFlight: 2,
        batchKey: (s) => `${s.window.toISOString()} ${s.limit}`,
        conflictKey: (s) => s.keyHash,
        retryAlone: isStatementRefused,
      },
    );
    writers.set(db, w);
  }
  return w;
}

/**
 * The common case is one statement shared with the other submissions of the moment:
 * `relais_submit_requests` counts the hit for the address, answers a replayed Idempotency-Key, or
 * stores the request with its reference, audit row and idempotency answer. An urgent request
 * (on-call alert) or one with attachments runs the same call alone, inside a transaction that also
 * writes those.
 */
export async function submit(
  c: SubmitContext,
  body: PublicRequestBody,
  files: readonly IncomingAttachment[],
): Promise<PublicAnswer> {
  const now = c.now ?? new Date();
  const key = c.idempotencyKey?.trim() || null;
  if (key !== null && (key.length < 8 || key.length > 200)) {
    throw errors.validation("En-tête Idempotency-Key invalide : de 8 à 200 caractères.", [
      { field: "Idempotency-Key", message: "de 8 à 200 caractères" },
    ]);
  }
  const hash = key ? bodyHash(body, files) : "";
  assertFiles(files);
  if (body.consent && !body.email?.trim() && !body.phone?.trim()) {
    throw errors.validation("Pour être recontacté, indiquez une adresse e-mail ou un numéro de téléphone.", [
      { field: "email", message: "e-mail ou téléphone attendu quand vous acceptez d'être recontacté" },
    ]);
  }
  const orgId = await findOrgId(c.db, body.org);
  const org = await loadOrgTriage(c.db, orgId);
  const honeypot = body.website?.trim() ? "champ piège rempli (envoi automatique probable)" : null;
  const p = prepareRequest(org, {
    channel: "web",
    category: body.category,
    subject: body.category ?? "",
    message: body.message,
    requester: {
      name: body.name,
      email: body.email,
      phone: body.phone,
      address: body.address,
      number: body.number,
      kind: body.kind,
    },
    consent: body.consent,
    quarantineReason: honeypot,
    ip: c.ip,
    now,
  });
  const start = windowStart(now);
  const submission: repo.FormSubmission = {
    bucket: `form:${c.ip}`,
    window: start,
    limit: FORM_LIMIT,
    keyHash: key ? idemKeyHash(body.org, key) : null,
    bodyHash: hash,
    answer: key ? seal(body.org, key, p.token) : null,
    request: { ...p.values, flags: p.flags },
    audit: {
      org_id: org.orgId,
      user_id: p.audit.userId,
      action: p.audit.action,
      entity: p.audit.entity,
      entity_id: p.audit.entityId ?? null,
      after: p.audit.after,
      ip: c.ip,
    },
  };
  const outcomeOf = (r: repo.SubmitOutcome): PublicAnswer => {
    if (r.outcome === "replay" && key) {
      return checkReplay(body.org, key, hash, {
        body_hash: r.prev_body_hash ?? "",
        answer: r.prev_answer ?? new Uint8Array(),
        reference: r.reference ?? "",
      });
    }
    if (r.outcome === "rate_limited") throw tooFast(start, now);
    return answerOf(r.reference ?? "", p.token);
  };
  try {
    if (!p.urgent && files.length === 0) return outcomeOf(await writerOf(c.db).submit(submission));
    return await c.db.transaction().execute(async (trx) => {
      const [r] = await repo.submitForms(trx, [submission]);
      if (r!.outcome === "created") {
        await storeAttachments(trx, org.orgId, p.values.id, null, files);
        const row = await requests.findRequest(trx, org.orgId, p.values.id);
        if (row?.urgent && row.quarantine_reason === null) await alertOnCall(trx, org, row);
      }
      return outcomeOf(r!);
    });
  } catch (err) {
    // Two copies of the same POST at once (in two processes): the second waited for the first and
    // now reads its answer.
    if (key && isUniqueViolation(err)) {
      const previous = await replay(c.db, body.org, key, hash);
      if (previous) return previous;
    }
    throw err;
  }
}

// ---- Follow-up link ----

const STATUS_LABELS: Record<string, string> = {
  new: "Reçue",
  in_progress: "En cours de traitement",
  waiting_requester: "En attente de votre réponse",
  resolved: "Traitée",
  closed: "Clôturée",
};

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

async function byToken(db: Kysely<DB>, token: string) {
  const row = TOKEN_SHAPE.test(token) ? await requests.findByTokenHash(db, sha256(token)) : undefined;
  if (!row || row.anonymised_at) throw errors.notFound("Demande");
  return row;
}

export async function followUp(db: Kysely<DB>, token: string): Promise<PublicRequestView> {
  const row = await byToken(db, token);
  const [messages, attachments, merged] = await Promise.all([
    requests.listMessages(db, row.id, ["requester", "reply"]),
    requests.listAttachments(db, row.id),
    row.merged_into ? requests.findRequest(db, row.org_id, row.merged_into) : Promise.resolve(undefined),
  ]);
  const filesOf = (messageId: string | null) =>
    attachments
      .filter((a) => a.message_id === messageId)
      .map((a) => ({ filename: a.filename, size: a.size_bytes }));
  return {
    reference: row.reference,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status] ?? row.status,
    category: row.category,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    message: row.message,
    attachments: filesOf(null),
    messages: messages.map((m) => ({
      from: m.kind === "reply" ? ("staff" as const) : ("requester" as const),
      body: m.body,
      createdAt: new Date(m.created_at).toISOString(),
      attachments: filesOf(m.id),
    })),
    mergedInto: merged?.reference ?? null,
  };
}

/** The requester adds to their request through the link; a request waiting for them is reopened. */
export async function addMessage(
  c: { db: Kysely<DB>; ip: string },
  token: string,
  body: PublicMessageBody,
  files: readonly IncomingAttachment[],
): Promise<PublicRequestView> {
  assertFiles(files);
  await checkRate(c.db, `follow:${c.ip}`, FOLLOW_LIMIT);
  await c.db.transaction().execute(async (trx) => {
    const row = await byToken(trx, token);
    const honeypot = body.website?.trim() ? "champ piège rempli (envoi automatique probable)" : null;
    const messageId = newId();
    await requests.insertMessage(trx, {
      id: messageId,
      org_id: row.org_id,
      request_id: row.id,
      kind: "requester",
      channel: "web",
      body: body.message,
      author_id: null,
      quarantine_reason: honeypot,
    });
    if (files.length > 0) await storeAttachments(trx, row.org_id, row.id, messageId, files);
    const reopen = row.status !== "new" && row.status !== "in_progress" && !row.merged_into;
    await requests.updateRequest(
      trx,
      row.org_id,
      row.id,
      reopen ? { status: "in_progress", closed_at: null, resolved_at: null } : {},
    );
    await writeAudit(trx, {
      orgId: row.org_id,
      userId: null,
      action: "requester_message",
      entity: "request",
      entityId: row.id,
      before: { status: row.status },
      after: { messageId, reopened: reopen, attachments: files.length },
      ip: c.ip,
    });
  });
  return followUp(c.db, token);
}
