// MIP-based large-neighbourhood search: from a feasible roster, repeatedly free a block of cells
// (a window of days for everyone, a few employees over the whole horizon, or employees sharing a
// shift type over a window), solve that sub-problem exactly with HiGHS (the roster as MIP start,
// a time limit of its own), and keep the result if the independent checker finds it feasible and no
// worse. The block size follows how fast HiGHS proves the sub-problems. Pure apart from HiGHS: the
// clock, the seed and the HiGHS module come from the caller.
import type { Highs } from "highs";
import { evaluate } from "./checker.js";
import { priceAndBranch } from "./columns.js";
import { buildMip, type FreeCells } from "./mip.js";
import { integralWeights, type Roster, type RosterProblem, weekends } from "./model.js";
import { Rng } from "./rng.js";

export interface LnsOptions {
  seed: number;
  /** Milliseconds. */
  clock: () => number;
  /** In `clock` milliseconds: no sub-solve runs past it. */
  deadline: number;
  /** Polled between sub-solves and inside HiGHS; true stops the search. */
  shouldStop?: () => boolean;
  /** Called with each new best (checker-verified feasible; the array is a fresh copy). */
  onImprove?: (objective: number, roster: Roster) => void;
  /** Polled between sub-solves: a roster found elsewhere, adopted if feasible and better. */
  incoming?: () => Roster | undefined;
  /** Before the neighbourhoods, try the whole problem for at most this long (seconds; 0 = never). */
  wholeSeconds?: number;
  /**
   * Before the neighbourhoods (after the whole problem, if any), column generation with dives over
   * the whole horizon for at most this long (seconds; 0 = never; see columns.ts).
   */
  columnSeconds?: number;
  /**
   * Days of a window re-solved by column generation for everyone (a fourth neighbourhood kind, drawn
   * like the others by gain per second; 0 = none).
   */
  columnWindow?: number;
  /**
   * This search's index among those sharing rosters (default 0): with column windows, even ones
   * open with a weekend window, odd ones with a window of days, so that they do not start alike.
   */
  index?: number;
  /**
   * The column windows' record (`windowBoard`), shared by searches that exchange rosters so that
   * their windows sweep different days at the same time; default this search's own.
   */
  windows?: Int32Array;
  /** Time limit of one sub-problem (seconds, default 3). */
  subSeconds?: number;
  /** Free cells of the first neighbourhoods (default 120); adapted afterwards. */
  initialCells?: number;
  /** Diagnostics: called after each sub-solve. */
  onSolve?: (info: {
    kind: number;
    cells: number;
    optimal: boolean;
    seconds: number;
    objective: number;
    /** The objective before this sub-solve. */
    before: number;
    /** The days freed (inclusive). */
    from: number;
    to: number;
    /** Days freed in that span (a weekend window's fewer), and the sub-solve's time limit (seconds). */
    freeDays: number;
    limit: number;
  }) => void;
  /** Stop after this many sub-solves (tests). */
  maxSolves?: number;
}

export interface LnsResult {
  roster: Roster;
  objective: number;
  feasible: boolean;
  /** True when a whole-problem solve proved the roster optimal. */
  optimal: boolean;
  solves: number;
  improvements: number;
}

interface SubResult {
  roster?: Roster;
  /** HiGHS proved the sub-problem's optimum (so a larger block is worth trying). */
  optimal: boolean;
  /** Proved, or close enough to its bound to leave (a column window); default `optimal`. */
  settled?: boolean;
  seconds: number;
}

/** Solves the MIP of `free` cells around `base` with HiGHS; `base` is the MIP start. */
export function solveSubMip(
  highs: Highs,
  problem: RosterProblem,
  base: Roster,
  free: FreeCells,
  timeLimit: number,
  seed: number,
  interrupt: () => boolean = () => false,
  highsOptions: Record<string, number | string | boolean> = {},
): SubResult {
  const mip = buildMip(problem, base, free);
  const model = highs.createModel({ format: "lp", data: mip.lp });
  try {
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.01, timeLimit),
      random_seed: seed,
      mip_rel_gap: 0,
      ...highsOptions,
    });
    const n = model.getDimensions().numCols;
    const names = Array.from({ length: n }, (_, i) => model.getColName(i));
    const start = mip.start();
    model.setSolution({ colValue: Float64Array.from(names, (name) => start.get(name) ?? 0) });
    model.run({
      [highs.constants.callbackType.mipInterrupt](event) {
        if (interrupt()) event.interrupt();
      },
    });
    const status = model.getModelStatus();
    const seconds = model.getRunTime();
    const optimal = status === highs.constants.modelStatus.optimal;
    if (Number(model.info.get("primal_solution_status")) !== 2) return { optimal, seconds };
    const values = model.getSolution().colValue;
    const columns: Record<string, { Primal: number }> = {};
    names.forEach((name, i) => {
      columns[name] = { Primal: values[i] };
    });
    return { roster: mip.decode(columns), optimal, seconds };
  } finally {
    model.dispose();
  }
}

const copy = (r: Roster): Roster => r.map((row) => row.slice());

/** Picks `k` distinct values of `pool` (all of it if smaller). */
function pick(rng: Rng, pool: number[], k: number): number[] {
  const a = pool.slice();
  for (let i = 0; i < Math.min(k, a.length); i++) {
    const j = i + rng.int(a.length - i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, Math.min(k, a.length));
}

const clamp = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, x));

/** What each day costs in `roster`: cover shortfall or excess plus requests not met that day. */
export function dayCosts(problem: RosterProblem, roster: Roster): number[] {
  const cost = new Array<number>(problem.days).fill(0);
  for (const c of problem.cover) {
    let n = 0;
    for (const row of roster) if (row[c.day] === c.shift) n++;
    cost[c.day] +=
      n < c.requirement ? (c.requirement - n) * c.underWeight : (n - c.requirement) * c.overWeight;
  }
  for (const r of problem.onRequests) if (roster[r.employee][r.day] !== r.shift) cost[r.day] += r.weight;
  for (const r of problem.offRequests) if (roster[r.employee][r.day] === r.shift) cost[r.day] += r.weight;
  return cost;
}

/** A day drawn in proportion to what it costs (undefined when nothing costs). */
export function costlyDay(dayCost: number[], rng: Rng): number | undefined {
  const total = dayCost.reduce((a, b) => a + b, 0);
  if (total <= 0) return undefined;
  let x = rng.float() * total;
  let day = 0;
  while (day < dayCost.length - 1 && x >= dayCost[day]) x -= dayCost[day++];
  return day;
}

/** Neighbourhood kinds: 0 = day window for all, 1 = employees over the horizon, 2 = related employees × window. */
export function neighbourhood(
  problem: RosterProblem,
  rng: Rng,
  kind: number,
  cells: number,
  dayCost?: number[],
): FreeCells {
  const E = problem.employees.length;
  const D = problem.days;
  const all = Array.from({ length: E }, (_, e) => e);
  // Half the windows cover a day drawn in proportion to what it costs (cover and requests).
  const windowStart = (w: number): number => {
    const day = dayCost && rng.int(2) === 1 ? costlyDay(dayCost, rng) : undefined;
    return day === undefined ? rng.int(D - w + 1) : columnWindowAt(day, w, D, rng).from;
  };
  if (kind === 0) {
    const w = clamp(Math.round(cells / E), 2, D);
    const from = windowStart(w);
    return { from, to: from + w - 1 };
  }
  if (kind === 1) return { employees: pick(rng, all, clamp(Math.round(cells / D), 2, E)) };
  const w = Math.min(D, 7 + rng.int(8));
  const k = clamp(Math.round(cells / w), 2, E);
  const s = rng.int(problem.shifts.length);
  const able = all.filter((e) => problem.employees[e].maxShifts[s] > 0);
  const chosen = pick(rng, able, k);
  if (chosen.length < k)
    chosen.push(
      ...pick(
        rng,
        all.filter((e) => !chosen.includes(e)),
        k - chosen.length,
      ),
    );
  const from = windowStart(w);
  return { employees: chosen, from, to: from + w - 1 };
}

/**
 * The Saturdays and Sundays of `count` consecutive weekends (all of them if fewer), as a column
 * window over their days in which only those days are free; with `margin` 1 their Fridays too, with
 * 2 their Fridays and Mondays. The weekends an employee may work are counted over the whole
 * horizon, so who works which weekend is a choice a window of days cannot change when the weekends
 * are all taken (Curtois–Qu 13: 250 of 250, every under-cover on a weekend); freeing every weekend
 * at once can, and the days next to them let the runs around a moved weekend move with it
 * (Curtois–Qu 13 from an annealed 1,865: Saturdays and Sundays proved at 1,865; Fridays to Sundays
 * 1,648 and Fridays to Mondays 1,622, each proved, in 8 and 14 s).
 */
export function weekendWindow(
  problem: RosterProblem,
  rng: Rng,
  count: number,
  margin = 0,
): { from: number; to: number; freeDay: (day: number) => boolean } | undefined {
  const all = weekends(problem.days);
  if (all.length === 0) return undefined;
  const k = clamp(Math.round(count), 1, all.length);
  const first = rng.int(all.length - k + 1);
  const free = new Set<number>();
  for (const [sat, sun] of all.slice(first, first + k)) {
    free.add(sat);
    if (sun !== undefined) free.add(sun);
    if (margin >= 1 && sat > 0) free.add(sat - 1);
    if (margin >= 2 && sun !== undefined && sun + 1 < problem.days) free.add(sun + 1);
  }
  return { from: Math.min(...free), to: Math.max(...free), freeDay: (d) => free.has(d) };
}

/**
 * A day the column windows freed least recently (ties drawn at random): windows around it sweep the
 * horizon. Starts drawn at random left the first days out of most windows (Curtois–Qu 13: a 12-day
 * window over days 0–11 of a roster the LNS had left at 1,662 gave 1,467, proved, in 8 s). Half the
 * column windows hold such a day, the other half a costly day (`costlyDay`): with every window
 * sweeping, 19 did worse (4.9, 13.4, 18.9, 20.9 % against 9.0, 11.4, 8.5 in the same hour).
 */
export function sweepFocus(freedAt: Int32Array, rng: Rng): number {
  let oldest = Number.POSITIVE_INFINITY;
  const days: number[] = [];
  freedAt.forEach((t, d) => {
    if (t < oldest) {
      oldest = t;
      days.length = 0;
    }
    if (t === oldest) days.push(d);
  });
  return days[rng.int(days.length)];
}

/**
 * A window of `w` days holding day `focus`, which falls anywhere in it (clamped to the horizon); the
 * MIP windows around a costly day are placed the same way. With `busy` (searches solving a window
 * holding each day), among the places holding the focus those with the fewest busy days.
 */
export function columnWindowAt(
  focus: number,
  w: number,
  D: number,
  rng: Rng,
  busy?: ArrayLike<number>,
): { from: number; to: number } {
  const at = (k: number): number => clamp(focus - k, 0, D - w);
  const busyIn = (from: number, to: number): number => {
    let n = 0;
    for (let d = Math.max(0, from); d <= Math.min(D - 1, to); d++) if ((busy?.[d] ?? 0) > 0) n++;
    return n;
  };
  // Nothing busy within reach: drawn as without the record.
  if (busyIn(focus - w + 1, focus + w - 1) === 0) {
    const from = at(rng.int(w));
    return { from, to: from + w - 1 };
  }
  let fewest = Number.POSITIVE_INFINITY;
  const offsets: number[] = [];
  for (let k = 0; k < w; k++) {
    const n = busyIn(at(k), at(k) + w - 1);
    if (n < fewest) {
      fewest = n;
      offsets.length = 0;
    }
    if (n === fewest) offsets.push(k);
  }
  const from = at(offsets[rng.int(offsets.length)]);
  return { from, to: from + w - 1 };
}

/**
 * The column windows' record for searches on `days` days: when each day was last put in a column
 * window ([0, days), a window's number), how many windows were started ([days]), how many
 * searches are solving a window holding each day ([days + 1, 2 days + 1)), and how many are solving
 * a weekend window ([2 days + 1]). Shared (over a SharedArrayBuffer) by the searches that exchange
 * rosters, each sweeps the days the others are not solving: two searches used to solve the same
 * window at the same time (Curtois–Qu 13, both over days 0–11 for 10 s, later both over days
 * 1–12), and only one of the two results could be kept.
 */
export function windowBoard(days: number, shared = false): Int32Array {
  const bytes = 4 * (2 * days + 2);
  return new Int32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

/** What a column window is made of, adapted after each of its solves (`nextColumnWindowShape`). */
export interface ColumnWindowShape {
  /** Days of a window of days; weekends of a weekend window. */
  size: number;
  /** Weekend windows: days freed around each weekend (0 none, 1 Fridays, 2 Fridays and Mondays). */
  margin: number;
  /** Weekend windows: the widest margin still tried. */
  marginCap: number;
}

/**
 * A column window's next shape after a solve. Windows get longer when proved fast, shorter when the
 * time ran out for nothing (Curtois–Qu 15: 28 days gained nothing in 13 s, 14 days were proved in
 * 5); a window that gained, or ended close enough to its bound without a proof, keeps its length
 * (grown as if proved, the windows of 13 whose start was close to their bound reached 14 days,
 * which then ran out of time). Weekend windows over every weekend (`weekends` of them) widen to
 * the Fridays, then the Mondays, when proved fast or proved for nothing (the same window again
 * could not gain; close enough counts), and give those up first. A margin whose window ran out of
 * time for nothing is not tried again: it used to be, after a narrower one was proved for nothing
 * (Curtois–Qu 13: two 10-s windows lost in a run of 60 s).
 */
export function nextColumnWindowShape(
  shape: ColumnWindowShape,
  window: { weekends?: number; lo: number; hi: number },
  solve: {
    optimal: boolean;
    /** Proved, or ended close enough to its bound. */
    settled: boolean;
    seconds: number;
    limit: number;
    subSeconds: number;
    gained: boolean;
  },
): ColumnWindowShape {
  const { weekends: all, lo, hi } = window;
  const { optimal, settled, seconds, limit, subSeconds, gained } = solve;
  const fast = optimal && seconds < Math.min(limit * 0.3, subSeconds);
  if (all !== undefined && Math.round(shape.size) >= all && settled && (fast || !gained))
    return { ...shape, margin: Math.min(shape.marginCap, shape.margin + 1) };
  if (fast)
    return {
      ...shape,
      size: Math.min(hi, shape.size * (all !== undefined || seconds < limit * 0.05 ? 1.5 : 1.2)),
    };
  if (!settled && !gained) {
    if (all !== undefined && shape.margin > 0)
      return { ...shape, margin: shape.margin - 1, marginCap: shape.margin - 1 };
    return { ...shape, size: Math.max(lo, shape.size * (all !== undefined ? 0.7 : 0.85)) };
  }
  return shape;
}

/** Days a window frees. */
function freeDayCount(window: { from: number; to: number; freeDay: (day: number) => boolean }): number {
  let n = 0;
  for (let d = window.from; d <= window.to; d++) if (window.freeDay(d)) n++;
  return n;
}

/**
 * A column window's seconds grow about with the square of its free days (Curtois–Qu 13, one
 * thread, windows of 6 to 12 days from an annealed roster: 0.03–0.09 s per day squared). The rate
 * after a window: a moving average over the windows that gained and settled (those proved again
 * for nothing are quicker than any window worth solving), raised by one that ran out of time for
 * nothing until its length no longer fits its limit (`daysWithin`). 0: nothing known yet.
 */
export function nextPerDaySquared(
  current: number,
  solve: { days: number; seconds: number; limit: number; settled: boolean; gained: boolean },
): number {
  const { days, seconds, limit, settled, gained } = solve;
  const squared = days * days;
  if (settled && gained) return current > 0 ? 0.7 * current + 0.3 * (seconds / squared) : seconds / squared;
  if (!settled && !gained) return Math.max(current, (1.1 * limit) / squared);
  return current;
}

/** Free days a column window is expected to settle in within `seconds` (unbounded when unknown). */
export function daysWithin(perDaySquared: number, seconds: number): number {
  return perDaySquared > 0 ? Math.floor(Math.sqrt(seconds / perDaySquared)) : Number.POSITIVE_INFINITY;
}

/**
 * What each neighbourhood kind is drawn in proportion to: its recent gain per second (`gain` and
 * `spent` decay alike), none below a fifth of the best's. Where column windows run (kinds 3 and
 * 4), the MIP kinds' floor is a twentieth: on Curtois–Qu 13 they gained 134 points in 358 s of
 * the LNS's 2,850 over 27 runs (148 s ran out of their limit for nothing), against 25–40 points a
 * second for the column windows.
 */
export function kindWeights(gain: readonly number[], spent: readonly number[]): number[] {
  const rate = gain.map((g, k) => (g + 1) / (spent[k] + 1));
  const best = Math.max(...rate);
  return rate.map((r, k) => Math.max(r, best / (k < 3 && rate.length > 3 ? 20 : 5)));
}

export function lns(highs: Highs, problem: RosterProblem, start: Roster, options: LnsOptions): LnsResult {
  const { clock, deadline } = options;
  const rng = new Rng(options.seed);
  const stopped = (): boolean => clock() >= deadline || (options.shouldStop?.() ?? false);
  const E = problem.employees.length;
  const D = problem.days;
  const subSeconds = options.subSeconds ?? 3;
  // Integral weights make every objective integral: a gap below 1 is optimal.
  const highsOptions: Record<string, number> = integralWeights(problem) ? { mip_abs_gap: 0.99 } : {};
  let cur = copy(start);
  const ev = evaluate(problem, cur);
  let curFeasible = ev.hard.length === 0;
  let curObj = ev.objective;
  let solves = 0;
  let improvements = 0;
  let optimal = false;
  const adopt = (r: Roster): boolean => {
    const e = evaluate(problem, r);
    if (e.hard.length > 0) return false;
    if (curFeasible && e.objective > curObj) return false;
    const better = !curFeasible || e.objective < curObj;
    cur = r;
    curObj = e.objective;
    curFeasible = true;
    if (better) {
      improvements++;
      options.onImprove?.(curObj, copy(cur));
    }
    return better;
  };
  const remaining = (): number => (deadline - clock()) / 1000;
  // Days this search changed since it last took a roster from elsewhere: a roster from another
  // search (which changed other days meanwhile) is also tried with these days kept from this one.
  // (Giving an employee whose merged row breaks a rule a whole row back from either roster made
  // more merges feasible but did worse: Curtois–Qu 13, six runs each, median gap 32 % against 14.)
  const ownDays = new Uint8Array(D);
  const takeIncoming = (inc: Roster): void => {
    const mine = cur;
    adopt(inc);
    // Kept when feasible and no worse than the current.
    if (ownDays.includes(1)) adopt(inc.map((row, e) => row.map((v, d) => (ownDays[d] ? mine[e][d] : v))));
    if (cur !== mine) ownDays.fill(0);
  };

  if ((options.wholeSeconds ?? 0) > 0 && !stopped()) {
    const sub = solveSubMip(
      highs,
      problem,
      cur,
      {},
      Math.min(options.wholeSeconds ?? 0, remaining()),
      rng.int(1 << 30),
      stopped,
    );
    solves++;
    if (sub.roster) {
      adopt(sub.roster);
      // Proved optimal and verified: nothing left to search.
      optimal = sub.optimal && curFeasible && evaluate(problem, sub.roster).objective === curObj;
    }
  }

  if ((options.columnSeconds ?? 0) > 0 && !optimal && curFeasible && !stopped()) {
    const cg = priceAndBranch(highs, problem, cur, {
      clock,
      deadline: Math.min(deadline, clock() + (options.columnSeconds ?? 0) * 1000),
      shouldStop: options.shouldStop,
      seed: rng.int(1 << 30),
    });
    solves++;
    adopt(cg.roster);
    optimal = cg.optimal && curObj === cg.objective;
  }

  // Free cells per neighbourhood kind, adapted to HiGHS's speed.
  // With column windows, weekend windows too (kind 4), if the horizon has weekends.
  const nWeekends = weekends(D).length;
  const kinds = (options.columnWindow ?? 0) > 0 ? (nWeekends > 0 ? 5 : 4) : 3;
  const size = Array.from({ length: kinds }, () => options.initialCells ?? 120);
  // The column windows' length (days) adapts the same way, from the caller's guess; weekend windows
  // start with about as many free days.
  if (kinds >= 4) size[3] = Math.min(D, options.columnWindow ?? D);
  if (kinds === 5) size[4] = clamp(size[3] / 2, 1, nWeekends);
  // Days freed around each weekend of a weekend window (0 none, 1 Fridays, 2 Fridays and Mondays):
  // grows and shrinks with the windows' results, like their sizes (below).
  let margin = 0;
  let marginCap = 2;
  // The improvements count when a weekend window over every weekend last settled for nothing with
  // its shape unchanged: the same window, on the same roster.
  let weekendsSettledAt = -1;
  // Column windows not expected to settle within their limit are made shorter (Curtois–Qu 13:
  // windows of 12 and 14 days started with 11–16 s left ran out of time): seconds per free day
  // squared (`nextPerDaySquared`).
  let perDaySquared = 0;
  // Windows of days that settled for nothing, since the improvements count was `settledAt`.
  let settledDays: { from: number; to: number }[] = [];
  let settledAt = -1;
  const settledFor = (w: { from: number; to: number }): boolean =>
    settledAt === improvements && settledDays.some((s) => s.from <= w.from && w.to <= s.to);
  // When each day was last in a column window (0 = never), and which days other searches are solving.
  const board = options.windows ?? windowBoard(D);
  const freedAt = board.subarray(0, D);
  const busy = board.subarray(D + 1, 2 * D + 1);
  // A column window's day: half the time a costly day no other search is solving, else (or when
  // none costs) one freed least recently.
  const columnFocus = (): number =>
    (rng.int(2) === 1
      ? costlyDay(
          dayCosts(problem, cur).map((c, d) => (busy[d] > 0 ? 0 : c)),
          rng,
        )
      : undefined) ?? sweepFocus(freedAt, rng);
  // A column window whose dive came within a tenth of an under-cover of its LP bound ends there:
  // its time is worth more in other windows.
  let closeEnough = 0;
  for (const c of problem.cover) closeEnough = Math.max(closeEnough, c.underWeight / 10);
  const gain = new Array<number>(kinds).fill(0);
  const spent = new Array<number>(kinds).fill(0);
  // Column windows of both kinds first: on the problems that have them they are usually the biggest
  // steps (the weekends window the fastest).
  const opening = kinds === 5 ? ((options.index ?? 0) % 2 === 0 ? [4, 3] : [3, 4]) : kinds === 4 ? [3] : [];
  while (!optimal && !stopped() && (options.maxSolves === undefined || solves < options.maxSolves)) {
    const inc = options.incoming?.();
    if (inc) takeIncoming(inc);
    if (!curFeasible) break; // the neighbourhoods need a feasible roster to fix the rest to
    const weights = kindWeights(gain, spent);
    let x = rng.float() * weights.reduce((a, b) => a + b, 0);
    let kind = 0;
    while (kind < kinds - 1 && x >= weights[kind]) x -= weights[kind++];
    kind = opening.shift() ?? kind;
    // One weekend window at a time among the searches: each frees every weekend the same way. Nor
    // the same weekend window again on a roster it could not improve (Curtois–Qu 13: up to six
    // proofs in a row for nothing, 0.5–2 s each).
    if (kind === 4 && (Atomics.load(board, 2 * D + 1) > 0 || weekendsSettledAt === improvements)) kind = 3;
    const before = curObj;
    let sub: SubResult;
    let limit: number;
    // Column windows get up to a third of the time left, at least two sub-problem times: long
    // windows gain the most but need time for a dive. The free days expected to settle within it:
    const columnLimit = Math.min(Math.max(2 * subSeconds, remaining() / 3), remaining());
    const fitDays = Math.min(D, daysWithin(perDaySquared, columnLimit));
    let weekend = kind === 4 ? weekendWindow(problem, rng, size[4], margin) : undefined;
    const weekendDays = weekend ? freeDayCount(weekend) : 0;
    if (weekend && weekendDays > fitDays) {
      weekend = undefined;
      kind = 3;
    }
    // A column window is a window of days for everyone (kind 0) of size[3] days. One inside a
    // window that settled for nothing on this roster cannot gain either (Curtois–Qu 13: the same
    // 12 days twice in a row, 2.3 s each): drawn again, and after three such draws a neighbourhood
    // of another kind instead.
    let days: { from: number; to: number } | undefined;
    for (let tries = 0; kind === 3 && tries < 3 && (days === undefined || settledFor(days)); tries++)
      days = columnWindowAt(columnFocus(), clamp(Math.min(Math.round(size[3]), fitDays), 2, D), D, rng, busy);
    if (days && settledFor(days)) {
      days = undefined;
      kind = rng.int(3);
    }
    const free: FreeCells =
      weekend ?? days ?? neighbourhood(problem, rng, kind, size[kind], dayCosts(problem, cur));
    // The days freed (inclusive).
    const [a, b] = [free.from ?? 0, free.to ?? D - 1];
    // Days freed in that span: a weekend window's own days only.
    const freeDays = weekend ? weekendDays : b - a + 1;
    if (kind >= 3) {
      // Re-solved by column generation (columns.ts): exact windows are fast.
      limit = columnLimit;
      if (limit < 0.05) break;
      const t = clock();
      if (kind === 4) Atomics.add(board, 2 * D + 1, 1);
      if (kind === 3) {
        const stamp = Atomics.add(board, D, 1) + 1;
        for (let d = a; d <= b; d++) {
          Atomics.store(freedAt, d, stamp);
          Atomics.add(busy, d, 1);
        }
      }
      try {
        const cg = priceAndBranch(highs, problem, cur, {
          clock,
          deadline: t + limit * 1000,
          shouldStop: options.shouldStop,
          from: a,
          to: b,
          freeDay: weekend?.freeDay,
          closeEnough,
          // Twice the seconds per point this kind of window gains lately (Curtois–Qu 13: a 12-day
          // window whose start was 3 above its bound dived 5 s for nothing; 15's such dives take
          // hundredths of a second and gain).
          diveSecondsPerPoint: gain[kind] > 0 ? (2 * spent[kind]) / gain[kind] : undefined,
          // Unfinished pricing left nothing worth the rest of the time (Curtois–Qu 13: no such
          // window gained, in 12 seen).
          convergedOnly: true,
          seed: rng.int(1 << 30),
        });
        sub = { roster: cg.roster, optimal: cg.optimal, settled: cg.settled, seconds: (clock() - t) / 1000 };
      } finally {
        if (kind === 3) for (let d = a; d <= b; d++) Atomics.sub(busy, d, 1);
        if (kind === 4) Atomics.sub(board, 2 * D + 1, 1);
      }
    } else {
      limit = Math.min(subSeconds, remaining());
      if (limit < 0.05) break;
      sub = solveSubMip(highs, problem, cur, free, limit, rng.int(1 << 30), stopped, highsOptions);
    }
    solves++;
    if (sub.roster && adopt(sub.roster))
      for (let d = a; d <= b; d++) if (weekend?.freeDay(d) ?? true) ownDays[d] = 1;
    gain[kind] = gain[kind] * 0.8 + (before - curObj);
    spent[kind] = spent[kind] * 0.8 + sub.seconds;
    options.onSolve?.({
      kind,
      cells: size[kind],
      optimal: sub.optimal,
      seconds: sub.seconds,
      objective: curObj,
      before,
      from: a,
      to: b,
      freeDays,
      limit,
    });
    if (kind >= 3) {
      const settled = sub.settled ?? sub.optimal;
      const gained = curObj < before;
      perDaySquared = nextPerDaySquared(perDaySquared, {
        days: freeDays,
        seconds: sub.seconds,
        limit,
        settled,
        gained,
      });
      if (kind === 3 && settled && !gained) {
        if (settledAt !== improvements) settledDays = [];
        settledAt = improvements;
        settledDays.push({ from: a, to: b });
      }
      // A window made shorter to fit its time says nothing of the length to aim for.
      if (kind === 3 && fitDays < Math.round(size[3])) continue;
      const next = nextColumnWindowShape(
        { size: size[kind], margin, marginCap },
        kind === 4 ? { weekends: nWeekends, lo: 1, hi: nWeekends } : { lo: Math.min(D, 3), hi: D },
        {
          optimal: sub.optimal,
          settled,
          seconds: sub.seconds,
          limit,
          subSeconds,
          gained,
        },
      );
      if (
        kind === 4 &&
        settled &&
        !gained &&
        Math.round(size[4]) >= nWeekends &&
        Math.round(next.size) >= nWeekends &&
        next.margin === margin
      )
        weekendsSettledAt = improvements;
      size[kind] = next.size;
      if (kind === 4) ({ margin, marginCap } = next);
      continue;
    }
    if (sub.optimal && sub.seconds < limit * 0.3)
      size[kind] = Math.min(E * D, size[kind] * (sub.seconds < limit * 0.05 ? 1.6 : 1.25));
    else if (!sub.optimal) size[kind] = Math.max(2 * Math.min(E, D), size[kind] * 0.85);
  }
  return { roster: cur, objective: curObj, feasible: curFeasible, optimal, solves, improvements };
}
