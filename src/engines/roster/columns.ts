// Column generation over a window of days ("price and branch"). Each employee's part of the window
// is a column: values for those days that meet every hard rule of the row, given its cells outside
// the window. The master picks one column per employee and pays requests plus cover. Columns are
// priced by the exact row programme (row-dp.ts) with the cover rows' dual values; the integer master
// over the columns found then gives a roster. The start roster's columns are in the master, so the
// answer is never worse than the start. Tight instances (every row at its minutes limit, cover at
// the edge of supply) are where the cell moves get stuck and this master's LP bound is close.
import type { Highs } from "highs";
import { evaluate } from "./checker.js";
import { integralWeights, type Roster, type RosterProblem } from "./model.js";
import { Rng } from "./rng.js";
import { INF, RowDp } from "./row-dp.js";
import { SearchState } from "./search-state.js";

export interface ColumnGenOptions {
  /** Milliseconds. */
  clock: () => number;
  /** In `clock` milliseconds: nothing runs past it. */
  deadline: number;
  shouldStop?: () => boolean;
  /** Days freed (inclusive); default the whole horizon. */
  from?: number;
  to?: number;
  /**
   * Days of the window freed (default all): the others keep their start values, so a window can
   * free, say, the weekends of the whole horizon.
   */
  freeDay?: (day: number) => boolean;
  /** Share of the time left spent pricing before the integer master (default 0.6). */
  lpShare?: number;
  /** A dive's best this close to the LP bound ends the search (default 0: only a proved one). */
  closeEnough?: number;
  /**
   * A start already within `closeEnough` of the LP bound gets a first dive of at most this many
   * seconds per point between them (default: no limit): what the caller gains per second elsewhere.
   */
  diveSecondsPerPoint?: number;
  /**
   * Returns the start as soon as pricing has not converged in its share of the time, instead of
   * solving the integer master over the columns found so far (default false).
   */
  convergedOnly?: boolean;
  seed?: number;
}

export interface ColumnGenResult {
  roster: Roster;
  objective: number;
  /**
   * Lower bound on the objective with the window freed (the master's LP), when pricing finished and
   * was exact (no cap penalties in the row programme).
   */
  bound?: number;
  /** The roster is proved optimal (its objective meets the bound). */
  optimal: boolean;
  /** Proved optimal, or within `closeEnough` of the bound: nothing is left worth searching for. */
  settled: boolean;
}

/** Fixed-point scale of the priced cell costs (duals are fractional, the programme's costs integers). */
const SCALE = 1000;

/** HiGHS `simplex_strategy` values. */
const SIMPLEX_DUAL = 1;
const SIMPLEX_PRIMAL = 4;

export function priceAndBranch(
  highs: Highs,
  problem: RosterProblem,
  start: Roster,
  options: ColumnGenOptions,
): ColumnGenResult {
  const { clock, deadline } = options;
  const stopped = (): boolean => clock() >= deadline || (options.shouldStop?.() ?? false);
  const st = new SearchState(problem);
  st.load(start);
  const dp = new RowDp(st);
  const { E, D, S } = st;
  const V = S + 1;
  const a = options.from ?? 0;
  const b = options.to ?? D - 1;
  const len = b - a + 1;
  const freeDay = options.freeDay ?? (() => true);

  // Rows: one convexity row per employee, then one per covered (day, shift) of the window.
  const coverRow = new Int32Array(len * S).fill(-1);
  const coverCells: number[] = [];
  for (let i = 0; i < len; i++)
    for (let s = 0; s < S; s++) {
      const c = (a + i) * S + s;
      if (freeDay(a + i) && (st.req[c] > 0 || st.underW[c] > 0 || st.overW[c] > 0)) {
        coverRow[i * S + s] = E + coverCells.length;
        coverCells.push(c);
      }
    }
  const R = E + coverCells.length;

  // Columns: under and over slack per cover row, then the employees' columns (no upper bounds: the
  // convexity rows imply them, and a bound's dual would hide a column from pricing).
  interface Column {
    e: number;
    values: Int16Array;
  }
  const cols: Column[] = [];
  const seen = new Set<string>();
  const colCost = (e: number, values: Int16Array): number => {
    let c = 0;
    for (let i = 0; i < len; i++) c += st.pref[(e * D + a + i) * V + values[i] + 1];
    return c;
  };
  const entries = (e: number, values: Int16Array): { indices: Int32Array; values: Float64Array } => {
    const idx = [e];
    for (let i = 0; i < len; i++) {
      const v = values[i];
      if (v >= 0 && coverRow[i * S + v] >= 0) idx.push(coverRow[i * S + v]);
    }
    return { indices: Int32Array.from(idx), values: new Float64Array(idx.length).fill(1) };
  };
  const keyOf = (e: number, values: Int16Array): string => `${e}:${values.join(",")}`;
  const startCol = new Int32Array(E);
  for (let e = 0; e < E; e++) {
    const values = st.grid.slice(e * D + a, e * D + b + 1);
    seen.add(keyOf(e, values));
    startCol[e] = cols.length;
    cols.push({ e, values });
  }

  const nSlack = 2 * coverCells.length;
  const n0 = nSlack + cols.length;
  const cost = new Float64Array(n0);
  const upper = new Float64Array(n0).fill(Number.POSITIVE_INFINITY);
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  coverCells.forEach((c, k) => {
    cost[2 * k] = st.underW[c];
    cost[2 * k + 1] = st.overW[c];
    indices.push(E + k, E + k);
    values.push(1, -1);
    starts.push(indices.length - 1, indices.length);
  });
  cols.forEach((col, j) => {
    cost[nSlack + j] = colCost(col.e, col.values);
    const en = entries(col.e, col.values);
    indices.push(...en.indices);
    values.push(...en.values);
    starts.push(indices.length);
  });
  const rowBound = new Float64Array(R);
  rowBound.fill(1, 0, E);
  coverCells.forEach((c, k) => {
    rowBound[E + k] = st.req[c];
  });
  const model = highs.createModel({
    numCols: n0,
    numRows: R,
    colCost: cost,
    colLower: new Float64Array(n0),
    colUpper: upper,
    rowLower: rowBound,
    rowUpper: rowBound,
    matrix: {
      format: "csc",
      numRows: R,
      numCols: n0,
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
  });
  try {
    // Primal simplex while columns are added (the last basis stays primal feasible; the dual
    // simplex, HiGHS's default, took about twice as long on this degenerate master: Curtois–Qu 13,
    // days 0–13, LP converged in 4 s instead of 7–10, and 19's 28-day window in 2.8 s instead of
    // 5.7); dual simplex once the dives change bounds.
    model.options.set({
      output_flag: false,
      random_seed: options.seed ?? 0,
      simplex_strategy: SIMPLEX_PRIMAL,
    });
    const priced = new Int32Array(D * V);
    dp.priced = priced;
    dp.capStep = SCALE / 2;
    dp.capRounds = 14;
    dp.exactCaps = true;
    const t0 = clock();
    // Pricing is exact unless the programme fell back on cap penalties: only then is the LP a bound.
    let exact = true;
    let lpValue = Number.NaN;
    const run = (seconds: number): boolean => {
      model.zeroAllClocks();
      model.options.set({ time_limit: Math.max(0.01, seconds) });
      model.run({
        [highs.constants.callbackType.simplexInterrupt](event) {
          if (stopped()) event.interrupt();
        },
        [highs.constants.callbackType.mipInterrupt](event) {
          if (stopped()) event.interrupt();
        },
      });
      return model.getModelStatus() === highs.constants.modelStatus.optimal;
    };
    const colsOf: number[][] = Array.from({ length: E }, () => []);
    for (let j = 0; j < cols.length; j++) colsOf[cols[j].e].push(j);
    // Employees whose column the dive fixed: no longer priced.
    const fixed = new Uint8Array(E);
    /**
     * LP and pricing until no column prices out (true), or time runs out (false). The last LP's
     * solution and value (`lpValue`) stay in the model.
     */
    const generate = (until: number): boolean => {
      while (!stopped() && clock() < until) {
        if (!run((until - clock()) / 1000)) return false;
        lpValue = model.getObjectiveValue();
        const { rowDual } = model.getSolution();
        const dualOf = (i: number, v: number): number => {
          const r = v >= 0 ? coverRow[i * S + v] : -1;
          return r >= 0 ? rowDual[r] : 0;
        };
        const found: Column[] = [];
        for (let e = 0; e < E; e++) {
          if (fixed[e]) continue;
          if (clock() >= until) return false;
          for (let i = 0; i < len; i++) {
            const d = a + i;
            const pb = (e * D + d) * V;
            // A day not freed keeps its start value.
            const kept = freeDay(d) ? undefined : st.grid[e * D + d];
            for (let v = -1; v < S; v++)
              priced[d * V + v + 1] =
                kept === undefined || v === kept
                  ? Math.round((st.pref[pb + v + 1] - dualOf(i, v)) * SCALE)
                  : INF;
          }
          if (!dp.optimise(e, a, b)) {
            exact = false;
            continue;
          }
          if (!dp.exact) exact = false;
          const out = Int16Array.from(dp.out);
          // The exact reduced cost (the programme's is rounded).
          let rc = -rowDual[e];
          for (let i = 0; i < len; i++) rc += st.pref[(e * D + a + i) * V + out[i] + 1] - dualOf(i, out[i]);
          if (rc > -1e-6) continue;
          const key = keyOf(e, out);
          if (seen.has(key)) continue;
          seen.add(key);
          found.push({ e, values: out });
        }
        if (found.length === 0) return true;
        const cs = [0];
        const ix: number[] = [];
        const vs: number[] = [];
        for (const col of found) {
          const en = entries(col.e, col.values);
          ix.push(...en.indices);
          vs.push(...en.values);
          cs.push(ix.length);
          colsOf[col.e].push(cols.length);
          cols.push(col);
        }
        model.addCols({
          cost: Float64Array.from(found, (c) => colCost(c.e, c.values)),
          lower: new Float64Array(found.length),
          upper: new Float64Array(found.length).fill(Number.POSITIVE_INFINITY),
          matrix: {
            format: "csc",
            numRows: R,
            numCols: found.length,
            starts: Int32Array.from(cs),
            indices: Int32Array.from(ix),
            values: Float64Array.from(vs),
          },
        });
      }
      return false;
    };

    /** Master column values of the roster made of columns `pick`: its λs and the cover slacks. */
    const valuesOf = (pick: Int32Array): Float64Array => {
      const x = new Float64Array(nSlack + cols.length);
      const count = new Int32Array(coverCells.length);
      for (let e = 0; e < E; e++) {
        x[nSlack + pick[e]] = 1;
        const vals = cols[pick[e]].values;
        for (let i = 0; i < len; i++) {
          const r = vals[i] >= 0 ? coverRow[i * S + vals[i]] : -1;
          if (r >= 0) count[r - E]++;
        }
      }
      coverCells.forEach((c, k) => {
        x[2 * k] = Math.max(0, st.req[c] - count[k]);
        x[2 * k + 1] = Math.max(0, count[k] - st.req[c]);
      });
      return x;
    };
    // The part of the objective outside the window (the start's columns all have a `cost`).
    const before = evaluate(problem, start);
    const x0 = valuesOf(startCol);
    let outside = before.objective;
    for (let k = 0; k < n0; k++) outside -= cost[k] * x0[k];

    const share = (f: number): number => t0 + (deadline - t0) * f;
    const converged = generate(share(options.lpShare ?? 0.4));
    if (!converged && options.convergedOnly)
      return {
        roster: start.map((row) => row.slice()),
        objective: before.objective,
        optimal: false,
        settled: false,
      };
    const bound = converged && exact ? lpValue + outside : undefined;
    model.options.set({ simplex_strategy: SIMPLEX_DUAL });

    const rosterOf = (pick: (e: number) => number): Roster => {
      const r = start.map((row) => row.slice());
      for (let e = 0; e < E; e++) {
        const { values: vals } = cols[pick(e)];
        for (let i = 0; i < len; i++) r[e][a + i] = vals[i];
      }
      return r;
    };
    const rng = new Rng(options.seed ?? 1);
    /** Frees every employee's columns again, except the banned ones. */
    const unfix = (): void => {
      const m = cols.length;
      model.changeColsBounds(
        { kind: "range", from: nSlack, to: nSlack + m - 1 },
        new Float64Array(m),
        Float64Array.from({ length: m }, (_, j) => (banned.has(j) ? 0 : Number.POSITIVE_INFINITY)),
      );
    };
    // Dives: fix the employee whose best column the LP picks most (short of 1; later dives draw
    // among the three most picked), price again, until the LP picks one whole column per employee:
    // an integer roster following the LP's lead. A fix that raises the LP by more than a tenth of an
    // under-cover is undone and, for a single employee, its column banned (re-pricing to convergence
    // after each fix: fewer rounds ended further from the bound). (Fixing single cells drifts further: 1,507
    // against 1,307 on Curtois–Qu 8, whose bound is 1,297.) Dives repeat while time allows.
    let maxW = 1;
    for (const c of problem.cover) maxW = Math.max(maxW, c.underWeight);
    const jump = maxW / 10;
    const banned = new Set<number>();
    /** Keeps employee `e` to column `j` and stops pricing for `e`. */
    const fixColumn = (e: number, j: number): void => {
      fixed[e] = 1;
      for (const k of colsOf[e]) if (k !== j) model.changeColBounds(nSlack + k, 0, 0);
    };
    let from = startCol;
    let fromObjective = before.objective;
    let dives = 0;
    // Integral weights make every objective integral: within 1 of the bound is optimal.
    const integral = integralWeights(problem);
    const provedBy = (objective: number): boolean =>
      bound !== undefined && objective - bound < (integral ? 1 - 1e-6 : 1e-6);
    let optimal = provedBy(before.objective);
    // After a dive, a best this close to the bound ends the search (the first dive always runs:
    // windows of Curtois–Qu 15 whose start was close gain a little each, and it adds up).
    const near = (objective: number): boolean =>
      bound !== undefined && objective - bound <= (options.closeEnough ?? 0);
    let nearBound = false;
    const closeStart = near(before.objective);
    // Dives end at 80 % of the time, leaving the rest to the integer master, except the first: a
    // roster from one dive is worth more than the master over the columns of an unfinished one
    // (Curtois–Qu 13, 12-day windows: LP in 3 s, a dive in 5–7 s, so 10 s windows used to end empty).
    // From a start that close, the first dive has only what the few points left are worth.
    const firstDiveEnd =
      closeStart && bound !== undefined && options.diveSecondsPerPoint !== undefined
        ? Math.min(share(1), clock() + (before.objective - bound) * options.diveSecondsPerPoint * 1000)
        : share(1);
    const diveEnd = (): number => (dives === 0 ? firstDiveEnd : share(0.8));
    while (converged && !optimal && !nearBound && !stopped() && clock() < share(0.8)) {
      if (dives > 0) {
        fixed.fill(0);
        unfix();
        if (!generate(diveEnd())) break;
      }
      const chosen = new Int32Array(E).fill(-1);
      // Few backtracks: late in a dive most fixes raise the LP, and undoing them rarely brings it
      // back (the banned column was the good one); more dives did better (Curtois–Qu 15, 20 days:
      // one dive to 4,107 with 2E, two to 3,981 with E/4; LP 3,975).
      let backtracks = Math.ceil(E / 4);
      // A group is the share 1 / groupShare of the employees left (with `top`).
      let groupShare = 4;
      let done = false;
      let first = true;
      while (!stopped()) {
        const { colValue } = model.getSolution();
        const tops: number[] = [];
        for (let e = 0; e < E; e++) {
          let jBest = colsOf[e][0];
          for (const j of colsOf[e]) if (colValue[nSlack + j] > colValue[nSlack + jBest]) jBest = j;
          chosen[e] = jBest;
          if (colValue[nSlack + jBest] < 1 - 1e-6) tops.push(e);
          // The employees the LP already gives a whole column keep it for the dive: the LP stays
          // optimal and they are no longer priced (Curtois–Qu 13, 12-day windows: a dive in 4–5 s
          // instead of 7–8, the same rosters).
          else if (first && !fixed[e]) fixColumn(e, jBest);
        }
        first = false;
        if (tops.length === 0) {
          done = true; // integral: every employee has a whole column
          break;
        }
        tops.sort((x, y) => colValue[nSlack + chosen[y]] - colValue[nSlack + chosen[x]]);
        const top = tops[dives === 0 ? 0 : rng.int(Math.min(3, tops.length))];
        // With it, the quarter of the others the LP picks most (one re-pricing instead of one per
        // employee: a dive over 20 days of Curtois–Qu 15 took 7 s instead of more than 12), until a
        // group raises the LP too much; then an eighth, and so on down to one at a time (one at a
        // time straight away: Curtois–Qu 13, days 0–11 of a roster at 1,562, a dive of 9 s to 1,654
        // instead of 5 s to 1,554; the LP bound is 1,551).
        const group = [top];
        for (const e of tops.slice(0, Math.ceil(tops.length / groupShare))) if (e !== top) group.push(e);
        const lpBefore = lpValue;
        for (const e of group) fixColumn(e, chosen[e]);
        if (!generate(diveEnd())) break;
        if (lpValue - lpBefore <= jump || backtracks <= 0) continue;
        backtracks--;
        for (const e of group) {
          fixed[e] = 0;
          for (const j of colsOf[e])
            model.changeColBounds(nSlack + j, 0, banned.has(j) ? 0 : Number.POSITIVE_INFINITY);
        }
        // A group that raised the LP is undone whole and the groups halve; a single fix that did also
        // bans its column.
        if (group.length > 1) groupShare *= 2;
        else {
          banned.add(chosen[top]);
          model.changeColBounds(nSlack + chosen[top], 0, 0);
        }
        if (!generate(diveEnd())) break;
      }
      if (!done) break;
      dives++;
      const ev = evaluate(
        problem,
        rosterOf((e) => chosen[e]),
      );
      if (ev.hard.length === 0 && ev.objective < fromObjective) {
        from = chosen;
        fromObjective = ev.objective;
        optimal = provedBy(fromObjective);
      }
      nearBound = near(fromObjective);
    }

    // A start that close is settled, whatever its first dive did (ran out of its time, or never
    // started): no integer master.
    nearBound ||= closeStart;
    // The integer master over every column found, from the best of the start and the dives.
    const n = nSlack + cols.length;
    const roster = rosterOf((e) => from[e]);
    if (!optimal && !nearBound && !stopped()) {
      banned.clear();
      unfix();
      const types = new Int32Array(n);
      types.fill(highs.constants.variableType.integer, nSlack);
      model.changeColsIntegrality({ kind: "range", from: 0, to: n - 1 }, types);
      model.options.set({ mip_rel_gap: 0, ...(integral ? { mip_abs_gap: 0.99 } : {}) });
      model.setSolution({ colValue: valuesOf(from) });
      run((deadline - clock()) / 1000);
      if (Number(model.info.get("primal_solution_status")) === 2) {
        const { colValue } = model.getSolution();
        for (let j = 0; j < cols.length; j++) {
          if (colValue[nSlack + j] < 0.5) continue;
          const { e, values: vals } = cols[j];
          for (let i = 0; i < len; i++) roster[e][a + i] = vals[i];
        }
      }
    }
    const after = evaluate(problem, roster);
    const better = after.hard.length === 0 && after.objective <= before.objective;
    const objective = better ? after.objective : before.objective;
    return {
      roster: better ? roster : start.map((row) => row.slice()),
      objective,
      optimal: provedBy(objective),
      settled: provedBy(objective) || nearBound,
      bound,
    };
  } finally {
    model.dispose();
  }
}
