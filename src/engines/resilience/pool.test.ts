import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateOrganisation } from "./generate.js";
import { compileModel, simulationPart } from "./model.js";
import { ResiliencePool } from "./pool.js";
import { simulateInline } from "./simulate.js";

describe("worker pool", () => {
  let one: ResiliencePool;
  let two: ResiliencePool;
  beforeAll(async () => {
    [one, two] = await Promise.all([ResiliencePool.start(1), ResiliencePool.start(2)]);
  });
  afterAll(async () => {
    await Promise.all([one.close(), two.close()]);
  });

  const model = simulationPart(
    compileModel(
      generateOrganisation({
        agents: 1_500,
        activities: 150,
        sites: 5,
        seed: 3,
        scenario: {
          absenteeism: { meanRate: 0.15, peakRate: 0.3, peakDays: 10 },
          meanAbsenceDays: 4,
          teamCorrelation: 0.3,
          siteCorrelation: 0.05,
        },
      }),
    ),
  );

  it("gives the same totals whatever the number of workers (days)", async () => {
    const p = { mode: "days", iterations: 3_000, seed: 5, chunkSize: 100 } as const;
    const inline = simulateInline(model, p);
    const [a, b] = await Promise.all([one.run(model, p), two.run(model, p)]);
    expect(a).toEqual(inline);
    expect(b).toEqual(inline);
    expect(inline.uncoveredDays.some((x) => x > 0)).toBe(true);
  });

  it("gives the same totals whatever the number of workers (waves)", async () => {
    const p = { mode: "waves", iterations: 40, seed: 6, chunkSize: 3 } as const;
    const inline = simulateInline(model, p);
    const [a, b] = await Promise.all([one.run(model, p), two.run(model, p)]);
    expect(a).toEqual(inline);
    expect(b).toEqual(inline);
    const again = await two.run(model, p);
    expect(again).toEqual(inline);
  });
});
