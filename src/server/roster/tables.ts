import type { ColumnType } from "kysely";

type DateCol = ColumnType<string, string, string>;

export interface RosterPeriodsTable {
  id: string;
  org_id: string;
  service_id: string | null;
  name: string;
  site_ids: string[];
  start_date: DateCol;
  end_date: DateCol;
  settings: ColumnType<unknown, string | undefined, string>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface RosterNeedsTable {
  period_id: string;
  day: DateCol;
  activity_id: string;
  count: number;
}

export interface RosterLocksTable {
  period_id: string;
  agent_id: string;
  day: DateCol;
  activity_id: string | null;
  set_by: string | null;
  set_at: ColumnType<Date, Date | undefined, Date>;
}

export interface RosterAbsencesTable {
  id: string;
  period_id: string;
  agent_id: string;
  from_day: DateCol;
  to_day: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
}

export interface RosterVersionsTable {
  id: string;
  org_id: string;
  period_id: string;
  status: "draft" | "published";
  number: number | null;
  reason: "solve" | "repair";
  score: number;
  lower_bound: number;
  summary: ColumnType<unknown, string, string>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
  published_at: Date | null;
}

export interface RosterAssignmentsTable {
  version_id: string;
  agent_id: string;
  day: DateCol;
  activity_id: string;
  site_id: string;
}

export interface RosterRequestsTable {
  org_id: string;
  agent_id: string;
  day: DateCol;
  on_site: boolean;
  weight: ColumnType<number, number | undefined, number>;
  note: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
}

declare module "../db/schema.js" {
  interface DB {
    roster_periods: RosterPeriodsTable;
    roster_needs: RosterNeedsTable;
    roster_locks: RosterLocksTable;
    roster_absences: RosterAbsencesTable;
    roster_versions: RosterVersionsTable;
    roster_assignments: RosterAssignmentsTable;
    roster_requests: RosterRequestsTable;
  }
}
