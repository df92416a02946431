import type { Kysely } from "kysely";
import type { DB, EquipmentKind } from "../../db/schema.js";
import type { EquipmentQuery } from "./schema.js";

const withOpenLoan = (db: Kysely<DB>, orgId: string) =>
  db
    .selectFrom("equipment as e")
    .leftJoin("equipment_loans as l", (j) =>
      j.onRef("l.equipment_id", "=", "e.id").on("l.returned_on", "is", null),
    )
    .where("e.org_id", "=", orgId);

const COLUMNS = [
  "e.id",
  "e.kind",
  "e.label",
  "e.asset_tag",
  "e.archived_at",
  "e.created_at",
  "l.id as loan_id",
  "l.agent_id as loan_agent_id",
  "l.lent_on as loan_lent_on",
] as const;

export async function listEquipment(db: Kysely<DB>, orgId: string, q: EquipmentQuery) {
  let query = withOpenLoan(db, orgId).where("e.archived_at", "is", null);
  if (q.kind) query = query.where("e.kind", "=", q.kind);
  if (q.available !== undefined) query = query.where("l.id", q.available ? "is" : "is not", null);
  if (q.q) {
    const term = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb("e.label", "ilike", term), eb("e.asset_tag", "ilike", term)]));
  }
  const [items, total] = await Promise.all([
    query
      .select(COLUMNS)
      .orderBy("e.kind")
      .orderBy("e.label")
      .orderBy("e.id")
      .limit(q.limit ?? 50)
      .offset(q.offset ?? 0)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type EquipmentRow = Awaited<ReturnType<typeof listEquipment>>["items"][number];

export function findEquipment(db: Kysely<DB>, orgId: string, id: string) {
  return withOpenLoan(db, orgId).where("e.id", "=", id).select(COLUMNS).executeTakeFirst();
}

export async function insertEquipment(
  db: Kysely<DB>,
  row: { id: string; org_id: string; kind: EquipmentKind; label: string; asset_tag: string | null },
) {
  await db.insertInto("equipment").values(row).execute();
}

export async function insertLoan(
  db: Kysely<DB>,
  row: { id: string; org_id: string; equipment_id: string; agent_id: string; lent_on: string },
) {
  await db.insertInto("equipment_loans").values(row).execute();
}

export async function closeLoan(db: Kysely<DB>, loanId: string, returnedOn: string) {
  await db.updateTable("equipment_loans").set({ returned_on: returnedOn }).where("id", "=", loanId).execute();
}

export function loansOfAgent(db: Kysely<DB>, orgId: string, agentId: string) {
  return db
    .selectFrom("equipment_loans as l")
    .innerJoin("equipment as e", "e.id", "l.equipment_id")
    .select([
      "l.id",
      "l.equipment_id",
      "e.kind",
      "e.label",
      "e.asset_tag",
      "l.agent_id",
      "l.lent_on",
      "l.returned_on",
    ])
    .where("l.org_id", "=", orgId)
    .where("l.agent_id", "=", agentId)
    .orderBy("l.lent_on", "desc")
    .orderBy("l.id")
    .execute();
}
