// Flat, incrementally scored roster state for the local search. Cost = soft + hardWeight * hard,
// where hard counts violation units (a shift too many, a day short of a block, 1 per started shift
// length of minutes out of range...). Moves apply cells, read the delta, and undo if refused.
import { OFF, type Roster, type RosterProblem, weekends } from "./model.js";

export class SearchState {
  readonly E: number;
  readonly D: number;
  readonly S: number;
  /** grid[e*D+d] = shift index or OFF. */
  readonly grid: Int16Array;
  /** May e work s on d: not a day off and not a shift type capped at zero. */
  readonly allowed: Uint8Array;
  /** Per (e,d): the shifts allowed, for drawing random values. */
  readonly allowedList: Int16Array[];
  /** Request cost of value v at (e,d): pref[(e*D+d)*(S+1) + v + 1]. */
  readonly pref: Int32Array;
  readonly req: Int32Array;
  readonly underW: Int32Array;
  readonly overW: Int32Array;
  readonly coverCount: Int32Array;
  readonly minutes: Int32Array;
  readonly forbid: Uint8Array;
  readonly cnt: Int32Array;
  readonly maxCnt: Int32Array;
  readonly empMinutes: Int32Array;
  readonly maxMin: Int32Array;
  readonly minMin: Int32Array;
  readonly maxCons: Int32Array;
  readonly minCons: Int32Array;
  readonly minOff: Int32Array;
  readonly maxWk: Int32Array;
  /** Weekend index of a day, or -1. */
  readonly wkOf: Int32Array;
  readonly W: number;
  readonly wkCount: Uint8Array;
  readonly wkWorked: Int32Array;
  readonly minuteUnit: number;

  soft = 0;
  hard = 0;
  /** Accumulated change since the last `mark()`. */
  dSoft = 0;
  dHard = 0;

  constructor(readonly problem: RosterProblem) {
    const E = problem.employees.length;
    const D = problem.days;
    const S = problem.shifts.length;
    this.E = E;
    this.D = D;
    this.S = S;
    this.grid = new Int16Array(E * D).fill(OFF);
    this.allowed = new Uint8Array(E * D * S);
    this.allowedList = [];
    this.pref = new Int32Array(E * D * (S + 1));
    this.req = new Int32Array(D * S);
    this.underW = new Int32Array(D * S);
    this.overW = new Int32Array(D * S);
    this.coverCount = new Int32Array(D * S);
    this.minutes = Int32Array.from(problem.shifts, (s) => s.minutes);
    this.forbid = new Uint8Array(S * S);
    problem.shifts.forEach((sh, s) => {
      for (const t of sh.cannotFollow) this.forbid[s * S + t] = 1;
    });
    this.minuteUnit = Math.max(1, Math.min(...problem.shifts.map((s) => s.minutes)));
    this.cnt = new Int32Array(E * S);
    this.maxCnt = new Int32Array(E * S);
    this.empMinutes = new Int32Array(E);
    const emps = problem.employees;
    this.maxMin = Int32Array.from(emps, (x) => x.maxTotalMinutes);
    this.minMin = Int32Array.from(emps, (x) => x.minTotalMinutes);
    this.maxCons = Int32Array.from(emps, (x) => x.maxConsecutiveShifts);
    this.minCons = Int32Array.from(emps, (x) => x.minConsecutiveShifts);
    this.minOff = Int32Array.from(emps, (x) => x.minConsecutiveDaysOff);
    this.maxWk = Int32Array.from(emps, (x) => x.maxWeekends);
    const wks = weekends(D);
    this.W = wks.length;
    this.wkOf = new Int32Array(D).fill(-1);
    wks.forEach((wk, k) => {
      for (const d of wk) this.wkOf[d] = k;
    });
    this.wkCount = new Uint8Array(E * this.W);
    this.wkWorked = new Int32Array(E);

    emps.forEach((emp, e) => {
      for (let s = 0; s < S; s++) this.maxCnt[e * S + s] = emp.maxShifts[s];
      const off = new Uint8Array(D);
      for (const d of emp.daysOff) off[d] = 1;
      for (let d = 0; d < D; d++) {
        const list: number[] = [];
        for (let s = 0; s < S; s++)
          if (!off[d] && emp.maxShifts[s] > 0) {
            this.allowed[(e * D + d) * S + s] = 1;
            list.push(s);
          }
        this.allowedList.push(Int16Array.from(list));
      }
    });
    for (const r of problem.onRequests) {
      // Unmet unless the requested shift is worked.
      const base = (r.employee * D + r.day) * (S + 1);
      for (let v = 0; v <= S; v++) if (v !== r.shift + 1) this.pref[base + v] += r.weight;
    }
    for (const r of problem.offRequests)
      this.pref[(r.employee * D + r.day) * (S + 1) + r.shift + 1] += r.weight;
    for (const c of problem.cover) {
      const i = c.day * S + c.shift;
      this.req[i] += c.requirement;
      this.underW[i] = c.underWeight;
      this.overW[i] = c.overWeight;
    }
    this.recompute();
  }

  isUnder(d: number, s: number): boolean {
    const i = d * this.S + s;
    return this.coverCount[i] < this.req[i];
  }

  coverCost(i: number, n: number): number {
    const r = this.req[i];
    return n < r ? (r - n) * this.underW[i] : (n - r) * this.overW[i];
  }

  private minutesPen(e: number, m: number): number {
    const u = this.minuteUnit;
    if (m > this.maxMin[e]) return Math.ceil((m - this.maxMin[e]) / u);
    if (m < this.minMin[e]) return Math.ceil((this.minMin[e] - m) / u);
    return 0;
  }

  /** Full recomputation of soft and hard from the grid (start, load, and self-check). */
  recompute(): void {
    const { E, D, S } = this;
    this.coverCount.fill(0);
    this.cnt.fill(0);
    this.empMinutes.fill(0);
    this.wkCount.fill(0);
    this.wkWorked.fill(0);
    let soft = 0;
    let hard = 0;
    for (let e = 0; e < E; e++) {
      for (let d = 0; d < D; d++) {
        const v = this.grid[e * D + d];
        soft += this.pref[(e * D + d) * (S + 1) + v + 1];
        if (v === OFF) continue;
        if (!this.allowed[(e * D + d) * S + v]) hard += 1;
        this.coverCount[d * S + v]++;
        this.cnt[e * S + v]++;
        this.empMinutes[e] += this.minutes[v];
        const k = this.wkOf[d];
        if (k >= 0 && this.wkCount[e * this.W + k]++ === 0) this.wkWorked[e]++;
      }
      for (let s = 0; s < S; s++) hard += Math.max(0, this.cnt[e * S + s] - this.maxCnt[e * S + s]);
      hard += this.minutesPen(e, this.empMinutes[e]);
      hard += Math.max(0, this.wkWorked[e] - this.maxWk[e]);
      hard += this.seqLocal(e, 0, D - 1);
    }
    for (let i = 0; i < D * S; i++) soft += this.coverCost(i, this.coverCount[i]);
    this.soft = soft;
    this.hard = hard;
    this.dSoft = 0;
    this.dHard = 0;
  }

  /**
   * Sequence penalty (consecutive rules, rotation) of the runs around days a..b of row e. Runs are
   * extended to their true ends, which do not move when only cells in a..b change, so the
   * difference of two calls around a change is the exact delta.
   */
  seqLocal(e: number, a: number, b: number): number {
    const { D, S, grid } = this;
    const base = e * D;
    const lo = a > 0 ? a - 1 : 0;
    const hi = b < D - 1 ? b + 1 : D - 1;
    let pen = 0;
    for (let d = lo; d < hi; d++) {
      const x = grid[base + d];
      const y = grid[base + d + 1];
      if (x >= 0 && y >= 0 && this.forbid[x * S + y]) pen++;
    }
    let L = lo;
    const wl = grid[base + lo] >= 0;
    while (L > 0 && grid[base + L - 1] >= 0 === wl) L--;
    let R = hi;
    const wr = grid[base + hi] >= 0;
    while (R < D - 1 && grid[base + R + 1] >= 0 === wr) R++;
    const maxC = this.maxCons[e];
    const minC = this.minCons[e];
    const minO = this.minOff[e];
    let start = L;
    for (let d = L + 1; d <= R + 1; d++) {
      if (d <= R && grid[base + d] >= 0 === grid[base + start] >= 0) continue;
      const len = d - start;
      const inner = start > 0 && d < D;
      if (grid[base + start] >= 0) {
        if (len > maxC) pen += len - maxC;
        if (inner && len < minC) pen += minC - len;
      } else if (inner && len < minO) pen += minO - len;
      start = d;
    }
    return pen;
  }

  /** Sets one cell, accumulating the non-sequence part of the delta into dSoft/dHard. */
  set(e: number, d: number, v: number): void {
    const { D, S } = this;
    const i = e * D + d;
    const old = this.grid[i];
    if (old === v) return;
    const pb = i * (S + 1);
    let ds = this.pref[pb + v + 1] - this.pref[pb + old + 1];
    let dh = 0;
    let m = this.empMinutes[e];
    const m0 = m;
    if (old >= 0) {
      const c = d * S + old;
      const n = this.coverCount[c];
      ds += this.coverCost(c, n - 1) - this.coverCost(c, n);
      this.coverCount[c] = n - 1;
      const k = e * S + old;
      if (this.cnt[k]-- > this.maxCnt[k]) dh--;
      if (!this.allowed[i * S + old]) dh--;
      m -= this.minutes[old];
    }
    if (v >= 0) {
      const c = d * S + v;
      const n = this.coverCount[c];
      ds += this.coverCost(c, n + 1) - this.coverCost(c, n);
      this.coverCount[c] = n + 1;
      const k = e * S + v;
      if (++this.cnt[k] > this.maxCnt[k]) dh++;
      if (!this.allowed[i * S + v]) dh++;
      m += this.minutes[v];
    }
    if (m !== m0) {
      dh += this.minutesPen(e, m) - this.minutesPen(e, m0);
      this.empMinutes[e] = m;
    }
    const wk = this.wkOf[d];
    if (wk >= 0 && old >= 0 !== v >= 0) {
      const j = e * this.W + wk;
      const before = this.wkWorked[e];
      if (v >= 0) {
        if (this.wkCount[j]++ === 0) this.wkWorked[e]++;
      } else if (--this.wkCount[j] === 0) this.wkWorked[e]--;
      const mw = this.maxWk[e];
      dh += Math.max(0, this.wkWorked[e] - mw) - Math.max(0, before - mw);
    }
    this.grid[i] = v;
    this.dSoft += ds;
    this.dHard += dh;
  }

  /** Folds the accumulated delta into the totals. */
  commit(): void {
    this.soft += this.dSoft;
    this.hard += this.dHard;
    this.dSoft = 0;
    this.dHard = 0;
  }

  load(roster: Roster): void {
    for (let e = 0; e < this.E; e++)
      for (let d = 0; d < this.D; d++) this.grid[e * this.D + d] = roster[e][d];
    this.recompute();
  }

  toRoster(grid: Int16Array = this.grid): Roster {
    const out: Roster = [];
    for (let e = 0; e < this.E; e++) out.push(Array.from(grid.subarray(e * this.D, (e + 1) * this.D)));
    return out;
  }
}
