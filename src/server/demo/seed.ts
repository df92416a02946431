// Demo organisation modelled on the OPH seed, loaded on first start with an empty database
// (RELAIS_DEMO not 0): services and mailboxes, two sites, skills, applications, about 300 agents
// with skills and equipment, 27 essential activities and 30 days of statuses (a lockdown from day
// -20: telework rising with the laptops lent, some sick and childcare). Deterministic: every choice
// comes from a seeded generator, days are counted back from today in the organisation's time zone.
import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { addDays } from "../dashboard/figures.js";
import { todayIn } from "../dashboard/service.js";
import type { DB, EquipmentKind, Status } from "../db/schema.js";
import { isUniqueViolation } from "../http/errors.js";
import { createUser } from "../orgs/service.js";
import { newId } from "../shared/ids.js";
import {
  ACTIVITIES,
  APPLICATIONS,
  DEMO_ORG,
  FIRST_NAMES,
  LAST_NAMES,
  MAIL_DOMAIN,
  SERVICES,
  type ServiceKey,
  SITES,
  type SiteKey,
  SKILLS,
  STAFF,
} from "./data.js";

export interface DemoResult {
  orgName: string;
  password: string;
  accounts: { role: string; email: string }[];
}

/** Days of statuses, the last one being today; the lockdown starts LOCKDOWN days before today. */
export const DEMO_DAYS = 30;
const LOCKDOWN = 20;

/** mulberry32: small, fast, good enough for plausible demo data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface DemoAgent {
  id: string;
  service: ServiceKey;
  site: SiteKey;
  team: string | null;
  canTelework: boolean;
  skills: string[];
  /** Day offset (from today) the agent receives a laptop; null: none. */
  laptopFrom: number | null;
  hasChildren: boolean;
}

async function insertChunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function ensureDemoData(
  db: Kysely<DB>,
  opts: { password: string | null; today?: string },
): Promise<DemoResult | null> {
  const any = await db.selectFrom("orgs").select("id").limit(1).executeTakeFirst();
  if (any) return null;
  const today = opts.today ?? todayIn(DEMO_ORG.timezone);
  const password = opts.password ?? randomBytes(12).toString("base64url");

  let ids: { orgId: string; serviceManagerOf: string; agentAccount: string };
  try {
    ids = await db.transaction().execute((trx) => loadDemo(trx, today));
  } catch (err) {
    if (isUniqueViolation(err)) return null; // another process loaded it at the same time
    throw err;
  }

  const accounts: {
    role: string;
    email: string;
    displayName: string;
    serviceId?: string;
    agentId?: string;
  }[] = [
    { role: "admin", email: "admin@relais.test", displayName: "Administratrice (démo)" },
    { role: "pca_manager", email: "pca@relais.test", displayName: "Responsable du PCA (démo)" },
    { role: "crisis_cell", email: "cellule@relais.test", displayName: "Cellule de crise (démo)" },
    {
      role: "service_manager",
      email: "service@relais.test",
      displayName: "Responsable Habitat et Territoire (démo)",
      serviceId: ids.serviceManagerOf,
    },
    { role: "agent", email: "agent@relais.test", displayName: "Agent (démo)", agentId: ids.agentAccount },
  ];
  for (const a of accounts) {
    await createUser(db, {
      orgId: ids.orgId,
      email: a.email,
      role: a.role,
      password,
      displayName: a.displayName,
      serviceId: a.serviceId ?? null,
      agentId: a.agentId ?? null,
    });
  }
  return {
    orgName: DEMO_ORG.name,
    password,
    accounts: accounts.map((a) => ({ role: a.role, email: a.email })),
  };
}

async function loadDemo(
  trx: Kysely<DB>,
  today: string,
): Promise<{ orgId: string; serviceManagerOf: string; agentAccount: string }> {
  const rnd = prng(2020_03_13);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const orgId = newId();
  await trx
    .insertInto("orgs")
    .values({
      id: orgId,
      slug: DEMO_ORG.slug,
      name: DEMO_ORG.name,
      type: DEMO_ORG.type,
      timezone: DEMO_ORG.timezone,
    })
    .execute();

  const serviceId = Object.fromEntries(SERVICES.map((s) => [s.key, newId()])) as Record<ServiceKey, string>;
  await trx
    .insertInto("services")
    .values(
      SERVICES.map((s) => ({
        id: serviceId[s.key],
        org_id: orgId,
        parent_id: s.parent ? serviceId[s.parent] : null,
        name: s.name,
        mailbox: s.mailbox,
        phone: s.phone,
      })),
    )
    .execute();
  const siteId = Object.fromEntries(SITES.map((s) => [s.key, newId()])) as Record<SiteKey, string>;
  await trx
    .insertInto("sites")
    .values(
      SITES.map((s) => ({
        id: siteId[s.key],
        org_id: orgId,
        name: s.name,
        address: s.address,
        capacity: s.capacity,
      })),
    )
    .execute();
  const skillId = new Map<string, string>(SKILLS.map((s) => [s, newId()]));
  await trx
    .insertInto("skills")
    .values([...skillId].map(([name, id]) => ({ id, org_id: orgId, name })))
    .execute();
  const applicationId = new Map<string, string>(APPLICATIONS.map((a) => [a.name, newId()]));
  await trx
    .insertInto("applications")
    .values(
      APPLICATIONS.map((a) => ({
        id: applicationId.get(a.name)!,
        org_id: orgId,
        name: a.name,
        description: a.description,
      })),
    )
    .execute();

  const activityRows = ACTIVITIES.map((a) => ({ ...a, id: newId() }));
  await trx
    .insertInto("activities")
    .values(
      activityRows.map((a) => ({
        id: a.id,
        org_id: orgId,
        service_id: serviceId[a.service],
        site_id: a.site ? siteId[a.site] : null,
        name: a.name,
        description: a.description,
        criticality: a.criticality,
        max_interruption_hours: a.maxHours,
        minimum_service: a.minimumService,
        min_on_site: a.minOnSite,
        min_remote: a.minRemote,
        modes: a.modes,
        hours: a.hours,
        equipment_kinds: a.equipment,
      })),
    )
    .execute();
  const activitySkills = activityRows.flatMap((a) =>
    a.skills.map((s) => ({ activity_id: a.id, skill_id: skillId.get(s)! })),
  );
  if (activitySkills.length > 0) await trx.insertInto("activity_skills").values(activitySkills).execute();
  const activityApps = activityRows.flatMap((a) =>
    a.applications.map((n) => ({ activity_id: a.id, application_id: applicationId.get(n)! })),
  );
  if (activityApps.length > 0) await trx.insertInto("activity_applications").values(activityApps).execute();

  // Agents.
  const agents: DemoAgent[] = [];
  const agentRows: AgentInsert[] = [];
  let staffNumber = 0;
  for (const staff of STAFF) {
    for (let i = 0; i < staff.count; i++) {
      const first = pick(FIRST_NAMES);
      const last = pick(LAST_NAMES);
      const site = typeof staff.site === "function" ? staff.site(i) : staff.site;
      const skills = staff.skills.filter(([, share]) => rnd() < share).map(([s]) => skillId.get(s)!);
      // Office staff hold at least their service's main skill.
      if (skills.length === 0 && staff.service !== "proximite")
        skills.push(skillId.get(staff.skills[i % staff.skills.length][0])!);
      if (skills.length === 0) skills.push(skillId.get(staff.skills[0][0])!);
      const canTelework = rnd() < staff.canTelework;
      const agent: DemoAgent = {
        id: newId(),
        service: staff.service,
        site,
        team: staff.teams ? staff.teams[i % staff.teams.length] : null,
        canTelework,
        skills,
        laptopFrom: null,
        hasChildren: rnd() < 0.15,
      };
      agents.push(agent);
      staffNumber++;
      agentRows.push({
        id: agent.id,
        org_id: orgId,
        staff_number: `OPH${String(staffNumber).padStart(5, "0")}`,
        last_name: last.toUpperCase(),
        first_name: first,
        service_id: serviceId[staff.service],
        site_id: siteId[site],
        job_title: pick(staff.jobs),
        hired_on: addDays(today, -Math.floor(365 + rnd() * 365 * 25)),
        work_time_pct: rnd() < 0.12 ? 80 : 100,
        can_telework: canTelework,
        travel_authorisation: staff.service === "proximite" || staff.service === "technique" || rnd() < 0.1,
        never_on_site: false,
        team: agent.team,
        phone: `01 99 00 ${String(20 + Math.floor(staffNumber / 100)).padStart(2, "0")} ${String(staffNumber % 100).padStart(2, "0")}`,
        email: `${slug(first)}.${slug(last)}${staffNumber}@${MAIL_DOMAIN}`,
      });
    }
  }
  await insertAgents(trx, agentRows);
  await insertChunked(
    agents.flatMap((a) => a.skills.map((s) => ({ agent_id: a.id, skill_id: s }))),
    1000,
    (chunk) => trx.insertInto("agent_skills").values(chunk).execute(),
  );

  // Equipment: laptops already lent before the crisis (a few), then a rising curve from the
  // lockdown (a first batch in two days, then a steady flow), phones, VPN access, 4G boxes.
  const teleworkers = agents.filter((a) => a.canTelework);
  const equipmentRows: {
    id: string;
    org_id: string;
    kind: EquipmentKind;
    label: string;
    asset_tag: string;
  }[] = [];
  const loanRows: {
    id: string;
    org_id: string;
    equipment_id: string;
    agent_id: string;
    lent_on: string;
    returned_on: string | null;
  }[] = [];
  const counters = new Map<EquipmentKind, number>();
  const lend = (
    agent: DemoAgent,
    kind: EquipmentKind,
    offset: number,
    returnedOffset: number | null = null,
  ) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    const id = newId();
    const label = {
      laptop: "Ordinateur portable",
      mobile_box: "Box 4G",
      phone: "Téléphone mobile",
      vpn: "Accès VPN",
      visio_licence: "Licence de visioconférence",
      other: "Autre matériel",
    }[kind];
    const tag = `${kind.toUpperCase().replace("_", "-")}-${String(n).padStart(4, "0")}`;
    equipmentRows.push({ id, org_id: orgId, kind, label: `${label} ${n}`, asset_tag: tag });
    loanRows.push({
      id: newId(),
      org_id: orgId,
      equipment_id: id,
      agent_id: agent.id,
      lent_on: addDays(today, offset),
      returned_on: returnedOffset === null ? null : addDays(today, returnedOffset),
    });
  };
  teleworkers.forEach((agent, rank) => {
    const share = rank / teleworkers.length;
    if (agent.service === "direction" && rnd() < 0.25)
      agent.laptopFrom = -400; // nomad staff before the crisis
    else if (share < 0.3)
      agent.laptopFrom = -LOCKDOWN + Math.floor(rnd() * 2); // first batch
    else if (share < 0.9) agent.laptopFrom = -LOCKDOWN + 2 + Math.floor(rnd() * (LOCKDOWN - 2)); // steady flow
    // The last tenth still waits for a laptop today.
    if (agent.laptopFrom !== null) lend(agent, "laptop", agent.laptopFrom);
  });
  const skillName = new Map([...skillId].map(([name, id]) => [id, name]));
  for (const agent of agents) {
    const names = agent.skills.map((s) => skillName.get(s));
    const needsPhone = names.some((n) =>
      [
        "Astreinte technique",
        "Astreinte de direction",
        "Accueil téléphonique",
        "Diagnostic technique du bâtiment",
        "Conseil en économie sociale et familiale",
        "Gardiennage",
        "Électricité",
        "Entrée dans les lieux",
      ].includes(n ?? ""),
    );
    if (needsPhone && rnd() < 0.9)
      lend(agent, "phone", rnd() < 0.5 ? -200 : -LOCKDOWN + Math.floor(rnd() * 5));
    if (agent.laptopFrom !== null && rnd() < 0.88) {
      lend(agent, "vpn", Math.max(agent.laptopFrom, -LOCKDOWN) + Math.floor(rnd() * 4));
    }
    if (agent.laptopFrom !== null && rnd() < 0.1)
      lend(agent, "mobile_box", -LOCKDOWN + 3 + Math.floor(rnd() * 10));
    if (names.includes("Communication de crise")) lend(agent, "visio_licence", -LOCKDOWN);
  }
  // A laptop that broke and came back to the IT department.
  if (teleworkers.length > 5) lend(teleworkers[5], "laptop", -LOCKDOWN, -6);
  await insertChunked(equipmentRows, 500, (chunk) => trx.insertInto("equipment").values(chunk).execute());
  await insertChunked(loanRows, 500, (chunk) => trx.insertInto("equipment_loans").values(chunk).execute());

  // Daily statuses.
  const laptopOn = (a: DemoAgent, offset: number) => a.laptopFrom !== null && a.laptopFrom <= offset;
  const statusRows: {
    org_id: string;
    agent_id: string;
    day: string;
    status: Status;
    site_id: string | null;
    set_at: Date;
  }[] = [];
  const sickUntil = new Map<string, number>();
  for (let offset = -(DEMO_DAYS - 1); offset <= 0; offset++) {
    const day = addDays(today, offset);
    const lockdown = offset >= -LOCKDOWN;
    agents.forEach((a, index) => {
      const r = rnd();
      let status: Status;
      if ((sickUntil.get(a.id) ?? -999) >= offset) status = "sick";
      else if (r < (lockdown ? 0.012 : 0.008)) {
        sickUntil.set(a.id, offset + 3 + Math.floor(rnd() * 7));
        status = "sick";
      } else if (!lockdown) {
        status = r < 0.07 ? "off" : laptopOn(a, offset) && r > 0.85 ? "telework" : "on_site";
      } else if (r < 0.03) status = "isolated";
      else if (a.hasChildren && r < 0.6) status = "childcare";
      else if (r < 0.06) status = "off";
      else if (a.service === "proximite") {
        // Two sectors out of three work each day; the third is on call or on special leave.
        const resting = (index + offset + 999) % 3 === 0;
        status = !resting ? "on_site" : r < 0.3 ? "on_call" : "special_leave";
      } else if (a.canTelework && laptopOn(a, offset)) status = r < 0.1 ? "on_site" : "telework";
      else if (a.canTelework)
        status = r < 0.4 ? "telework" : "special_leave"; // waiting for a laptop
      else status = r < 0.6 ? "on_site" : "special_leave";
      // Today: a few statuses not entered yet.
      if (offset === 0 && rnd() < 0.04) return;
      statusRows.push({
        org_id: orgId,
        agent_id: a.id,
        day,
        status,
        site_id: status === "on_site" ? siteId[a.site] : null,
        set_at: new Date(`${day}T07:30:00Z`),
      });
    });
  }
  await insertChunked(statusRows, 1000, (chunk) => trx.insertInto("daily_statuses").values(chunk).execute());
  await sql`ANALYZE`.execute(trx).catch(() => undefined);

  // The demo agent account: a housing officer based at the head office, where the mail and paper
  // invoices need someone on site every day (no particular skill required), who asked to come in
  // on Tuesdays and Thursdays over the next four weeks — so a roster computed for the coming days
  // puts them on site and their schedule and calendar feed are not empty.
  const agentAccount = agents.find((a) => a.service === "locative" && a.site === "siege")!.id;
  const wishes = [];
  for (let offset = 1; offset <= 28; offset++) {
    const day = addDays(today, offset);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday === 2 || weekday === 4)
      wishes.push({
        org_id: orgId,
        agent_id: agentAccount,
        day,
        on_site: true,
        weight: 3,
        note: "Permanence au siège (courrier)",
        created_by: null,
      });
  }
  await trx.insertInto("roster_requests").values(wishes).execute();

  // Crisis scenarios ready to activate (none is active): the head office closed for 14 days, and
  // a flu wave.
  await trx
    .insertInto("crisis_scenarios")
    .values([
      {
        id: newId(),
        org_id: orgId,
        name: "Siège fermé 14 jours",
        type: "site_loss",
        description:
          "Le siège est inaccessible pendant 14 jours (sinistre, alerte sanitaire) : télétravail pour qui le peut, activités sur site reportées sur l'agence Nord.",
        duration_days: 14,
        site_ids: [siteId.siege],
      },
      {
        id: newId(),
        org_id: orgId,
        name: "Épidémie de grippe saisonnière",
        type: "pandemic",
        description: "Vague de grippe : absentéisme élevé pendant six semaines, pic en semaine 3.",
        absenteeism_mean_pct: 15,
        absenteeism_peak_pct: 30,
        peak_weeks: 2,
        duration_days: 42,
      },
    ])
    .execute();
  return { orgId, serviceManagerOf: serviceId.territoire, agentAccount };
}

type AgentInsert = {
  id: string;
  org_id: string;
  staff_number: string;
  last_name: string;
  first_name: string;
  service_id: string;
  site_id: string | null;
  job_title: string;
  hired_on: string;
  work_time_pct: number;
  can_telework: boolean;
  travel_authorisation: boolean;
  never_on_site: boolean;
  team: string | null;
  phone: string;
  email: string;
};

async function insertAgents(trx: Kysely<DB>, rows: AgentInsert[]): Promise<void> {
  await insertChunked(rows, 500, (chunk) => trx.insertInto("agents").values(chunk).execute());
}

function slug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, "-");
}
