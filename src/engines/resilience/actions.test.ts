import { describe, expect, it } from "vitest";
import { applyAction, rankActions } from "./actions.js";
import { activity, agent, org, scenario } from "./factories.test-support.js";

describe("rankActions", () => {
  // "paie" runs remotely only and matters most: Y is equipped, X could telework but has no laptop.
  // "accueil" is on site at S2 with one qualified agent V; U works there without the skill.
  // W at S1 cannot telework: training W for "paie" is useless.
  const input = org(
    [
      agent("Y", { skills: ["paie"], canTelework: true, equipped: true }),
      agent("X", { skills: ["paie"], canTelework: true, equipped: false }),
      agent("W", { skills: [], siteId: "S1" }),
      agent("V", { skills: ["accueil"], siteId: "S2", teamId: "t2" }),
      agent("U", { skills: [], siteId: "S2", teamId: "t2" }),
    ],
    [
      activity("paie", {
        minOnSite: 0,
        minRemote: 1,
        modes: ["remote"],
        requiredSkills: ["paie"],
        weight: 3,
      }),
      activity("accueil", { siteId: "S2", minOnSite: 1, requiredSkills: ["accueil"] }),
    ],
    scenario(0.25),
  );

  it("puts the obvious best action first, with the same seed for every candidate", async () => {
    const params = { mode: "days", iterations: 4_000, seed: 1 } as const;
    const r = await rankActions(input, { params });
    expect(r.baseline).toBeCloseTo(3 * 0.25 * 56 + 0.25 * 56, -1);
    expect(r.actions[0].action).toEqual({ kind: "equip", agentId: "X" });
    expect(r.actions[0].label).toBe("Équiper X pour le télétravail");
    expect(r.actions[1].action).toEqual({ kind: "crossTrainSkill", agentId: "U", skill: "accueil" });
    // equipping X turns p into p² on a weight-3 activity
    expect(r.actions[0].reduction).toBeCloseTo(3 * (0.25 - 0.25 * 0.25) * 56, -1);
    expect(r.actions.every((a) => a.action.kind !== "crossTrainSkill" || a.action.agentId !== "W")).toBe(
      true,
    );
    const again = await rankActions(input, { params });
    expect(again).toEqual(r);
  });

  it("applies actions without touching the input", () => {
    const opened = applyAction(input, { kind: "openSite", siteId: "S1", activityId: "accueil" });
    expect(opened.activities[1].extraSiteIds).toEqual(["S1"]);
    expect(input.activities[1].extraSiteIds).toBeUndefined();
    const trained = applyAction(input, { kind: "crossTrainActivity", agentId: "W", activityId: "accueil" });
    expect(trained.agents[2].activities).toEqual(["accueil"]);
  });
});
