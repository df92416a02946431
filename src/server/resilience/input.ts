// Maps Relais's plan and people onto the resilience engine's input. Pure: easy to test.
import { isEquipped, requiredKinds } from "../../engines/equipment/equipped.js";
import type {
  ResilienceActivity,
  ResilienceAgent,
  ResilienceInput,
  ResilienceScenario,
  WorkMode,
} from "../../engines/resilience/model.js";
import type { Organisation } from "./repository.js";

const NO_SITE = "sans-site";

function group<T, K, V>(rows: readonly T[], key: (r: T) => K, value: (r: T) => V): Map<K, V[]> {
  const m = new Map<K, V[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(value(r));
    else m.set(k, [value(r)]);
  }
  return m;
}

export function buildInput(org: Organisation, scenario: ResilienceScenario): ResilienceInput {
  const agentSkills = group(
    org.agentSkills,
    (r) => r.agent_id,
    (r) => r.skill_id,
  );
  const activitySkills = group(
    org.activitySkills,
    (r) => r.activity_id,
    (r) => r.skill_id,
  );
  const activityApps = group(
    org.activityApps,
    (r) => r.activity_id,
    (r) => r.application_id,
  );
  const held = group(
    org.loans,
    (r) => r.agent_id,
    (r) => r.kind,
  );
  const agentsByService = group(
    org.agents,
    (a) => a.service_id,
    (a) => a.id,
  );
  const siteIds = org.sites.map((s) => s.id);

  // Activities with every mode suspended need nobody: they are left out of the simulation.
  const running = org.activities.filter(
    (a) => a.modes.some((m) => m !== "suspended") && a.min_on_site + a.min_remote > 0,
  );

  const activities: ResilienceActivity[] = running.map((a) => {
    const modes = new Set<WorkMode>();
    for (const m of a.modes) {
      if (m === "on_site" || m === "mixed") modes.add("onsite");
      if (m === "remote" || m === "mixed") modes.add("remote");
    }
    const skills = activitySkills.get(a.id) ?? [];
    // No site: the on-site part can be done at any of the organisation's sites.
    const siteId = a.site_id ?? siteIds[0] ?? NO_SITE;
    return {
      id: a.id,
      siteId,
      extraSiteIds: a.site_id ? [] : siteIds.slice(1),
      minOnSite: a.min_on_site,
      minRemote: a.min_remote,
      modes: [...modes],
      ...(skills.length > 0
        ? { requiredSkills: skills }
        : { qualifiedAgentIds: agentsByService.get(a.service_id) ?? [] }),
      applications: activityApps.get(a.id) ?? [],
      equipment: a.equipment_kinds,
      weight: 5 - a.criticality,
      maxInterruptionDays: Math.ceil(a.max_interruption_hours / 24),
    };
  });

  const activitiesByService = group(
    running,
    (a) => a.service_id,
    (a) => a,
  );
  const agents: ResilienceAgent[] = org.agents.map((ag) => {
    const skills = new Set(agentSkills.get(ag.id) ?? []);
    const mine = (activitiesByService.get(ag.service_id) ?? []).filter((a) =>
      (activitySkills.get(a.id) ?? []).every((s) => skills.has(s)),
    );
    return {
      id: ag.id,
      teamId: ag.team ?? ag.service_id,
      siteId: ag.site_id ?? siteIds[0] ?? NO_SITE,
      skills: [...skills],
      canTelework: ag.can_telework,
      equipped:
        ag.can_telework &&
        isEquipped(requiredKinds(mine.map((a) => a.equipment_kinds)), held.get(ag.id) ?? []),
    };
  });

  return {
    agents,
    activities,
    equipment: org.equipment.map((e) => ({ id: e.kind, quantity: Number(e.n) })),
    scenario,
  };
}
