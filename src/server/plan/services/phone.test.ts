import { describe, expect, it } from "vitest";
import { isFrenchPhone } from "./phone.js";

describe("isFrenchPhone", () => {
  it.each([
    "05 61 00 00 00",
    "05.61.00.00.00",
    "0561000000",
    "+33 5 61 00 00 00",
    "+33561000000",
    "+687 27 50 50",
    "27.50.50",
    "+262 262 12 34 56",
    "+590 590 12 34 56",
    "+689 40 12 34 56",
    "+508 41 23 45",
    "115",
    "3939",
  ])("accepts %s", (n) => expect(isFrenchPhone(n)).toBe(true));

  it.each([
    "",
    "abc",
    "05 61 00 00",
    "+33 05 61 00 00 00",
    "+687 12 34 56 78",
    "+44 20 7946 0958",
    "0061000000",
  ])("refuses %s", (n) => expect(isFrenchPhone(n)).toBe(false));
});
