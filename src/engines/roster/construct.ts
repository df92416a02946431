// Greedy starting roster: each employee independently gets blocks of one shift type, sized within
// the consecutive limits and spread to reach the minimum minutes. Not feasible in general, but far
// closer than an empty roster, which matters on year-long instances where search time per cell is low.
import { OFF, type Roster, type RosterProblem, weekends } from "./model.js";

export function constructRoster(problem: RosterProblem): Roster {
  const { days, shifts } = problem;
  const wkOf = new Array<number>(days).fill(-1);
  weekends(days).forEach((wk, k) => {
    for (const d of wk) wkOf[d] = k;
  });
  // Shift types needed most, first; a block repeats its type, so it must be allowed to follow itself.
  const demand = shifts.map(() => 0);
  for (const c of problem.cover) demand[c.shift] += c.requirement;
  const order = shifts.map((_, s) => s).sort((a, b) => demand[b] - demand[a]);
  const assigned = shifts.map(() => 0);

  return problem.employees.map((emp) => {
    const row = new Array<number>(days).fill(OFF);
    const off = new Array<boolean>(days).fill(false);
    for (const d of emp.daysOff) off[d] = true;
    const used = shifts.map(() => 0);
    // Spread employees over shift types in proportion to demand.
    const pick = (): number => {
      let best = OFF;
      let bestScore = Number.POSITIVE_INFINITY;
      for (const s of order) {
        if (used[s] >= emp.maxShifts[s] || shifts[s].cannotFollow.includes(s)) continue;
        const score = assigned[s] / Math.max(1, demand[s]);
        if (score < bestScore) {
          bestScore = score;
          best = s;
        }
      }
      return best;
    };
    let s = pick();
    if (s === OFF) return row;
    const target = Math.min(emp.maxTotalMinutes, emp.minTotalMinutes + shifts[s].minutes / 2);
    const blockLen = Math.max(emp.minConsecutiveShifts, Math.min(emp.maxConsecutiveShifts, 4));
    const wkWorked = new Set<number>();
    let minutes = 0;
    const canWork = (d: number): boolean =>
      !off[d] && (wkOf[d] < 0 || wkWorked.has(wkOf[d]) || wkWorked.size < emp.maxWeekends);
    let d = 0;
    while (d < days && minutes < target) {
      const pace = (target * (d + 1)) / days;
      if (minutes > pace || !canWork(d)) {
        d++;
        continue;
      }
      s = pick();
      if (s === OFF) break;
      let len = 0;
      while (d < days && len < blockLen && canWork(d) && minutes < target && used[s] < emp.maxShifts[s]) {
        row[d] = s;
        used[s]++;
        assigned[s]++;
        minutes += shifts[s].minutes;
        if (wkOf[d] >= 0) wkWorked.add(wkOf[d]);
        len++;
        d++;
      }
      d += Math.max(1, emp.minConsecutiveDaysOff);
    }
    return row;
  });
}
