// Inbound e-mail: a message received for a service's mailbox becomes a request, or joins the request
// it answers. Nothing is dropped: the raw message is always kept (inbound_emails); broken MIME or an
// unknown charset puts the request in quarantine with the reason; a reference quoted by someone who
// is not the requester opens a new request flagged for review instead of joining.
import iconv from "iconv-lite";
import type { Kysely } from "kysely";
import type { AddressObject, ParsedMail } from "mailparser";
import { writeAudit } from "../../audit/repository.js";
import type { DB } from "../../db/schema.js";
import { newId, sha256 } from "../../shared/ids.js";
import { createRequest, type IncomingAttachment, storeAttachments } from "../intake.js";
import * as repo from "../repository.js";
import { loadOrgTriage } from "../triage.js";

export const MAX_MESSAGE_CHARS = 50_000;
/** The follow-up token may travel in this header (integrations, our own forms). */
export const TOKEN_HEADER = "x-relais-suivi";
const REFERENCE = /\bREL-(\d{4})-(\d{6,})\b/i;

export interface Mailbox {
  orgId: string;
  serviceId: string;
  address: string;
}

/** The services whose mailbox is this address (case-insensitive), first created first. */
export async function findMailbox(db: Kysely<DB>, address: string): Promise<Mailbox | null> {
  const row = await db
    .selectFrom("services")
    .select(["id", "org_id", "mailbox"])
    .where((eb) => eb(eb.fn("lower", ["mailbox"]), "=", address.trim().toLowerCase()))
    .where("archived_at", "is", null)
    .orderBy("created_at")
    .executeTakeFirst();
  return row ? { orgId: row.org_id, serviceId: row.id, address: address.trim().toLowerCase() } : null;
}

/** What is wrong with the MIME structure or charsets, in French (null: nothing seen). */
export function mimeProblem(raw: Buffer): string | null {
  const text = raw.toString("latin1");
  const headerEnd = text.search(/\r?\n\r?\n/);
  if (headerEnd < 0) return "MIME invalide : pas de séparation entre en-têtes et corps";
  for (const m of text.matchAll(/charset\s*=\s*"?([^";\s>]+)"?/gi)) {
    const cs = m[1]!.replace(/^['"]|['"]$/g, "");
    if (!iconv.encodingExists(cs)) return `jeu de caractères inconnu : ${cs}`;
  }
  for (const m of text.matchAll(/=\?([^?*]+)(?:\*[^?]*)?\?[QqBb]\?/g)) {
    if (!iconv.encodingExists(m[1]!)) return `jeu de caractères inconnu : ${m[1]}`;
  }
  for (const m of text.matchAll(/content-type:\s*multipart\/[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/gi)) {
    const b = /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(m[0]);
    if (!b) return "MIME invalide : message en plusieurs parties sans séparateur (boundary)";
    const boundary = b[1]!.trim();
    if (!text.includes(`--${boundary}`)) return "MIME invalide : séparateur de parties introuvable";
    if (!text.includes(`--${boundary}--`))
      return "MIME invalide : message tronqué (séparateur de fin absent)";
  }
  return null;
}

const firstAddress = (a: AddressObject | AddressObject[] | undefined) => {
  const list = Array.isArray(a) ? a.flatMap((x) => x.value) : (a?.value ?? []);
  return list[0] ?? null;
};

function bodyText(mail: ParsedMail | null, raw: Buffer): string {
  let text = mail?.text?.trim() ?? "";
  if (!text && typeof mail?.html === "string") {
    text = mail.html
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ")
      .replace(/<[^>]+>/g, " ")
      .replace(/&nbsp;/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  }
  if (!text && !mail) {
    // Unreadable structure: keep what a person can read of the body.
    const s = raw.toString("latin1");
    const start = s.search(/\r?\n\r?\n/);
    text = (start >= 0 ? s.slice(start) : s).trim();
  }
  return (text || "(message vide)").slice(0, MAX_MESSAGE_CHARS);
}

export interface InboundEnvelope {
  mailFrom: string;
  rcptTo: string;
  raw: Buffer;
  now?: Date;
}

export type InboundOutcome =
  | { outcome: "new_request"; requestId: string; reference: string; reason: string | null }
  | { outcome: "joined"; requestId: string; reference: string; reason: null }
  | { outcome: "quarantined"; requestId: string; reference: string; reason: string };

/** Finds the request a message answers: token header, In-Reply-To our reply, or [REL-…] in the subject. */
async function findThread(
  db: Kysely<DB>,
  orgId: string,
  mail: ParsedMail | null,
  sender: string | null,
): Promise<{ join: repo.RequestRow | null; review: string | null; related: string | null }> {
  if (!mail) return { join: null, review: null, related: null };
  const token = mail.headers.get(TOKEN_HEADER);
  if (typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token.trim())) {
    const row = await repo.findByTokenHash(db, sha256(token.trim()));
    if (row && row.org_id === orgId && !row.anonymised_at) return { join: row, review: null, related: null };
  }
  const matches = (row: repo.RequestRow) =>
    sender !== null && row.requester_email !== null && row.requester_email.toLowerCase() === sender;
  // A reply to one of our e-mails: its Message-ID is <delivery id@domain>, the delivery names the request.
  const refs = [
    mail.inReplyTo ?? "",
    ...(Array.isArray(mail.references) ? mail.references : [mail.references ?? ""]),
  ]
    .flatMap((r) => r.match(/<([0-9a-f-]{36})@/gi) ?? [])
    .map((r) => r.slice(1, 37).toLowerCase());
  for (const deliveryId of refs) {
    const d = await db
      .selectFrom("outbox_deliveries as d")
      .innerJoin("outbox_messages as m", "m.id", "d.message_id")
      .select(["m.key"])
      .where("d.id", "=", deliveryId)
      .where("d.org_id", "=", orgId)
      .executeTakeFirst();
    const requestId = d?.key.startsWith("request_reply:") ? d.key.split(":")[1] : undefined;
    if (!requestId) continue;
    const row = await repo.findRequest(db, orgId, requestId);
    if (row && !row.anonymised_at && matches(row)) return { join: row, review: null, related: null };
  }
  const ref = REFERENCE.exec(mail.subject ?? "");
  if (ref) {
    const reference = `REL-${ref[1]}-${ref[2]}`.toUpperCase();
    const row = await repo.findByReference(db, orgId, reference);
    if (!row) return { join: null, review: `Référence ${reference} citée mais inconnue`, related: null };
    if (row.anonymised_at)
      return { join: null, review: `Référence ${reference} : demande anonymisée`, related: row.id };
    if (matches(row)) return { join: row, review: null, related: null };
    return {
      join: null,
      review: `Référence ${reference} citée par une adresse autre que celle du demandeur : non rattachée, à vérifier`,
      related: row.id,
    };
  }
  return { join: null, review: null, related: null };
}

/** Files the message carried (limits are applied when stored: what exceeds them is quarantined). */
function attachmentsOf(mail: ParsedMail | null): IncomingAttachment[] {
  return (mail?.attachments ?? [])
    .filter((a) => a.contentDisposition !== "inline" || a.filename)
    .map((a) => ({
      filename: a.filename ?? "piece-jointe",
      contentType: a.contentType || "application/octet-stream",
      content: a.content,
    }));
}

export async function receiveEmail(
  db: Kysely<DB>,
  mailbox: Mailbox,
  env: InboundEnvelope,
): Promise<InboundOutcome> {
  const now = env.now ?? new Date();
  let problem = mimeProblem(env.raw);
  let mail: ParsedMail | null = null;
  try {
    const { simpleParser } = await import("mailparser"); // loaded on first mail (start-up time)
    mail = await simpleParser(env.raw, {
      skipImageLinks: true,
      skipTextToHtml: true,
      maxHtmlLengthToParse: 2_000_000,
    });
  } catch (err) {
    problem = `MIME illisible : ${(err instanceof Error ? err.message : String(err)).slice(0, 200)}`;
  }
  const from = firstAddress(mail?.from);
  const sender = (from?.address ?? env.mailFrom).trim().toLowerCase() || null;
  const subject = (mail?.subject ?? "").slice(0, 300);
  const text = bodyText(mail, env.raw);
  const files = attachmentsOf(mail);
  const org = await loadOrgTriage(db, mailbox.orgId);
  const thread = problem
    ? { join: null, review: null, related: null }
    : await findThread(db, mailbox.orgId, mail, sender);

  return db.transaction().execute(async (trx) => {
    const inboundId = newId();
    let result: InboundOutcome;
    if (thread.join) {
      const row = thread.join;
      const messageId = newId();
      await repo.insertMessage(trx, {
        id: messageId,
        org_id: row.org_id,
        request_id: row.id,
        kind: "requester",
        channel: "email",
        body: text,
        author_id: null,
        email_message_id: mail?.messageId ?? null,
      });
      if (files.length > 0) await storeAttachments(trx, row.org_id, row.id, messageId, files);
      const reopen = row.status !== "new" && row.status !== "in_progress" && !row.merged_into;
      await repo.updateRequest(
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
        after: { messageId, channel: "email", reopened: reopen, attachments: files.length },
      });
      result = { outcome: "joined", requestId: row.id, reference: row.reference, reason: null };
    } else {
      const { row } = await createRequest(trx, org, {
        channel: "email",
        subject,
        message: text,
        toAddress: mailbox.address,
        requester: { name: from?.name || null, email: sender },
        // Writing to a service's address is asking to be answered at that address.
        consent: sender !== null,
        fallbackServiceId: mailbox.serviceId,
        quarantineReason: problem,
        reviewReason: thread.review,
        relatedRequestId: thread.related,
        attachments: files,
        now,
      });
      result = problem
        ? { outcome: "quarantined", requestId: row.id, reference: row.reference, reason: problem }
        : { outcome: "new_request", requestId: row.id, reference: row.reference, reason: thread.review };
    }
    await trx
      .insertInto("inbound_emails")
      .values({
        id: inboundId,
        org_id: mailbox.orgId,
        received_at: now,
        mail_from: env.mailFrom.slice(0, 500),
        rcpt_to: env.rcptTo.slice(0, 500),
        message_id: mail?.messageId?.slice(0, 500) ?? null,
        raw: env.raw,
        size_bytes: env.raw.length,
        outcome: result.outcome,
        reason: result.reason,
        request_id: result.requestId,
      })
      .execute();
    return result;
  });
}
