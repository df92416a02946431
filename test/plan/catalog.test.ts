import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe.each([
  ["skills", "skill", { name: "Comptabilité publique" }, { name: "Accueil téléphonique" }],
  [
    "applications",
    "application",
    { name: "Progiciel locatif", description: "Gestion des loyers" },
    { name: "Messagerie" },
  ],
] as const)("%s", (kind, entity, first, second) => {
  it("creates, searches, sorts, renames, archives and restores", async () => {
    const a = await t.admin.post(`/api/${kind}`, first);
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ ...first, archived: false });
    await t.admin.post(`/api/${kind}`, second);
    const list = (await t.admin.get(`/api/${kind}?sort=name&order=desc`)).json();
    expect(list.total).toBe(2);
    expect(list.items.map((x: { name: string }) => x.name)).toEqual(
      [first.name, second.name].sort().reverse(),
    );
    const search = (
      await t.admin.get(`/api/${kind}?q=${encodeURIComponent(first.name.slice(0, 5).toUpperCase())}`)
    ).json();
    expect(search.items.map((x: { name: string }) => x.name)).toEqual([first.name]);
    const id = a.json().id;
    expect((await t.admin.patch(`/api/${kind}/${id}`, { name: `${first.name} 2` })).json().name).toBe(
      `${first.name} 2`,
    );
    expect((await t.admin.post(`/api/${kind}/${id}/archive`)).json().archived).toBe(true);
    expect((await t.admin.get(`/api/${kind}`)).json().total).toBe(1);
    expect((await t.admin.get(`/api/${kind}?archived=true`)).json().total).toBe(1);
    expect((await t.admin.post(`/api/${kind}/${id}/restore`)).json().archived).toBe(false);
    expect((await t.admin.get(`/api/${kind}/${id}`)).json().name).toBe(`${first.name} 2`);
    const audit = (await t.admin.get(`/api/audit?entity=${entity}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
      "restore",
      "archive",
      "update",
      "create",
      "create",
    ]);
  });

  it("refuses a duplicate name whatever the case, and empty names", async () => {
    const dup = await t.admin.post(`/api/${kind}`, { name: second.name.toUpperCase() });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details[0]).toMatchObject({ field: "name" });
    expect(dup.json().error.message).toMatch(/existe déjà/);
    const blank = await t.admin.post(`/api/${kind}`, { name: "   " });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details[0]).toMatchObject({ field: "name" });
  });

  it("keeps organisations apart and lets only plan editors write", async () => {
    const other = await t.newOrg(`Autre ${kind}`);
    const outsider = await t.signIn("admin", { orgId: other });
    expect((await outsider.get(`/api/${kind}`)).json().total).toBe(0);
    const mine = (await t.admin.get(`/api/${kind}`)).json().items[0].id;
    expect((await outsider.get(`/api/${kind}/${mine}`)).statusCode).toBe(404);
    expect((await outsider.patch(`/api/${kind}/${mine}`, { name: "Volé" })).statusCode).toBe(404);
    // Names are unique per organisation, not across organisations.
    expect((await outsider.post(`/api/${kind}`, { name: second.name })).statusCode).toBe(201);
    const cell = await t.signIn("crisis_cell");
    expect((await cell.get(`/api/${kind}`)).statusCode).toBe(200);
    expect((await cell.post(`/api/${kind}`, { name: "Interdit" })).statusCode).toBe(403);
  });
});
