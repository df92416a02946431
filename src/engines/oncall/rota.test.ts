import { describe, expect, it } from "vitest";
import { type Line, type Rotation, schedule, turnStart, whoIsOnCall } from "./rota.js";

const weekly: Rotation = {
  id: "r1",
  name: "Astreinte hebdomadaire",
  participants: ["alice", "bruno", "chloe"],
  startDate: "2026-03-02", // a Monday
  handoffTime: "08:00",
  turnDays: 7,
  restriction: { kind: "always" },
};
const line = (extra: Partial<Line> = {}): Line => ({
  timezone: "Europe/Paris",
  rotations: [weekly],
  overrides: [],
  ...extra,
});
const at = (iso: string) => new Date(iso);

describe("on-call rota", () => {
  it("hands off weekly at local time across the March change", () => {
    // Turn 4 starts Monday 30 March 08:00 CEST = 06:00Z; turn 3 started 23 March 08:00 CET = 07:00Z.
    expect(turnStart(weekly, 3, "Europe/Paris").toISOString()).toBe("2026-03-23T07:00:00.000Z");
    expect(turnStart(weekly, 4, "Europe/Paris").toISOString()).toBe("2026-03-30T06:00:00.000Z");
    expect(whoIsOnCall(line(), at("2026-03-30T05:59:00Z"))?.personId).toBe("alice"); // turn 3 → 3 % 3 = 0
    expect(whoIsOnCall(line(), at("2026-03-30T06:00:00Z"))?.personId).toBe("bruno");
    // The week of the change is one hour shorter.
    const len =
      turnStart(weekly, 4, "Europe/Paris").getTime() - turnStart(weekly, 3, "Europe/Paris").getTime();
    expect(len / 3_600_000).toBe(167);
  });

  it("hands off at local time across the October change (week one hour longer)", () => {
    const k = 34; // 2026-03-02 + 34 weeks = 2026-10-26, the Monday after the change
    expect(turnStart(weekly, k, "Europe/Paris").toISOString()).toBe("2026-10-26T07:00:00.000Z");
    const len =
      turnStart(weekly, k, "Europe/Paris").getTime() - turnStart(weekly, k - 1, "Europe/Paris").getTime();
    expect(len / 3_600_000).toBe(169);
  });

  it("handles a handoff inside the spring gap", () => {
    const nightly: Rotation = { ...weekly, id: "n", handoffTime: "02:30", turnDays: 1 };
    const t = turnStart(nightly, 27, "Europe/Paris"); // 2026-03-29, 02:30 does not exist
    expect(t.toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("restricts a rotation to nights and weekends and lets overrides win", () => {
    const nights: Rotation = {
      ...weekly,
      id: "nights",
      restriction: { kind: "outside_hours", days: [1, 2, 3, 4, 5], start: "08:30", end: "17:30" },
    };
    const l = line({ rotations: [nights] });
    expect(whoIsOnCall(l, at("2026-03-04T10:00:00Z"))).toBeNull(); // Wednesday 11:00: opening hours
    expect(whoIsOnCall(l, at("2026-03-04T20:00:00Z"))?.personId).toBe("alice"); // 21:00
    expect(whoIsOnCall(l, at("2026-03-07T10:00:00Z"))?.personId).toBe("alice"); // Saturday
    const withOverride = line({
      rotations: [nights],
      overrides: [
        { id: "o1", personId: "dora", start: at("2026-03-04T19:00:00Z"), end: at("2026-03-05T07:00:00Z") },
      ],
    });
    expect(whoIsOnCall(withOverride, at("2026-03-04T20:00:00Z"))).toMatchObject({
      personId: "dora",
      source: "override",
    });
  });

  it("lists the schedule as merged segments", () => {
    const segs = schedule(line(), at("2026-03-02T07:00:00Z"), at("2026-03-23T07:00:00Z"));
    expect(segs.map((s) => s.personId)).toEqual(["alice", "bruno", "chloe"]);
    expect(segs[1].start.toISOString()).toBe("2026-03-09T07:00:00.000Z");
  });
});
