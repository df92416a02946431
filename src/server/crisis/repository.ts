// Reads of the plan and the people shared by the crisis slices (tables of migration 0001, read
// directly), and the system entries the crisis writes in its own log.
import { type Kysely, sql } from "kysely";
import type { Mode } from "../../engines/bilan/coverage.js";
import type { DB } from "../db/schema.js";

export interface PlanActivity {
  id: string;
  name: string;
  service_id: string;
  service_name: string;
  site_id: string | null;
  criticality: number;
  min_on_site: number;
  min_remote: number;
  modes: string[];
  equipment_kinds: string[];
  skill_ids: string[];
}

/** Essential activities in force at `at` (created before, not archived then); now by default. */
export async function listPlanActivities(db: Kysely<DB>, orgId: string, at?: Date): Promise<PlanActivity[]> {
  let q = db
    .selectFrom("activities as a")
    .innerJoin("services as s", "s.id", "a.service_id")
    .where("a.org_id", "=", orgId)
    .select([
      "a.id",
      "a.name",
      "a.service_id",
      "s.name as service_name",
      "a.site_id",
      "a.criticality",
      "a.min_on_site",
      "a.min_remote",
      "a.modes",
      "a.equipment_kinds",
      sql<
        string[]
      >`coalesce((SELECT array_agg(k.skill_id::text ORDER BY k.skill_id) FROM activity_skills k WHERE k.activity_id = a.id), '{}')`.as(
        "skill_ids",
      ),
    ])
    .orderBy("a.criticality")
    .orderBy("a.name");
  if (at) {
    q = q
      .where("a.created_at", "<=", at)
      .where((eb) => eb.or([eb("a.archived_at", "is", null), eb("a.archived_at", ">", at)]));
  } else q = q.where("a.archived_at", "is", null);
  return q.execute();
}

export async function findOrg(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("orgs")
    .select(["id", "name", "timezone"])
    .where("id", "=", orgId)
    .executeTakeFirstOrThrow();
}

/** Ids among `ids` that are not records of the organisation in `table`. */
export async function unknownIds(
  db: Kysely<DB>,
  table: "sites" | "services" | "activities" | "applications",
  orgId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom(table)
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "in", [...ids])
    .execute();
  const found = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !found.has(id));
}

export async function activeActivation(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("crisis_activations as c")
    .innerJoin("crisis_scenarios as s", "s.id", "c.scenario_id")
    .selectAll("c")
    .select(["s.name as scenario_name", "s.type as scenario_type"])
    .where("c.org_id", "=", orgId)
    .where("c.ended_at", "is", null)
    .executeTakeFirst();
}

/** The activation in force at `at` (started before, not ended then). */
export async function activationAt(db: Kysely<DB>, orgId: string, at: Date) {
  return db
    .selectFrom("crisis_activations as c")
    .innerJoin("crisis_scenarios as s", "s.id", "c.scenario_id")
    .selectAll("c")
    .select(["s.name as scenario_name", "s.type as scenario_type"])
    .where("c.org_id", "=", orgId)
    .where("c.started_at", "<=", at)
    .where((eb) => eb.or([eb("c.ended_at", "is", null), eb("c.ended_at", ">", at)]))
    .orderBy("c.started_at", "desc")
    .executeTakeFirst();
}

/** Mode of each activity under an activation at `at` (latest change at or before it). */
export async function modesAt(db: Kysely<DB>, activationId: string, at: Date): Promise<Map<string, Mode>> {
  const rows = await sql<{ activity_id: string; mode: Mode }>`
    SELECT DISTINCT ON (activity_id) activity_id, mode FROM crisis_mode_changes
    WHERE activation_id = ${activationId} AND at <= ${at}
    ORDER BY activity_id, at DESC, id DESC`.execute(db);
  return new Map(rows.rows.map((r) => [r.activity_id, r.mode]));
}

/** Active agents at `at` with their skills. */
export async function listAgentsAt(db: Kysely<DB>, orgId: string, at: Date) {
  return sql<{ id: string; service_id: string; skill_ids: string[] }>`
    SELECT a.id, a.service_id,
      coalesce((SELECT array_agg(k.skill_id::text) FROM agent_skills k WHERE k.agent_id = a.id), '{}') AS skill_ids
    FROM agents a
    WHERE a.org_id = ${orgId} AND a.created_at <= ${at} AND (a.archived_at IS NULL OR a.archived_at > ${at})`
    .execute(db)
    .then((r) => r.rows);
}

/**
 * Each agent's status for `day` as it was known at `at`: the latest change set at or before `at`
 * (status_changes keeps every change; the current row covers the case of a missing history row).
 */
export async function statusesAsOf(
  db: Kysely<DB>,
  orgId: string,
  day: string,
  at: Date,
): Promise<Map<string, string>> {
  const rows = await sql<{ agent_id: string; status: string }>`
    SELECT DISTINCT ON (agent_id) agent_id, status FROM (
      SELECT agent_id, status, set_at, 1 AS pri FROM status_changes
        WHERE org_id = ${orgId} AND day = ${day} AND set_at <= ${at}
      UNION ALL
      SELECT agent_id, status, set_at, 0 AS pri FROM daily_statuses
        WHERE org_id = ${orgId} AND day = ${day} AND set_at <= ${at}
    ) s
    ORDER BY agent_id, set_at DESC, pri DESC`.execute(db);
  return new Map(rows.rows.map((r) => [r.agent_id, r.status]));
}

/** Current statuses for a range of days (the board's trend). */
export async function statusesForDays(db: Kysely<DB>, orgId: string, from: string, to: string) {
  const rows = await db
    .selectFrom("daily_statuses")
    .select(["agent_id", "day", "status"])
    .where("org_id", "=", orgId)
    .where("day", ">=", from)
    .where("day", "<=", to)
    .execute();
  const byDay = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const m = byDay.get(r.day) ?? new Map<string, string>();
    byDay.set(r.day, m);
    m.set(r.agent_id, r.status);
  }
  return byDay;
}

/** Loans recorded at `at`, of equipment lent on or before `untilDay`. */
export async function loansAsOf(db: Kysely<DB>, orgId: string, untilDay: string, at: Date) {
  return db
    .selectFrom("equipment_loans as l")
    .innerJoin("equipment as e", "e.id", "l.equipment_id")
    .select(["l.agent_id as agentId", "e.kind", "l.lent_on as lentOn", "l.returned_on as returnedOn"])
    .where("l.org_id", "=", orgId)
    .where("l.lent_on", "<=", untilDay)
    .where("l.created_at", "<=", at)
    .execute();
}

export interface SystemEntry {
  orgId: string;
  activationId: string;
  kind: "event" | "decision";
  title: string;
  body?: string;
  activityIds?: string[];
  siteIds?: string[];
  serviceIds?: string[];
  authorId: string | null;
  at: Date;
}

/** A log entry written by Relais itself (activation, change of mode, deactivation). */
export async function insertSystemEntry(db: Kysely<DB>, e: SystemEntry & { id: string }) {
  await db
    .insertInto("crisis_log_entries")
    .values({
      id: e.id,
      entry_id: e.id,
      version: 1,
      org_id: e.orgId,
      activation_id: e.activationId,
      kind: e.kind,
      source: "system",
      occurred_at: e.at,
      title: e.title,
      body: e.body ?? "",
      service_ids: e.serviceIds ?? [],
      activity_ids: e.activityIds ?? [],
      site_ids: e.siteIds ?? [],
      author_id: e.authorId,
      entry_created_at: e.at,
      created_at: e.at,
    })
    .execute();
}
