import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance, foldText, normalizeText, phoneticKey, tokenize } from "./normalize.js";

describe("foldText", () => {
  it("lower-cases, strips accents and ligatures, collapses runs of three or more letters", () => {
    expect(foldText("Électricité COUPÉE")).toBe("electricite coupee");
    expect(foldText("cœur")).toBe("coeur");
    expect(foldText("aidezzzz moiii")).toBe("aidez moi");
    expect(foldText("frappée")).toBe("frappee");
  });

  it("is idempotent", () => {
    fc.assert(fc.property(fc.string(), (s) => foldText(foldText(s)) === foldText(s)));
  });
});

describe("phoneticKey", () => {
  it.each([
    ["chofage", "chauffage"],
    ["chofaj", "chauffage"],
    ["menasse", "menace"],
    ["frape", "frappee"],
    ["innondation", "inondation"],
    ["gas", "gaz"],
    ["plu", "plus"],
    ["mezon", "maison"],
  ])("%s sounds like %s", (a, b) => {
    expect(phoneticKey(a)).toBe(phoneticKey(b));
  });

  it("keeps words apart that sound different", () => {
    expect(phoneticKey("fuite")).not.toBe(phoneticKey("suite"));
    expect(phoneticKey("chaudiere")).not.toBe(phoneticKey("chauffage"));
  });
});

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions, bounded by max", () => {
    expect(editDistance("chaudiere", "chodiere", 3)).toBe(2);
    expect(editDistance("abc", "abc", 0)).toBe(0);
    expect(editDistance("abcdef", "xyz", 2)).toBe(3);
  });

  it("is symmetric", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        return editDistance(a, b, 10) === editDistance(b, a, 10);
      }),
    );
  });
});

describe("tokenize", () => {
  it("expands SMS forms and elisions", () => {
    expect(normalizeText("jsuis a la rue")).toBe("je suis a la rue");
    expect(normalizeText("ya pu deau")).toBe("il y a plus de eau");
    expect(normalizeText("il m'a frappée")).toBe("il me a frappee");
    expect(normalizeText("jpeux pa")).toBe("je peux pas");
    expect(normalizeText("g plu d'o chaude")).toBe("je ai plus de eau chaude");
  });

  it("splits digits from letters and keeps punctuation as clause marks", () => {
    const t = tokenize("90ans, seule.");
    expect(t.map((x) => x.norm)).toEqual(["90", "ans", ",", "seule", "."]);
    expect(t.filter((x) => x.punct).map((x) => x.raw)).toEqual([",", "."]);
  });

  it("marks capitalised words inside a sentence", () => {
    const t = tokenize("Je suis rue Pasteur");
    expect(t.map((x) => x.capitalised)).toEqual([false, false, false, true]);
  });

  it("offsets always point at the written word", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        return tokenize(s).every((t) => s.slice(t.start, t.end) === t.raw);
      }),
    );
  });
});
