/** Test factories: tiny organisations built from what the test cares about. */
import type { ResilienceActivity, ResilienceAgent, ResilienceInput, ResilienceScenario } from "./model.js";

export function agent(id: string, o: Partial<ResilienceAgent> = {}): ResilienceAgent {
  return {
    id,
    teamId: o.teamId ?? "t1",
    siteId: o.siteId ?? "s1",
    canTelework: false,
    equipped: false,
    ...o,
  };
}

export function activity(id: string, o: Partial<ResilienceActivity> = {}): ResilienceActivity {
  return { id, siteId: o.siteId ?? "s1", minOnSite: 1, ...o };
}

export function scenario(rate: number, o: Partial<ResilienceScenario> = {}): ResilienceScenario {
  return { absenteeism: { meanRate: rate }, waveDays: 56, ...o };
}

export function org(
  agents: ResilienceAgent[],
  activities: ResilienceActivity[],
  sc: ResilienceScenario,
  extra: Partial<ResilienceInput> = {},
): ResilienceInput {
  return { agents, activities, scenario: sc, ...extra };
}

/** `n` agents in teams of `teamSize`, all qualified for one activity "a" needing nobody. */
export function crowd(n: number, teamSize: number, sc: ResilienceScenario): ResilienceInput {
  const agents = Array.from({ length: n }, (_, i) =>
    agent(`g${i}`, { teamId: `t${Math.floor(i / teamSize)}`, activities: ["a"] }),
  );
  return org(agents, [activity("a", { minOnSite: 0 })], sc);
}
