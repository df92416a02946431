import { newId } from "../../src/server/shared/ids.js";
import type { TestApp } from "../helpers/app.js";

/** A service and agents in it (with phone numbers), inserted directly. */
export async function buildTeam(t: TestApp, names: string[], orgId = t.orgId) {
  const db = t.testDb.database.db;
  const serviceId = newId();
  await db
    .insertInto("services")
    .values({
      id: serviceId,
      org_id: orgId,
      name: `Service ${serviceId.slice(0, 6)}`,
      parent_id: null,
      mailbox: null,
      phone: null,
    })
    .execute();
  const agents = names.map((name, i) => ({
    id: newId(),
    org_id: orgId,
    staff_number: `M${serviceId.slice(0, 4)}${i}`,
    last_name: name.toUpperCase(),
    first_name: name,
    service_id: serviceId,
    site_id: null,
    phone: `+33 6 00 00 00 0${i}`,
    email: `${name.toLowerCase()}@test.relais`,
    team: null,
    hired_on: null,
  }));
  await db.insertInto("agents").values(agents).execute();
  return { serviceId, agentIds: agents.map((a) => a.id) };
}
