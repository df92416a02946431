import { readFileSync } from "node:fs";
import loadHighs from "highs";
import { describe, expect, it } from "vitest";
import { sharedNrpDir } from "./bench-data.js";
import { evaluate } from "./checker.js";
import { buildMip } from "./mip.js";
import { emptyRoster } from "./model.js";
import { parseNrp } from "./nrp-format.js";

// HiGHS proves the optimum of the textbook MIP; the independent checker must find the same value
// on the decoded roster, and the value must be the published optimum.
describe("checker agrees with the exact optimum", () => {
  for (const [n, optimum] of [
    [1, 607],
    [2, 828],
  ] as const) {
    it(`Instance${n} = ${optimum}`, async () => {
      const highs = await loadHighs();
      const problem = parseNrp(readFileSync(`${sharedNrpDir()}/Instance${n}.txt`, "utf8"));
      const model = buildMip(problem, emptyRoster(problem));
      const sol = highs.solve(model.lp, { output_flag: false, time_limit: 50 } as Parameters<
        typeof highs.solve
      >[1]);
      expect(sol.Status).toBe("Optimal");
      const roster = model.decode(sol.Columns as Record<string, { Primal: number }>);
      const ev = evaluate(problem, roster);
      expect(ev.hard).toEqual([]);
      expect(Math.round(sol.ObjectiveValue + model.offset)).toBe(optimum);
      expect(ev.objective).toBe(optimum);
    });
  }
});
