// Outbox SQL: enqueue in the caller's transaction, claim with FOR UPDATE SKIP LOCKED, settle only
// under the claim token, turn stale claims into "unknown".
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.js";
import type { Attachment, Channel, DeliveryStatus } from "./tables.js";

export interface NewMessage {
  id: string;
  orgId: string;
  key: string;
  kind: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: Attachment[];
}

/** Inserts the message unless its key exists; returns the id of the message holding the key. */
export async function upsertMessage(
  db: Kysely<DB>,
  m: NewMessage,
): Promise<{ id: string; created: boolean }> {
  const inserted = await db
    .insertInto("outbox_messages")
    .values({
      id: m.id,
      org_id: m.orgId,
      key: m.key,
      kind: m.kind,
      subject: m.subject,
      text_body: m.text,
      html_body: m.html ?? null,
      attachments: JSON.stringify(m.attachments ?? []),
    })
    .onConflict((oc) => oc.columns(["org_id", "key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await db
    .selectFrom("outbox_messages")
    .select("id")
    .where("org_id", "=", m.orgId)
    .where("key", "=", m.key)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

export async function insertDeliveries(
  db: Kysely<DB>,
  rows: { id: string; orgId: string; messageId: string; channel: Channel; recipient: string }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const res = await db
    .insertInto("outbox_deliveries")
    .values(
      rows.map((r) => ({
        id: r.id,
        org_id: r.orgId,
        message_id: r.messageId,
        channel: r.channel,
        recipient: r.recipient,
      })),
    )
    .onConflict((oc) => oc.columns(["message_id", "recipient", "channel"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}

export interface ClaimedDelivery {
  id: string;
  org_id: string;
  channel: Channel;
  recipient: string;
  attempts: number;
  claim_token: string;
  message_id: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attachments: Attachment[];
}

/**
 * Claims up to `limit` due deliveries of a channel in one short statement (its own transaction):
 * rows locked by another worker are skipped, the claimed ones get this worker's token.
 */
export async function claimDue(
  db: Kysely<DB>,
  opts: { channel: Channel; limit: number; token: string },
): Promise<ClaimedDelivery[]> {
  const res = await sql<ClaimedDelivery>`
    WITH due AS (
      SELECT id FROM outbox_deliveries
      WHERE status IN ('pending', 'unknown') AND next_attempt_at <= now() AND channel = ${opts.channel}
      ORDER BY next_attempt_at
      LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE outbox_deliveries d
      SET status = 'sending', claim_token = ${opts.token}, claimed_at = now(), attempts = d.attempts + 1,
          updated_at = now()
      FROM due WHERE d.id = due.id
      RETURNING d.id, d.org_id, d.channel, d.recipient, d.attempts, d.claim_token, d.message_id
    )
    SELECT c.*, m.subject, m.text_body, m.html_body, m.attachments
    FROM claimed c JOIN outbox_messages m ON m.id = c.message_id`.execute(db);
  return res.rows;
}

/** Settles a delivery only if this worker's claim still holds; false means the claim was lost. */
export async function settle(
  db: Kysely<DB>,
  id: string,
  token: string,
  outcome:
    | { status: "sent" }
    | { status: "pending"; nextAttemptAt: Date; error: string }
    | { status: "failed"; error: string },
): Promise<boolean> {
  const res = await db
    .updateTable("outbox_deliveries")
    .set({
      status: outcome.status,
      claim_token: null,
      updated_at: new Date(),
      ...(outcome.status === "sent"
        ? { sent_at: new Date(), last_error: null }
        : { last_error: outcome.error }),
      ...(outcome.status === "pending" ? { next_attempt_at: outcome.nextAttemptAt } : {}),
    })
    .where("id", "=", id)
    .where("status", "=", "sending")
    .where("claim_token", "=", token)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Claims older than `staleSeconds` belong to a worker that died: their outcome is unknown. */
export async function releaseStale(db: Kysely<DB>, staleSeconds: number): Promise<number> {
  const res = await sql`
    UPDATE outbox_deliveries
    SET status = 'unknown', claim_token = NULL, updated_at = now(),
        last_error = coalesce(last_error || ' ; ', '') || 'envoi interrompu (état inconnu)'
    WHERE status = 'sending' AND claimed_at < now() - make_interval(secs => ${staleSeconds})`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

export async function listDeliveries(
  db: Kysely<DB>,
  orgId: string,
  q: { status?: DeliveryStatus; limit: number; offset: number },
) {
  let query = db
    .selectFrom("outbox_deliveries as d")
    .innerJoin("outbox_messages as m", "m.id", "d.message_id")
    .where("d.org_id", "=", orgId);
  if (q.status) query = query.where("d.status", "=", q.status);
  const [items, total] = await Promise.all([
    query
      .select([
        "d.id",
        "d.channel",
        "d.recipient",
        "d.status",
        "d.attempts",
        "d.next_attempt_at",
        "d.sent_at",
        "d.last_error",
        "d.created_at",
        "d.updated_at",
        "m.kind",
        "m.key",
        "m.subject",
      ])
      .orderBy("d.updated_at", "desc")
      .orderBy("d.id")
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function countByStatus(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("outbox_deliveries")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("org_id", "=", orgId)
    .groupBy("status")
    .execute();
}

export async function requeueFailed(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .updateTable("outbox_deliveries")
    .set({ status: "pending", attempts: 0, next_attempt_at: new Date(), updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("status", "=", "failed")
    .returning(["id", "status"])
    .executeTakeFirst();
}

export function findDelivery(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("outbox_deliveries")
    .select(["id", "status"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}
