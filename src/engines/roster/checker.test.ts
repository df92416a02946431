import { describe, expect, it } from "vitest";
import { evaluate, hardViolations } from "./checker.js";
import { OFF, type Roster } from "./model.js";
import { buildProblem } from "./testing.js";

const D = 0;
const N = 1;
const _ = OFF;
/** Days as a string: "D", "N" or "." per day. */
const row = (s: string): number[] => [...s].map((c) => (c === "D" ? D : c === "N" ? N : _));
const rules = (r: ReturnType<typeof hardViolations>): string[] => r.map((v) => v.rule).sort();

describe("checker hard rules", () => {
  it("accepts an empty roster with loose limits", () => {
    const p = buildProblem();
    expect(hardViolations(p, [row("..............")])).toEqual([]);
  });

  it("days off are hard", () => {
    const p = buildProblem({ employee: { daysOff: [3] } });
    expect(rules(hardViolations(p, [row("...D..........")]))).toEqual(["day_off"]);
    expect(hardViolations(p, [row("..D.D.........")])).toEqual([]);
  });

  it("max shifts per type", () => {
    const p = buildProblem({ employee: { maxShifts: [2, 14] } });
    expect(hardViolations(p, [row("DD.NN.NN......")])).toEqual([]);
    expect(rules(hardViolations(p, [row("DD.D..........")]))).toEqual(["max_shifts"]);
  });

  it("total minutes within [min, max], summed over the horizon", () => {
    const p = buildProblem({ employee: { minTotalMinutes: 960, maxTotalMinutes: 1560 } });
    expect(rules(hardViolations(p, [row("D.............")]))).toEqual(["min_minutes"]); // 480
    expect(hardViolations(p, [row("D............N")])).toEqual([]); // 1080
    expect(hardViolations(p, [row("D.D.N.........")])).toEqual([]); // 1560
    expect(rules(hardViolations(p, [row("D.D.N.N.......")]))).toEqual(["max_minutes"]); // 2160
  });

  it("max consecutive shifts counts blocks touching the edges", () => {
    const p = buildProblem({ employee: { maxConsecutiveShifts: 3 } });
    expect(hardViolations(p, [row("DDD.DDD.DDD.DD")])).toEqual([]);
    expect(rules(hardViolations(p, [row("DDDD..........")]))).toEqual(["max_consecutive"]);
    expect(rules(hardViolations(p, [row("..........DDDD")]))).toEqual(["max_consecutive"]);
    expect(rules(hardViolations(p, [row(".....DDDD.....")]))).toEqual(["max_consecutive"]);
  });

  it("min consecutive shifts exempts blocks touching either edge", () => {
    const p = buildProblem({ employee: { minConsecutiveShifts: 3 } });
    expect(hardViolations(p, [row("D............D")])).toEqual([]);
    expect(hardViolations(p, [row("DD..DDD.....DD")])).toEqual([]);
    expect(rules(hardViolations(p, [row("....DD........")]))).toEqual(["min_consecutive"]);
    expect(rules(hardViolations(p, [row("..D......D....")]))).toEqual(["min_consecutive", "min_consecutive"]);
  });

  it("min consecutive days off exempts blocks touching either edge", () => {
    const p = buildProblem({ employee: { minConsecutiveDaysOff: 2 } });
    expect(hardViolations(p, [row(".DDDDDD..DDDD.")])).toEqual([]);
    expect(rules(hardViolations(p, [row("DDD.DDD..DDDDD")]))).toEqual(["min_days_off"]);
    expect(hardViolations(p, [row("..............")])).toEqual([]);
  });

  it("max weekends: a weekend is worked if Saturday or Sunday is", () => {
    const p = buildProblem({ employee: { maxWeekends: 1 } });
    // Days 5,6 and 12,13 are the weekends.
    expect(hardViolations(p, [row(".....DD.......")])).toEqual([]);
    expect(hardViolations(p, [row("DDDDD..DDDDD..")])).toEqual([]);
    expect(rules(hardViolations(p, [row(".....D......D.")]))).toEqual(["max_weekends"]);
    expect(rules(hardViolations(p, [row("......D.....D.")]))).toEqual(["max_weekends"]);
  });

  it("rotation applies between consecutive days only", () => {
    const p = buildProblem();
    expect(rules(hardViolations(p, [row("ND............")]))).toEqual(["rotation"]);
    expect(hardViolations(p, [row("DN.D.N.D......")])).toEqual([]);
    expect(hardViolations(p, [row("N.D.........ND".replace("ND", "NN"))])).toEqual([]);
  });

  it("rejects malformed rosters", () => {
    const p = buildProblem();
    expect(rules(hardViolations(p, [row("DDD")]))).toEqual(["shape"]);
    expect(rules(hardViolations(p, []))).toEqual(["shape"]);
    const bad: Roster = [row("..............")];
    bad[0][2] = 7;
    expect(rules(hardViolations(p, bad))).toEqual(["shape"]);
  });
});

describe("checker soft terms", () => {
  it("shift-on requests cost their weight unless that exact shift is worked", () => {
    const p = buildProblem({
      onRequests: [
        { employee: 0, day: 0, shift: D, weight: 2 },
        { employee: 0, day: 1, shift: D, weight: 3 },
        { employee: 0, day: 2, shift: N, weight: 5 },
      ],
    });
    // Day 0 met; day 1 off (3); day 2 works D instead of N (5).
    const ev = evaluate(p, [row("D.D...........")]);
    expect(ev.terms.shift_on_requests).toBe(8);
    expect(ev.objective).toBe(8);
  });

  it("shift-off requests cost their weight only if that exact shift is worked", () => {
    const p = buildProblem({
      offRequests: [
        { employee: 0, day: 0, shift: D, weight: 2 },
        { employee: 0, day: 1, shift: N, weight: 3 },
        { employee: 0, day: 2, shift: D, weight: 4 },
      ],
    });
    const ev = evaluate(p, [row("DD............")]);
    expect(ev.terms.shift_off_requests).toBe(2);
  });

  it("cover under and over are weighted per missing or extra person", () => {
    const p = buildProblem({
      employees: 3,
      cover: [
        { day: 0, shift: D, requirement: 2, underWeight: 100, overWeight: 1 },
        { day: 1, shift: D, requirement: 1, underWeight: 100, overWeight: 7 },
        { day: 1, shift: N, requirement: 3, underWeight: 50, overWeight: 1 },
      ],
    });
    const roster = [row("DD............"), row(".D............"), row(".D............")];
    // Day 0 D: 1 of 2 → 100. Day 1 D: 3 of 1 → 2 × 7. Day 1 N: 0 of 3 → 150.
    const ev = evaluate(p, roster);
    expect(ev.terms.cover).toBe(264);
    expect(ev.objective).toBe(264);
  });

  it("accepts extra soft terms", () => {
    const p = buildProblem();
    const worked = {
      name: "days_worked",
      evaluate: (_p: unknown, r: Roster) => r[0].filter((x) => x !== OFF).length,
    };
    const ev = evaluate(p, [row("DDD...........")], [worked]);
    expect(ev.terms).toEqual({ days_worked: 3 });
  });
});
