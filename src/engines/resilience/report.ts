/**
 * From simulation tallies to the figures shown to the crisis cell, and the static single points
 * of failure (which need no simulation).
 */
import { type CompiledModel, pushTo } from "./model.js";
import type { SimulationParams, SimulationTotals } from "./simulate.js";

export interface ActivityResilience {
  id: string;
  /** Probability that the activity is below its minimum on a given day of the wave. */
  probabilityUncovered: number;
  /** Expected days below minimum over one wave. */
  expectedDaysUncovered: number;
  /** Mean number of people missing per day. */
  meanShortfall: number;
  /** Agents who could hold one of its slots under the scenario, and the people it needs. */
  eligibleAgents: number;
  need: number;
  /** Short even with everyone present. */
  neverCovered: boolean;
  /** Wave mode only. */
  probabilityAnyOutage?: number;
  p90DaysUncovered?: number;
  meanLongestOutageDays?: number;
  probabilityExceedsMaxInterruption?: number;
}

export interface FewAgentsActivity {
  activityId: string;
  agentIds: string[];
  need: number;
}
export interface LoneSkill {
  skill: string;
  /** The only holder, or none. */
  agentId: string | null;
  activityIds: string[];
}
export interface EquipmentWithoutSpare {
  equipmentId: string;
  quantity: number;
  demand: number;
  activityIds: string[];
}
export interface SinglePointsOfFailure {
  /** Activities that at most `threshold` agents can hold under the scenario. */
  activitiesWithFewAgents: FewAgentsActivity[];
  skillsHeldByOne: LoneSkill[];
  equipmentWithoutSpare: EquipmentWithoutSpare[];
}

export interface CriticalAgent {
  agentId: string;
  /** Share of simulated days (or waves) on which this agent's absence left an unfillable hole. */
  gapRate: number;
}

export interface ResilienceReport {
  mode: SimulationParams["mode"];
  iterations: number;
  simulatedDays: number;
  seed: number;
  waveDays: number;
  activities: ActivityResilience[];
  /** Σ weight × expected days uncovered over a wave: the figure the actions try to reduce. */
  weightedExpectedDaysUncovered: number;
  singlePointsOfFailure: SinglePointsOfFailure;
  criticalAgents: CriticalAgent[];
  absenteeism: {
    targetByDay: number[];
    realisedByDay: number[];
    meanAbsent: number;
    varianceAbsent: number;
    /** Wave mode: mean length of completed absences. */
    meanAbsenceDays?: number;
  };
}

/** Static single points of failure under the scenario. */
export function singlePointsOfFailure(m: CompiledModel, threshold = 2): SinglePointsOfFailure {
  const input = m.input;
  const activitiesWithFewAgents: FewAgentsActivity[] = [];
  for (let a = 0; a < m.nActivities; a++) {
    const n = m.actStart[a + 1] - m.actStart[a];
    if (n <= threshold) {
      const ids: string[] = [];
      for (let e = m.actStart[a]; e < m.actStart[a + 1]; e++) ids.push(m.agentIds[m.actAgent[e]]);
      activitiesWithFewAgents.push({
        activityId: m.activityIds[a],
        agentIds: ids.sort(),
        need: m.need[2 * a] + m.need[2 * a + 1],
      });
    }
  }
  const holders = new Map<string, string[]>();
  for (const ag of input.agents)
    for (const sk of new Set(ag.skills ?? [])) {
      pushTo(holders, sk, ag.id);
    }
  const bySkill = new Map<string, string[]>();
  for (const act of input.activities)
    for (const sk of new Set(act.requiredSkills ?? [])) {
      pushTo(bySkill, sk, act.id);
    }
  const skillsHeldByOne: LoneSkill[] = [];
  for (const [skill, acts] of [...bySkill].sort((x, y) => x[0].localeCompare(y[0]))) {
    const h = holders.get(skill) ?? [];
    if (h.length <= 1) skillsHeldByOne.push({ skill, agentId: h[0] ?? null, activityIds: acts });
  }
  const demand = new Map<string, string[]>();
  for (const act of input.activities)
    for (const eq of new Set(act.equipment ?? [])) {
      pushTo(demand, eq, act.id);
    }
  const quantity = new Map((input.equipment ?? []).map((e) => [e.id, e.quantity]));
  const equipmentWithoutSpare: EquipmentWithoutSpare[] = [];
  for (const [id, acts] of [...demand].sort((x, y) => x[0].localeCompare(y[0]))) {
    const q = quantity.get(id) ?? 0;
    if (q <= acts.length)
      equipmentWithoutSpare.push({ equipmentId: id, quantity: q, demand: acts.length, activityIds: acts });
  }
  return { activitiesWithFewAgents, skillsHeldByOne, equipmentWithoutSpare };
}

/** Weighted expected days uncovered over a wave, from raw tallies (used to rank actions). */
export function weightedDaysUncovered(m: CompiledModel, t: SimulationTotals): number {
  const perDay = t.days > 0 ? m.waveDays / t.days : 0;
  let sum = 0;
  for (let a = 0; a < m.nActivities; a++) sum += m.weight[a] * t.uncoveredDays[a] * perDay;
  return sum;
}

export function summarise(
  m: CompiledModel,
  t: SimulationTotals,
  p: SimulationParams,
  options: { criticalAgents?: number; spofThreshold?: number } = {},
): ResilienceReport {
  const L = m.waveDays;
  const waves = t.mode === "waves" ? t.iterations : 0;
  const days = Math.max(1, t.days);
  const activities: ActivityResilience[] = [];
  const filled = baselineFilled(m);
  for (let a = 0; a < m.nActivities; a++) {
    const prob = t.uncoveredDays[a] / days;
    const r: ActivityResilience = {
      id: m.activityIds[a],
      probabilityUncovered: prob,
      expectedDaysUncovered: prob * L,
      meanShortfall: t.shortfall[a] / days,
      eligibleAgents: m.actStart[a + 1] - m.actStart[a],
      need: m.need[2 * a] + m.need[2 * a + 1],
      neverCovered: filled[2 * a] < m.need[2 * a] || filled[2 * a + 1] < m.need[2 * a + 1],
    };
    if (waves > 0) {
      const h = t.waveHistogram.subarray(a * (L + 1), (a + 1) * (L + 1));
      let withOutage = 0;
      for (let k = 1; k <= L; k++) withOutage += h[k];
      r.probabilityAnyOutage = withOutage / waves;
      // days uncovered at the 90th percentile of waves (zero-outage waves not in the histogram)
      const target = Math.ceil(0.9 * waves);
      let cum = waves - withOutage;
      let k = 0;
      while (cum < target && k < L) {
        k++;
        cum += h[k];
      }
      r.p90DaysUncovered = k;
      r.meanLongestOutageDays = t.longestOutage[a] / waves;
      if (m.maxInterruption[a] > 0) r.probabilityExceedsMaxInterruption = t.mtiExceeded[a] / waves;
    }
    activities.push(r);
  }
  const crit: CriticalAgent[] = [];
  const per = t.mode === "waves" ? Math.max(1, waves) : days;
  for (let j = 0; j < m.nAgents; j++)
    if (t.gaps[j] > 0) crit.push({ agentId: m.agentIds[j], gapRate: t.gaps[j] / per });
  crit.sort((x, y) => y.gapRate - x.gapRate || x.agentId.localeCompare(y.agentId));
  const nAg = Math.max(1, m.nAgents);
  const meanAbsent = t.absentSum / days;
  const report: ResilienceReport = {
    mode: t.mode,
    iterations: t.iterations,
    simulatedDays: t.days,
    seed: p.seed,
    waveDays: L,
    activities,
    weightedExpectedDaysUncovered: weightedDaysUncovered(m, t),
    singlePointsOfFailure: singlePointsOfFailure(m, options.spofThreshold ?? 2),
    criticalAgents: crit.slice(0, options.criticalAgents ?? 20),
    absenteeism: {
      targetByDay: Array.from(m.rate),
      realisedByDay: Array.from(m.rate, (_, d) =>
        t.samplesByDay[d] > 0 ? t.absentByDay[d] / t.samplesByDay[d] / nAg : 0,
      ),
      meanAbsent,
      varianceAbsent: t.absentSumSq / days - meanAbsent * meanAbsent,
    },
  };
  if (t.mode === "waves" && t.spells > 0) report.absenteeism.meanAbsenceDays = t.spellDays / t.spells;
  return report;
}

/** Slots filled per activity when everyone is present, [2a] on site and [2a+1] flexible. */
export function baselineFilled(m: CompiledModel): Int32Array {
  const f = new Int32Array(2 * m.nActivities);
  for (let j = 0; j < m.nAgents; j++) {
    const a = m.baseAssignAct[j];
    if (a >= 0) f[2 * a + m.baseAssignSlot[j]]++;
  }
  return f;
}
