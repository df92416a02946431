import { readFileSync } from "node:fs";
import loadHighs from "highs";
import { describe, expect, it } from "vitest";
import { sharedNrpDir } from "./bench-data.js";
import { evaluate } from "./checker.js";
import { priceAndBranch } from "./columns.js";
import {
  columnWindowAt,
  costlyDay,
  daysWithin,
  kindWeights,
  type LnsOptions,
  lns,
  neighbourhood,
  nextColumnWindowShape,
  nextPerDaySquared,
  solveSubMip,
  sweepFocus,
  weekendWindow,
  windowBoard,
} from "./lns.js";
import { emptyRoster, type Roster, type RosterProblem } from "./model.js";
import { parseNrp } from "./nrp-format.js";
import { Rng } from "./rng.js";
import { solve } from "./solver.js";
import { generateProblem, twoWeekendsEach } from "./testing.js";

const clock = (): number => performance.now();

/** Every best the search reports is feasible and carries its own objective. */
function expectChecked(p: RosterProblem, objective: number, roster: Roster): void {
  const ev = evaluate(p, roster);
  expect(ev.hard).toEqual([]);
  expect(ev.objective).toBe(objective);
}

/** What the LNS reports of each sub-solve. */
type SolveInfo = Parameters<NonNullable<LnsOptions["onSolve"]>>[0];

/**
 * Forty solves of an LNS with column windows of a week, on two weeks and a Monday (6 employees):
 * the last weekend has a Monday after it.
 */
async function fortySolves(): Promise<SolveInfo[]> {
  const highs = await loadHighs();
  const p = { ...generateProblem(2, 6, 2), days: 15 };
  const start = solve(p, { seed: 1, maxIterations: 500 });
  const solves: SolveInfo[] = [];
  lns(highs, p, start.roster, {
    seed: 1,
    clock,
    deadline: clock() + 30_000,
    columnWindow: 7,
    maxSolves: 40,
    onSolve: (i) => solves.push(i),
  });
  return solves;
}

describe("MIP large-neighbourhood search", () => {
  it("improves a short annealing on a generated problem, every reported best feasible", async () => {
    const highs = await loadHighs();
    const p = generateProblem(5, 10, 3);
    const start = solve(p, { seed: 1, maxIterations: 3000 });
    expect(start.feasible).toBe(true);
    const startObj = evaluate(p, start.roster).objective;
    const reported: number[] = [];
    const r = lns(highs, p, start.roster, {
      seed: 3,
      clock,
      deadline: clock() + 8000,
      subSeconds: 1,
      initialCells: 60,
      maxSolves: 12,
      onImprove: (objective, roster) => {
        expectChecked(p, objective, roster);
        reported.push(objective);
      },
    });
    const ev = evaluate(p, r.roster);
    expect(ev.hard).toEqual([]);
    expect(ev.objective).toBe(r.objective);
    expect(r.objective).toBeLessThan(startObj);
    expect(reported.at(-1)).toBe(r.objective);
    expect(r.solves).toBeGreaterThan(0);
  });

  it("a freed block keeps the cells outside it and never gets worse (the roster is the MIP start)", async () => {
    const highs = await loadHighs();
    const p = generateProblem(8, 12, 2);
    const start = solve(p, { seed: 2, maxIterations: 20_000 }).roster;
    const before = evaluate(p, start);
    const rng = new Rng(4);
    for (const kind of [0, 1, 2]) {
      const free = neighbourhood(p, rng, kind, 40);
      const sub = solveSubMip(highs, p, start, free, 5, 1);
      expect(sub.roster).toBeDefined();
      const roster = sub.roster ?? [];
      const ev = evaluate(p, roster);
      expect(ev.hard).toEqual([]);
      expect(ev.objective).toBeLessThanOrEqual(before.objective);
      const isFree = (e: number, d: number): boolean =>
        (free.employees?.includes(e) ?? true) && d >= (free.from ?? 0) && d <= (free.to ?? p.days - 1);
      for (let e = 0; e < p.employees.length; e++)
        for (let d = 0; d < p.days; d++) if (!isFree(e, d)) expect(roster[e][d]).toBe(start[e][d]);
    }
  });

  it("stops at its deadline even with a long sub-problem time limit", async () => {
    const highs = await loadHighs();
    const p = generateProblem(11, 30, 4);
    const start = solve(p, { seed: 1, maxIterations: 20_000 });
    const t0 = clock();
    lns(highs, p, start.roster, {
      seed: 1,
      clock,
      deadline: t0 + 400,
      subSeconds: 60,
      initialCells: 100_000,
    });
    expect(clock() - t0).toBeLessThan(2500);
  });

  it("column generation first, then its day windows: every reported best feasible, better than the start", async () => {
    const highs = await loadHighs();
    const p = generateProblem(12, 12, 6);
    const start = solve(p, { seed: 1, maxIterations: 4_000 });
    expect(start.feasible).toBe(true);
    const startObj = evaluate(p, start.roster).objective;
    const kinds = new Set<number>();
    const r = lns(highs, p, start.roster, {
      seed: 2,
      clock,
      deadline: clock() + 6000,
      columnSeconds: 2,
      columnWindow: 14,
      subSeconds: 1,
      maxSolves: 40,
      onImprove: (objective, roster) => expectChecked(p, objective, roster),
      onSolve: (i) => kinds.add(i.kind),
    });
    const ev = evaluate(p, r.roster);
    expect(ev.hard).toEqual([]);
    expect(r.objective).toBe(ev.objective);
    expect(r.objective).toBeLessThan(startObj);
    // Unless column generation proved the roster optimal, the windows were among the kinds drawn.
    if (!r.optimal) expect(kinds.has(3)).toBe(true);
  });

  it("a roster from another search keeps this search's own days when that is better than both", async () => {
    const highs = await loadHighs();
    const p = generateProblem(2, 12, 6);
    // Without minimum minutes: here both searches shed shifts, and together they would go below it.
    for (const e of p.employees) e.minTotalMinutes = 0;
    const start = solve(p, { seed: 1, maxIterations: 4_000 }).roster;
    // The other search improved the first two weeks only.
    const other = priceAndBranch(highs, p, start, { clock, deadline: clock() + 10_000, from: 0, to: 13 });
    expect(other.objective).toBeLessThan(evaluate(p, start).objective);
    let polls = 0;
    const afterSolve: number[] = [];
    // Bests reported between the first and the second sub-problem: from the roster that arrived.
    const onArrival: number[] = [];
    const r = lns(highs, p, start, {
      seed: 2,
      clock,
      deadline: clock() + 20_000,
      // Index 0: the first sub-problem is a weekend window (its Saturdays and Sundays are this
      // search's own days), then one-week windows.
      columnWindow: 7,
      // The other search's roster arrives after this one's first sub-problem; then it stops.
      incoming: () => (++polls === 2 ? other.roster : undefined),
      shouldStop: () => polls >= 2,
      onImprove: (objective, roster) => {
        expectChecked(p, objective, roster);
        if (afterSolve.length === 1) onArrival.push(objective);
      },
      onSolve: (i) => afterSolve.push(i.objective),
    });
    // The first window gained; then the merge of both beat each of them.
    expect(afterSolve[0]).toBeLessThan(evaluate(p, start).objective);
    expect(onArrival.at(-1)).toBeLessThan(Math.min(afterSolve[0], other.objective));
    expect(r.objective).toBe(onArrival.at(-1));
  });

  it("whole-problem MIP first reaches the optimum of Instance1 (607) and says it is optimal", async () => {
    const highs = await loadHighs();
    const p = parseNrp(readFileSync(`${sharedNrpDir()}/Instance1.txt`, "utf8"));
    const r = lns(highs, p, emptyRoster(p), { seed: 1, clock, deadline: clock() + 30_000, wholeSeconds: 30 });
    expect(r.optimal).toBe(true);
    expect(r.objective).toBe(607);
    expect(evaluate(p, r.roster).objective).toBe(607);
  }, 40_000);

  it("column windows sweep the horizon: each holds a day freed least recently, so no day waits long", () => {
    // 28 days, 12-day windows (Curtois–Qu 13). A start drawn at random leaves the first days out of
    // most windows (day 0 only in a window starting there); a random focus day, instead of the one
    // freed least recently, leaves some day out for 30 windows or more over these seeds.
    const D = 28;
    const w = 12;
    let longestWait = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const rng = new Rng(seed);
      const freedAt = new Int32Array(D);
      for (let k = 1; k <= 40; k++) {
        const oldest = Math.min(...freedAt);
        const focus = sweepFocus(freedAt, rng);
        expect(freedAt[focus]).toBe(oldest);
        const { from, to } = columnWindowAt(focus, w, D, rng);
        expect(to - from + 1).toBe(w);
        expect(from).toBeGreaterThanOrEqual(0);
        expect(to).toBeLessThan(D);
        expect(focus >= from && focus <= to).toBe(true);
        for (let d = from; d <= to; d++) freedAt[d] = k;
        for (let d = 0; d < D; d++) longestWait = Math.max(longestWait, k - freedAt[d]);
      }
    }
    expect(longestWait).toBeLessThanOrEqual(8);
  });

  it("a column window holding a day keeps clear of the days other searches are solving, when it can", () => {
    const D = 28;
    const busy = new Int32Array(D);
    busy.fill(1, 0, 12);
    const rng = new Rng(3);
    const starts = new Set<number>();
    for (let k = 0; k < 60; k++) starts.add(columnWindowAt(14, 12, D, rng, busy).from);
    // Days 0–11 are being solved: of the places holding day 14 (starts 3–14), those from 12 on.
    expect([...starts].sort((x, y) => x - y)).toEqual([12, 13, 14]);
    // Day 11 cannot be kept clear of: the windows holding it overlap day 11 alone, nothing more.
    for (let k = 0; k < 30; k++) expect(columnWindowAt(11, 12, D, rng, busy).from).toBe(11);
    // Nothing busy near the focus: drawn as without the record (same draws).
    const [r1, r2] = [new Rng(5), new Rng(5)];
    for (let k = 0; k < 30; k++)
      expect(columnWindowAt(27, 12, D, r1, busy)).toEqual(columnWindowAt(27, 12, D, r2));
  });

  it("searches sharing the column windows' record sweep days the others are not solving", async () => {
    const highs = await loadHighs();
    const p = generateProblem(4, 10, 4);
    const start = solve(p, { seed: 1, maxIterations: 3_000 });
    expect(start.feasible).toBe(true);
    for (let seed = 1; seed <= 6; seed++) {
      // Another search is solving a window over days 0–11 (the first window started).
      const board = windowBoard(p.days, true);
      board.fill(1, 0, 12);
      board[p.days] = 1;
      board.fill(1, p.days + 1, p.days + 13);
      const windows: { from: number; to: number }[] = [];
      lns(highs, p, start.roster, {
        seed,
        clock,
        deadline: clock() + 10_000,
        // Index 1 opens with a column window of days.
        index: 1,
        columnWindow: 12,
        maxSolves: 1,
        windows: board,
        onSolve: (i) => windows.push({ from: i.from, to: i.to }),
      });
      expect(windows).toHaveLength(1);
      const { from, to } = windows[0];
      expect(from).toBeGreaterThanOrEqual(12);
      // Its days carry the second window's number; only the other search's days are still busy.
      expect(board[p.days]).toBe(2);
      for (let d = from; d <= to; d++) expect(board[d]).toBe(2);
      expect(Array.from(board.subarray(p.days + 1, 2 * p.days + 1))).toEqual(
        Array.from({ length: p.days }, (_, d) => (d < 12 ? 1 : 0)),
      );
      expect(board[2 * p.days + 1]).toBe(0);
    }
  });

  it("kinds are drawn by recent gain per second, the MIP kinds beside column windows with a lower floor", () => {
    // MIP kinds alone: none below a fifth of the best (10 points a second).
    expect(kindWeights([0, 99, 0], [9, 9, 0])).toEqual([2, 10, 2]);
    // With column windows (kinds 3 and 4), a twentieth for the MIP kinds, still a fifth for the others.
    expect(kindWeights([0, 0, 0, 299, 0], [9, 9, 0, 9, 0])).toEqual([1.5, 1.5, 1.5, 30, 6]);
    expect(kindWeights([0, 0, 0, 0, 299], [9, 9, 0, 9, 9])).toEqual([1.5, 1.5, 1.5, 6, 30]);
    // A MIP kind that gains keeps its own rate.
    expect(kindWeights([0, 39, 0, 299, 0], [9, 9, 0, 9, 0])[1]).toBe(4);
  });

  it("a costly day is drawn in proportion to what each day costs", () => {
    const rng = new Rng(7);
    expect(costlyDay([0, 0, 0], rng)).toBeUndefined();
    for (let k = 0; k < 20; k++) expect(costlyDay([0, 0, 5, 0], rng)).toBe(2);
    const drawn = [0, 0, 0, 0];
    for (let k = 0; k < 4000; k++) drawn[costlyDay([1, 0, 3, 0], rng) ?? 1]++;
    expect(drawn[1] + drawn[3]).toBe(0);
    expect(drawn[0] / 4000).toBeGreaterThan(0.22);
    expect(drawn[0] / 4000).toBeLessThan(0.28);
  });

  it("a weekend window frees the Saturdays and Sundays of consecutive weekends, nothing between", () => {
    const p = generateProblem(1, 4, 6);
    const rng = new Rng(3);
    for (let k = 0; k < 20; k++) {
      const w = weekendWindow(p, rng, 2);
      expect(w).toBeDefined();
      if (!w) return;
      expect(w.to - w.from).toBe(8); // Saturday to the next Sunday
      expect(w.from % 7).toBe(5);
      const free = Array.from({ length: p.days }, (_, d) => d).filter(
        (d) => d >= w.from && d <= w.to && w.freeDay(d),
      );
      expect(free).toEqual([w.from, w.from + 1, w.from + 7, w.from + 8]);
    }
    // More weekends than the horizon has: all of them.
    const all = weekendWindow(p, rng, 10);
    expect(all && [all.from, all.to]).toEqual([5, 41]);
    expect(weekendWindow({ ...p, days: 5 }, rng, 1)).toBeUndefined();
  });

  it("a weekend window with a margin frees the Fridays, then the Mondays too, within the horizon", () => {
    const p = generateProblem(1, 3, 6); // 42 days: weekends on days 5–6, …, 40–41
    const rng = new Rng(5);
    const freeDays = (w: ReturnType<typeof weekendWindow>): number[] =>
      w
        ? Array.from({ length: p.days }, (_, d) => d).filter((d) => d >= w.from && d <= w.to && w.freeDay(d))
        : [];
    expect(freeDays(weekendWindow(p, rng, 6, 1))).toEqual([
      4, 5, 6, 11, 12, 13, 18, 19, 20, 25, 26, 27, 32, 33, 34, 39, 40, 41,
    ]);
    const fm = weekendWindow(p, rng, 6, 2);
    // The last weekend ends the horizon: no Monday after it.
    expect(freeDays(fm)).toEqual([
      4, 5, 6, 7, 11, 12, 13, 14, 18, 19, 20, 21, 25, 26, 27, 28, 32, 33, 34, 35, 39, 40, 41,
    ]);
    expect(fm && [fm.from, fm.to]).toEqual([4, 41]);
    // One weekend: Friday to Monday.
    const one = weekendWindow(p, rng, 1, 2);
    const f = one?.from ?? -1;
    expect(f % 7).toBe(4);
    expect(freeDays(one)).toEqual([f, f + 1, f + 2, f + 3]);
  });

  it("weekend windows over every weekend, once proved (fast, or with no gain), take in the Fridays and then the Mondays", async () => {
    // Each weekend window's free days, as weekdays (0 Monday … 6 Sunday).
    const shapes = (await fortySolves())
      .filter((i) => i.kind === 4)
      .map((i) => `${i.optimal ? "proved " : ""}${i.from % 7}-${i.to % 7}`);
    // Both weekends from the start (a column window of a week: a weekend window of two); each
    // proved window widens the next, up to Friday–Monday.
    expect(shapes.slice(0, 3)).toEqual(["proved 5-6", "proved 4-6", "proved 4-0"]);
  });

  it("a weekend window that settled for nothing is not solved again until the roster changes", async () => {
    const solves = await fortySolves();
    const weekendSolves = solves.filter((s) => s.kind === 4).length;
    // Proved for nothing over both weekends, Fridays to Mondays: the roster it was proved on.
    let settledOn: number | undefined;
    for (const [i, s] of solves.entries()) {
      const gained = s.objective < s.before;
      if (gained) settledOn = undefined;
      if (s.kind !== 4) continue;
      expect(settledOn).toBeUndefined();
      if (s.optimal && !gained && s.from % 7 === 4 && s.to % 7 === 0) settledOn = i;
    }
    // Such windows were solved, and other kinds ran after them.
    expect(weekendSolves).toBeGreaterThan(2);
    expect(solves.length).toBe(40);
  });

  it("a column window's next shape: longer when proved fast, shorter when out of time for nothing, and a weekend margin that ran out of time is not widened to again", () => {
    const weekends = { weekends: 4, lo: 1, hi: 4 };
    const solved = (optimal: boolean, seconds: number, gained = false, settled = optimal) => ({
      optimal,
      settled,
      seconds,
      limit: 10,
      subSeconds: 5,
      gained,
    });
    let shape = { size: 4, margin: 1, marginCap: 2 };
    // Proved for nothing: Fridays and Mondays next.
    shape = nextColumnWindowShape(shape, weekends, solved(true, 6));
    expect(shape).toEqual({ size: 4, margin: 2, marginCap: 2 });
    // Out of time for nothing: back to the Fridays, for good.
    shape = nextColumnWindowShape(shape, weekends, solved(false, 10));
    expect(shape).toEqual({ size: 4, margin: 1, marginCap: 1 });
    expect(nextColumnWindowShape(shape, weekends, solved(true, 0.5))).toEqual(shape);
    expect(nextColumnWindowShape(shape, weekends, solved(true, 6))).toEqual(shape);
    // Out of time but better: kept as it is.
    expect(nextColumnWindowShape(shape, weekends, solved(false, 10, true))).toEqual(shape);
    // Out of time for nothing with no margin left: fewer weekends.
    const none = nextColumnWindowShape({ ...shape, margin: 0 }, weekends, solved(false, 10));
    expect(none.size).toBeCloseTo(2.8);
    // Windows of days: longer when proved fast (much longer when very fast), shorter when not proved.
    const days = { lo: 3, hi: 28 };
    const twelve = { size: 12, margin: 0, marginCap: 2 };
    expect(nextColumnWindowShape(twelve, days, solved(true, 2)).size).toBeCloseTo(14.4);
    expect(nextColumnWindowShape(twelve, days, solved(true, 0.2)).size).toBeCloseTo(18);
    expect(nextColumnWindowShape(twelve, days, solved(false, 10)).size).toBeCloseTo(10.2);
    expect(nextColumnWindowShape(twelve, days, solved(true, 6)).size).toBe(12);
    // Ended close enough to its bound, fast but unproved: neither longer nor shorter.
    expect(nextColumnWindowShape(twelve, days, solved(false, 0.2, false, true))).toEqual(twelve);
    // A weekend window that did so widens like a proved one.
    expect(
      nextColumnWindowShape({ size: 4, margin: 0, marginCap: 2 }, weekends, solved(false, 1, false, true)),
    ).toEqual({
      size: 4,
      margin: 1,
      marginCap: 2,
    });
  });

  it("a window of days inside one that settled for nothing is not solved until the roster changes", async () => {
    const solves = await fortySolves();
    // Windows of days proved for nothing since the last gain.
    let proved: { from: number; to: number }[] = [];
    let checked = 0;
    let provedForNothing = 0;
    for (const s of solves) {
      const gained = s.objective < s.before;
      if (gained) proved = [];
      if (s.kind !== 3) continue;
      checked++;
      expect(proved.filter((w) => w.from <= s.from && s.to <= w.to)).toEqual([]);
      if (s.optimal && !gained) {
        proved.push({ from: s.from, to: s.to });
        provedForNothing++;
      }
    }
    // The rule had windows to act on, and the other kinds ran meanwhile.
    expect(checked).toBeGreaterThan(2);
    expect(provedForNothing).toBeGreaterThan(0);
    expect(solves.length).toBe(40);
  });

  it("column windows' seconds per free day squared: learnt from the windows that gained and settled, raised by those out of time for nothing", () => {
    const solve = { days: 12, seconds: 9, limit: 15, settled: true, gained: true };
    // Nothing known: any length.
    expect(daysWithin(0, 10)).toBe(Number.POSITIVE_INFINITY);
    const first = nextPerDaySquared(0, solve);
    expect(first).toBeCloseTo(9 / 144, 12);
    expect(daysWithin(first, 9)).toBe(12);
    expect(daysWithin(first, 5)).toBe(8);
    // A moving average: three tenths of the way to the next such window's.
    const second = nextPerDaySquared(first, { ...solve, days: 8, seconds: 8 });
    expect(second).toBeCloseTo(0.7 * (9 / 144) + 0.3 * (8 / 64), 12);
    // Proved again for nothing (quick: no dive to make), or out of time but gaining: unchanged.
    expect(nextPerDaySquared(first, { ...solve, seconds: 0.5, gained: false })).toBe(first);
    expect(nextPerDaySquared(first, { ...solve, seconds: 15, settled: false })).toBe(first);
    // Out of time for nothing: those days no longer fit that limit; a lower rate is raised, never a
    // higher one lowered.
    const raised = nextPerDaySquared(first, { ...solve, seconds: 15, settled: false, gained: false });
    expect(daysWithin(raised, 15)).toBeLessThan(12);
    expect(daysWithin(raised, 15)).toBe(11);
    expect(nextPerDaySquared(1, { ...solve, seconds: 15, settled: false, gained: false })).toBe(1);
  });

  it("one weekend window at a time among the searches sharing the record", async () => {
    const highs = await loadHighs();
    const { problem: p, start } = twoWeekendsEach();
    for (const others of [0, 1]) {
      const board = windowBoard(p.days, true);
      // Another search solving a weekend window, or none.
      board[2 * p.days + 1] = others;
      const kinds: number[] = [];
      lns(highs, p, start, {
        seed: 1,
        clock,
        deadline: clock() + 20_000,
        columnWindow: 7,
        maxSolves: 1,
        windows: board,
        onSolve: (i) => kinds.push(i.kind),
      });
      // Index 0 opens with a weekend window, unless another search is solving one.
      expect(kinds).toEqual([others ? 3 : 4]);
      expect(board[2 * p.days + 1]).toBe(others);
    }
  });

  it("with column windows, a weekend window opens: who works which weekend changes in one solve", async () => {
    const highs = await loadHighs();
    // Two employees allowed two weekends each, both on the first two: the last two are uncovered.
    // No window of a week holds a weekend and the ones to move it to; all weekends at once do.
    const { problem: p, start } = twoWeekendsEach();
    expect(evaluate(p, start).objective).toBe(404);
    const kinds: number[] = [];
    const r = lns(highs, p, start, {
      seed: 1,
      clock,
      deadline: clock() + 20_000,
      columnWindow: 7,
      maxSolves: 1,
      onSolve: (i) => kinds.push(i.kind),
    });
    expect(kinds).toEqual([4]);
    expect(r.objective).toBe(0);
    expect(evaluate(p, r.roster).hard).toEqual([]);
  });
});
