import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { DB } from "../../db/schema.js";
import type { RoutingRulesTable } from "../tables.js";

export type RuleRow = Selectable<RoutingRulesTable>;

export function listRules(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("routing_rules")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export function findRule(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("routing_rules")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function nextPosition(db: Kysely<DB>, orgId: string): Promise<number> {
  const r = await db
    .selectFrom("routing_rules")
    .select((eb) => eb.fn.max("position").as("p"))
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  return r?.p === null || r?.p === undefined ? 10 : Number(r.p) + 10;
}

export function insertRule(db: Kysely<DB>, row: Insertable<RoutingRulesTable>) {
  return db.insertInto("routing_rules").values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateRule(db: Kysely<DB>, orgId: string, id: string, patch: Updateable<RoutingRulesTable>) {
  return db
    .updateTable("routing_rules")
    .set({ ...patch, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function deleteRule(db: Kysely<DB>, orgId: string, id: string) {
  return db.deleteFrom("routing_rules").where("org_id", "=", orgId).where("id", "=", id).execute();
}

export function getSettings(db: Kysely<DB>, orgId: string) {
  return db.selectFrom("request_settings").selectAll().where("org_id", "=", orgId).executeTakeFirst();
}

export async function upsertSettings(
  db: Kysely<DB>,
  orgId: string,
  values: {
    default_service_id?: string | null;
    due_hours?: string;
    retention_days?: number;
    lexicon?: string;
  },
) {
  return db
    .insertInto("request_settings")
    .values({ org_id: orgId, ...values, updated_at: new Date() })
    .onConflict((oc) => oc.column("org_id").doUpdateSet({ ...values, updated_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}
