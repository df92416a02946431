// Worker-thread entry: runs one seeded search and posts each new best, then the result. The main
// thread stops it early through a shared flag (the search loop is synchronous, so no messages).
// The workers the main thread picks (flag [1 + index]) stop annealing and run the MIP
// large-neighbourhood search (lns.ts) from the best roster of all workers, adopting the others'
// later bests, which the main thread forwards on a port read synchronously between sub-problems.
import { type MessagePort, parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import loadHighs from "highs";
import { evaluate } from "./checker.js";
import { lns } from "./lns.js";
import type { Roster, RosterProblem } from "./model.js";
import { type SolveOptions, type SolveResult, solve } from "./solver.js";

export interface WorkerInput {
  problem: RosterProblem;
  options: Omit<SolveOptions, "clock" | "onImprove" | "shouldStop">;
  /** Int32Array over a SharedArrayBuffer: non-zero at [0] means stop; [1 + i] non-zero = worker i switches to the LNS. */
  stop: SharedArrayBuffer;
  /** Wall-clock deadline (epoch ms): worker start-up time counts against the budget. */
  deadline: number;
  minMs: number;
  /** When the LNS is on: this worker's index and the port the best rosters arrive on once it switches. */
  lns?: {
    index: number;
    inbox: MessagePort;
    wholeSeconds: number;
    subSeconds: number;
    /** Share of the time left given to column generation first (0 = none). */
    columnShare: number;
    /** Days of the column-generation windows among the neighbourhoods (0 = none). */
    columnWindow: number;
    /** The column windows' record shared by the workers (lns.ts `windowBoard`). */
    windows?: Int32Array;
  };
}

export type WorkerMessage =
  | { type: "best"; objective: number; roster: number[][] }
  | { type: "done"; result: SolveResult };

const input = workerData as WorkerInput;
const flag = new Int32Array(input.stop);
const post = (m: WorkerMessage): void => parentPort?.postMessage(m);
const now = (): number => performance.timeOrigin + performance.now();
const stopped = (): boolean => Atomics.load(flag, 0) !== 0;
const switched = (): boolean => input.lns !== undefined && Atomics.load(flag, 1 + input.lns.index) !== 0;
const onImprove = (b: { objective: number; roster: Roster }): void =>
  post({ type: "best", objective: b.objective, roster: b.roster });

async function runLns(l: NonNullable<WorkerInput["lns"]>, annealed: SolveResult): Promise<SolveResult> {
  const { problem } = input;
  const highs = await loadHighs();
  const incoming = (): Roster | undefined => {
    let latest: Roster | undefined;
    for (let m = receiveMessageOnPort(l.inbox); m; m = receiveMessageOnPort(l.inbox))
      latest = m.message as Roster;
    return latest;
  };
  // The main thread's best (sent before the switch) is the start when it beats this worker's own.
  const start = incoming() ?? annealed.roster;
  const r = lns(highs, problem, start, {
    seed: input.options.seed,
    clock: now,
    deadline: input.deadline,
    shouldStop: stopped,
    incoming,
    onImprove: (objective, roster) => post({ type: "best", objective, roster }),
    wholeSeconds: Math.min(l.wholeSeconds, (input.deadline - now()) / 2000),
    columnSeconds: (l.columnShare * (input.deadline - now())) / 1000,
    columnWindow: l.columnWindow,
    windows: l.windows,
    subSeconds: l.subSeconds,
    index: l.index,
    // RELAIS_LNS_DEBUG=1: one line per sub-problem on stderr (measurements).
    onSolve: process.env.RELAIS_LNS_DEBUG
      ? (i) =>
          process.stderr.write(
            `lns w${l.index} t-${((input.deadline - now()) / 1000).toFixed(1)} k${i.kind} d${i.from}-${i.to} cells ${Math.round(i.cells)} ${i.optimal ? "opt" : "lim"} ${i.seconds.toFixed(2)}s -> ${i.objective} from ${i.before} free ${i.freeDays} limit ${i.limit.toFixed(1)}\n`,
          )
      : undefined,
  });
  if (!r.feasible) return annealed;
  const ev = evaluate(problem, r.roster);
  return {
    roster: r.roster,
    feasible: true,
    objective: ev.objective,
    hard: 0,
    iterations: annealed.iterations,
  };
}

const annealed = solve(input.problem, {
  ...input.options,
  // A worker that starts late (loaded machine) still gets a minimal search rather than none.
  timeLimitMs: Math.max(input.minMs, input.deadline - now()),
  clock: now,
  shouldStop: () => stopped() || switched(),
  onImprove,
});
const result = input.lns && switched() && !stopped() ? await runLns(input.lns, annealed) : annealed;
post({ type: "done", result });
