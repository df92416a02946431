// Demo organisation modelled on the OPH seed. Filled in by the demo data module.
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

export interface DemoResult {
  orgName: string;
  password: string;
  accounts: { role: string; email: string }[];
}

export async function ensureDemoData(
  _db: Kysely<DB>,
  _opts: { password: string | null },
): Promise<DemoResult | null> {
  return null;
}
