// The outbox: the only way anything leaves Relais. Callers enqueue inside their own transaction,
// so the message exists if and only if the business change committed; the worker (jobs.ts) sends.
import type { Kysely } from "kysely";
import { writeAudit } from "../audit/repository.js";
import type { DB } from "../db/schema.js";
import { errors } from "../http/errors.js";
import type { Ctx } from "../shared/context.js";
import { newId } from "../shared/ids.js";
import * as repo from "./repository.js";
import type { OutboxQuery } from "./schema.js";
import type { Attachment } from "./tables.js";

export interface EmailToSend {
  orgId: string;
  /** Idempotency key of the message within the organisation, e.g. "crisis_report:<id>". */
  key: string;
  kind: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: Attachment[];
  recipients: readonly string[];
}

/**
 * Writes one message and one delivery per distinct recipient, in the caller's transaction.
 * Enqueuing the same key again adds only recipients not yet there: nobody is written twice.
 */
export async function enqueueEmail(
  trx: Kysely<DB>,
  mail: EmailToSend,
): Promise<{ messageId: string; added: number }> {
  const recipients = [
    ...new Set(mail.recipients.map((r) => r.trim().toLowerCase()).filter((r) => r.includes("@"))),
  ];
  const { id } = await repo.upsertMessage(trx, {
    id: newId(),
    orgId: mail.orgId,
    key: mail.key,
    kind: mail.kind,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    attachments: mail.attachments ?? [],
  });
  const added = await repo.insertDeliveries(
    trx,
    recipients.map((recipient) => ({
      id: newId(),
      orgId: mail.orgId,
      messageId: id,
      channel: "email",
      recipient,
    })),
  );
  return { messageId: id, added };
}

const toIso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function listOutbox(ctx: Ctx, q: OutboxQuery) {
  const [{ items, total }, counts] = await Promise.all([
    repo.listDeliveries(ctx.db, ctx.user.orgId, {
      status: q.status,
      limit: q.limit ?? 50,
      offset: q.offset ?? 0,
    }),
    repo.countByStatus(ctx.db, ctx.user.orgId),
  ]);
  return {
    items: items.map((r) => ({
      id: r.id,
      channel: r.channel,
      recipient: r.recipient,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: toIso(r.next_attempt_at),
      sentAt: toIso(r.sent_at),
      lastError: r.last_error,
      kind: r.kind,
      key: r.key,
      subject: r.subject,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    })),
    total,
    counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
  };
}

/** An administrator puts a failed delivery back in the queue (after fixing the address or SMTP). */
export async function retryDelivery(ctx: Ctx, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findDelivery(trx, ctx.user.orgId, id);
    if (!before) throw errors.notFound("Envoi");
    const row = await repo.requeueFailed(trx, ctx.user.orgId, id);
    if (!row) {
      throw errors.conflict(
        "delivery_not_failed",
        "Seul un envoi en échec définitif peut être relancé : celui-ci est encore en cours ou déjà parti.",
      );
    }
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "retry",
      entity: "outbox_delivery",
      entityId: id,
      before,
      after: row,
      ip: ctx.ip,
    });
    return { id: row.id, status: row.status };
  });
}
