// The outbox worker. Each round: stale claims become "unknown"; due rows are claimed in one short
// statement (FOR UPDATE SKIP LOCKED, so two workers never take the same row); each e-mail is sent
// outside any transaction; the outcome is written only if this worker's claim token still holds.
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { newId } from "../shared/ids.js";
import { type Mailer, PermanentSendError } from "./mailer.js";
import * as repo from "./repository.js";

export interface WorkerOptions {
  batchSize: number;
  /** A claim older than this is considered abandoned (worker crashed). */
  staleSeconds: number;
  maxAttempts: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  concurrency: number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  batchSize: 20,
  staleSeconds: 300,
  maxAttempts: 8,
  baseDelaySeconds: 30,
  maxDelaySeconds: 3600,
  concurrency: 4,
};

/** Exponential back-off: base, 2×base, 4×base … capped. `attempts` counts tries already made. */
export function backoffSeconds(
  attempts: number,
  o: Pick<WorkerOptions, "baseDelaySeconds" | "maxDelaySeconds">,
) {
  return Math.min(o.maxDelaySeconds, o.baseDelaySeconds * 2 ** Math.max(0, attempts - 1));
}

export interface RoundResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  lost: number;
  stale: number;
}

export async function processOutboxOnce(
  db: Kysely<DB>,
  mailer: Mailer,
  options: Partial<WorkerOptions> = {},
  log?: FastifyBaseLogger,
): Promise<RoundResult> {
  const o = { ...DEFAULT_WORKER_OPTIONS, ...options };
  const result: RoundResult = { claimed: 0, sent: 0, retried: 0, failed: 0, lost: 0, stale: 0 };
  result.stale = await repo.releaseStale(db, o.staleSeconds);
  const token = newId();
  const rows = await repo.claimDue(db, { channel: "email", limit: o.batchSize, token });
  result.claimed = rows.length;
  const queue = [...rows];
  const workers = Array.from({ length: Math.min(o.concurrency, queue.length) }, async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      let outcome: Parameters<typeof repo.settle>[3];
      try {
        await mailer.send({
          deliveryId: row.id,
          to: row.recipient,
          subject: row.subject,
          text: row.text_body,
          html: row.html_body,
          attachments: row.attachments,
        });
        outcome = { status: "sent" };
      } catch (err) {
        const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
        if (err instanceof PermanentSendError || row.attempts >= o.maxAttempts) {
          outcome = { status: "failed", error: message };
        } else {
          const delay = backoffSeconds(row.attempts, o);
          outcome = { status: "pending", nextAttemptAt: new Date(Date.now() + delay * 1000), error: message };
        }
      }
      const held = await repo.settle(db, row.id, token, outcome);
      if (!held) {
        result.lost++;
        log?.warn({ delivery: row.id }, "outbox: claim lost before settling (will be retried)");
      } else if (outcome.status === "sent") result.sent++;
      else if (outcome.status === "failed") result.failed++;
      else result.retried++;
    }
  });
  await Promise.all(workers);
  return result;
}

export interface OutboxWorker {
  /** Runs a round now (after the current one) instead of waiting for the timer. */
  wake(): void;
  /** Finishes the batch in progress, then stops. */
  stop(): Promise<void>;
}

export function startOutboxWorker(deps: {
  db: Kysely<DB>;
  mailer: Mailer;
  log: FastifyBaseLogger;
  intervalMs?: number;
  options?: Partial<WorkerOptions>;
}): OutboxWorker {
  const intervalMs = deps.intervalMs ?? 5000;
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const round = async () => {
    timer = null;
    try {
      // Keep going while full batches come back; then sleep.
      for (;;) {
        const r = await processOutboxOnce(deps.db, deps.mailer, deps.options, deps.log);
        if (stopping || r.claimed < (deps.options?.batchSize ?? DEFAULT_WORKER_OPTIONS.batchSize)) break;
      }
    } catch (err) {
      deps.log.error({ err }, "outbox: round failed");
    }
    if (!stopping) timer = setTimeout(kick, intervalMs);
  };
  const kick = () => {
    if (stopping || running) return;
    running = round().finally(() => {
      running = null;
    });
  };
  timer = setTimeout(kick, 0);

  return {
    wake() {
      if (timer) clearTimeout(timer);
      kick();
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await running;
      deps.mailer.close();
    },
  };
}
