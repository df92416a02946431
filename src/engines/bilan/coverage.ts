// How many qualified people an activity needs in its mode, and whether the people available cover
// it. The rule follows the plan's minimum service: `minOnSite` people on site, `minRemote` more who
// may work remotely (or on site).
//   on_site   — everybody on site: minOnSite + minRemote on site.
//   remote    — the on-site minimum moves home: minOnSite + minRemote people, wherever they work.
//   mixed     — minOnSite on site, and minOnSite + minRemote in all (surplus on site counts).
//   reduced   — the minimum service itself: same figures as mixed.
//   suspended — nothing required; status "suspended".
// Status: not covered when short; at risk when covered with no margin (one more absence breaks
// it); covered otherwise (an activity needing nobody is covered).

export const MODES = ["on_site", "remote", "mixed", "reduced", "suspended"] as const;
export type Mode = (typeof MODES)[number];
export const COVERAGE_STATUSES = ["covered", "at_risk", "not_covered", "suspended"] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

export interface Requirement {
  onSite: number;
  total: number;
}

export function requirement(mode: Mode, minOnSite: number, minRemote: number): Requirement {
  switch (mode) {
    case "on_site":
      return { onSite: minOnSite + minRemote, total: minOnSite + minRemote };
    case "remote":
      return { onSite: 0, total: minOnSite + minRemote };
    case "mixed":
    case "reduced":
      return { onSite: minOnSite, total: minOnSite + minRemote };
    case "suspended":
      return { onSite: 0, total: 0 };
  }
}

export interface Coverage {
  status: CoverageStatus;
  required: Requirement;
  /** Qualified people available on site / remotely. */
  onSite: number;
  remote: number;
  /** Smallest spare count (on site or in all); negative when short. */
  margin: number;
}

export function coverage(input: {
  mode: Mode;
  minOnSite: number;
  minRemote: number;
  onSite: number;
  remote: number;
}): Coverage {
  const required = requirement(input.mode, input.minOnSite, input.minRemote);
  const { onSite, remote } = input;
  if (input.mode === "suspended") return { status: "suspended", required, onSite, remote, margin: 0 };
  const usable = input.mode === "on_site" ? onSite : onSite + remote;
  const margin = Math.min(onSite - required.onSite, usable - required.total);
  const status: CoverageStatus =
    margin < 0 ? "not_covered" : margin === 0 && required.total > 0 ? "at_risk" : "covered";
  return { status, required, onSite, remote, margin };
}

/**
 * The mode a scenario proposes for an activity, from its criticality (1 vital … 4 deferrable), the
 * modes the plan allows for it, and the scenario: deferrable work is suspended, criticality 3 runs
 * reduced, vital work keeps running — remotely in a pandemic or when its site is closed, when the
 * plan allows it.
 */
export function proposeMode(input: {
  criticality: number;
  allowed: readonly string[];
  scenarioType: string;
  siteClosed: boolean;
}): Mode {
  const can = (m: string) => input.allowed.length === 0 || input.allowed.includes(m);
  if (input.criticality >= 4) return "suspended";
  if (input.criticality === 3) return "reduced";
  const preferRemote = input.scenarioType === "pandemic" || input.siteClosed;
  if (preferRemote && can("remote")) return "remote";
  if (can("mixed")) return "mixed";
  if (input.siteClosed && !can("on_site")) return "reduced";
  if (can("on_site")) return "on_site";
  if (can("remote")) return "remote";
  return "reduced";
}

/** Trend of a series of available counts: compares the last value with the first of the window. */
export function trend(values: readonly number[]): "up" | "down" | "stable" {
  if (values.length < 2) return "stable";
  const first = values[0];
  const last = values[values.length - 1];
  return last > first ? "up" : last < first ? "down" : "stable";
}
