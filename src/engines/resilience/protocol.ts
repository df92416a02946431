/** Messages between the pool and its workers. */
import type { SimulationModel } from "./model.js";
import type { SimulationParams, SimulationTotals } from "./simulate.js";

export interface RunRequest {
  type: "run";
  job: number;
  model: SimulationModel;
  params: SimulationParams;
  /** Shared counter from which workers claim the next chunk. */
  counter: Int32Array;
  chunks: number;
}

export type WorkerReply =
  | { type: "ready" }
  | { type: "done"; job: number; totals: SimulationTotals }
  | { type: "failed"; job: number; message: string };
