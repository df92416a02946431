import { describe, expect, it } from "vitest";
import { activity, agent, crowd, org, scenario } from "./factories.test-support.js";
import { compileModel, simulationPart } from "./model.js";
import { summarise } from "./report.js";
import { type SimulationParams, simulateInline } from "./simulate.js";

function analyse(input: Parameters<typeof compileModel>[0], params: SimulationParams) {
  const m = compileModel(input);
  return summarise(m, simulateInline(simulationPart(m), params), params);
}

describe("independent days", () => {
  it("a single agent absent 30 % of days leaves the activity uncovered 30 % of days", () => {
    const input = org([agent("x", { activities: ["a"] })], [activity("a")], scenario(0.3));
    const n = 40_000;
    const r = analyse(input, { mode: "days", iterations: n, seed: 1 });
    const sd = Math.sqrt((0.3 * 0.7) / n);
    expect(Math.abs(r.activities[0].probabilityUncovered - 0.3)).toBeLessThan(4 * sd);
    expect(r.activities[0].expectedDaysUncovered).toBeCloseTo(r.activities[0].probabilityUncovered * 56, 10);
  });

  it("uses the agent's own probability and two agents for a minimum of one give p²", () => {
    const input = org(
      [agent("x", { activities: ["a"], absenceProbability: 0.5 }), agent("y", { activities: ["a"] })],
      [activity("a")],
      scenario(0.2),
    );
    const r = analyse(input, { mode: "days", iterations: 40_000, seed: 2 });
    expect(r.activities[0].probabilityUncovered).toBeCloseTo(0.5 * 0.2, 2);
  });

  it("counts an agent for one activity a day", () => {
    const input = org(
      [agent("x", { activities: ["a", "b"] })],
      [activity("a"), activity("b", { weight: 2 })],
      scenario(0),
    );
    const r = analyse(input, { mode: "days", iterations: 100, seed: 3 });
    const probs = r.activities.map((a) => a.probabilityUncovered).sort();
    expect(probs).toEqual([0, 1]);
    expect(r.activities.filter((a) => a.neverCovered)).toHaveLength(1);
  });

  it("moves an agent along a chain to cover a hole", () => {
    // x can do a or b, y only a; z only b. When z is away, y takes a and x moves to b.
    const input = org(
      [
        agent("x", { activities: ["a", "b"], absenceProbability: 0 }),
        agent("y", { activities: ["a"], absenceProbability: 0 }),
        agent("z", { activities: ["b"], absenceProbability: 0.5 }),
      ],
      [activity("a"), activity("b")],
      scenario(0.1),
    );
    const r = analyse(input, { mode: "days", iterations: 2_000, seed: 4 });
    expect(r.activities.map((a) => a.probabilityUncovered)).toEqual([0, 0]);
  });

  it("keeps a remote slot for an equipped teleworker and an on-site slot for the site", () => {
    const input = org(
      [
        agent("home", {
          activities: ["a"],
          siteId: "s2",
          canTelework: true,
          equipped: true,
          absenceProbability: 0,
        }),
        agent("onsite", { activities: ["a"], siteId: "s1", absenceProbability: 0 }),
        agent("far", { activities: ["a"], siteId: "s2", absenceProbability: 0 }),
      ],
      [activity("a", { minOnSite: 1, minRemote: 1 })],
      scenario(0.1),
    );
    expect(
      analyse(input, { mode: "days", iterations: 100, seed: 5 }).activities[0].probabilityUncovered,
    ).toBe(0);
    const closed = { ...input, scenario: { ...input.scenario, closedSiteIds: ["s1"] } };
    expect(analyse(closed, { mode: "days", iterations: 100, seed: 5 }).activities[0].neverCovered).toBe(true);
    const down = {
      ...input,
      activities: [activity("a", { minOnSite: 1, minRemote: 1, applications: ["paie"] })],
      scenario: { ...input.scenario, applicationsDown: ["paie"] },
    };
    expect(analyse(down, { mode: "days", iterations: 100, seed: 5 }).activities[0].neverCovered).toBe(true);
  });

  it("is reproducible with a seed and changes with it", () => {
    const input = crowd(300, 10, scenario(0.15, { teamCorrelation: 0.3 }));
    input.activities = [activity("a", { minOnSite: 270 })];
    const p = { mode: "days", iterations: 1_000, seed: 11 } as const;
    const a = analyse(input, p);
    const b = analyse(input, p);
    expect(b).toEqual(a);
    const c = analyse(input, { ...p, seed: 12 });
    expect(c.activities[0].probabilityUncovered).not.toBe(a.activities[0].probabilityUncovered);
  });

  it("keeps the marginal rate and raises the variance with team correlation", () => {
    const n = 400;
    const team = 10;
    const p = 0.1;
    const params = { mode: "days", iterations: 20_000, seed: 7 } as const;
    const flat = analyse(crowd(n, team, scenario(p)), params).absenteeism;
    const corr = 0.3;
    const tied = analyse(crowd(n, team, scenario(p, { teamCorrelation: corr })), params).absenteeism;
    const binomial = n * p * (1 - p);
    expect(flat.meanAbsent / n).toBeCloseTo(p, 2);
    expect(tied.meanAbsent / n).toBeCloseTo(p, 2);
    expect(flat.varianceAbsent / binomial).toBeCloseTo(1, 0);
    // variance of a sum of exchangeable indicators: n p (1-p) (1 + (team-1) ρ)
    const expected = binomial * (1 + (team - 1) * corr);
    expect(Math.abs(tied.varianceAbsent / expected - 1)).toBeLessThan(0.1);
    expect(tied.varianceAbsent).toBeGreaterThan(2.5 * flat.varianceAbsent);
  });

  it("adds site correlation across the teams of a site", () => {
    const n = 400;
    const params = { mode: "days", iterations: 20_000, seed: 8 } as const;
    const input = crowd(n, 10, scenario(0.1, { siteCorrelation: 0.05, teamCorrelation: 0.05 }));
    const r = analyse(input, params).absenteeism;
    const expected = n * 0.09 * (1 + (n - 1) * 0.05);
    expect(r.meanAbsent / n).toBeCloseTo(0.1, 2);
    expect(Math.abs(r.varianceAbsent / expected - 1)).toBeLessThan(0.15);
  });

  it("follows the absenteeism curve", () => {
    const sc = scenario(0.1, { absenteeism: { meanRate: 0.1, peakRate: 0.3, peakDays: 14 } });
    const r = analyse(crowd(500, 10, sc), { mode: "days", iterations: 5_600, seed: 9 });
    const peakDay = 28;
    expect(r.absenteeism.targetByDay[peakDay]).toBeCloseTo(0.3, 10);
    expect(r.absenteeism.realisedByDay[peakDay]).toBeCloseTo(0.3, 1);
    expect(r.absenteeism.realisedByDay[0]).toBeCloseTo(r.absenteeism.targetByDay[0], 1);
    const mean = r.absenteeism.targetByDay.reduce((x, y) => x + y, 0) / 56;
    expect(mean).toBeCloseTo(0.1, 10);
  });
});

describe("waves", () => {
  it("absences persist for the mean duration", () => {
    const sc = scenario(0.1, { absenteeism: { meanRate: 0.1 }, waveDays: 400, meanAbsenceDays: 4 });
    const r = analyse(crowd(200, 10, sc), { mode: "waves", iterations: 20, seed: 5 });
    expect(r.absenteeism.meanAbsenceDays).toBeGreaterThan(3.8);
    expect(r.absenteeism.meanAbsenceDays).toBeLessThan(4.2);
    const realised = r.absenteeism.realisedByDay;
    const mean = realised.reduce((x, y) => x + y, 0) / realised.length;
    expect(mean).toBeCloseTo(0.1, 2);
  });

  it("tracks the peak with multi-day absences", () => {
    const sc = scenario(0.1, {
      absenteeism: { meanRate: 0.1, peakRate: 0.25, peakDays: 14 },
      meanAbsenceDays: 5,
      teamCorrelation: 0.2,
    });
    const r = analyse(crowd(1_000, 10, sc), { mode: "waves", iterations: 200, seed: 6 });
    expect(r.absenteeism.realisedByDay[34]).toBeCloseTo(0.25, 1);
    expect(r.absenteeism.realisedByDay[10]).toBeCloseTo(r.absenteeism.targetByDay[10], 1);
  });

  it("gives the same expected days uncovered as independent days, with longer outages", () => {
    const input = org(
      [agent("x", { activities: ["a"] })],
      [activity("a", { maxInterruptionDays: 3 })],
      scenario(0.2, { meanAbsenceDays: 5 }),
    );
    const days = analyse(input, { mode: "days", iterations: 56 * 2_000, seed: 1 });
    const waves = analyse(input, { mode: "waves", iterations: 2_000, seed: 1 });
    const a = waves.activities[0];
    expect(a.expectedDaysUncovered).toBeCloseTo(days.activities[0].expectedDaysUncovered, 0);
    expect(a.expectedDaysUncovered).toBeCloseTo(0.2 * 56, 0);
    // runs of absence ~5 days: P(longest run > 3) is far above the ~7 % of daily draws
    expect(a.probabilityExceedsMaxInterruption).toBeGreaterThan(0.6);
    expect(a.meanLongestOutageDays).toBeGreaterThan(5);
    expect(a.p90DaysUncovered).toBeGreaterThanOrEqual(Math.round(0.2 * 56));
    expect(a.probabilityAnyOutage).toBeGreaterThan(0.9);
  });

  it("blames the agent whose absence leaves a hole", () => {
    const input = org(
      [
        agent("solo", { activities: ["a"], absenceProbability: 0.2 }),
        agent("x", { activities: ["b"], absenceProbability: 0 }),
        agent("y", { activities: ["b"], absenceProbability: 0 }),
      ],
      [activity("a"), activity("b")],
      scenario(0.1),
    );
    const r = analyse(input, { mode: "days", iterations: 10_000, seed: 2 });
    expect(r.criticalAgents.map((c) => c.agentId)).toEqual(["solo"]);
    expect(r.criticalAgents[0].gapRate).toBeCloseTo(0.2, 1);
  });
});
