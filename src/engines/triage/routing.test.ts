import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileLexicon, type Detection, detectUrgency } from "./detector.js";
import { defaultLexicon } from "./lexicon.js";
import { type RoutableRequest, type RoutingRule, routeRequest, validateRules } from "./routing.js";

const lex = compileLexicon(defaultLexicon);
const calm: Detection = { urgent: false, flags: [], suppressed: [] };

function buildRule(overrides: Partial<RoutingRule> & Pick<RoutingRule, "id">): RoutingRule {
  return {
    name: `rule ${overrides.id}`,
    position: 10,
    conditions: {},
    serviceId: "siege",
    priority: "normal",
    ...overrides,
  };
}

function buildRequest(overrides: Partial<RoutableRequest> = {}): RoutableRequest {
  return { channel: "web", text: "Bonjour", ...overrides };
}

// The OPH 31 mailboxes from the seed: technical, social support, rental management, head office.
const rules: RoutingRule[] = [
  buildRule({
    id: "violences",
    name: "Violences → gestion locative",
    position: 1,
    conditions: { flags: ["domestic_violence", "homeless"] },
    serviceId: "gestion-locative",
    priority: "high",
  }),
  buildRule({
    id: "technique-mail",
    name: "Mail technique",
    position: 2,
    conditions: { channel: ["email"], toAddress: ["Administratif.Territoire@oph31.fr"] },
    serviceId: "habitat-territoire",
  }),
  buildRule({
    id: "technique-mots",
    name: "Mots techniques",
    position: 3,
    conditions: { anyWords: ["chauffage", "chaudiere", "fuite*", "ascenseur"] },
    serviceId: "habitat-territoire",
  }),
  buildRule({
    id: "loyer",
    name: "Difficultés de paiement",
    position: 4,
    conditions: { phrases: ["payer {0,2} loyer", "dette de loyer", "retard de paiement"] },
    serviceId: "gestion-sociale",
    priority: "low",
  }),
  buildRule({
    id: "compta",
    name: "Entreprises → comptabilité",
    position: 5,
    conditions: { requesterKind: ["company"], allWords: ["facture", "paiement"] },
    serviceId: "comptabilite",
  }),
];

const route = (req: RoutableRequest) => routeRequest(req, rules, "siege", detectUrgency(req.text, lex));

describe("routeRequest", () => {
  it("falls back to the default queue with no rule", () => {
    expect(route(buildRequest({ text: "Quels sont vos horaires ?" }))).toEqual({
      serviceId: "siege",
      priority: "normal",
      ruleId: null,
      ruleName: null,
      raisedByUrgency: false,
    });
  });

  it("routes by receiving address, case-insensitively", () => {
    const d = route(
      buildRequest({ channel: "email", toAddress: "administratif.territoire@OPH31.fr", text: "Volet cassé" }),
    );
    expect(d).toMatchObject({ serviceId: "habitat-territoire", ruleId: "technique-mail" });
  });

  it("routes by words with the detector's normalisation (SMS, no accents, typos)", () => {
    expect(route(buildRequest({ text: "la chodiere fait du bruit" }))).toMatchObject({
      serviceId: "habitat-territoire",
      ruleId: "technique-mots",
      priority: "normal",
    });
    expect(route(buildRequest({ text: "je peux pas PAYER mon loyer" }))).toMatchObject({
      serviceId: "gestion-sociale",
      priority: "low",
    });
  });

  it("looks at the subject as well as the text", () => {
    expect(route(buildRequest({ subject: "Ascenseur", text: "toujours rien" })).ruleId).toBe(
      "technique-mots",
    );
  });

  it("requires every condition of a rule", () => {
    const facture = buildRequest({ text: "facture en attente de paiement", requesterKind: "company" });
    expect(route(facture).serviceId).toBe("comptabilite");
    expect(route({ ...facture, requesterKind: "tenant" }).serviceId).toBe("siege");
    expect(route({ ...facture, text: "facture en attente" }).serviceId).toBe("siege");
  });

  it("first matching rule wins, by position whatever the array order", () => {
    const text = "il me frappe et la chaudière est en panne";
    expect(route(buildRequest({ text })).ruleId).toBe("violences");
    expect(
      routeRequest(buildRequest({ text }), [...rules].reverse(), "siege", detectUrgency(text, lex)).ruleId,
    ).toBe("violences");
  });

  it("raises the priority of urgent requests", () => {
    const d = route(buildRequest({ text: "plu de chofage depuis 3 jours" }));
    expect(d).toMatchObject({ serviceId: "habitat-territoire", priority: "urgent", raisedByUrgency: true });
    const unrouted = route(buildRequest({ text: "ça sent le gaz dans la cave" }));
    expect(unrouted).toMatchObject({ serviceId: "siege", priority: "urgent", ruleId: null });
  });

  it("skips disabled rules and rules with a broken pattern, and reports the latter", () => {
    const broken = buildRule({
      id: "broken",
      position: 0,
      conditions: { anyWords: ["{1,2}"] },
      serviceId: "x",
    });
    const off = buildRule({ id: "off", position: 0, enabled: false, serviceId: "y" });
    expect(routeRequest(buildRequest(), [broken, off], "siege", calm).serviceId).toBe("siege");
    expect(validateRules([broken, off])).toEqual([
      expect.objectContaining({ ruleId: "broken", field: "anyWords", pattern: "{1,2}" }),
    ]);
    expect(validateRules(rules)).toEqual([]);
  });

  it("an empty rule catches everything; urgency never lowers a priority", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.boolean(), (text, urgent) => {
        const det: Detection = urgent
          ? { urgent, flags: [{ code: "health", words: [] }], suppressed: [] }
          : calm;
        const d = routeRequest(
          buildRequest({ text }),
          [buildRule({ id: "all", priority: "high" })],
          "siege",
          det,
        );
        return d.ruleId === "all" && d.priority === (urgent ? "urgent" : "high");
      }),
    );
  });
});
