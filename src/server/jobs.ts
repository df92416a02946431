// Background work of this process: demo data on first start now; the outbox worker and the
// scheduler plug in here, each enabled by RELAIS_ROLES.
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "./config.js";
import type { Database } from "./db/database.js";
import { ensureDemoData } from "./demo/seed.js";

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
  return { stop: async () => undefined };
}
