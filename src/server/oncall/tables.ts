import type { ColumnType } from "kysely";
import type { Restriction } from "../../engines/oncall/rota.js";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface OncallLinesTable {
  id: string;
  org_id: string;
  name: string;
  phone_number: ColumnType<string, string | undefined, string>;
  service_id: string | null;
  feed_token_hash: string;
  ring_seconds: ColumnType<number, number | undefined, number>;
  archived_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
}

export interface OncallRotationsTable {
  id: string;
  org_id: string;
  line_id: string;
  name: string;
  position: number;
  participants: string[];
  start_date: string;
  handoff_time: string;
  turn_days: number;
  restriction: Json<Restriction>;
  created_at: Timestamp;
}

export interface OncallOverridesTable {
  id: string;
  org_id: string;
  line_id: string;
  agent_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  reason: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CalendarFeedsTable {
  token_hash: string;
  org_id: string;
  agent_id: string;
  created_at: Timestamp;
}

export const CALL_OUTCOMES = [
  "answered",
  "advised",
  "request_created",
  "transferred_service",
  "transferred_partner",
  "emergency_services",
  "missed",
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export interface CallsTable {
  id: string;
  org_id: string;
  line_id: string | null;
  received_at: Timestamp;
  caller: ColumnType<string, string | undefined, string>;
  reason: ColumnType<string, string | undefined, string>;
  outcome: CallOutcome;
  duration_seconds: ColumnType<number, number | undefined, number>;
  service_id: string | null;
  partner: string | null;
  request_id: string | null;
  taken_by: string | null;
  created_at: Timestamp;
}

declare module "../db/schema.js" {
  interface DB {
    oncall_lines: OncallLinesTable;
    oncall_rotations: OncallRotationsTable;
    oncall_overrides: OncallOverridesTable;
    calendar_feeds: CalendarFeedsTable;
    calls: CallsTable;
  }
}
