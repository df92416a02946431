// Worker-thread entry: one seeded Relais search. Progress is posted as it improves; the main thread
// stops it through a shared flag (the search loop is synchronous) and still gets the best so far.
import { parentPort, workerData } from "node:worker_threads";
import type { RelaisProblem } from "./model.js";
import { type RelaisSolveResult, solveRelais } from "./solver.js";

export interface RelaisWorkerInput {
  problem: RelaisProblem;
  timeLimitMs: number;
  seed: number;
  initial: number[][] | null;
  /** Int32Array over a SharedArrayBuffer; non-zero at [0] means stop. */
  stop: SharedArrayBuffer;
}

export type RelaisWorkerMessage =
  | { type: "progress"; score: number; elapsedMs: number }
  | { type: "done"; result: RelaisSolveResult }
  | { type: "error"; message: string };

const input = workerData as RelaisWorkerInput;
const flag = new Int32Array(input.stop);
const post = (m: RelaisWorkerMessage): void => parentPort?.postMessage(m);
try {
  const result = solveRelais(input.problem, {
    timeLimitMs: input.timeLimitMs,
    seed: input.seed,
    initial: input.initial,
    shouldStop: () => Atomics.load(flag, 0) !== 0,
    onImprove: (score, elapsedMs) => post({ type: "progress", score, elapsedMs }),
  });
  post({ type: "done", result });
} catch (err) {
  post({ type: "error", message: (err as Error).message });
}
