import { describe, expect, it } from "vitest";
import { tokenize } from "./normalize.js";
import { compilePattern, findAll, PatternError } from "./pattern.js";

const matches = (pattern: string, text: string): boolean =>
  findAll(compilePattern(pattern), tokenize(text)).length > 0;

describe("pattern language", () => {
  it("matches words tolerantly: case, accents, phonetic spelling, small typos", () => {
    expect(matches("chauffage", "plus de CHOFAGE")).toBe(true);
    expect(matches("chaudiere", "la chaudère")).toBe(true);
    expect(matches("chaudiere", "la chaussure")).toBe(false);
  });

  it("supports alternatives, prefixes, exact words and optional slots", () => {
    expect(matches("expuls*", "on a été expulsés")).toBe(true);
    expect(matches("pas de? eau|gaz", "pas gaz")).toBe(true);
    expect(matches("pas de? eau|gaz", "pas de gaz")).toBe(true);
    expect(matches("=sans eau", "sent eau")).toBe(false);
    expect(matches("sans eau", "sans eau")).toBe(true);
  });

  it("supports bounded gaps that never cross punctuation", () => {
    expect(matches("chaudiere {0,3} panne", "la chaudière est en panne")).toBe(true);
    expect(matches("chaudiere {0,1} panne", "la chaudière est encore en panne")).toBe(false);
    expect(matches("chaudiere {0,3} panne", "la chaudière, en panne")).toBe(false);
  });

  it("supports numbers, negated slots and capitalised names", () => {
    expect(matches("#>=70 ans", "ma mère de 87 ans")).toBe(true);
    expect(matches("#>=70 ans", "ma fille de 14 ans")).toBe(false);
    expect(matches("rue des !demain", "rue des Lilas")).toBe(true);
    expect(matches("rue des !demain", "rue des demain")).toBe(false);
    expect(matches("rue ^", "je suis rue Pasteur")).toBe(true);
    expect(matches("rue ^", "je suis rue pasteur")).toBe(false);
  });

  it("accepts elided words written either way", () => {
    expect(matches("d eau", "pas d'eau")).toBe(true);
    expect(matches("de eau", "pas d’eau")).toBe(true);
  });

  it("rejects malformed patterns with a PatternError", () => {
    expect(() => compilePattern("")).toThrow(PatternError);
    expect(() => compilePattern("{0,2} eau")).toThrow(PatternError);
    expect(() => compilePattern("eau {3,1} froide")).toThrow(PatternError);
    expect(() => compilePattern("de?")).toThrow(PatternError);
  });
});
