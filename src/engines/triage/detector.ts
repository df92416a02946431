// The French urgency detector: text + lexicon → flags with the words, as written, that raised them.
// Pure and deterministic; compile the lexicon once with `compileLexicon` when checking many texts.
import { FLAG_CODES, type FlagCode, type Lexicon } from "./lexicon.js";
import { foldText, type Token, tokenize } from "./normalize.js";
import { type CompiledPattern, compilePattern, findAll, type PatternMatch } from "./pattern.js";

export interface Flag {
  code: FlagCode;
  /** The passages of the text, as written, that raised the flag. */
  words: string[];
}

export type SuppressionReason = "negated" | "false_alarm" | "not_urgent";

/** A flag that matched but was not raised, and why (shown when testing a text). */
export interface SuppressedFlag extends Flag {
  reason: SuppressionReason;
}

export interface Detection {
  urgent: boolean;
  flags: Flag[];
  suppressed: SuppressedFlag[];
}

interface CompiledCombo {
  parts: { patterns: CompiledPattern[]; refs: FlagCode[] }[];
  window: number;
}

interface CompiledFlag {
  code: FlagCode;
  severity: "critical" | "normal";
  terms: CompiledPattern[];
  combos: CompiledCombo[];
  falseAlarms: CompiledPattern[];
}

export interface CompiledLexicon {
  readonly kind: "compiled-lexicon";
  flags: CompiledFlag[];
  cues: ReadonlySet<string>;
  window: number;
  breakers: ReadonlySet<string>;
  notUrgent: CompiledPattern[];
}

function isFlagCode(s: string): s is FlagCode {
  return (FLAG_CODES as readonly string[]).includes(s);
}

/** Compiles every pattern of a lexicon; throws `PatternError` on a malformed entry. */
export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const flags = FLAG_CODES.map((code): CompiledFlag => {
    const f = lexicon.flags[code];
    return {
      code,
      severity: f.severity,
      terms: f.terms.map(compilePattern),
      falseAlarms: f.falseAlarms.map(compilePattern),
      combos: f.combos.map((c) => ({
        window: c.window,
        parts: c.parts.map((part) => {
          const refs: FlagCode[] = [];
          const patterns: CompiledPattern[] = [];
          for (const p of part) {
            const ref = p.startsWith("@") ? p.slice(1) : null;
            if (ref !== null && isFlagCode(ref)) refs.push(ref);
            else patterns.push(compilePattern(p));
          }
          return { patterns, refs };
        }),
      })),
    };
  });
  return {
    kind: "compiled-lexicon",
    flags,
    cues: new Set(lexicon.negation.cues.map(foldText)),
    window: lexicon.negation.window,
    breakers: new Set(lexicon.negation.clauseBreakers.map(foldText)),
    notUrgent: lexicon.notUrgent.map(compilePattern),
  };
}

function isCompiled(l: Lexicon | CompiledLexicon): l is CompiledLexicon {
  return "kind" in l && l.kind === "compiled-lexicon";
}

/** Is the match negated: a cue inside its gaps, or before it in the same clause? */
function isNegated(lex: CompiledLexicon, tokens: readonly Token[], m: PatternMatch): boolean {
  if (m.gapTokens.some((i) => lex.cues.has(tokens[i].norm))) return true;
  // A match that itself opens with a cue expresses an absence ("plus de chauffage"): not negated.
  if (lex.cues.has(tokens[m.start].norm)) return false;
  let seen = 0;
  for (let i = m.start - 1; i >= 0 && seen < lex.window; i--) {
    const t = tokens[i];
    if (t.punct || lex.breakers.has(t.norm)) return false;
    if (lex.cues.has(t.norm)) return true;
    seen++;
  }
  return false;
}

const overlaps = (a: PatternMatch, b: PatternMatch): boolean => a.start < b.end && b.start < a.end;

type Verdict = "hit" | "negated" | "false_alarm";

function judge(
  lex: CompiledLexicon,
  tokens: readonly Token[],
  m: PatternMatch,
  falseAlarms: readonly PatternMatch[],
): Verdict {
  if (falseAlarms.some((f) => overlaps(f, m))) return "false_alarm";
  return isNegated(lex, tokens, m) ? "negated" : "hit";
}

function passage(text: string, tokens: readonly Token[], m: PatternMatch): string {
  return text.slice(tokens[m.start].start, tokens[m.end - 1].end);
}

/** Chooses one hit per part, all within `window` tokens, without overlaps; null if impossible. */
function comboHits(parts: readonly PatternMatch[][], window: number): PatternMatch[] | null {
  const [first, ...rest] = parts;
  for (const anchor of first) {
    const chosen: PatternMatch[] = [anchor];
    let ok = true;
    for (const candidates of rest) {
      let best: PatternMatch | null = null;
      let bestSpan = Number.POSITIVE_INFINITY;
      for (const c of candidates) {
        if (chosen.some((x) => overlaps(x, c))) continue;
        const lo = Math.min(c.start, ...chosen.map((x) => x.start));
        const hi = Math.max(c.end, ...chosen.map((x) => x.end));
        if (hi - lo - 1 <= window && hi - lo < bestSpan) {
          best = c;
          bestSpan = hi - lo;
        }
      }
      if (best === null) {
        ok = false;
        break;
      }
      chosen.push(best);
    }
    if (ok) return chosen;
  }
  return null;
}

/**
 * Detects urgent situations in a French message. `urgent` is true when at least one flag is raised;
 * `suppressed` lists matches that were negated ("pas de fuite"), recognised as false alarms
 * ("rue de la Paix") or dropped because the writer says it is not urgent.
 */
export function detectUrgency(text: string, lexicon: Lexicon | CompiledLexicon): Detection {
  const lex = isCompiled(lexicon) ? lexicon : compileLexicon(lexicon);
  const tokens = tokenize(text);
  const directHits = new Map<FlagCode, PatternMatch[]>();
  const raised = new Map<FlagCode, string[]>();
  const suppressed: SuppressedFlag[] = [];
  const suppress = (code: FlagCode, words: string[], reason: SuppressionReason): void => {
    const existing = suppressed.find((s) => s.code === code && s.reason === reason);
    if (existing) existing.words.push(...words.filter((w) => !existing.words.includes(w)));
    else suppressed.push({ code, words: [...words], reason });
  };
  const raise = (code: FlagCode, words: string[]): void => {
    const list = raised.get(code) ?? [];
    for (const w of words) if (!list.includes(w)) list.push(w);
    raised.set(code, list);
  };
  // A flag's false alarms are looked for only once one of its terms matched (most texts: never).
  const falseAlarmsCache = new Map<FlagCode, PatternMatch[]>();
  const falseAlarmsOf = (f: CompiledFlag): PatternMatch[] => {
    let found = falseAlarmsCache.get(f.code);
    if (found === undefined) {
      found = f.falseAlarms.flatMap((p) => findAll(p, tokens));
      falseAlarmsCache.set(f.code, found);
    }
    return found;
  };

  // Pass 1: direct terms.
  for (const f of lex.flags) {
    const hits: PatternMatch[] = [];
    for (const p of f.terms) {
      for (const m of findAll(p, tokens)) {
        const v = judge(lex, tokens, m, falseAlarmsOf(f));
        if (v === "hit") hits.push(m);
        else suppress(f.code, [passage(text, tokens, m)], v);
      }
    }
    directHits.set(f.code, hits);
    if (hits.length > 0)
      raise(
        f.code,
        hits.sort((a, b) => a.start - b.start).map((m) => passage(text, tokens, m)),
      );
  }

  // Pass 2: combinations of words close together (which may reuse another flag's direct terms).
  for (const f of lex.flags) {
    for (const combo of f.combos) {
      const parts = combo.parts.map((part) => {
        const found: PatternMatch[] = part.refs.flatMap((r) => directHits.get(r) ?? []);
        for (const p of part.patterns) {
          for (const m of findAll(p, tokens))
            if (judge(lex, tokens, m, falseAlarmsOf(f)) === "hit") found.push(m);
        }
        return found;
      });
      if (parts.some((p) => p.length === 0)) continue;
      const chosen = comboHits(parts, combo.window);
      if (chosen)
        raise(
          f.code,
          chosen.map((m) => passage(text, tokens, m)),
        );
    }
  }

  // "Ce n'est pas urgent" matters only when a flag of normal severity was raised.
  let notUrgent: boolean | null = null;
  const saysNotUrgent = (): boolean => {
    notUrgent ??= lex.notUrgent.some((p) => findAll(p, tokens).length > 0);
    return notUrgent;
  };
  const flags: Flag[] = [];
  for (const f of lex.flags) {
    const words = raised.get(f.code);
    if (words === undefined) continue;
    if (f.severity === "normal" && saysNotUrgent()) suppress(f.code, words, "not_urgent");
    else flags.push({ code: f.code, words });
  }
  return { urgent: flags.length > 0, flags, suppressed };
}
