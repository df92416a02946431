import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

export function findOrg(db: Kysely<DB>, id: string) {
  return db
    .selectFrom("orgs")
    .select(["id", "slug", "name", "type", "timezone"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function updateOrg(
  db: Kysely<DB>,
  id: string,
  patch: { name?: string; type?: string; timezone?: string },
) {
  // An empty PATCH changes nothing (and `SET` with no column is not SQL).
  if (Object.keys(patch).length === 0) return;
  await db.updateTable("orgs").set(patch).where("id", "=", id).execute();
}
