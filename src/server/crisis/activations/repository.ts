import type { Kysely } from "kysely";
import type { Mode } from "../../../engines/bilan/coverage.js";
import type { DB } from "../../db/schema.js";

const activationColumns = [
  "c.id",
  "c.scenario_id",
  "s.name as scenario_name",
  "c.level",
  "c.started_at",
  "c.ended_at",
  "c.site_ids",
  "c.note",
  "c.lessons_worked",
  "c.lessons_to_change",
] as const;

export function listActivations(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("crisis_activations as c")
    .innerJoin("crisis_scenarios as s", "s.id", "c.scenario_id")
    .select(activationColumns)
    .where("c.org_id", "=", orgId)
    .orderBy("c.started_at", "desc")
    .execute();
}

export function findActivation(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("crisis_activations as c")
    .innerJoin("crisis_scenarios as s", "s.id", "c.scenario_id")
    .select(activationColumns)
    .where("c.org_id", "=", orgId)
    .where("c.id", "=", id)
    .executeTakeFirst();
}

export type ActivationRow = NonNullable<Awaited<ReturnType<typeof findActivation>>>;

export function findCurrent(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("crisis_activations as c")
    .innerJoin("crisis_scenarios as s", "s.id", "c.scenario_id")
    .select(activationColumns)
    .where("c.org_id", "=", orgId)
    .where("c.ended_at", "is", null)
    .executeTakeFirst();
}

export async function latestEnd(db: Kysely<DB>, orgId: string): Promise<Date | null> {
  const r = await db
    .selectFrom("crisis_activations")
    .select((eb) => eb.fn.max("ended_at").as("m"))
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  return r?.m ? new Date(r.m) : null;
}

export function insertActivation(
  db: Kysely<DB>,
  row: {
    id: string;
    org_id: string;
    scenario_id: string;
    level: number;
    started_at: Date;
    site_ids: string[];
    note: string;
    activated_by: string;
  },
) {
  return db.insertInto("crisis_activations").values(row).execute();
}

export function endActivation(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  v: { ended_at: Date; ended_by: string; lessons_worked: string; lessons_to_change: string },
) {
  return db
    .updateTable("crisis_activations")
    .set(v)
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("ended_at", "is", null)
    .executeTakeFirst();
}

export async function insertModeChanges(
  db: Kysely<DB>,
  rows: {
    org_id: string;
    activation_id: string;
    activity_id: string;
    mode: Mode;
    previous_mode: Mode | null;
    at: Date;
    changed_by: string;
  }[],
) {
  if (rows.length === 0) return;
  await db.insertInto("crisis_mode_changes").values(rows).execute();
}

export function modeHistory(db: Kysely<DB>, activationId: string) {
  return db
    .selectFrom("crisis_mode_changes as m")
    .innerJoin("activities as a", "a.id", "m.activity_id")
    .select(["m.activity_id", "a.name as activity_name", "m.mode", "m.previous_mode", "m.at"])
    .where("m.activation_id", "=", activationId)
    .orderBy("m.at")
    .orderBy("m.id")
    .execute();
}
