import { type Kysely, sql } from "kysely";
import type { DB, UserRole } from "../../db/schema.js";
import { folded, likePattern } from "../../plan/search.js";
import type { UserQuery } from "./schema.js";

/** Never selects password_hash. */
const selectUser = (db: Kysely<DB>, orgId: string) =>
  db
    .selectFrom("users as u")
    .leftJoin("services as s", "s.id", "u.service_id")
    .leftJoin("agents as g", "g.id", "u.agent_id")
    .select([
      "u.id",
      "u.email",
      "u.display_name",
      "u.role",
      "u.service_id",
      "s.name as service_name",
      "u.agent_id",
      "g.first_name as agent_first_name",
      "g.last_name as agent_last_name",
      "u.disabled_at",
      "u.created_at",
    ])
    .where("u.org_id", "=", orgId);

export type UserRow = Awaited<ReturnType<ReturnType<typeof selectUser>["executeTakeFirstOrThrow"]>>;

const SORTS = {
  email: sql`lower(u.email)`,
  displayName: sql`lower(u.display_name)`,
  role: sql`u.role`,
  createdAt: sql`u.created_at`,
} as const;

export async function listUsers(db: Kysely<DB>, orgId: string, q: UserQuery) {
  let query = db.selectFrom("users as u").where("u.org_id", "=", orgId);
  if (q.role) query = query.where("u.role", "=", q.role);
  if (q.serviceId) query = query.where("u.service_id", "=", q.serviceId);
  if (q.disabled !== undefined)
    query = q.disabled
      ? query.where("u.disabled_at", "is not", null)
      : query.where("u.disabled_at", "is", null);
  if (q.q?.trim()) {
    const pattern = likePattern(q.q);
    query = query.where((eb) =>
      eb.or([
        eb(folded(eb.ref("u.email")), "like", pattern),
        eb(folded(eb.ref("u.display_name")), "like", pattern),
      ]),
    );
  }
  const [page, total] = await Promise.all([
    query
      .select("u.id")
      .orderBy(SORTS[q.sort ?? "email"], q.order ?? "asc")
      .orderBy("u.id")
      .limit(q.limit ?? 50)
      .offset(q.offset ?? 0)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const ids = page.map((r) => r.id);
  const rows = ids.length === 0 ? [] : await selectUser(db, orgId).where("u.id", "in", ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: ids.map((id) => byId.get(id)).filter((r): r is UserRow => r !== undefined),
    total: Number(total.n),
  };
}

export function findUser(db: Kysely<DB>, orgId: string, id: string) {
  return selectUser(db, orgId).where("u.id", "=", id).executeTakeFirst();
}

export async function updateUser(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  patch: {
    role?: UserRole;
    display_name?: string;
    service_id?: string | null;
    agent_id?: string | null;
    disabled_at?: Date | null;
  },
) {
  await db.updateTable("users").set(patch).where("org_id", "=", orgId).where("id", "=", id).execute();
}

/** Active admins of the organisation other than `exceptId`. */
export async function countOtherActiveAdmins(db: Kysely<DB>, orgId: string, exceptId: string) {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .where("id", "!=", exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function existsInOrg(db: Kysely<DB>, table: "services" | "agents", orgId: string, id: string) {
  const row = await db
    .selectFrom(table)
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("archived_at", "is", null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Another account already linked to this agent record. */
export function findUserOfAgent(db: Kysely<DB>, orgId: string, agentId: string) {
  return db
    .selectFrom("users")
    .select(["id", "email"])
    .where("org_id", "=", orgId)
    .where("agent_id", "=", agentId)
    .executeTakeFirst();
}
