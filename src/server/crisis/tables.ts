// Table types of the crisis cell (migration 0005), merged into the database type.
import type { ColumnType, Generated } from "kysely";
import type { Mode } from "../../engines/bilan/coverage.js";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export const SCENARIO_TYPES = ["pandemic", "site_loss", "it_outage", "flood", "heatwave", "other"] as const;
export type ScenarioType = (typeof SCENARIO_TYPES)[number];
export const LOG_KINDS = ["information", "event", "decision", "action", "communication"] as const;
export type LogKind = (typeof LOG_KINDS)[number];
export const ACTION_STATES = ["open", "done", "cancelled"] as const;
export type ActionState = (typeof ACTION_STATES)[number];

export interface CrisisScenariosTable {
  id: string;
  org_id: string;
  name: string;
  type: ScenarioType;
  description: Defaulted<string>;
  absenteeism_mean_pct: Defaulted<number>;
  absenteeism_peak_pct: Defaulted<number>;
  peak_weeks: Defaulted<number>;
  duration_days: Defaulted<number>;
  site_ids: Defaulted<string[]>;
  application_ids: Defaulted<string[]>;
  archived_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CrisisScenarioModesTable {
  scenario_id: string;
  activity_id: string;
  mode: Mode;
}

export interface CrisisActivationsTable {
  id: string;
  org_id: string;
  scenario_id: string;
  level: number;
  started_at: Timestamp;
  site_ids: Defaulted<string[]>;
  note: Defaulted<string>;
  activated_by: string | null;
  ended_at: NullableTimestamp;
  ended_by: string | null;
  lessons_worked: string | null;
  lessons_to_change: string | null;
  created_at: Timestamp;
}

export interface CrisisModeChangesTable {
  id: Generated<number>;
  org_id: string;
  activation_id: string;
  activity_id: string;
  mode: Mode;
  previous_mode: Mode | null;
  at: Timestamp;
  changed_by: string | null;
}

export interface CrisisMeetingsTable {
  id: string;
  org_id: string;
  activation_id: string | null;
  held_at: Timestamp;
  title: string;
  attendees: Defaulted<string[]>;
  agenda: Defaulted<string>;
  notes: Defaulted<string>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CrisisLogEntriesTable {
  id: string;
  entry_id: string;
  version: number;
  org_id: string;
  activation_id: string | null;
  meeting_id: string | null;
  kind: LogKind;
  source: Defaulted<"user" | "system">;
  occurred_at: Timestamp;
  title: string;
  body: Defaulted<string>;
  service_ids: Defaulted<string[]>;
  activity_ids: Defaulted<string[]>;
  site_ids: Defaulted<string[]>;
  owner: string | null;
  owner_user_id: string | null;
  due_on: string | null;
  state: ActionState | null;
  correction_reason: string | null;
  author_id: string | null;
  entry_created_at: Timestamp;
  created_at: Timestamp;
  superseded_at: NullableTimestamp;
  search: ColumnType<string, never, never>;
}

export interface CrisisReportsTable {
  id: string;
  org_id: string;
  activation_id: string | null;
  number: number | null;
  as_of: Timestamp;
  figures: ColumnType<unknown, string, string>;
  comment: Defaulted<string>;
  origin: Defaulted<"manual" | "scheduled">;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  frozen_at: NullableTimestamp;
  frozen_by: string | null;
}

export interface CrisisReportSchedulesTable {
  org_id: string;
  time_of_day: string;
  enabled: Defaulted<boolean>;
  last_run_on: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

declare module "../db/schema.js" {
  interface DB {
    crisis_scenarios: CrisisScenariosTable;
    crisis_scenario_modes: CrisisScenarioModesTable;
    crisis_activations: CrisisActivationsTable;
    crisis_mode_changes: CrisisModeChangesTable;
    crisis_meetings: CrisisMeetingsTable;
    crisis_log_entries: CrisisLogEntriesTable;
    crisis_reports: CrisisReportsTable;
    crisis_report_schedules: CrisisReportSchedulesTable;
  }
}
