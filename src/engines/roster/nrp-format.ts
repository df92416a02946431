// Parser for the Curtois–Qu instance text format (schedulingbenchmarks.org "Instances 1-24").
// Sections of comma-separated lines, `#` comments; any error names its line.
import type { CoverRequirement, Employee, RosterProblem, ShiftRequest, ShiftType } from "./model.js";

const SECTIONS = [
  "SECTION_HORIZON",
  "SECTION_SHIFTS",
  "SECTION_STAFF",
  "SECTION_DAYS_OFF",
  "SECTION_SHIFT_ON_REQUESTS",
  "SECTION_SHIFT_OFF_REQUESTS",
  "SECTION_COVER",
] as const;
type Section = (typeof SECTIONS)[number];

interface Line {
  no: number;
  fields: string[];
}

function fail(no: number, message: string): never {
  throw new Error(`NRP instance, line ${no}: ${message}`);
}

function int(no: number, text: string | undefined, what: string): number {
  const t = (text ?? "").trim();
  if (!/^-?\d+$/.test(t)) fail(no, `${what} must be an integer, got "${t}"`);
  return Number(t);
}

function arity(line: Line, n: number, what: string): void {
  if (line.fields.length < n) fail(line.no, `${what} needs ${n} fields, got ${line.fields.length}`);
}

export function parseNrp(text: string): RosterProblem {
  const bySection = new Map<Section, Line[]>();
  let current: Section | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const no = i + 1;
    const body = raw.replace(/#.*$/, "").trim();
    if (body === "") return;
    if (body.startsWith("SECTION_")) {
      if (!(SECTIONS as readonly string[]).includes(body)) fail(no, `unknown section ${body}`);
      current = body as Section;
      if (bySection.has(current)) fail(no, `section ${body} appears twice`);
      bySection.set(current, []);
      return;
    }
    if (!current) fail(no, "data before any SECTION_ header");
    bySection.get(current)!.push({ no, fields: body.split(",").map((f) => f.trim()) });
  });
  for (const s of ["SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF"] as const)
    if (!bySection.has(s)) throw new Error(`NRP instance: missing ${s}`);
  const lines = (s: Section): Line[] => bySection.get(s) ?? [];

  const horizon = lines("SECTION_HORIZON");
  if (horizon.length !== 1) fail(horizon[1]?.no ?? 0, "SECTION_HORIZON must hold exactly one number");
  const days = int(horizon[0].no, horizon[0].fields[0], "horizon");
  if (days <= 0) fail(horizon[0].no, "horizon must be positive");

  // Shifts first pass for IDs, so forbidden successors may name later shifts.
  const shiftIndex = new Map<string, number>();
  for (const l of lines("SECTION_SHIFTS")) {
    arity(l, 2, "a shift");
    if (shiftIndex.has(l.fields[0])) fail(l.no, `duplicate shift ${l.fields[0]}`);
    shiftIndex.set(l.fields[0], shiftIndex.size);
  }
  const shiftOf = (no: number, id: string): number => {
    const s = shiftIndex.get(id);
    if (s === undefined) fail(no, `unknown shift "${id}"`);
    return s;
  };
  const shifts: ShiftType[] = lines("SECTION_SHIFTS").map((l) => ({
    id: l.fields[0],
    minutes: int(l.no, l.fields[1], "shift length"),
    cannotFollow: (l.fields[2] ?? "")
      .split("|")
      .filter((x) => x.trim() !== "")
      .map((x) => shiftOf(l.no, x.trim())),
  }));

  const empIndex = new Map<string, number>();
  const employees: Employee[] = lines("SECTION_STAFF").map((l) => {
    arity(l, 8, "a staff line");
    const [id, maxes] = l.fields;
    if (empIndex.has(id)) fail(l.no, `duplicate employee ${id}`);
    empIndex.set(id, empIndex.size);
    // A shift type not listed may be worked without limit.
    const maxShifts = shifts.map(() => days);
    for (const part of maxes.split("|").filter((p) => p !== "")) {
      const m = /^([^=]+)=(\d+)$/.exec(part.trim());
      if (!m) fail(l.no, `bad MaxShifts entry "${part}" (expected ShiftID=count)`);
      maxShifts[shiftOf(l.no, m[1])] = Number(m[2]);
    }
    return {
      id,
      maxShifts,
      maxTotalMinutes: int(l.no, l.fields[2], "MaxTotalMinutes"),
      minTotalMinutes: int(l.no, l.fields[3], "MinTotalMinutes"),
      maxConsecutiveShifts: int(l.no, l.fields[4], "MaxConsecutiveShifts"),
      minConsecutiveShifts: int(l.no, l.fields[5], "MinConsecutiveShifts"),
      minConsecutiveDaysOff: int(l.no, l.fields[6], "MinConsecutiveDaysOff"),
      maxWeekends: int(l.no, l.fields[7], "MaxWeekends"),
      daysOff: [],
    };
  });
  const empOf = (no: number, id: string): number => {
    const e = empIndex.get(id);
    if (e === undefined) fail(no, `unknown employee "${id}"`);
    return e;
  };
  const dayOf = (no: number, text: string | undefined): number => {
    const d = int(no, text, "day");
    if (d < 0 || d >= days) fail(no, `day ${d} outside the horizon 0..${days - 1}`);
    return d;
  };

  for (const l of lines("SECTION_DAYS_OFF")) {
    const e = empOf(l.no, l.fields[0]);
    for (const f of l.fields.slice(1)) if (f !== "") employees[e].daysOff.push(dayOf(l.no, f));
  }

  const requests = (s: Section): ShiftRequest[] =>
    lines(s).map((l) => {
      arity(l, 4, "a shift request");
      const weight = int(l.no, l.fields[3], "weight");
      if (weight < 0) fail(l.no, "weight must not be negative");
      return {
        employee: empOf(l.no, l.fields[0]),
        day: dayOf(l.no, l.fields[1]),
        shift: shiftOf(l.no, l.fields[2]),
        weight,
      };
    });

  const cover: CoverRequirement[] = lines("SECTION_COVER").map((l) => {
    arity(l, 5, "a cover line");
    return {
      day: dayOf(l.no, l.fields[0]),
      shift: shiftOf(l.no, l.fields[1]),
      requirement: int(l.no, l.fields[2], "requirement"),
      underWeight: int(l.no, l.fields[3], "under weight"),
      overWeight: int(l.no, l.fields[4], "over weight"),
    };
  });

  return {
    days,
    shifts,
    employees,
    onRequests: requests("SECTION_SHIFT_ON_REQUESTS"),
    offRequests: requests("SECTION_SHIFT_OFF_REQUESTS"),
    cover,
  };
}

/** The benchmark's roster file: one line per employee, ID then one field per day (shift ID or empty). */
export function formatRosterCsv(problem: RosterProblem, roster: number[][]): string {
  return problem.employees
    .map((emp, e) => [emp.id, ...roster[e].map((s) => (s < 0 ? "" : problem.shifts[s].id))].join(","))
    .join("\n")
    .concat("\n");
}
