import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import { folded, likePattern } from "../search.js";
import type { CatalogKind, CatalogQuery } from "./schema.js";

export interface CatalogRow {
  id: string;
  name: string;
  description: string;
  archived_at: Date | null;
  created_at: Date;
}

const SORT_COLUMNS = { name: "name", createdAt: "created_at" } as const;

/** Skills have no description column: they read as an empty one. */
const descriptionOf = (kind: CatalogKind) =>
  (kind === "applications" ? sql<string>`description` : sql<string>`''`).as("description");

const selectRow = (db: Kysely<DB>, kind: CatalogKind, orgId: string) =>
  db
    .selectFrom(kind)
    .select(["id", "name", "archived_at", "created_at", descriptionOf(kind)])
    .where("org_id", "=", orgId);

export async function listItems(
  db: Kysely<DB>,
  kind: CatalogKind,
  orgId: string,
  q: CatalogQuery,
): Promise<{ items: CatalogRow[]; total: number }> {
  let query = db.selectFrom(kind).where("org_id", "=", orgId);
  query = q.archived ? query.where("archived_at", "is not", null) : query.where("archived_at", "is", null);
  if (q.q) query = query.where((eb) => eb(folded(eb.ref("name")), "like", likePattern(q.q ?? "")));
  const [items, total] = await Promise.all([
    query
      .select(["id", "name", "archived_at", "created_at", descriptionOf(kind)])
      .orderBy(q.sort === "createdAt" ? SORT_COLUMNS.createdAt : sql`lower(name)`, q.order ?? "asc")
      .orderBy("id")
      .limit(q.limit ?? 50)
      .offset(q.offset ?? 0)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findItem(db: Kysely<DB>, kind: CatalogKind, orgId: string, id: string) {
  return selectRow(db, kind, orgId).where("id", "=", id).executeTakeFirst();
}

/** The ids among `ids` that are active items of the organisation. */
export async function existingIds(db: Kysely<DB>, kind: CatalogKind, orgId: string, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom(kind)
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "in", ids)
    .where("archived_at", "is", null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertItem(
  db: Kysely<DB>,
  kind: CatalogKind,
  row: { id: string; orgId: string; name: string; description: string },
) {
  if (kind === "applications") {
    await db
      .insertInto("applications")
      .values({ id: row.id, org_id: row.orgId, name: row.name, description: row.description })
      .execute();
  } else {
    await db.insertInto("skills").values({ id: row.id, org_id: row.orgId, name: row.name }).execute();
  }
}

export async function updateItem(
  db: Kysely<DB>,
  kind: CatalogKind,
  orgId: string,
  id: string,
  patch: { name?: string; description?: string; archived_at?: Date | null },
) {
  const { description, ...common } = patch;
  if (kind === "applications") {
    await db
      .updateTable("applications")
      .set({ ...common, ...(description !== undefined ? { description } : {}) })
      .where("org_id", "=", orgId)
      .where("id", "=", id)
      .execute();
  } else if (Object.keys(common).length > 0) {
    await db.updateTable("skills").set(common).where("org_id", "=", orgId).where("id", "=", id).execute();
  }
}
