import {
  type Expression,
  type Insertable,
  type Kysely,
  type Selectable,
  type SqlBool,
  sql,
  type Updateable,
} from "kysely";
import type { AgentsTable, DB, Status } from "../../db/schema.js";
import type { AgentQuery } from "./schema.js";

export type AgentRow = Selectable<AgentsTable>;

/** Who the caller may see: the whole organisation, some services, or one agent record. */
export type Visibility =
  | { kind: "org" }
  | { kind: "services"; ids: string[] }
  | { kind: "self"; agentId: string | null };

const SORTS = {
  name: ["a.last_name", "a.first_name"],
  staffNumber: ["a.staff_number"],
  hiredOn: ["a.hired_on"],
  createdAt: ["a.created_at"],
} as const;

/**
 * True when the agent holds on `day` an item of every kind required by their activities
 * (non-archived activities of their service whose required skills they all hold), laptop at least.
 * Mirrors src/engines/equipment/equipped.ts, in SQL so lists can filter and count on it.
 */
export function equippedExpr(day: string): Expression<SqlBool> {
  return sql<SqlBool>`NOT EXISTS (
    SELECT 1 FROM (
      SELECT 'laptop'::text AS kind
      UNION
      SELECT unnest(act.equipment_kinds) AS kind FROM activities act
      WHERE act.org_id = a.org_id AND act.service_id = a.service_id AND act.archived_at IS NULL
        AND NOT EXISTS (
          SELECT 1 FROM activity_skills x WHERE x.activity_id = act.id
            AND NOT EXISTS (SELECT 1 FROM agent_skills y WHERE y.agent_id = a.id AND y.skill_id = x.skill_id))
    ) req
    WHERE NOT EXISTS (
      SELECT 1 FROM equipment_loans l JOIN equipment e ON e.id = l.equipment_id
      WHERE l.agent_id = a.id AND e.kind = req.kind AND l.lent_on <= ${day}::date
        AND (l.returned_on IS NULL OR l.returned_on > ${day}::date)))`;
}

export async function listAgents(
  db: Kysely<DB>,
  orgId: string,
  visibility: Visibility,
  q: AgentQuery & { serviceIds?: string[] },
  today: string,
) {
  let query = db.selectFrom("agents as a").where("a.org_id", "=", orgId);
  if (visibility.kind === "services") {
    if (visibility.ids.length === 0) return { items: [], total: 0 };
    query = query.where("a.service_id", "in", visibility.ids);
  } else if (visibility.kind === "self") {
    if (!visibility.agentId) return { items: [], total: 0 };
    query = query.where("a.id", "=", visibility.agentId);
  }
  query = q.archived
    ? query.where("a.archived_at", "is not", null)
    : query.where("a.archived_at", "is", null);
  if (q.q) {
    const term = `%${q.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb("a.last_name", "ilike", term),
        eb("a.first_name", "ilike", term),
        eb("a.staff_number", "ilike", term),
        eb(sql`a.first_name || ' ' || a.last_name`, "ilike", term),
        eb(sql`a.last_name || ' ' || a.first_name`, "ilike", term),
      ]),
    );
  }
  if (q.serviceIds) {
    if (q.serviceIds.length === 0) return { items: [], total: 0 };
    query = query.where("a.service_id", "in", q.serviceIds);
  }
  if (q.siteId) query = query.where("a.site_id", "=", q.siteId);
  if (q.canTelework !== undefined) query = query.where("a.can_telework", "=", q.canTelework);
  if (q.equipped !== undefined) {
    const expr = equippedExpr(today);
    query = query.where(q.equipped ? expr : sql<SqlBool>`NOT ${expr}`);
  }
  if (q.status) {
    const status = q.status;
    const exists = (s: Status | null) =>
      sql<SqlBool>`EXISTS (SELECT 1 FROM daily_statuses d WHERE d.agent_id = a.id AND d.day = ${today}::date${
        s ? sql` AND d.status = ${s}` : sql``
      })`;
    query = query.where(status === "none" ? sql<SqlBool>`NOT ${exists(null)}` : exists(status));
  }
  const order = q.order ?? "asc";
  let listed = query.selectAll("a");
  for (const col of SORTS[q.sort ?? "name"]) listed = listed.orderBy(col, order);
  const [items, total] = await Promise.all([
    listed
      .orderBy("a.id")
      .limit(q.limit ?? 50)
      .offset(q.offset ?? 0)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findAgent(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("agents")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export interface AgentFacts {
  skills: Map<string, string[]>;
  /** Per agent: the equipment kinds each of their activities requires. */
  requirements: Map<string, string[][]>;
  held: Map<string, string[]>;
  statusToday: Map<string, Status>;
}

/** What the views need beyond the agent row, for a page of agents, in four queries. */
export async function agentFacts(
  db: Kysely<DB>,
  agents: readonly AgentRow[],
  today: string,
): Promise<AgentFacts> {
  const facts: AgentFacts = {
    skills: new Map(),
    requirements: new Map(),
    held: new Map(),
    statusToday: new Map(),
  };
  if (agents.length === 0) return facts;
  const ids = agents.map((a) => a.id);
  const serviceIds = [...new Set(agents.map((a) => a.service_id))];
  const [skills, activities, activitySkills, loans, statuses] = await Promise.all([
    db.selectFrom("agent_skills").select(["agent_id", "skill_id"]).where("agent_id", "in", ids).execute(),
    db
      .selectFrom("activities")
      .select(["id", "service_id", "equipment_kinds"])
      .where("service_id", "in", serviceIds)
      .where("org_id", "=", agents[0].org_id)
      .where("archived_at", "is", null)
      .execute(),
    db
      .selectFrom("activity_skills as x")
      .innerJoin("activities as act", "act.id", "x.activity_id")
      .select(["x.activity_id", "x.skill_id"])
      .where("act.service_id", "in", serviceIds)
      .where("act.archived_at", "is", null)
      .execute(),
    db
      .selectFrom("equipment_loans as l")
      .innerJoin("equipment as e", "e.id", "l.equipment_id")
      .select(["l.agent_id", "e.kind"])
      .where("l.agent_id", "in", ids)
      .where("l.lent_on", "<=", today)
      .where((eb) => eb.or([eb("l.returned_on", "is", null), eb("l.returned_on", ">", today)]))
      .execute(),
    db
      .selectFrom("daily_statuses")
      .select(["agent_id", "status"])
      .where("agent_id", "in", ids)
      .where("day", "=", today)
      .execute(),
  ]);
  for (const s of skills) facts.skills.set(s.agent_id, [...(facts.skills.get(s.agent_id) ?? []), s.skill_id]);
  const needs = new Map<string, string[]>();
  for (const s of activitySkills) needs.set(s.activity_id, [...(needs.get(s.activity_id) ?? []), s.skill_id]);
  for (const a of agents) {
    const held = new Set(facts.skills.get(a.id) ?? []);
    facts.requirements.set(
      a.id,
      activities
        .filter(
          (act) => act.service_id === a.service_id && (needs.get(act.id) ?? []).every((k) => held.has(k)),
        )
        .map((act) => act.equipment_kinds),
    );
  }
  for (const l of loans) facts.held.set(l.agent_id, [...(facts.held.get(l.agent_id) ?? []), l.kind]);
  for (const s of statuses) facts.statusToday.set(s.agent_id, s.status);
  return facts;
}

export async function insertAgent(db: Kysely<DB>, row: Insertable<AgentsTable>) {
  return db.insertInto("agents").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateAgent(db: Kysely<DB>, orgId: string, id: string, patch: Updateable<AgentsTable>) {
  return db
    .updateTable("agents")
    .set({ ...patch, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setAgentSkills(db: Kysely<DB>, agentId: string, skillIds: readonly string[]) {
  await db.deleteFrom("agent_skills").where("agent_id", "=", agentId).execute();
  if (skillIds.length > 0) {
    await db
      .insertInto("agent_skills")
      .values(skillIds.map((skill_id) => ({ agent_id: agentId, skill_id })))
      .execute();
  }
}

export async function countInOrg(
  db: Kysely<DB>,
  table: "services" | "sites" | "skills",
  orgId: string,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .where("id", "in", [...ids])
    .where("archived_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
