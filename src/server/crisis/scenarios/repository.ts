import type { Kysely, Selectable } from "kysely";
import type { Mode } from "../../../engines/bilan/coverage.js";
import type { DB } from "../../db/schema.js";
import type { CrisisScenariosTable, ScenarioType } from "../tables.js";

export type ScenarioRow = Selectable<CrisisScenariosTable>;

export function listScenarios(db: Kysely<DB>, orgId: string, archived: boolean) {
  return db
    .selectFrom("crisis_scenarios")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("archived_at", archived ? "is not" : "is", null)
    .orderBy("name")
    .execute();
}

export function findScenario(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("crisis_scenarios")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export interface ScenarioValues {
  name: string;
  type: ScenarioType;
  description: string;
  absenteeism_mean_pct: number;
  absenteeism_peak_pct: number;
  peak_weeks: number;
  duration_days: number;
  site_ids: string[];
  application_ids: string[];
}

export function insertScenario(db: Kysely<DB>, row: ScenarioValues & { id: string; org_id: string }) {
  return db.insertInto("crisis_scenarios").values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateScenario(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  patch: Partial<ScenarioValues> & { archived_at?: Date | null },
) {
  return db
    .updateTable("crisis_scenarios")
    .set({ ...patch, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listModes(db: Kysely<DB>, scenarioId: string) {
  return db
    .selectFrom("crisis_scenario_modes")
    .select(["activity_id", "mode"])
    .where("scenario_id", "=", scenarioId)
    .execute();
}

export async function upsertModes(
  db: Kysely<DB>,
  scenarioId: string,
  modes: { activityId: string; mode: Mode }[],
) {
  if (modes.length === 0) return;
  await db
    .insertInto("crisis_scenario_modes")
    .values(modes.map((m) => ({ scenario_id: scenarioId, activity_id: m.activityId, mode: m.mode })))
    .onConflict((oc) =>
      oc.columns(["scenario_id", "activity_id"]).doUpdateSet((eb) => ({ mode: eb.ref("excluded.mode") })),
    )
    .execute();
}
