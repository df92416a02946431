// Table types of the dashboard's own tables (migration 0004), merged into DB.
import type { Status } from "../db/schema.js";

/** Active agents per organisation, day, service and status; maintained by triggers on daily_statuses. */
export interface StatusCountsTable {
  org_id: string;
  day: string;
  service_id: string;
  status: Status;
  n: number;
}

declare module "../db/schema.js" {
  interface DB {
    status_counts: StatusCountsTable;
  }
}
