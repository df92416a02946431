import { loadConfig } from "../server/config.js";
import { type Database, openDatabase } from "../server/db/database.js";
import { migrate } from "../server/db/migrate.js";

/** Opens the configured database (as the server would) with migrations applied. */
export async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
  });
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

export function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}
