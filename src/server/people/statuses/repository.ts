import type { Kysely } from "kysely";
import type { DB, Status } from "../../db/schema.js";

export interface StatusWrite {
  orgId: string;
  agentId: string;
  day: string;
  status: Status;
  siteId: string | null;
  setBy: string;
}

export function currentStatuses(db: Kysely<DB>, agentIds: readonly string[], day: string) {
  return db
    .selectFrom("daily_statuses")
    .select(["agent_id", "status", "site_id"])
    .where("agent_id", "in", [...agentIds])
    .where("day", "=", day)
    .execute();
}

/** Upserts the day's status and appends each change to the history, in batches. */
export async function writeStatuses(
  db: Kysely<DB>,
  writes: readonly StatusWrite[],
  previous: ReadonlyMap<string, Status>,
): Promise<void> {
  for (let i = 0; i < writes.length; i += 2000) {
    const chunk = writes.slice(i, i + 2000);
    await db
      .insertInto("daily_statuses")
      .values(
        chunk.map((w) => ({
          org_id: w.orgId,
          agent_id: w.agentId,
          day: w.day,
          status: w.status,
          site_id: w.siteId,
          set_by: w.setBy,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["agent_id", "day"]).doUpdateSet((eb) => ({
          status: eb.ref("excluded.status"),
          site_id: eb.ref("excluded.site_id"),
          set_by: eb.ref("excluded.set_by"),
          set_at: new Date(),
        })),
      )
      .execute();
    await db
      .insertInto("status_changes")
      .values(
        chunk.map((w) => ({
          org_id: w.orgId,
          agent_id: w.agentId,
          day: w.day,
          status: w.status,
          previous_status: previous.get(w.agentId) ?? null,
          site_id: w.siteId,
          set_by: w.setBy,
        })),
      )
      .execute();
  }
}

export function statusesBetween(db: Kysely<DB>, agentId: string, from: string, to: string) {
  return db
    .selectFrom("daily_statuses")
    .selectAll()
    .where("agent_id", "=", agentId)
    .where("day", ">=", from)
    .where("day", "<=", to)
    .orderBy("day")
    .execute();
}

export function changesBetween(db: Kysely<DB>, agentId: string, from: string, to: string) {
  return db
    .selectFrom("status_changes as c")
    .leftJoin("users as u", "u.id", "c.set_by")
    .select([
      "c.day",
      "c.status",
      "c.previous_status",
      "c.site_id",
      "c.set_by",
      "c.set_at",
      "u.email as set_by_email",
    ])
    .where("c.agent_id", "=", agentId)
    .where("c.day", ">=", from)
    .where("c.day", "<=", to)
    .orderBy("c.day")
    .orderBy("c.id")
    .execute();
}

export async function sitesInOrg(
  db: Kysely<DB>,
  orgId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("sites")
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "in", [...ids])
    .where("archived_at", "is", null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export function agentsInOrg(db: Kysely<DB>, orgId: string, ids: readonly string[]) {
  return db
    .selectFrom("agents")
    .select(["id", "service_id", "archived_at"])
    .where("org_id", "=", orgId)
    .where("id", "in", [...ids])
    .execute();
}
