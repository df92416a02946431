import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coverage, MODES, proposeMode, requirement, trend } from "./coverage.js";
import { formatInt, formatPct, frenchSpacing } from "./format.js";

describe("coverage", () => {
  it("follows the minimum service per mode", () => {
    expect(requirement("on_site", 1, 2)).toEqual({ onSite: 3, total: 3 });
    expect(requirement("remote", 1, 2)).toEqual({ onSite: 0, total: 3 });
    expect(requirement("mixed", 1, 2)).toEqual({ onSite: 1, total: 3 });
    expect(coverage({ mode: "mixed", minOnSite: 1, minRemote: 2, onSite: 2, remote: 2 })).toMatchObject({
      status: "covered",
      margin: 1,
    });
    expect(coverage({ mode: "mixed", minOnSite: 1, minRemote: 2, onSite: 1, remote: 2 })).toMatchObject({
      status: "at_risk",
      margin: 0,
    });
    expect(coverage({ mode: "mixed", minOnSite: 1, minRemote: 2, onSite: 0, remote: 5 })).toMatchObject({
      status: "not_covered",
    });
    expect(coverage({ mode: "on_site", minOnSite: 1, minRemote: 0, onSite: 0, remote: 9 })).toMatchObject({
      status: "not_covered",
    });
    expect(coverage({ mode: "suspended", minOnSite: 5, minRemote: 5, onSite: 0, remote: 0 }).status).toBe(
      "suspended",
    );
    expect(coverage({ mode: "mixed", minOnSite: 0, minRemote: 0, onSite: 0, remote: 0 }).status).toBe(
      "covered",
    );
  });

  it("never gets worse with more people available", () => {
    const rank = { not_covered: 0, at_risk: 1, covered: 2, suspended: 3 } as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...MODES),
        fc.nat(20),
        fc.nat(20),
        fc.nat(30),
        fc.nat(30),
        fc.boolean(),
        (mode, minOnSite, minRemote, onSite, remote, addOnSite) => {
          const a = coverage({ mode, minOnSite, minRemote, onSite, remote });
          const b = coverage({
            mode,
            minOnSite,
            minRemote,
            onSite: onSite + (addOnSite ? 1 : 0),
            remote: remote + (addOnSite ? 0 : 1),
          });
          return rank[b.status] >= rank[a.status];
        },
      ),
    );
  });

  it("proposes modes from criticality and the scenario", () => {
    const base = { allowed: ["on_site", "remote", "mixed"], scenarioType: "site_loss", siteClosed: false };
    expect(proposeMode({ ...base, criticality: 4 })).toBe("suspended");
    expect(proposeMode({ ...base, criticality: 3 })).toBe("reduced");
    expect(proposeMode({ ...base, criticality: 1 })).toBe("mixed");
    expect(proposeMode({ ...base, criticality: 1, siteClosed: true })).toBe("remote");
    expect(proposeMode({ ...base, criticality: 2, scenarioType: "pandemic" })).toBe("remote");
    expect(proposeMode({ ...base, criticality: 1, allowed: ["on_site"] })).toBe("on_site");
    expect(trend([3, 3, 4])).toBe("up");
    expect(trend([4, 2])).toBe("down");
  });
});

describe("French typography", () => {
  it("uses narrow no-break spaces", () => {
    expect(formatInt(2185)).toBe("2\u202f185");
    expect(formatPct(0.9)).toBe("90\u202f%");
    expect(frenchSpacing("Décision : fermer ; vite !")).toBe("Décision\u00a0: fermer\u202f; vite\u202f!");
  });
});
