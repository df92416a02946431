// Handoff reminders: the person about to go on call gets an e-mail a day before their turn. The
// outbox key (line, turn start, person) makes every round idempotent, in one process or several.
import type { Kysely } from "kysely";
import { toLocal } from "../../engines/calendar/zoned.js";
import { schedule } from "../../engines/oncall/rota.js";
import type { DB } from "../db/schema.js";
import { enqueueEmail } from "../notify/service.js";
import { engineLineFor } from "./service.js";

export async function enqueueHandoffReminders(db: Kysely<DB>, now: Date, leadHours = 24): Promise<number> {
  const lines = await db
    .selectFrom("oncall_lines as l")
    .innerJoin("orgs as o", "o.id", "l.org_id")
    .select([
      "l.id",
      "l.org_id",
      "l.name",
      "l.phone_number",
      "l.service_id",
      "l.feed_token_hash",
      "l.ring_seconds",
      "l.archived_at",
      "l.created_at",
      "o.timezone",
    ])
    .where("l.archived_at", "is", null)
    .execute();
  let queued = 0;
  const horizon = new Date(now.getTime() + leadHours * 3_600_000);
  for (const line of lines) {
    const segments = schedule(await engineLineFor(db, line, line.timezone), now, horizon);
    for (const s of segments) {
      // Only turns that start inside the window (not the one already under way).
      if (s.start.getTime() <= now.getTime()) continue;
      const agent = await db
        .selectFrom("agents")
        .select(["email", "first_name"])
        .where("id", "=", s.personId)
        .executeTakeFirst();
      const email = agent?.email;
      if (!agent || !email) continue;
      const start = toLocal(s.start, line.timezone);
      const end = toLocal(s.end, line.timezone);
      await db.transaction().execute(async (trx) => {
        const { added } = await enqueueEmail(trx, {
          orgId: line.org_id,
          key: `oncall_handoff:${line.id}:${s.start.toISOString()}:${s.personId}`,
          kind: "oncall_handoff",
          subject: `Astreinte ${line.name} : votre tour commence le ${frenchDate(start.date)} à ${start.time}`,
          text:
            `Bonjour ${agent.first_name},\n\nVous êtes d'astreinte sur la ligne « ${line.name} »` +
            `${line.phone_number ? ` (${line.phone_number})` : ""} du ${frenchDate(start.date)} à ${start.time} ` +
            `au ${frenchDate(end.date)} à ${end.time} (heure locale).\n\nRelais`,
          recipients: [email],
        });
        queued += added;
      });
    }
  }
  return queued;
}

function frenchDate(date: string): string {
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}
