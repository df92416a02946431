import { type Kysely, type Selectable, sql } from "kysely";
import type { DB } from "../db/schema.js";
import type { RosterPeriodsTable, RosterVersionsTable } from "./tables.js";

export type PeriodRow = Selectable<RosterPeriodsTable>;
export type VersionRow = Selectable<RosterVersionsTable>;

export function findPeriod(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("roster_periods")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function listPeriods(db: Kysely<DB>, orgId: string, serviceIds: string[] | null) {
  let q = db.selectFrom("roster_periods").selectAll().where("org_id", "=", orgId);
  if (serviceIds)
    q = serviceIds.length === 0 ? q.where(sql<boolean>`false`) : q.where("service_id", "in", serviceIds);
  return q.orderBy("start_date", "desc").orderBy("id").execute();
}

export function sitesOf(db: Kysely<DB>, orgId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("sites")
    .select(["id", "name", "capacity"])
    .where("org_id", "=", orgId)
    .where("id", "in", ids)
    .where("archived_at", "is", null)
    .execute();
}

/** Activities on the given sites, with their required skills. */
export function activitiesOn(db: Kysely<DB>, orgId: string, siteIds: string[]) {
  return sql<{
    id: string;
    name: string;
    site_id: string;
    service_id: string;
    min_on_site: number;
    skill_ids: string[];
  }>`
    SELECT a.id, a.name, a.site_id, a.service_id, a.min_on_site,
      coalesce((SELECT array_agg(k.skill_id::text ORDER BY k.skill_id) FROM activity_skills k WHERE k.activity_id = a.id), '{}') AS skill_ids
    FROM activities a
    WHERE a.org_id = ${orgId} AND a.archived_at IS NULL AND a.site_id::text = ANY(${siteIds})
    ORDER BY a.name, a.id`
    .execute(db)
    .then((r) => r.rows);
}

/** Agents of the organisation (or of these services) with their skills. */
export function agentsFor(db: Kysely<DB>, orgId: string, serviceIds: string[] | null) {
  return sql<{
    id: string;
    first_name: string;
    last_name: string;
    site_id: string | null;
    team: string | null;
    never_on_site: boolean;
    work_time_pct: number;
    skill_ids: string[];
  }>`
    SELECT a.id, a.first_name, a.last_name, a.site_id, a.team, a.never_on_site, a.work_time_pct,
      coalesce((SELECT array_agg(k.skill_id::text) FROM agent_skills k WHERE k.agent_id = a.id), '{}') AS skill_ids
    FROM agents a
    WHERE a.org_id = ${orgId} AND a.archived_at IS NULL
      AND (${serviceIds === null} OR a.service_id::text = ANY(${serviceIds ?? []}))
    ORDER BY a.last_name, a.first_name, a.id`
    .execute(db)
    .then((r) => r.rows);
}

const ABSENT = ["sick", "isolated", "childcare", "special_leave", "off"] as const;

export function absencesBetween(db: Kysely<DB>, orgId: string, from: string, to: string) {
  return db
    .selectFrom("daily_statuses")
    .select(["agent_id", sql<string>`day::text`.as("day")])
    .where("org_id", "=", orgId)
    .where("day", ">=", from)
    .where("day", "<=", to)
    .where("status", "in", [...ABSENT])
    .execute();
}

export function needsOf(db: Kysely<DB>, periodId: string) {
  return db
    .selectFrom("roster_needs")
    .select(["activity_id", "count", sql<string>`day::text`.as("day")])
    .where("period_id", "=", periodId)
    .orderBy("day")
    .orderBy("activity_id")
    .execute();
}

export function locksOf(db: Kysely<DB>, periodId: string) {
  return db
    .selectFrom("roster_locks")
    .select(["agent_id", "activity_id", sql<string>`day::text`.as("day")])
    .where("period_id", "=", periodId)
    .orderBy("day")
    .execute();
}

export function rosterAbsencesOf(db: Kysely<DB>, periodId: string) {
  return db
    .selectFrom("roster_absences")
    .select([
      "agent_id",
      sql<string>`from_day::text`.as("from_day"),
      sql<string | null>`to_day::text`.as("to_day"),
    ])
    .where("period_id", "=", periodId)
    .execute();
}

export function versionsOf(db: Kysely<DB>, periodId: string) {
  return db
    .selectFrom("roster_versions")
    .selectAll()
    .where("period_id", "=", periodId)
    .orderBy("created_at", "desc")
    .execute();
}

export function findVersion(db: Kysely<DB>, periodId: string, id: string) {
  return db
    .selectFrom("roster_versions")
    .selectAll()
    .where("period_id", "=", periodId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function latestPublished(db: Kysely<DB>, periodId: string) {
  return db
    .selectFrom("roster_versions")
    .selectAll()
    .where("period_id", "=", periodId)
    .where("status", "=", "published")
    .orderBy("number", "desc")
    .executeTakeFirst();
}

export function assignmentsOf(db: Kysely<DB>, versionId: string) {
  return db
    .selectFrom("roster_assignments")
    .select(["agent_id", "activity_id", "site_id", sql<string>`day::text`.as("day")])
    .where("version_id", "=", versionId)
    .orderBy("agent_id")
    .orderBy("day")
    .execute();
}

export async function insertAssignments(
  db: Kysely<DB>,
  rows: { version_id: string; agent_id: string; day: string; activity_id: string; site_id: string }[],
) {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto("roster_assignments")
      .values(rows.slice(i, i + 1000))
      .execute();
}

/** The agent's assignments in the latest published version of each period, between two days. */
export function publishedScheduleOf(
  db: Kysely<DB>,
  orgId: string,
  agentId: string,
  from: string,
  to: string,
) {
  return sql<{
    day: string;
    period_id: string;
    period_name: string;
    activity_name: string;
    site_name: string;
    number: number;
  }>`
    SELECT a.day::text AS day, p.id AS period_id, p.name AS period_name, act.name AS activity_name,
      s.name AS site_name, v.number
    FROM roster_assignments a
    JOIN roster_versions v ON v.id = a.version_id
    JOIN roster_periods p ON p.id = v.period_id
    JOIN activities act ON act.id = a.activity_id
    JOIN sites s ON s.id = a.site_id
    WHERE p.org_id = ${orgId} AND a.agent_id = ${agentId} AND a.day >= ${from} AND a.day <= ${to}
      AND v.status = 'published'
      AND v.number = (SELECT max(v2.number) FROM roster_versions v2 WHERE v2.period_id = p.id AND v2.status = 'published')
    ORDER BY a.day, p.name`
    .execute(db)
    .then((r) => r.rows);
}

/** Personal on/off requests of the organisation's agents between two days. */
export function requestsBetween(
  db: Kysely<DB>,
  orgId: string,
  from: string,
  to: string,
  agentId: string | null = null,
) {
  let q = db
    .selectFrom("roster_requests")
    .select(["agent_id", "on_site", "weight", "note", sql<string>`day::text`.as("day")])
    .where("org_id", "=", orgId)
    .where("day", ">=", from)
    .where("day", "<=", to);
  if (agentId) q = q.where("agent_id", "=", agentId);
  return q.orderBy("day").orderBy("agent_id").execute();
}

export function findRequest(db: Kysely<DB>, orgId: string, agentId: string, day: string) {
  return db
    .selectFrom("roster_requests")
    .select(["agent_id", "on_site", "weight", "note", sql<string>`day::text`.as("day")])
    .where("org_id", "=", orgId)
    .where("agent_id", "=", agentId)
    .where("day", "=", day)
    .executeTakeFirst();
}

export function upsertRequest(
  db: Kysely<DB>,
  row: {
    org_id: string;
    agent_id: string;
    day: string;
    on_site: boolean;
    weight: number;
    note: string | null;
    created_by: string;
  },
) {
  return db
    .insertInto("roster_requests")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["agent_id", "day"]).doUpdateSet({
        on_site: row.on_site,
        weight: row.weight,
        note: row.note,
        created_by: row.created_by,
        created_at: new Date(),
      }),
    )
    .execute();
}

export function deleteRequest(db: Kysely<DB>, orgId: string, agentId: string, day: string) {
  return db
    .deleteFrom("roster_requests")
    .where("org_id", "=", orgId)
    .where("agent_id", "=", agentId)
    .where("day", "=", day)
    .returning(["on_site", "weight"])
    .executeTakeFirst();
}
