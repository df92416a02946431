// Dashboard reads: status counts (kept by triggers, migration 0004), loans, qualification of agents
// for activities (agents' skill sets kept by triggers, migration 0011), all set-based (a handful of queries whatever the size of the organisation).
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB, Status } from "../db/schema.js";
import type { ActivityStaffing, LoanSpan } from "./figures.js";
import "./tables.js";

/** null: the whole organisation; otherwise the services the reader may see. */
export type Scope = string[] | null;

const inScope = (column: RawBuilder<unknown>, scope: Scope) =>
  scope === null ? sql`TRUE` : sql`${column} = ANY(${scope}::uuid[])`;

/**
 * Runs a read with PostgreSQL's JIT compiler off: these queries are estimated expensive enough to
 * trigger it, and compiling costs far more (hundreds of ms to seconds) than it saves here.
 */
async function withoutJit<T>(db: Kysely<DB>, read: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL jit = off`.execute(trx);
    return read(trx);
  });
}

/** The organisation's dashboard epoch (migration 0015): moves when equipment-related inputs change. */
export async function dashboardEpoch(db: Kysely<DB>, orgId: string): Promise<number> {
  const r = await sql<{ epoch: number }>`SELECT epoch FROM dashboard_epochs WHERE org_id = ${orgId}`.execute(
    db,
  );
  return Number(r.rows[0]?.epoch ?? 0);
}

export async function orgTimezone(db: Kysely<DB>, orgId: string): Promise<string> {
  const row = await db.selectFrom("orgs").select("timezone").where("id", "=", orgId).executeTakeFirst();
  return row?.timezone ?? "Europe/Paris";
}

export async function countActiveAgents(db: Kysely<DB>, orgId: string, scope: Scope): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM agents
    WHERE org_id = ${orgId} AND archived_at IS NULL AND ${inScope(sql.ref("service_id"), scope)}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export async function statusCounts(
  db: Kysely<DB>,
  orgId: string,
  from: string,
  to: string,
  scope: Scope,
): Promise<{ day: string; status: Status; n: number }[]> {
  const r = await sql<{ day: string; status: Status; n: number }>`
    SELECT day, status, sum(n)::int AS n FROM status_counts
    WHERE org_id = ${orgId} AND day BETWEEN ${from} AND ${to} AND ${inScope(sql.ref("service_id"), scope)}
    GROUP BY day, status`.execute(db);
  return r.rows;
}

/** Loans of active agents overlapping [from, to], with the holder's service (for the scope). */
export async function loansBetween(
  db: Kysely<DB>,
  orgId: string,
  from: string,
  to: string,
): Promise<(LoanSpan & { serviceId: string })[]> {
  const r = await sql<{
    agent_id: string;
    kind: string;
    lent_on: string;
    returned_on: string | null;
    service_id: string;
  }>`
    SELECT l.agent_id, e.kind, l.lent_on, l.returned_on, g.service_id
    FROM equipment_loans l
    JOIN equipment e ON e.id = l.equipment_id
    JOIN agents g ON g.id = l.agent_id AND g.archived_at IS NULL
    WHERE l.org_id = ${orgId} AND l.lent_on <= ${to} AND (l.returned_on IS NULL OR l.returned_on > ${from})`.execute(
    db,
  );
  return r.rows.map((x) => ({
    agentId: x.agent_id,
    kind: x.kind,
    lentOn: x.lent_on,
    returnedOn: x.returned_on,
    serviceId: x.service_id,
  }));
}

/**
 * Equipment kinds required of agents who hold something during [from, to], beyond the laptop:
 * the kinds of the non-archived activities of their service whose required skills they all hold.
 * Holders are grouped by (service, skill set) first: few groups, whatever the number of agents.
 */
export async function requiredKindsOfHolders(
  db: Kysely<DB>,
  orgId: string,
  from: string,
  to: string,
): Promise<Map<string, string[]>> {
  const r = await withoutJit(db, (trx) =>
    sql<{ agent_id: string; kind: string }>`
    WITH act AS (
      SELECT a.id, a.service_id, a.equipment_kinds,
             coalesce((SELECT array_agg(s.skill_id) FROM activity_skills s WHERE s.activity_id = a.id),
                      '{}'::uuid[]) AS skills
      FROM activities a
      WHERE a.org_id = ${orgId} AND a.archived_at IS NULL AND cardinality(a.equipment_kinds) > 0
    ),
    holder AS (
      SELECT DISTINCT l.agent_id, g.service_id
      FROM equipment_loans l JOIN agents g ON g.id = l.agent_id AND g.archived_at IS NULL
      WHERE l.org_id = ${orgId} AND l.lent_on <= ${to} AND (l.returned_on IS NULL OR l.returned_on > ${from})
    ),
    holder_skills AS (
      SELECT h.agent_id, h.service_id, coalesce(k.skills, '{}'::uuid[]) AS skills
      FROM holder h LEFT JOIN agent_skill_sets k ON k.agent_id = h.agent_id
    ),
    profile AS (
      SELECT service_id, skills, array_agg(agent_id) AS agents FROM holder_skills GROUP BY service_id, skills
    ),
    profile_kind AS (
      SELECT DISTINCT p.service_id, p.skills, k.kind
      FROM profile p
      JOIN act ON act.service_id = p.service_id AND p.skills @> act.skills
      CROSS JOIN LATERAL unnest(act.equipment_kinds) AS k(kind)
      WHERE k.kind <> 'laptop'
    )
    SELECT unnest(p.agents) AS agent_id, pk.kind
    FROM profile_kind pk JOIN profile p ON p.service_id = pk.service_id AND p.skills = pk.skills`.execute(
      trx,
    ),
  );
  const map = new Map<string, string[]>();
  for (const row of r.rows) {
    const list = map.get(row.agent_id);
    if (list) list.push(row.kind);
    else map.set(row.agent_id, [row.kind]);
  }
  return map;
}

/**
 * Per non-archived activity with a minimum (in scope), its qualified staff on `day` by situation.
 * Qualified: holds every required skill of the activity (any service), or belongs to the
 * activity's service when it requires none. `equipped`: agents equipped to telework that day.
 * Agents are first counted by (service | skill set, status, site, equipped), so activities are
 * matched against a few thousand groups rather than every agent.
 */
export async function activityStaffing(
  db: Kysely<DB>,
  orgId: string,
  day: string,
  equipped: readonly string[],
  scope: Scope,
): Promise<ActivityStaffing[]> {
  const r = await withoutJit(db, (trx) =>
    sql<{
      id: string;
      name: string;
      service_id: string;
      service_name: string;
      site_id: string | null;
      site_name: string | null;
      criticality: number;
      min_on_site: number;
      min_remote: number;
      qualified_total: number;
      qualified_on_site: number;
      qualified_remote_equipped: number;
      telework_not_equipped: number;
      absent: number;
      not_recorded: number;
    }>`
    WITH act_skills AS (
      -- One grouped pass over the organisation's activity skills (not one sub-query per activity).
      SELECT s.activity_id, array_agg(s.skill_id ORDER BY s.skill_id) AS skills
      FROM activity_skills s JOIN activities x ON x.id = s.activity_id
      WHERE x.org_id = ${orgId} AND x.archived_at IS NULL
      GROUP BY s.activity_id
    ),
    act AS (
      SELECT a.id, a.service_id, a.site_id, coalesce(k.skills, '{}'::uuid[]) AS skills
      FROM activities a LEFT JOIN act_skills k ON k.activity_id = a.id
      WHERE a.org_id = ${orgId} AND a.archived_at IS NULL AND (a.min_on_site > 0 OR a.min_remote > 0)
        AND ${inScope(sql.ref("a.service_id"), scope)}
    ),
    eq AS (SELECT DISTINCT id FROM unnest(${[...equipped]}::uuid[]) AS u(id)),
    ag AS (
      SELECT g.id, g.service_id, d.status, coalesce(d.site_id, g.site_id) AS where_site,
             (eq.id IS NOT NULL) AS equipped
      FROM agents g
      LEFT JOIN daily_statuses d ON d.agent_id = g.id AND d.org_id = ${orgId} AND d.day = ${day}
      LEFT JOIN eq ON eq.id = g.id
      WHERE g.org_id = ${orgId} AND g.archived_at IS NULL
    ),
    by_service AS (
      SELECT service_id, status, where_site, equipped, count(*)::int AS n
      FROM ag GROUP BY service_id, status, where_site, equipped
    ),
    by_skills AS (
      SELECT s.skills, ag.status, ag.where_site, ag.equipped, count(*)::int AS n
      FROM ag JOIN agent_skill_sets s ON s.agent_id = ag.id
      GROUP BY s.skills, ag.status, ag.where_site, ag.equipped
    ),
    by_skill AS (
      SELECT u.skill_id, b.skills, b.status, b.where_site, b.equipped, b.n
      FROM by_skills b CROSS JOIN LATERAL unnest(b.skills) AS u(skill_id)
    ),
    matched AS (
      SELECT act.id, b.status, b.where_site, b.equipped, b.n
      FROM act JOIN by_service b ON b.service_id = act.service_id
      WHERE cardinality(act.skills) = 0
      UNION ALL
      SELECT act.id, b.status, b.where_site, b.equipped, b.n
      FROM act JOIN by_skill b ON b.skill_id = act.skills[1] AND b.skills @> act.skills
      WHERE cardinality(act.skills) > 0
    ),
    staffing AS (
      SELECT act.id,
        coalesce(sum(m.n), 0)::int AS qualified_total,
        coalesce(sum(m.n) FILTER (WHERE m.status = 'on_call'
           OR (m.status = 'on_site' AND (act.site_id IS NULL OR m.where_site = act.site_id))), 0)::int
          AS qualified_on_site,
        coalesce(sum(m.n) FILTER (WHERE m.status = 'telework' AND m.equipped), 0)::int
          AS qualified_remote_equipped,
        coalesce(sum(m.n) FILTER (WHERE m.status = 'telework' AND NOT m.equipped), 0)::int
          AS telework_not_equipped,
        coalesce(sum(m.n) FILTER (WHERE m.status IN ('sick', 'isolated', 'childcare', 'special_leave', 'off')),
                 0)::int AS absent,
        coalesce(sum(m.n) FILTER (WHERE m.status IS NULL AND m.n IS NOT NULL), 0)::int AS not_recorded
      FROM act LEFT JOIN matched m ON m.id = act.id
      GROUP BY act.id
    )
    SELECT a.id, a.name, a.service_id, sv.name AS service_name, a.site_id, st.name AS site_name,
           a.criticality, a.min_on_site, a.min_remote, s.qualified_total, s.qualified_on_site,
           s.qualified_remote_equipped, s.telework_not_equipped, s.absent, s.not_recorded
    FROM staffing s
    JOIN activities a ON a.id = s.id
    JOIN services sv ON sv.id = a.service_id
    LEFT JOIN sites st ON st.id = a.site_id`.execute(trx),
  );
  return r.rows.map((x) => ({
    id: x.id,
    name: x.name,
    serviceId: x.service_id,
    serviceName: x.service_name,
    siteId: x.site_id,
    siteName: x.site_name,
    criticality: x.criticality,
    minOnSite: x.min_on_site,
    minRemote: x.min_remote,
    qualifiedTotal: x.qualified_total,
    qualifiedOnSite: x.qualified_on_site,
    qualifiedRemoteEquipped: x.qualified_remote_equipped,
    teleworkNotEquipped: x.telework_not_equipped,
    absent: x.absent,
    notRecorded: x.not_recorded,
  }));
}

/** Recomputes an organisation's status counts from daily_statuses (repair, bulk loads). */
export async function rebuildStatusCounts(db: Kysely<DB>, orgId: string): Promise<void> {
  await sql`SELECT rebuild_status_counts(${orgId})`.execute(db);
}
