// Curtois–Qu nurse rostering: objective, best known and gap per instance, through the same worker
// search as `nrp solve`. RELAIS_BENCH_NRP_SECONDS per instance (default 60), RELAIS_BENCH_NRP_INSTANCES
// (e.g. "1-12,20") to run a subset; shared/ is ../shared from the repo root or RELAIS_SHARED_DIR.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { cpus } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { evaluate } from "../../src/engines/roster/checker.js";
import { parseNrp } from "../../src/engines/roster/nrp-format.js";
import { solveParallel } from "../../src/engines/roster/parallel.js";

type Report = (name: string, value: number, unit: string) => void;

function sharedDir(): string {
  const fromEnv = process.env.RELAIS_SHARED_DIR;
  if (fromEnv) return resolve(fromEnv);
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
  return join(repoRoot, "..", "shared");
}

function instanceList(spec: string | undefined): number[] {
  if (!spec) return Array.from({ length: 24 }, (_, i) => i + 1);
  const out: number[] = [];
  for (const part of spec.split(",")) {
    const [a, b] = part.split("-").map(Number);
    for (let i = a; i <= (b ?? a); i++) out.push(i);
  }
  return out;
}

/**
 * RELAIS_BENCH_NRP_LNS=0 turns the MIP neighbourhood worker off; RELAIS_BENCH_NRP_LNS_SHARE sets its
 * annealing share, RELAIS_BENCH_NRP_COLUMNS the share of its time given to column generation over the
 * whole horizon, RELAIS_BENCH_NRP_WINDOW the days of its column-generation windows (0: none),
 * RELAIS_BENCH_NRP_LNS_WORKERS how many workers switch to it.
 */
function lnsOption():
  | false
  | { annealShare?: number; columnShare?: number; columnWindow?: number; workers?: number }
  | undefined {
  if (process.env.RELAIS_BENCH_NRP_LNS === "0") return false;
  const share = process.env.RELAIS_BENCH_NRP_LNS_SHARE;
  const columns = process.env.RELAIS_BENCH_NRP_COLUMNS;
  const window = process.env.RELAIS_BENCH_NRP_WINDOW;
  const workers = process.env.RELAIS_BENCH_NRP_LNS_WORKERS;
  if (!share && !columns && !window && !workers) return undefined;
  return {
    ...(workers ? { workers: Number(workers) } : {}),
    ...(share ? { annealShare: Number(share) } : {}),
    ...(columns ? { columnShare: Number(columns) } : {}),
    ...(window ? { columnWindow: Number(window) } : {}),
  };
}

export async function run(report: Report): Promise<void> {
  const dir = join(sharedDir(), "bench", "nrp");
  if (!existsSync(dir)) throw new Error(`NRP instances not found in ${dir} (set RELAIS_SHARED_DIR)`);
  const seconds = Number(process.env.RELAIS_BENCH_NRP_SECONDS ?? 60);
  const best = new Map<string, number>();
  const csv = (await readFile(join(dir, "best_known.csv"), "utf8")).trim().split(/\r?\n/);
  const header = csv[0].split(",");
  const col = header.indexOf("best_known_jijbench");
  const ub = header.indexOf("ub_wssuite_nrp_yml");
  for (const line of csv.slice(1)) {
    const f = line.split(",");
    // The lower of the two published upper bounds is the best known roster.
    best.set(f[0], Math.min(Number(f[col]), ub >= 0 ? Number(f[ub]) : Number.POSITIVE_INFINITY));
  }
  const threads = Math.max(1, Math.min(cpus().length, 8));
  for (const n of instanceList(process.env.RELAIS_BENCH_NRP_INSTANCES)) {
    const name = `Instance${n}`;
    const problem = parseNrp(await readFile(join(dir, `${name}.txt`), "utf8"));
    const seeds = Array.from({ length: threads }, (_, i) => 1 + i * 7919);
    const result = await solveParallel(problem, { seconds, seeds, lns: lnsOption() });
    // Re-check with the independent checker; an infeasible roster has no objective worth reporting.
    const ev = evaluate(problem, result.roster);
    const objective = ev.hard.length === 0 ? ev.objective : Number.NaN;
    const bk = best.get(name) ?? Number.NaN;
    report(`nrp.${name}.objective`, objective, "points");
    report(`nrp.${name}.best_known`, bk, "points");
    report(`nrp.${name}.gap_pct`, ((objective - bk) / bk) * 100, "%");
  }
}
