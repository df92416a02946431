import { loadConfig } from "../../server/config.js";
import { RestoreError, restore } from "../../server/db/backup.js";
import { openDatabase } from "../../server/db/database.js";
import { parseArgs } from "../args.js";
import { fail } from "../db.js";

export async function run(args: string[]): Promise<number> {
  const { positional } = parseArgs(args);
  if (!positional[0]) return fail("Usage : npm run relais -- restore FICHIER.jsonl.gz (dans une base vide)");
  const config = loadConfig();
  // No migrate() first: restore brings the empty database to the backup's schema itself.
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
  });
  try {
    const r = await restore(database, positional[0]);
    process.stdout.write(`${JSON.stringify({ restored: r.rows })}\n`);
    return 0;
  } catch (err) {
    if (err instanceof RestoreError) return fail(err.message);
    throw err;
  } finally {
    await database.close();
  }
}
