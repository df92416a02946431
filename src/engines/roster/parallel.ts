// Runs several seeded searches in worker threads (one per core by default) and keeps the best
// roster, as judged by the independent checker.
import { Worker } from "node:worker_threads";
import { evaluate } from "./checker.js";
import type { Roster, RosterProblem } from "./model.js";
import type { SolveOptions } from "./solver.js";
import type { WorkerInput, WorkerMessage } from "./worker.js";

export interface ParallelOptions {
  seconds: number;
  seeds: number[];
  /** Extra search tuning passed to every worker. */
  tuning?: Partial<Omit<SolveOptions, "seed" | "clock" | "onImprove" | "shouldStop">>;
  /** Called with each new overall best (checker-verified feasible). */
  onImprove?: (objective: number, roster: Roster) => void;
  /** Aborting stops all workers; the best so far is returned. */
  signal?: AbortSignal;
}

export interface ParallelResult {
  roster: Roster;
  objective: number;
  feasible: boolean;
  hardViolations: string[];
}

function spawn(input: WorkerInput): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./worker.js", import.meta.url), { workerData: input });
  // Under tsx on Node 20, `execArgv: ["--import", "tsx"]` does not reach worker threads; registering
  // tsx's loader from an eval'd bootstrap does.
  const api = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const entry = JSON.stringify(new URL("./worker.ts", import.meta.url).href);
  return new Worker(`import(${api}).then((m) => { m.register(); return import(${entry}); });`, {
    eval: true,
    workerData: input,
  });
}

export async function solveParallel(
  problem: RosterProblem,
  options: ParallelOptions,
): Promise<ParallelResult> {
  const stop = new SharedArrayBuffer(4);
  const flag = new Int32Array(stop);
  const onAbort = (): void => {
    Atomics.store(flag, 0, 1);
  };
  options.signal?.addEventListener("abort", onAbort);
  let best: ParallelResult | undefined;
  const consider = (roster: Roster): void => {
    const ev = evaluate(problem, roster);
    const cand: ParallelResult = {
      roster,
      objective: ev.objective,
      feasible: ev.hard.length === 0,
      hardViolations: ev.hard.map((v) => v.message),
    };
    const better =
      !best ||
      (cand.feasible && !best.feasible) ||
      (cand.feasible === best.feasible &&
        (cand.feasible
          ? cand.objective < best.objective
          : cand.hardViolations.length < best.hardViolations.length));
    if (!better) return;
    best = cand;
    if (cand.feasible) options.onImprove?.(cand.objective, roster);
  };
  const deadline = performance.timeOrigin + performance.now() + options.seconds * 1000;
  const runs = options.seeds.map(
    (seed) =>
      new Promise<void>((resolve, reject) => {
        const w = spawn({
          problem,
          options: { ...options.tuning, seed },
          stop,
          deadline,
          minMs: Math.min(1000, options.seconds * 250),
        });
        w.on("message", (m: WorkerMessage) => {
          if (m.type === "best" && (!best?.feasible || m.objective < best.objective)) consider(m.roster);
          if (m.type === "done") consider(m.result.roster);
        });
        w.on("error", reject);
        w.on("exit", (code) =>
          code === 0 ? resolve() : reject(new Error(`roster worker exited with ${code}`)),
        );
      }),
  );
  try {
    await Promise.all(runs);
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
  if (!best) throw new Error("roster search returned nothing");
  return best;
}
