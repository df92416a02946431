/**
 * Runs simulations on worker threads (all cores by default). Workers claim fixed chunks from a
 * shared counter, so the split between them varies from run to run but the totals do not.
 * The compiled model lives in SharedArrayBuffers: posting it to a worker copies no array.
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { startEngineWorker } from "../worker-thread.js";
import type { SimulationModel } from "./model.js";
import type { RunRequest, WorkerReply } from "./protocol.js";
import {
  chunkCount,
  emptyTotals,
  mergeTotals,
  type SimulationParams,
  type SimulationTotals,
  simulateInline,
} from "./simulate.js";

/** Anything that turns a model and parameters into totals: the pool, or the calling thread. */
export interface SimulationRunner {
  run(model: SimulationModel, params: SimulationParams): Promise<SimulationTotals>;
}

export const inlineRunner: SimulationRunner = {
  run: (model, params) => Promise.resolve(simulateInline(model, params)),
};

function spawn(): Worker {
  return startEngineWorker(import.meta.url, "./worker");
}

interface Pending {
  job: number;
  remaining: number;
  totals: SimulationTotals;
  resolve: (t: SimulationTotals) => void;
  reject: (e: Error) => void;
}

export class ResiliencePool implements SimulationRunner {
  private job = 0;
  private pending: Pending | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly workers: Worker[]) {
    for (const w of workers) {
      w.on("message", (msg: WorkerReply) => this.onMessage(msg));
      w.on("error", (err) => this.fail(err));
    }
  }

  /** Starts `size` workers (one per core by default) and waits until they are loaded. */
  static async start(size = availableParallelism()): Promise<ResiliencePool> {
    const workers = Array.from({ length: Math.max(1, size) }, spawn);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const onMsg = (m: WorkerReply): void => {
              if (m.type === "ready") {
                w.off("message", onMsg);
                w.off("error", reject);
                resolve();
              }
            };
            w.on("message", onMsg);
            w.once("error", reject);
          }),
      ),
    );
    return new ResiliencePool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Runs one simulation across the workers; calls are queued, one at a time. */
  run(model: SimulationModel, params: SimulationParams): Promise<SimulationTotals> {
    const next = this.queue.then(() => this.runNow(model, params));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private runNow(model: SimulationModel, params: SimulationParams): Promise<SimulationTotals> {
    return new Promise<SimulationTotals>((resolve, reject) => {
      const job = ++this.job;
      const counter = new Int32Array(new SharedArrayBuffer(4));
      this.pending = {
        job,
        remaining: this.workers.length,
        totals: emptyTotals(model, params.mode),
        resolve,
        reject,
      };
      const req: RunRequest = { type: "run", job, model, params, counter, chunks: chunkCount(params) };
      for (const w of this.workers) w.postMessage(req);
    });
  }

  private onMessage(msg: WorkerReply): void {
    const p = this.pending;
    if (!p || msg.type === "ready" || msg.job !== p.job) return;
    if (msg.type === "failed") {
      this.pending = null;
      p.reject(new Error(`resilience worker failed: ${msg.message}`));
      return;
    }
    mergeTotals(p.totals, msg.totals);
    if (--p.remaining === 0) {
      this.pending = null;
      p.resolve(p.totals);
    }
  }

  private fail(err: Error): void {
    const p = this.pending;
    this.pending = null;
    p?.reject(err);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
