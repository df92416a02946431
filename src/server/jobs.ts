// Background work of this process: demo data on first start now; the outbox worker and the
// scheduler plug in here, each enabled by RELAIS_ROLES.
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "./config.js";
import { startReportScheduler } from "./crisis/jobs.js";
import type { Database } from "./db/database.js";
import { ensureDemoData } from "./demo/seed.js";
import { startOutboxWorker } from "./notify/jobs.js";
import { smtpMailer } from "./notify/mailer.js";
import { enqueueHandoffReminders } from "./oncall/jobs.js";
import { startRequestJobs } from "./requests/jobs.js";
import { startInterval } from "./shared/interval.js";

export interface Background {
  stop(): Promise<void>;
}

export async function startBackground(deps: {
  database: Database;
  config: Config;
  log: FastifyBaseLogger;
}): Promise<Background> {
  if (deps.config.demo) {
    const demo = await ensureDemoData(deps.database.db, { password: deps.config.demoPassword });
    if (demo) {
      const lines = demo.accounts.map((a) => `  ${a.role.padEnd(16)} ${a.email}`).join("\n");
      process.stdout.write(
        `\nDonnées de démonstration chargées (${demo.orgName}).\nComptes (mot de passe : ${demo.password}) :\n${lines}\n\n`,
      );
    }
  }
  const { config, log } = deps;
  const db = deps.database.db;
  // Outbox worker: without SMTP settings e-mails wait in the outbox (visible in GET /api/outbox).
  const worker =
    config.roles.includes("worker") && config.smtp
      ? startOutboxWorker({ db, mailer: smtpMailer(config.smtp), log })
      : null;
  if (config.roles.includes("worker") && !config.smtp) {
    log.warn("SMTP non configuré (SMTP_HOST) : les e-mails restent dans la file d'envoi.");
  }
  const scheduler = config.roles.includes("scheduler")
    ? startReportScheduler({ db, log, onProduced: () => worker?.wake() })
    : null;
  // On-call handoff reminders: idempotent per turn, so every scheduler process may run them.
  const reminders = config.roles.includes("scheduler")
    ? startInterval(
        "oncall_handoff_reminders",
        async () => {
          if ((await enqueueHandoffReminders(db, new Date())) > 0) worker?.wake();
        },
        5 * 60_000,
        log,
      )
    : null;
  // Requests: the inbound SMTP listener (an entry point, with the web role) and the retention job.
  const requests = await startRequestJobs({
    db,
    config: config.roles.includes("web") ? config : { ...config, inboundSmtp: null },
    log,
    retention: config.roles.includes("scheduler"),
  });
  return {
    async stop() {
      // Schedulers first (they enqueue), then the worker finishes its batch: nothing left "sending".
      await requests.stop();
      await reminders?.stop();
      await scheduler?.stop();
      await worker?.stop();
    },
  };
}
