import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface ServiceItem {
  id: string;
  name: string;
  depth: number;
  path: string[];
  parentId: string | null;
}

describe("services", () => {
  it("builds a tree, searches without accents, sorts and edits", async () => {
    const dg = await t.admin.post("/api/services", {
      name: "Direction de la clientèle",
      mailbox: "Clientele@OPH.test",
      phone: "05 61 00 00 00",
    });
    expect(dg.statusCode).toBe(201);
    expect(dg.json()).toMatchObject({ depth: 0, parentId: null, mailbox: "clientele@oph.test" });
    const dgId = dg.json().id;
    const gl = await t.admin.post("/api/services", {
      name: "Gestion locative",
      parentId: dgId,
      phone: "+687 27 50 50",
    });
    expect(gl.statusCode).toBe(201);
    expect(gl.json()).toMatchObject({
      depth: 1,
      parentName: "Direction de la clientèle",
      path: ["Direction de la clientèle", "Gestion locative"],
    });
    await t.admin.post("/api/services", { name: "Accueil", parentId: gl.json().id });
    await t.admin.post("/api/services", { name: "Comptabilité" });

    const tree = (await t.admin.get("/api/services?tree=true")).json();
    expect(tree.total).toBe(4);
    expect(tree.items.map((s: ServiceItem) => `${s.depth}:${s.name}`)).toEqual([
      "0:Comptabilité",
      "0:Direction de la clientèle",
      "1:Gestion locative",
      "2:Accueil",
    ]);
    const byName = (await t.admin.get("/api/services?sort=name&order=desc")).json();
    expect(byName.items.map((s: ServiceItem) => s.name)).toEqual([
      "Gestion locative",
      "Direction de la clientèle",
      "Comptabilité",
      "Accueil",
    ]);
    const search = (await t.admin.get("/api/services?q=CLIENTELE")).json();
    expect(search.items.map((s: ServiceItem) => s.name)).toEqual(["Direction de la clientèle"]);
    const page = (await t.admin.get("/api/services?limit=2&offset=1")).json();
    expect(page).toMatchObject({
      total: 4,
      items: [{ name: "Direction de la clientèle" }, { name: "Gestion locative" }],
    });
    const children = (await t.admin.get(`/api/services?parentId=${dgId}`)).json();
    expect(children.items.map((s: ServiceItem) => s.name)).toEqual(["Gestion locative"]);

    const patched = await t.admin.patch(`/api/services/${gl.json().id}`, {
      phone: null,
      mailbox: "gl@oph.test",
    });
    expect(patched.json()).toMatchObject({ phone: null, mailbox: "gl@oph.test" });
    expect((await t.admin.get(`/api/services/${gl.json().id}`)).json().name).toBe("Gestion locative");
  });

  it("refuses cycles, unknown parents and bad contacts with French messages", async () => {
    const a = (await t.admin.post("/api/services", { name: "Cycle A" })).json();
    const b = (await t.admin.post("/api/services", { name: "Cycle B", parentId: a.id })).json();
    const c = (await t.admin.post("/api/services", { name: "Cycle C", parentId: b.id })).json();
    const loop = await t.admin.patch(`/api/services/${a.id}`, { parentId: c.id });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.details[0]).toMatchObject({ field: "parentId" });
    expect(loop.json().error.message).toMatch(/sous-services/);
    const self = await t.admin.patch(`/api/services/${a.id}`, { parentId: a.id });
    expect(self.statusCode).toBe(400);
    const moved = await t.admin.patch(`/api/services/${c.id}`, { parentId: null });
    expect(moved.json()).toMatchObject({ depth: 0, parentId: null });

    const unknownParent = await t.admin.post("/api/services", {
      name: "Orphelin",
      parentId: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknownParent.statusCode).toBe(400);
    expect(unknownParent.json().error.details[0]).toMatchObject({ field: "parentId" });
    const badPhone = await t.admin.post("/api/services", { name: "Tel", phone: "+44 20 7946 0958" });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().error).toMatchObject({ details: [{ field: "phone" }] });
    expect(badPhone.json().error.message).toMatch(/téléphone/);
    const badMail = await t.admin.post("/api/services", { name: "Mail", mailbox: "pas-une-adresse" });
    expect(badMail.statusCode).toBe(400);
    expect(badMail.json().error.details[0]).toMatchObject({ field: "mailbox" });
    const dup = await t.admin.post("/api/services", { name: "cycle a" });
    expect(dup.statusCode).toBe(409);
    const unknownField = await t.admin.post("/api/services", { name: "X", couleur: "bleu" });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.details[0]).toMatchObject({
      field: "couleur",
      message: "champ inconnu",
    });
  });

  it("archives only a service without active sub-services, and restores it", async () => {
    const parent = (await t.admin.post("/api/services", { name: "Archivable" })).json();
    const child = (
      await t.admin.post("/api/services", { name: "Archivable enfant", parentId: parent.id })
    ).json();
    const refused = await t.admin.post(`/api/services/${parent.id}/archive`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/1 sous-service/);
    expect((await t.admin.post(`/api/services/${child.id}/archive`)).json().archived).toBe(true);
    expect((await t.admin.post(`/api/services/${parent.id}/archive`)).json().archived).toBe(true);
    const archived = (await t.admin.get("/api/services?archived=true")).json();
    expect(archived.items.map((s: ServiceItem) => s.name).sort()).toEqual([
      "Archivable",
      "Archivable enfant",
    ]);
    const early = await t.admin.post(`/api/services/${child.id}/restore`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/restaurez-le d'abord/);
    expect((await t.admin.post(`/api/services/${parent.id}/restore`)).json().archived).toBe(false);
    const audit = (await t.admin.get("/api/audit?entity=service&limit=3")).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(["restore", "archive", "archive"]);
  });

  it("keeps organisations apart", async () => {
    const other = await t.newOrg("Autre organisation services");
    const outsider = await t.signIn("admin", { orgId: other });
    expect((await outsider.get("/api/services")).json().total).toBe(0);
    const mine = (await t.admin.get("/api/services")).json().items[0].id;
    expect((await outsider.get(`/api/services/${mine}`)).statusCode).toBe(404);
    expect((await outsider.patch(`/api/services/${mine}`, { name: "Volé" })).statusCode).toBe(404);
    const child = await outsider.post("/api/services", { name: "Intrus", parentId: mine });
    expect(child.statusCode).toBe(400);
  });
});
