import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sharedNrpDir } from "./bench-data.js";
import { formatRosterCsv, parseNrp } from "./nrp-format.js";

describe("parseNrp", () => {
  it("parses Instance1", () => {
    const p = parseNrp(readFileSync(`${sharedNrpDir()}/Instance1.txt`, "utf8"));
    expect(p.days).toBe(14);
    expect(p.shifts).toEqual([{ id: "D", minutes: 480, cannotFollow: [] }]);
    expect(p.employees).toHaveLength(8);
    expect(p.employees[0]).toEqual({
      id: "A",
      maxShifts: [14],
      maxTotalMinutes: 4320,
      minTotalMinutes: 3360,
      maxConsecutiveShifts: 5,
      minConsecutiveShifts: 2,
      minConsecutiveDaysOff: 2,
      maxWeekends: 1,
      daysOff: [0],
    });
    expect(p.onRequests.length + p.offRequests.length).toBe(26);
    expect(p.offRequests[0]).toEqual({ employee: 2, day: 12, shift: 0, weight: 1 });
    expect(p.cover).toHaveLength(14);
    expect(p.cover[1]).toEqual({ day: 1, shift: 0, requirement: 7, underWeight: 100, overWeight: 1 });
  });

  it("parses forbidden successors naming later shifts", () => {
    const p = parseNrp(
      "SECTION_HORIZON\n7\nSECTION_SHIFTS\nE,480,\nL,480,E\nN,600,E|L\nSECTION_STAFF\nA,E=7|N=2,5000,0,5,1,1,1\n",
    );
    expect(p.shifts.map((s) => s.cannotFollow)).toEqual([[], [0], [0, 1]]);
    expect(p.employees[0].maxShifts).toEqual([7, 7, 2]);
  });

  it("reports errors with their line number", () => {
    const head = "SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7,5000,0,5,1,1,1\n";
    expect(() => parseNrp(`${head}SECTION_COVER\n0,X,1,100,1\n`)).toThrow(/line 8: unknown shift "X"/);
    expect(() => parseNrp(`${head}SECTION_DAYS_OFF\nA,9\n`)).toThrow(/line 8: day 9 outside/);
    expect(() => parseNrp(`${head}SECTION_SHIFT_ON_REQUESTS\nZ,1,D,1\n`)).toThrow(
      /line 8: unknown employee "Z"/,
    );
    expect(() => parseNrp(head.replace("\n7\n", "\nseven\n"))).toThrow(/line 2: horizon must be an integer/);
    expect(() => parseNrp("SECTION_BOGUS\n")).toThrow(/line 1: unknown section/);
    expect(() => parseNrp("SECTION_HORIZON\n7\n")).toThrow(/missing SECTION_SHIFTS/);
  });

  it("formats a roster as the benchmark's CSV", () => {
    const p = parseNrp("SECTION_HORIZON\n3\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=3,5000,0,5,1,1,1\n");
    expect(formatRosterCsv(p, [[0, -1, 0]])).toBe("A,D,,D\n");
  });
});
