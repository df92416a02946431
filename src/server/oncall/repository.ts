import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.js";
import type { CallOutcome } from "./tables.js";

export const findLine = (db: Kysely<DB>, orgId: string, id: string) =>
  db
    .selectFrom("oncall_lines")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();

export const findLineByToken = (db: Kysely<DB>, tokenHash: string) =>
  db
    .selectFrom("oncall_lines")
    .selectAll()
    .where("feed_token_hash", "=", tokenHash)
    .where("archived_at", "is", null)
    .executeTakeFirst();

export const listLines = (db: Kysely<DB>, orgId: string) =>
  db
    .selectFrom("oncall_lines")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("archived_at", "is", null)
    .orderBy("name")
    .execute();

export const listRotations = (db: Kysely<DB>, lineId: string) =>
  db
    .selectFrom("oncall_rotations")
    .selectAll()
    .where("line_id", "=", lineId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();

export const listOverrides = (db: Kysely<DB>, lineId: string) =>
  db.selectFrom("oncall_overrides").selectAll().where("line_id", "=", lineId).orderBy("starts_at").execute();

export const agentsByIds = (db: Kysely<DB>, orgId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("agents")
        .select(["id", "first_name", "last_name", "phone", "email", "service_id", "archived_at"])
        .where("org_id", "=", orgId)
        .where("id", "in", ids)
        .execute();

export async function insertCall(
  db: Kysely<DB>,
  row: {
    id: string;
    orgId: string;
    lineId: string | null;
    receivedAt: Date;
    caller: string;
    reason: string;
    outcome: CallOutcome;
    durationSeconds: number;
    serviceId: string | null;
    partner: string | null;
    takenBy: string;
  },
) {
  return db
    .insertInto("calls")
    .values({
      id: row.id,
      org_id: row.orgId,
      line_id: row.lineId,
      received_at: row.receivedAt,
      caller: row.caller,
      reason: row.reason,
      outcome: row.outcome,
      duration_seconds: row.durationSeconds,
      service_id: row.serviceId,
      partner: row.partner,
      taken_by: row.takenBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listCalls(
  db: Kysely<DB>,
  orgId: string,
  q: {
    lineId?: string;
    from?: string;
    to?: string;
    outcome?: CallOutcome;
    takenBy?: string;
    serviceIds?: string[] | null;
    limit: number;
    offset: number;
  },
) {
  let query = db.selectFrom("calls").where("org_id", "=", orgId);
  if (q.lineId) query = query.where("line_id", "=", q.lineId);
  if (q.from) query = query.where("received_at", ">=", new Date(q.from));
  if (q.to) query = query.where("received_at", "<", new Date(q.to));
  if (q.outcome) query = query.where("outcome", "=", q.outcome);
  if (q.takenBy) query = query.where("taken_by", "=", q.takenBy);
  if (q.serviceIds) {
    const ids = q.serviceIds;
    query = ids.length === 0 ? query.where(sql<boolean>`false`) : query.where("service_id", "in", ids);
  }
  const [items, total] = await Promise.all([
    query.selectAll().orderBy("received_at", "desc").orderBy("id").limit(q.limit).offset(q.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Calls per local day and outcome, in the organisation's time zone (feeds the crisis bilan). */
export async function callCountsByDay(
  db: Kysely<DB>,
  orgId: string,
  timezone: string,
  from: string,
  to: string,
) {
  const rows = await sql<{ day: string; outcome: CallOutcome; n: number }>`
    SELECT to_char(received_at AT TIME ZONE ${timezone}, 'YYYY-MM-DD') AS day, outcome, count(*)::int AS n
    FROM calls
    WHERE org_id = ${orgId}
      AND (received_at AT TIME ZONE ${timezone})::date BETWEEN ${from}::date AND ${to}::date
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return rows.rows;
}
