/**
 * Plain-data input of the resilience analysis and its compilation into compact typed arrays.
 *
 * An activity has `minOnSite` on-site slots (the agent must be at one of the activity's sites,
 * and that site open) and `minRemote` flexible slots (done remotely by an agent who can telework
 * and is equipped, when the activity may run remotely and none of its applications is down; or
 * on site by anyone who could take an on-site slot). An agent is qualified for an activity when
 * listed in `qualifiedAgentIds`, when the agent lists the activity in `activities`, or when the
 * agent holds every skill of a non-empty `requiredSkills`.
 */
import { Assignment } from "./assign.js";

export type WorkMode = "onsite" | "remote";

export interface ResilienceAgent {
  id: string;
  teamId: string;
  siteId: string;
  skills?: readonly string[];
  /** Activities the agent is qualified for, by id (in addition to skill matching). */
  activities?: readonly string[];
  canTelework: boolean;
  equipped: boolean;
  /** Daily absence probability at the scenario's mean rate; defaults to the mean rate. */
  absenceProbability?: number;
}

export interface ResilienceActivity {
  id: string;
  siteId: string;
  /** Other sites where the on-site part can be done. */
  extraSiteIds?: readonly string[];
  minOnSite: number;
  /** Slots that may be held remotely (or on site). */
  minRemote?: number;
  /** Allowed modes; both by default. */
  modes?: readonly WorkMode[];
  requiredSkills?: readonly string[];
  qualifiedAgentIds?: readonly string[];
  /** Applications needed to work remotely. */
  applications?: readonly string[];
  /** Equipment items needed (one unit each). */
  equipment?: readonly string[];
  /** Weight in the objective (criticality); 1 by default. */
  weight?: number;
  /** Maximum tolerable interruption in consecutive days (0 or absent: not tracked). */
  maxInterruptionDays?: number;
}

export interface ResilienceEquipment {
  id: string;
  quantity: number;
}

export interface AbsenteeismCurve {
  /** Mean daily absence rate over the wave (0–1). */
  meanRate: number;
  /** Rate during the peak (defaults to the mean). */
  peakRate?: number;
  /** Length of the peak in days, centred in the wave. */
  peakDays?: number;
  /** Explicit daily rates; overrides the three fields above and sets the wave length. */
  daily?: readonly number[];
}

export interface ResilienceScenario {
  absenteeism: AbsenteeismCurve;
  /** Wave length in days (56: eight weeks). */
  waveDays?: number;
  /** Mean length of one absence in days, for wave mode (geometric durations). */
  meanAbsenceDays?: number;
  /** Correlation of the absence of two agents of the same team (includes the site part). */
  teamCorrelation?: number;
  /** Correlation of the absence of two agents of the same site in different teams. */
  siteCorrelation?: number;
  closedSiteIds?: readonly string[];
  /** Applications down: activities using them cannot run remotely. */
  applicationsDown?: readonly string[];
}

export interface ResilienceInput {
  agents: readonly ResilienceAgent[];
  activities: readonly ResilienceActivity[];
  equipment?: readonly ResilienceEquipment[];
  scenario: ResilienceScenario;
}

export class ResilienceInputError extends Error {
  readonly code = "RESILIENCE_INVALID_INPUT";
  constructor(readonly details: string[]) {
    super(`invalid resilience input: ${details.slice(0, 5).join("; ")}${details.length > 5 ? "; …" : ""}`);
    this.name = "ResilienceInputError";
  }
}

/** The numeric part of a compiled model: what the simulation (and the workers) need. */
export interface SimulationModel {
  nAgents: number;
  nActivities: number;
  nSites: number;
  nTeams: number;
  nGroups: number;
  /** Agents are numbered by (site, team): a group (team × site) and a site are index ranges. */
  groupStart: Int32Array;
  groupSite: Int32Array;
  siteGroupStart: Int32Array;
  teamGroupStart: Int32Array;
  teamGroups: Int32Array;
  agentFactor: Float64Array;
  uniformFactors: boolean;
  maxFactor: number;
  /** need[2a] on-site slots, need[2a+1] flexible slots. */
  need: Int32Array;
  weight: Float64Array;
  maxInterruption: Int32Array;
  /** CSR activity → qualified agents, with slot-kind flags (bit 0 on site, bit 1 flexible). */
  actStart: Int32Array;
  actAgent: Int32Array;
  actFlag: Uint8Array;
  /** CSR agent → activities, same flags. */
  agStart: Int32Array;
  agAct: Int32Array;
  agFlag: Uint8Array;
  baseAssignAct: Int32Array;
  baseAssignSlot: Uint8Array;
  waveDays: number;
  /** Target absence rate per day of the wave. */
  rate: Float64Array;
  /** Daily probability that a present agent starts an absence (wave mode). */
  hazard: Float64Array;
  meanAbsenceDays: number;
  /** Mixture weights: an agent's absence follows its site's shock (a), its team's (b), its own (c). */
  mixSite: number;
  mixTeam: number;
  mixOwn: number;
}

export interface CompiledModel extends SimulationModel {
  agentIds: string[];
  activityIds: string[];
  siteIds: string[];
  teamIds: string[];
  /** Compact agent index → index in `input.agents`. */
  agentInputIndex: Int32Array;
  input: ResilienceInput;
}

const DEFAULT_WAVE_DAYS = 56;
const DEFAULT_MEAN_ABSENCE_DAYS = 5;

function shared<T extends Int32Array | Float64Array | Uint8Array>(
  make: (buf: SharedArrayBuffer) => T,
  bytes: number,
): T {
  return make(new SharedArrayBuffer(Math.max(8, bytes)));
}
const i32 = (n: number): Int32Array => shared((b) => new Int32Array(b, 0, n), n * 4);
const f64 = (n: number): Float64Array => shared((b) => new Float64Array(b, 0, n), n * 8);
const u8 = (n: number): Uint8Array => shared((b) => new Uint8Array(b, 0, n), n);

/** Appends `value` to the list under `key`, creating it. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const l = map.get(key);
  if (l) l.push(value);
  else map.set(key, [value]);
}

const inUnit = (x: number): boolean => Number.isFinite(x) && x >= 0 && x <= 1;

/** Daily target absence rates of the wave. */
export function absenteeismCurve(s: ResilienceScenario): number[] {
  const a = s.absenteeism;
  if (a.daily && a.daily.length > 0) return [...a.daily];
  const len = s.waveDays ?? DEFAULT_WAVE_DAYS;
  const mean = a.meanRate;
  const peak = a.peakRate ?? mean;
  const k = Math.min(len, Math.max(0, Math.round(a.peakDays ?? 0)));
  if (k === 0 || peak <= mean || k === len) return new Array<number>(len).fill(k === len ? peak : mean);
  const base = (mean * len - peak * k) / (len - k);
  const start = Math.floor((len - k) / 2);
  return Array.from({ length: len }, (_, d) => (d >= start && d < start + k ? peak : base));
}

function validate(input: ResilienceInput): string[] {
  const errors: string[] = [];
  const s = input.scenario;
  const a = s.absenteeism;
  if (a.daily && a.daily.length > 0) {
    if (!a.daily.every(inUnit)) errors.push("absenteeism.daily: every rate must be within [0, 1]");
  } else {
    if (!inUnit(a.meanRate)) errors.push("absenteeism.meanRate must be within [0, 1]");
    if (a.peakRate !== undefined && (!inUnit(a.peakRate) || a.peakRate < a.meanRate))
      errors.push("absenteeism.peakRate must be within [meanRate, 1]");
    const len = s.waveDays ?? DEFAULT_WAVE_DAYS;
    const k = a.peakDays ?? 0;
    if (a.peakRate !== undefined && k > 0 && k < len && a.meanRate * len - a.peakRate * k < 0)
      errors.push("absenteeism: a peak this high and this long exceeds the mean over the wave");
  }
  if (s.waveDays !== undefined && (!Number.isInteger(s.waveDays) || s.waveDays < 1))
    errors.push("waveDays must be a positive integer");
  if (s.meanAbsenceDays !== undefined && !(s.meanAbsenceDays >= 1))
    errors.push("meanAbsenceDays must be at least 1");
  const tc = s.teamCorrelation ?? 0;
  const sc = s.siteCorrelation ?? 0;
  if (!inUnit(tc) || !inUnit(sc)) errors.push("correlations must be within [0, 1]");
  else if (sc > tc && s.teamCorrelation !== undefined)
    errors.push("teamCorrelation must be at least siteCorrelation (agents of a team share a site)");
  else if (Math.sqrt(sc) + Math.sqrt(Math.max(0, tc - sc)) > 1 + 1e-12)
    errors.push(
      "correlations too high together: need √siteCorrelation + √(teamCorrelation − siteCorrelation) ≤ 1",
    );

  const agentIds = new Set<string>();
  for (const ag of input.agents) {
    if (agentIds.has(ag.id)) errors.push(`agent ${ag.id}: duplicate id`);
    agentIds.add(ag.id);
    if (ag.absenceProbability !== undefined && !inUnit(ag.absenceProbability))
      errors.push(`agent ${ag.id}: absenceProbability must be within [0, 1]`);
  }
  const actIds = new Set<string>();
  for (const act of input.activities) {
    if (actIds.has(act.id)) errors.push(`activity ${act.id}: duplicate id`);
    actIds.add(act.id);
    const r = act.minRemote ?? 0;
    if (!Number.isInteger(act.minOnSite) || act.minOnSite < 0 || !Number.isInteger(r) || r < 0)
      errors.push(`activity ${act.id}: minimums must be non-negative integers`);
    const modes = act.modes ?? ["onsite", "remote"];
    if (!modes.includes("onsite") && act.minOnSite > 0)
      errors.push(`activity ${act.id}: ${act.minOnSite} on-site minimum but on-site mode not allowed`);
    if (modes.length === 0) errors.push(`activity ${act.id}: no mode allowed`);
    for (const id of act.qualifiedAgentIds ?? [])
      if (!agentIds.has(id)) errors.push(`activity ${act.id}: unknown qualified agent ${id}`);
    if (act.weight !== undefined && !(act.weight >= 0)) errors.push(`activity ${act.id}: weight must be ≥ 0`);
  }
  for (const ag of input.agents)
    for (const id of ag.activities ?? [])
      if (!actIds.has(id)) errors.push(`agent ${ag.id}: unknown activity ${id}`);
  for (const eq of input.equipment ?? [])
    if (!(eq.quantity >= 0)) errors.push(`equipment ${eq.id}: quantity must be ≥ 0`);
  return errors;
}

/** Indices (into `input.agents`) of the agents qualified for each activity, before scenario rules. */
export function qualifiedAgents(input: ResilienceInput): number[][] {
  const actIndex = new Map(input.activities.map((a, i) => [a.id, i]));
  const agentIndex = new Map(input.agents.map((a, i) => [a.id, i]));
  const sets = input.activities.map(() => new Set<number>());
  const bySkill = new Map<string, number[]>();
  input.agents.forEach((ag, j) => {
    for (const id of ag.activities ?? []) sets[actIndex.get(id)!].add(j);
    for (const sk of new Set(ag.skills ?? [])) {
      pushTo(bySkill, sk, j);
    }
  });
  const skillSets = input.agents.map((ag) => new Set(ag.skills ?? []));
  input.activities.forEach((act, i) => {
    for (const id of act.qualifiedAgentIds ?? []) sets[i].add(agentIndex.get(id)!);
    const req = [...new Set(act.requiredSkills ?? [])];
    if (req.length === 0) return;
    let rarest: number[] = [];
    let best = Number.POSITIVE_INFINITY;
    for (const sk of req) {
      const l = bySkill.get(sk) ?? [];
      if (l.length < best) {
        best = l.length;
        rarest = l;
      }
    }
    for (const j of rarest) if (req.every((sk) => skillSets[j].has(sk))) sets[i].add(j);
  });
  return sets.map((s) => [...s].sort((x, y) => x - y));
}

/** Validates and compiles the input; throws `ResilienceInputError` listing every problem. */
export function compileModel(input: ResilienceInput): CompiledModel {
  const errors = validate(input);
  if (errors.length > 0) throw new ResilienceInputError(errors);
  const s = input.scenario;
  const nAg = input.agents.length;
  const nAct = input.activities.length;

  const siteIds: string[] = [];
  const siteIdx = new Map<string, number>();
  const site = (id: string): number => {
    let k = siteIdx.get(id);
    if (k === undefined) {
      k = siteIds.length;
      siteIdx.set(id, k);
      siteIds.push(id);
    }
    return k;
  };
  const teamIds: string[] = [];
  const teamIdx = new Map<string, number>();
  const team = (id: string): number => {
    let k = teamIdx.get(id);
    if (k === undefined) {
      k = teamIds.length;
      teamIdx.set(id, k);
      teamIds.push(id);
    }
    return k;
  };
  const agSite = input.agents.map((a) => site(a.siteId));
  const agTeam = input.agents.map((a) => team(a.teamId));
  for (const act of input.activities) {
    site(act.siteId);
    for (const x of act.extraSiteIds ?? []) site(x);
  }
  const closed = new Set((s.closedSiteIds ?? []).map(site));
  const nSites = siteIds.length;
  const nTeams = teamIds.length;

  // agents numbered by (site, team, input order)
  const order = Array.from({ length: nAg }, (_, j) => j);
  order.sort((x, y) => agSite[x] - agSite[y] || agTeam[x] - agTeam[y] || x - y);
  const compactOf = new Int32Array(nAg);
  const agentInputIndex = i32(nAg);
  order.forEach((j, k) => {
    compactOf[j] = k;
    agentInputIndex[k] = j;
  });
  const groupStartL: number[] = [];
  const groupSiteL: number[] = [];
  const groupTeamL: number[] = [];
  for (let k = 0; k < nAg; k++) {
    const j = order[k];
    if (k === 0 || agSite[j] !== agSite[order[k - 1]] || agTeam[j] !== agTeam[order[k - 1]]) {
      groupStartL.push(k);
      groupSiteL.push(agSite[j]);
      groupTeamL.push(agTeam[j]);
    }
  }
  const nGroups = groupSiteL.length;
  groupStartL.push(nAg);
  const groupStart = i32(nGroups + 1);
  groupStart.set(groupStartL);
  const groupSite = i32(nGroups);
  groupSite.set(groupSiteL);
  const siteGroupStart = i32(nSites + 1);
  for (let g = 0, st = 0; st <= nSites; st++) {
    while (g < nGroups && groupSiteL[g] < st) g++;
    siteGroupStart[st] = g;
  }
  const teamGroupStart = i32(nTeams + 1);
  for (const t of groupTeamL) teamGroupStart[t + 1]++;
  for (let t = 0; t < nTeams; t++) teamGroupStart[t + 1] += teamGroupStart[t];
  const teamGroups = i32(nGroups);
  const fillT = teamGroupStart.slice(0, nTeams);
  for (let g = 0; g < nGroups; g++) teamGroups[fillT[groupTeamL[g]]++] = g;

  const mean = s.absenteeism.daily?.length
    ? s.absenteeism.daily.reduce((x, y) => x + y, 0) / s.absenteeism.daily.length
    : s.absenteeism.meanRate;
  const agentFactor = f64(nAg);
  let maxFactor = 0;
  let uniformFactors = true;
  for (let k = 0; k < nAg; k++) {
    const p = input.agents[order[k]].absenceProbability;
    const f = p === undefined ? 1 : mean > 0 ? p / mean : p > 0 ? Number.POSITIVE_INFINITY : 1;
    agentFactor[k] = Number.isFinite(f) ? f : 1e9;
    if (agentFactor[k] !== 1) uniformFactors = false;
    if (agentFactor[k] > maxFactor) maxFactor = agentFactor[k];
  }
  if (nAg === 0) maxFactor = 1;

  // edges with their slot-kind flags under the scenario
  const qualified = qualifiedAgents(input);
  const down = new Set(s.applicationsDown ?? []);
  const edgeAgents: number[][] = [];
  const edgeFlags: number[][] = [];
  const degree = new Int32Array(nAg);
  input.activities.forEach((act, i) => {
    const modes = act.modes ?? ["onsite", "remote"];
    const onsiteMode = modes.includes("onsite");
    const remoteMode = modes.includes("remote") && !(act.applications ?? []).some((x) => down.has(x));
    const sites = new Set([act.siteId, ...(act.extraSiteIds ?? [])].map(site).filter((x) => !closed.has(x)));
    const ags: number[] = [];
    const fls: number[] = [];
    for (const j of qualified[i]) {
      const ag = input.agents[j];
      const on = onsiteMode && sites.has(agSite[j]);
      const remote = remoteMode && ag.canTelework && ag.equipped;
      const flag = (on ? 1 : 0) | (on || remote ? 2 : 0);
      if (flag === 0) continue;
      ags.push(compactOf[j]);
      fls.push(flag);
      degree[compactOf[j]]++;
    }
    edgeAgents.push(ags);
    edgeFlags.push(fls);
  });
  let nEdges = 0;
  for (const l of edgeAgents) nEdges += l.length;
  const actStart = i32(nAct + 1);
  const actAgent = i32(nEdges);
  const actFlag = u8(nEdges);
  let e = 0;
  for (let i = 0; i < nAct; i++) {
    actStart[i] = e;
    const ags = edgeAgents[i];
    const fls = edgeFlags[i];
    // least versatile agents first; for equal versatility, remote-only ones first
    const idx = ags.map((_, k) => k);
    idx.sort((x, y) => degree[ags[x]] - degree[ags[y]] || (fls[x] & 1) - (fls[y] & 1) || ags[x] - ags[y]);
    edgeAgents[i] = idx.map((k) => ags[k]);
    edgeFlags[i] = idx.map((k) => fls[k]);
    for (let k = 0; k < ags.length; k++) {
      actAgent[e] = edgeAgents[i][k];
      actFlag[e] = edgeFlags[i][k];
      e++;
    }
  }
  actStart[nAct] = e;
  const agStart = i32(nAg + 1);
  for (let k = 0; k < nAg; k++) agStart[k + 1] = agStart[k] + degree[k];
  const agAct = i32(nEdges);
  const agFlag = u8(nEdges);
  const fillA = agStart.slice(0, nAg);
  for (let i = 0; i < nAct; i++) {
    for (let x = actStart[i]; x < actStart[i + 1]; x++) {
      const k = actAgent[x];
      agAct[fillA[k]] = i;
      agFlag[fillA[k]++] = actFlag[x];
    }
  }

  const need = i32(2 * nAct);
  const weight = f64(nAct);
  const maxInterruption = i32(nAct);
  input.activities.forEach((act, i) => {
    need[2 * i] = act.minOnSite;
    need[2 * i + 1] = act.minRemote ?? 0;
    weight[i] = act.weight ?? 1;
    maxInterruption[i] = Math.max(0, Math.floor(act.maxInterruptionDays ?? 0));
  });

  const curve = absenteeismCurve(s);
  const waveDays = curve.length;
  const rate = f64(waveDays);
  rate.set(curve);
  const meanAbsenceDays = s.meanAbsenceDays ?? DEFAULT_MEAN_ABSENCE_DAYS;
  const hazard = f64(waveDays);
  // onset hazard among present agents so that the expected absent share follows the curve
  const stay = 1 - 1 / meanAbsenceDays;
  let prev = rate[0];
  hazard[0] = rate[0];
  for (let d = 1; d < waveDays; d++) {
    const survivors = prev * stay;
    // agents returning today may start a new absence today: the pool is everyone but survivors
    const h = survivors < 1 ? Math.min(1, Math.max(0, (rate[d] - survivors) / (1 - survivors))) : 0;
    hazard[d] = h;
    prev = survivors + h * (1 - survivors);
  }
  const sc = s.siteCorrelation ?? 0;
  const tc = Math.max(sc, s.teamCorrelation ?? sc);
  const mixSite = Math.sqrt(sc);
  const mixTeam = Math.sqrt(tc - sc);
  const mixOwn = Math.max(0, 1 - mixSite - mixTeam);

  const partial: Omit<SimulationModel, "baseAssignAct" | "baseAssignSlot"> = {
    nAgents: nAg,
    nActivities: nAct,
    nSites,
    nTeams,
    nGroups,
    groupStart,
    groupSite,
    siteGroupStart,
    teamGroupStart,
    teamGroups,
    agentFactor,
    uniformFactors,
    maxFactor,
    need,
    weight,
    maxInterruption,
    actStart,
    actAgent,
    actFlag,
    agStart,
    agAct,
    agFlag,
    waveDays,
    rate,
    hazard,
    meanAbsenceDays,
    mixSite,
    mixTeam,
    mixOwn,
  };
  const base = Assignment.baseline({
    ...partial,
    baseAssignAct: new Int32Array(0),
    baseAssignSlot: new Uint8Array(0),
  });
  const baseAssignAct = i32(nAg);
  baseAssignAct.set(base.assignAct);
  // Agents busy in the all-present assignment go to the end of every list: a hole is then
  // usually refilled by the first present agent of its list.
  for (let i = 0; i < nAct; i++) {
    const ags = edgeAgents[i];
    const fls = edgeFlags[i];
    let w = actStart[i];
    for (let pass = 0; pass < 2; pass++)
      for (let k = 0; k < ags.length; k++)
        if ((base.assignAct[ags[k]] >= 0 ? 1 : 0) === pass) {
          actAgent[w] = ags[k];
          actFlag[w++] = fls[k];
        }
  }
  const baseAssignSlot = u8(nAg);
  baseAssignSlot.set(base.assignSlot);
  return {
    ...partial,
    baseAssignAct,
    baseAssignSlot,
    agentIds: order.map((j) => input.agents[j].id),
    activityIds: input.activities.map((a) => a.id),
    siteIds,
    teamIds,
    agentInputIndex,
    input,
  };
}

/** The numeric part only, for posting to a worker. */
export function simulationPart(m: CompiledModel): SimulationModel {
  const {
    agentIds: _a,
    activityIds: _b,
    siteIds: _c,
    teamIds: _d,
    agentInputIndex: _e,
    input: _f,
    ...rest
  } = m;
  return rest;
}
