// Calendar days of the people capability: 'YYYY-MM-DD' strings, "today" in the org's time zone.
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { errors } from "../http/errors.js";
import { isIsoDay } from "./import/fields.js";

export function todayIn(timezone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

export async function orgTimezone(db: Kysely<DB>, orgId: string): Promise<string> {
  const org = await db.selectFrom("orgs").select("timezone").where("id", "=", orgId).executeTakeFirst();
  return org?.timezone ?? "Europe/Paris";
}

export async function orgToday(db: Kysely<DB>, orgId: string): Promise<string> {
  return todayIn(await orgTimezone(db, orgId));
}

/** Refuses 2026-02-31 and other days that the calendar does not have, naming the field. */
export function assertDay(value: string, field: string): string {
  if (!isIsoDay(value)) {
    throw errors.validation(`Date invalide « ${value} » : ce jour n'existe pas (format AAAA-MM-JJ).`, [
      { field, message: "date AAAA-MM-JJ inexistante ou mal formée" },
    ]);
  }
  return value;
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
