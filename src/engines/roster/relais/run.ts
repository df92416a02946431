// Runs the Relais solver on a worker thread: the event loop stays free, and `stop()` ends the search
// early with the best roster so far. Under tsx/Vitest on Node 20 a worker does not inherit the
// loader hooks: ../../worker-thread.ts starts it either way.
import type { Worker } from "node:worker_threads";
import { startEngineWorker } from "../../worker-thread.js";
import type { RelaisProblem } from "./model.js";
import type { RelaisSolveResult } from "./solver.js";
import type { RelaisWorkerInput, RelaisWorkerMessage } from "./worker.js";

function spawn(data: RelaisWorkerInput): Worker {
  return startEngineWorker(import.meta.url, "./worker", { workerData: data });
}

export interface RelaisRun {
  result: Promise<RelaisSolveResult>;
  /** Ends the search now; `result` then resolves with the best roster so far. */
  stop(): void;
}

export function solveInWorker(
  problem: RelaisProblem,
  opts: {
    timeLimitMs: number;
    seed?: number;
    initial?: number[][] | null;
    onProgress?: (score: number, elapsedMs: number) => void;
  },
): RelaisRun {
  const stop = new SharedArrayBuffer(4);
  const worker = spawn({
    problem,
    timeLimitMs: opts.timeLimitMs,
    seed: opts.seed ?? 1,
    initial: opts.initial ?? null,
    stop,
  });
  const result = new Promise<RelaisSolveResult>((resolve, reject) => {
    let settled = false;
    worker.on("message", (m: RelaisWorkerMessage) => {
      if (m.type === "progress") opts.onProgress?.(m.score, m.elapsedMs);
      else if (m.type === "done") {
        settled = true;
        resolve(m.result);
        void worker.terminate();
      } else {
        settled = true;
        reject(new Error(m.message));
        void worker.terminate();
      }
    });
    worker.on("error", (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new Error(`Le calcul du planning s'est arrêté (code ${code}).`));
    });
  });
  return { result, stop: () => Atomics.store(new Int32Array(stop), 0, 1) };
}
