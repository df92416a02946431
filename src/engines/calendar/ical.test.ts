import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { toICalendar } from "./ical.js";

describe("iCalendar writer", () => {
  it("produces a feed a real parser reads back, with escaping and folding", () => {
    const long = "Astreinte du numéro unique ; accueil, urgences techniques — ".repeat(4);
    const text = toICalendar(
      "Astreinte — Numéro unique",
      [
        {
          uid: "a@relais",
          start: new Date("2026-03-30T06:00:00Z"),
          end: new Date("2026-04-06T06:00:00Z"),
          summary: long,
          location: "Siège, Toulouse",
          sequence: 2,
        },
        {
          uid: "b@relais",
          start: new Date("2026-04-06T06:00:00Z"),
          end: new Date("2026-04-13T06:00:00Z"),
          summary: "Bruno",
        },
      ],
      new Date("2026-03-01T00:00:00Z"),
    );
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const comp = new ICAL.Component(ICAL.parse(text));
    const events = comp.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(2);
    expect(events[0].summary).toBe(long);
    expect(events[0].location).toBe("Siège, Toulouse");
    expect(events[0].startDate.toJSDate().toISOString()).toBe("2026-03-30T06:00:00.000Z");
    expect(events[1].endDate.toJSDate().toISOString()).toBe("2026-04-13T06:00:00.000Z");
  });
});
