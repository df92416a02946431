// Problem factories for tests: a tiny hand-tunable problem and a seeded random generator.
import type { Employee, Roster, RosterProblem, ShiftRequest } from "./model.js";
import { Rng } from "./rng.js";

/** Two shifts: D (480 min) and N (600 min, D may not follow it); limits loose unless overridden. */
export function buildProblem(
  opts: { days?: number; employees?: number; employee?: Partial<Employee> } & Omit<
    Partial<RosterProblem>,
    "employees"
  > = {},
): RosterProblem {
  const days = opts.days ?? 14;
  const emp = (i: number): Employee => ({
    id: String.fromCharCode(65 + i),
    maxShifts: [days, days],
    maxTotalMinutes: 100_000,
    minTotalMinutes: 0,
    maxConsecutiveShifts: days,
    minConsecutiveShifts: 1,
    minConsecutiveDaysOff: 1,
    maxWeekends: days,
    daysOff: [],
    ...opts.employee,
  });
  return {
    days,
    shifts: opts.shifts ?? [
      { id: "D", minutes: 480, cannotFollow: [] },
      { id: "N", minutes: 600, cannotFollow: [0] },
    ],
    employees:
      opts.employees === undefined && opts.employee === undefined
        ? [emp(0)]
        : Array.from({ length: opts.employees ?? 1 }, (_, i) => emp(i)),
    onRequests: opts.onRequests ?? [],
    offRequests: opts.offRequests ?? [],
    cover: opts.cover ?? [],
  };
}

/**
 * Four weeks, one shift type, two employees allowed two weekends each, and every Saturday and Sunday
 * needing one of them: the four weekends can all be covered once. The start has both employees on
 * the first two weekends (over-cover 4 × 1, under-cover 4 × 100).
 */
export function twoWeekendsEach(onRequests: ShiftRequest[] = []): { problem: RosterProblem; start: Roster } {
  const problem = buildProblem({
    days: 28,
    employees: 2,
    employee: { maxWeekends: 2 },
    shifts: [{ id: "D", minutes: 480, cannotFollow: [] }],
    onRequests,
    cover: [5, 12, 19, 26].flatMap((sat) =>
      [sat, sat + 1].map((day) => ({ day, shift: 0, requirement: 1, underWeight: 100, overWeight: 1 })),
    ),
  });
  const start = [0, 1].map(() => Array.from({ length: 28 }, (_, d) => ([5, 6, 12, 13].includes(d) ? 0 : -1)));
  return { problem, start };
}

/** A random Curtois–Qu-like instance, small enough for fast tests. */
export function generateProblem(seed: number, employees = 8, weeks = 2): RosterProblem {
  const rng = new Rng(seed);
  const days = weeks * 7;
  const shifts = [
    { id: "E", minutes: 480, cannotFollow: [] as number[] },
    { id: "L", minutes: 480, cannotFollow: [0] },
  ];
  const emps: Employee[] = Array.from({ length: employees }, (_, i) => ({
    id: `P${i}`,
    maxShifts: [days, rng.int(2) === 0 ? 0 : days],
    maxTotalMinutes: 480 * Math.round(days * 0.7),
    minTotalMinutes: 480 * Math.round(days * 0.45),
    maxConsecutiveShifts: 5,
    minConsecutiveShifts: 2,
    minConsecutiveDaysOff: 2,
    maxWeekends: Math.ceil(weeks / 2),
    daysOff: [rng.int(days)],
  }));
  const onRequests = [];
  const offRequests = [];
  for (let e = 0; e < employees; e++) {
    for (let k = 0; k < 3; k++)
      onRequests.push({ employee: e, day: rng.int(days), shift: 0, weight: 1 + rng.int(3) });
    for (let k = 0; k < 2; k++)
      offRequests.push({ employee: e, day: rng.int(days), shift: rng.int(2), weight: 1 + rng.int(3) });
  }
  const cover = [];
  for (let d = 0; d < days; d++)
    for (let s = 0; s < 2; s++)
      cover.push({
        day: d,
        shift: s,
        requirement: 1 + rng.int(Math.ceil(employees / 3)),
        underWeight: 100,
        overWeight: 1,
      });
  return { days, shifts, employees: emps, onRequests, offRequests, cover };
}
