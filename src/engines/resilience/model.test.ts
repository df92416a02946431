import { describe, expect, it } from "vitest";
import { activity, agent, org, scenario } from "./factories.test-support.js";
import { absenteeismCurve, compileModel, ResilienceInputError } from "./model.js";
import { singlePointsOfFailure } from "./report.js";

describe("compileModel", () => {
  it("qualifies agents by list, by their activities and by skills", () => {
    const input = org(
      [
        agent("a1", { skills: ["paie", "sirh"] }),
        agent("a2", { skills: ["paie"] }),
        agent("a3", { activities: ["p"] }),
        agent("a4"),
      ],
      [activity("p", { requiredSkills: ["paie", "sirh"], qualifiedAgentIds: ["a4"] })],
      scenario(0.1),
    );
    const m = compileModel(input);
    const ids = Array.from(m.actAgent, (k) => m.agentIds[k]).sort();
    expect(ids).toEqual(["a1", "a3", "a4"]);
  });

  it("reports every problem of a bad input at once", () => {
    const bad = org(
      [agent("x", { activities: ["nope"], absenceProbability: 2 }), agent("x")],
      [activity("a", { minOnSite: -1, qualifiedAgentIds: ["ghost"] }), activity("b", { modes: ["remote"] })],
      scenario(1.5, { teamCorrelation: 0.1, siteCorrelation: 0.3 }),
    );
    try {
      compileModel(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ResilienceInputError);
      const err = e as ResilienceInputError;
      expect(err.code).toBe("RESILIENCE_INVALID_INPUT");
      expect(err.details).toEqual(
        expect.arrayContaining([
          "absenteeism.meanRate must be within [0, 1]",
          "teamCorrelation must be at least siteCorrelation (agents of a team share a site)",
          "agent x: duplicate id",
          "agent x: absenceProbability must be within [0, 1]",
          "activity a: minimums must be non-negative integers",
          "activity a: unknown qualified agent ghost",
          "activity b: 1 on-site minimum but on-site mode not allowed",
          "agent x: unknown activity nope",
        ]),
      );
    }
  });

  it("builds a peak curve whose mean is the mean rate", () => {
    const c = absenteeismCurve({ absenteeism: { meanRate: 0.1, peakRate: 0.3, peakDays: 14 }, waveDays: 56 });
    expect(c).toHaveLength(56);
    expect(c.reduce((x, y) => x + y, 0) / 56).toBeCloseTo(0.1, 12);
    expect(Math.max(...c)).toBe(0.3);
    expect(() =>
      compileModel(org([], [], { absenteeism: { meanRate: 0.1, peakRate: 0.9, peakDays: 40 } })),
    ).toThrow(/exceeds the mean/);
  });
});

describe("single points of failure", () => {
  it("finds activities few can hold, lone skills and equipment without spare", () => {
    const input = org(
      [
        agent("a1", { skills: ["paie"] }),
        agent("a2", { skills: ["accueil"] }),
        agent("a3", { skills: ["accueil"] }),
        agent("a4", { skills: ["accueil"] }),
      ],
      [
        activity("paie", { requiredSkills: ["paie"], equipment: ["cle-signature"] }),
        activity("accueil", { requiredSkills: ["accueil"], equipment: ["vehicule"] }),
        activity("courrier", { requiredSkills: ["tri"] }),
      ],
      scenario(0.1),
      {
        equipment: [
          { id: "cle-signature", quantity: 1 },
          { id: "vehicule", quantity: 2 },
        ],
      },
    );
    const s = singlePointsOfFailure(compileModel(input));
    expect(s.activitiesWithFewAgents).toEqual([
      { activityId: "paie", agentIds: ["a1"], need: 1 },
      { activityId: "courrier", agentIds: [], need: 1 },
    ]);
    expect(s.skillsHeldByOne).toEqual([
      { skill: "paie", agentId: "a1", activityIds: ["paie"] },
      { skill: "tri", agentId: null, activityIds: ["courrier"] },
    ]);
    expect(s.equipmentWithoutSpare).toEqual([
      { equipmentId: "cle-signature", quantity: 1, demand: 1, activityIds: ["paie"] },
    ]);
  });
});
