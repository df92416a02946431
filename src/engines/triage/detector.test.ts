import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileLexicon, type Detection, detectUrgency } from "./detector.js";
import { defaultLexicon, type FlagCode, mergeLexicon } from "./lexicon.js";

const lex = compileLexicon(defaultLexicon);
const detect = (text: string): Detection => detectUrgency(text, lex);
const codes = (text: string): FlagCode[] =>
  detect(text)
    .flags.map((f) => f.code)
    .sort();

describe("detectUrgency — must pass (issue 5)", () => {
  it.each<[string, FlagCode[]]>([
    ["jsuis a la rue", ["homeless"]],
    ["il me frappe", ["domestic_violence"]],
    ["plu de chofage", ["no_utilities"]],
    ["PLUS DE CHAUFFAGE", ["no_utilities"]],
    ["je n'ai plus de chauffage depuis lundi", ["no_utilities"]],
    ["ya pu d'eau", ["no_utilities"]],
    ["ça sent le gaz dans l'escalier", ["safety_hazard"]],
    ["fuite d'eau au plafond", ["safety_hazard"]],
    ["ma mère de 90 ans est toute seule et ne répond plus", ["isolated_vulnerable"]],
    ["mon fils de 8 ans a disparu", ["child_at_risk"]],
    ["je veux en finir", ["health"]],
  ])("%s → %j", (text, expected) => {
    expect(codes(text)).toEqual([...expected].sort());
    expect(detect(text).urgent).toBe(true);
  });

  it.each([
    "pas de fuite",
    "ce n'est pas urgent",
    "je n'ai pas de problème de chauffage",
    "aucune fuite constatée",
    "sans danger",
    "fuite de mon abonnement",
    "la chaudière fait du bruit mais chauffe",
    "mon fils est à la rue de la Paix",
    "il me tape sur les nerfs",
    "URGENT merci de m'envoyer une attestation",
  ])("no flag: %s", (text) => {
    expect(detect(text)).toMatchObject({ urgent: false, flags: [] });
  });
});

describe("detectUrgency — behaviour", () => {
  it("reports the words as written", () => {
    expect(detect("Jsuis A LA RUE").flags).toEqual([{ code: "homeless", words: ["A LA RUE"] }]);
    expect(detect("il m'a encore frappée").flags[0].words).toEqual(["m'a encore frappée"]);
    expect(detect("plu de chofage").flags[0].words).toEqual(["plu de chofage"]);
  });

  it("keeps 'plus de X' as an absence, but a negation before a hazard cancels it", () => {
    expect(codes("plus de chauffage")).toEqual(["no_utilities"]);
    expect(codes("il n'y a plus de problème de fuite")).toEqual([]);
    expect(codes("il n'y a pas de fuite, mais plus de chauffage")).toEqual(["no_utilities"]);
  });

  it("does not carry a negation across a clause boundary", () => {
    expect(codes("pas de souci pour le loyer. Grosse fuite dans la cuisine")).toEqual(["safety_hazard"]);
    expect(codes("je ne sais pas mais ça sent le gaz")).toEqual(["safety_hazard"]);
  });

  it("explains suppressed matches", () => {
    const d = detect("le plombier est passé, pas de fuite");
    expect(d.suppressed).toEqual([{ code: "safety_hazard", words: ["fuite"], reason: "negated" }]);
    const rue = detect("mon fils est à la rue de la Paix");
    expect(rue.suppressed[0]).toMatchObject({ code: "homeless", reason: "false_alarm" });
  });

  it("drops normal flags when the writer says it can wait, never critical ones", () => {
    const minor = detect("pas urgent : petite fuite au robinet");
    expect(minor.urgent).toBe(false);
    expect(minor.suppressed).toEqual([{ code: "safety_hazard", words: ["fuite"], reason: "not_urgent" }]);
    expect(codes("ce n'est pas urgent mais il me frappe")).toEqual(["domestic_violence"]);
  });

  it("combines words: a serious illness with a utility cut-off is a health emergency", () => {
    expect(codes("je suis sous dialyse et on m'a coupé l'eau")).toEqual(["health", "no_utilities"]);
    expect(codes("je suis sous dialyse, je voudrais un logement au rez-de-chaussée")).toEqual([]);
  });

  it("gives the same answer with a compiled or a plain lexicon", () => {
    const text = "mon bébé a froid, plus de chauffage";
    expect(detectUrgency(text, defaultLexicon)).toEqual(detect(text));
  });

  it("never throws and is deterministic on arbitrary input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const a = detect(s);
        expect(detect(s)).toEqual(a);
        expect(a.urgent).toBe(a.flags.length > 0);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it("raised words are always passages of the text", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom("il", "me", "frappe", "plus", "de", "chauffage", "pas", "fuite", ",", "rue"),
          {
            maxLength: 12,
          },
        ),
        (words) => {
          const text = words.join(" ");
          return detect(text).flags.every((f) => f.words.every((w) => text.includes(w)));
        },
      ),
    );
  });
});

describe("mergeLexicon", () => {
  it("adds an organisation's words, false alarms and cues without changing the base", () => {
    const extended = mergeLexicon(defaultLexicon, {
      flags: {
        safety_hazard: { terms: ["ascenseur {0,3} chute"], falseAlarms: ["fuite des cerveaux"] },
        homeless: { remove: ["expuls*"] },
      },
      notUrgent: ["a votre convenance"],
    });
    const x = compileLexicon(extended);
    expect(detectUrgency("l'ascenseur a fait une chute", x).flags[0].code).toBe("safety_hazard");
    expect(detectUrgency("avis d'expulsion reçu", x).urgent).toBe(false);
    expect(detectUrgency("avis d'expulsion reçu", lex).urgent).toBe(true);
    expect(detectUrgency("petite fuite, à votre convenance", x).urgent).toBe(false);
    expect(defaultLexicon.flags.safety_hazard.terms).not.toContain("ascenseur {0,3} chute");
  });

  it("rejects a malformed organisation pattern at compile time", () => {
    const bad = mergeLexicon(defaultLexicon, { flags: { health: { terms: ["{1,2} malade"] } } });
    expect(() => compileLexicon(bad)).toThrow(/pattern/);
  });
});
