// Wall-clock time in an IANA time zone ↔ instants, with the daylight-saving edge cases made
// explicit: a local time that does not exist (spring gap) or exists twice (autumn fold).

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(tz, f);
  }
  return f;
}

export interface LocalDateTime {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM
  weekday: number; // 1 = Monday … 7 = Sunday
}

/** The wall-clock reading in `tz` at instant `at`. */
export function toLocal(at: Date, tz: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(at)) parts[p.type] = p.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return { date, time: `${parts.hour}:${parts.minute}`, weekday };
}

/** Offset of `tz` from UTC at instant `at`, in minutes (Paris in summer: +120). */
export function offsetMinutes(at: Date, tz: string): number {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(at)) parts[p.type] = p.value;
  const asUtc = Date.UTC(
    +parts.year,
    +parts.month - 1,
    +parts.day,
    +parts.hour,
    +parts.minute,
    +parts.second,
  );
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

export type Resolution =
  | { kind: "exact"; at: Date }
  | { kind: "gap"; at: Date }
  | { kind: "fold"; at: Date; later: Date };

/**
 * The instant(s) at which `tz` reads `date time`. In a spring gap the time does not exist: `at` is
 * shifted forward by the gap ("02:30" that night is 03:30), as Temporal's "compatible" rule does.
 * In an autumn fold it exists twice: `at` is the first occurrence, `later` the second.
 */
export function resolveLocal(date: string, time: string, tz: string): Resolution {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  const candidates = new Set<number>();
  for (const probe of [naive - 36 * 3_600_000, naive, naive + 36 * 3_600_000]) {
    candidates.add(offsetMinutes(new Date(probe), tz));
  }
  const matches = [...candidates]
    .map((off) => naive - off * 60_000)
    .filter((t) => {
      const l = toLocal(new Date(t), tz);
      return l.date === date && l.time === time;
    })
    .sort((a, b) => a - b);
  const unique = [...new Set(matches)];
  if (unique.length === 1) return { kind: "exact", at: new Date(unique[0]) };
  if (unique.length >= 2)
    return { kind: "fold", at: new Date(unique[0]), later: new Date(unique[unique.length - 1]) };
  // Gap: reading the wall time with the offset in force before the jump shifts it forward.
  const offsets = [...candidates].sort((a, b) => a - b);
  const before = naive - offsets[0] * 60_000;
  return { kind: "gap", at: new Date(before) };
}

/** Adds whole calendar days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole calendar days from `a` to `b` (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round(
    (new Date(`${b}T00:00:00Z`).getTime() - new Date(`${a}T00:00:00Z`).getTime()) / 86_400_000,
  );
}

export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}
