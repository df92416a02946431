// Worker-thread entry: runs one seeded search and posts each new best, then the result. The main
// thread stops it early through a shared flag (the search loop is synchronous, so no messages).
import { parentPort, workerData } from "node:worker_threads";
import type { RosterProblem } from "./model.js";
import { type SolveOptions, type SolveResult, solve } from "./solver.js";

export interface WorkerInput {
  problem: RosterProblem;
  options: Omit<SolveOptions, "clock" | "onImprove" | "shouldStop">;
  /** Int32Array over a SharedArrayBuffer; non-zero at [0] means stop. */
  stop: SharedArrayBuffer;
  /** Wall-clock deadline (epoch ms): worker start-up time counts against the budget. */
  deadline: number;
  minMs: number;
}

export type WorkerMessage =
  | { type: "best"; objective: number; roster: number[][] }
  | { type: "done"; result: SolveResult };

const input = workerData as WorkerInput;
const flag = new Int32Array(input.stop);
const post = (m: WorkerMessage): void => parentPort?.postMessage(m);
const now = (): number => performance.timeOrigin + performance.now();
const result = solve(input.problem, {
  ...input.options,
  // A worker that starts late (loaded machine) still gets a minimal search rather than none.
  timeLimitMs: Math.max(input.minMs, input.deadline - now()),
  clock: now,
  shouldStop: () => Atomics.load(flag, 0) !== 0,
  onImprove: (b) => post({ type: "best", objective: b.objective, roster: b.roster }),
});
post({ type: "done", result });
