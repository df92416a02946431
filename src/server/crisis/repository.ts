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

// Large reads (one row per agent) come back as one JSON array: PGlite pays per returned row far
// more than for the query itself (20,000 rows: ~500 ms as rows, ~70 ms as one aggregate), and
// PostgreSQL gains too.
async function packed<T extends unknown[]>(db: Kysely<DB>, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = await sql<{
    rows: T[] | string | null;
  }>`SELECT coalesce(json_agg(p.r), '[]'::json) AS rows FROM (${query}) p(r)`.execute(db);
  const rows = res.rows[0]?.rows ?? [];
  return typeof rows === "string" ? (JSON.parse(rows) as T[]) : rows;
}

/** Active agents at `at` with their skills. */
export async function listAgentsAt(db: Kysely<DB>, orgId: string, at: Date) {
  const [agents, skills] = await Promise.all([
    packed<[string, string]>(
      db,
      sql`SELECT json_build_array(a.id, a.service_id) FROM agents a
        WHERE a.org_id = ${orgId} AND a.created_at <= ${at} AND (a.archived_at IS NULL OR a.archived_at > ${at})`,
    ),
    packed<[string, string]>(
      db,
      sql`SELECT json_build_array(k.agent_id, k.skill_id) FROM agent_skills k JOIN agents a ON a.id = k.agent_id
        WHERE a.org_id = ${orgId}`,
    ),
  ]);
  const byAgent = new Map<string, string[]>();
  for (const [agentId, skillId] of skills) {
    const list = byAgent.get(agentId);
    if (list) list.push(skillId);
    else byAgent.set(agentId, [skillId]);
  }
  return agents.map(([id, serviceId]) => ({ id, service_id: serviceId, skill_ids: byAgent.get(id) ?? [] }));
}

/**
 * Each agent's status for `day` as it was known at `at`: the latest change set at or before `at`
 * (status_changes keeps every change), else the current row if it was set by then.
 */
export async function statusesAsOf(
  db: Kysely<DB>,
  orgId: string,
  day: string,
  at: Date,
): Promise<Map<string, string>> {
  const rows = await packed<[string, string]>(
    db,
    sql`WITH d AS (
        SELECT agent_id, status, set_at FROM daily_statuses WHERE org_id = ${orgId} AND day = ${day}
      ), c AS (
        SELECT DISTINCT ON (sc.agent_id) sc.agent_id, sc.status FROM status_changes sc JOIN d USING (agent_id)
        WHERE sc.day = ${day} AND sc.set_at <= ${at}
        ORDER BY sc.agent_id, sc.set_at DESC, sc.id DESC
      )
      SELECT json_build_array(d.agent_id, coalesce(c.status, d.status)) FROM d LEFT JOIN c USING (agent_id)
      WHERE c.status IS NOT NULL OR d.set_at <= ${at}`,
  );
  return new Map(rows);
}

/** Current statuses for a range of days (the board's trend). */
export async function statusesForDays(db: Kysely<DB>, orgId: string, from: string, to: string) {
  const rows = await packed<[string, string, string]>(
    db,
    sql`SELECT json_build_array(agent_id, day, status) FROM daily_statuses
      WHERE org_id = ${orgId} AND day >= ${from} AND day <= ${to}`,
  );
  const byDay = new Map<string, Map<string, string>>();
  for (const [agentId, day, status] of rows) {
    const m = byDay.get(day) ?? new Map<string, string>();
    byDay.set(day, m);
    m.set(agentId, status);
  }
  return byDay;
}

/** Loans recorded at `at`, of equipment lent on or before `untilDay`. */
export async function loansAsOf(db: Kysely<DB>, orgId: string, untilDay: string, at: Date) {
  const rows = await packed<[string, string, string, string | null]>(
    db,
    sql`SELECT json_build_array(l.agent_id, e.kind, l.lent_on, l.returned_on)
      FROM equipment_loans l JOIN equipment e ON e.id = l.equipment_id
      WHERE l.org_id = ${orgId} AND l.lent_on <= ${untilDay} AND l.created_at <= ${at}`,
  );
  return rows.map(([agentId, kind, lentOn, returnedOn]) => ({ agentId, kind, lentOn, returnedOn }));
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
