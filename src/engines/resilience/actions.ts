/**
 * Ranks candidate actions by how much they reduce the weighted expected days not covered.
 *
 * Candidates come from where the trouble is: the activities with the most expected days
 * uncovered (weighted) and those only one or two agents can hold. For each, we propose
 * equipping a qualified teleworker, cross-training a nearby agent (on the one skill they lack,
 * or on the activity itself when qualification is by list) and opening another site where
 * qualified agents work. Every candidate is simulated with the same seed as the baseline
 * (common random numbers: the absence draws depend only on the agents, so every variant sees
 * exactly the same absences and the difference is due to the action alone). With many
 * candidates, a short screening run keeps the most promising ones for the full run.
 */
import { compileModel, qualifiedAgents, type ResilienceInput, simulationPart } from "./model.js";
import { inlineRunner, type SimulationRunner } from "./pool.js";
import { summarise, weightedDaysUncovered } from "./report.js";
import type { SimulationParams } from "./simulate.js";

export type ResilienceAction =
  | { kind: "equip"; agentId: string }
  | { kind: "crossTrainSkill"; agentId: string; skill: string }
  | { kind: "crossTrainActivity"; agentId: string; activityId: string }
  | { kind: "openSite"; siteId: string; activityId: string };

export interface RankedAction {
  action: ResilienceAction;
  label: string;
  /** Why it was proposed: the activity it targets. */
  activityId: string;
  weightedExpectedDaysUncovered: number;
  /** Baseline minus this action's figure (positive: better). */
  reduction: number;
}

export interface RankActionsOptions {
  params: SimulationParams;
  runner?: SimulationRunner;
  /** Activities looked at for candidates (10). */
  focusActivities?: number;
  /** Candidates per kind and activity (3). */
  perActivity?: number;
  /** At most this many candidates are simulated (40). */
  maxCandidates?: number;
  /** With more candidates than this, a screening run at a quarter of the iterations keeps this many (12). */
  keep?: number;
}

export interface ActionRanking {
  baseline: number;
  actions: RankedAction[];
}

export function actionLabel(a: ResilienceAction): string {
  switch (a.kind) {
    case "equip":
      return `Équiper ${a.agentId} pour le télétravail`;
    case "crossTrainSkill":
      return `Former ${a.agentId} à la compétence « ${a.skill} »`;
    case "crossTrainActivity":
      return `Former ${a.agentId} à l'activité ${a.activityId}`;
    case "openSite":
      return `Ouvrir le site ${a.siteId} à l'activité ${a.activityId}`;
  }
}

export function actionKey(a: ResilienceAction): string {
  switch (a.kind) {
    case "equip":
      return `equip|${a.agentId}`;
    case "crossTrainSkill":
      return `skill|${a.agentId}|${a.skill}`;
    case "crossTrainActivity":
      return `activity|${a.agentId}|${a.activityId}`;
    case "openSite":
      return `site|${a.siteId}|${a.activityId}`;
  }
}

/** The input with the action applied (the original is not modified). */
export function applyAction(input: ResilienceInput, a: ResilienceAction): ResilienceInput {
  switch (a.kind) {
    case "equip":
      return {
        ...input,
        agents: input.agents.map((g) => (g.id === a.agentId ? { ...g, equipped: true } : g)),
      };
    case "crossTrainSkill":
      return {
        ...input,
        agents: input.agents.map((g) =>
          g.id === a.agentId ? { ...g, skills: [...(g.skills ?? []), a.skill] } : g,
        ),
      };
    case "crossTrainActivity":
      return {
        ...input,
        agents: input.agents.map((g) =>
          g.id === a.agentId ? { ...g, activities: [...(g.activities ?? []), a.activityId] } : g,
        ),
      };
    case "openSite":
      return {
        ...input,
        activities: input.activities.map((x) =>
          x.id === a.activityId ? { ...x, extraSiteIds: [...(x.extraSiteIds ?? []), a.siteId] } : x,
        ),
      };
  }
}

interface Candidate {
  action: ResilienceAction;
  activityId: string;
}

/** Candidate actions around the worst activities of a baseline run. */
export function candidateActions(
  input: ResilienceInput,
  expectedDaysByActivity: readonly number[],
  options: { focusActivities?: number; perActivity?: number; fewAgents?: readonly string[] } = {},
): Candidate[] {
  const per = options.perActivity ?? 3;
  const s = input.scenario;
  const closed = new Set(s.closedSiteIds ?? []);
  const down = new Set(s.applicationsDown ?? []);
  const qualified = qualifiedAgents(input);
  const degree = new Int32Array(input.agents.length);
  for (const l of qualified) for (const j of l) degree[j]++;
  const actIndex = new Map(input.activities.map((a, i) => [a.id, i]));
  const scored = input.activities
    .map((act, i) => ({ i, score: (act.weight ?? 1) * (expectedDaysByActivity[i] ?? 0) }))
    .filter((x) => x.score > 0)
    .sort((x, y) => y.score - x.score || x.i - y.i)
    .slice(0, options.focusActivities ?? 10)
    .map((x) => x.i);
  for (const id of options.fewAgents ?? []) {
    const i = actIndex.get(id);
    if (i !== undefined && !scored.includes(i) && (expectedDaysByActivity[i] ?? 0) > 0) scored.push(i);
  }
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (action: ResilienceAction, activityId: string): void => {
    const k = actionKey(action);
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ action, activityId });
  };
  const byDegree = (a: number, b: number): number => degree[a] - degree[b] || a - b;
  for (const i of scored) {
    const act = input.activities[i];
    const modes = act.modes ?? ["onsite", "remote"];
    const remoteOk =
      modes.includes("remote") &&
      (act.minRemote ?? 0) > 0 &&
      !(act.applications ?? []).some((x) => down.has(x));
    const sites = new Set([act.siteId, ...(act.extraSiteIds ?? [])].filter((x) => !closed.has(x)));
    const onsiteOk = modes.includes("onsite");
    const qual = new Set(qualified[i]);
    // equip qualified agents able to telework who lack the equipment
    if (remoteOk) {
      const l = qualified[i]
        .filter((j) => input.agents[j].canTelework && !input.agents[j].equipped)
        .sort(byDegree);
      for (const j of l.slice(0, per)) add({ kind: "equip", agentId: input.agents[j].id }, act.id);
    }
    // cross-train agents who could hold a slot once qualified
    const couldHold = (j: number): boolean => {
      const g = input.agents[j];
      return (onsiteOk && sites.has(g.siteId)) || (remoteOk && g.canTelework && g.equipped);
    };
    const req = [...new Set(act.requiredSkills ?? [])];
    const others = input.agents.map((_, j) => j).filter((j) => !qual.has(j) && couldHold(j));
    if (req.length > 0) {
      const lacking = others
        .map((j) => ({ j, missing: req.filter((k) => !(input.agents[j].skills ?? []).includes(k)) }))
        .filter((x) => x.missing.length === 1)
        .sort((x, y) => byDegree(x.j, y.j));
      for (const x of lacking.slice(0, per))
        add({ kind: "crossTrainSkill", agentId: input.agents[x.j].id, skill: x.missing[0] }, act.id);
    } else {
      for (const j of others.sort(byDegree).slice(0, per))
        add({ kind: "crossTrainActivity", agentId: input.agents[j].id, activityId: act.id }, act.id);
    }
    // open another site where qualified agents work
    if (onsiteOk && act.minOnSite > 0) {
      const count = new Map<string, number>();
      for (const j of qualified[i]) {
        const site = input.agents[j].siteId;
        if (!sites.has(site) && !closed.has(site)) count.set(site, (count.get(site) ?? 0) + 1);
      }
      const best = [...count].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
      for (const [site] of best.slice(0, Math.max(1, per - 1)))
        add({ kind: "openSite", siteId: site, activityId: act.id }, act.id);
    }
  }
  return out;
}

/** Simulates the baseline and every candidate with the same seed and ranks them. */
export async function rankActions(
  input: ResilienceInput,
  options: RankActionsOptions,
): Promise<ActionRanking> {
  const runner = options.runner ?? inlineRunner;
  const params = options.params;
  const baseModel = compileModel(input);
  const baseTotals = await runner.run(simulationPart(baseModel), params);
  const baseReport = summarise(baseModel, baseTotals, params);
  const baseline = baseReport.weightedExpectedDaysUncovered;
  const candidates = candidateActions(
    input,
    baseReport.activities.map((a) => a.expectedDaysUncovered),
    {
      focusActivities: options.focusActivities,
      perActivity: options.perActivity,
      fewAgents: baseReport.singlePointsOfFailure.activitiesWithFewAgents.map((a) => a.activityId),
    },
  ).slice(0, options.maxCandidates ?? 40);

  const evaluate = async (c: Candidate, p: SimulationParams): Promise<number> => {
    const m = compileModel(applyAction(input, c.action));
    return weightedDaysUncovered(m, await runner.run(simulationPart(m), p));
  };
  let pool = candidates;
  const keep = options.keep ?? 12;
  if (candidates.length > keep) {
    const screen = { ...params, iterations: Math.max(1, Math.ceil(params.iterations / 4)) };
    const screenBase = weightedDaysUncovered(baseModel, await runner.run(simulationPart(baseModel), screen));
    const scored: { c: Candidate; v: number }[] = [];
    for (const c of candidates) scored.push({ c, v: await evaluate(c, screen) });
    pool = scored
      .filter((x) => x.v < screenBase)
      .sort((x, y) => x.v - y.v)
      .slice(0, keep)
      .map((x) => x.c);
  }
  const actions: RankedAction[] = [];
  for (const c of pool) {
    const v = await evaluate(c, params);
    actions.push({
      action: c.action,
      label: actionLabel(c.action),
      activityId: c.activityId,
      weightedExpectedDaysUncovered: v,
      reduction: baseline - v,
    });
  }
  actions.sort((x, y) => y.reduction - x.reduction || actionKey(x.action).localeCompare(actionKey(y.action)));
  return { baseline, actions };
}
