import { describe, expect, it } from "vitest";
import {
  type ActivityStaffing,
  dayRange,
  emptyCounts,
  equippedDays,
  findShortfalls,
  teleworkShare,
} from "./figures.js";

const base: ActivityStaffing = {
  id: "a",
  name: "Urgences techniques",
  serviceId: "s",
  serviceName: "Habitat et Territoire",
  siteId: null,
  siteName: null,
  criticality: 1,
  minOnSite: 3,
  minRemote: 2,
  qualifiedTotal: 6,
  qualifiedOnSite: 1,
  qualifiedRemoteEquipped: 0,
  teleworkNotEquipped: 0,
  absent: 4,
  notRecorded: 1,
};

describe("findShortfalls", () => {
  it("explains an activity short on site and remote", () => {
    const [s] = findShortfalls([base]);
    expect(s).toMatchObject({ missingOnSite: 2, missingRemote: 2 });
    expect(s.explanation).toBe(
      "Il manque 2 personnes sur site et 2 personnes à distance (minimum : 3 sur site et 2 à distance). " +
        "Sur 6 personnes qualifiées, 1 sur site ou d'astreinte et 0 en télétravail équipé ; " +
        "parmi elles, 4 absents, 1 sans statut saisi.",
    );
  });

  it("lets people on site beyond the minimum cover remote work, not the reverse", () => {
    expect(findShortfalls([{ ...base, qualifiedOnSite: 5 }])).toEqual([]);
    expect(findShortfalls([{ ...base, qualifiedOnSite: 4 }])[0]).toMatchObject({
      missingOnSite: 0,
      missingRemote: 1,
    });
    expect(findShortfalls([{ ...base, qualifiedOnSite: 2, qualifiedRemoteEquipped: 9 }])[0]).toMatchObject({
      missingOnSite: 1,
      missingRemote: 0,
    });
  });

  it("says when nobody holds the skills, and sorts by criticality then gap", () => {
    const none = { ...base, id: "b", name: "Paie", criticality: 2, qualifiedTotal: 0, qualifiedOnSite: 0 };
    const small = { ...base, id: "c", name: "Accueil", criticality: 1, minOnSite: 2, minRemote: 0 };
    const result = findShortfalls([none, base, small]);
    expect(result.map((r) => r.id)).toEqual(["a", "c", "b"]);
    expect(result[2].explanation).toBe(
      "Il manque 3 personnes sur site et 2 personnes à distance (minimum : 3 sur site et 2 à distance) : " +
        "aucun agent ne réunit les compétences requises.",
    );
    expect(result[1].explanation).toBe(
      "Il manque 1 personne sur site (minimum : 2 sur site). Sur 6 personnes qualifiées, " +
        "1 sur site ou d'astreinte ; parmi elles, 4 absents, 1 sans statut saisi.",
    );
  });
});

describe("equippedDays", () => {
  const days = dayRange("2026-03-18", 4); // 15, 16, 17, 18 March
  it("needs a laptop and every required kind, held from lent_on until the day of return", () => {
    const map = equippedDays(
      days,
      [
        { agentId: "x", kind: "laptop", lentOn: "2026-03-16", returnedOn: null },
        { agentId: "y", kind: "laptop", lentOn: "2026-03-01", returnedOn: "2026-03-17" },
        { agentId: "z", kind: "laptop", lentOn: "2026-03-01", returnedOn: null },
        { agentId: "z", kind: "vpn", lentOn: "2026-03-18", returnedOn: null },
        { agentId: "w", kind: "phone", lentOn: "2026-03-01", returnedOn: null },
      ],
      new Map([["z", ["vpn"]]]),
    );
    expect(days).toEqual(["2026-03-15", "2026-03-16", "2026-03-17", "2026-03-18"]);
    expect([...(map.get("x") ?? [])]).toEqual([0, 1, 1, 1]);
    expect([...(map.get("y") ?? [])]).toEqual([1, 1, 0, 0]);
    expect([...(map.get("z") ?? [])]).toEqual([0, 0, 0, 1]);
    expect(map.has("w")).toBe(false);
  });
});

describe("teleworkShare", () => {
  it("is telework over on site + telework + on call", () => {
    const c = { ...emptyCounts(), on_site: 2, telework: 6, on_call: 2, sick: 5 };
    expect(teleworkShare(c)).toBe(0.6);
    expect(teleworkShare(emptyCounts())).toBeNull();
  });
});
