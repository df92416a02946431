// Exact re-optimisation of one employee's row over a window of days, the rest of the roster fixed:
// a dynamic programme over days whose state is (last value and run length, minutes worked in the
// window, weekends started in the window). Every hard rule of the row holds in its answer (shift
// caps through a few rounds of Lagrangian-style penalties); its soft cost (requests + the cover
// change that this row alone causes) is minimal among the rows it considers. A few rare edge cases
// are treated conservatively (a run touching day 0 that the window closes early), which only ever
// shrinks the set of rows considered, never admits an infeasible one.
import { OFF } from "./model.js";
import type { SearchState } from "./search-state.js";

/** The cost of a cell the programme may not take (a priced cell set to it is forbidden). */
export const INF = 0x3fffffff;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Scratch buffers reused between calls (one per search state). */
export class RowDp {
  private cost = new Int32Array(0);
  private pred = new Int32Array(0);
  private choice = new Int16Array(0);
  /** States reached on the current day and the next (indices within a layer). */
  private front = new Int32Array(0);
  private next = new Int32Array(0);
  private remaining = new Int32Array(0);
  /** Shifts with the same forbidden successors share a class: the state keeps the class only. */
  private readonly classOf: Int32Array;
  private readonly nClass: number;
  /** forbidC[c*S + t]: shift t may not follow a shift of class c. */
  private readonly forbidC: Uint8Array;
  /** Group of each shift, and one shift per group (see the constructor). */
  private readonly groupOf: Int32Array;
  private readonly groupRep: Int32Array;
  private readonly unit: number;
  private readonly units: Int32Array;
  private readonly isSat: Uint8Array;
  /** Cells set by the last `optimise` (values for days a..b). */
  readonly out: number[] = [];
  /** Size of the last programme (state transitions examined, roughly), for time sharing. */
  work = 0;
  /**
   * When set, the cell costs instead of requests + cover: `priced[d * (S + 1) + v + 1]` for value v
   * (OFF = -1) on day d (column generation prices rows with the cover's dual values this way).
   */
  priced: Int32Array | null = null;
  /** First penalty step of a shift type over its cap (doubles each round): about one cell's cost. */
  capStep = 50;
  /** False when the last answer went through cap penalties: optimal for the penalised costs only. */
  exact = true;
  /** Rounds of penalties before a window over a shift cap is given up. */
  capRounds = 4;
  /** Count the shift types found over their caps in the state (exact for them; slower). */
  exactCaps = false;
  /** Most count states (product of the counted types' cap + 1) with `exactCaps`. */
  maxCountStates = 64;

  constructor(private readonly st: SearchState) {
    let g = 0;
    for (const sh of st.problem.shifts) g = gcd(g, sh.minutes);
    this.unit = Math.max(1, g);
    this.units = Int32Array.from(st.problem.shifts, (s) => s.minutes / this.unit);
    const S = st.S;
    const keys = new Map<string, number>();
    this.classOf = new Int32Array(S);
    const rows: number[][] = [];
    for (let x = 0; x < S; x++) {
      const row = Array.from({ length: S }, (_, t) => st.forbid[x * S + t]);
      const key = row.join("");
      let c = keys.get(key);
      if (c === undefined) {
        c = keys.size;
        keys.set(key, c);
        rows.push(row);
      }
      this.classOf[x] = c;
    }
    this.nClass = Math.max(1, keys.size);
    this.forbidC = new Uint8Array(this.nClass * S);
    rows.forEach((row, c) => {
      for (let t = 0; t < S; t++) this.forbidC[c * S + t] = row[t];
    });
    // Shifts alike for the programme (same class, forbidden predecessors and length) form a group:
    // per day only the cheapest of a group is tried.
    const gKeys = new Map<string, number>();
    const reps: number[] = [];
    this.groupOf = new Int32Array(S);
    for (let x = 0; x < S; x++) {
      const col = Array.from({ length: S }, (_, y) => st.forbid[y * S + x]).join("");
      const key = `${this.classOf[x]}|${this.units[x]}|${col}`;
      let g = gKeys.get(key);
      if (g === undefined) {
        g = gKeys.size;
        gKeys.set(key, g);
        reps.push(x);
      }
      this.groupOf[x] = g;
    }
    this.groupRep = Int32Array.from(reps);
    this.isSat = new Uint8Array(st.D);
    for (let d = 5; d < st.D; d += 7) this.isSat[d] = 1;
  }

  /**
   * Best values for days a..b of row e (into `out`), or false when no row of the window meets
   * every hard rule. With `forceDay` in a..b, that day must hold `forceValue`. With `frac` < 1
   * (construction, window by window), the whole-row limits are scaled to that fraction, loosely.
   * `slackMinutes` / `slackWeekends` widen the whole-row limits (a first step of a transfer between
   * two windows of the row: the second window, under the true limits, must make up for it).
   * With `repair`, a row already past a whole-row limit outside the window is not given up: the
   * window then works no weekend / no minute beyond the limits, and short of the minimum minutes
   * it works as many as it can.
   */
  optimise(
    e: number,
    a: number,
    b: number,
    forceDay = -1,
    forceValue = OFF,
    frac = 1,
    slackMinutes = 0,
    slackWeekends = 0,
    repair = false,
  ): boolean {
    const st = this.st;
    const { D, S, grid } = st;
    const base = e * D;
    const len = b - a + 1;
    const maxC = st.maxCons[e];
    const minC = st.minCons[e];
    const minO = st.minOff[e];
    const hasMax = maxC < D;
    const Lc = hasMax ? Math.max(1, maxC) : Math.max(1, minC);
    const Oc = Math.max(1, minO);
    // Phases: work (s, l in 1..Lc, exempt bit) then off (l in 1..Oc).
    const workPhases = this.nClass * Lc * 2;
    const classOf = this.classOf;
    const P = workPhases + Oc;
    const wph = (s: number, l: number, ex: number): number => (s * Lc + (l - 1)) * 2 + ex;
    // Per phase: class of the last shift (-1 off), run length, exempt bit, and the phase after a
    // day off (-1: not allowed).
    const phaseClass = new Int32Array(P);
    const phaseRun = new Int32Array(P);
    const phaseExempt = new Int32Array(P);
    const offNext = new Int32Array(P);
    for (let p = 0; p < P; p++) {
      if (p < workPhases) {
        phaseExempt[p] = p & 1;
        phaseClass[p] = Math.floor((p >> 1) / Lc);
        phaseRun[p] = ((p >> 1) % Lc) + 1;
        offNext[p] = phaseRun[p] >= minC || phaseExempt[p] === 1 ? workPhases : -1;
      } else {
        phaseClass[p] = -1;
        phaseRun[p] = p - workPhases + 1;
        offNext[p] = workPhases + Math.min(phaseRun[p] + 1, Oc) - 1;
      }
    }

    // Fixed parts outside the window: minutes, counts per type, weekends worked.
    let outMin = st.empMinutes[e];
    const outCnt = new Int32Array(S);
    for (let s = 0; s < S; s++) outCnt[s] = st.cnt[e * S + s];
    for (let d = a; d <= b; d++) {
      const v = grid[base + d];
      if (v >= 0) {
        outMin -= st.minutes[v];
        outCnt[v]--;
      }
    }
    const loose = frac < 1;
    const cap = (t: number): number => {
      const c = st.maxCnt[e * S + t];
      return loose && c < D ? Math.ceil(c * frac) + 1 : c;
    };
    for (let s = 0; s < S; s++) if (outCnt[s] > cap(s)) return false;
    const u = this.unit;
    const maxShiftMin = this.unit * Math.max(0, ...this.units);
    const rowMax = (loose ? st.maxMin[e] * frac + maxShiftMin : st.maxMin[e]) + slackMinutes;
    const rowMin = (loose ? st.minMin[e] * frac : st.minMin[e]) - slackMinutes;
    let mHi = Math.floor((rowMax - outMin) / u);
    if (mHi < 0 && repair) mHi = 0;
    if (mHi < 0) return false;
    const mLo = Math.max(0, Math.ceil((rowMin - outMin) / u));
    let maxUnit = 0;
    for (let s = 0; s < S; s++) maxUnit = Math.max(maxUnit, this.units[s]);
    const M = Math.min(mHi, len * maxUnit) + 1;
    if (mLo > M - 1 && !repair) return false;
    // Lowest minutes a state may hold and still end in range (repair: any).
    const mNeed = repair ? 0 : mLo;
    // Weekends: those with a worked day outside the window are counted as fixed.
    const wkOf = st.wkOf;
    const wkFixed = new Set<number>();
    const wkInside = new Set<number>();
    for (let d = 0; d < D; d++) {
      const k = wkOf[d];
      if (k < 0) continue;
      if (d >= a && d <= b) wkInside.add(k);
      else if (grid[base + d] >= 0) wkFixed.add(k);
    }
    let wHi = (loose ? Math.ceil(st.maxWk[e] * frac) : st.maxWk[e]) + slackWeekends - wkFixed.size;
    if (wHi < 0 && repair) wHi = 0;
    if (wHi < 0) return false;
    let insideFree = 0;
    for (const k of wkInside) if (!wkFixed.has(k)) insideFree++;
    const Wk = Math.min(wHi, insideFree) + 1;

    // Cell costs: requests plus the cover change of this row alone.
    const V = S + 1;
    const cellCost = new Int32Array(len * V);
    for (let i = 0; i < len; i++) {
      const d = a + i;
      const cur = grid[base + d];
      const pb = (base + d) * V;
      const priced = this.priced;
      cellCost[i * V] = priced ? priced[d * V] : st.pref[pb];
      for (let s = 0; s < S; s++) {
        if (!st.allowed[(base + d) * S + s]) {
          cellCost[i * V + s + 1] = INF;
          continue;
        }
        if (priced) {
          cellCost[i * V + s + 1] = priced[d * V + s + 1];
          continue;
        }
        const c = d * S + s;
        const n0 = st.coverCount[c] - (cur === s ? 1 : 0);
        cellCost[i * V + s + 1] = st.pref[pb + s + 1] + st.coverCost(c, n0 + 1) - st.coverCost(c, n0);
      }
      if (d === forceDay) for (let v = -1; v < S; v++) if (v !== forceValue) cellCost[i * V + v + 1] = INF;
    }

    // Initial state: the run ending at a-1 (or "off since forever" before day 0).
    let p0: number;
    if (a === 0) p0 = workPhases + Oc - 1;
    else {
      const v = grid[base + a - 1];
      let L = 1;
      while (a - 1 - L >= 0 && grid[base + a - 1 - L] >= 0 === v >= 0) L++;
      const touches0 = a - 1 - L < 0;
      if (v >= 0) {
        if (hasMax && L > maxC) return false;
        const l = Math.min(L, Lc);
        p0 = wph(classOf[v], l, touches0 && l < minC ? 1 : 0);
      } else p0 = workPhases + (touches0 ? Oc : Math.min(L, Oc)) - 1;
    }
    // The fixed run starting at b+1.
    let nextV = OFF;
    let R = 0;
    let touchesEnd = true;
    if (b < D - 1) {
      nextV = grid[base + b + 1];
      R = 1;
      while (b + 1 + R < D && grid[base + b + 1 + R] >= 0 === nextV >= 0) R++;
      touchesEnd = b + 1 + R >= D;
    }

    const capPen = new Int32Array(S);
    this.work = 0;
    this.exact = true;
    // With `exactCaps`, each type found over its cap is counted in the state from the next round on
    // (mixed radix: digit i of the count index holds 0..cap left of counted[i]), so its cap holds
    // exactly; without, over-cap types get penalties.
    const counted: number[] = [];
    const digitOf = new Int32Array(S).fill(-1);
    const stride: number[] = [];
    const radix: number[] = [];
    for (let round = 0; ; round++) {
      let K = 1;
      for (let i = 0; i < counted.length; i++) {
        stride[i] = K;
        radix[i] = cap(counted[i]) - outCnt[counted[i]] + 1;
        K *= radix[i];
      }
      const W = Wk * K;
      const layer = P * M * W;
      const need = layer * (len + 1);
      if (this.cost.length < need) {
        this.cost = new Int32Array(need);
        this.pred = new Int32Array(need);
        this.choice = new Int16Array(need);
      }
      const choice = this.choice;
      const cost = this.cost;
      const pred = this.pred;
      this.work += need * (S + 1);
      cost.fill(INF, 0, need);
      cost[(p0 * M + 0) * W + 0] = 0;
      const forbid = this.forbidC;
      const units = this.units;
      // Cheapest shift of each group per day (ties: the lowest index, as a plain scan would).
      // Each counted type is a group of its own (groups G0 + i; the rest of its old group keeps the
      // old rep, alike in everything the programme reads).
      const G0 = this.groupRep.length;
      const G = G0 + counted.length;
      const reps = counted.length > 0 ? Int32Array.from([...this.groupRep, ...counted]) : this.groupRep;
      const gCost = new Int32Array(len * G).fill(INF);
      const gShift = new Int16Array(len * G);
      for (let i = 0; i < len; i++)
        for (let t = 0; t < S; t++) {
          const c = cellCost[i * V + t + 1];
          const j = i * G + (digitOf[t] >= 0 ? G0 + digitOf[t] : this.groupOf[t]);
          if (c < gCost[j]) {
            gCost[j] = c;
            gShift[j] = t;
          }
        }

      // Transitions by phase after each group's shift (-1: a forbidden succession or a run too
      // long); `workNext0` for day 0 (exempt runs). The groups change between rounds.
      const workNext = new Int32Array(P * G);
      const workNext0 = new Int32Array(P * G);
      const gUnit = new Int32Array(G);
      for (let g = 0; g < G; g++) gUnit[g] = units[reps[g]];
      for (let p = 0; p < P; p++) {
        const isWork = p < workPhases;
        const ps = phaseClass[p];
        const pl = phaseRun[p];
        const pex = phaseExempt[p];
        for (let g = 0; g < G; g++) {
          const r = reps[g];
          let np = -1;
          let np0 = -1;
          if (isWork) {
            if (!(hasMax && pl + 1 > maxC) && !forbid[ps * S + r]) {
              const nl = Math.min(pl + 1, Lc);
              np = np0 = wph(classOf[r], nl, nl < minC ? pex : 0);
            }
          } else if (pl >= minO) {
            np = wph(classOf[r], 1, 0);
            np0 = wph(classOf[r], 1, 1 < minC ? 1 : 0);
          }
          workNext[p * G + g] = np;
          workNext0[p * G + g] = np0;
        }
      }
      // Most minutes the days left can still add, from each phase (a relaxation: no weekend, count
      // or end-of-window rule): a state that cannot reach the minimum minutes even so is dropped
      // (Curtois–Qu 19, whose rows end within two shifts of their minimum: pricing a 28-day window
      // took a third less time than with a bound of every day left worked).
      const NONE = -(1 << 29);
      if (this.remaining.length < (len + 1) * P) this.remaining = new Int32Array((len + 1) * P);
      const rem = this.remaining;
      rem.fill(0, len * P, (len + 1) * P);
      for (let i = len - 1; i >= 0; i--) {
        const tbl = a + i === 0 ? workNext0 : workNext;
        const here = i * P;
        const after = here + P;
        for (let p = 0; p < P; p++) {
          const op = offNext[p];
          let best = op >= 0 ? rem[after + op] : NONE;
          for (let g = 0; g < G; g++) {
            const np = tbl[p * G + g];
            if (np < 0 || gCost[i * G + g] >= INF) continue;
            const v = gUnit[g] + rem[after + np];
            if (v > best) best = v;
          }
          rem[here + p] = best < NONE / 2 ? NONE : best;
        }
      }
      // Only the states reached are expanded, from a list per day: most of a day's states are never
      // reached (Curtois–Qu 19, 28-day windows: one in eighteen was), and scanning them all took
      // 40 % more time.
      let front = this.front;
      let next = this.next;
      if (front.length < layer) {
        front = this.front = new Int32Array(layer);
        next = this.next = new Int32Array(layer);
      }
      let nFront = 1;
      front[0] = (p0 * M + 0) * W + 0;
      const MW = M * W;
      for (let i = 0; i < len; i++) {
        const d = a + i;
        const k = wkOf[d];
        const wkCounts = k >= 0 && !wkFixed.has(k);
        const sat = this.isSat[d] === 1;
        const from = i * layer;
        const to = from + layer;
        const cc = i * V;
        const gi = i * G;
        const offCost = cellCost[cc];
        const table = d === 0 ? workNext0 : workNext;
        const remHere = i * P;
        let nNext = 0;
        for (let f = 0; f < nFront; f++) {
          const src = front[f];
          const c0 = cost[from + src];
          const p = (src / MW) | 0;
          const mw = src - p * MW;
          const m = (mw / W) | 0;
          if (m + rem[remHere + p] < mNeed) continue;
          const w = mw - m * W;
          // OFF.
          const op = offNext[p];
          if (op >= 0) {
            const idx = to + (op * M + m) * W + w;
            const c = c0 + offCost;
            const old = cost[idx];
            if (c < old) {
              if (old >= INF) next[nNext++] = idx - to;
              cost[idx] = c;
              pred[idx] = src;
              choice[idx] = OFF;
            }
          }
          // Work: a weekend worked counts from its Saturday, or from its Sunday after a day off.
          const nw0 = wkCounts && (sat || p >= workPhases) ? w + K : w;
          if (nw0 >= W) continue;
          const tb = p * G;
          for (let g = 0; g < G; g++) {
            const cs = gCost[gi + g];
            if (cs >= INF) continue;
            const np = table[tb + g];
            if (np < 0) continue;
            const nm = m + gUnit[g];
            if (nm >= M) continue;
            let nw = nw0;
            if (g >= G0) {
              const q = g - G0;
              if (Math.floor(nw / stride[q]) % radix[q] === radix[q] - 1) continue;
              nw += stride[q];
            }
            const idx = to + (np * M + nm) * W + nw;
            const c = c0 + cs;
            const old = cost[idx];
            if (c < old) {
              if (old >= INF) next[nNext++] = idx - to;
              cost[idx] = c;
              pred[idx] = src;
              choice[idx] = gShift[gi + g];
            }
          }
        }
        const t = front;
        front = next;
        next = t;
        nFront = nNext;
      }

      // Best terminal state compatible with the fixed run after the window.
      const last = len * layer;
      let bestC = INF;
      let bestI = -1;
      const ends: number[] = [];
      for (let p = 0; p < P; p++) {
        const isWork = p < workPhases;
        const ps = phaseClass[p];
        const pl = phaseRun[p];
        const pex = phaseExempt[p];
        if (b < D - 1) {
          if (isWork && nextV >= 0) {
            if (forbid[ps * S + nextV]) continue;
            if (hasMax && pl + R > maxC) continue;
            if (pl + R < minC && pex === 0 && !touchesEnd) continue;
          } else if (isWork) {
            if (pl < minC && pex === 0) continue;
            if (R < minO && !touchesEnd) continue;
          } else if (nextV < 0) {
            if (pl + R < minO && !touchesEnd) continue;
          } else {
            if (pl < minO) continue;
            if (hasMax && R > maxC) continue;
            if (R < minC && !touchesEnd) continue;
          }
        }
        ends.push(p);
        for (let m = mLo; m < M; m++)
          for (let w = 0; w < W; w++) {
            const c = cost[last + (p * M + m) * W + w];
            if (c < bestC) {
              bestC = c;
              bestI = (p * M + m) * W + w;
            }
          }
      }
      // Repair short of the minimum minutes: the most minutes reachable, then the cheapest.
      for (let m = Math.min(mLo, M) - 1; repair && bestI < 0 && m >= 0; m--)
        for (const p of ends)
          for (let w = 0; w < W; w++) {
            const c = cost[last + (p * M + m) * W + w];
            if (c < bestC) {
              bestC = c;
              bestI = (p * M + m) * W + w;
            }
          }
      if (bestI < 0) return false;
      const out = this.out;
      out.length = len;
      let s = bestI;
      for (let i = len - 1; i >= 0; i--) {
        out[i] = choice[(i + 1) * layer + s];
        s = pred[(i + 1) * layer + s];
      }
      // Shift caps: the programme does not count types; over a cap, that type gets dearer and the
      // programme runs again (a few rounds, then the window is given up).
      let over = false;
      for (let t = 0; t < S; t++) {
        let n = outCnt[t];
        for (let i = 0; i < len; i++) if (out[i] === t) n++;
        if (n > cap(t)) {
          over = true;
          // Counted while the states stay few enough; past that, penalties as without exactCaps.
          const r = cap(t) - outCnt[t] + 1;
          if (this.exactCaps && digitOf[t] < 0 && K * r <= this.maxCountStates) {
            digitOf[t] = counted.length;
            counted.push(t);
            K *= r;
            continue;
          }
          const add = capPen[t] === 0 ? this.capStep : capPen[t];
          capPen[t] += add;
          this.exact = false;
          for (let i = 0; i < len; i++) if (cellCost[i * V + t + 1] < INF) cellCost[i * V + t + 1] += add;
        }
      }
      if (!over) return true;
      if (round >= this.capRounds) return false;
    }
  }
}

/**
 * Cover-aware construction: employees one after the other, each row built window by window by the
 * programme, given the rows already built (so later rows fill the cover the earlier ones left).
 * Rows the programme cannot complete are left partly off for the search to repair.
 */
export function constructByRows(st: SearchState, order: number[], window: number): void {
  const dp = new RowDp(st);
  const D = st.D;
  const maxShift = Math.max(0, ...st.minutes);
  st.grid.fill(OFF);
  st.recompute();
  // Days each employee may work at all, cumulated: rows are paced on those, not on calendar days
  // (a row with a long leave late in the horizon must work more before it).
  const open = new Int32Array(D + 1);
  for (const e of order) {
    open[0] = 0;
    for (let d = 0; d < D; d++) open[d + 1] = open[d] + (st.allowedList[e * D + d].length > 0 ? 1 : 0);
    for (let a = 0; a < D; a += window) {
      const b = Math.min(D - 1, a + window - 1);
      // Scaled limits until the last window, which must meet the row's true limits (with the
      // window before it free again if need be).
      const last = b === D - 1;
      const frac = last
        ? 1
        : open[D] > 0
          ? Math.max(0.01, Math.min(0.99, open[b + 1] / open[D]))
          : (b + 1) / D;
      let from = a;
      let ok = dp.optimise(e, a, b, -1, OFF, frac);
      if (!ok && last && a > 0) {
        from = Math.max(0, a - window);
        ok = dp.optimise(e, from, b);
      }
      // Rather than leave the window empty, the row may miss its minutes by a few shifts.
      for (let k = 1; !ok && k <= 4; k *= 2) {
        from = a;
        ok = dp.optimise(e, a, b, -1, OFF, frac, k * maxShift);
      }
      if (!ok) {
        from = a;
        ok = dp.optimise(e, a, b, -1, OFF, frac, 0, 0, true);
      }
      if (!ok) continue;
      for (let d = from; d <= b; d++) st.set(e, d, dp.out[d - from]);
      st.commit();
    }
  }
  st.recompute();
}
