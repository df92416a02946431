import { describe, expect, it } from "vitest";
import {
  isIsoDay,
  nameKey,
  parseBoolean,
  parseDate,
  parseEmail,
  parseList,
  parsePercent,
  parsePhone,
} from "./fields.js";

const value = <T>(p: { ok: true; value: T } | { ok: false; message: string }) => {
  if (!p.ok) throw new Error(p.message);
  return p.value;
};

describe("dates", () => {
  it.each([
    ["03/09/1995", "1995-09-03"],
    ["3/9/1995", "1995-09-03"],
    ["03.09.1995", "1995-09-03"],
    ["1995-09-03", "1995-09-03"],
    ["29/02/2024", "2024-02-29"],
    [" 03/09/1995 ", "1995-09-03"],
  ])("reads %s", (input, expected) => {
    expect(value(parseDate(input))).toBe(expected);
  });
  it("reads date cells and Excel serial numbers", () => {
    expect(value(parseDate(new Date("1995-09-03T00:00:00.000Z")))).toBe("1995-09-03");
    expect(value(parseDate(45292))).toBe("2024-01-01");
  });
  it.each([
    ["31/02/2019", /n'existe pas/],
    ["12/13/2015", /mois 13/],
    ["29/02/2023", /n'existe pas/],
    ["00/01/2020", /n'existe pas/],
    ["hier", /illisible/],
    ["03/09/95", /4 chiffres/],
  ])("refuses %s", (input, message) => {
    const p = parseDate(input);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.message).toMatch(message);
  });
  it("treats an empty cell as no date", () => {
    expect(value(parseDate(""))).toBeNull();
    expect(value(parseDate(null))).toBeNull();
  });
  it("validates ISO days", () => {
    expect(isIsoDay("2026-02-28")).toBe(true);
    expect(isIsoDay("2026-02-31")).toBe(false);
    expect(isIsoDay("2024-02-29")).toBe(true);
    expect(isIsoDay("2026-2-1")).toBe(false);
  });
});

describe("booleans", () => {
  it.each(["Oui", "oui", "O", "o", "X", "x", "1", "Vrai", "YES", true, 1])("%s is yes", (v) => {
    expect(value(parseBoolean(v))).toBe(true);
  });
  it.each(["NON", "Non", "non", "N", "n", "0", "", " ", null, false, "Faux"])("%s is no", (v) => {
    expect(value(parseBoolean(v))).toBe(false);
  });
  it("refuses what it does not understand", () => {
    expect(parseBoolean("peut-être").ok).toBe(false);
    expect(parseBoolean(2).ok).toBe(false);
  });
});

describe("percentages", () => {
  it.each([
    ["80 %", 80],
    ["80\u00a0%", 80],
    ["80\u202f%", 80],
    ["100%", 100],
    ["90", 90],
    ["0,8", 80],
    ["80,4 %", 80],
    [0.5, 50],
    [1, 100],
    [80, 80],
    ["Temps plein", 100],
    ["mi-temps", 50],
  ] as const)("%s → %i", (input, expected) => {
    expect(value(parsePercent(input))).toBe(expected);
  });
  it("refuses nonsense and out of range", () => {
    expect(parsePercent("beaucoup").ok).toBe(false);
    expect(parsePercent("120 %").ok).toBe(false);
  });
});

describe("phone numbers", () => {
  it.each([
    ["+33 5 62 74 07 64", "+33562740764"],
    ["05 62 73 74 50", "+33562737450"],
    ["0562898508", "+33562898508"],
    ["05.62.68.69.99", "+33562686999"],
    ["05-62-68-69-99", "+33562686999"],
    ["+33 (0)5 62 68 69 99", "+33562686999"],
    ["0033 5 62 68 69 99", "+33562686999"],
    [562898508, "+33562898508"],
    ["06\u00a012\u00a034\u00a056\u00a078", "+33612345678"],
    ["0262 12 34 56", "+262262123456"],
    ["0692 12 34 56", "+262692123456"],
    ["0590 12 34 56", "+590590123456"],
    ["0696 12 34 56", "+596696123456"],
    ["+687 26 12 34", "+687261234"],
    ["+262 262 12 34 56", "+262262123456"],
  ] as const)("%s → %s", (input, expected) => {
    expect(value(parsePhone(input))).toBe(expected);
  });
  it("uses the territory's numbering for short local numbers", () => {
    expect(value(parsePhone("26 12 34", { code: "687", digits: 6 }))).toBe("+687261234");
    expect(parsePhone("26 12 34").ok).toBe(false);
  });
  it("refuses what is not a number", () => {
    expect(parsePhone("bureau 12").ok).toBe(false);
    expect(parsePhone("05 62").ok).toBe(false);
    expect(parsePhone("+33 5 62 74").ok).toBe(false);
  });
});

describe("e-mails, lists and names", () => {
  it("accepts accented local parts and refuses broken shapes", () => {
    expect(value(parseEmail("k.guérin@oph-demo.example.org"))).toBe("k.guérin@oph-demo.example.org");
    expect(value(parseEmail("mailto:a.b@c.fr"))).toBe("a.b@c.fr");
    expect(parseEmail("jean.dupont@@oph-demo").ok).toBe(false);
    expect(parseEmail("jean.dupont@oph-demo").ok).toBe(false);
    expect(parseEmail("jean dupont@x.fr").ok).toBe(false);
  });
  it("splits skills and drops duplicates", () => {
    expect(parseList("juridique, communication de crise ,Juridique;VPN")).toEqual([
      "juridique",
      "communication de crise",
      "VPN",
    ]);
    expect(parseList("")).toEqual([]);
  });
  it("compares names without case or accents", () => {
    expect(nameKey("Systèmes d'information")).toBe(nameKey("SYSTEMES D INFORMATION"));
    expect(nameKey("Siège - Toulouse")).toBe("siege toulouse");
  });
});
