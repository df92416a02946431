// The textbook integer programme of a roster problem, in CPLEX LP text for HiGHS. Any subset of
// cells may be freed (others fixed to a current roster): the whole problem for exact solves of
// small instances, a window of it for the large-neighbourhood repair.
import { OFF, type Roster, type RosterProblem, weekends } from "./model.js";

/** A linear expression: variable name → coefficient, plus a constant. */
class Expr {
  readonly terms = new Map<string, number>();
  constant = 0;
  add(name: string | null, coef: number): this {
    if (name === null) this.constant += coef;
    else this.terms.set(name, (this.terms.get(name) ?? 0) + coef);
    return this;
  }
  plus(other: Expr, coef = 1): this {
    for (const [n, c] of other.terms) this.add(n, c * coef);
    this.constant += other.constant * coef;
    return this;
  }
}

export interface MipModel {
  lp: string;
  /** Constant part of the objective, not in the LP text. */
  offset: number;
  /** Rebuilds a full roster from HiGHS column values (fixed cells copied from the base roster). */
  decode(columns: Record<string, { Primal: number }>): Roster;
  /** Column values of the base roster (a MIP start): name → value, for every column. */
  start(): Map<string, number>;
}

function formatExpr(e: Expr): string {
  const parts: string[] = [];
  let n = 0;
  for (const [name, c] of e.terms) {
    if (c === 0) continue;
    parts.push(`${c < 0 ? "-" : "+"} ${Math.abs(c)} ${name}`);
    // Short lines keep the LP reader happy.
    if (++n % 8 === 0) parts.push("\n  ");
  }
  return parts.length ? parts.join(" ") : "0 dummy";
}

/** Which cells are decisions; every other cell keeps the base roster's value. */
export interface FreeCells {
  /** Employees whose cells may change (default: all). */
  employees?: number[];
  /** Inclusive day window of those employees that may change (default: whole horizon). */
  from?: number;
  to?: number;
}

export function buildMip(problem: RosterProblem, base: Roster, freeCells: FreeCells = {}): MipModel {
  const { days, shifts, employees } = problem;
  const isFreeEmp = new Array<boolean>(employees.length).fill(freeCells.employees === undefined);
  for (const e of freeCells.employees ?? []) isFreeEmp[e] = true;
  const from = freeCells.from ?? 0;
  const to = freeCells.to ?? days - 1;
  const free = (e: number, d: number): boolean => isFreeEmp[e] && d >= from && d <= to;
  const S = shifts.length;
  const rows: string[] = [];
  const binaries: string[] = [];
  const objective = new Expr();
  let rowNo = 0;
  const constrain = (lhs: Expr, op: "<=" | ">=" | "=", rhs: number): void => {
    if (lhs.terms.size === 0) return; // only constants: nothing to decide here
    rows.push(` r${rowNo++}: ${formatExpr(lhs)} ${op} ${rhs - lhs.constant}`);
  };
  const offDay = employees.map((emp) => {
    const a = new Array<boolean>(days).fill(false);
    for (const d of emp.daysOff) a[d] = true;
    return a;
  });
  // cell[e][d][s]: an expression for "e works s on day d" (variable or constant).
  // Fixed employees only matter through cover, counted directly below.
  const cell: Expr[][][] = employees.map((emp, e) =>
    Array.from({ length: isFreeEmp[e] ? days : 0 }, (_, d) =>
      Array.from({ length: S }, (_, s) => {
        if (!free(e, d)) return new Expr().add(null, base[e][d] === s ? 1 : 0);
        if (offDay[e][d] || emp.maxShifts[s] === 0) return new Expr();
        const name = `x${e}_${d}_${s}`;
        binaries.push(name);
        return new Expr().add(name, 1);
      }),
    ),
  );
  const work = (e: number, d: number): Expr => {
    const w = new Expr();
    for (let s = 0; s < S; s++) w.plus(cell[e][d][s]);
    return w;
  };

  employees.forEach((emp, e) => {
    if (!isFreeEmp[e]) return;
    const w = Array.from({ length: days }, (_, d) => work(e, d));
    for (let d = 0; d < days; d++) constrain(w[d], "<=", 1);
    for (let s = 0; s < S; s++) {
      const n = new Expr();
      for (let d = 0; d < days; d++) n.plus(cell[e][d][s]);
      if (emp.maxShifts[s] < days) constrain(n, "<=", emp.maxShifts[s]);
    }
    const minutes = new Expr();
    for (let d = 0; d < days; d++) for (let s = 0; s < S; s++) minutes.plus(cell[e][d][s], shifts[s].minutes);
    constrain(minutes, "<=", emp.maxTotalMinutes);
    constrain(minutes, ">=", emp.minTotalMinutes);
    // Rotation: s on d excludes every forbidden successor on d+1 (at most one of them can be worked).
    for (let d = 0; d + 1 < days; d++)
      for (let s = 0; s < S; s++) {
        if (shifts[s].cannotFollow.length === 0) continue;
        const x = new Expr().plus(cell[e][d][s]);
        for (const t of shifts[s].cannotFollow) x.plus(cell[e][d + 1][t]);
        constrain(x, "<=", 1);
      }
    const maxC = emp.maxConsecutiveShifts;
    for (let d = 0; d + maxC < days; d++) {
      const x = new Expr();
      for (let j = d; j <= d + maxC; j++) x.plus(w[j]);
      constrain(x, "<=", maxC);
    }
    // Forbid off,(l shifts),off strictly inside the horizon for l < min.
    for (let l = 1; l < emp.minConsecutiveShifts; l++)
      for (let d = 1; d + l < days; d++) {
        const x = new Expr().plus(w[d - 1]).plus(w[d + l]);
        for (let j = d; j < d + l; j++) x.plus(w[j], -1);
        constrain(x, ">=", 1 - l);
      }
    for (let l = 1; l < emp.minConsecutiveDaysOff; l++)
      for (let d = 1; d + l < days; d++) {
        const x = new Expr().plus(w[d - 1], -1).plus(w[d + l], -1);
        for (let j = d; j < d + l; j++) x.plus(w[j]);
        constrain(x, ">=", -1);
      }
    const wkTotal = new Expr();
    weekends(days).forEach((wk, k) => {
      const name = `k${e}_${k}`;
      let fixedWorked = false;
      let anyVar = false;
      for (const d of wk) {
        if (w[d].terms.size > 0) anyVar = true;
        else if (w[d].constant > 0) fixedWorked = true;
      }
      if (fixedWorked || !anyVar) {
        wkTotal.add(null, fixedWorked ? 1 : 0);
        return;
      }
      binaries.push(name);
      for (const d of wk) constrain(new Expr().plus(w[d]).add(name, -1), "<=", 0);
      wkTotal.add(name, 1);
    });
    constrain(wkTotal, "<=", emp.maxWeekends);
  });

  // Requests of fixed employees are constants left out of the offset: the offset is exact only for
  // whole-problem models; sub-models are compared by re-scoring.
  for (const r of problem.onRequests)
    if (isFreeEmp[r.employee])
      objective.plus(cell[r.employee][r.day][r.shift], -r.weight).add(null, r.weight);
  for (const r of problem.offRequests)
    if (isFreeEmp[r.employee]) objective.plus(cell[r.employee][r.day][r.shift], r.weight);
  problem.cover.forEach((c, i) => {
    const n = new Expr();
    for (let e = 0; e < employees.length; e++) {
      if (isFreeEmp[e]) n.plus(cell[e][c.day][c.shift]);
      else if (base[e][c.day] === c.shift) n.add(null, 1);
    }
    if (n.terms.size === 0) {
      const k = n.constant;
      objective.add(
        null,
        k < c.requirement ? (c.requirement - k) * c.underWeight : (k - c.requirement) * c.overWeight,
      );
      return;
    }
    const under = `u${i}`;
    const over = `o${i}`;
    objective.add(under, c.underWeight).add(over, c.overWeight);
    constrain(n.add(under, 1).add(over, -1), "=", c.requirement);
  });

  const lp = [
    "Minimize",
    ` obj: ${formatExpr(objective)}`,
    "Subject To",
    ...rows,
    "Binary",
    ...binaries.map((b) => ` ${b}`),
    "End",
    "",
  ].join("\n");

  const decode = (columns: Record<string, { Primal: number }>): Roster =>
    employees.map((_, e) =>
      Array.from({ length: days }, (_, d) => {
        if (!free(e, d)) return base[e][d];
        for (let s = 0; s < S; s++) if ((columns[`x${e}_${d}_${s}`]?.Primal ?? 0) > 0.5) return s;
        return OFF;
      }),
    );
  const start = (): Map<string, number> => {
    const v = new Map<string, number>();
    v.set("dummy", 0);
    for (const b of binaries) {
      if (b[0] === "x") {
        const [e, d, s] = b.slice(1).split("_").map(Number);
        v.set(b, base[e][d] === s ? 1 : 0);
      } else {
        const [e, k] = b.slice(1).split("_").map(Number);
        v.set(b, weekends(days)[k].some((d) => base[e][d] !== OFF) ? 1 : 0);
      }
    }
    problem.cover.forEach((c, i) => {
      let n = 0;
      for (let e = 0; e < employees.length; e++) if (base[e][c.day] === c.shift) n++;
      v.set(`u${i}`, Math.max(0, c.requirement - n));
      v.set(`o${i}`, Math.max(0, n - c.requirement));
    });
    return v;
  };
  return { lp, offset: objective.constant, decode, start };
}
