import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

export interface AuditEntry {
  orgId: string | null;
  userId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** Written in the caller's transaction: the change and its audit row commit together. */
export async function writeAudit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      org_id: e.orgId,
      user_id: e.userId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId ?? null,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      ip: e.ip ?? null,
    })
    .execute();
}

export interface AuditQuery {
  orgId: string;
  entity?: string;
  action?: string;
  userId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function listAudit(db: Kysely<DB>, q: AuditQuery) {
  let query = db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.user_id")
    .where("a.org_id", "=", q.orgId);
  if (q.entity) query = query.where("a.entity", "=", q.entity);
  if (q.action) query = query.where("a.action", "=", q.action);
  if (q.userId) query = query.where("a.user_id", "=", q.userId);
  if (q.from) query = query.where("a.at", ">=", new Date(q.from));
  if (q.to) query = query.where("a.at", "<", new Date(q.to));
  const [items, total] = await Promise.all([
    query
      .select([
        "a.id",
        "a.at",
        "a.action",
        "a.entity",
        "a.entity_id as entityId",
        "a.before",
        "a.after",
        "a.ip",
        "a.user_id as userId",
        "u.email as userEmail",
      ])
      .orderBy("a.id", "desc")
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
