// Runs every benchmark suite in bench/suites (or those named on the command line) and prints one
// figure a line as `name: value unit`. Suites print through `report`, never console.log directly.
import { readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export type Report = (name: string, value: number, unit: string) => void;
export interface Suite {
  run(report: Report): Promise<void>;
}

const report: Report = (name, value, unit) => {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1);
  process.stdout.write(`${name}: ${shown} ${unit}\n`);
};

const dir = join(dirname(fileURLToPath(import.meta.url)), "suites");
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .sort()
  .filter((f) => wanted.length === 0 || wanted.includes(basename(f, ".ts")));

for (const file of files) {
  const suite = (await import(pathToFileURL(join(dir, file)).href)) as Suite;
  try {
    await suite.run(report);
  } catch (err) {
    process.stderr.write(`suite ${file} failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
