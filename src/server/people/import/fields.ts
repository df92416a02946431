// Value parsers for French HR exports: dates, yes/no, percentages, phone numbers, e-mails, lists.
// Pure: each returns { ok, value } or { ok: false, message } with a French explanation.
import type { Cell } from "./table.js";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Trims, turns non-breaking and narrow spaces into plain spaces, collapses runs. */
export function clean(c: Cell): string {
  if (c === null) return "";
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c)
    .replace(/[\u00a0\u202f\u2007]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Lower case, no accents, punctuation as spaces: how names are compared ("Gestion locative"). */
const NAME_KEYS = new Map<string, string>();
export function nameKey(s: string): string {
  const cached = NAME_KEYS.get(s);
  if (cached !== undefined) return cached;
  const key = computeNameKey(s);
  if (NAME_KEYS.size > 50_000) NAME_KEYS.clear();
  NAME_KEYS.set(s, key);
  return key;
}

function computeNameKey(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function isValidDay(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** 'YYYY-MM-DD' validated against the calendar (2026-02-31 is refused). */
export function isIsoDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && isValidDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A date cell (XLSX), an Excel serial number, dd/mm/yyyy (also - and .) or yyyy-mm-dd. */
export function parseDate(c: Cell): Parsed<string | null> {
  if (c === null) return ok(null);
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) return fail("date illisible");
    // ExcelJS gives date cells at UTC midnight of the calendar day.
    return ok(`${pad(c.getUTCFullYear(), 4)}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())}`);
  }
  if (typeof c === "number") {
    if (!Number.isFinite(c) || c < 1 || c > 2_958_465) return fail(`date illisible « ${c} »`);
    const ms = Math.round((c - 25_569) * 86_400_000); // Excel 1900 serial → Unix epoch
    return parseDate(new Date(ms));
  }
  const s = clean(c);
  if (s === "") return ok(null);
  let y: number;
  let mo: number;
  let d: number;
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (fr) [d, mo, y] = [Number(fr[1]), Number(fr[2]), Number(fr[3])];
  else if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/.test(s)) {
    return fail(`date « ${s} » : écrivez l'année sur 4 chiffres (JJ/MM/AAAA)`);
  } else return fail(`date illisible « ${s} » (format attendu JJ/MM/AAAA)`);
  if (mo < 1 || mo > 12) return fail(`date impossible « ${s} » : le mois ${mo} n'existe pas (JJ/MM/AAAA)`);
  if (!isValidDay(y, mo, d)) {
    return fail(`date impossible « ${s} » : le ${d} n'existe pas dans ce mois (JJ/MM/AAAA)`);
  }
  if (y < 1900 || y > 2100) return fail(`date « ${s} » hors des années plausibles`);
  return ok(`${pad(y, 4)}-${pad(mo)}-${pad(d)}`);
}

const TRUE_WORDS = new Set([
  "oui",
  "o",
  "x",
  "yes",
  "y",
  "vrai",
  "true",
  "1",
  "ok",
  "v",
  "✓",
  "✔",
  "possible",
]);
const FALSE_WORDS = new Set(["non", "n", "no", "faux", "false", "0", "-", "impossible"]);

/** Oui/oui/O/X/1/Vrai → true, Non/N/0/Faux/empty → false; anything else is refused. */
export function parseBoolean(c: Cell): Parsed<boolean> {
  if (c === null) return ok(false);
  if (typeof c === "boolean") return ok(c);
  if (typeof c === "number") {
    if (c === 1 || c === 0) return ok(c === 1);
    return fail(`valeur « ${c} » non comprise (Oui ou Non attendu)`);
  }
  const s = clean(c);
  const k = nameKey(s);
  if (s === "" || FALSE_WORDS.has(k) || FALSE_WORDS.has(s)) return ok(false);
  if (TRUE_WORDS.has(k) || TRUE_WORDS.has(s.toLowerCase())) return ok(true);
  return fail(`valeur « ${s} » non comprise (Oui ou Non attendu)`);
}

/** "80 %", "80%", "80", "0,8", 0.8, "temps plein", "mi-temps" → a whole percentage 0…100. */
export function parsePercent(c: Cell): Parsed<number | null> {
  if (c === null) return ok(null);
  let n: number;
  if (typeof c === "number") n = c > 0 && c <= 1 ? c * 100 : c;
  else {
    const s = clean(c);
    if (s === "") return ok(null);
    const k = nameKey(s);
    if (k === "temps plein" || k === "plein temps") return ok(100);
    if (k === "mi temps") return ok(50);
    const m = /^(\d+(?:[.,]\d+)?)\s*(%?)$/.exec(s.replace(/\s/g, ""));
    if (!m) return fail(`temps de travail illisible « ${s} » (exemple : 80 %)`);
    n = Number(m[1].replace(",", "."));
    if (m[2] === "" && /[.,]/.test(m[1]) && n <= 1) n *= 100; // "0,8" is a fraction
  }
  const r = Math.round(n);
  if (!Number.isFinite(r) || r < 0 || r > 100) return fail(`temps de travail « ${c} » hors de 0 à 100 %`);
  return ok(r);
}

/** Overseas French departments and collectivities dialled from France with a 0 prefix. */
const OVERSEAS_PREFIXES: [string, string][] = [
  ["0262", "262"],
  ["0263", "262"],
  ["0692", "262"],
  ["0693", "262"],
  ["0269", "262"],
  ["0639", "262"],
  ["0590", "590"],
  ["0690", "590"],
  ["0691", "590"],
  ["0594", "594"],
  ["0694", "594"],
  ["0596", "596"],
  ["0696", "596"],
  ["0697", "596"],
  ["0508", "508"],
];

/** Pacific territories have their own numbering without a trunk 0: known by the org's time zone. */
export const LOCAL_NUMBERING: Record<string, { code: string; digits: number }> = {
  "Pacific/Noumea": { code: "687", digits: 6 },
  "Pacific/Tahiti": { code: "689", digits: 8 },
  "Pacific/Marquesas": { code: "689", digits: 8 },
  "Pacific/Gambier": { code: "689", digits: 8 },
  "Pacific/Wallis": { code: "681", digits: 6 },
};

/**
 * Phone numbers as written in HR files ("05 62 74 07 64", "05.62.74.07.64", "0562740764",
 * "+33 5 62 74 07 64", "+33 (0)5 62…", "0033 5…", 562740764 from a numeric cell) → "+33562740764".
 * Overseas numbers keep their own country code (+262, +590, +687…).
 */
export function parsePhone(c: Cell, local?: { code: string; digits: number }): Parsed<string | null> {
  if (c === null) return ok(null);
  const raw = typeof c === "number" ? String(Math.trunc(c)) : clean(c);
  if (raw === "") return ok(null);
  if (!/^[+\d\s().\-/]+$/.test(raw)) return fail(`numéro de téléphone illisible « ${raw} »`);
  let s = raw.replace(/\(0\)/g, "").replace(/[\s().\-/]/g, "");
  if (s.startsWith("00")) s = `+${s.slice(2)}`;
  if (s.startsWith("+")) {
    let digits = s.slice(1);
    if (digits.includes("+")) return fail(`numéro de téléphone illisible « ${raw} »`);
    if (digits.startsWith("330")) digits = `33${digits.slice(3)}`;
    if (digits.startsWith("33") && digits.length !== 11) {
      return fail(`numéro de téléphone « ${raw} » : 9 chiffres attendus après +33`);
    }
    if (digits.length < 6 || digits.length > 15)
      return fail(`numéro de téléphone « ${raw} » de longueur anormale`);
    return ok(`+${digits}`);
  }
  if (local && s.length === local.digits && !s.startsWith("0")) return ok(`+${local.code}${s}`);
  if (s.length === 9 && /^[1-9]/.test(s)) s = `0${s}`; // a numeric cell lost its leading zero
  if (s.length === 10 && s.startsWith("0")) {
    const overseas = OVERSEAS_PREFIXES.find(([p]) => s.startsWith(p));
    if (overseas) return ok(`+${overseas[1]}${s.slice(1)}`);
    return ok(`+33${s.slice(1)}`);
  }
  return fail(`numéro de téléphone « ${raw} » : 10 chiffres attendus (ou un indicatif international +…)`);
}

/** Permissive on letters (accents occur in real addresses), strict on the shape: one @, a dot after. */
export function parseEmail(c: Cell): Parsed<string | null> {
  const s = clean(c);
  if (s === "") return ok(null);
  const m = /^mailto:(.*)$/i.exec(s);
  const v = m ? m[1] : s;
  if (!/^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]{2,}$/u.test(v) || v.includes("..") || v.length > 254) {
    return fail(`adresse e-mail invalide « ${s} »`);
  }
  return ok(v);
}

/** "accueil, paie ; VPN" → ["accueil", "paie", "VPN"], duplicates (ignoring case/accents) dropped. */
export function parseList(c: Cell): string[] {
  const s = c === null ? "" : String(c);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of s.split(/[,;\n|]/)) {
    const v = clean(part);
    const k = nameKey(v);
    if (v === "" || seen.has(k)) continue;
    seen.add(k);
    out.push(v);
  }
  return out;
}
