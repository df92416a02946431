// Runs several seeded searches in worker threads (one per core by default) and keeps the best
// roster, as judged by the independent checker.
import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
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
  /**
   * The last worker anneals for `annealShare` of the time, then runs the MIP large-neighbourhood
   * search from the best roster of all workers. Default: on when there are two seeds or more.
   */
  lns?: false | { annealShare?: number; wholeSeconds?: number; subSeconds?: number };
}

export interface ParallelResult {
  roster: Roster;
  objective: number;
  feasible: boolean;
  hardViolations: string[];
}

/** Small problems get a whole-problem MIP first (Curtois–Qu 1 and 2 solve to optimality in seconds). */
function wholeSeconds(problem: RosterProblem, seconds: number): number {
  const vars = problem.employees.length * problem.days * problem.shifts.length;
  return vars <= 500 ? seconds * 0.5 : 0;
}

function spawn(input: WorkerInput, transferList: MessagePort[]): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./worker.js", import.meta.url), { workerData: input, transferList });
  // Under tsx on Node 20, `execArgv: ["--import", "tsx"]` does not reach worker threads; registering
  // tsx's loader from an eval'd bootstrap does.
  const api = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const entry = JSON.stringify(new URL("./worker.ts", import.meta.url).href);
  return new Worker(`import(${api}).then((m) => { m.register(); return import(${entry}); });`, {
    eval: true,
    workerData: input,
    transferList,
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
  const lnsAt = options.lns === false || options.seeds.length < 2 ? -1 : options.seeds.length - 1;
  const lnsOptions = options.lns || {};
  // The LNS worker reads the other workers' bests from this port between sub-solves.
  let inbox: MessagePort | undefined;
  const runs = options.seeds.map(
    (seed, i) =>
      new Promise<void>((resolve, reject) => {
        const input: WorkerInput = {
          problem,
          options: { ...options.tuning, seed },
          stop,
          deadline,
          minMs: Math.min(1000, options.seconds * 250),
        };
        const transfer: MessagePort[] = [];
        if (i === lnsAt) {
          const channel = new MessageChannel();
          inbox = channel.port1;
          transfer.push(channel.port2);
          input.lns = {
            annealShare: lnsOptions.annealShare ?? 0.3,
            inbox: channel.port2,
            wholeSeconds: lnsOptions.wholeSeconds ?? wholeSeconds(problem, options.seconds),
            subSeconds: lnsOptions.subSeconds ?? 5,
          };
        }
        const w = spawn(input, transfer);
        w.on("message", (m: WorkerMessage) => {
          if (m.type === "best" && (!best?.feasible || m.objective < best.objective)) {
            const before = best;
            consider(m.roster);
            if (i !== lnsAt && best !== before && best?.feasible) inbox?.postMessage(best.roster);
          }
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
    inbox?.close();
  }
  if (!best) throw new Error("roster search returned nothing");
  return best;
}
