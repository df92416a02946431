import { type Kysely, type Selectable, sql } from "kysely";
import type { ReportFigures } from "../../../engines/bilan/figures.js";
import type { DB } from "../../db/schema.js";
import type { CrisisReportsTable } from "../tables.js";

export type ReportRow = Omit<Selectable<CrisisReportsTable>, "figures"> & { figures: ReportFigures };

export async function listReports(db: Kysely<DB>, orgId: string, page: { limit: number; offset: number }) {
  const q = db.selectFrom("crisis_reports").where("org_id", "=", orgId);
  const [items, total] = await Promise.all([
    q
      .select([
        "id",
        "number",
        "as_of",
        "comment",
        "origin",
        "created_at",
        "updated_at",
        "frozen_at",
        "activation_id",
      ])
      .orderBy("as_of", "desc")
      .orderBy("id")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function findReport(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  forUpdate = false,
): Promise<ReportRow | undefined> {
  let q = db.selectFrom("crisis_reports").selectAll().where("org_id", "=", orgId).where("id", "=", id);
  if (forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) as ReportRow | undefined;
}

/** The latest frozen report strictly before `asOf`. */
export async function previousFrozen(
  db: Kysely<DB>,
  orgId: string,
  asOf: Date,
): Promise<ReportRow | undefined> {
  return (await db
    .selectFrom("crisis_reports")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("number", "is not", null)
    .where("as_of", "<", asOf)
    .orderBy("as_of", "desc")
    .orderBy("number", "desc")
    .limit(1)
    .executeTakeFirst()) as ReportRow | undefined;
}

export async function insertReport(
  db: Kysely<DB>,
  row: {
    id: string;
    org_id: string;
    activation_id: string | null;
    as_of: Date;
    figures: ReportFigures;
    comment: string;
    origin: "manual" | "scheduled";
    created_by: string | null;
  },
) {
  await db
    .insertInto("crisis_reports")
    .values({ ...row, figures: JSON.stringify(row.figures) })
    .execute();
}

export async function updateDraft(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  patch: { comment?: string; figures?: ReportFigures },
) {
  const res = await db
    .updateTable("crisis_reports")
    .set({
      ...(patch.comment !== undefined ? { comment: patch.comment } : {}),
      ...(patch.figures !== undefined ? { figures: JSON.stringify(patch.figures) } : {}),
      updated_at: new Date(),
    })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("frozen_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Gives the report the next number of the organisation and seals it (serialised by a row lock). */
export async function freeze(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  by: string | null,
  figures: ReportFigures,
) {
  // Lock the organisation row: two freezes at once get consecutive numbers, never the same one.
  await db.selectFrom("orgs").select("id").where("id", "=", orgId).forUpdate().execute();
  const next = await db
    .selectFrom("crisis_reports")
    .select(sql<number>`coalesce(max(number), 0) + 1`.as("n"))
    .where("org_id", "=", orgId)
    .executeTakeFirstOrThrow();
  const number = Number(next.n);
  const res = await db
    .updateTable("crisis_reports")
    .set({
      number,
      frozen_at: new Date(),
      frozen_by: by,
      figures: JSON.stringify(figures),
      updated_at: new Date(),
    })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("frozen_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1 ? number : null;
}

/** Decision and action entries as they stood at `asOf`, created in (after, asOf]. */
export function logItemsBetween(db: Kysely<DB>, orgId: string, after: Date | null, asOf: Date) {
  let q = db
    .selectFrom("crisis_log_entries")
    .select(["entry_id", "version", "kind", "occurred_at", "title", "owner", "due_on", "state"])
    .where("org_id", "=", orgId)
    .where("kind", "in", ["decision", "action"])
    .where("created_at", "<=", asOf)
    .where((eb) => eb.or([eb("superseded_at", "is", null), eb("superseded_at", ">", asOf)]))
    .where("entry_created_at", "<=", asOf);
  if (after) q = q.where("entry_created_at", ">", after);
  return q.orderBy("occurred_at").orderBy("entry_id").execute();
}

/** Actions open at `asOf` (the version valid then). */
export function openActionsAt(db: Kysely<DB>, orgId: string, asOf: Date) {
  return db
    .selectFrom("crisis_log_entries")
    .select(["entry_id", "version", "kind", "occurred_at", "title", "owner", "due_on", "state"])
    .where("org_id", "=", orgId)
    .where("kind", "=", "action")
    .where("state", "=", "open")
    .where("created_at", "<=", asOf)
    .where((eb) => eb.or([eb("superseded_at", "is", null), eb("superseded_at", ">", asOf)]))
    .orderBy("due_on")
    .orderBy("entry_id")
    .execute();
}

export function findSchedule(db: Kysely<DB>, orgId: string) {
  return db.selectFrom("crisis_report_schedules").selectAll().where("org_id", "=", orgId).executeTakeFirst();
}

export async function upsertSchedule(
  db: Kysely<DB>,
  row: {
    org_id: string;
    time_of_day: string;
    enabled: boolean;
    last_run_on: string | null;
    updated_by: string;
  },
) {
  await db
    .insertInto("crisis_report_schedules")
    .values(row)
    .onConflict((oc) =>
      oc.column("org_id").doUpdateSet({
        time_of_day: row.time_of_day,
        enabled: row.enabled,
        last_run_on: row.last_run_on,
        updated_by: row.updated_by,
        updated_at: new Date(),
      }),
    )
    .execute();
}

export function enabledSchedules(db: Kysely<DB>) {
  return db
    .selectFrom("crisis_report_schedules as s")
    .innerJoin("orgs as o", "o.id", "s.org_id")
    .select(["s.org_id", "s.time_of_day", "s.last_run_on", "o.timezone"])
    .where("s.enabled", "=", true)
    .execute();
}

/** Takes the day's run: true for exactly one caller, however many schedulers ask. */
export async function claimRun(db: Kysely<DB>, orgId: string, day: string): Promise<boolean> {
  const res = await db
    .updateTable("crisis_report_schedules")
    .set({ last_run_on: day })
    .where("org_id", "=", orgId)
    .where("enabled", "=", true)
    .where((eb) => eb.or([eb("last_run_on", "is", null), eb("last_run_on", "<", day)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function cellRecipients(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("users")
    .select("email")
    .where("org_id", "=", orgId)
    .where("role", "in", ["crisis_cell", "pca_manager"])
    .where("disabled_at", "is", null)
    .orderBy("email")
    .execute();
}
