// Requests SQL through Kysely: plain rows in, plain rows out.
import { type Insertable, type Kysely, type Selectable, sql } from "kysely";
import type { DB } from "../db/schema.js";
import {
  OPEN_STATUSES,
  type RequestAttachmentsTable,
  type RequestMessagesTable,
  type RequestStatus,
  type RequestsTable,
} from "./tables.js";

export type RequestRow = Selectable<RequestsTable>;
export type MessageRow = Selectable<RequestMessagesTable>;
export type AttachmentMeta = Omit<Selectable<RequestAttachmentsTable>, "content">;

/** The next reference number, e.g. REL-2026-000123 (one sequence: never waits on another writer). */
/** The next reference, REL-<year>-<number> (defined once, in SQL: migration 0012). */
export async function nextReference(db: Kysely<DB>, now: Date): Promise<string> {
  const r = await sql<{ ref: string }>`SELECT relais_next_reference(${now}) AS ref`.execute(db);
  return r.rows[0]!.ref;
}

export async function insertRequest(db: Kysely<DB>, row: Insertable<RequestsTable>): Promise<RequestRow> {
  return db.insertInto("requests").values(row).returningAll().executeTakeFirstOrThrow();
}

export function findRequest(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("requests")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findByReference(db: Kysely<DB>, orgId: string, reference: string) {
  return db
    .selectFrom("requests")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("reference", "=", reference)
    .executeTakeFirst();
}

export function findByTokenHash(db: Kysely<DB>, tokenHash: string) {
  return db.selectFrom("requests").selectAll().where("follow_token_hash", "=", tokenHash).executeTakeFirst();
}

export interface ListFilter {
  orgId: string;
  /** null: every service of the organisation. */
  serviceIds: string[] | null;
  statuses?: RequestStatus[];
  open?: boolean;
  priority?: string;
  urgent?: boolean;
  overdueAt?: Date;
  assignedTo?: string | null;
  channel?: string;
  quarantined: boolean;
  q?: string;
  limit: number;
  offset: number;
}

export async function listRequests(db: Kysely<DB>, f: ListFilter) {
  let query = db.selectFrom("requests").where("org_id", "=", f.orgId);
  if (f.serviceIds !== null) {
    if (f.serviceIds.length === 0) return { items: [], total: 0 };
    query =
      f.serviceIds.length === 1
        ? query.where("service_id", "=", f.serviceIds[0]!)
        : query.where("service_id", "in", f.serviceIds);
  }
  query = f.quarantined
    ? query.where("quarantine_reason", "is not", null)
    : query.where("quarantine_reason", "is", null);
  if (f.statuses && f.statuses.length > 0) query = query.where("status", "in", f.statuses);
  if (f.open) query = query.where("status", "in", [...OPEN_STATUSES]);
  if (f.priority) query = query.where("priority", "=", f.priority as RequestsTable["priority"]);
  if (f.urgent !== undefined) query = query.where("urgent", "=", f.urgent);
  if (f.overdueAt) {
    query = query.where("due_at", "<", f.overdueAt).where("status", "in", ["new", "in_progress"]);
  }
  if (f.assignedTo !== undefined) {
    query =
      f.assignedTo === null
        ? query.where("assigned_to", "is", null)
        : query.where("assigned_to", "=", f.assignedTo);
  }
  if (f.channel) query = query.where("channel", "=", f.channel as RequestsTable["channel"]);
  if (f.q) {
    const term = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const ref = f.q.trim().toUpperCase();
    // Contact fields are searched only on requests whose contact may be shown in a list.
    query = query.where((eb) =>
      eb.or([
        eb("reference", "=", ref),
        eb("subject", "ilike", term),
        eb("message", "ilike", term),
        eb.and([
          eb("sensitive", "=", false),
          eb.or([
            eb("requester_name", "ilike", term),
            eb("requester_email", "ilike", term),
            eb("requester_phone", "ilike", term),
            eb("requester_number", "ilike", term),
          ]),
        ]),
      ]),
    );
  }
  const [items, total] = await Promise.all([
    query
      .select([
        "id",
        "reference",
        "service_id",
        "channel",
        "status",
        "priority",
        "urgent",
        "flags",
        "rule_id",
        "rule_name",
        "category",
        "subject",
        "requester_name",
        "sensitive",
        "assigned_to",
        "due_at",
        "quarantine_reason",
        "review_reason",
        "merged_into",
        "created_at",
        "updated_at",
      ])
      .orderBy("priority_rank", "desc")
      .orderBy("due_at", "asc")
      .orderBy("id")
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
export type ListRow = Awaited<ReturnType<typeof listRequests>>["items"][number];

export async function updateRequest(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  patch: Partial<Omit<Insertable<RequestsTable>, "id" | "org_id">>,
): Promise<RequestRow> {
  return db
    .updateTable("requests")
    .set({ ...patch, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertMessage(db: Kysely<DB>, row: Insertable<RequestMessagesTable>) {
  return db.insertInto("request_messages").values(row).returningAll().executeTakeFirstOrThrow();
}

export function listMessages(db: Kysely<DB>, requestId: string, kinds?: readonly MessageRow["kind"][]) {
  let q = db.selectFrom("request_messages").selectAll().where("request_id", "=", requestId);
  if (kinds) q = q.where("kind", "in", [...kinds]);
  return q.orderBy("created_at").orderBy("id").execute();
}

export async function insertAttachments(db: Kysely<DB>, rows: Insertable<RequestAttachmentsTable>[]) {
  if (rows.length === 0) return;
  await db.insertInto("request_attachments").values(rows).execute();
}

export function listAttachments(db: Kysely<DB>, requestId: string): Promise<AttachmentMeta[]> {
  return db
    .selectFrom("request_attachments")
    .select([
      "id",
      "org_id",
      "request_id",
      "message_id",
      "filename",
      "content_type",
      "size_bytes",
      "quarantine_reason",
      "created_at",
    ])
    .where("request_id", "=", requestId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export function findAttachment(db: Kysely<DB>, requestId: string, id: string) {
  return db
    .selectFrom("request_attachments")
    .selectAll()
    .where("request_id", "=", requestId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function mergedInto(db: Kysely<DB>, targetId: string) {
  return db
    .selectFrom("requests")
    .select(["id", "reference"])
    .where("merged_into", "=", targetId)
    .orderBy("created_at")
    .execute();
}

export function findService(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("services")
    .select(["id", "name", "mailbox", "archived_at"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findUserInOrg(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("users")
    .select(["id", "role", "service_id", "agent_id", "disabled_at"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}
