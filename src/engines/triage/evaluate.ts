// Precision and recall of the detector over a labelled set, per flag and for "urgent" overall.
// Shared by the tests and the benchmark so both report the same figures.
import type { Detection } from "./detector.js";
import { FLAG_CODES, type FlagCode } from "./lexicon.js";
import type { LabelledMessage } from "./testset.js";

export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** tp / (tp + fp); 1 when nothing was predicted. */
  precision: number;
  /** tp / (tp + fn); 1 when nothing was expected. */
  recall: number;
}

export interface Mistake {
  text: string;
  expected: FlagCode[];
  got: FlagCode[];
}

export interface Evaluation {
  flags: Record<FlagCode, Score>;
  urgent: Score;
  mistakes: Mistake[];
}

function score(tp: number, fp: number, fn: number): Score {
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  };
}

export function evaluate(
  messages: readonly LabelledMessage[],
  detect: (text: string) => Detection,
): Evaluation {
  const counts = new Map<FlagCode | "urgent", [number, number, number]>();
  const bump = (k: FlagCode | "urgent", expected: boolean, got: boolean): void => {
    const c = counts.get(k) ?? [0, 0, 0];
    if (expected && got) c[0]++;
    else if (got) c[1]++;
    else if (expected) c[2]++;
    counts.set(k, c);
  };
  const mistakes: Mistake[] = [];
  for (const m of messages) {
    const d = detect(m.text);
    const got = d.flags.map((f) => f.code);
    for (const code of FLAG_CODES) bump(code, m.flags.includes(code), got.includes(code));
    bump("urgent", m.flags.length > 0, d.urgent);
    const same = got.length === m.flags.length && got.every((g) => m.flags.includes(g));
    if (!same) mistakes.push({ text: m.text, expected: [...m.flags].sort(), got: [...got].sort() });
  }
  const s = (k: FlagCode | "urgent"): Score => score(...(counts.get(k) ?? [0, 0, 0]));
  const flags = {} as Record<FlagCode, Score>;
  for (const code of FLAG_CODES) flags[code] = s(code);
  return { flags, urgent: s("urgent"), mistakes };
}
