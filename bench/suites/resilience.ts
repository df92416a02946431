// Resilience Monte Carlo (issue 4, items 5–6): 20,000 agents, 2,000 activities, each agent
// qualified for 1–4. Every figure is the median of a few runs, printed next to a plain
// single-threaded loop over typed arrays measured in the same run.
import { generateOrganisation } from "../../src/engines/resilience/generate.js";
import { compileModel, type SimulationModel, simulationPart } from "../../src/engines/resilience/model.js";
import { ResiliencePool } from "../../src/engines/resilience/pool.js";
import { Xoshiro128 } from "../../src/engines/resilience/rng.js";
import type { Report } from "../run.js";
import { median } from "../stats.js";

const RUNS = 5;

/**
 * The reference: each day, one uniform draw per agent against its absence rate, then for every
 * activity a count of its present qualified agents over the CSR lists, compared with its minimum.
 * No assignment (an agent may count for several activities), no correlation, no persistence.
 */
function baselineLoop(m: SimulationModel, days: number, seed: number): number {
  const rng = new Xoshiro128(seed);
  const nAg = m.nAgents;
  const nAct = m.nActivities;
  const absent = new Uint8Array(nAg);
  const uncovered = new Int32Array(nAct);
  const { actStart, actAgent, need, rate } = m;
  for (let d = 0; d < days; d++) {
    const p = rate[d % m.waveDays];
    for (let j = 0; j < nAg; j++) absent[j] = rng.next() < p ? 1 : 0;
    for (let a = 0; a < nAct; a++) {
      let present = 0;
      for (let e = actStart[a]; e < actStart[a + 1]; e++) present += 1 - absent[actAgent[e]];
      if (present < need[2 * a] + need[2 * a + 1]) uncovered[a]++;
    }
  }
  let total = 0;
  for (let a = 0; a < nAct; a++) total += uncovered[a];
  return total;
}

async function timed(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

/** Wall seconds and CPU seconds of the whole process (every thread) for one call. */
async function timedCpu(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const wall = await timed(fn);
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6 };
}

export async function run(report: Report): Promise<void> {
  const input = generateOrganisation({ agents: 20_000, activities: 2_000, seed: 42 });
  const compile: number[] = [];
  let compiled = compileModel(input);
  for (let i = 0; i < 3; i++) compile.push(await timed(() => (compiled = compileModel(input))));
  const model = simulationPart(compiled);
  report("resilience.compile.seconds", median(compile), "s");

  const baseline: number[] = [];
  const baselineCpu: number[] = [];
  baselineLoop(model, 200, 1);
  for (let i = 0; i < RUNS; i++) {
    const days = 1_000;
    const t = await timedCpu(() => Promise.resolve(baselineLoop(model, days, i + 1)));
    baseline.push(days / t.wall);
    baselineCpu.push(days / t.cpu);
  }
  const base = median(baseline);
  report("resilience.baseline_loop.days_per_s", base, "days/s");
  const baseCpu = median(baselineCpu);
  report("resilience.baseline_loop.days_per_cpu_s", baseCpu, "days/s");

  const start = performance.now();
  const pool = await ResiliencePool.start();
  report("resilience.pool_start.seconds", (performance.now() - start) / 1000, "s");
  report("resilience.pool.workers", pool.size, "threads");
  try {
    await pool.run(model, { mode: "days", iterations: 2_000, seed: 99 });
    await pool.run(model, { mode: "waves", iterations: 40, seed: 99 });
    const days: number[] = [];
    const daysCpu: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = await timedCpu(() => pool.run(model, { mode: "days", iterations: 10_000, seed: i + 1 }));
      days.push(t.wall);
      daysCpu.push(t.cpu);
    }
    const d = median(days);
    report("resilience.days_10000.seconds", d, "s");
    // CPU seconds summed over both workers: the figure to read when the machine is shared
    report("resilience.days_10000.cpu_seconds", median(daysCpu), "s");
    report("resilience.days_10000.days_per_s", 10_000 / d, "days/s");
    report("resilience.days_10000.speedup_vs_baseline", 10_000 / d / base, "x");
    // work per CPU-second against the baseline's: the speed-up per core, insensitive to load
    report("resilience.days_10000.cpu_speedup_vs_baseline", 10_000 / median(daysCpu) / baseCpu, "x");

    const waves: number[] = [];
    const wavesCpu: number[] = [];
    for (let i = 0; i < Math.max(3, RUNS - 2); i++) {
      const t = await timedCpu(() => pool.run(model, { mode: "waves", iterations: 1_000, seed: i + 1 }));
      waves.push(t.wall);
      wavesCpu.push(t.cpu);
    }
    const w = median(waves);
    const waveDays = 1_000 * model.waveDays;
    report("resilience.waves_1000.seconds", w, "s");
    report("resilience.waves_1000.cpu_seconds", median(wavesCpu), "s");
    report("resilience.waves_1000.days_per_s", waveDays / w, "days/s");
    report("resilience.waves_1000.speedup_vs_baseline", waveDays / w / base, "x");
    report("resilience.waves_1000.cpu_speedup_vs_baseline", waveDays / median(wavesCpu) / baseCpu, "x");
  } finally {
    await pool.close();
  }
}
