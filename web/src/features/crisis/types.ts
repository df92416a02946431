// Response shapes of the crisis-cell API (mirror src/server/crisis/**/schema.ts).
export type CrisisMode = "on_site" | "remote" | "mixed" | "reduced" | "suspended";
export type ScenarioType = "pandemic" | "site_loss" | "it_outage" | "flood" | "heatwave" | "other";
export type CoverageStatus = "covered" | "at_risk" | "not_covered" | "suspended";
export type LogKind = "information" | "event" | "decision" | "action" | "communication";
export type ActionState = "open" | "done" | "cancelled";

export interface Scenario {
  id: string;
  name: string;
  type: ScenarioType;
  description: string;
  absenteeismMeanPct: number;
  absenteeismPeakPct: number;
  peakWeeks: number;
  durationDays: number;
  siteIds: string[];
  applicationIds: string[];
  archived: boolean;
}

export interface Activation {
  id: string;
  scenarioId: string;
  scenarioName: string;
  level: number;
  startedAt: string;
  endedAt: string | null;
  active: boolean;
  siteIds: string[];
  note: string;
  lessonsWorked: string | null;
  lessonsToChange: string | null;
  modes?: {
    activityId: string;
    activityName: string;
    serviceName: string;
    criticality: number;
    mode: CrisisMode;
  }[];
}

export interface BoardRow {
  activityId: string;
  name: string;
  serviceId: string;
  serviceName: string;
  siteId: string | null;
  criticality: number;
  mode: CrisisMode;
  qualified: number;
  onSite: number;
  remote: number;
  required: { onSite: number; total: number };
  status: CoverageStatus;
  margin: number;
  trend: "up" | "down" | "stable";
  history: { day: string; onSite: number; remote: number; status: CoverageStatus }[];
}

export interface Board {
  day: string;
  activation: { id: string; scenarioName: string; level: number; startedAt: string } | null;
  counts: Record<CoverageStatus, number>;
  items: BoardRow[];
}

export interface LogEntry {
  id: string;
  version: number;
  versionId: string;
  kind: LogKind;
  source: string;
  occurredAt: string;
  title: string;
  body: string;
  serviceIds: string[];
  activityIds: string[];
  siteIds: string[];
  owner: string | null;
  dueOn: string | null;
  state: ActionState | null;
  overdue: boolean;
  authorName: string | null;
  correctionReason: string | null;
  versionCreatedAt: string;
}
export interface LogEntryWithVersions extends LogEntry {
  versions: LogEntry[];
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

export interface ReportFigures {
  asOf: string;
  day: string;
  orgName: string;
  headcount: number;
  byStatus: Record<string, number>;
  working: number;
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
  openActions: LogItem[];
  overdueActions: LogItem[];
  previous: { number: number; asOf: string } | null;
  changes: { key: string; label: string; previous: number; current: number; delta: number }[];
}

export interface ReportSummary {
  id: string;
  number: number | null;
  asOf: string;
  comment: string;
  origin: string;
  frozen: boolean;
  frozenAt: string | null;
  createdAt: string;
}
export interface Report extends ReportSummary {
  figures: ReportFigures;
}
