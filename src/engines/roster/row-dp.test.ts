import { describe, expect, it } from "vitest";
import { evaluate } from "./checker.js";
import type { RosterProblem } from "./model.js";
import { OFF } from "./model.js";
import { Rng } from "./rng.js";
import { constructByRows, RowDp } from "./row-dp.js";
import { SearchState } from "./search-state.js";
import { solve } from "./solver.js";
import { buildProblem, generateProblem } from "./testing.js";

/** Brute force over every value of row e's cells a..b: the best checker objective among rows with no hard violation of e. */
function bruteForce(p: RosterProblem, base: number[][], e: number, a: number, b: number): number {
  const S = p.shifts.length;
  const row = base[e].slice();
  const roster = base.map((r) => r.slice());
  let best = Number.POSITIVE_INFINITY;
  const rec = (d: number): void => {
    if (d > b) {
      roster[e] = row.slice();
      const ev = evaluate(p, roster);
      if (!ev.hard.some((h) => h.employee === p.employees[e].id)) best = Math.min(best, ev.objective);
      return;
    }
    for (let v = -1; v < S; v++) {
      row[d] = v;
      rec(d + 1);
    }
  };
  rec(a);
  return best;
}

function dpObjective(p: RosterProblem, base: number[][], e: number, a: number, b: number): number {
  const st = new SearchState(p);
  st.load(base);
  const dp = new RowDp(st);
  if (!dp.optimise(e, a, b)) return Number.POSITIVE_INFINITY;
  const roster = base.map((r) => r.slice());
  for (let d = a; d <= b; d++) roster[e][d] = dp.out[d - a];
  const ev = evaluate(p, roster);
  expect(ev.hard.filter((h) => h.employee === p.employees[e].id)).toEqual([]);
  return ev.objective;
}

describe("row dynamic programme", () => {
  it("finds the optimum of a tiny hand-made row (every rule binding)", () => {
    // One nurse, 9 days from a Monday; 2 or 3 shifts of D (480) or N (600, D cannot follow N), blocks
    // of at least 2, at most 3 in a row, 2 days off between blocks, one weekend at most.
    const p = buildProblem({
      days: 9,
      employee: {
        maxShifts: [9, 1],
        maxTotalMinutes: 1560,
        minTotalMinutes: 960,
        maxConsecutiveShifts: 3,
        minConsecutiveShifts: 2,
        minConsecutiveDaysOff: 2,
        maxWeekends: 1,
        daysOff: [4],
      },
      onRequests: [
        { employee: 0, day: 0, shift: 1, weight: 3 },
        { employee: 0, day: 1, shift: 0, weight: 2 },
        { employee: 0, day: 6, shift: 0, weight: 4 },
      ],
      offRequests: [{ employee: 0, day: 7, shift: 0, weight: 5 }],
      cover: [
        { day: 2, shift: 0, requirement: 1, underWeight: 7, overWeight: 1 },
        { day: 8, shift: 1, requirement: 1, underWeight: 6, overWeight: 1 },
      ],
    });
    const base = [new Array<number>(9).fill(OFF)];
    const opt = bruteForce(p, base, 0, 0, 8);
    expect(opt).toBeLessThan(Number.POSITIVE_INFINITY);
    expect(dpObjective(p, base, 0, 0, 8)).toBe(opt);
  });

  it("matches brute force on windows of generated instances (others and outside cells fixed)", () => {
    let compared = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const p = generateProblem(seed, 4, 2);
      const rng = new Rng(seed);
      // A roster meeting every hard rule, then random rows for the others (their rules do not
      // matter here); the window of row e is re-optimised.
      const base = solve(p, { seed, maxIterations: 30_000 }).roster.map((row) => row.slice());
      const keep = rng.int(p.employees.length);
      base.forEach((row, i) => {
        if (i !== keep) for (let d = 0; d < p.days; d++) row[d] = rng.int(3) - 1;
      });
      const e = keep;
      const len = 5 + rng.int(4);
      const a = rng.int(p.days - len + 1);
      const b = a + len - 1;
      const want = bruteForce(p, base, e, a, b);
      const got = dpObjective(p, base, e, a, b);
      // The programme is exact except for rare conservative edge cases, where it may only give up.
      if (got === Number.POSITIVE_INFINITY || want === Number.POSITIVE_INFINITY) continue;
      expect(got).toBe(want);
      compared++;
    }
    expect(compared).toBeGreaterThan(25);
  });
});

describe("row programme in repair mode", () => {
  it("works no weekend and as many minutes as it can when the row is already past its limits", () => {
    // Two weekends worked outside the window (limit 1) and far fewer minutes than the minimum.
    const p = buildProblem({
      days: 21,
      employee: {
        maxWeekends: 1,
        minTotalMinutes: 20 * 480,
        maxConsecutiveShifts: 3,
        minConsecutiveDaysOff: 1,
      },
    });
    const row = new Array<number>(21).fill(OFF);
    for (const d of [5, 6, 12]) row[d] = 0;
    const st = new SearchState(p);
    st.load([row]);
    const dp = new RowDp(st);
    expect(dp.optimise(0, 14, 20)).toBe(false);
    expect(dp.optimise(0, 14, 20, -1, OFF, 1, 0, 0, true)).toBe(true);
    const roster = [row.slice()];
    for (let d = 14; d <= 20; d++) roster[0][d] = dp.out[d - 14];
    // Days 19-20 (a weekend) stay off; 4 of days 14-18 worked (runs of at most 3): the most possible.
    expect(roster[0].slice(19)).toEqual([OFF, OFF]);
    expect(roster[0].slice(14, 19).filter((v) => v >= 0)).toHaveLength(4);
    const ev = evaluate(p, roster);
    expect(ev.hard.map((h) => h.message).filter((m) => !/minutes|weekends/.test(m))).toEqual([]);
  });
});

describe("row-by-row construction", () => {
  for (const seed of [1, 2, 3]) {
    it(`builds a roster meeting every hard rule (generated instance ${seed}, 4 weeks)`, () => {
      const p = generateProblem(seed, 10, 4);
      const st = new SearchState(p);
      constructByRows(st, [...p.employees.keys()], 7);
      const ev = evaluate(p, st.toRoster());
      expect(ev.hard).toEqual([]);
      expect(st.hard).toBe(0);
      expect(st.soft).toBe(ev.objective);
    });
  }
});

describe("row programme with priced cells and exact caps (column generation)", () => {
  /** Best priced cost over every row of one employee meeting all hard rules (checker), by brute force. */
  function bruteForcePriced(p: RosterProblem, priced: Int32Array): number {
    const S = p.shifts.length;
    const row = new Array<number>(p.days).fill(OFF);
    let best = Number.POSITIVE_INFINITY;
    const rec = (d: number, c: number): void => {
      if (d === p.days) {
        if (c < best && evaluate(p, [row]).hard.length === 0) best = c;
        return;
      }
      for (let v = -1; v < S; v++) {
        row[d] = v;
        rec(d + 1, c + priced[d * (S + 1) + v + 1]);
      }
    };
    rec(0, 0);
    return best;
  }

  it("matches brute force when shift caps bind, where penalties alone miss the optimum", () => {
    let penaltiesWorse = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const rng = new Rng(seed);
      const p = buildProblem({
        days: 8,
        employee: {
          maxShifts: [1 + rng.int(3), 1 + rng.int(2)],
          maxConsecutiveShifts: 3 + rng.int(2),
          minConsecutiveShifts: 1 + rng.int(2),
          minConsecutiveDaysOff: 1 + rng.int(2),
          maxWeekends: 1,
        },
      });
      // Dual-like cell costs: working is worth a lot on most days, equally (the degenerate case).
      const priced = new Int32Array(p.days * 3);
      for (let d = 0; d < p.days; d++) {
        priced[d * 3] = rng.int(3);
        priced[d * 3 + 1] = -100 + rng.int(2) * 10;
        priced[d * 3 + 2] = -120 + rng.int(2) * 10;
      }
      const want = bruteForcePriced(p, priced);
      const run = (exactCaps: boolean): number => {
        const st = new SearchState(p);
        const dp = new RowDp(st);
        dp.priced = priced;
        dp.exactCaps = exactCaps;
        if (!dp.optimise(0, 0, p.days - 1)) return Number.POSITIVE_INFINITY;
        expect(evaluate(p, [dp.out.slice()]).hard).toEqual([]);
        return dp.out.reduce((c, v, d) => c + priced[d * 3 + v + 1], 0);
      };
      expect(run(true)).toBe(want);
      if (run(false) > want) penaltiesWorse++;
    }
    expect(penaltiesWorse).toBeGreaterThan(0);
  });
});
