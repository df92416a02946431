// Creating a request, whatever the channel (web form, e-mail, phone note, call): triage (urgency and
// routing rule), reference and follow-up token, due date, attachments, audit row, and the alert to
// the person on call for urgent requests — all in the caller's transaction.
import type { Insertable, Kysely } from "kysely";
import type { Priority } from "../../engines/triage/routing.js";
import { type AuditEntry, writeAudit } from "../audit/repository.js";
import type { DB } from "../db/schema.js";
import { errors } from "../http/errors.js";
import { enqueueEmail } from "../notify/service.js";
import { listLines } from "../oncall/service.js";
import type { Ctx } from "../shared/context.js";
import { newId, newToken, sha256 } from "../shared/ids.js";
import * as repo from "./repository.js";
import type { RequestChannel, RequestsTable } from "./tables.js";
import { dueAt, type OrgTriage, priorityRank, triage } from "./triage.js";

export const FLAG_LABELS: Record<string, string> = {
  homeless: "sans logement ou expulsion",
  domestic_violence: "violences conjugales ou familiales",
  isolated_vulnerable: "personne vulnérable isolée",
  no_utilities: "sans chauffage, eau ou électricité",
  safety_hazard: "danger (fuite, gaz, incendie…)",
  health: "santé",
  child_at_risk: "enfant en danger",
};

// ---- Attachments: allowed types and sizes ----

export const MAX_ATTACHMENT_BYTES = 5 * 1_048_576;
export const MAX_ATTACHMENTS = 5;
const ALLOWED_TYPES: Record<string, readonly string[]> = {
  "application/pdf": ["pdf"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/png": ["png"],
  "image/gif": ["gif"],
  "image/webp": ["webp"],
  "image/heic": ["heic"],
  "text/plain": ["txt"],
  "application/msword": ["doc"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
  "application/vnd.oasis.opendocument.text": ["odt"],
  "application/vnd.ms-excel": ["xls"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
  "application/vnd.oasis.opendocument.spreadsheet": ["ods"],
};
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  "application/pdf": (b) => b.subarray(0, 5).toString("latin1") === "%PDF-",
  "image/png": (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/gif": (b) => b.subarray(0, 4).toString("latin1") === "GIF8",
};

export interface IncomingAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export function allowedTypesText(): string {
  return "PDF, images (JPEG, PNG, GIF, WebP, HEIC), texte, documents Word, Writer, Excel ou Calc";
}

/** Why an attachment cannot be offered as is (null: fine). */
export function attachmentProblem(a: IncomingAttachment): string | null {
  const type = a.contentType.split(";")[0]!.trim().toLowerCase();
  const ext = a.filename.toLowerCase().split(".").pop() ?? "";
  const exts = ALLOWED_TYPES[type];
  if (!exts) return `type de fichier non accepté (${type || "inconnu"})`;
  if (!exts.includes(ext)) return `l'extension « .${ext} » ne correspond pas au type ${type}`;
  if (a.content.length > MAX_ATTACHMENT_BYTES) {
    return `fichier trop volumineux (${Math.ceil(a.content.length / 1024)} Ko, ${MAX_ATTACHMENT_BYTES / 1_048_576} Mo au plus)`;
  }
  const check = MAGIC[type];
  if (check && !check(a.content)) return `le contenu ne correspond pas au type déclaré (${type})`;
  return null;
}

export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = [...base]
    .map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 || '"<>|:*?'.includes(ch) ? "_" : ch))
    .join("")
    .trim()
    .slice(0, 200);
  return clean || "piece-jointe";
}

export async function storeAttachments(
  trx: Kysely<DB>,
  orgId: string,
  requestId: string,
  messageId: string | null,
  files: readonly IncomingAttachment[],
): Promise<void> {
  await repo.insertAttachments(
    trx,
    files.map((f) => ({
      id: newId(),
      org_id: orgId,
      request_id: requestId,
      message_id: messageId,
      filename: safeFilename(f.filename),
      content_type: f.contentType.split(";")[0]!.trim().toLowerCase() || "application/octet-stream",
      size_bytes: f.content.length,
      content: f.content,
      quarantine_reason: attachmentProblem(f),
    })),
  );
}

// ---- Creation ----

export interface Requester {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  number?: string | null;
  kind?: string | null;
}

export interface NewRequest {
  channel: RequestChannel;
  category?: string | null;
  subject?: string | null;
  message: string;
  toAddress?: string | null;
  requester: Requester;
  consent: boolean;
  /** Set by staff: skips the routing rule (urgency still raises the priority). */
  serviceId?: string | null;
  /** When no rule matches: this queue rather than the default one (the service whose mailbox got the mail). */
  fallbackServiceId?: string | null;
  quarantineReason?: string | null;
  reviewReason?: string | null;
  relatedRequestId?: string | null;
  callId?: string | null;
  createdBy?: string | null;
  ip?: string | null;
  attachments?: readonly IncomingAttachment[];
  now: Date;
}

const clean = (s: string | null | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

export interface PreparedRequest {
  /** The row to insert but its reference (numbered by whoever stores it) and flags (below). */
  values: Omit<Insertable<RequestsTable>, "reference" | "flags">;
  flags: { code: string; words: string[] }[];
  token: string;
  /** The audit entry; its `after` gets the reference once the request is numbered. */
  audit: AuditEntry & { after: Record<string, unknown> };
  urgent: boolean;
}

/** The row of a prepared request numbered `reference`. */
export const rowOf = (p: PreparedRequest, reference: string): Insertable<RequestsTable> => ({
  ...p.values,
  reference,
  flags: JSON.stringify(p.flags),
});

/** Triage and the row to insert (pure: no database). */
export function prepareRequest(org: OrgTriage, input: NewRequest): PreparedRequest {
  const t = triage(org, {
    channel: input.channel,
    toAddress: input.toAddress ?? null,
    category: input.category ?? null,
    subject: input.subject ?? null,
    text: input.message,
    requesterKind: input.requester.kind ?? null,
  });
  const fallback =
    !t.decision.ruleId && input.fallbackServiceId && org.services.has(input.fallbackServiceId)
      ? input.fallbackServiceId
      : null;
  const serviceId = input.serviceId ?? fallback ?? t.serviceId;
  if (!serviceId) {
    throw errors.unprocessable(
      "no_service",
      "Cette organisation n'a encore aucun service pour recevoir les demandes : créez au moins un service.",
    );
  }
  let priority: Priority = t.decision.priority;
  if (input.serviceId && !t.detection.urgent && t.decision.ruleId) priority = "normal";
  const token = newToken();
  const id = newId();
  const flags = t.detection.flags.map((f) => ({ code: f.code, words: f.words }));
  const values: PreparedRequest["values"] = {
    id,
    org_id: org.orgId,
    service_id: serviceId,
    channel: input.channel,
    priority,
    priority_rank: priorityRank(priority),
    urgent: t.detection.urgent,
    rule_id: input.serviceId ? null : t.decision.ruleId,
    rule_name: input.serviceId ? null : t.decision.ruleName,
    category: clean(input.category),
    subject: clean(input.subject) ?? "",
    message: input.message,
    to_address: clean(input.toAddress),
    requester_name: clean(input.requester.name),
    requester_email: clean(input.requester.email)?.toLowerCase() ?? null,
    requester_phone: clean(input.requester.phone),
    requester_address: clean(input.requester.address),
    requester_number: clean(input.requester.number),
    requester_kind: clean(input.requester.kind),
    consent: input.consent,
    sensitive: flags.some((f) => f.code === "domestic_violence"),
    follow_token_hash: sha256(token),
    due_at: dueAt(org, priority, input.now),
    quarantine_reason: input.quarantineReason ?? null,
    review_reason: input.reviewReason ?? null,
    related_request_id: input.relatedRequestId ?? null,
    call_id: input.callId ?? null,
    created_by: input.createdBy ?? null,
    created_at: input.now,
    updated_at: input.now,
  };
  const audit: PreparedRequest["audit"] = {
    orgId: org.orgId,
    userId: input.createdBy ?? null,
    action: "create",
    entity: "request",
    entityId: id,
    // No personal data in the audit log: what was decided, not who asked.
    after: {
      channel: input.channel,
      serviceId,
      priority,
      urgent: t.detection.urgent,
      flags: flags.map((f) => f.code),
      ruleId: values.rule_id,
      quarantineReason: values.quarantine_reason,
      reviewReason: values.review_reason,
    },
    ip: input.ip ?? null,
  };
  return { values, flags, token, audit, urgent: t.detection.urgent };
}

export async function createRequest(
  trx: Kysely<DB>,
  org: OrgTriage,
  input: NewRequest,
): Promise<{ row: repo.RequestRow; token: string }> {
  const reference = await repo.nextReference(trx, input.now);
  const p = prepareRequest(org, input);
  const { token } = p;
  const id = p.values.id;
  const row = await repo.insertRequest(trx, rowOf(p, reference));
  if (input.attachments && input.attachments.length > 0) {
    await storeAttachments(trx, org.orgId, id, null, input.attachments);
  }
  await writeAudit(trx, { ...p.audit, after: { reference, ...p.audit.after } });
  if (row.urgent && row.quarantine_reason === null) await alertOnCall(trx, org, row);
  return { row, token };
}

/**
 * An urgent request alerts the person on call: the on-call lines of the request's service, else the
 * organisation's general lines (no service); nobody on call (or no e-mail) → the service mailbox,
 * then the default queue's mailbox. Through the outbox, in the request's transaction. The e-mail
 * carries no personal data (a domestic-violence address or contact never goes into an e-mail).
 */
export async function alertOnCall(trx: Kysely<DB>, org: OrgTriage, row: repo.RequestRow): Promise<string[]> {
  const recipients = await onCallEmails(trx, org.orgId, row.service_id);
  if (recipients.length === 0) {
    const mailbox = org.services.get(row.service_id)?.mailbox ?? null;
    const fallback = org.defaultServiceId ? (org.services.get(org.defaultServiceId)?.mailbox ?? null) : null;
    const to = mailbox ?? fallback;
    if (to) recipients.push(to);
  }
  if (recipients.length === 0) return [];
  const flags = (row.flags as { code: string }[]).map((f) => FLAG_LABELS[f.code] ?? f.code);
  const serviceName = org.services.get(row.service_id)?.name ?? "service";
  await enqueueEmail(trx, {
    orgId: org.orgId,
    key: `request_urgent:${row.id}`,
    kind: "request_urgent",
    subject: `[${row.reference}] Demande urgente — ${serviceName}`,
    text: [
      `Une demande urgente vient d'arriver dans la file « ${serviceName} ».`,
      "",
      `Référence : ${row.reference}`,
      `Situation signalée : ${flags.join(", ") || "urgence"}`,
      `Canal : ${row.channel === "web" ? "formulaire" : row.channel === "email" ? "e-mail" : "téléphone"}`,
      "",
      "Ouvrez Relais pour la prendre en charge (les coordonnées du demandeur n'y figurent que pour les",
      "personnes qui traitent la demande).",
    ].join("\n"),
    recipients,
  });
  return recipients;
}

async function onCallEmails(trx: Kysely<DB>, orgId: string, serviceId: string): Promise<string[]> {
  try {
    const ctx: Ctx = {
      db: trx,
      ip: null,
      user: {
        id: "00000000-0000-0000-0000-000000000000",
        orgId,
        email: "",
        displayName: "Relais",
        role: "admin",
        serviceId: null,
        agentId: null,
        sessionId: "",
        csrfToken: "",
      },
    };
    const { items } = await listLines(ctx, new Date());
    const own = items.filter((l) => l.line.serviceId === serviceId);
    const lines = own.length > 0 ? own : items.filter((l) => l.line.serviceId === null);
    const emails = lines.map((l) => l.onCall?.email ?? null).filter((e): e is string => !!e);
    return [...new Set(emails)];
  } catch {
    // An on-call setup that cannot be read must not lose the request: the mailbox gets the alert.
    return [];
  }
}
