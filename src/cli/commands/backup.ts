import { backup } from "../../server/db/backup.js";
import { parseArgs } from "../args.js";
import { fail, withDatabase } from "../db.js";

export async function run(args: string[]): Promise<number> {
  const { flags } = parseArgs(args);
  if (!flags.out) return fail("Usage : npm run relais -- backup --out FICHIER.jsonl.gz");
  return withDatabase(async (database) => {
    const r = await backup(database, flags.out);
    process.stdout.write(`${JSON.stringify({ file: flags.out, ...r })}\n`);
    return 0;
  });
}
