// Worker-thread entry: runs one seeded search and posts each new best, then the result. The main
// thread stops it early through a shared flag (the search loop is synchronous, so no messages).
// An "lns" worker anneals for a share of the time, then runs the MIP large-neighbourhood search
// (lns.ts) from the best roster, its own or one the main thread forwards from the other workers
// (read synchronously between sub-solves).
import { type MessagePort, parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import loadHighs from "highs";
import { evaluate } from "./checker.js";
import { lns } from "./lns.js";
import type { Roster, RosterProblem } from "./model.js";
import { type SolveOptions, type SolveResult, solve } from "./solver.js";

export interface WorkerInput {
  problem: RosterProblem;
  options: Omit<SolveOptions, "clock" | "onImprove" | "shouldStop">;
  /** Int32Array over a SharedArrayBuffer; non-zero at [0] means stop. */
  stop: SharedArrayBuffer;
  /** Wall-clock deadline (epoch ms): worker start-up time counts against the budget. */
  deadline: number;
  minMs: number;
  /** Present for the LNS worker: share of its time spent annealing first, and the port bests arrive on. */
  lns?: { annealShare: number; inbox: MessagePort; wholeSeconds: number; subSeconds: number };
}

export type WorkerMessage =
  | { type: "best"; objective: number; roster: number[][] }
  | { type: "done"; result: SolveResult };

const input = workerData as WorkerInput;
const flag = new Int32Array(input.stop);
const post = (m: WorkerMessage): void => parentPort?.postMessage(m);
const now = (): number => performance.timeOrigin + performance.now();
const shouldStop = (): boolean => Atomics.load(flag, 0) !== 0;
const onImprove = (b: { objective: number; roster: Roster }): void =>
  post({ type: "best", objective: b.objective, roster: b.roster });

async function runLns(l: NonNullable<WorkerInput["lns"]>): Promise<SolveResult> {
  const { problem } = input;
  const highs = await loadHighs();
  const t0 = now();
  const total = Math.max(input.minMs, input.deadline - t0);
  // Anneal for the share, or longer until a feasible roster exists (the neighbourhoods fix the
  // rest of the roster, so they need one).
  let feasible = false;
  const first = solve(problem, {
    ...input.options,
    timeLimitMs: total,
    clock: now,
    shouldStop: () => shouldStop() || (feasible && now() - t0 >= total * l.annealShare),
    onImprove: (b) => {
      feasible = true;
      onImprove(b);
    },
  });
  const incoming = (): Roster | undefined => {
    let latest: Roster | undefined;
    for (let m = receiveMessageOnPort(l.inbox); m; m = receiveMessageOnPort(l.inbox))
      latest = m.message as Roster;
    return latest;
  };
  const r = lns(highs, problem, first.roster, {
    seed: input.options.seed,
    clock: now,
    deadline: t0 + total,
    shouldStop,
    incoming,
    onImprove: (objective, roster) => post({ type: "best", objective, roster }),
    wholeSeconds: l.wholeSeconds,
    subSeconds: l.subSeconds,
  });
  if (!r.feasible) return first;
  const ev = evaluate(problem, r.roster);
  return { roster: r.roster, feasible: true, objective: ev.objective, hard: 0, iterations: first.iterations };
}

const result = input.lns
  ? await runLns(input.lns)
  : solve(input.problem, {
      ...input.options,
      // A worker that starts late (loaded machine) still gets a minimal search rather than none.
      timeLimitMs: Math.max(input.minMs, input.deadline - now()),
      clock: now,
      shouldStop,
      onImprove,
    });
post({ type: "done", result });
