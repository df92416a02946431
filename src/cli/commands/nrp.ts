// `nrp solve FILE --seconds N --out ROSTER.csv [--seed S] [--threads T]`: solves a Curtois–Qu
// instance and writes the roster; the last stdout line is {"objective":…,"seconds":…}.

import { readFile, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { formatRosterCsv, parseNrp } from "../../engines/roster/nrp-format.js";
import { solveParallel } from "../../engines/roster/parallel.js";

const USAGE =
  "Usage: npm run relais -- nrp solve FILE --seconds N --out ROSTER.csv [--seed S] [--threads T]\n";

interface Args {
  file: string;
  seconds: number;
  out: string;
  seed: number;
  threads: number;
}

function parseArgs(args: string[]): Args | string {
  const [verb, ...rest] = args;
  if (verb !== "solve") return `unknown or missing verb "${verb ?? ""}"`;
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a.startsWith("--")) {
      const [name, inline] = a.slice(2).split("=", 2);
      const value = inline ?? rest[++i];
      if (value === undefined) return `--${name} needs a value`;
      if (!["seconds", "out", "seed", "threads"].includes(name)) return `unknown option --${name}`;
      flags.set(name, value);
    } else positional.push(a);
  }
  if (positional.length !== 1) return "expected exactly one instance FILE";
  const seconds = Number(flags.get("seconds"));
  if (!flags.has("seconds") || !Number.isFinite(seconds) || seconds <= 0)
    return "--seconds must be a positive number";
  const out = flags.get("out");
  if (!out) return "--out ROSTER.csv is required";
  const seed = Number(flags.get("seed") ?? 1);
  if (!Number.isInteger(seed)) return "--seed must be an integer";
  const threads = Number(flags.get("threads") ?? Math.max(1, Math.min(cpus().length, 8)));
  if (!Number.isInteger(threads) || threads < 1) return "--threads must be a positive integer";
  return { file: positional[0], seconds, out, seed, threads };
}

export async function run(args: string[]): Promise<number> {
  const start = performance.now();
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    process.stderr.write(`nrp: ${parsed}\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(parsed.file, "utf8");
  } catch (err) {
    process.stderr.write(`nrp: cannot read ${parsed.file}: ${(err as Error).message}\n`);
    return 2;
  }
  let problem: ReturnType<typeof parseNrp>;
  try {
    problem = parseNrp(text);
  } catch (err) {
    process.stderr.write(`nrp: ${(err as Error).message}\n`);
    return 2;
  }
  // Leave room for worker start-up and writing the file inside the time asked for.
  const budget = Math.max(0.2, parsed.seconds - (performance.now() - start) / 1000 - 0.3);
  const seeds = Array.from({ length: parsed.threads }, (_, i) => parsed.seed + i * 7919);
  const result = await solveParallel(problem, { seconds: budget, seeds });
  await writeFile(parsed.out, formatRosterCsv(problem, result.roster));
  if (!result.feasible) {
    process.stderr.write(`nrp: no feasible roster found; ${result.hardViolations.length} hard violations:\n`);
    for (const v of result.hardViolations.slice(0, 20)) process.stderr.write(`  ${v}\n`);
  }
  const seconds = Math.round((performance.now() - start) / 10) / 100;
  process.stdout.write(`${JSON.stringify({ objective: result.objective, seconds })}\n`);
  return result.feasible ? 0 : 1;
}
