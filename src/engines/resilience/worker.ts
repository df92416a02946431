/** Worker thread: claims chunks of a simulation from a shared counter and returns its totals. */
import { parentPort } from "node:worker_threads";
import type { RunRequest, WorkerReply } from "./protocol.js";
import { Simulator } from "./simulate.js";

const port = parentPort;
if (!port) throw new Error("resilience worker must run in a worker thread");

port.on("message", (msg: RunRequest) => {
  try {
    const sim = new Simulator(msg.model, msg.params);
    for (;;) {
      const k = Atomics.add(msg.counter, 0, 1);
      if (k >= msg.chunks) break;
      sim.runChunk(k);
    }
    const t = sim.totals;
    const reply: WorkerReply = { type: "done", job: msg.job, totals: t };
    port.postMessage(reply, [
      t.uncoveredDays.buffer,
      t.shortfall.buffer,
      t.gaps.buffer,
      t.absentByDay.buffer,
      t.samplesByDay.buffer,
      t.waveHistogram.buffer,
      t.longestOutage.buffer,
      t.mtiExceeded.buffer,
    ] as ArrayBuffer[]);
  } catch (err) {
    const reply: WorkerReply = { type: "failed", job: msg.job, message: (err as Error).stack ?? String(err) };
    port.postMessage(reply);
  }
});

const ready: WorkerReply = { type: "ready" };
port.postMessage(ready);
