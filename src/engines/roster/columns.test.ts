import { readFileSync } from "node:fs";
import loadHighs from "highs";
import { describe, expect, it } from "vitest";
import { sharedNrpDir } from "./bench-data.js";
import { evaluate } from "./checker.js";
import { priceAndBranch } from "./columns.js";
import { parseNrp } from "./nrp-format.js";
import { solve } from "./solver.js";
import { generateProblem, twoWeekendsEach } from "./testing.js";

const clock = (): number => performance.now();

describe("column generation with dives (price and branch)", () => {
  it("Curtois–Qu 3: from a poor roster, reaches the known optimum (1001) and proves it", async () => {
    const highs = await loadHighs();
    const p = parseNrp(readFileSync(`${sharedNrpDir()}/Instance3.txt`, "utf8"));
    const start = solve(p, { seed: 1, maxIterations: 20_000 }).roster;
    const before = evaluate(p, start).objective;
    expect(before).toBeGreaterThan(1001);
    const r = priceAndBranch(highs, p, start, { clock, deadline: clock() + 60_000, seed: 1 });
    const ev = evaluate(p, r.roster);
    expect(ev.hard).toEqual([]);
    expect(ev.objective).toBe(r.objective);
    // The LP bound is a true lower bound: never above the optimum, and the roster meets it.
    expect(r.bound).toBeDefined();
    expect(r.bound ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(1001 + 1e-6);
    expect(r.objective).toBe(1001);
    expect(r.optimal).toBe(true);
  });

  it("a window of days: cells outside it kept, never worse than the start, every rule met", async () => {
    const highs = await loadHighs();
    const p = generateProblem(7, 10, 4);
    const start = solve(p, { seed: 3, maxIterations: 5_000 }).roster;
    const before = evaluate(p, start);
    expect(before.hard).toEqual([]);
    const r = priceAndBranch(highs, p, start, { clock, deadline: clock() + 20_000, from: 7, to: 20 });
    const ev = evaluate(p, r.roster);
    expect(ev.hard).toEqual([]);
    expect(ev.objective).toBeLessThanOrEqual(before.objective);
    r.roster.forEach((row, e) => {
      for (let d = 0; d < p.days; d++) if (d < 7 || d > 20) expect(row[d]).toBe(start[e][d]);
    });
    if (r.bound !== undefined) expect(r.objective).toBeGreaterThanOrEqual(r.bound - 1e-6);
  });

  it("a dive's best close enough to the LP bound ends the search; the first dive always runs, for what its points are worth", async () => {
    const highs = await loadHighs();
    const p = parseNrp(readFileSync(`${sharedNrpDir()}/Instance5.txt`, "utf8"));
    const start = solve(p, { seed: 1, maxIterations: 20_000 }).roster;
    const before = evaluate(p, start).objective;
    const search = (closeEnough: number) =>
      priceAndBranch(highs, p, start, { clock, deadline: clock() + 30_000, seed: 1, closeEnough });
    // However close the start may be, one dive: better than the start, and done with.
    const one = search(Number.POSITIVE_INFINITY);
    expect(one.objective).toBeLessThan(before);
    expect(evaluate(p, one.roster).objective).toBe(one.objective);
    expect(one.settled).toBe(true);
    const bound = one.bound ?? Number.NaN;
    // The start is far from the bound, the first dive's best within 200 of it (not proved).
    expect(before - bound).toBeGreaterThan(200);
    const near = search(200);
    expect(near.optimal).toBe(false);
    expect(near.settled).toBe(true);
    expect(near.objective - bound).toBeLessThanOrEqual(200);
    expect(near.objective).toBe(one.objective);
    // A start already close enough: its first dive has diveSecondsPerPoint per point above the
    // bound. Plenty: the same dive; none: the start back at once, settled, no integer master.
    const search2 = (diveSecondsPerPoint: number) =>
      priceAndBranch(highs, p, start, {
        clock,
        deadline: clock() + 30_000,
        seed: 1,
        closeEnough: Number.POSITIVE_INFINITY,
        diveSecondsPerPoint,
      });
    expect(search2(1e6).objective).toBe(one.objective);
    const cut = search2(0);
    expect(cut.roster).toEqual(start);
    expect(cut.objective).toBe(before);
    expect(cut.settled).toBe(true);
    expect(cut.optimal).toBe(false);
    expect(cut.bound).toBe(bound);
  });

  it("pricing unfinished in its share of the time: the integer master, or with convergedOnly the start at once", async () => {
    const highs = await loadHighs();
    const p = generateProblem(7, 10, 4);
    const start = solve(p, { seed: 3, maxIterations: 5_000 }).roster;
    const before = evaluate(p, start).objective;
    // A clock that ticks once per reading: runs alike read it alike, so a share of the readings
    // pricing takes to converge stops it at the same point each time.
    const ticking = () => {
      let t = 0;
      return { clock: () => t++, readings: () => t };
    };
    const window = { from: 7, to: 20, seed: 1, deadline: 1e9 };
    const full = ticking();
    // Pricing to convergence and one dive (then close enough to any bound): half as many readings
    // stop pricing before it converges.
    const converged = priceAndBranch(highs, p, start, {
      clock: full.clock,
      ...window,
      closeEnough: Number.POSITIVE_INFINITY,
    });
    expect(converged.bound).toBeDefined();
    const lpShare = Math.round(full.readings() / 2) / window.deadline;
    const master = priceAndBranch(highs, p, start, { clock: ticking().clock, ...window, lpShare });
    expect(master.bound).toBeUndefined();
    expect(master.objective).toBeLessThan(before);
    expect(evaluate(p, master.roster).objective).toBe(master.objective);
    const quick = priceAndBranch(highs, p, start, {
      clock: ticking().clock,
      ...window,
      lpShare,
      convergedOnly: true,
    });
    expect(quick.roster).toEqual(start);
    expect(quick.objective).toBe(before);
    expect(quick.settled).toBe(false);
  });

  it("weekends only: moves who works which weekend, weekdays kept", async () => {
    const highs = await loadHighs();
    // Both employees on the first two weekends (testing.ts). A's request for a Wednesday inside the
    // window is unmet and stays so: Wednesdays are not free.
    const { problem: p, start } = twoWeekendsEach([{ employee: 0, day: 9, shift: 0, weight: 1 }]);
    expect(evaluate(p, start).objective).toBe(405);
    const weekend = (d: number): boolean => d % 7 === 5 || d % 7 === 6;
    const r = priceAndBranch(highs, p, start, {
      clock,
      deadline: clock() + 20_000,
      from: 5,
      to: 27,
      freeDay: weekend,
    });
    const ev = evaluate(p, r.roster);
    expect(ev.hard).toEqual([]);
    expect(ev.objective).toBe(1);
    expect(r.optimal).toBe(true);
    r.roster.forEach((row, e) => {
      for (let d = 0; d < 28; d++) if (!weekend(d)) expect(row[d]).toBe(start[e][d]);
    });
  });
});
