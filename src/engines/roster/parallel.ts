// Runs several seeded searches in worker threads (one per core by default) and keeps the best
// roster, as judged by the independent checker.
import { MessageChannel, type MessagePort, type Worker } from "node:worker_threads";
import { startEngineWorker } from "../worker-thread.js";
import { evaluate } from "./checker.js";
import { windowBoard } from "./lns.js";
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
   * After `annealShare` of the time (default 0.35 with column generation over the whole horizon,
   * 0.4 with column windows (0.12 for large problems of four weeks or less), else 0.6; later if
   * nothing feasible yet), the worker with the worse best (every worker with column windows:
   * `workers`) stops annealing and runs the MIP large-neighbourhood search (lns.ts) from the best
   * roster of all workers. Default: on when there are two seeds or more.
   */
  lns?:
    | false
    | {
        annealShare?: number;
        wholeSeconds?: number;
        subSeconds?: number;
        columnShare?: number;
        columnWindow?: number;
        /** How many workers switch (default: all of them with column windows, else one). */
        workers?: number;
      };
}

export interface ParallelResult {
  roster: Roster;
  objective: number;
  feasible: boolean;
  hardViolations: string[];
}

/**
 * Small problems get column generation over the whole horizon first (columns.ts): on Curtois–Qu 8
 * and 9 it closes most of what the annealing leaves (1,384 → 1,307 and 476 → 439 in under ten seconds).
 */
function columnShare(problem: RosterProblem): number {
  return wholeColumns(problem) ? 0.8 : 0;
}

/**
 * Pricing and the dives grow with employees × shift types (past ~400 they do not finish in time:
 * Curtois–Qu 12, 13) and with days: four weeks, or longer with few cells (16: 56 days × 20 × 3).
 */
function wholeColumns(problem: RosterProblem): boolean {
  const { days, employees, shifts } = problem;
  const size = employees.length * shifts.length;
  return size <= 400 && (days <= 28 || days * size <= 4000);
}

/**
 * Otherwise windows of days re-solved by column generation join the neighbourhoods, shorter as
 * employees × shift types grow (pricing cost): four weeks up to 430, twelve days from 1,000
 * (Curtois–Qu 13: 120 × 18, twelve-day windows gain about 25 a second, in 5–10 s each, one-week
 * windows about 12). Past four weeks, a third of the horizon at most to start with (15: 28 of 42
 * days gained nothing in 10 s, 14 were proved in 5 and gained; lns.ts lengthens them when they
 * are fast).
 */
function columnWindow(problem: RosterProblem): number {
  if (wholeColumns(problem)) return 0;
  const { days } = problem;
  const size = problem.employees.length * problem.shifts.length;
  const longest = days > 28 ? Math.min(28, Math.round(days / 3)) : 28;
  return Math.min(days, Math.max(12, Math.min(longest, Math.round(12_000 / size))));
}

/**
 * With column windows the switch comes at 40 % of the time, or at 12 % for large problems over four
 * weeks or less (employees × shift types past 1,000, where the windows are at their shortest):
 * there the windows gain more than the annealing (Curtois–Qu 13, 60 s, single runs: median 13.2 %
 * of eight at 25 % against about 20 of thirteen at 40 %; later, with windows fitted to their time,
 * a median of 10.5 % of 23 at 12 % against 14.2 of sixteen at 25 %, 13.9 of four at 18 % and 15.4
 * of four at 6 %, whose windows start from rosters at 7,000 and more), while 15 (45 × 6, six weeks)
 * went past its target at 25 % (10.8 %).
 */
function windowAnnealShare(problem: RosterProblem): number {
  const size = problem.employees.length * problem.shifts.length;
  return size >= 1000 && problem.days <= 28 ? 0.12 : 0.4;
}

/** Small problems get a whole-problem MIP first (Curtois–Qu 1 and 2 solve to optimality in seconds). */
function wholeSeconds(problem: RosterProblem, seconds: number): number {
  const vars = problem.employees.length * problem.days * problem.shifts.length;
  return vars <= 500 ? seconds * 0.5 : 0;
}

function spawn(input: WorkerInput, transferList: MessagePort[]): Worker {
  return startEngineWorker(import.meta.url, "./worker", { workerData: input, transferList });
}

export async function solveParallel(
  problem: RosterProblem,
  options: ParallelOptions,
): Promise<ParallelResult> {
  // [0]: stop; [1 + i]: worker i switches to the LNS.
  const stop = new SharedArrayBuffer(4 * (1 + options.seeds.length));
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
  const useLns = options.lns !== false && options.seeds.length >= 2;
  const lnsOptions = options.lns || {};
  // Each worker's best objective; the worse ones switch to the LNS.
  const workerBest = options.seeds.map(() => Number.POSITIVE_INFINITY);
  const inboxes: MessagePort[] = [];
  const lnsAt: number[] = [];
  let timer: NodeJS.Timeout | undefined;
  const switchToLns = (): void => {
    // The neighbourhoods need a feasible roster: wait for one.
    if (!best?.feasible) {
      timer = setTimeout(switchToLns, 250);
      return;
    }
    const order = options.seeds.map((_, i) => i).sort((a, b) => workerBest[b] - workerBest[a]);
    for (const i of order.slice(0, lnsWorkers)) {
      lnsAt.push(i);
      inboxes[i].postMessage(best.roster);
      Atomics.store(flag, 1 + i, 1);
    }
  };
  // Column generation needs a good part of the time: the switch comes earlier when it runs, over
  // the whole horizon or in windows (Curtois–Qu, 60 s, switch at 40 % / 60 %: 15: 9.3 / 11.9 %,
  // 19: 5.4 / 9.1, 20: 7.9 / 9.9, 13: 17.4 / 22.4).
  const columns = lnsOptions.columnShare ?? columnShare(problem);
  const window = lnsOptions.columnWindow ?? columnWindow(problem);
  const annealShare =
    lnsOptions.annealShare ?? (columns > 0 ? 0.35 : window > 0 ? windowAnnealShare(problem) : 0.6);
  // With windows every worker switches: each searches its own windows and takes the others' bests
  // with the days it changed itself kept (lns.ts). Curtois–Qu, 60 s, single runs, two workers /
  // one: 13: 6.0–30 %, median 13.5 of six (the annealed start decides) / 17–29, 15: 5.6 / 6.0–9.3,
  // 19: 8.6–18 / 5.4–10.4, 20: 4.4 / 7.9. (Without that merge, a second worker mostly redid the
  // first one's work.)
  const lnsWorkers = lnsOptions.workers ?? (window > 0 ? options.seeds.length : 1);
  if (useLns) timer = setTimeout(switchToLns, options.seconds * 1000 * annealShare);
  // The workers' windows sweep different days.
  const windows = window > 0 ? windowBoard(problem.days, true) : undefined;
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
        if (useLns) {
          const channel = new MessageChannel();
          inboxes[i] = channel.port1;
          transfer.push(channel.port2);
          input.lns = {
            index: i,
            inbox: channel.port2,
            wholeSeconds: lnsOptions.wholeSeconds ?? wholeSeconds(problem, options.seconds),
            subSeconds: lnsOptions.subSeconds ?? 5,
            columnShare: columns,
            columnWindow: window,
            windows,
          };
        }
        const w = spawn(input, transfer);
        w.on("message", (m: WorkerMessage) => {
          if (m.type === "best") workerBest[i] = Math.min(workerBest[i], m.objective);
          if (m.type === "best" && (!best?.feasible || m.objective < best.objective)) {
            const before = best;
            consider(m.roster);
            // The LNS workers adopt the other workers' bests between sub-problems.
            if (best !== before && best?.feasible)
              for (const j of lnsAt) if (j !== i) inboxes[j].postMessage(best.roster);
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
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    for (const port of inboxes) port.close();
  }
  if (!best) throw new Error("roster search returned nothing");
  return best;
}
