import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isValidDate, offsetMinutes, resolveLocal, toLocal } from "./zoned.js";

describe("zoned time", () => {
  it("reads wall-clock time in Paris and Nouméa", () => {
    const at = new Date("2026-07-01T10:00:00Z");
    expect(toLocal(at, "Europe/Paris")).toEqual({ date: "2026-07-01", time: "12:00", weekday: 3 });
    expect(toLocal(at, "Pacific/Noumea")).toEqual({ date: "2026-07-01", time: "21:00", weekday: 3 });
    expect(offsetMinutes(at, "Pacific/Noumea")).toBe(660);
  });

  it("resolves ordinary, missing (spring) and doubled (autumn) local times", () => {
    expect(resolveLocal("2026-03-28", "08:00", "Europe/Paris")).toEqual({
      kind: "exact",
      at: new Date("2026-03-28T07:00:00Z"),
    });
    expect(resolveLocal("2026-03-30", "08:00", "Europe/Paris")).toEqual({
      kind: "exact",
      at: new Date("2026-03-30T06:00:00Z"),
    });
    const gap = resolveLocal("2026-03-29", "02:30", "Europe/Paris");
    expect(gap.kind).toBe("gap");
    expect(gap.at.toISOString()).toBe("2026-03-29T01:30:00.000Z"); // 03:30 CEST: shifted by the gap
    const fold = resolveLocal("2026-10-25", "02:30", "Europe/Paris");
    expect(fold.kind).toBe("fold");
    expect(fold.at.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    if (fold.kind === "fold") expect(fold.later.toISOString()).toBe("2026-10-25T01:30:00.000Z");
  });

  it("does date arithmetic and validation", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(daysBetween("2026-03-01", "2026-04-01")).toBe(31);
    expect(isValidDate("2026-02-31")).toBe(false);
    expect(isValidDate("2028-02-29")).toBe(true);
    expect(isValidDate("2026-13-01")).toBe(false);
  });
});
