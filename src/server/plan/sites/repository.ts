import type { Kysely, Selectable } from "kysely";
import type { DB, SitesTable } from "../../db/schema.js";
import type { SiteQuery } from "./schema.js";

export type SiteRow = Selectable<SitesTable>;

const SORT_COLUMNS = { name: "name", capacity: "capacity", createdAt: "created_at" } as const;

export async function listSites(db: Kysely<DB>, orgId: string, q: SiteQuery) {
  let query = db.selectFrom("sites").where("org_id", "=", orgId);
  query = q.archived ? query.where("archived_at", "is not", null) : query.where("archived_at", "is", null);
  if (q.q) {
    const term = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb("name", "ilike", term), eb("address", "ilike", term)]));
  }
  const [items, total] = await Promise.all([
    query
      .selectAll()
      .orderBy(SORT_COLUMNS[q.sort ?? "name"], q.order ?? "asc")
      .orderBy("id")
      .limit(q.limit ?? 50)
      .offset(q.offset ?? 0)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findSite(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("sites")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function insertSite(
  db: Kysely<DB>,
  row: { id: string; orgId: string; name: string; address: string; capacity: number },
) {
  return db
    .insertInto("sites")
    .values({ id: row.id, org_id: row.orgId, name: row.name, address: row.address, capacity: row.capacity })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateSite(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  patch: { name?: string; address?: string; capacity?: number; archived_at?: Date | null },
) {
  return db
    .updateTable("sites")
    .set({ ...patch, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
