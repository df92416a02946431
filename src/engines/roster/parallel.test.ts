import { describe, expect, it } from "vitest";
import { evaluate } from "./checker.js";
import { solveParallel } from "./parallel.js";
import { generateProblem } from "./testing.js";

describe("parallel search with the MIP neighbourhood worker", () => {
  it("returns a checker-feasible roster within its time, reporting only feasible bests", async () => {
    const p = generateProblem(21, 12, 3);
    const seen: number[] = [];
    const t0 = performance.now();
    const r = await solveParallel(p, {
      seconds: 4,
      seeds: [1, 2],
      lns: { annealShare: 0.3, subSeconds: 1 },
      onImprove: (objective, roster) => {
        expect(evaluate(p, roster).hard).toEqual([]);
        seen.push(objective);
      },
    });
    expect(performance.now() - t0).toBeLessThan(9000);
    const ev = evaluate(p, r.roster);
    expect(ev.hard).toEqual([]);
    expect(r.feasible).toBe(true);
    expect(ev.objective).toBe(r.objective);
    expect(seen.at(-1)).toBe(r.objective);
  }, 20_000);

  it("stops early on abort with the best so far", async () => {
    const p = generateProblem(22, 12, 3);
    const ac = new AbortController();
    const t0 = performance.now();
    setTimeout(() => ac.abort(), 2500);
    const r = await solveParallel(p, {
      seconds: 60,
      seeds: [1, 2],
      lns: { annealShare: 0.02 },
      signal: ac.signal,
    });
    expect(performance.now() - t0).toBeLessThan(8000);
    expect(evaluate(p, r.roster).hard).toEqual([]);
  }, 20_000);
});
