// A small organisation built by direct inserts, whose dashboard figures are computed by hand in
// dashboard.test.ts. Day D is the day asked; loans and statuses are placed relative to it.
import type { Kysely } from "kysely";
import { addDays } from "../../src/server/dashboard/figures.js";
import type { DB, Status } from "../../src/server/db/schema.js";
import { newId } from "../../src/server/shared/ids.js";

export interface Fixture {
  day: string;
  services: { habitat: string; proximite: string; compta: string };
  sites: { siege: string; blagnac: string };
  agents: Record<string, string>;
  activities: Record<string, string>;
}

export async function buildFixtureOrg(db: Kysely<DB>, orgId: string, day: string): Promise<Fixture> {
  const id = () => newId();
  const services = { habitat: id(), proximite: id(), compta: id() };
  await db
    .insertInto("services")
    .values([
      { id: services.habitat, org_id: orgId, name: "Habitat et Territoire", parent_id: null },
      { id: services.proximite, org_id: orgId, name: "Proximité", parent_id: services.habitat },
      { id: services.compta, org_id: orgId, name: "Comptabilité", parent_id: null },
    ])
    .execute();
  const sites = { siege: id(), blagnac: id() };
  await db
    .insertInto("sites")
    .values([
      { id: sites.siege, org_id: orgId, name: "Siège - Toulouse", capacity: 100 },
      { id: sites.blagnac, org_id: orgId, name: "Agence Nord - Blagnac", capacity: 30 },
    ])
    .execute();
  const skills = { plomberie: id(), paie: id(), astreinte: id() };
  await db
    .insertInto("skills")
    .values(Object.entries(skills).map(([name, sid]) => ({ id: sid, org_id: orgId, name })))
    .execute();

  // name: [service, site, skills, status today (null: not recorded), archived]
  const people: Record<string, [string, string | null, string[], Status | null, boolean?]> = {
    a1: [services.habitat, sites.siege, [skills.plomberie, skills.astreinte], "on_site"],
    a2: [services.habitat, sites.siege, [skills.plomberie], "telework"],
    a3: [services.habitat, sites.siege, [skills.plomberie], "sick"],
    a4: [services.habitat, sites.siege, [skills.plomberie], null],
    b1: [services.proximite, sites.blagnac, [], "on_site"],
    b2: [services.proximite, sites.blagnac, [], "on_call"],
    b3: [services.proximite, sites.blagnac, [], "childcare"],
    c1: [services.compta, sites.siege, [skills.paie], "telework"],
    c2: [services.compta, sites.siege, [skills.paie], "telework"],
    c3: [services.compta, sites.siege, [skills.paie], "off"],
    c4: [services.compta, sites.siege, [skills.plomberie], "on_site"],
    z: [services.compta, sites.siege, [skills.paie], "on_site", true],
  };
  const agents: Record<string, string> = {};
  let n = 0;
  for (const [name, [serviceId, siteId, , , archived]] of Object.entries(people)) {
    agents[name] = id();
    await db
      .insertInto("agents")
      .values({
        id: agents[name],
        org_id: orgId,
        staff_number: `F${++n}`,
        last_name: name.toUpperCase(),
        first_name: "Agent",
        service_id: serviceId,
        site_id: siteId,
        can_telework: true,
        archived_at: archived ? new Date() : null,
      })
      .execute();
  }
  const agentSkills = Object.entries(people).flatMap(([name, [, , sk]]) =>
    sk.map((skillId) => ({ agent_id: agents[name], skill_id: skillId })),
  );
  await db.insertInto("agent_skills").values(agentSkills).execute();

  // Statuses: today for everyone recorded, plus two on the day before.
  const statuses = Object.entries(people)
    .filter(([, p]) => p[3] !== null)
    .map(([name, p]) => ({
      org_id: orgId,
      agent_id: agents[name],
      day,
      status: p[3] as Status,
      site_id: p[3] === "on_site" ? p[1] : null,
    }));
  statuses.push(
    { org_id: orgId, agent_id: agents.a1, day: addDays(day, -1), status: "on_site", site_id: sites.siege },
    { org_id: orgId, agent_id: agents.a2, day: addDays(day, -1), status: "on_site", site_id: sites.siege },
  );
  await db.insertInto("daily_statuses").values(statuses).execute();

  // [name, service, site, skills, min on site, min remote, equipment kinds, archived]
  const acts: [string, string, string | null, string[], number, number, string[], boolean][] = [
    ["Urgences techniques", services.habitat, sites.siege, [skills.plomberie], 3, 1, ["phone"], false],
    ["Nettoyage des parties communes", services.proximite, sites.blagnac, [], 3, 0, [], false],
    ["Paie", services.compta, null, [skills.paie], 0, 2, ["vpn"], false],
    ["Accueil", services.compta, null, [], 1, 0, [], false],
    ["Astreinte", services.habitat, null, [skills.plomberie, skills.astreinte], 1, 0, [], false],
    ["Ancienne activité", services.compta, null, [], 5, 5, [], true],
  ];
  const activities: Record<string, string> = {};
  for (const [name, serviceId, siteId, sk, minOnSite, minRemote, kinds, archived] of acts) {
    activities[name] = id();
    await db
      .insertInto("activities")
      .values({
        id: activities[name],
        org_id: orgId,
        service_id: serviceId,
        site_id: siteId,
        name,
        criticality: 1,
        max_interruption_hours: 24,
        min_on_site: minOnSite,
        min_remote: minRemote,
        modes: ["on_site", "remote"],
        equipment_kinds: kinds,
        archived_at: archived ? new Date() : null,
      })
      .execute();
    if (sk.length > 0) {
      await db
        .insertInto("activity_skills")
        .values(sk.map((skillId) => ({ activity_id: activities[name], skill_id: skillId })))
        .execute();
    }
  }

  // [agent, kind, lent (days from D), returned (days from D)]
  const loans: [string, "laptop" | "phone" | "vpn", number, number | null][] = [
    ["a2", "laptop", -2, null],
    ["a2", "phone", -5, null],
    ["c1", "laptop", -10, null],
    ["c1", "vpn", -1, null],
    ["c2", "laptop", -3, null],
    ["a1", "laptop", -10, -1],
    ["b1", "laptop", -4, null],
  ];
  for (const [name, kind, lent, returned] of loans) {
    const equipmentId = id();
    await db
      .insertInto("equipment")
      .values({ id: equipmentId, org_id: orgId, kind, label: `${kind} ${name}` })
      .execute();
    await db
      .insertInto("equipment_loans")
      .values({
        id: id(),
        org_id: orgId,
        equipment_id: equipmentId,
        agent_id: agents[name],
        lent_on: addDays(day, lent),
        returned_on: returned === null ? null : addDays(day, returned),
      })
      .execute();
  }
  return { day, services, sites, agents, activities };
}
