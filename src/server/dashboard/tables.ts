// Table types of the dashboard's own tables (migrations 0004 and 0011), merged into DB.
import type { Status } from "../db/schema.js";

/** Active agents per organisation, day, service and status; maintained by triggers on daily_statuses. */
export interface StatusCountsTable {
  org_id: string;
  day: string;
  service_id: string;
  status: Status;
  n: number;
}

/** Each agent's skills as a sorted array (migration 0011); maintained by triggers on agent_skills. */
export interface AgentSkillSetsTable {
  agent_id: string;
  skills: string[];
}

declare module "../db/schema.js" {
  interface DB {
    status_counts: StatusCountsTable;
    agent_skill_sets: AgentSkillSetsTable;
  }
}
