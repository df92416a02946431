// French text normalisation for matching, as people actually write: capitals, no accents, repeated
// letters ("aideeeez"), elisions ("m'a", "l eau"), SMS forms ("jsuis", "ya pu", "pa") and spelling by
// ear ("chofage", "menasse"). Pure functions; nothing here knows about urgency.

/** A word or punctuation mark of the input, with its position in the original text. */
export interface Token {
  /** The text as written (for an SMS expansion, the whole written word, e.g. "jsuis"). */
  raw: string;
  /** Lower case, no accents, repeated letters collapsed, SMS form expanded ("jsuis" → "je", "suis"). */
  norm: string;
  /** Phonetic key of `norm` (see `phoneticKey`), empty for punctuation. */
  key: string;
  /** Phonetic key without the silent-ending removal, for prefix patterns ("expuls*"). */
  fullKey: string;
  /** Offsets of `raw` in the original text. */
  start: number;
  end: number;
  /** A clause boundary (. , ; : ! ? newline …); never matched as a word. */
  punct: boolean;
  /** Written with a capital letter and not at the start of a sentence (a proper name, e.g. "rue Pasteur"). */
  capitalised: boolean;
}

/** Lower-cases, removes accents and ligatures, and collapses three or more repeated letters to one. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/(\p{L})\1{2,}/gu, "$1");
}

/**
 * A coarse French phonetic key so that words spelt by ear meet their dictionary form:
 * "chofage" and "chauffage" → "chofaj", "menasse" and "menace" → "menas", "frapé" and "frappée" → "frap".
 * Input must already be folded (`foldText`).
 */
export function phoneticKey(word: string, options: { stripEnd?: boolean } = {}): string {
  const k = keysOf(word);
  return options.stripEnd === false ? k.full : k.key;
}

/** Both keys of a folded word. Words repeat across messages ("bonjour", "chauffage"): remembered, within a bound. */
function keysOf(word: string): { full: string; key: string } {
  let k = wordKeys.get(word);
  if (k === undefined) {
    const full = computeFullKey(word);
    k = { full, key: stripSilentEnd(full) };
    if (wordKeys.size >= 50_000) wordKeys.clear();
    wordKeys.set(word, k);
  }
  return k;
}
const wordKeys = new Map<string, { full: string; key: string }>();

/** `foldText` of one written word, remembered within a bound (tokenising is on the form's hot path). */
function foldWord(raw: string): string {
  let folded = foldedWords.get(raw);
  if (folded === undefined) {
    folded = foldText(raw);
    if (foldedWords.size >= 50_000) foldedWords.clear();
    foldedWords.set(raw, folded);
  }
  return folded;
}
const foldedWords = new Map<string, string>();

function computeFullKey(word: string): string {
  if (/^\d+$/.test(word)) return word;
  return word
    .replace(/ph/g, "f")
    .replace(/qu/g, "k")
    .replace(/q/g, "k")
    .replace(/ck/g, "k")
    .replace(/sch/g, "ch")
    .replace(/eau/g, "o")
    .replace(/au/g, "o")
    .replace(/gu([eiy])/g, "g$1")
    .replace(/g([eiy])/g, "j$1")
    .replace(/c([eiy])/g, "s$1")
    .replace(/c(?!h)/g, "k")
    .replace(/(^|[^cs])h/g, "$1")
    .replace(/y/g, "i")
    .replace(/w/g, "v")
    .replace(/tion/g, "sion")
    .replace(/[ae]in/g, "in")
    .replace(/[ae]i/g, "e")
    .replace(/e[rz]$/, "e")
    .replace(/(.)\1+/g, "$1")
    .replace(/([aeiou])s(?=[aeiou])/g, "$1z")
    .replace(/[ae]m(?=[^aeiou]|$)/g, "an")
    .replace(/en(?=[^aeiou]|$)/g, "an");
}

/** Drops silent final letters from a key made with `stripEnd: false` ("frape" → "frap"). */
export function stripSilentEnd(key: string): string {
  let s = key;
  if (/^\d+$/.test(s)) return s;
  if (s.length >= 3) s = s.replace(/[sxz]$/, "");
  if (s.length >= 4) s = s.replace(/e$/, "");
  if (s.length >= 4) s = s.replace(/[td]$/, "");
  if (s.length >= 4) s = s.replace(/e$/, "");
  return s;
}

/** Bounded Levenshtein distance: returns `max + 1` as soon as the distance is known to exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Two reused rows: called thousands of times per message, it must not allocate.
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length * 2 + 2);
    rowB = new Int32Array(b.length * 2 + 2);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  return prev[b.length];
}
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Elided forms (the letter before an apostrophe) restored to the full word: n' → ne, l' → le. */
export const ELISIONS: Readonly<Record<string, string>> = {
  j: "je",
  n: "ne",
  l: "le",
  d: "de",
  m: "me",
  t: "te",
  s: "se",
  c: "ce",
  qu: "que",
  jusqu: "jusque",
  lorsqu: "lorsque",
  puisqu: "puisque",
};

/** SMS and colloquial forms, folded, mapped to the words they stand for. */
const SMS: Readonly<Record<string, readonly string[]>> = {
  chui: ["je", "suis"],
  chuis: ["je", "suis"],
  jsui: ["je", "suis"],
  jsuis: ["je", "suis"],
  jss: ["je", "suis"],
  jai: ["je", "ai"],
  g: ["je", "ai"],
  ya: ["il", "y", "a"],
  yavait: ["il", "y", "avait"],
  yen: ["il", "y", "en"],
  pa: ["pas"],
  pu: ["plus"],
  plu: ["plus"],
  pr: ["pour"],
  ds: ["dans"],
  ms: ["mais"],
  mm: ["meme"],
  tt: ["tout"],
  tte: ["toute"],
  ts: ["tous"],
  tjs: ["toujours"],
  tjrs: ["toujours"],
  bcp: ["beaucoup"],
  ki: ["qui"],
  kil: ["qu", "il"],
  ke: ["que"],
  koi: ["quoi"],
  cest: ["ce", "est"],
  c: ["ce", "est"],
  nn: ["non"],
  ns: ["nous"],
  vs: ["vous"],
  bb: ["bebe"],
  qqn: ["quelqu", "un"],
  qqun: ["quelqu", "un"],
  dc: ["donc"],
  pk: ["pourquoi"],
  pq: ["pourquoi"],
  jsp: ["je", "sais", "pas"],
  jpp: ["je", "en", "peux", "plus"],
  auj: ["aujourd", "hui"],
  ajd: ["aujourd", "hui"],
  deau: ["de", "eau"],
  leau: ["le", "eau"],
  dlo: ["de", "le", "eau"],
  dla: ["de", "la"],
  delectricite: ["de", "electricite"],
  lelectricite: ["le", "electricite"],
  sdf: ["sdf"],
};

const VOWEL = /^[aeiouyh]/;

/** Expands one folded word: SMS table first, then a "j" glued to the next word ("jdors" → je dors). */
function expand(word: string, elided: boolean, afterElision: boolean): string[] {
  // "d'o", "l'o": water written by ear.
  if (afterElision && word === "o") return ["eau"];
  if (elided) {
    const full = ELISIONS[word];
    if (full !== undefined) return [full];
  }
  const sms = SMS[word];
  if (sms !== undefined) return [...sms];
  // "jdors", "jpeux", "jvais": j + consonant starts no French word but these.
  if (word.length >= 4 && word[0] === "j" && !VOWEL.test(word.slice(1))) return ["je", word.slice(1)];
  return [word];
}

const TOKEN_RE = /\p{L}+|\p{N}+|[.,;:!?()\n]|\.\.\./gu;
const SENTENCE_END = new Set([".", "!", "?", "\n", ":", "..."]);

/**
 * Splits text into tokens; letters and digits are split apart ("90ans" → "90", "ans"). The result
 * is shared and must not be modified: the detector and the router tokenise the same text in a row,
 * so the last text's tokens are kept.
 */
export function tokenize(text: string): readonly Token[] {
  if (text === lastText) return lastTokens;
  const tokens = tokenizeText(text);
  lastText = text;
  lastTokens = tokens;
  return tokens;
}
let lastText: string | null = null;
let lastTokens: readonly Token[] = [];

function tokenizeText(text: string): Token[] {
  const tokens: Token[] = [];
  let sentenceStart = true;
  let afterElision = false;
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const start = m.index ?? 0;
    const end = start + raw.length;
    if (!/[\p{L}\p{N}]/u.test(raw)) {
      tokens.push({ raw, norm: raw, key: "", fullKey: "", start, end, punct: true, capitalised: false });
      if (SENTENCE_END.has(raw)) sentenceStart = true;
      afterElision = false;
      continue;
    }
    const next = text[end];
    const elided = next === "'" || next === "’" || next === "`";
    const folded = foldWord(raw);
    const capitalised = !sentenceStart && /^\p{Lu}\p{Ll}/u.test(raw);
    sentenceStart = false;
    const words = expand(folded, elided, afterElision);
    afterElision = elided;
    for (const norm of words) {
      const k = keysOf(norm);
      tokens.push({
        raw,
        norm,
        key: k.key,
        fullKey: k.full,
        start,
        end,
        punct: false,
        capitalised,
      });
    }
  }
  return tokens;
}

/** The normalised words of a text joined by single spaces (for display and debugging). */
export function normalizeText(text: string): string {
  return tokenize(text)
    .filter((t) => !t.punct)
    .map((t) => t.norm)
    .join(" ");
}
