// The dashboard's figures from plain rows: headcount, telework share, equipped-to-telework curve
// and the essential activities short of staff today, each with the numbers that explain why.
// Pure: no database, no clock.
import { isEquipped, requiredKinds } from "../../engines/equipment/equipped.js";
import { STATUSES, type Status } from "../db/schema.js";

export type StatusCounts = Record<Status, number>;

export const ABSENT_STATUSES: readonly Status[] = ["sick", "isolated", "childcare", "special_leave", "off"];
export const AVAILABLE_STATUSES: readonly Status[] = ["on_site", "telework", "on_call"];

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}

/** `n` calendar days ending with `end` (inclusive), oldest first. */
export function dayRange(end: string, n: number): string[] {
  const last = Date.parse(`${end}T00:00:00Z`);
  const days: string[] = [];
  for (let i = n - 1; i >= 0; i--) days.push(new Date(last - i * 86_400_000).toISOString().slice(0, 10));
  return days;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Share of available agents (on site, teleworking, on call) who telework; null when nobody is available. */
export function teleworkShare(counts: StatusCounts): number | null {
  const available = AVAILABLE_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  return available === 0 ? null : counts.telework / available;
}

export interface LoanSpan {
  agentId: string;
  kind: string;
  /** First day held. */
  lentOn: string;
  /** First day no longer held (null: still held). */
  returnedOn: string | null;
}

/** Index of the first of the sorted `days` that is >= `day` (days.length when none). */
function firstIndexFrom(days: readonly string[], day: string): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * For each agent holding anything during `days` (sorted), whether they are equipped to telework on
 * each day (1) or not (0): they hold a laptop and every kind their activities require
 * (`extraRequired`, by agent). Agents who are never equipped (a laptop is the floor) are left out.
 */
export function equippedDays(
  days: readonly string[],
  loans: readonly LoanSpan[],
  extraRequired: ReadonlyMap<string, readonly string[]>,
): Map<string, Uint8Array> {
  // Each loan as the range of day indexes [from, to) when it is held.
  const byAgent = new Map<string, { kind: string; from: number; to: number }[]>();
  for (const loan of loans) {
    const span = {
      kind: loan.kind,
      from: firstIndexFrom(days, loan.lentOn),
      to: loan.returnedOn === null ? days.length : firstIndexFrom(days, loan.returnedOn),
    };
    if (span.from >= span.to) continue;
    const list = byAgent.get(loan.agentId);
    if (list) list.push(span);
    else byAgent.set(loan.agentId, [span]);
  }
  const result = new Map<string, Uint8Array>();
  const kinds: string[] = [];
  // Plain loops, no closures: this runs for every holder (tens of thousands of agents).
  for (const [agentId, held] of byAgent) {
    const required = requiredKinds([extraRequired.get(agentId) ?? []]);
    // What is held only changes where a loan starts or ends: evaluate the rule there, carry forward.
    const points = new Set<number>([0]);
    for (const l of held) {
      points.add(l.from);
      if (l.to < days.length) points.add(l.to);
    }
    const sorted = [...points].sort((a, b) => a - b);
    let flags: Uint8Array | null = null;
    for (let p = 0; p < sorted.length; p++) {
      const at = sorted[p];
      kinds.length = 0;
      for (const l of held) if (l.from <= at && at < l.to) kinds.push(l.kind);
      if (!isEquipped(required, kinds)) continue;
      flags ??= new Uint8Array(days.length);
      const until = p + 1 < sorted.length ? sorted[p + 1] : days.length;
      flags.fill(1, at, until);
    }
    if (flags) result.set(agentId, flags);
  }
  return result;
}

/** What is known of one essential activity's qualified staff on the day asked. */
export interface ActivityStaffing {
  id: string;
  name: string;
  serviceId: string;
  serviceName: string;
  siteId: string | null;
  siteName: string | null;
  criticality: number;
  minOnSite: number;
  minRemote: number;
  /** Active agents holding every required skill (or of the activity's service when it needs none). */
  qualifiedTotal: number;
  /** Qualified and on site (at the activity's site when it has one) or on call. */
  qualifiedOnSite: number;
  /** Qualified, teleworking and equipped to telework. */
  qualifiedRemoteEquipped: number;
  /** Qualified and teleworking without the equipment their activities need. */
  teleworkNotEquipped: number;
  /** Qualified and sick, isolated, on childcare, special leave or off. */
  absent: number;
  /** Qualified with no status recorded for the day. */
  notRecorded: number;
}

export interface Shortfall extends ActivityStaffing {
  missingOnSite: number;
  missingRemote: number;
  explanation: string;
}

/**
 * Activities whose available qualified staff is below their minimum. People on site beyond the
 * on-site minimum may cover remote work (the reverse is not true).
 */
export function findShortfalls(rows: readonly ActivityStaffing[]): Shortfall[] {
  const out: Shortfall[] = [];
  for (const r of rows) {
    const missingOnSite = Math.max(0, r.minOnSite - r.qualifiedOnSite);
    const surplusOnSite = Math.max(0, r.qualifiedOnSite - r.minOnSite);
    const missingRemote = Math.max(0, r.minRemote - r.qualifiedRemoteEquipped - surplusOnSite);
    if (missingOnSite + missingRemote === 0) continue;
    out.push({ ...r, missingOnSite, missingRemote, explanation: explain(r, missingOnSite, missingRemote) });
  }
  return out.sort(
    (a, b) =>
      a.criticality - b.criticality ||
      b.missingOnSite + b.missingRemote - (a.missingOnSite + a.missingRemote) ||
      a.name.localeCompare(b.name, "fr"),
  );
}

const people = (n: number) => `${n} personne${n > 1 ? "s" : ""}`;
const agreed = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;

function explain(r: ActivityStaffing, missingOnSite: number, missingRemote: number): string {
  const missing = [
    missingOnSite > 0 ? `${people(missingOnSite)} sur site` : null,
    missingRemote > 0 ? `${people(missingRemote)} à distance` : null,
  ]
    .filter(Boolean)
    .join(" et ");
  const minimum = [
    r.minOnSite > 0 ? `${r.minOnSite} sur site` : null,
    r.minRemote > 0 ? `${r.minRemote} à distance` : null,
  ]
    .filter(Boolean)
    .join(" et ");
  if (r.qualifiedTotal === 0) {
    return `Il manque ${missing} (minimum : ${minimum}) : aucun agent ne réunit les compétences requises.`;
  }
  const present = [`${r.qualifiedOnSite} sur site ou d'astreinte`];
  if (r.minRemote > 0 || r.qualifiedRemoteEquipped > 0) {
    present.push(
      `${r.qualifiedRemoteEquipped} en télétravail équipé${r.qualifiedRemoteEquipped > 1 ? "s" : ""}`,
    );
  }
  const reasons = [
    r.absent > 0 ? agreed(r.absent, "absent") : null,
    r.teleworkNotEquipped > 0 ? `${r.teleworkNotEquipped} en télétravail sans l'équipement nécessaire` : null,
    r.notRecorded > 0 ? `${r.notRecorded} sans statut saisi` : null,
  ].filter(Boolean);
  const why = reasons.length > 0 ? ` ; parmi elles, ${reasons.join(", ")}` : "";
  return (
    `Il manque ${missing} (minimum : ${minimum}). ` +
    `Sur ${people(r.qualifiedTotal)} qualifiée${r.qualifiedTotal > 1 ? "s" : ""}, ${present.join(" et ")}${why}.`
  );
}
