import { type Kysely, type Selectable, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { CrisisLogEntriesTable } from "../tables.js";
import type { LogQuery } from "./schema.js";

export type LogRow = Omit<Selectable<CrisisLogEntriesTable>, "search"> & { author_name: string | null };

const COLUMNS = [
  "e.id",
  "e.entry_id",
  "e.version",
  "e.org_id",
  "e.activation_id",
  "e.meeting_id",
  "e.kind",
  "e.source",
  "e.occurred_at",
  "e.title",
  "e.body",
  "e.service_ids",
  "e.activity_ids",
  "e.site_ids",
  "e.owner",
  "e.owner_user_id",
  "e.due_on",
  "e.state",
  "e.correction_reason",
  "e.author_id",
  "e.entry_created_at",
  "e.created_at",
  "e.superseded_at",
  "u.display_name as author_name",
] as const;

export interface LogFilter extends Omit<LogQuery, "limit" | "offset" | "order"> {
  /** Service ids a service manager may see (entries naming one of them); null: everything. */
  scope: string[] | null;
  today: string;
}

function filtered(db: Kysely<DB>, orgId: string, f: LogFilter) {
  let q = db
    .selectFrom("crisis_log_entries as e")
    .leftJoin("users as u", "u.id", "e.author_id")
    .where("e.org_id", "=", orgId)
    .where("e.superseded_at", "is", null);
  if (f.scope) q = q.where(sql<boolean>`e.service_ids && ${sql.val(f.scope)}::uuid[]`);
  if (f.kind) q = q.where("e.kind", "=", f.kind);
  if (f.state) q = q.where("e.state", "=", f.state);
  if (f.overdue === true)
    q = q.where("e.kind", "=", "action").where("e.state", "=", "open").where("e.due_on", "<", f.today);
  // Containment (@>) uses the GIN index on service_ids; "= ANY" would not.
  if (f.serviceId) q = q.where(sql<boolean>`e.service_ids @> ARRAY[${f.serviceId}]::uuid[]`);
  if (f.activityId) q = q.where(sql<boolean>`${f.activityId}::uuid = ANY(e.activity_ids)`);
  if (f.siteId) q = q.where(sql<boolean>`${f.siteId}::uuid = ANY(e.site_ids)`);
  if (f.meetingId) q = q.where("e.meeting_id", "=", f.meetingId);
  if (f.activationId) q = q.where("e.activation_id", "=", f.activationId);
  if (f.from) q = q.where("e.occurred_at", ">=", new Date(f.from));
  if (f.to) q = q.where("e.occurred_at", "<", new Date(f.to));
  const term = f.q?.trim();
  if (term) q = q.where(sql<boolean>`e.search @@ websearch_to_tsquery('french', crisis_fold(${term}))`);
  return q;
}

export async function listEntries(
  db: Kysely<DB>,
  orgId: string,
  f: LogFilter,
  page: { limit: number; offset: number; order: "asc" | "desc" },
): Promise<{ items: LogRow[]; total: number }> {
  const q = filtered(db, orgId, f);
  const [items, total] = await Promise.all([
    q
      .select(COLUMNS)
      .orderBy("e.occurred_at", page.order)
      .orderBy("e.entry_id", page.order)
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function exportEntries(db: Kysely<DB>, orgId: string, f: LogFilter, order: "asc" | "desc") {
  return filtered(db, orgId, f)
    .select(COLUMNS)
    .orderBy("e.occurred_at", order)
    .orderBy("e.entry_id", order)
    .limit(100_000)
    .execute();
}

export function currentVersion(db: Kysely<DB>, orgId: string, entryId: string, forUpdate = false) {
  let q = db
    .selectFrom("crisis_log_entries as e")
    .leftJoin("users as u", "u.id", "e.author_id")
    .select(COLUMNS)
    .where("e.org_id", "=", orgId)
    .where("e.entry_id", "=", entryId)
    .where("e.superseded_at", "is", null);
  if (forUpdate) q = q.forUpdate("e");
  return q.executeTakeFirst();
}

export function allVersions(db: Kysely<DB>, orgId: string, entryId: string) {
  return db
    .selectFrom("crisis_log_entries as e")
    .leftJoin("users as u", "u.id", "e.author_id")
    .select(COLUMNS)
    .where("e.org_id", "=", orgId)
    .where("e.entry_id", "=", entryId)
    .orderBy("e.version", "desc")
    .execute();
}

export type NewVersion = Omit<LogRow, "author_name" | "superseded_at" | "created_at" | "source"> & {
  source?: "user" | "system";
  created_at: Date;
};

export async function insertVersion(db: Kysely<DB>, row: NewVersion) {
  await db.insertInto("crisis_log_entries").values(row).execute();
}

export async function supersede(db: Kysely<DB>, id: string, at: Date) {
  await db
    .updateTable("crisis_log_entries")
    .set({ superseded_at: at })
    .where("id", "=", id)
    .where("superseded_at", "is", null)
    .execute();
}

export async function nameMaps(db: Kysely<DB>, orgId: string) {
  const [services, activities, sites] = await Promise.all([
    db.selectFrom("services").select(["id", "name"]).where("org_id", "=", orgId).execute(),
    db.selectFrom("activities").select(["id", "name"]).where("org_id", "=", orgId).execute(),
    db.selectFrom("sites").select(["id", "name"]).where("org_id", "=", orgId).execute(),
  ]);
  const m = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return { services: m(services), activities: m(activities), sites: m(sites) };
}

export function findMeeting(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("crisis_meetings")
    .select(["id", "activation_id"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}
