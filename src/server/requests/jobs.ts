// Background work of the requests capability: the retention job (closed requests anonymised after
// the organisation's retention period; purge of rate-limit counters and idempotency answers), and
// the inbound SMTP listener when configured. The clock is injected so tests can move time.
import type { FastifyBaseLogger } from "fastify";
import { type Kysely, sql } from "kysely";
import { writeAudit } from "../audit/repository.js";
import type { Config } from "../config.js";
import type { DB } from "../db/schema.js";
import { type InboundListener, startInboundSmtp } from "./inbound/smtp.js";
import { DEFAULT_RETENTION_DAYS } from "./triage.js";

const BATCH = 500;
export const ANONYMISED = "[anonymisé]";

/** Anonymises closed requests past their organisation's retention period; returns how many. */
export async function runRetention(db: Kysely<DB>, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const rows = await sql<{ id: string; org_id: string }>`
        UPDATE requests r SET
          requester_name = NULL, requester_email = NULL, requester_phone = NULL, requester_address = NULL,
          requester_number = NULL, message = ${ANONYMISED}, subject = '',
          flags = (SELECT coalesce(jsonb_agg(jsonb_build_object('code', f->>'code', 'words', '[]'::jsonb)), '[]'::jsonb)
                   FROM jsonb_array_elements(r.flags) f),
          follow_token_hash = 'anonymised:' || r.id::text, anonymised_at = ${now}, updated_at = ${now}
        WHERE r.id IN (
          SELECT q.id FROM requests q
          WHERE q.status = 'closed' AND q.anonymised_at IS NULL
            AND q.closed_at < ${now}::timestamptz - make_interval(days => coalesce(
              (SELECT s.retention_days FROM request_settings s WHERE s.org_id = q.org_id), ${DEFAULT_RETENTION_DAYS}))
          LIMIT ${BATCH})
        RETURNING r.id, r.org_id`.execute(trx);
      const ids = rows.rows.map((r) => r.id);
      if (ids.length === 0) return 0;
      await trx
        .updateTable("request_messages")
        .set({ body: ANONYMISED })
        .where("request_id", "in", ids)
        .execute();
      await trx
        .updateTable("request_attachments")
        .set({ content: null, filename: "anonymisé" })
        .where("request_id", "in", ids)
        .execute();
      await trx
        .updateTable("inbound_emails")
        .set({ raw: null, mail_from: "" })
        .where("request_id", "in", ids)
        .execute();
      await trx.deleteFrom("request_idempotency").where("request_id", "in", ids).execute();
      const byOrg = new Map<string, string[]>();
      for (const r of rows.rows) byOrg.set(r.org_id, [...(byOrg.get(r.org_id) ?? []), r.id]);
      for (const [orgId, list] of byOrg) {
        await writeAudit(trx, {
          orgId,
          userId: null,
          action: "anonymise",
          entity: "request",
          entityId: null,
          after: { count: list.length, ids: list },
        });
      }
      return ids.length;
    });
    total += done;
    if (done < BATCH) break;
  }
  const dayAgo = new Date(now.getTime() - 86_400_000);
  await db.deleteFrom("public_rate_limits").where("window_start", "<", dayAgo).execute();
  await db.deleteFrom("request_idempotency").where("created_at", "<", dayAgo).execute();
  return total;
}

export interface RequestJobs {
  smtpPort: number | null;
  stop(): Promise<void>;
}

export async function startRequestJobs(deps: {
  db: Kysely<DB>;
  config: Config;
  log: FastifyBaseLogger;
  retention: boolean;
  clock?: () => Date;
  intervalMs?: number;
}): Promise<RequestJobs> {
  const clock = deps.clock ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;
  let first: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const round = () => {
    running = runRetention(deps.db, clock())
      .then((n) => {
        if (n > 0) deps.log.info({ anonymised: n }, "demandes anonymisées (durée de conservation)");
      })
      .catch((err: unknown) =>
        deps.log.error({ err }, "anonymisation des demandes : échec (nouvel essai plus tard)"),
      )
      .finally(() => {
        running = null;
      });
  };
  if (deps.retention) {
    timer = setInterval(round, deps.intervalMs ?? 3_600_000);
    timer.unref();
    first = setTimeout(round, 10_000);
    first.unref();
  }
  let smtp: InboundListener | null = null;
  if (deps.config.inboundSmtp) {
    smtp = await startInboundSmtp({ db: deps.db, ...deps.config.inboundSmtp, log: deps.log });
    deps.log.info(`Réception des e-mails (SMTP) sur le port ${smtp.port}`);
  }
  return {
    smtpPort: smtp?.port ?? null,
    async stop() {
      if (timer) clearInterval(timer);
      if (first) clearTimeout(first);
      await smtp?.close();
      await running;
    },
  };
}
