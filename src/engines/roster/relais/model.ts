// The Relais rotation model: who is on site, where and for which activity, day by day. Plain data,
// indices everywhere (the search works on flat typed arrays). A cell holds a post index or OFF
// ("not on site": telework, rest or absence — the roster only plans presence on site).

export const OFF = -1;

export interface RelaisSite {
  id: string;
  name: string;
  /** Safe number of people on site on one day (hard). */
  capacity: number;
}

/** A post: one activity on one site, with the skills it requires (all of them). */
export interface RelaisPost {
  id: string;
  label: string;
  site: number;
  skills: number[];
}

export interface RelaisAgent {
  id: string;
  name: string;
  skills: number[];
  /** Home site index, or -1. */
  homeSite: number;
  /** Team index, or -1. */
  team: number;
  /** "Never on site" (protected agents): never assigned. */
  neverOnSite: boolean;
  /** Days the agent is unavailable (status, leave, part time, childcare days). */
  unavailable: number[];
  /** Maximum consecutive on-site days (hard); the days around the period count as off. */
  maxConsecutive: number;
  /** Maximum on-site days over the period (hard). */
  maxDays: number;
}

/** `count` people on `post` on `day`. */
export interface RelaisNeed {
  post: number;
  day: number;
  count: number;
}

/** Personal wish: be on site (`on`) or not on site on a day. */
export interface RelaisRequest {
  agent: number;
  day: number;
  on: boolean;
  weight: number;
}

/** A cell fixed by hand: the solver keeps it. `post` may be OFF. */
export interface RelaisLock {
  agent: number;
  day: number;
  post: number;
}

export interface RelaisWeights {
  /** Per missing person on a need. */
  under: number;
  /** Per person beyond a need (or on a post with no need that day). */
  over: number;
  /** Per distinct person on site at least once over the period. */
  person: number;
  /** Per extra team on the same site and day (teams should not mix). */
  teamMix: number;
  /** Per (team, day) with some member on site: members of a team should share their site days. */
  teamDay: number;
  /** Times the sum of squared on-site days per agent (spreads the load). */
  fairness: number;
  /** Multiplies each personal request's own weight when it is not honoured. */
  request: number;
  /** Per cell that differs from the published roster (re-planning). */
  change: number;
  /** Per on-site day away from the agent's home site. */
  away: number;
}

export const DEFAULT_WEIGHTS: RelaisWeights = {
  under: 1000,
  over: 5,
  person: 20,
  teamMix: 10,
  teamDay: 2,
  fairness: 1,
  request: 10,
  change: 50,
  away: 3,
};

export interface RelaisProblem {
  /** First day of the period, YYYY-MM-DD (for the words of the report). */
  startDate: string;
  days: number;
  sites: RelaisSite[];
  posts: RelaisPost[];
  skills: string[];
  teams: string[];
  agents: RelaisAgent[];
  needs: RelaisNeed[];
  requests: RelaisRequest[];
  locks: RelaisLock[];
  /** The published roster when re-planning: previous[agent][day] = post or OFF. */
  previous: number[][] | null;
  weights: RelaisWeights;
}

/** roster[agent][day] = post index or OFF. */
export type RelaisRoster = number[][];

export function emptyRelaisRoster(p: RelaisProblem): RelaisRoster {
  return p.agents.map(() => new Array<number>(p.days).fill(OFF));
}

/** Does the agent hold every skill of the post? */
export function isQualified(agent: RelaisAgent, post: RelaisPost): boolean {
  for (const s of post.skills) if (!agent.skills.includes(s)) return false;
  return true;
}

const DAY_NAMES = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
const MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];

/** Calendar date of a day index. */
export function dateOf(startDate: string, day: number): string {
  const t = new Date(`${startDate}T00:00:00Z`).getTime() + day * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** "mardi 14" (with the month when the period spans several: "mardi 14 avril"). */
export function dayWords(startDate: string, day: number, withMonth = false): string {
  const d = new Date(`${dateOf(startDate, day)}T00:00:00Z`);
  const base = `${DAY_NAMES[d.getUTCDay()]} ${d.getUTCDate()}`;
  return withMonth ? `${base} ${MONTHS[d.getUTCMonth()]}` : base;
}
