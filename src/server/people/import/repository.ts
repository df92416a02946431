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

/**
 * Multi-row INSERT … ON CONFLICT (org_id, staff_number) DO UPDATE of the given columns only (the
 * columns present in the file), restoring archived agents; returns the ids by staff number.
 */
export async function upsertAgents(
  db: Kysely<DB>,
  rows: Insertable<AgentsTable>[],
  updateColumns: readonly AgentColumn[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const perRow = 17;
  for (const chunk of chunks(rows, Math.floor(60_000 / perRow))) {
    const result = await db
      .insertInto("agents")
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(["org_id", "staff_number"]).doUpdateSet((eb) => {
          const set: Record<string, unknown> = { archived_at: null, updated_at: sql`now()` };
          for (const c of updateColumns) set[c] = eb.ref(`excluded.${c}`);
          return set as never;
        }),
      )
      .returning(["id", "staff_number"])
      .execute();
    for (const r of result) ids.set(r.staff_number, r.id);
  }
  return ids;
}

export async function replaceAgentSkills(
  db: Kysely<DB>,
  clearFor: readonly string[],
  pairs: { agent_id: string; skill_id: string }[],
) {
  for (const chunk of chunks(clearFor, 10_000)) {
    await db.deleteFrom("agent_skills").where("agent_id", "in", chunk).execute();
  }
  for (const chunk of chunks(pairs, 20_000)) await db.insertInto("agent_skills").values(chunk).execute();
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
