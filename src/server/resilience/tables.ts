import type { ColumnType } from "kysely";

export interface ResilienceAnalysesTable {
  id: string;
  org_id: string;
  name: string;
  params: ColumnType<unknown, string, string>;
  report: ColumnType<unknown, string, string>;
  ranking: ColumnType<unknown, string | null, string | null>;
  seconds: number;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
}

declare module "../db/schema.js" {
  interface DB {
    resilience_analyses: ResilienceAnalysesTable;
  }
}
