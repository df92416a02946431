// Relais rotation solver: locks first, then a greedy construction (scarcest needs first, best of a
// sample of candidates by exact score delta), then simulated annealing over feasible moves only
// (assign, unassign, replace, swap, move a day) with incremental scoring. Anytime: the best roster
// so far is kept and returned when time runs out or the caller stops it. Seeded: same seed, same
// moves (the clock only decides when to stop).
import { Rng } from "../rng.js";
import { OFF, type RelaisProblem } from "./model.js";
import { RelaisState } from "./state.js";

export interface RelaisSolveOptions {
  timeLimitMs: number;
  seed?: number;
  /** Start from this roster (re-planning); infeasible cells are dropped. Defaults to `previous`. */
  initial?: number[][] | null;
  clock?: () => number;
  shouldStop?: () => boolean;
  /** Called with each new best score (at most every few thousand moves). */
  onImprove?: (score: number, elapsedMs: number) => void;
}

export interface RelaisSolveResult {
  roster: number[][];
  score: number;
  /** Time to the first complete roster (construction), ms. */
  firstRosterMs: number;
  firstScore: number;
  elapsedMs: number;
  moves: number;
  stopped: boolean;
}

export function solveRelais(problem: RelaisProblem, options: RelaisSolveOptions): RelaisSolveResult {
  const clock = options.clock ?? (() => performance.now());
  const t0 = clock();
  const deadline = t0 + options.timeLimitMs;
  const rng = new Rng(options.seed ?? 1);
  const st = new RelaisState(problem);
  const { D, P } = st;

  for (const l of problem.locks) if (l.post !== OFF) st.set(l.agent, l.day, l.post);
  const initial = options.initial ?? problem.previous;
  if (initial)
    for (let a = 0; a < st.A; a++)
      for (let d = 0; d < D; d++) {
        const v = initial[a]?.[d] ?? OFF;
        if (v !== OFF && v < P && st.locked[a * D + d] === 0 && st.feasible(a, d, v)) st.set(a, d, v);
      }
  construct(st, rng);
  const firstRosterMs = clock() - t0;
  const firstScore = st.score;
  const best = new Int16Array(st.cell);
  let bestScore = st.score;
  options.onImprove?.(bestScore, firstRosterMs);

  const needCells: number[] = [];
  for (let i = 0; i < D * P; i++) if (st.need[i] > 0) needCells.push(i);
  const undoA = new Int32Array(8);
  const undoD = new Int32Array(8);
  const undoV = new Int32Array(8);
  let undoN = 0;
  const change = (a: number, d: number, v: number): number => {
    undoA[undoN] = a;
    undoD[undoN] = d;
    undoV[undoN++] = st.cell[a * D + d];
    return st.set(a, d, v);
  };
  const revert = () => {
    while (undoN > 0) {
      undoN--;
      st.set(undoA[undoN], undoD[undoN], undoV[undoN]);
    }
  };
  const free = (a: number, d: number) => st.locked[a * D + d] === 0;

  /** Proposes one move, applies it and returns its delta, or NaN when no move was made. */
  const propose = (): number => {
    const r = rng.int(100);
    if (r < 35 && needCells.length > 0) {
      // Put a qualified person on a need (prefer one that is short).
      let cell = needCells[rng.int(needCells.length)];
      for (let k = 0; k < 6 && st.assigned[cell] >= st.need[cell]; k++)
        cell = needCells[rng.int(needCells.length)];
      const d = Math.floor(cell / P);
      const q = cell - d * P;
      const list = st.qualified[q];
      if (list.length === 0) return Number.NaN;
      const a = list[rng.int(list.length)];
      if (!free(a, d) || st.cell[a * D + d] === q || !st.feasible(a, d, q)) return Number.NaN;
      return change(a, d, q);
    }
    // The remaining moves start from someone on site.
    const d = rng.int(D);
    const n = st.onCount[d];
    if (n === 0) return Number.NaN;
    const a = st.onList[d][rng.int(n)];
    if (!free(a, d)) return Number.NaN;
    const q = st.cell[a * D + d];
    if (r < 50) return change(a, d, OFF);
    if (r < 85) {
      // Replace a (or swap with b when b is on site elsewhere): b from the post's qualified list,
      // from a's team, or from the team of someone else on site that day.
      let b: number;
      const pick = rng.int(4);
      const t = st.team[a];
      if (pick === 0 && t >= 0) {
        const m = st.teamMembers[t];
        b = m[rng.int(m.length)];
      } else if (pick === 1) {
        const c = st.onList[d][rng.int(n)];
        const tc = st.team[c];
        if (tc < 0) return Number.NaN;
        const m = st.teamMembers[tc];
        b = m[rng.int(m.length)];
      } else {
        const list = st.qualified[q];
        b = list[rng.int(list.length)];
      }
      if (b === a || !free(b, d)) return Number.NaN;
      const qb = st.cell[b * D + d];
      if (qb === OFF) {
        let delta = change(a, d, OFF);
        if (!st.feasible(b, d, q)) {
          revert();
          return Number.NaN;
        }
        delta += change(b, d, q);
        return delta;
      }
      if (qb === q || st.qualifiedFor[a * P + qb] === 0 || st.qualifiedFor[b * P + q] === 0)
        return Number.NaN;
      // Swap posts (both stay on site, so only capacity can change: a via OFF keeps it exact).
      let delta = change(a, d, OFF);
      if (!st.feasible(b, d, q)) {
        revert();
        return Number.NaN;
      }
      delta += change(b, d, q);
      if (!st.feasible(a, d, qb)) {
        revert();
        return Number.NaN;
      }
      delta += change(a, d, qb);
      return delta;
    }
    // Move a's day to another day, same post.
    const d2 = rng.int(D);
    if (d2 === d || !free(a, d2) || st.cell[a * D + d2] !== OFF) return Number.NaN;
    let delta = change(a, d, OFF);
    if (!st.feasible(a, d2, q)) {
      revert();
      return Number.NaN;
    }
    delta += change(a, d2, q);
    return delta;
  };

  // Temperature scale: mean size of worsening moves at the start.
  let sum = 0;
  let count = 0;
  for (let k = 0; k < 2000; k++) {
    undoN = 0;
    const delta = propose();
    if (!Number.isNaN(delta) && delta > 0 && delta < st.w.under) {
      sum += delta;
      count++;
    }
    revert();
  }
  const tStart = count > 0 ? (sum / count) * 0.3 : 1;
  const tEnd = tStart * 0.005;
  let moves = 0;
  let stopped = false;
  let cycleStart = clock();
  const remaining = deadline - cycleStart;
  const cycleMs = Math.max(300, remaining / 3);
  let temperature = tStart;
  for (;;) {
    if ((moves & 1023) === 0) {
      const now = clock();
      if (now >= deadline) break;
      if (options.shouldStop?.()) {
        stopped = true;
        break;
      }
      if (st.score < bestScore - 1e-9) {
        bestScore = st.score;
        best.set(st.cell);
        options.onImprove?.(bestScore, now - t0);
      }
      let frac = (now - cycleStart) / cycleMs;
      if (frac >= 1) {
        // New cycle from the best roster, a little cooler.
        restore(st, best);
        cycleStart = now;
        frac = 0;
      }
      temperature = tStart * (tEnd / tStart) ** frac;
      if (bestScore === 0) break;
    }
    moves++;
    undoN = 0;
    const delta = propose();
    if (Number.isNaN(delta)) continue;
    if (delta <= 0 || rng.float() < Math.exp(-delta / temperature)) continue;
    revert();
  }
  if (st.score < bestScore - 1e-9) {
    bestScore = st.score;
    best.set(st.cell);
  }
  return {
    roster: st.toRoster(best),
    score: bestScore,
    firstRosterMs,
    firstScore,
    elapsedMs: clock() - t0,
    moves,
    stopped,
  };
}

/** Sets the state to the given cells (changing only the cells that differ). */
function restore(st: RelaisState, cells: Int16Array): void {
  // Clear first so capacity and consecutive limits never block the way back.
  for (let i = 0; i < cells.length; i++)
    if (st.cell[i] !== cells[i]) st.set(Math.floor(i / st.D), i % st.D, OFF);
  for (let i = 0; i < cells.length; i++)
    if (st.cell[i] !== cells[i]) st.set(Math.floor(i / st.D), i % st.D, cells[i]);
}

/** Greedy: each day, scarcest needs first, each missing person chosen among a sample by delta. */
function construct(st: RelaisState, rng: Rng): void {
  const { D, P } = st;
  const SAMPLE = 10;
  const yesterday: number[][] = Array.from({ length: P }, () => []);
  for (let d = 0; d < D; d++) {
    for (const l of yesterday) l.length = 0;
    if (d > 0) {
      for (let k = 0; k < st.onCount[d - 1]; k++) {
        const a = st.onList[d - 1][k];
        yesterday[st.cell[a * D + d - 1]].push(a);
      }
    }
    const posts: number[] = [];
    for (let q = 0; q < P; q++) if (st.need[d * P + q] > st.assigned[d * P + q]) posts.push(q);
    posts.sort(
      (x, y) => st.qualified[x].length - st.need[d * P + x] - (st.qualified[y].length - st.need[d * P + y]),
    );
    for (const q of posts) {
      const list = st.qualified[q];
      while (st.assigned[d * P + q] < st.need[d * P + q]) {
        let bestA = -1;
        let bestDelta = Number.POSITIVE_INFINITY;
        const tryAgent = (a: number): void => {
          const i = a * D + d;
          if (st.cell[i] !== OFF || st.locked[i] !== 0 || !st.feasible(a, d, q)) return;
          const delta = st.set(a, d, q);
          st.set(a, d, OFF);
          if (delta < bestDelta) {
            bestDelta = delta;
            bestA = a;
          }
        };
        for (const a of yesterday[q]) tryAgent(a);
        let found = 0;
        const start = list.length > 0 ? rng.int(list.length) : 0;
        for (let k = 0; k < list.length && found < SAMPLE; k++) {
          const a = list[(start + k) % list.length];
          const i = a * D + d;
          if (st.cell[i] !== OFF || st.locked[i] !== 0 || !st.feasible(a, d, q)) continue;
          found++;
          tryAgent(a);
        }
        if (bestA < 0) break;
        st.set(bestA, d, q);
      }
    }
  }
}
