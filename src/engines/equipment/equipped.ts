// "Equipped to telework": an agent holds at least one item of every equipment kind that the
// activities they can do require. Activities that require nothing still need a laptop to be done
// from home, so a laptop is the floor. Pure: callers pass what the agent holds on the day asked.
export type Kind = "laptop" | "mobile_box" | "phone" | "vpn" | "visio_licence" | "other";

export const BASELINE_KINDS: readonly Kind[] = ["laptop"];

/** The kinds an agent needs: the union of their activities' requirements, plus the baseline. */
export function requiredKinds(activityRequirements: readonly (readonly string[])[]): Set<string> {
  const kinds = new Set<string>(BASELINE_KINDS);
  for (const req of activityRequirements) for (const k of req) kinds.add(k);
  return kinds;
}

export function isEquipped(required: ReadonlySet<string>, held: Iterable<string>): boolean {
  const have = new Set(held);
  for (const k of required) if (!have.has(k)) return false;
  return true;
}

/** Kinds still missing, for the "why" shown next to an agent. */
export function missingKinds(required: ReadonlySet<string>, held: Iterable<string>): string[] {
  const have = new Set(held);
  return [...required].filter((k) => !have.has(k)).sort();
}
