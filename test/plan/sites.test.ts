import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("sites", () => {
  it("creates, lists with search and sort, edits and archives", async () => {
    const a = await t.admin.post("/api/sites", {
      name: "Siège - Toulouse",
      address: "2 rue du Pont",
      capacity: 120,
    });
    expect(a.statusCode).toBe(201);
    await t.admin.post("/api/sites", { name: "Agence Nord - Blagnac", capacity: 30 });
    const list = await t.admin.get("/api/sites?q=toul");
    expect(list.json()).toMatchObject({ total: 1, items: [{ name: "Siège - Toulouse", capacity: 120 }] });
    const byCap = await t.admin.get("/api/sites?sort=capacity&order=desc");
    expect(byCap.json().items.map((s: { capacity: number }) => s.capacity)).toEqual([120, 30]);
    const id = a.json().id;
    expect((await t.admin.patch(`/api/sites/${id}`, { capacity: 80 })).json().capacity).toBe(80);
    expect((await t.admin.post(`/api/sites/${id}/archive`)).json().archived).toBe(true);
    expect((await t.admin.get("/api/sites")).json().total).toBe(1);
    expect((await t.admin.get("/api/sites?archived=true")).json().total).toBe(1);
    const audit = await t.admin.get("/api/audit?entity=site");
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual([
      "archive",
      "update",
      "create",
      "create",
    ]);
  });

  it("explains bad input", async () => {
    const neg = await t.admin.post("/api/sites", { name: "X", capacity: -1 });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error.details[0]).toMatchObject({ field: "capacity" });
    const wrongType = await t.admin.post("/api/sites", { name: "X", capacity: "beaucoup" });
    expect(wrongType.statusCode).toBe(400);
    await t.admin.post("/api/sites", { name: "Doublon", capacity: 1 });
    const dup = await t.admin.post("/api/sites", { name: "doublon", capacity: 1 });
    expect(dup.statusCode).toBe(409);
    expect((await t.admin.get("/api/sites/00000000-0000-0000-0000-000000000000")).statusCode).toBe(404);
  });

  it("keeps organisations apart", async () => {
    const other = await t.newOrg("Autre organisation");
    const outsider = await t.signIn("admin", { orgId: other });
    expect((await outsider.get("/api/sites")).json().total).toBe(0);
    const mine = (await t.admin.get("/api/sites")).json().items[0].id;
    expect((await outsider.get(`/api/sites/${mine}`)).statusCode).toBe(404);
    expect((await outsider.patch(`/api/sites/${mine}`, { capacity: 1 })).statusCode).toBe(404);
  });

  it.each([
    ["admin", 201],
    ["pca_manager", 201],
    ["crisis_cell", 403],
  ] as const)("lets %s create a site: %i", async (role, status) => {
    const c = await t.signIn(role);
    expect((await c.post("/api/sites", { name: `Site ${role}`, capacity: 5 })).statusCode).toBe(status);
    expect((await c.get("/api/sites")).statusCode).toBe(200);
  });
});
