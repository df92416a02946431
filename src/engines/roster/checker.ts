// Independent roster evaluator: deliberately plain code, sharing nothing with the search's delta
// scoring, so that it can catch the search's bugs. Curtois–Qu semantics at the horizon's edges.
import { OFF, type Roster, type RosterProblem, weekends } from "./model.js";

export interface HardViolation {
  employee: string;
  rule: string;
  message: string;
}

/** A soft term: a named, non-negative penalty of a roster. Relais adds its own (fairness, teams...). */
export interface SoftTerm {
  name: string;
  evaluate(problem: RosterProblem, roster: Roster): number;
}

export interface Evaluation {
  hard: HardViolation[];
  /** Sum of all soft terms. */
  objective: number;
  terms: Record<string, number>;
}

export const shiftOnRequestsTerm: SoftTerm = {
  name: "shift_on_requests",
  evaluate(problem, roster) {
    let total = 0;
    for (const r of problem.onRequests) if (roster[r.employee][r.day] !== r.shift) total += r.weight;
    return total;
  },
};

export const shiftOffRequestsTerm: SoftTerm = {
  name: "shift_off_requests",
  evaluate(problem, roster) {
    let total = 0;
    for (const r of problem.offRequests) if (roster[r.employee][r.day] === r.shift) total += r.weight;
    return total;
  },
};

export const coverTerm: SoftTerm = {
  name: "cover",
  evaluate(problem, roster) {
    let total = 0;
    for (const c of problem.cover) {
      let assigned = 0;
      for (const row of roster) if (row[c.day] === c.shift) assigned++;
      if (assigned < c.requirement) total += (c.requirement - assigned) * c.underWeight;
      if (assigned > c.requirement) total += (assigned - c.requirement) * c.overWeight;
    }
    return total;
  },
};

export const curtoisQuTerms: SoftTerm[] = [shiftOnRequestsTerm, shiftOffRequestsTerm, coverTerm];

/** Maximal runs of equal work/off status: [start, end] inclusive, with `working`. */
function runs(row: number[]): { start: number; end: number; working: boolean }[] {
  const out: { start: number; end: number; working: boolean }[] = [];
  let start = 0;
  for (let d = 1; d <= row.length; d++) {
    if (d === row.length || (row[d] !== OFF) !== (row[start] !== OFF)) {
      out.push({ start, end: d - 1, working: row[start] !== OFF });
      start = d;
    }
  }
  return out;
}

export function hardViolations(problem: RosterProblem, roster: Roster): HardViolation[] {
  const out: HardViolation[] = [];
  const { days, shifts } = problem;
  if (roster.length !== problem.employees.length) {
    return [{ employee: "-", rule: "shape", message: `roster has ${roster.length} rows` }];
  }
  problem.employees.forEach((emp, e) => {
    const row = roster[e];
    const add = (rule: string, message: string): void => {
      out.push({ employee: emp.id, rule, message: `${emp.id}: ${message}` });
    };
    if (row.length !== days) {
      add("shape", `row has ${row.length} days, expected ${days}`);
      return;
    }
    for (let d = 0; d < days; d++) {
      const s = row[d];
      if (s !== OFF && !(Number.isInteger(s) && s >= 0 && s < shifts.length)) {
        add("shape", `day ${d} holds an invalid shift ${s}`);
        return;
      }
    }
    for (const d of emp.daysOff) if (row[d] !== OFF) add("day_off", `works on day ${d}, a day off`);

    shifts.forEach((sh, s) => {
      const n = row.filter((x) => x === s).length;
      if (n > emp.maxShifts[s]) add("max_shifts", `${n} ${sh.id} shifts, at most ${emp.maxShifts[s]}`);
    });

    let minutes = 0;
    for (const s of row) if (s !== OFF) minutes += shifts[s].minutes;
    if (minutes > emp.maxTotalMinutes)
      add("max_minutes", `${minutes} minutes, at most ${emp.maxTotalMinutes}`);
    if (minutes < emp.minTotalMinutes)
      add("min_minutes", `${minutes} minutes, at least ${emp.minTotalMinutes}`);

    for (const r of runs(row)) {
      const len = r.end - r.start + 1;
      const inner = r.start > 0 && r.end < days - 1;
      const where = `days ${r.start}-${r.end}`;
      if (r.working && len > emp.maxConsecutiveShifts)
        add("max_consecutive", `${len} consecutive shifts (${where}), at most ${emp.maxConsecutiveShifts}`);
      if (r.working && inner && len < emp.minConsecutiveShifts)
        add("min_consecutive", `${len} consecutive shifts (${where}), at least ${emp.minConsecutiveShifts}`);
      if (!r.working && inner && len < emp.minConsecutiveDaysOff)
        add("min_days_off", `${len} consecutive days off (${where}), at least ${emp.minConsecutiveDaysOff}`);
    }

    let worked = 0;
    for (const wk of weekends(days)) if (wk.some((d) => row[d] !== OFF)) worked++;
    if (worked > emp.maxWeekends)
      add("max_weekends", `${worked} weekends worked, at most ${emp.maxWeekends}`);

    for (let d = 0; d + 1 < days; d++) {
      const a = row[d];
      const b = row[d + 1];
      if (a !== OFF && b !== OFF && shifts[a].cannotFollow.includes(b))
        add("rotation", `${shifts[b].id} on day ${d + 1} cannot follow ${shifts[a].id} on day ${d}`);
    }
  });
  return out;
}

export function evaluate(
  problem: RosterProblem,
  roster: Roster,
  terms: SoftTerm[] = curtoisQuTerms,
): Evaluation {
  const hard = hardViolations(problem, roster);
  const byName: Record<string, number> = {};
  let objective = 0;
  if (!hard.some((v) => v.rule === "shape")) {
    for (const t of terms) {
      const v = t.evaluate(problem, roster);
      byName[t.name] = v;
      objective += v;
    }
  }
  return { hard, objective, terms: byName };
}
