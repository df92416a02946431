// Simulated annealing over a mix of moves with delta scoring (see search-state.ts). Pure: the clock
// and the seed come from the caller; time- or iteration-limited; reports every new best.

import { constructRoster } from "./construct.js";
import type { Roster, RosterProblem } from "./model.js";
import { OFF } from "./model.js";
import { Rng } from "./rng.js";
import { constructByRows, RowDp } from "./row-dp.js";
import { SearchState } from "./search-state.js";

export interface SolveOptions {
  seed: number;
  /** Stop after this many moves (deterministic runs). */
  maxIterations?: number;
  /** Stop after this long, measured with `clock`. */
  timeLimitMs?: number;
  /** Milliseconds; required with timeLimitMs. */
  clock?: () => number;
  /** Start from this roster instead of a constructed one. */
  initial?: Roster;
  /** Construction when no initial roster: row by row with the row programme (default), or blocks. */
  construction?: "rows" | "blocks";
  /** Called with each new best feasible roster (the array is a fresh copy). */
  onImprove?: (best: BestSoFar) => void;
  /** Polled between batches of moves; true stops the search. */
  shouldStop?: () => boolean;
  /** Start / end temperatures of the annealing (defaults suit Curtois–Qu weights). */
  startTemperature?: number;
  endTemperature?: number;
  /** Tuning: cumulative move percentages and the hard weight. */
  mix?: number[];
  hardWeight?: number;
  /** Annealing cycles (restarts from the best) and the start-temperature factor per cycle. */
  cycles?: number;
  reheat?: number;
  /** Plain moves per unit of row-programme work (smaller gives the programme more of the time). */
  dpSpacing?: number;
}

export interface BestSoFar {
  roster: Roster;
  /** Soft objective (hard rules all met) or, if no feasible roster yet, undefined. */
  objective: number;
  iterations: number;
}

export interface SolveResult {
  roster: Roster;
  feasible: boolean;
  /** Soft objective of `roster`. */
  objective: number;
  /** Hard violation units left (0 when feasible). */
  hard: number;
  iterations: number;
}

const BATCH = 2048;

export class Annealer {
  readonly st: SearchState;
  private readonly rng: Rng;
  /** Weight of one hard violation unit in the search cost. */
  hardWeight: number;
  temperature = 1;
  iterations = 0;
  bestSoft = Number.POSITIVE_INFINITY;
  bestHard = Number.POSITIVE_INFINITY;
  /** The best grid, valid when `journaling` is false. */
  private readonly best: Int16Array;
  private bestIsFeasible = false;
  /**
   * While true, the best is the current grid with `journal` (cell index, old value pairs of the
   * accepted changes since) undone: a new best costs nothing instead of a full copy.
   */
  private journaling = false;
  private readonly journal: number[] = [];
  private readonly journalLimit: number;

  private readonly dp: RowDp;
  /** Every shift request, for chains that start from one. */
  private readonly requests: { employee: number; day: number; shift: number; on: boolean }[];
  /** Plain moves left before the next row programme (time sharing between the two). */
  private dpCredit = 0;
  /** Plain moves per unit of programme work: larger gives the programme less of the time. */
  dpSpacing = 1 / 300;
  /** Share of the row-programme moves that transfer work between two windows of a row. */
  transferShare = 0.5;
  /** Days of a row re-optimised at once. */
  private readonly dpWindow: number;
  private readonly maxShiftMinutes: number;

  constructor(problem: RosterProblem, seed: number, initial?: Roster) {
    this.st = new SearchState(problem);
    this.dp = new RowDp(this.st);
    this.requests = [
      ...problem.onRequests.map((r) => ({ ...r, on: true })),
      ...problem.offRequests.map((r) => ({ ...r, on: false })),
    ];
    const D = problem.days;
    const S = problem.shifts.length;
    this.dpWindow = D <= 28 ? D : S <= 10 ? 28 : 14;
    this.maxShiftMinutes = Math.max(0, ...problem.shifts.map((x) => x.minutes));
    if (initial) this.st.load(initial);
    this.rng = new Rng(seed);
    this.best = Int16Array.from(this.st.grid);
    this.journalLimit = 2 * this.st.E * this.st.D + 64;
    // Enough to dominate every soft weight of a cell, so that feasible optima win.
    let maxW = 1;
    for (const c of problem.cover) maxW = Math.max(maxW, c.underWeight, c.overWeight);
    for (const r of [...problem.onRequests, ...problem.offRequests]) maxW = Math.max(maxW, r.weight);
    this.hardWeight = 2 * maxW;
    this.noteBest();
  }

  get feasible(): boolean {
    return this.bestIsFeasible;
  }

  /** Records the current grid if it beats the best (feasible first, then soft). */
  private noteBest(): boolean {
    const st = this.st;
    const better = st.hard === 0 ? !this.bestIsFeasible || st.soft < this.bestSoft : st.hard < this.bestHard;
    if (!better) return false;
    this.journaling = true;
    this.journal.length = 0;
    this.bestSoft = st.soft;
    this.bestHard = st.hard;
    this.bestIsFeasible = st.hard === 0;
    return true;
  }

  private accept(delta: number): boolean {
    return delta <= 0 || this.rng.float() < Math.exp(-delta / this.temperature);
  }

  /** Runs n moves at the current temperature; returns true if the best improved. */
  run(n: number): boolean {
    let improved = false;
    const rng = this.rng;
    for (let it = 0; it < n; it++) {
      const r = rng.int(100);
      let moved: boolean;
      if (this.dpSpacing > 0 && --this.dpCredit <= 0) {
        if (this.st.hard > 0 && rng.int(2) === 0) moved = this.moveRepairDp();
        else if (rng.float() < this.transferShare / 2)
          moved = this.moveTransferDp(rng.int(this.st.E), rng.int(this.st.D));
        else moved = rng.int(4) === 0 ? this.moveRowDp() : this.moveChainDp();
        // Until feasible, repairs by the programme get a larger share of the time.
        this.dpCredit = Math.max(16, (this.dp.work * this.dpSpacing) / (this.st.hard > 0 ? 4 : 1));
      } else if (r < this.mix[0]) moved = this.moveChange();
      else if (r < this.mix[1]) moved = this.moveSwap();
      else if (r < this.mix[2]) moved = this.moveBlockSwap();
      else if (r < this.mix[3]) moved = this.moveBlockSet();
      else if (r < this.mix[4]) moved = this.moveDaySwap();
      else if (r < (this.mix[5] ?? 100)) moved = this.moveFillGap();
      else if (r < (this.mix[6] ?? 100)) moved = this.moveReassign();
      else moved = this.moveShiftDay();
      if (
        moved &&
        this.st.hard <= this.bestHard &&
        (this.st.hard < this.bestHard || this.st.soft < this.bestSoft)
      )
        improved = this.noteBest() || improved;
    }
    this.iterations += n;
    return improved;
  }

  /** Accept or undo a move whose cells were saved in `undo` (e, d, old triplets). */
  private finish(undo: number[], seqDelta: number): boolean {
    const st = this.st;
    const delta = st.dSoft + this.hardWeight * (st.dHard + seqDelta);
    if (this.accept(delta)) {
      st.dHard += seqDelta;
      st.commit();
      if (this.journaling) {
        const D = st.D;
        for (let i = 0; i < undo.length; i += 3) this.journal.push(undo[i] * D + undo[i + 1], undo[i + 2]);
        if (this.journal.length > this.journalLimit) this.materialise();
      }
      return true;
    }
    for (let i = undo.length - 3; i >= 0; i -= 3) st.set(undo[i], undo[i + 1], undo[i + 2]);
    st.dSoft = 0;
    st.dHard = 0;
    return false;
  }

  private readonly undo: number[] = [];
  /** Cumulative percentages of change, swap, block swap, block set, day swap, fill gap, reassign; the rest moves a shift to another day. */
  mix = [25, 45, 60, 70, 85, 90, 95];

  /** An under-covered (day, shift) drawn at random in at most `tries` draws, as day × S + shift; -1 if none. */
  private sampleUnder(tries: number): number {
    const st = this.st;
    const { D, S } = st;
    for (let k = 0; k < tries; k++) {
      const d = this.rng.int(D);
      const s = this.rng.int(S);
      if (st.isUnder(d, s)) return d * S + s;
    }
    return -1;
  }

  /**
   * Targets an under-covered (day, shift): someone off that day takes it, and half the time gives
   * up a shift a few days away, so their minutes stay put.
   */
  private moveFillGap(): boolean {
    const st = this.st;
    const rng = this.rng;
    const { D, S } = st;
    const under = this.sampleUnder(8);
    if (under < 0) return false;
    const d = Math.floor(under / S);
    const s = under % S;
    const e = rng.int(st.E);
    if (st.grid[e * D + d] !== OFF || !st.allowed[(e * D + d) * S + s]) return false;
    const undo = this.undo;
    undo.length = 0;
    let a = d;
    let b = d;
    let d2 = -1;
    if (rng.int(2) === 0) {
      d2 = d + rng.int(7) - 3;
      if (d2 < 0 || d2 >= D || d2 === d || st.grid[e * D + d2] === OFF) d2 = -1;
      else {
        a = Math.min(d, d2);
        b = Math.max(d, d2);
      }
    }
    const before = st.seqLocal(e, a, b);
    undo.push(e, d, OFF);
    st.set(e, d, s);
    if (d2 >= 0) {
      undo.push(e, d2, st.grid[e * D + d2]);
      st.set(e, d2, OFF);
    }
    return this.finish(undo, st.seqLocal(e, a, b) - before);
  }

  /**
   * Targets an under-covered (day, shift): someone working an over-covered shift that day (else
   * anyone working another shift) switches to it. Cheap, and the commonest repair of the cover on
   * instances with many shift types, where a random change rarely picks the right type.
   */
  moveReassign(): boolean {
    const st = this.st;
    const rng = this.rng;
    const { D, S, E, grid } = st;
    const under = this.sampleUnder(16);
    if (under < 0) return false;
    const d = Math.floor(under / S);
    const s = under % S;
    const e0 = rng.int(E);
    let e = -1;
    for (let k = 0; k < E; k++) {
      const x = e0 + k < E ? e0 + k : e0 + k - E;
      const v = grid[x * D + d];
      if (v < 0 || v === s || !st.allowed[(x * D + d) * S + s]) continue;
      if (e < 0) e = x;
      const c = d * S + v;
      if (st.coverCount[c] > st.req[c]) {
        e = x;
        break;
      }
    }
    if (e < 0) return false;
    const undo = this.undo;
    undo.length = 0;
    const before = st.seqLocal(e, d, d);
    undo.push(e, d, grid[e * D + d]);
    st.set(e, d, s);
    return this.finish(undo, st.seqLocal(e, d, d) - before);
  }

  /**
   * Targets an under-covered (day, shift): someone off that day takes it and gives up a shift of
   * the same length on an over-covered (day, shift) up to a week away, so minutes hold.
   */
  moveShiftDay(): boolean {
    const st = this.st;
    const rng = this.rng;
    const { D, S, E, grid } = st;
    const under = this.sampleUnder(16);
    if (under < 0) return false;
    const d = Math.floor(under / S);
    const s = under % S;
    const e0 = rng.int(E);
    const len = st.minutes[s];
    const o0 = rng.int(14);
    for (let k = 0, tried = 0; k < E && tried < 24; k++) {
      const e = e0 + k < E ? e0 + k : e0 + k - E;
      if (grid[e * D + d] !== OFF || !st.allowed[(e * D + d) * S + s]) continue;
      tried++;
      for (let j = 0; j < 14; j++) {
        const o = (o0 + j) % 14;
        const d2 = o < 7 ? d - 1 - o : d + o - 6;
        if (d2 < 0 || d2 >= D) continue;
        const v = grid[e * D + d2];
        if (v < 0 || st.minutes[v] !== len) continue;
        const c = d2 * S + v;
        if (st.coverCount[c] <= st.req[c]) continue;
        const a = Math.min(d, d2);
        const b = Math.max(d, d2);
        const undo = this.undo;
        undo.length = 0;
        const before = st.seqLocal(e, a, b);
        undo.push(e, d, OFF, e, d2, v);
        st.set(e, d, s);
        st.set(e, d2, OFF);
        return this.finish(undo, st.seqLocal(e, a, b) - before);
      }
    }
    return false;
  }

  /** Re-optimises a window of one employee's row exactly, the rest fixed (see row-dp.ts). */
  private moveRowDp(): boolean {
    const st = this.st;
    const rng = this.rng;
    const D = st.D;
    const e = rng.int(st.E);
    const len = Math.min(D, this.dpWindow);
    const a = rng.int(D - len + 1);
    const b = a + len - 1;
    if (!this.dp.optimise(e, a, b)) return false;
    const out = this.dp.out;
    const undo = this.undo;
    undo.length = 0;
    const before = st.seqLocal(e, a, b);
    for (let d = a; d <= b; d++) {
      const v = st.grid[e * D + d];
      if (v === out[d - a]) continue;
      undo.push(e, d, v);
      st.set(e, d, out[d - a]);
    }
    if (undo.length === 0) return false;
    return this.finish(undo, st.seqLocal(e, a, b) - before);
  }

  /** A day where row e breaks a sequence rule, -1 if none, -2 if it breaks a whole-row rule. */
  private violationDay(e: number): number {
    const st = this.st;
    const { D, S, grid } = st;
    const base = e * D;
    const maxC = st.maxCons[e];
    const minC = st.minCons[e];
    const minO = st.minOff[e];
    let start = 0;
    for (let d = 1; d <= D; d++) {
      if (d < D) {
        const x = grid[base + d - 1];
        const y = grid[base + d];
        if (x >= 0 && y >= 0 && st.forbid[x * S + y]) return d;
        if (y >= 0 === x >= 0) continue;
      }
      const len = d - start;
      const inner = start > 0 && d < D;
      if (grid[base + start] >= 0) {
        if (len > maxC || (inner && len < minC)) return start;
      } else if (inner && len < minO) return start;
      start = d;
    }
    for (let t = 0; t < S; t++) if (st.cnt[e * S + t] > st.maxCnt[e * S + t]) return -2;
    const m = st.empMinutes[e];
    if (m > st.maxMin[e] || m < st.minMin[e] || st.wkWorked[e] > st.maxWk[e]) return -2;
    for (let d = 0; d < D; d++) {
      const v = grid[base + d];
      if (v >= 0 && !st.allowed[(base + d) * S + v]) return d;
    }
    return -1;
  }

  /** Writes `dp.out` into days a..b of row e (old values onto `undo`); returns the sequence delta. */
  private applyDp(e: number, a: number, b: number, undo: number[]): number {
    const st = this.st;
    const D = st.D;
    const out = this.dp.out;
    const before = st.seqLocal(e, a, b);
    for (let d = a; d <= b; d++) {
      const v = st.grid[e * D + d];
      if (v === out[d - a]) continue;
      undo.push(e, d, v);
      st.set(e, d, out[d - a]);
    }
    return st.seqLocal(e, a, b) - before;
  }

  /**
   * Moves work between two disjoint windows of one row: the first is re-optimised with the
   * whole-row limits (minutes, weekends) widened, the second under the true limits makes up for
   * it. Rows held at their minimum minutes or maximum weekends can only change their work this way.
   */
  moveTransferDp(e: number, centre: number): boolean {
    const st = this.st;
    const rng = this.rng;
    const D = st.D;
    const len = Math.min(this.dpWindow, D >> 1);
    if (len < 7) return false;
    const a = Math.max(0, Math.min(D - len, centre - (len >> 1) + rng.int(7) - 3));
    const b = a + len - 1;
    const slackMin = this.maxShiftMinutes * (1 + rng.int(2));
    if (!this.dp.optimise(e, a, b, -1, OFF, 1, slackMin, rng.int(2))) return false;
    const undo = this.undo;
    undo.length = 0;
    let seq = this.applyDp(e, a, b, undo);
    // The second window: a few tries elsewhere in the row, disjoint from the first.
    for (let k = 0; k < 6; k++) {
      const len2 = Math.min(D - len, len + rng.int(len + 1));
      const a2 = rng.int(D - len2 + 1);
      const b2 = a2 + len2 - 1;
      if (!(b2 < a || a2 > b) || !this.dp.optimise(e, a2, b2, -1, OFF, 1, 0, 0, true)) continue;
      seq += this.applyDp(e, a2, b2, undo);
      if (undo.length === 0) return false;
      return this.finish(undo, seq);
    }
    for (let i = undo.length - 3; i >= 0; i -= 3) st.set(undo[i], undo[i + 1], undo[i + 2]);
    st.dSoft = 0;
    st.dHard = 0;
    return false;
  }

  /** Re-optimises a window around a broken rule of some row (feasibility first). */
  private moveRepairDp(): boolean {
    const st = this.st;
    const rng = this.rng;
    const D = st.D;
    const e0 = rng.int(st.E);
    for (let k = 0; k < st.E; k++) {
      const e = (e0 + k) % st.E;
      const day = this.violationDay(e);
      if (day === -1) continue;
      if (this.transferShare > rng.float()) return this.moveTransferDp(e, day >= 0 ? day : rng.int(D));
      // Wider than the plain window: tight rows (minutes, weekends) need room to move work around.
      const len = Math.min(D, this.dpWindow * (1 + rng.int(2)));
      const centre = day >= 0 ? day : rng.int(D);
      const a = Math.max(0, Math.min(D - len, centre - (len >> 1) + rng.int(5) - 2));
      const b = a + len - 1;
      if (!this.dp.optimise(e, a, b, -1, OFF, 1, 0, 0, true)) return false;
      const out = this.dp.out;
      const undo = this.undo;
      undo.length = 0;
      const before = st.seqLocal(e, a, b);
      for (let d = a; d <= b; d++) {
        const v = st.grid[e * D + d];
        if (v === out[d - a]) continue;
        undo.push(e, d, v);
        st.set(e, d, out[d - a]);
      }
      if (undo.length === 0) return false;
      return this.finish(undo, st.seqLocal(e, a, b) - before);
    }
    return false;
  }

  /**
   * Ejection chain through two exact row programmes: someone takes an under-covered cell (their
   * row re-optimised around it), then a second employee's row is re-optimised given that change.
   */
  private moveChainDp(): boolean {
    const st = this.st;
    const rng = this.rng;
    const { D, S } = st;
    let d = -1;
    let s = -1;
    let e1 = -1;
    // Half the time the chain starts from a request not met: its employee meets it.
    const reqs = this.requests;
    if (reqs.length > 0 && rng.int(2) === 0) {
      const r = reqs[rng.int(reqs.length)];
      const cur = st.grid[r.employee * D + r.day];
      if (r.on ? cur !== r.shift : cur === r.shift) {
        e1 = r.employee;
        d = r.day;
        s = r.on ? r.shift : OFF;
      }
    }
    if (e1 < 0) {
      const under = this.sampleUnder(16);
      if (under < 0) return this.moveRowDp();
      d = Math.floor(under / S);
      s = under % S;
      e1 = rng.int(st.E);
    }
    if (st.grid[e1 * D + d] === s || (s >= 0 && !st.allowed[(e1 * D + d) * S + s])) return false;
    // The second employee: one who can hand back what e1 takes, or take what e1 drops.
    const old = st.grid[e1 * D + d];
    let e2 = -1;
    const e0 = rng.int(st.E);
    for (let k = 0; k < st.E; k++) {
      const e = (e0 + k) % st.E;
      if (e === e1) continue;
      const v = st.grid[e * D + d];
      if (s >= 0 ? v === s : old >= 0 && v === OFF && st.allowed[(e * D + d) * S + old]) {
        e2 = e;
        break;
      }
    }
    if (e2 < 0 || rng.int(4) === 0) {
      e2 = rng.int(st.E - 1);
      if (e2 >= e1) e2++;
    }
    if (e2 === e1 || e2 < 0) return false;
    const len = Math.min(D, this.dpWindow);
    let a = Math.max(0, Math.min(D - len, d - rng.int(len)));
    let b = a + len - 1;
    if (!this.dp.optimise(e1, a, b, d, s)) return false;
    const undo = this.undo;
    undo.length = 0;
    let seq = -st.seqLocal(e1, a, b);
    const out = this.dp.out;
    for (let x = a; x <= b; x++) {
      const v = st.grid[e1 * D + x];
      if (v === out[x - a]) continue;
      undo.push(e1, x, v);
      st.set(e1, x, out[x - a]);
    }
    seq += st.seqLocal(e1, a, b);
    // The second row: same window (where e1's row changed), exact given e1's new row.
    if (D > len) {
      a = Math.max(0, Math.min(D - len, a + rng.int(7) - 3));
      b = a + len - 1;
    }
    if (this.dp.optimise(e2, a, b)) {
      seq -= st.seqLocal(e2, a, b);
      for (let x = a; x <= b; x++) {
        const v = st.grid[e2 * D + x];
        if (v === out[x - a]) continue;
        undo.push(e2, x, v);
        st.set(e2, x, out[x - a]);
      }
      seq += st.seqLocal(e2, a, b);
    }
    if (undo.length === 0) return false;
    return this.finish(undo, seq);
  }

  /** Swaps two nearby days of one employee: keeps counts and minutes, moves work in time. */
  private moveDaySwap(): boolean {
    const st = this.st;
    const rng = this.rng;
    const { D, S } = st;
    const e = rng.int(st.E);
    const d1 = rng.int(D);
    const span = Math.min(D - 1, 14);
    let d2 = d1 + 1 + rng.int(span);
    if (d2 >= D) d2 -= span + 1;
    if (d2 < 0 || d2 === d1) return false;
    const v1 = st.grid[e * D + d1];
    const v2 = st.grid[e * D + d2];
    if (v1 === v2) return false;
    if (v2 >= 0 && !st.allowed[(e * D + d1) * S + v2]) return false;
    if (v1 >= 0 && !st.allowed[(e * D + d2) * S + v1]) return false;
    const a = Math.min(d1, d2);
    const b = Math.max(d1, d2);
    const before = st.seqLocal(e, a, b);
    const undo = this.undo;
    undo.length = 0;
    undo.push(e, d1, v1, e, d2, v2);
    st.set(e, d1, v2);
    st.set(e, d2, v1);
    return this.finish(undo, st.seqLocal(e, a, b) - before);
  }

  private moveChange(): boolean {
    const st = this.st;
    const D = st.D;
    const rng = this.rng;
    const e = rng.int(st.E);
    const d = rng.int(D);
    const list = st.allowedList[e * D + d];
    const cur = st.grid[e * D + d];
    if (list.length === 0 && cur === OFF) return false;
    // Values: OFF or one of the allowed shifts, different from the current one.
    let v = rng.int(list.length + 1) - 1;
    v = v < 0 ? OFF : list[v];
    if (v === cur) return false;
    const before = st.seqLocal(e, d, d);
    const undo = this.undo;
    undo.length = 0;
    undo.push(e, d, cur);
    st.set(e, d, v);
    return this.finish(undo, st.seqLocal(e, d, d) - before);
  }

  private moveSwap(): boolean {
    const st = this.st;
    const rng = this.rng;
    const D = st.D;
    const d = rng.int(D);
    const e1 = rng.int(st.E);
    const e2 = rng.int(st.E);
    const v1 = st.grid[e1 * D + d];
    const v2 = st.grid[e2 * D + d];
    if (v1 === v2) return false;
    if (v2 >= 0 && !st.allowed[(e1 * D + d) * st.S + v2]) return false;
    if (v1 >= 0 && !st.allowed[(e2 * D + d) * st.S + v1]) return false;
    const before = st.seqLocal(e1, d, d) + st.seqLocal(e2, d, d);
    const undo = this.undo;
    undo.length = 0;
    undo.push(e1, d, v1, e2, d, v2);
    st.set(e1, d, v2);
    st.set(e2, d, v1);
    return this.finish(undo, st.seqLocal(e1, d, d) + st.seqLocal(e2, d, d) - before);
  }

  private moveBlockSwap(): boolean {
    const st = this.st;
    const rng = this.rng;
    const { D, S } = st;
    const e1 = rng.int(st.E);
    const e2 = rng.int(st.E);
    if (e1 === e2) return false;
    const len = 2 + rng.int(Math.min(D - 1, 7));
    const a = rng.int(D - len + 1);
    const b = a + len - 1;
    let differs = false;
    for (let d = a; d <= b; d++) {
      const v1 = st.grid[e1 * D + d];
      const v2 = st.grid[e2 * D + d];
      if (v1 === v2) continue;
      differs = true;
      if (v2 >= 0 && !st.allowed[(e1 * D + d) * S + v2]) return false;
      if (v1 >= 0 && !st.allowed[(e2 * D + d) * S + v1]) return false;
    }
    if (!differs) return false;
    const before = st.seqLocal(e1, a, b) + st.seqLocal(e2, a, b);
    const undo = this.undo;
    undo.length = 0;
    for (let d = a; d <= b; d++) {
      const v1 = st.grid[e1 * D + d];
      const v2 = st.grid[e2 * D + d];
      if (v1 === v2) continue;
      undo.push(e1, d, v1, e2, d, v2);
      st.set(e1, d, v2);
      st.set(e2, d, v1);
    }
    return this.finish(undo, st.seqLocal(e1, a, b) + st.seqLocal(e2, a, b) - before);
  }

  /** Sets a short block of one employee's days to one value (builds or removes whole runs). */
  private moveBlockSet(): boolean {
    const st = this.st;
    const rng = this.rng;
    const { D, S } = st;
    const e = rng.int(st.E);
    const len = 2 + rng.int(Math.min(D - 1, 4));
    const a = rng.int(D - len + 1);
    const b = a + len - 1;
    let v = OFF;
    if (rng.int(2) === 0) {
      const list = st.allowedList[e * D + a];
      if (list.length === 0) return false;
      v = list[rng.int(list.length)];
    }
    let differs = false;
    for (let d = a; d <= b; d++) {
      if (v >= 0 && !st.allowed[(e * D + d) * S + v]) return false;
      if (st.grid[e * D + d] !== v) differs = true;
    }
    if (!differs) return false;
    const before = st.seqLocal(e, a, b);
    const undo = this.undo;
    undo.length = 0;
    for (let d = a; d <= b; d++) {
      undo.push(e, d, st.grid[e * D + d]);
      st.set(e, d, v);
    }
    return this.finish(undo, st.seqLocal(e, a, b) - before);
  }

  /** Writes the journaled best into `best` and stops journaling. */
  private materialise(): void {
    if (!this.journaling) return;
    this.best.set(this.st.grid);
    const j = this.journal;
    for (let i = j.length - 2; i >= 0; i -= 2) this.best[j[i]] = j[i + 1];
    this.journaling = false;
    this.journal.length = 0;
  }

  /** Builds the start row by row (random order) with the row programme; see row-dp.ts. */
  constructByRows(): void {
    const st = this.st;
    const order = Array.from({ length: st.E }, (_, e) => e);
    for (let i = order.length - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    constructByRows(st, order, st.S > 10 ? 14 : 28);
    this.best.set(st.grid);
    this.journaling = false;
    this.journal.length = 0;
    this.bestSoft = Number.POSITIVE_INFINITY;
    this.bestHard = Number.POSITIVE_INFINITY;
    this.bestIsFeasible = false;
    this.noteBest();
  }

  restartFromBest(): void {
    this.materialise();
    this.st.grid.set(this.best);
    this.st.recompute();
  }

  bestRoster(): Roster {
    this.materialise();
    return this.st.toRoster(this.best);
  }
}

/** Anneals from `initial` (or empty) until the iteration or time budget is spent. */
export function solve(problem: RosterProblem, options: SolveOptions): SolveResult {
  const { seed, maxIterations, timeLimitMs, clock } = options;
  if (maxIterations === undefined && timeLimitMs === undefined)
    throw new Error("solve: give maxIterations or timeLimitMs");
  if (timeLimitMs !== undefined && !clock) throw new Error("solve: timeLimitMs needs a clock");
  const t0 = clock ? clock() : 0;
  let initial = options.initial;
  if (!initial && options.construction === "blocks") initial = constructRoster(problem);
  const an = new Annealer(problem, seed, initial);
  if (!initial) an.constructByRows();
  if (options.mix) an.mix = options.mix;
  if (options.hardWeight) an.hardWeight = options.hardWeight;
  if (options.dpSpacing !== undefined) an.dpSpacing = options.dpSpacing;
  const baseWeight = an.hardWeight;
  // Large rosters get few moves per cell: start cooler from the construction, restart less.
  const large = problem.employees.length * problem.days > 4000;
  const T0 = options.startTemperature ?? (large ? 10 : 100);
  // Cool enough at the end for request weights of 1 to matter.
  const T1 = options.endTemperature ?? 0.3;
  const cycles = options.cycles ?? (large ? 2 : 4);
  const reheat = options.reheat ?? 0.2;
  let lastCycle = -1;
  for (;;) {
    let progress = 0;
    if (maxIterations !== undefined) progress = an.iterations / maxIterations;
    if (timeLimitMs !== undefined && clock) progress = Math.max(progress, (clock() - t0) / timeLimitMs);
    if (progress >= 1 || options.shouldStop?.()) break;
    // Several annealing cycles; each later one restarts from the best roster, a little cooler.
    const cycle = Math.min(cycles - 1, Math.floor(progress * cycles));
    if (cycle !== lastCycle) {
      if (lastCycle >= 0) an.restartFromBest();
      lastCycle = cycle;
    }
    const t0c = Math.max(2 * T1, T0 * reheat ** cycle);
    an.temperature = t0c * (T1 / t0c) ** (progress * cycles - cycle);
    // Until a feasible roster exists, hard violations grow dearer (large instances need it).
    an.hardWeight = an.feasible ? baseWeight : Math.min(baseWeight * 1000, an.hardWeight * 1.003);
    const n = maxIterations !== undefined ? Math.min(BATCH, maxIterations - an.iterations) : BATCH;
    if (an.run(n) && an.feasible && options.onImprove)
      options.onImprove({ roster: an.bestRoster(), objective: an.bestSoft, iterations: an.iterations });
  }
  return {
    roster: an.bestRoster(),
    feasible: an.feasible,
    objective: an.bestSoft,
    hard: an.feasible ? 0 : an.bestHard,
    iterations: an.iterations,
  };
}
