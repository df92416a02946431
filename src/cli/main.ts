// Relais command line: `npm run relais -- <command> [args]`. Each command lives in
// src/cli/commands/<command>.ts and exports `run(args: string[]): Promise<number>` (exit code).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [command, ...args] = process.argv.slice(2);
const dir = join(dirname(fileURLToPath(import.meta.url)), "commands");

if (!command || command === "help" || command === "--help") {
  process.stdout.write(
    "Usage: npm run relais -- <command>\n" +
      "  migrate                          apply database migrations\n" +
      "  org create --name N --type T --timezone TZ --admin-email E [--admin-password P]\n" +
      "  user create --org SLUG --email E --role R [--service ID] [--password P]\n" +
      "  backup --out FILE.jsonl.gz        consistent backup of the whole installation\n" +
      "  restore FILE.jsonl.gz            restore into an empty database\n" +
      "  nrp solve FILE --seconds N --out ROSTER.csv\n",
  );
  process.exit(command ? 0 : 1);
}

const file = join(dir, `${command}.ts`);
if (!/^[a-z-]+$/.test(command) || !existsSync(file)) {
  process.stderr.write(`Commande inconnue : ${command}. Voir « npm run relais -- help ».\n`);
  process.exit(2);
}
const mod = (await import(pathToFileURL(file).href)) as { run(args: string[]): Promise<number> };
process.exitCode = await mod.run(args);
