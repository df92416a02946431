import type { Kysely, Selectable } from "kysely";
import type { DB, ServicesTable } from "../../db/schema.js";

export type ServiceRow = Selectable<ServicesTable>;

/** Every service of the organisation (a few hundred at most): the tree is built in memory. */
export function listAllServices(db: Kysely<DB>, orgId: string): Promise<ServiceRow[]> {
  return db.selectFrom("services").selectAll().where("org_id", "=", orgId).execute();
}

export function findService(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("services")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function insertService(
  db: Kysely<DB>,
  row: {
    id: string;
    orgId: string;
    name: string;
    parentId: string | null;
    mailbox: string | null;
    phone: string | null;
  },
) {
  return db
    .insertInto("services")
    .values({
      id: row.id,
      org_id: row.orgId,
      name: row.name,
      parent_id: row.parentId,
      mailbox: row.mailbox,
      phone: row.phone,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateService(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  patch: {
    name?: string;
    parent_id?: string | null;
    mailbox?: string | null;
    phone?: string | null;
    archived_at?: Date | null;
  },
) {
  return db
    .updateTable("services")
    .set({ ...patch, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Active sub-services and active activities that keep a service from being archived. */
export async function countActiveDependants(db: Kysely<DB>, orgId: string, id: string) {
  const [children, activities] = await Promise.all([
    db
      .selectFrom("services")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", orgId)
      .where("parent_id", "=", id)
      .where("archived_at", "is", null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("activities")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", orgId)
      .where("service_id", "=", id)
      .where("archived_at", "is", null)
      .executeTakeFirstOrThrow(),
  ]);
  return { children: Number(children.n), activities: Number(activities.n) };
}

/** Row locks on every service of the organisation, until the end of the transaction. */
export async function lockServices(db: Kysely<DB>, orgId: string): Promise<void> {
  await db.selectFrom("services").select("id").where("org_id", "=", orgId).forUpdate().execute();
}
