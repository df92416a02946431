// Row types of the tables, as Kysely sees them. Dates (`date`) are 'YYYY-MM-DD' strings,
// timestamps are Date objects, bigints are numbers (see database.ts).
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | null | undefined, string | null>;

export interface OrgsTable {
  id: string;
  slug: string;
  name: string;
  type: string;
  timezone: string;
  created_at: Timestamp;
}

export interface ServicesTable {
  id: string;
  org_id: string;
  parent_id: string | null;
  name: string;
  mailbox: string | null;
  phone: string | null;
  archived_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SitesTable {
  id: string;
  org_id: string;
  name: string;
  address: ColumnType<string, string | undefined, string>;
  capacity: number;
  archived_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SkillsTable {
  id: string;
  org_id: string;
  name: string;
  archived_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface ApplicationsTable {
  id: string;
  org_id: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  archived_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface ActivitiesTable {
  id: string;
  org_id: string;
  service_id: string;
  site_id: string | null;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  criticality: number;
  max_interruption_hours: number;
  minimum_service: ColumnType<string, string | undefined, string>;
  min_on_site: ColumnType<number, number | undefined, number>;
  min_remote: ColumnType<number, number | undefined, number>;
  modes: string[];
  hours: ColumnType<string, string | undefined, string>;
  equipment_kinds: ColumnType<string[], string[] | undefined, string[]>;
  archived_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActivitySkillsTable {
  activity_id: string;
  skill_id: string;
}

export interface ActivityApplicationsTable {
  activity_id: string;
  application_id: string;
}

export interface AgentsTable {
  id: string;
  org_id: string;
  staff_number: string;
  last_name: string;
  first_name: string;
  service_id: string;
  site_id: string | null;
  job_title: ColumnType<string, string | undefined, string>;
  hired_on: string | null;
  work_time_pct: ColumnType<number, number | undefined, number>;
  can_telework: ColumnType<boolean, boolean | undefined, boolean>;
  travel_authorisation: ColumnType<boolean, boolean | undefined, boolean>;
  never_on_site: ColumnType<boolean, boolean | undefined, boolean>;
  team: string | null;
  phone: string | null;
  email: string | null;
  archived_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgentSkillsTable {
  agent_id: string;
  skill_id: string;
}

export const STATUSES = [
  "on_site",
  "telework",
  "on_call",
  "sick",
  "isolated",
  "childcare",
  "special_leave",
  "off",
] as const;
export type Status = (typeof STATUSES)[number];

export interface DailyStatusesTable {
  org_id: string;
  agent_id: string;
  day: string;
  status: Status;
  site_id: string | null;
  set_by: string | null;
  set_at: Timestamp;
}

export interface StatusChangesTable {
  id: Generated<number>;
  org_id: string;
  agent_id: string;
  day: string;
  status: Status;
  previous_status: Status | null;
  site_id: string | null;
  set_by: string | null;
  set_at: Timestamp;
}

export const EQUIPMENT_KINDS = ["laptop", "mobile_box", "phone", "vpn", "visio_licence", "other"] as const;
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];

export interface EquipmentTable {
  id: string;
  org_id: string;
  kind: EquipmentKind;
  label: string;
  asset_tag: string | null;
  archived_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface EquipmentLoansTable {
  id: string;
  org_id: string;
  equipment_id: string;
  agent_id: string;
  lent_on: string;
  returned_on: string | null;
  created_at: Timestamp;
}

export const USER_ROLES = ["admin", "pca_manager", "crisis_cell", "service_manager", "agent"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface UsersTable {
  id: string;
  org_id: string;
  email: string;
  display_name: ColumnType<string, string | undefined, string>;
  role: UserRole;
  service_id: string | null;
  agent_id: string | null;
  password_hash: string;
  disabled_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  success: boolean;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  org_id: string | null;
  user_id: string | null;
  at: Timestamp;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json;
  after: Json;
  ip: string | null;
}

export interface DB {
  orgs: OrgsTable;
  services: ServicesTable;
  sites: SitesTable;
  skills: SkillsTable;
  applications: ApplicationsTable;
  activities: ActivitiesTable;
  activity_skills: ActivitySkillsTable;
  activity_applications: ActivityApplicationsTable;
  agents: AgentsTable;
  agent_skills: AgentSkillsTable;
  daily_statuses: DailyStatusesTable;
  status_changes: StatusChangesTable;
  equipment: EquipmentTable;
  equipment_loans: EquipmentLoansTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
}
