// "Today" is the organisation's calendar day in its own time zone.
import type { Kysely } from "kysely";
import { toLocal } from "../../engines/calendar/zoned.js";
import type { DB } from "../db/schema.js";
import { findOrg } from "./repository.js";

export async function orgClock(db: Kysely<DB>, orgId: string, now: Date = new Date()) {
  const org = await findOrg(db, orgId);
  return { orgName: org.name, timezone: org.timezone, now, today: toLocal(now, org.timezone).date };
}

export function dayIn(at: Date, timezone: string): string {
  return toLocal(at, timezone).date;
}
