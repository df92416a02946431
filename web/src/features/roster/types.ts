// Shapes of the rotation planner's API answers, as the page reads them.
export interface Site {
  id: string;
  name: string;
  capacity: number;
}
export interface Need {
  day: string;
  activityId: string;
  activityName: string;
  siteId: string;
  siteName: string;
  count: number;
}
export interface Lock {
  agentId: string;
  day: string;
  activityId: string | null;
}
export interface PersonalRequest {
  agentId: string;
  day: string;
  onSite: boolean;
  weight: number;
  note: string | null;
}
export interface RosterAgent {
  id: string;
  name: string;
  team: string | null;
  qualified: string[];
}
export type WeightKey =
  | "under"
  | "over"
  | "person"
  | "teamMix"
  | "teamDay"
  | "fairness"
  | "request"
  | "change"
  | "away";
export interface Settings {
  maxConsecutive?: number;
  weights?: Partial<Record<WeightKey, number>>;
}
export interface Period {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  sites: Site[];
  settings: Settings;
  activities: { id: string; name: string; siteId: string }[];
  needs: Need[];
  locks: Lock[];
  requests: PersonalRequest[];
  agents: RosterAgent[];
  publishedVersionId: string | null;
  versions: {
    id: string;
    status: string;
    number: number | null;
    reason: string;
    score: number;
    createdAt: string;
  }[];
}
export interface Issue {
  kind: string;
  message: string;
  reason?: string;
}
export interface Change {
  agentId: string;
  agentName: string;
  day: string;
  before: string | null;
  after: string | null;
}
export interface Assignment {
  agentId: string;
  day: string;
  activityId: string;
  siteId: string;
}
export interface Version {
  id: string;
  status: string;
  number: number | null;
  score: number;
  lowerBound: number;
  gapPct: number;
  violations: Issue[];
  warnings: Issue[];
  changes: Change[];
  assignments: Assignment[];
}
export interface Check {
  errors: { code: string; message: string; agentId: string | null; day: string | null }[];
  warnings: { code: string; message: string }[];
  lowerBound: number;
}

/** The solver's default weights (src/engines/roster/relais/model.ts). */
export const DEFAULT_WEIGHTS: Record<WeightKey, number> = {
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
export const WEIGHT_KEYS = Object.keys(DEFAULT_WEIGHTS) as WeightKey[];

/** Light backgrounds (dark text stays above 4.5:1): one per site, another set per team. */
export const SITE_COLOURS = ["#dbeafe", "#dcfce7", "#fef9c3", "#fce7f3", "#ede9fe", "#ffedd5"];
export const TEAM_COLOURS = ["#bfdbfe", "#bbf7d0", "#fde68a", "#fbcfe8", "#ddd6fe", "#fed7aa", "#e5e7eb"];

export function daysOf(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
export const shortDay = (d: string) =>
  new Date(`${d}T00:00:00Z`).toLocaleDateString("fr-FR", {
    weekday: "short",
    day: "numeric",
    timeZone: "UTC",
  });
export const longDay = (d: string) =>
  new Date(`${d}T00:00:00Z`).toLocaleDateString("fr-FR", {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  });
