import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import { folded, likePattern } from "../search.js";
import type { ActivityQuery, Ref } from "./schema.js";

export interface ActivityFilter extends Omit<ActivityQuery, "serviceId"> {
  /** null: every service of the organisation; otherwise only these (possibly none). */
  serviceIds: string[] | null;
}

const baseQuery = (db: Kysely<DB>, orgId: string) =>
  db
    .selectFrom("activities as a")
    .innerJoin("services as s", "s.id", "a.service_id")
    .leftJoin("sites as si", "si.id", "a.site_id")
    .where("a.org_id", "=", orgId);

const selectActivity = (db: Kysely<DB>, orgId: string) =>
  baseQuery(db, orgId).select([
    "a.id",
    "a.name",
    "a.description",
    "a.service_id",
    "s.name as service_name",
    "a.site_id",
    "si.name as site_name",
    "a.criticality",
    "a.max_interruption_hours",
    "a.minimum_service",
    "a.min_on_site",
    "a.min_remote",
    "a.modes",
    "a.equipment_kinds",
    "a.hours",
    "a.archived_at",
    "a.created_at",
    "a.updated_at",
  ]);

export type ActivityRow = Awaited<ReturnType<ReturnType<typeof selectActivity>["executeTakeFirstOrThrow"]>>;

export async function listActivities(db: Kysely<DB>, orgId: string, f: ActivityFilter) {
  if (f.serviceIds !== null && f.serviceIds.length === 0) return { items: [], total: 0 };
  let query = baseQuery(db, orgId);
  query = f.archived
    ? query.where("a.archived_at", "is not", null)
    : query.where("a.archived_at", "is", null);
  if (f.serviceIds !== null) query = query.where("a.service_id", "in", f.serviceIds);
  if (f.siteId) query = query.where("a.site_id", "=", f.siteId);
  if (f.criticality && f.criticality.length > 0) query = query.where("a.criticality", "in", f.criticality);
  if (f.mode) query = query.where(sql<boolean>`${f.mode} = ANY(a.modes)`);
  if (f.skillId) {
    const skillId = f.skillId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("activity_skills as k")
          .select("k.skill_id")
          .whereRef("k.activity_id", "=", "a.id")
          .where("k.skill_id", "=", skillId),
      ),
    );
  }
  if (f.applicationId) {
    const applicationId = f.applicationId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("activity_applications as p")
          .select("p.application_id")
          .whereRef("p.activity_id", "=", "a.id")
          .where("p.application_id", "=", applicationId),
      ),
    );
  }
  if (f.q?.trim()) {
    const pattern = likePattern(f.q);
    query = query.where((eb) =>
      eb.or([
        eb(folded(eb.ref("a.name")), "like", pattern),
        eb(folded(eb.ref("a.description")), "like", pattern),
      ]),
    );
  }
  const order = f.order ?? "asc";
  const byName = sql`lower(a.name)`;
  let listQuery = query.select("a.id");
  switch (f.sort ?? "name") {
    case "criticality":
      listQuery = listQuery.orderBy("a.criticality", order).orderBy(byName);
      break;
    case "maxInterruptionHours":
      listQuery = listQuery.orderBy("a.max_interruption_hours", order).orderBy(byName);
      break;
    case "service":
      listQuery = listQuery.orderBy(sql`lower(s.name)`, order).orderBy(byName);
      break;
    default:
      listQuery = listQuery.orderBy(byName, order);
  }
  const [page, total] = await Promise.all([
    listQuery
      .orderBy("a.id")
      .limit(f.limit ?? 50)
      .offset(f.offset ?? 0)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const ids = page.map((r) => r.id);
  const rows = ids.length === 0 ? [] : await selectActivity(db, orgId).where("a.id", "in", ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: ids.map((id) => byId.get(id)).filter((r): r is ActivityRow => r !== undefined),
    total: Number(total.n),
  };
}

export function findActivity(db: Kysely<DB>, orgId: string, id: string) {
  return selectActivity(db, orgId).where("a.id", "=", id).executeTakeFirst();
}

/** Skills and applications of these activities, by activity id, sorted by name. */
export async function loadLinks(db: Kysely<DB>, activityIds: string[]) {
  const skills = new Map<string, Ref[]>();
  const applications = new Map<string, Ref[]>();
  if (activityIds.length === 0) return { skills, applications };
  const [skillRows, appRows] = await Promise.all([
    db
      .selectFrom("activity_skills as l")
      .innerJoin("skills as k", "k.id", "l.skill_id")
      .select(["l.activity_id", "k.id", "k.name"])
      .where("l.activity_id", "in", activityIds)
      .orderBy(sql`lower(k.name)`)
      .execute(),
    db
      .selectFrom("activity_applications as l")
      .innerJoin("applications as p", "p.id", "l.application_id")
      .select(["l.activity_id", "p.id", "p.name"])
      .where("l.activity_id", "in", activityIds)
      .orderBy(sql`lower(p.name)`)
      .execute(),
  ]);
  for (const [target, rows] of [
    [skills, skillRows],
    [applications, appRows],
  ] as const) {
    for (const r of rows) {
      const list = target.get(r.activity_id) ?? [];
      list.push({ id: r.id, name: r.name });
      target.set(r.activity_id, list);
    }
  }
  return { skills, applications };
}

export interface ActivityColumns {
  service_id: string;
  site_id: string | null;
  name: string;
  description: string;
  criticality: number;
  max_interruption_hours: number;
  minimum_service: string;
  min_on_site: number;
  min_remote: number;
  modes: string[];
  equipment_kinds: string[];
  hours: string;
}

export async function insertActivity(db: Kysely<DB>, id: string, orgId: string, row: ActivityColumns) {
  await db
    .insertInto("activities")
    .values({ id, org_id: orgId, ...row })
    .execute();
}

export async function updateActivity(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  patch: Partial<ActivityColumns> & { archived_at?: Date | null },
) {
  await db
    .updateTable("activities")
    .set({ ...patch, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export async function replaceSkills(db: Kysely<DB>, activityId: string, skillIds: string[]) {
  await db.deleteFrom("activity_skills").where("activity_id", "=", activityId).execute();
  if (skillIds.length > 0) {
    await db
      .insertInto("activity_skills")
      .values(skillIds.map((skill_id) => ({ activity_id: activityId, skill_id })))
      .execute();
  }
}

export async function replaceApplications(db: Kysely<DB>, activityId: string, applicationIds: string[]) {
  await db.deleteFrom("activity_applications").where("activity_id", "=", activityId).execute();
  if (applicationIds.length > 0) {
    await db
      .insertInto("activity_applications")
      .values(applicationIds.map((application_id) => ({ activity_id: activityId, application_id })))
      .execute();
  }
}

/** Whether an active service / site of the organisation has this id. */
export async function isActive(db: Kysely<DB>, table: "services" | "sites", orgId: string, id: string) {
  const row = await db
    .selectFrom(table)
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("archived_at", "is", null)
    .executeTakeFirst();
  return row !== undefined;
}

/** The service of an agent record (the agent role reads that service's activities). */
export async function agentServiceId(db: Kysely<DB>, orgId: string, agentId: string) {
  const row = await db
    .selectFrom("agents")
    .select("service_id")
    .where("org_id", "=", orgId)
    .where("id", "=", agentId)
    .executeTakeFirst();
  return row?.service_id ?? null;
}
