// Ordered routing rules: the first rule whose conditions all hold decides the service queue and the
// priority; otherwise the default queue (head office) takes the request. An urgent detection raises
// the priority to "urgent" whatever the rule says. Word conditions use the detector's normalisation
// and pattern language, so "chauffage" also matches "CHOFAGE" and "chauffage*" matches "chauffagiste".
import type { Detection } from "./detector.js";
import type { FlagCode } from "./lexicon.js";
import { tokenize } from "./normalize.js";
import { type CompiledPattern, compilePattern, findAll } from "./pattern.js";

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

export type Channel = "web" | "email" | "phone";

export interface RoutableRequest {
  channel: Channel;
  /** The address the e-mail was sent to (for the e-mail channel). */
  toAddress?: string | null;
  category?: string | null;
  subject?: string | null;
  text: string;
  /** The requester's kind in the organisation's registers (tenant, applicant, beneficiary…). */
  requesterKind?: string | null;
}

export interface RuleConditions {
  channel?: Channel[];
  /** Receiving addresses, compared case-insensitively. */
  toAddress?: string[];
  category?: string[];
  requesterKind?: string[];
  /** At least one of these words or patterns in the subject or text. */
  anyWords?: string[];
  /** Every one of these words or patterns. */
  allWords?: string[];
  /** At least one of these phrases (patterns of several words). */
  phrases?: string[];
  /** At least one of these urgency flags was raised. */
  flags?: FlagCode[];
}

export interface RoutingRule {
  id: string;
  name: string;
  /** Rules are evaluated by ascending position (then id). */
  position: number;
  enabled?: boolean;
  conditions: RuleConditions;
  serviceId: string;
  priority: Priority;
}

export interface RoutingDecision {
  serviceId: string;
  priority: Priority;
  ruleId: string | null;
  ruleName: string | null;
  /** True when the urgency detection raised the priority above the rule's. */
  raisedByUrgency: boolean;
}

export interface RuleError {
  ruleId: string;
  field: keyof RuleConditions;
  pattern: string;
  message: string;
}

/** Checks every word pattern of the rules (for the rule editor); an empty list means all compile. */
export function validateRules(rules: readonly RoutingRule[]): RuleError[] {
  const errors: RuleError[] = [];
  for (const r of rules) {
    for (const field of ["anyWords", "allWords", "phrases"] as const) {
      for (const p of r.conditions[field] ?? []) {
        try {
          compilePattern(p);
        } catch (err) {
          errors.push({ ruleId: r.id, field, pattern: p, message: (err as Error).message });
        }
      }
    }
  }
  return errors;
}

const lower = (s: string | null | undefined): string => (s ?? "").trim().toLowerCase();

function listHas(list: readonly string[] | undefined, value: string | null | undefined): boolean {
  if (list === undefined || list.length === 0) return true;
  const v = lower(value);
  return list.some((x) => lower(x) === v);
}

/** The rules in evaluation order, enabled ones only. */
export function orderRules(rules: readonly RoutingRule[]): RoutingRule[] {
  return rules
    .filter((r) => r.enabled !== false)
    .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const rank = (p: Priority): number => PRIORITIES.indexOf(p);

// Rule patterns compiled once per process (rules change rarely; a broken one is remembered as null).
const compiledPatterns = new Map<string, CompiledPattern | null>();
function compiledRulePattern(pattern: string): CompiledPattern | null {
  let compiled = compiledPatterns.get(pattern);
  if (compiled === undefined) {
    try {
      compiled = compilePattern(pattern);
    } catch {
      compiled = null; // reported by validateRules; a broken pattern matches nothing
    }
    if (compiledPatterns.size >= 10_000) compiledPatterns.clear();
    compiledPatterns.set(pattern, compiled);
  }
  return compiled;
}

/**
 * Routes a request: first matching rule in order, or the default service with "normal" priority.
 * A malformed word pattern makes its rule never match (check rules with `validateRules` on save).
 */
export function routeRequest(
  request: RoutableRequest,
  rules: readonly RoutingRule[],
  defaultServiceId: string,
  detection: Detection,
): RoutingDecision {
  const tokens = tokenize(`${request.subject ?? ""}\n${request.text}`);
  const cache = new Map<string, boolean>();
  const has = (pattern: string): boolean => {
    const hit = cache.get(pattern);
    if (hit !== undefined) return hit;
    const compiled = compiledRulePattern(pattern);
    const found = compiled !== null && findAll(compiled, tokens).length > 0;
    cache.set(pattern, found);
    return found;
  };
  const raised = new Set(detection.flags.map((f) => f.code));

  const matches = (c: RuleConditions): boolean =>
    (c.channel === undefined || c.channel.length === 0 || c.channel.includes(request.channel)) &&
    listHas(c.toAddress, request.toAddress) &&
    listHas(c.category, request.category) &&
    listHas(c.requesterKind, request.requesterKind) &&
    (c.anyWords === undefined || c.anyWords.length === 0 || c.anyWords.some(has)) &&
    (c.allWords === undefined || c.allWords.every(has)) &&
    (c.phrases === undefined || c.phrases.length === 0 || c.phrases.some(has)) &&
    (c.flags === undefined || c.flags.length === 0 || c.flags.some((f) => raised.has(f)));

  const rule = orderRules(rules).find((r) => matches(r.conditions)) ?? null;
  const base: Priority = rule?.priority ?? "normal";
  const priority: Priority = detection.urgent && rank(base) < rank("urgent") ? "urgent" : base;
  return {
    serviceId: rule?.serviceId ?? defaultServiceId,
    priority,
    ruleId: rule?.id ?? null,
    ruleName: rule?.name ?? null,
    raisedByUrgency: priority !== base,
  };
}
