// The crisis cell's background work: the daily report scheduler. Safe to run in several processes:
// each day's report is claimed by one conditional UPDATE (see reports/service.ts runDueSchedules).
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { runDueSchedules } from "./reports/service.js";

export interface Scheduler {
  stop(): Promise<void>;
}

export function startReportScheduler(deps: {
  db: Kysely<DB>;
  log: FastifyBaseLogger;
  intervalMs?: number;
  /** Called after a round produced reports (e.g. to wake the outbox worker). */
  onProduced?: (ids: string[]) => void;
}): Scheduler {
  const intervalMs = deps.intervalMs ?? 30_000;
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const tick = () => {
    timer = null;
    running = runDueSchedules(deps.db)
      .then((ids) => {
        if (ids.length > 0) {
          deps.log.info({ reports: ids }, "bilans quotidiens générés");
          deps.onProduced?.(ids);
        }
      })
      .catch((err: unknown) => deps.log.error({ err }, "scheduler: round failed"))
      .finally(() => {
        running = null;
        if (!stopping) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 1000);
  return {
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
