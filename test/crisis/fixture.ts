// A small organisation written straight into the tables of migration 0001 (the plan and people
// APIs belong to other capabilities): two services, a skill, four activities, seven agents, their
// statuses and loans. The expected board and report figures are computed by hand in the tests.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, Status } from "../../src/server/db/schema.js";

const OLD = new Date("2020-01-01T00:00:00Z");

export interface Fixture {
  services: { paie: string; accueil: string };
  site: string;
  skill: string;
  activities: { paiements: string; accueil: string; archives: string; standard: string };
  agents: Record<"a1" | "a2" | "a3" | "a4" | "b1" | "b2" | "b3", string>;
}

export async function buildFixture(db: Kysely<DB>, orgId: string): Promise<Fixture> {
  const id = () => randomUUID();
  const services = { paie: id(), accueil: id() };
  for (const [key, name] of [
    ["paie", "Paie et paiements"],
    ["accueil", "Accueil"],
  ] as const) {
    await db
      .insertInto("services")
      .values({ id: services[key], org_id: orgId, name, created_at: OLD })
      .execute();
  }
  const site = id();
  await db
    .insertInto("sites")
    .values({ id: site, org_id: orgId, name: "Hôtel de Région", capacity: 100, created_at: OLD })
    .execute();
  const skill = id();
  await db.insertInto("skills").values({ id: skill, org_id: orgId, name: "Paie", created_at: OLD }).execute();
  const activities = { paiements: id(), accueil: id(), archives: id(), standard: id() };
  const act = async (
    key: keyof typeof activities,
    v: {
      name: string;
      service: string;
      criticality: number;
      minOnSite: number;
      minRemote: number;
      modes: string[];
    },
  ) =>
    db
      .insertInto("activities")
      .values({
        id: activities[key],
        org_id: orgId,
        service_id: v.service,
        site_id: site,
        name: v.name,
        criticality: v.criticality,
        max_interruption_hours: 24,
        min_on_site: v.minOnSite,
        min_remote: v.minRemote,
        modes: v.modes,
        created_at: OLD,
      })
      .execute();
  await act("paiements", {
    name: "Paiements",
    service: services.paie,
    criticality: 1,
    minOnSite: 1,
    minRemote: 2,
    modes: ["on_site", "remote", "mixed"],
  });
  await act("accueil", {
    name: "Accueil du public",
    service: services.accueil,
    criticality: 2,
    minOnSite: 2,
    minRemote: 0,
    modes: ["on_site"],
  });
  await act("archives", {
    name: "Archives",
    service: services.accueil,
    criticality: 4,
    minOnSite: 1,
    minRemote: 0,
    modes: ["on_site"],
  });
  await act("standard", {
    name: "Standard téléphonique",
    service: services.accueil,
    criticality: 1,
    minOnSite: 1,
    minRemote: 0,
    modes: ["on_site", "remote"],
  });
  await db
    .insertInto("activity_skills")
    .values({ activity_id: activities.paiements, skill_id: skill })
    .execute();

  const agents = { a1: id(), a2: id(), a3: id(), a4: id(), b1: id(), b2: id(), b3: id() };
  let n = 0;
  for (const [key, agentId] of Object.entries(agents)) {
    await db
      .insertInto("agents")
      .values({
        id: agentId,
        org_id: orgId,
        staff_number: `M${++n}`,
        last_name: `Agent ${key}`,
        first_name: "Test",
        service_id: key.startsWith("a") ? services.paie : services.accueil,
        site_id: site,
        can_telework: true,
        created_at: OLD,
      })
      .execute();
    if (key.startsWith("a"))
      await db.insertInto("agent_skills").values({ agent_id: agentId, skill_id: skill }).execute();
  }
  return { services, site, skill, activities, agents };
}

/** Sets (or changes) a status as the people capability would: current row plus history row. */
export async function setStatus(
  db: Kysely<DB>,
  orgId: string,
  agentId: string,
  day: string,
  status: Status,
  at: Date,
) {
  const before = await db
    .selectFrom("daily_statuses")
    .select("status")
    .where("agent_id", "=", agentId)
    .where("day", "=", day)
    .executeTakeFirst();
  await db
    .insertInto("daily_statuses")
    .values({ org_id: orgId, agent_id: agentId, day, status, set_at: at })
    .onConflict((oc) => oc.columns(["agent_id", "day"]).doUpdateSet({ status, set_at: at }))
    .execute();
  await db
    .insertInto("status_changes")
    .values({
      org_id: orgId,
      agent_id: agentId,
      day,
      status,
      previous_status: before?.status ?? null,
      set_at: at,
    })
    .execute();
}

export async function lend(db: Kysely<DB>, orgId: string, agentId: string, lentOn: string, recordedAt: Date) {
  const equipmentId = randomUUID();
  await db
    .insertInto("equipment")
    .values({ id: equipmentId, org_id: orgId, kind: "laptop", label: "PC portable", created_at: recordedAt })
    .execute();
  await db
    .insertInto("equipment_loans")
    .values({
      id: randomUUID(),
      org_id: orgId,
      equipment_id: equipmentId,
      agent_id: agentId,
      lent_on: lentOn,
      created_at: recordedAt,
    })
    .execute();
}
