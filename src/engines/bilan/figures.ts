// The figures of a situation report (bilan) for one instant, from plain data the caller read "as of"
// that instant. Pure: no clock, no database. The same functions feed the activity board.
import { requiredKinds } from "../equipment/equipped.js";
import { type CoverageStatus, coverage, type Mode, type Requirement } from "./coverage.js";

export const AGENT_STATUSES = [
  "on_site",
  "telework",
  "on_call",
  "sick",
  "isolated",
  "childcare",
  "special_leave",
  "off",
] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];
/** Statuses in which an agent works (and can cover an activity). */
export const WORKING: ReadonlySet<string> = new Set(["on_site", "telework", "on_call"]);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface AgentIn {
  id: string;
  serviceId: string;
  skillIds: readonly string[];
}

export interface ActivityIn {
  id: string;
  name: string;
  serviceId: string;
  serviceName: string;
  siteId: string | null;
  criticality: number;
  minOnSite: number;
  minRemote: number;
  skillIds: readonly string[];
  equipmentKinds: readonly string[];
  /** Mode in force (null: no crisis, the activity runs as planned, counted as mixed). */
  mode: Mode | null;
}

/**
 * Agents qualified for each activity, as indices into `agents`: holders of every required skill
 * when the activity lists skills, otherwise the agents of the activity's service.
 * (Indices, not ids: the figures of 20,000 agents stay a matter of milliseconds.)
 */
export function qualifiedAgents(agents: readonly AgentIn[], activities: readonly ActivityIn[]): number[][] {
  const bySkill = new Map<string, number[]>();
  const byService = new Map<string, number[]>();
  agents.forEach((a, i) => {
    for (const s of new Set(a.skillIds)) push(bySkill, s, i);
    push(byService, a.serviceId, i);
  });
  const hits = new Uint16Array(agents.length);
  return activities.map((act) => {
    const req = [...new Set(act.skillIds)];
    if (req.length === 0) return [...(byService.get(act.serviceId) ?? [])];
    if (req.length === 1) return [...(bySkill.get(req[0]) ?? [])];
    hits.fill(0);
    for (const s of req) for (const i of bySkill.get(s) ?? []) hits[i]++;
    const out: number[] = [];
    for (let i = 0; i < hits.length; i++) if (hits[i] === req.length) out.push(i);
    return out;
  });
}

/** Each agent's status (by index), from a map by agent id. */
export function statusesByIndex(
  agents: readonly AgentIn[],
  statuses: ReadonlyMap<string, string>,
): (string | undefined)[] {
  return agents.map((a) => statuses.get(a.id));
}

export interface ActivityCoverage {
  id: string;
  name: string;
  serviceId: string;
  serviceName: string;
  siteId: string | null;
  criticality: number;
  mode: Mode;
  qualified: number;
  onSite: number;
  remote: number;
  required: Requirement;
  status: CoverageStatus;
  margin: number;
}

/** Coverage of every activity for one day's statuses (agents without a status are not counted). */
export function activityCoverage(
  activities: readonly ActivityIn[],
  qualified: readonly (readonly number[])[],
  statuses: readonly (string | undefined)[],
): ActivityCoverage[] {
  return activities.map((act, i) => {
    let onSite = 0;
    let remote = 0;
    for (const j of qualified[i]) {
      const s = statuses[j];
      if (s === "on_site" || s === "on_call") onSite++;
      else if (s === "telework") remote++;
    }
    const mode = act.mode ?? "mixed";
    const c = coverage({ mode, minOnSite: act.minOnSite, minRemote: act.minRemote, onSite, remote });
    return {
      id: act.id,
      name: act.name,
      serviceId: act.serviceId,
      serviceName: act.serviceName,
      siteId: act.siteId,
      criticality: act.criticality,
      mode,
      qualified: qualified[i].length,
      onSite,
      remote,
      required: c.required,
      status: c.status,
      margin: c.margin,
    };
  });
}

export interface LoanIn {
  agentId: string;
  kind: string;
  lentOn: string;
  returnedOn: string | null;
}

/**
 * Agents equipped to telework on each day (the "equipped" rule of the equipment engine: every
 * kind their activities need, a laptop at least), for the days given in ascending order.
 */
export function equippedCurve(
  agents: readonly AgentIn[],
  activities: readonly ActivityIn[],
  qualified: readonly (readonly number[])[],
  loans: readonly LoanIn[],
  days: readonly string[],
): { day: string; count: number }[] {
  // Kinds each agent needs beyond the baseline, from the activities they are qualified for.
  const needs = new Map<number, string[][]>();
  activities.forEach((act, i) => {
    if (act.equipmentKinds.length === 0) return;
    for (const j of qualified[i]) push(needs, j, act.equipmentKinds as string[]);
  });
  const loansByAgent = new Map<string, LoanIn[]>();
  for (const l of loans) push(loansByAgent, l.agentId, l);
  const counts = new Array<number>(days.length).fill(0);
  const covered = new Uint8Array(days.length);
  const kindsOk = new Uint16Array(days.length);
  for (const [j, agent] of agents.entries()) {
    const held = loansByAgent.get(agent.id);
    if (!held) continue;
    const required = [...requiredKinds(needs.get(j) ?? [])];
    kindsOk.fill(0);
    // For each required kind, the days on which the agent holds at least one item of it.
    for (const kind of required) {
      covered.fill(0);
      for (const l of held) {
        if (l.kind !== kind) continue;
        for (let k = 0; k < days.length; k++) {
          const d = days[k];
          if (l.lentOn <= d && (l.returnedOn === null || l.returnedOn > d)) covered[k] = 1;
        }
      }
      for (let k = 0; k < days.length; k++) kindsOk[k] += covered[k];
    }
    for (let k = 0; k < days.length; k++) if (kindsOk[k] === required.length) counts[k]++;
  }
  return days.map((day, k) => ({ day, count: counts[k] }));
}

export interface LogItem {
  entryId: string;
  version: number;
  kind: string;
  occurredAt: string;
  title: string;
  owner: string | null;
  dueOn: string | null;
  state: string | null;
}

export interface ReportInput {
  asOf: string;
  day: string;
  timezone: string;
  orgName: string;
  activation: { id: string; scenarioName: string; level: number; startedAt: string } | null;
  agents: readonly AgentIn[];
  /** Status of each agent for `day` as known at `asOf`. */
  statuses: ReadonlyMap<string, string>;
  activities: readonly ActivityIn[];
  loans: readonly LoanIn[];
  curveDays: readonly string[];
  /** Log entries (versions valid at asOf) of kinds decision/action created after the previous report. */
  sincePrevious: readonly LogItem[];
  /** Actions (versions valid at asOf) still open at asOf. */
  openActions: readonly LogItem[];
  previous: { number: number; asOf: string; figures: ReportFigures } | null;
}

export interface Change {
  key: string;
  label: string;
  previous: number;
  current: number;
  delta: number;
}

export interface ReportFigures {
  version: 1;
  asOf: string;
  day: string;
  timezone: string;
  orgName: string;
  activation: ReportInput["activation"];
  headcount: number;
  byStatus: Record<AgentStatus | "unknown", number>;
  working: number;
  /** Share of working agents who telework (0–1). */
  teleworkShare: number;
  underPlan: number;
  equipped: { current: number; curve: { day: string; count: number }[] };
  activities: {
    total: number;
    byStatus: Record<CoverageStatus, number>;
    notCovered: { id: string; name: string; serviceName: string; required: number; available: number }[];
    atRisk: { id: string; name: string; serviceName: string; required: number; available: number }[];
  };
  decisions: LogItem[];
  actions: LogItem[];
  openActions: LogItem[];
  overdueActions: LogItem[];
  previous: { number: number; asOf: string } | null;
  changes: Change[];
}

const CHANGE_KEYS: { key: string; label: string; get: (f: ReportFigures) => number }[] = [
  { key: "headcount", label: "Effectif", get: (f) => f.headcount },
  { key: "working", label: "Agents en activité", get: (f) => f.working },
  { key: "on_site", label: "Sur site", get: (f) => f.byStatus.on_site },
  { key: "telework", label: "En télétravail", get: (f) => f.byStatus.telework },
  { key: "absent", label: "Absents (malades, isolés, garde d'enfants, ASA)", get: (f) => absent(f) },
  { key: "teleworkPct", label: "Part en télétravail (%)", get: (f) => Math.round(f.teleworkShare * 100) },
  { key: "underPlan", label: "Agents mobilisés sur le PCA", get: (f) => f.underPlan },
  { key: "equipped", label: "Agents équipés pour télétravailler", get: (f) => f.equipped.current },
  { key: "covered", label: "Activités couvertes", get: (f) => f.activities.byStatus.covered },
  { key: "atRisk", label: "Activités à risque", get: (f) => f.activities.byStatus.at_risk },
  { key: "notCovered", label: "Activités non couvertes", get: (f) => f.activities.byStatus.not_covered },
  { key: "openActions", label: "Actions ouvertes", get: (f) => f.openActions.length },
  { key: "overdueActions", label: "Actions en retard", get: (f) => f.overdueActions.length },
];

function absent(f: ReportFigures): number {
  return f.byStatus.sick + f.byStatus.isolated + f.byStatus.childcare + f.byStatus.special_leave;
}

export function compareFigures(previous: ReportFigures, current: ReportFigures): Change[] {
  return CHANGE_KEYS.map(({ key, label, get }) => {
    const p = get(previous);
    const c = get(current);
    return { key, label, previous: p, current: c, delta: c - p };
  });
}

export function computeReport(input: ReportInput): ReportFigures {
  const byStatus = Object.fromEntries([...AGENT_STATUSES, "unknown"].map((s) => [s, 0])) as Record<
    AgentStatus | "unknown",
    number
  >;
  for (const a of input.agents) {
    const s = input.statuses.get(a.id);
    if (s !== undefined && s in byStatus) byStatus[s as AgentStatus]++;
    else byStatus.unknown++;
  }
  const working = byStatus.on_site + byStatus.telework + byStatus.on_call;
  const qualified = qualifiedAgents(input.agents, input.activities);
  const statusOf = statusesByIndex(input.agents, input.statuses);
  const cov = activityCoverage(input.activities, qualified, statusOf);

  const mobilised = new Uint8Array(input.agents.length);
  cov.forEach((c, i) => {
    if (c.status === "suspended") return;
    for (const j of qualified[i]) if (WORKING.has(statusOf[j] ?? "")) mobilised[j] = 1;
  });

  const curve = equippedCurve(input.agents, input.activities, qualified, input.loans, input.curveDays);
  const actStatus: Record<CoverageStatus, number> = { covered: 0, at_risk: 0, not_covered: 0, suspended: 0 };
  for (const c of cov) actStatus[c.status]++;
  const brief = (c: ActivityCoverage) => ({
    id: c.id,
    name: c.name,
    serviceName: c.serviceName,
    required: c.required.total,
    available: c.mode === "on_site" ? c.onSite : c.onSite + c.remote,
  });
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "fr");

  const figures: ReportFigures = {
    version: 1,
    asOf: input.asOf,
    day: input.day,
    timezone: input.timezone,
    orgName: input.orgName,
    activation: input.activation,
    headcount: input.agents.length,
    byStatus,
    working,
    teleworkShare: working === 0 ? 0 : byStatus.telework / working,
    underPlan: mobilised.reduce((n, v) => n + v, 0),
    equipped: { current: curve.length > 0 ? curve[curve.length - 1].count : 0, curve },
    activities: {
      total: cov.length,
      byStatus: actStatus,
      notCovered: cov
        .filter((c) => c.status === "not_covered")
        .map(brief)
        .sort(byName),
      atRisk: cov
        .filter((c) => c.status === "at_risk")
        .map(brief)
        .sort(byName),
    },
    decisions: input.sincePrevious.filter((e) => e.kind === "decision"),
    actions: input.sincePrevious.filter((e) => e.kind === "action"),
    openActions: [...input.openActions],
    overdueActions: input.openActions.filter((a) => a.dueOn !== null && a.dueOn < input.day),
    previous: input.previous ? { number: input.previous.number, asOf: input.previous.asOf } : null,
    changes: [],
  };
  if (input.previous) figures.changes = compareFigures(input.previous.figures, figures);
  return figures;
}
