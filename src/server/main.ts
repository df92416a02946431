// Starts Relais: configuration, database and migrations, demo data on an empty database, HTTP
// server, and graceful shutdown on SIGTERM/SIGINT.
import { ConfigError, loadConfig } from "./config.js";
import { openDatabase } from "./db/database.js";
import { migrate } from "./db/migrate.js";

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nVoir docs/configuration.md.\n`);
      process.exit(78);
    }
    throw err;
  }
  // The database opens (PGlite: about 1 s, partly off the main thread) while the HTTP and job
  // modules load: both are start-up time users wait for.
  const opening = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const [{ buildApp }, { startBackground }] = await Promise.all([
    import("./http/app.js"),
    import("./jobs.js"),
    opening.catch(() => undefined), // its error is thrown below, once
  ]);
  const database = await opening;
  await migrate(database);
  const app = await buildApp({ database, config });
  const background = await startBackground({ database, config, log: app.log });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "arrêt en cours");
    await app.close(); // in-flight requests finish first
    await background.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  if (config.roles.includes("web")) {
    await app.listen({ port: config.port, host: config.host });
    app.log.info(`Relais prêt sur http://localhost:${config.port} (base : ${database.kind})`);
  }
}

await main();
