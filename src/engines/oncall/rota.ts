// Who is on call for a line at an instant, and the schedule over a period. Rotations hand off at a
// local time in the line's time zone, so a weekly turn from Monday 08:00 stays Monday 08:00 across
// daylight-saving changes (and that week is 167 or 169 hours long). Pure: no clock, no I/O.
import { addDays, daysBetween, resolveLocal, toLocal } from "../calendar/zoned.js";

export type Restriction =
  | { kind: "always" }
  /** Only within opening hours (days 1 = Monday … 7 = Sunday, local HH:MM). */
  | { kind: "opening_hours"; days: number[]; start: string; end: string }
  /** Only outside opening hours: nights and weekends. */
  | { kind: "outside_hours"; days: number[]; start: string; end: string };

export interface Rotation {
  id: string;
  name: string;
  /** People in turn order. */
  participants: string[];
  /** Local date of the first handoff. */
  startDate: string;
  /** Local time of every handoff, HH:MM. */
  handoffTime: string;
  /** Length of one person's turn, in days. */
  turnDays: number;
  restriction: Restriction;
  /** Rotations listed earlier win when several cover the same instant (layers). */
}

export interface Override {
  id: string;
  personId: string;
  start: Date;
  end: Date;
}

export interface Line {
  timezone: string;
  rotations: Rotation[];
  overrides: Override[];
}

export interface OnCall {
  personId: string;
  source: "override" | "rotation";
  rotationId: string | null;
  overrideId: string | null;
}

/** Start instant of turn number k of a rotation (k may be negative). */
export function turnStart(rotation: Rotation, k: number, tz: string): Date {
  const date = addDays(rotation.startDate, k * rotation.turnDays);
  return resolveLocal(date, rotation.handoffTime, tz).at;
}

/** Which turn covers instant `at` (the turn whose start ≤ at < next start). */
export function turnIndex(rotation: Rotation, at: Date, tz: string): number {
  const local = toLocal(at, tz);
  let k = Math.floor(daysBetween(rotation.startDate, local.date) / rotation.turnDays);
  // The local-date estimate is off by at most one turn around the handoff time.
  while (turnStart(rotation, k, tz) > at) k--;
  while (turnStart(rotation, k + 1, tz) <= at) k++;
  return k;
}

export function personForTurn(rotation: Rotation, k: number): string {
  const n = rotation.participants.length;
  return rotation.participants[((k % n) + n) % n];
}

function withinHours(days: number[], start: string, end: string, weekday: number, time: string): boolean {
  if (!days.includes(weekday)) return false;
  return start <= end ? time >= start && time < end : time >= start || time < end;
}

export function restrictionAllows(r: Restriction, at: Date, tz: string): boolean {
  if (r.kind === "always") return true;
  const local = toLocal(at, tz);
  const inside = withinHours(r.days, r.start, r.end, local.weekday, local.time);
  return r.kind === "opening_hours" ? inside : !inside;
}

export function whoIsOnCall(line: Line, at: Date): OnCall | null {
  // The most recent override covering the instant wins over every rotation.
  const override = line.overrides
    .filter((o) => o.start <= at && at < o.end)
    .sort((a, b) => b.start.getTime() - a.start.getTime())[0];
  if (override)
    return { personId: override.personId, source: "override", rotationId: null, overrideId: override.id };
  for (const rotation of line.rotations) {
    if (rotation.participants.length === 0) continue;
    if (at < turnStart(rotation, 0, line.timezone)) continue;
    if (!restrictionAllows(rotation.restriction, at, line.timezone)) continue;
    const k = turnIndex(rotation, at, line.timezone);
    return {
      personId: personForTurn(rotation, k),
      source: "rotation",
      rotationId: rotation.id,
      overrideId: null,
    };
  }
  return null;
}

export interface Segment {
  start: Date;
  end: Date;
  personId: string;
  source: "override" | "rotation";
  rotationId: string | null;
}

/**
 * The schedule of a line over [from, to): consecutive segments of one person each. Evaluated at
 * every instant where the answer can change (handoffs, override edges, restriction edges).
 */
export function schedule(line: Line, from: Date, to: Date): Segment[] {
  const tz = line.timezone;
  const cuts = new Set<number>([from.getTime(), to.getTime()]);
  for (const o of line.overrides) {
    for (const t of [o.start.getTime(), o.end.getTime()])
      if (t > from.getTime() && t < to.getTime()) cuts.add(t);
  }
  const firstDay = addDays(toLocal(from, tz).date, -1);
  const lastDay = addDays(toLocal(to, tz).date, 1);
  const span = daysBetween(firstDay, lastDay);
  for (const r of line.rotations) {
    const times = new Set<string>([r.handoffTime]);
    if (r.restriction.kind !== "always") {
      times.add(r.restriction.start);
      times.add(r.restriction.end);
    }
    for (let d = 0; d <= span; d++) {
      const date = addDays(firstDay, d);
      for (const time of times) {
        const t = resolveLocal(date, time, tz).at.getTime();
        if (t > from.getTime() && t < to.getTime()) cuts.add(t);
      }
    }
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    const start = new Date(sorted[i]);
    const end = new Date(sorted[i + 1]);
    const who = whoIsOnCall(line, start);
    if (!who) continue;
    const last = segments[segments.length - 1];
    if (
      last &&
      last.personId === who.personId &&
      last.end.getTime() === start.getTime() &&
      last.source === who.source
    ) {
      last.end = end;
    } else {
      segments.push({ start, end, personId: who.personId, source: who.source, rotationId: who.rotationId });
    }
  }
  return segments;
}

/** Overrides of one line that overlap each other (an override that overlaps itself is refused). */
export function overlappingOverride(
  existing: Override[],
  candidate: { personId: string; start: Date; end: Date },
): Override | null {
  return (
    existing.find(
      (o) => o.personId === candidate.personId && o.start < candidate.end && candidate.start < o.end,
    ) ?? null
  );
}
