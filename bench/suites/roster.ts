// Relais rotation solver on a generated organisation: 2,000 agents, 60 needs a day, 28 days.
// First complete roster (target under 10 s), score after 30 s, and the lower bound it is held to.

import { analyse } from "../../src/engines/roster/relais/analyse.js";
import { evaluate } from "../../src/engines/roster/relais/checker.js";
import { generateRelais } from "../../src/engines/roster/relais/generate.js";
import { solveInWorker } from "../../src/engines/roster/relais/run.js";
import type { Report } from "../run.js";

export async function run(report: Report): Promise<void> {
  const problem = generateRelais({
    agents: 2000,
    days: 28,
    posts: 60,
    sites: 6,
    skills: 12,
    teamSize: 8,
    perNeed: 8,
    seed: 1,
  });
  const bound = analyse(problem).lowerBound;
  const seconds = Number(process.env.ROSTER_BENCH_SECONDS ?? 30);
  const started = performance.now();
  const result = await solveInWorker(problem, { timeLimitMs: seconds * 1000, seed: 1 }).result;
  const wall = (performance.now() - started) / 1000;
  const check = evaluate(problem, result.roster);
  if (check.hard.length > 0) throw new Error(`hard rule broken: ${check.hard[0].message}`);
  report("roster.relais_2000x28.first_roster_s", result.firstRosterMs / 1000, "s");
  report("roster.relais_2000x28.first_score", result.firstScore, "points");
  report(`roster.relais_2000x28.score_after_${seconds}s`, check.score, "points");
  report("roster.relais_2000x28.lower_bound", bound, "points");
  report("roster.relais_2000x28.gap_pct", ((check.score - bound) / check.score) * 100, "%");
  report("roster.relais_2000x28.under_cover", check.counts.under, "people");
  report("roster.relais_2000x28.moves_per_s", result.moves / (result.elapsedMs / 1000), "moves/s");
  report("roster.relais_2000x28.wall_s", wall, "s");
}
