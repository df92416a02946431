import { describe, expect, it } from "vitest";
import { evaluate } from "./checker.js";
import { Rng } from "./rng.js";
import { SearchState } from "./search-state.js";
import { Annealer, solve } from "./solver.js";
import { generateProblem } from "./testing.js";

describe("search state", () => {
  it("delta scoring matches a full recomputation after random edits", () => {
    const p = generateProblem(3, 6, 2);
    const st = new SearchState(p);
    const rng = new Rng(9);
    for (let k = 0; k < 2000; k++) {
      const e = rng.int(st.E);
      const a = rng.int(st.D);
      const b = Math.min(st.D - 1, a + rng.int(4));
      const before = st.seqLocal(e, a, b);
      for (let d = a; d <= b; d++) st.set(e, d, rng.int(st.S + 1) - 1);
      st.dHard += st.seqLocal(e, a, b) - before;
      st.commit();
      const { soft, hard } = st;
      st.recompute();
      expect([st.soft, st.hard]).toEqual([soft, hard]);
    }
    // Soft part agrees with the independent checker.
    expect(evaluate(p, st.toRoster()).objective).toBe(st.soft);
  });
});

describe("targeted moves", () => {
  const moves: [string, (an: Annealer, rng: Rng) => boolean][] = [
    ["row transfer", (an, rng) => an.moveTransferDp(rng.int(an.st.E), rng.int(an.st.D))],
    ["reassign", (an) => an.moveReassign()],
    ["shift to another day", (an) => an.moveShiftDay()],
  ];
  for (const [name, move] of moves)
    it(`${name}: the incremental score equals a full recomputation and the checker`, () => {
      const p = generateProblem(11, 6, 10);
      const an = new Annealer(p, 3);
      an.constructByRows();
      an.temperature = 1000;
      const st = an.st;
      const rng = new Rng(4);
      let accepted = 0;
      for (let k = 0; k < 300; k++) {
        if (move(an, rng)) accepted++;
        const { soft, hard } = st;
        st.recompute();
        expect([st.soft, st.hard]).toEqual([soft, hard]);
        const ev = evaluate(p, st.toRoster());
        expect(ev.objective).toBe(soft);
        expect(ev.hard.length === 0).toBe(hard === 0);
      }
      expect(accepted).toBeGreaterThan(10);
    });
});

describe("solver", () => {
  for (const seed of [1, 2, 3]) {
    it(`finds a roster meeting every hard rule (generated instance ${seed})`, () => {
      const p = generateProblem(seed);
      const r = solve(p, { seed, maxIterations: 300_000 });
      const ev = evaluate(p, r.roster);
      expect(r.feasible).toBe(true);
      expect(ev.hard).toEqual([]);
      expect(ev.objective).toBe(r.objective);
    });
  }

  it("never gets worse with more time, and the anytime trace only improves", () => {
    const p = generateProblem(4, 10, 2);
    const short = solve(p, { seed: 5, maxIterations: 20_000 });
    const trace: number[] = [];
    const long = solve(p, { seed: 5, maxIterations: 400_000, onImprove: (b) => trace.push(b.objective) });
    expect(long.feasible).toBe(true);
    expect(long.objective).toBeLessThanOrEqual(short.feasible ? short.objective : Number.POSITIVE_INFINITY);
    for (let i = 1; i < trace.length; i++) expect(trace[i]).toBeLessThan(trace[i - 1]);
    expect(trace.at(-1)).toBe(long.objective);
  });

  it("is deterministic for a seed and an iteration budget", () => {
    const p = generateProblem(6);
    const a = solve(p, { seed: 42, maxIterations: 50_000 });
    const b = solve(p, { seed: 42, maxIterations: 50_000 });
    expect(b.roster).toEqual(a.roster);
    expect(b.objective).toBe(a.objective);
  });

  it("stops when asked", () => {
    const p = generateProblem(7);
    let polls = 0;
    const r = solve(p, { seed: 1, maxIterations: 1e9, shouldStop: () => ++polls > 3 });
    expect(r.iterations).toBeLessThan(20_000);
  });
});
