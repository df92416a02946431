// French typography for reports: narrow no-break space as the thousands separator and before
// "%", ":" and the like; dates spelt out; times written "18 h 05". The time zone is an input.
export const NNBSP = "\u202f";
export const NBSP = "\u00a0";

const intFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

export function formatInt(n: number): string {
  return intFormat.format(n).replace(/[\u00a0\u202f\s]/g, NNBSP);
}

export function formatPct(share: number): string {
  return `${formatInt(Math.round(share * 100))}${NNBSP}%`;
}

export function formatDelta(n: number): string {
  if (n === 0) return "=";
  return `${n > 0 ? "+" : "−"}${formatInt(Math.abs(n))}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function fmt(tz: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tz}|${JSON.stringify(opts)}`;
  const known = dateFormats.get(key);
  if (known) return known;
  const f = new Intl.DateTimeFormat("fr-FR", { timeZone: tz, ...opts });
  dateFormats.set(key, f);
  return f;
}

/** "11 mai 2020" for a calendar date 'YYYY-MM-DD'. */
export function formatDay(day: string): string {
  return fmt("UTC", { day: "numeric", month: "long", year: "numeric" })
    .format(new Date(`${day}T12:00:00Z`))
    .replace(/^1 /, "1er ")
    .replace(/ /g, NBSP);
}

/** "11 mai 2020 à 18 h 05" in the organisation's time zone. */
export function formatDateTime(iso: string, tz: string): string {
  const at = new Date(iso);
  const parts: Record<string, string> = {};
  for (const p of fmt(tz, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at)) {
    parts[p.type] = p.value;
  }
  return `${formatDay(`${parts.year}-${parts.month}-${parts.day}`)} à ${parts.hour}${NBSP}h${NBSP}${parts.minute}`;
}

/** "11/05" for chart axes. */
export function formatShortDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
}

/** French punctuation spacing: narrow no-break space before ; : ! ? and inside « ». */
export function frenchSpacing(text: string): string {
  return text
    .replace(/\s*([;!?])/g, `${NNBSP}$1`)
    .replace(/(\S)\s*:(\s|$)/g, `$1${NBSP}:$2`)
    .replace(/«\s*/g, `«${NBSP}`)
    .replace(/\s*»/g, `${NBSP}»`);
}

export const STATUS_LABELS: Record<string, string> = {
  on_site: "Sur site",
  telework: "Télétravail",
  on_call: "Astreinte",
  sick: "Malade",
  isolated: "Isolement",
  childcare: "Garde d'enfants",
  special_leave: "ASA",
  off: "Repos, congé",
  unknown: "Non renseigné",
};

export const COVERAGE_LABELS: Record<string, string> = {
  covered: "Couverte",
  at_risk: "À risque",
  not_covered: "Non couverte",
  suspended: "Suspendue",
};

export const MODE_LABELS: Record<string, string> = {
  on_site: "Sur site",
  remote: "À distance",
  mixed: "Mixte",
  reduced: "Réduit",
  suspended: "Suspendue",
};

export const KIND_LABELS: Record<string, string> = {
  information: "Information",
  event: "Événement",
  decision: "Décision",
  action: "Action",
  communication: "Communication",
};

export const STATE_LABELS: Record<string, string> = { open: "ouverte", done: "faite", cancelled: "annulée" };
