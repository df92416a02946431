// The general roster model: plain data shared by the NRP parser, Relais rotations, the checker and
// the solver. Indices (not IDs) everywhere so the search can use flat typed arrays.

export interface ShiftType {
  id: string;
  minutes: number;
  /** Indices of shift types that may not be worked the day after this one. */
  cannotFollow: number[];
}

export interface Employee {
  id: string;
  /** Per shift type index: maximum number of such shifts over the horizon (0 = never). */
  maxShifts: number[];
  maxTotalMinutes: number;
  minTotalMinutes: number;
  maxConsecutiveShifts: number;
  minConsecutiveShifts: number;
  minConsecutiveDaysOff: number;
  maxWeekends: number;
  /** Days the employee must not work (hard): leave, statuses, "never on site". */
  daysOff: number[];
}

/** Soft wish for a given shift (on) or against it (off) on one day. */
export interface ShiftRequest {
  employee: number;
  day: number;
  shift: number;
  weight: number;
}

/** Soft need: `requirement` people on `shift` on `day` (in Relais: per day, site and skill). */
export interface CoverRequirement {
  day: number;
  shift: number;
  requirement: number;
  underWeight: number;
  overWeight: number;
}

export interface RosterProblem {
  /** Horizon length; day 0 is a Monday. */
  days: number;
  shifts: ShiftType[];
  employees: Employee[];
  onRequests: ShiftRequest[];
  offRequests: ShiftRequest[];
  cover: CoverRequirement[];
}

/** Value of one cell: a shift type index, or OFF. */
export const OFF = -1;

/** roster[employee][day] = shift index or OFF. */
export type Roster = number[][];

export function emptyRoster(problem: RosterProblem): Roster {
  return problem.employees.map(() => new Array<number>(problem.days).fill(OFF));
}

/** Weekends fully inside the horizon as [saturday, sunday]; a lone trailing Saturday counts alone. */
export function weekends(days: number): number[][] {
  const out: number[][] = [];
  for (let sat = 5; sat < days; sat += 7) out.push(sat + 1 < days ? [sat, sat + 1] : [sat]);
  return out;
}

/** Every weight is an integer: so is every objective, and one within 1 of a lower bound is optimal. */
export function integralWeights(problem: RosterProblem): boolean {
  return (
    [...problem.onRequests, ...problem.offRequests].every((r) => Number.isInteger(r.weight)) &&
    problem.cover.every((c) => Number.isInteger(c.underWeight) && Number.isInteger(c.overWeight))
  );
}
