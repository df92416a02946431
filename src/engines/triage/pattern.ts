// A small pattern language over normalised tokens, shared by the lexicon and the routing rules.
//
// A pattern is words separated by spaces; each space-separated slot is one of:
//   word            the word, tolerant: same normal form, same phonetic key, or (for keys of 5+
//                   letters) a small edit distance with the same first letter
//   a|b|c           any of the alternatives
//   word*           a prefix ("expuls*" matches expulsé, expulsion, expulser)
//   =word           exactly this normal form, no phonetic or fuzzy tolerance
//   slot?           optional slot ("de|du?")
//   !a|b            any one word except these
//   {m,n}           between m and n arbitrary words (never across punctuation)
//   #>=70, #<=17    a number compared with the value
//   ^               a word written with a capital letter inside a sentence (a proper name)
// Words are written without accents or with them, in any case; elided forms are written in full or
// as the letter ("d eau" and "de eau" both match "d'eau"). A phrase never spans punctuation.
import { ELISIONS, editDistance, foldText, phoneticKey, type Token } from "./normalize.js";

interface WordAlt {
  norm: string;
  key: string;
  fullKey: string;
  prefix: boolean;
  exact: boolean;
}

type Slot =
  | {
      kind: "word";
      alts: WordAlt[];
      optional: boolean;
      negated: boolean;
      /** Whether a token's normal form matches one of the alternatives, remembered. */
      seen: SeenWords;
    }
  | { kind: "gap"; min: number; max: number }
  | { kind: "number"; op: ">=" | "<="; value: number }
  | { kind: "capital" };

export interface CompiledPattern {
  source: string;
  slots: Slot[];
  /**
   * First letters (as a `letterBit` mask) a token must have, in its normal form or either phonetic
   * key, for the pattern to possibly start on it; 0 when the first slot cannot be indexed so
   * (number, negated or optional word). Most positions of a message are skipped with this check.
   */
  firstMask: number;
}

/** A match: token indices [start, end) and the indices of tokens swallowed by gaps. */
export interface PatternMatch {
  start: number;
  end: number;
  gapTokens: number[];
}

export class PatternError extends Error {
  constructor(
    readonly pattern: string,
    message: string,
  ) {
    super(`${message} in pattern "${pattern}"`);
    this.name = "PatternError";
  }
}

/**
 * A bounded memory of words, in two generations: when the young one is full it becomes the old one,
 * and words still in use are carried over on their next lookup. Frequent words ("bonjour") stay;
 * one-off ones (numbers, names) drop out.
 */
class SeenWords {
  private young = new Map<string, boolean>();
  private old = new Map<string, boolean>();
  get(word: string): boolean | undefined {
    const v = this.young.get(word);
    if (v !== undefined) return v;
    const o = this.old.get(word);
    if (o !== undefined) this.set(word, o);
    return o;
  }
  set(word: string, value: boolean): void {
    if (this.young.size >= 2048) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(word, value);
  }
}

function compileAlt(text: string): WordAlt {
  let w = text;
  const exact = w.startsWith("=");
  if (exact) w = w.slice(1);
  const prefix = w.endsWith("*");
  if (prefix) w = w.slice(0, -1);
  const norm = ELISIONS[w] ?? w;
  return {
    norm,
    key: phoneticKey(norm),
    fullKey: phoneticKey(norm, { stripEnd: false }),
    prefix,
    exact,
  };
}

function compileSlot(text: string, source: string): Slot {
  const gap = /^\{(\d+),(\d+)\}$/.exec(text);
  if (gap) {
    const min = Number(gap[1]);
    const max = Number(gap[2]);
    if (min > max || max > 12) throw new PatternError(source, `bad gap ${text}`);
    return { kind: "gap", min, max };
  }
  const num = /^#(>=|<=)(\d+)$/.exec(text);
  if (num) return { kind: "number", op: num[1] === ">=" ? ">=" : "<=", value: Number(num[2]) };
  if (text === "^") return { kind: "capital" };
  let body = text;
  const optional = body.endsWith("?");
  if (optional) body = body.slice(0, -1);
  const negated = body.startsWith("!");
  if (negated) body = body.slice(1);
  const alts = body.split("|").filter((a) => a.length > 0 && a !== "=" && a !== "*");
  if (alts.length === 0) throw new PatternError(source, `empty slot "${text}"`);
  return { kind: "word", alts: alts.map(compileAlt), optional, negated, seen: new SeenWords() };
}

/** Compiles a pattern; throws `PatternError` on a malformed one (so a rule editor can show it). */
export function compilePattern(source: string): CompiledPattern {
  const folded = foldText(source)
    .replace(/['’`-]/g, " ")
    .trim();
  if (folded.length === 0) throw new PatternError(source, "empty pattern");
  const slots = folded.split(/\s+/).map((s) => compileSlot(s, source));
  if (slots[0].kind === "gap") throw new PatternError(source, "a pattern cannot start with a gap");
  if (slots.every((s) => s.kind === "word" && s.optional))
    throw new PatternError(source, "a pattern needs one required slot");
  return { source, slots, firstMask: firstMaskOf(slots[0]) };
}

/** One bit per letter a–z, one for any digit, one for anything else (a necessary-condition filter). */
function letterBit(s: string): number {
  const c = s.charCodeAt(0);
  if (c >= 97 && c <= 122) return 1 << (c - 97);
  if (c >= 48 && c <= 57) return 1 << 26;
  return 1 << 27;
}

/**
 * Every way `altMatches` accepts a token shares a first letter with the alternative: the normal
 * form (equal, or prefix), the phonetic key (equal, or fuzzy with the same first letter) or the full
 * key (prefix, or fuzzy prefix with the same first letter). An empty form defeats the index.
 */
function firstMaskOf(slot: Slot): number {
  if (slot.kind !== "word" || slot.optional || slot.negated) return 0;
  let mask = 0;
  for (const a of slot.alts) {
    if (a.norm === "" || a.key === "" || a.fullKey === "") return 0;
    mask |= letterBit(a.norm) | letterBit(a.key) | letterBit(a.fullKey);
  }
  return mask;
}

/**
 * The first-letter masks of a text's tokens, computed once per tokenised text (the detector runs
 * every pattern over the same tokens in a row: the last text's masks are kept).
 */
let lastMaskTokens: readonly Token[] | null = null;
let lastMasks: Int32Array = new Int32Array(0);
const tokenMasks = new WeakMap<readonly Token[], Int32Array>();
function masksOf(tokens: readonly Token[]): Int32Array {
  if (tokens === lastMaskTokens) return lastMasks;
  let masks = tokenMasks.get(tokens);
  if (masks === undefined) {
    masks = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.punct || t.norm === "") continue;
      masks[i] =
        letterBit(t.norm) |
        (t.key === "" ? 0 : letterBit(t.key)) |
        (t.fullKey === "" ? 0 : letterBit(t.fullKey));
    }
    tokenMasks.set(tokens, masks);
  }
  lastMaskTokens = tokens;
  lastMasks = masks;
  return masks;
}

function fuzzyLimit(key: string): number {
  if (key.length >= 8) return 2;
  if (key.length >= 5) return 1;
  return 0;
}

/** Does a token match one written alternative? */
export function altMatches(alt: WordAlt, t: Token): boolean {
  if (t.punct) return false;
  if (t.norm === alt.norm) return true;
  if (alt.exact) return false;
  if (alt.prefix) {
    if (t.norm.startsWith(alt.norm) || t.fullKey.startsWith(alt.fullKey)) return true;
    const limit = fuzzyLimit(alt.fullKey);
    return (
      limit > 0 &&
      t.fullKey[0] === alt.fullKey[0] &&
      t.fullKey.length >= alt.fullKey.length &&
      editDistance(alt.fullKey, t.fullKey.slice(0, alt.fullKey.length), 1) <= 1
    );
  }
  // Very short keys collide ("le"/"les", "au"/"eau"): only a same-length spelling ("gas"/"gaz") passes.
  if (alt.key.length < 3) return t.key === alt.key && t.norm.length === alt.norm.length;
  if (t.key === alt.key) return true;
  const limit = fuzzyLimit(alt.key);
  return limit > 0 && t.key[0] === alt.key[0] && editDistance(alt.key, t.key, limit) <= limit;
}

function matchFrom(
  slots: readonly Slot[],
  si: number,
  tokens: readonly Token[],
  ti: number,
  gaps: number[],
): PatternMatch | null {
  if (si === slots.length) return { start: -1, end: ti, gapTokens: gaps };
  const slot = slots[si];
  const t = tokens[ti];
  switch (slot.kind) {
    case "gap": {
      for (let k = 0; k <= slot.max; k++) {
        if (k >= slot.min) {
          const swallowed = k === 0 ? gaps : [...gaps, ...range(ti, ti + k)];
          const r = matchFrom(slots, si + 1, tokens, ti + k, swallowed);
          if (r) return r;
        }
        const next = tokens[ti + k];
        if (next === undefined || next.punct) break;
      }
      return null;
    }
    case "word": {
      if (t !== undefined && !t.punct) {
        // A token's keys follow from its normal form, so the answer does too; words repeat a lot.
        let hit = slot.seen.get(t.norm);
        if (hit === undefined) {
          hit = false;
          for (const a of slot.alts) {
            if (altMatches(a, t)) {
              hit = true;
              break;
            }
          }
          slot.seen.set(t.norm, hit);
        }
        if (hit !== slot.negated) {
          const r = matchFrom(slots, si + 1, tokens, ti + 1, gaps);
          if (r) return r;
        }
      }
      return slot.optional ? matchFrom(slots, si + 1, tokens, ti, gaps) : null;
    }
    case "number": {
      if (t === undefined || !/^\d+$/.test(t.norm)) return null;
      const v = Number(t.norm);
      const ok = slot.op === ">=" ? v >= slot.value : v <= slot.value;
      return ok ? matchFrom(slots, si + 1, tokens, ti + 1, gaps) : null;
    }
    case "capital":
      return t?.capitalised ? matchFrom(slots, si + 1, tokens, ti + 1, gaps) : null;
  }
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

/** The match of a pattern starting at token `i`, if any (shortest gaps first). */
function matchHere(p: CompiledPattern, tokens: readonly Token[], i: number): PatternMatch | null {
  const t = tokens[i];
  if (t === undefined || t.punct) return null;
  const r = matchFrom(p.slots, 0, tokens, i, NO_GAPS);
  if (!r || r.end <= i) return null;
  return { start: i, end: r.end, gapTokens: r.gapTokens === NO_GAPS ? [] : r.gapTokens };
}
const NO_GAPS: number[] = [];

/** Every non-overlapping match, left to right. */
export function findAll(p: CompiledPattern, tokens: readonly Token[]): PatternMatch[] {
  const out: PatternMatch[] = [];
  const masks = p.firstMask === 0 ? null : masksOf(tokens);
  let i = 0;
  while (i < tokens.length) {
    if (masks !== null && (masks[i] & p.firstMask) === 0) {
      i++;
      continue;
    }
    const m = matchHere(p, tokens, i);
    if (m) {
      out.push(m);
      i = m.end;
    } else i++;
  }
  return out;
}
