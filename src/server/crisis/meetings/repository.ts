import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";

const columns = [
  "m.id",
  "m.activation_id",
  "m.held_at",
  "m.title",
  "m.attendees",
  "m.agenda",
  "m.notes",
  "m.created_at",
  "m.updated_at",
  sql<number>`(SELECT count(*) FROM crisis_log_entries e WHERE e.meeting_id = m.id AND e.superseded_at IS NULL)`.as(
    "entries",
  ),
] as const;

export async function listMeetings(db: Kysely<DB>, orgId: string, page: { limit: number; offset: number }) {
  const q = db.selectFrom("crisis_meetings as m").where("m.org_id", "=", orgId);
  const [items, total] = await Promise.all([
    q
      .select(columns)
      .orderBy("m.held_at", "desc")
      .orderBy("m.id")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findMeeting(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("crisis_meetings as m")
    .select(columns)
    .where("m.org_id", "=", orgId)
    .where("m.id", "=", id)
    .executeTakeFirst();
}

export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

export async function insertMeeting(
  db: Kysely<DB>,
  row: {
    id: string;
    org_id: string;
    activation_id: string | null;
    held_at: Date;
    title: string;
    attendees: string[];
    agenda: string;
    notes: string;
    created_by: string;
  },
) {
  await db.insertInto("crisis_meetings").values(row).execute();
}

export async function updateMeeting(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  patch: { held_at?: Date; title?: string; attendees?: string[]; agenda?: string; notes?: string },
) {
  await db
    .updateTable("crisis_meetings")
    .set({ ...patch, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}
