/** A seeded synthetic organisation, for benchmarks, tests and demonstrations. */
import type { ResilienceActivity, ResilienceAgent, ResilienceInput, ResilienceScenario } from "./model.js";
import { Xoshiro128 } from "./rng.js";

export interface GeneratedOrganisationOptions {
  agents: number;
  activities: number;
  sites?: number;
  teamSize?: number;
  /** Each agent is qualified for 1..maxQualifications activities. */
  maxQualifications?: number;
  /** Share of an agent's qualifications taken at its own site. */
  localShare?: number;
  seed?: number;
  scenario?: ResilienceScenario;
}

export function generateOrganisation(o: GeneratedOrganisationOptions): ResilienceInput {
  const rng = new Xoshiro128(o.seed ?? 1);
  const nSites = o.sites ?? 20;
  const teamSize = o.teamSize ?? 10;
  const maxQ = o.maxQualifications ?? 4;
  const local = o.localShare ?? 0.85;
  const int = (n: number): number => Math.floor(rng.next() * n);
  const activities: ResilienceActivity[] = [];
  const bySite: number[][] = Array.from({ length: nSites }, () => []);
  for (let i = 0; i < o.activities; i++) {
    const site = i % nSites;
    bySite[site].push(i);
    const remoteOnly = rng.next() < 0.15;
    const onSiteOnly = !remoteOnly && rng.next() < 0.3;
    activities.push({
      id: `act-${i}`,
      siteId: `site-${site}`,
      minOnSite: remoteOnly ? 0 : 1 + int(2),
      minRemote: onSiteOnly ? 0 : 1 + int(2),
      modes: remoteOnly ? ["remote"] : onSiteOnly ? ["onsite"] : ["onsite", "remote"],
      weight: 1 + int(3),
      maxInterruptionDays: 1 + int(5),
    });
  }
  const agents: ResilienceAgent[] = [];
  for (let j = 0; j < o.agents; j++) {
    const site = int(nSites);
    const q = 1 + int(maxQ);
    const acts = new Set<string>();
    while (acts.size < q) {
      const s = rng.next() < local ? site : int(nSites);
      const l = bySite[s];
      if (l.length === 0) break;
      acts.add(`act-${l[int(l.length)]}`);
    }
    const canTelework = rng.next() < 0.6;
    agents.push({
      id: `ag-${j}`,
      teamId: `team-${site}-${Math.floor(j / (teamSize * nSites))}`,
      siteId: `site-${site}`,
      activities: [...acts],
      canTelework,
      equipped: canTelework && rng.next() < 0.7,
    });
  }
  return {
    agents,
    activities,
    scenario: o.scenario ?? {
      absenteeism: { meanRate: 0.12, peakRate: 0.25, peakDays: 14 },
      waveDays: 56,
      meanAbsenceDays: 7,
      teamCorrelation: 0.2,
      siteCorrelation: 0.05,
    },
  };
}
