import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { makeActivity, makeApplication, makeService, makeSite, makeSkill } from "./factories.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface Item {
  id: string;
  name: string;
  criticality: number;
  maxInterruptionHours: number;
  service: { name: string };
}
const names = (res: { json(): { items: Item[] } }) => res.json().items.map((a) => a.name);

describe("activities", () => {
  it("creates a complete activity and returns names of its service, site, skills and applications", async () => {
    const service = await makeService(t, { name: "Gestion locative" });
    const site = await makeSite(t, { name: "Siège" });
    const skill = await makeSkill(t, "Quittancement");
    const app = await makeApplication(t, "Progiciel locatif");
    const res = await t.admin.post("/api/activities", {
      serviceId: service.id,
      siteId: site.id,
      name: "  Encaissement des loyers  ",
      description: "Suivi des paiements et relances",
      criticality: 1,
      maxInterruptionHours: 48,
      minimumService: "Encaissement et relance des impayés urgents",
      minOnSite: 1,
      minRemote: 2,
      modes: ["mixed", "remote", "mixed"],
      skillIds: [skill.id, skill.id],
      applicationIds: [app.id],
      equipmentKinds: ["laptop", "vpn"],
      hours: "8h30-17h, lundi-vendredi",
    });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      name: "Encaissement des loyers",
      service: { id: service.id, name: "Gestion locative" },
      site: { id: site.id, name: "Siège" },
      criticality: 1,
      maxInterruptionHours: 48,
      minOnSite: 1,
      minRemote: 2,
      modes: ["mixed", "remote"],
      skills: [{ id: skill.id, name: "Quittancement" }],
      applications: [{ id: app.id, name: "Progiciel locatif" }],
      equipmentKinds: ["laptop", "vpn"],
      hours: "8h30-17h, lundi-vendredi",
      archived: false,
    });
    expect((await t.admin.get(`/api/activities/${a.id}`)).json()).toEqual(a);

    const patched = await t.admin.patch(`/api/activities/${a.id}`, {
      siteId: null,
      skillIds: [],
      criticality: 2,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ site: null, siteId: null, skills: [], criticality: 2 });
    const audit = (await t.admin.get("/api/audit?entity=activity&limit=1")).json().items[0];
    expect(audit).toMatchObject({ action: "update", entityId: a.id });
    expect(audit.before.criticality).toBe(1);
    expect(audit.after.criticality).toBe(2);
  });

  it("searches without accents, filters and sorts", async () => {
    const dir = await makeService(t, { name: "Direction technique" });
    const sub = await makeService(t, { name: "Régie", parentId: dir.id });
    const other = await makeService(t, { name: "Accueil du public" });
    const site = await makeSite(t);
    const skill = await makeSkill(t);
    await makeActivity(t, {
      serviceId: dir.id,
      name: "Astreinte technique",
      criticality: 1,
      maxInterruptionHours: 4,
      modes: ["on_site"],
      siteId: site.id,
    });
    await makeActivity(t, {
      serviceId: sub.id,
      name: "Dépannage chauffage",
      description: "Intervention d'urgence sur l'ÉLECTRICITÉ et le chauffage",
      criticality: 2,
      maxInterruptionHours: 24,
      skillIds: [skill.id],
    });
    await makeActivity(t, {
      serviceId: other.id,
      name: "Accueil téléphonique",
      criticality: 3,
      maxInterruptionHours: 72,
      modes: ["remote"],
    });

    expect(names(await t.admin.get("/api/activities?q=depannage"))).toEqual(["Dépannage chauffage"]);
    expect(names(await t.admin.get("/api/activities?q=electricite"))).toEqual(["Dépannage chauffage"]);
    expect(names(await t.admin.get("/api/activities?q=TELEPHONIQUE"))).toEqual(["Accueil téléphonique"]);
    const tree = await t.admin.get(`/api/activities?serviceId=${dir.id}&sort=name`);
    expect(tree.json().total).toBe(2);
    expect(names(tree)).toEqual(["Astreinte technique", "Dépannage chauffage"]);
    expect(names(await t.admin.get(`/api/activities?serviceId=${sub.id}`))).toEqual(["Dépannage chauffage"]);
    expect(names(await t.admin.get(`/api/activities?siteId=${site.id}`))).toEqual(["Astreinte technique"]);
    expect(names(await t.admin.get(`/api/activities?skillId=${skill.id}`))).toEqual(["Dépannage chauffage"]);
    expect(names(await t.admin.get(`/api/activities?serviceId=${dir.id}&mode=remote`))).toEqual([
      "Dépannage chauffage",
    ]);
    const crit = await t.admin.get("/api/activities?criticality=1&criticality=3&q=a&sort=criticality");
    expect(crit.json().items.every((a: Item) => [1, 3].includes(a.criticality))).toBe(true);
    const mine = [dir.id, other.id].map((id) => `serviceId=${id}`);
    const byDmia = await t.admin.get(`/api/activities?${mine[0]}&sort=maxInterruptionHours&order=desc`);
    expect(byDmia.json().items.map((a: Item) => a.maxInterruptionHours)).toEqual([24, 4]);
    const byService = (await t.admin.get("/api/activities?sort=service&limit=500")).json().items as Item[];
    const serviceNames = byService.map((a) => a.service.name.toLowerCase());
    expect(serviceNames).toEqual([...serviceNames].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    const page = await t.admin.get("/api/activities?sort=name&limit=1&offset=1");
    expect(page.json().items).toHaveLength(1);
    expect(page.json().total).toBeGreaterThanOrEqual(4);
  });

  it("archives and restores, never under an archived service", async () => {
    const a = await makeActivity(t, { name: "Nettoyage des parties communes" });
    expect((await t.admin.post(`/api/activities/${a.id}/archive`)).json().archived).toBe(true);
    expect(names(await t.admin.get("/api/activities?q=nettoyage"))).toEqual([]);
    expect(names(await t.admin.get("/api/activities?q=nettoyage&archived=true"))).toEqual([
      "Nettoyage des parties communes",
    ]);
    expect((await t.admin.post(`/api/activities/${a.id}/restore`)).json().archived).toBe(false);
    const audit = (await t.admin.get("/api/audit?entity=activity&limit=2")).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(["restore", "archive"]);

    const service = await makeService(t);
    const b = await makeActivity(t, { serviceId: service.id });
    await t.admin.post(`/api/activities/${b.id}/archive`);
    await t.admin.post(`/api/services/${service.id}/archive`);
    const orphan = await t.admin.post(`/api/activities/${b.id}/restore`);
    expect(orphan.statusCode).toBe(409);
    expect(orphan.json().error.message).toMatch(/est archivé/);
  });

  it("explains bad input in French, naming the field", async () => {
    const service = await makeService(t);
    const valid = {
      serviceId: service.id,
      name: "X",
      criticality: 2,
      maxInterruptionHours: 8,
      modes: ["remote"],
    };
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ criticality: 5 }, "criticality", /inférieur ou égal à 4/],
      [{ maxInterruptionHours: -1 }, "maxInterruptionHours", /supérieur ou égal à 0/],
      [{ modes: [] }, "modes", /au moins 1/],
      [{ modes: ["teleportation"] }, "modes.0", /on_site, remote, mixed, suspended/],
      [{ equipmentKinds: ["fax"] }, "equipmentKinds.0", /laptop/],
      [{ couleur: "bleu" }, "couleur", /champ inconnu/],
      [{ serviceId: "pas-un-id" }, "serviceId", /identifiant/],
      [{ serviceId: "00000000-0000-4000-8000-000000000000" }, "serviceId", /service inconnu/],
      [{ siteId: "00000000-0000-4000-8000-000000000000" }, "siteId", /site inconnu/],
      [{ skillIds: ["00000000-0000-4000-8000-000000000001"] }, "skillIds", /inconnue/],
      [{ applicationIds: ["00000000-0000-4000-8000-000000000002"] }, "applicationIds", /inconnue/],
      [{ name: "   " }, "name", /obligatoire/],
      [{ minOnSite: 3 }, "minOnSite", /sur site.*mixte/],
      [{ modes: ["on_site"], minRemote: 2 }, "minRemote", /à distance.*mixte/],
    ];
    for (const [patch, field, message] of cases) {
      const res = await t.admin.post("/api/activities", { ...valid, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      const error = res.json().error;
      expect(error.details[0].field, JSON.stringify(patch)).toBe(field);
      expect(`${error.message} ${error.details[0].message}`, JSON.stringify(patch)).toMatch(message);
    }
    const missing = await t.admin.post("/api/activities", { name: "X" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/obligatoire/);

    const onSite = await makeActivity(t, { serviceId: service.id, modes: ["mixed"], minOnSite: 2 });
    const incoherent = await t.admin.patch(`/api/activities/${onSite.id}`, { modes: ["remote"] });
    expect(incoherent.statusCode).toBe(400);
    expect(incoherent.json().error.details[0].field).toBe("minOnSite");
    expect(incoherent.json().error.message).toMatch(/Effectif et modes incohérents/);
  });

  it("keeps a link to a skill archived since, when the form is sent back unchanged", async () => {
    const skill = await makeSkill(t);
    const a = await makeActivity(t, { skillIds: [skill.id] });
    await t.admin.post(`/api/skills/${skill.id}/archive`);
    const again = await t.admin.patch(`/api/activities/${a.id}`, { skillIds: [skill.id], criticality: 3 });
    expect(again.statusCode).toBe(200);
    expect(again.json().skills).toEqual([{ id: skill.id, name: skill.name }]);
    const fresh = await t.admin.post("/api/activities", {
      serviceId: a.serviceId,
      name: "Nouvelle",
      criticality: 1,
      maxInterruptionHours: 1,
      modes: ["remote"],
      skillIds: [skill.id],
    });
    expect(fresh.statusCode).toBe(400);
    expect(fresh.json().error.details[0].field).toBe("skillIds");
  });

  it("refuses references of another organisation and hides its activities (404)", async () => {
    const otherOrg = await t.newOrg("Autre organisation activités");
    const outsider = await t.signIn("admin", { orgId: otherOrg });
    const theirService = (await outsider.post("/api/services", { name: "Service ailleurs" })).json();
    const theirSkill = (await outsider.post("/api/skills", { name: "Compétence ailleurs" })).json();
    const mine = await makeActivity(t);
    const service = await makeService(t);

    const foreignService = await t.admin.post("/api/activities", {
      serviceId: theirService.id,
      name: "X",
      criticality: 1,
      maxInterruptionHours: 1,
      modes: ["remote"],
    });
    expect(foreignService.statusCode).toBe(400);
    expect(foreignService.json().error.details[0].field).toBe("serviceId");
    const foreignSkill = await t.admin.patch(`/api/activities/${mine.id}`, { skillIds: [theirSkill.id] });
    expect(foreignSkill.statusCode).toBe(400);
    expect(foreignSkill.json().error.details[0]).toMatchObject({ field: "skillIds" });
    expect(foreignSkill.json().error.details[0].message).toContain(theirSkill.id);

    expect((await outsider.get("/api/activities")).json().total).toBe(0);
    expect((await outsider.get(`/api/activities/${mine.id}`)).statusCode).toBe(404);
    expect((await outsider.patch(`/api/activities/${mine.id}`, { criticality: 4 })).statusCode).toBe(404);
    expect((await outsider.post(`/api/activities/${mine.id}/archive`)).statusCode).toBe(404);
    expect((await t.admin.get(`/api/activities/${mine.id}`)).json().archived).toBe(false);
    const moved = await outsider.post("/api/activities", {
      serviceId: service.id,
      name: "Intrusion",
      criticality: 1,
      maxInterruptionHours: 1,
      modes: ["remote"],
    });
    expect(moved.statusCode).toBe(400);
  });
});
