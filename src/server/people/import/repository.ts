import { type Insertable, type Kysely, sql } from "kysely";
import type { AgentsTable, DB } from "../../db/schema.js";

export function loadServices(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("services")
    .select(["id", "name"])
    .where("org_id", "=", orgId)
    .where("archived_at", "is", null)
    .execute();
}

export function loadSites(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("sites")
    .select(["id", "name"])
    .where("org_id", "=", orgId)
    .where("archived_at", "is", null)
    .execute();
}

export function loadSkills(db: Kysely<DB>, orgId: string) {
  return db.selectFrom("skills").select(["id", "name"]).where("org_id", "=", orgId).execute();
}

export type ExistingAgent = Pick<
  AgentsTable,
  | "id"
  | "staff_number"
  | "last_name"
  | "first_name"
  | "service_id"
  | "site_id"
  | "hired_on"
  | "team"
  | "phone"
  | "email"
> & {
  job_title: string;
  work_time_pct: number;
  can_telework: boolean;
  travel_authorisation: boolean;
  never_on_site: boolean;
  archived: boolean;
};

/** Every agent of the organisation with their skills, in two queries (compared in memory). */
export async function loadExistingAgents(db: Kysely<DB>, orgId: string, withSkills: boolean) {
  const [agents, skills] = await Promise.all([
    db
      .selectFrom("agents")
      .select([
        "id",
        "staff_number",
        "last_name",
        "first_name",
        "service_id",
        "site_id",
        "job_title",
        "hired_on",
        "work_time_pct",
        "can_telework",
        "travel_authorisation",
        "never_on_site",
        "team",
        "phone",
        "email",
        sql<boolean>`archived_at IS NOT NULL`.as("archived"),
      ])
      .where("org_id", "=", orgId)
      .execute() as Promise<ExistingAgent[]>,
    withSkills
      ? db
          .selectFrom("agent_skills as s")
          .innerJoin("agents as a", "a.id", "s.agent_id")
          .select(["s.agent_id", "s.skill_id"])
          .where("a.org_id", "=", orgId)
          .execute()
      : Promise.resolve([]),
  ]);
  const skillsByAgent = new Map<string, string[]>();
  for (const s of skills) {
    const list = skillsByAgent.get(s.agent_id);
    if (list) list.push(s.skill_id);
    else skillsByAgent.set(s.agent_id, [s.skill_id]);
  }
  return { agents, skillsByAgent };
}

export async function insertNamed(
  db: Kysely<DB>,
  table: "sites" | "skills",
  rows: { id: string; org_id: string; name: string }[],
) {
  for (const chunk of chunks(rows, 1000)) {
    if (table === "sites")
      await db
        .insertInto("sites")
        .values(chunk.map((r) => ({ ...r, capacity: 0 })))
        .execute();
    else await db.insertInto("skills").values(chunk).execute();
  }
}

export type AgentColumn = keyof Insertable<AgentsTable>;

/** Columns written by the import, with their SQL types (for json_to_recordset). */
const AGENT_COLUMNS = [
  ["id", "uuid"],
  ["org_id", "uuid"],
  ["staff_number", "text"],
  ["last_name", "text"],
  ["first_name", "text"],
  ["service_id", "uuid"],
  ["site_id", "uuid"],
  ["job_title", "text"],
  ["hired_on", "date"],
  ["work_time_pct", "smallint"],
  ["can_telework", "boolean"],
  ["travel_authorisation", "boolean"],
  ["never_on_site", "boolean"],
  ["team", "text"],
  ["phone", "text"],
  ["email", "text"],
] as const satisfies readonly (readonly [AgentColumn, string])[];

const AGENT_COLUMN_LIST = sql.join(AGENT_COLUMNS.map(([c]) => sql.id(c)));
const AGENT_RECORD_TYPE = sql.raw(AGENT_COLUMNS.map(([c, t]) => `${c} ${t}`).join(", "));

/** Rows per statement: each batch is one JSON parameter (a few MB at most). */
const BATCH = 5_000;

/**
 * INSERT … SELECT FROM json_to_recordset(one JSON parameter) ON CONFLICT (org_id, staff_number)
 * DO UPDATE of the given columns only (the columns present in the file), restoring archived agents;
 * returns the ids by staff number. One parameter per batch instead of 16 per row: PGlite (WASM)
 * spends most of a multi-row VALUES statement parsing and binding its tens of thousands of
 * parameters.
 */
export async function upsertAgents(
  db: Kysely<DB>,
  rows: Insertable<AgentsTable>[],
  updateColumns: readonly AgentColumn[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const set = sql.join([
    sql`archived_at = NULL`,
    sql`updated_at = now()`,
    ...updateColumns.map((c) => sql`${sql.id(c)} = EXCLUDED.${sql.id(c)}`),
  ]);
  for (const chunk of chunks(rows, BATCH)) {
    const json = JSON.stringify(
      chunk.map((r) => {
        const o: Record<string, unknown> = {};
        for (const [c] of AGENT_COLUMNS) o[c] = r[c] ?? null;
        return o;
      }),
    );
    const result = await sql<{ id: string; staff_number: string }>`
      INSERT INTO agents (${AGENT_COLUMN_LIST})
      SELECT ${AGENT_COLUMN_LIST} FROM json_to_recordset(${json}::json) AS x(${AGENT_RECORD_TYPE})
      ON CONFLICT (org_id, staff_number) DO UPDATE SET ${set}
      RETURNING id, staff_number`.execute(db);
    for (const r of result.rows) ids.set(r.staff_number, r.id);
  }
  return ids;
}

export async function replaceAgentSkills(
  db: Kysely<DB>,
  clearFor: readonly string[],
  pairs: { agent_id: string; skill_id: string }[],
) {
  if (clearFor.length > 0) {
    await sql`DELETE FROM agent_skills
      WHERE agent_id IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(clearFor)}::json))`.execute(
      db,
    );
  }
  // One statement for the usual file (the skill-set trigger of migration 0011 then runs once).
  for (const chunk of chunks(pairs, BATCH * 10)) {
    await sql`INSERT INTO agent_skills (agent_id, skill_id)
      SELECT agent_id, skill_id FROM json_to_recordset(${JSON.stringify(chunk)}::json)
        AS x(agent_id uuid, skill_id uuid)`.execute(db);
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
