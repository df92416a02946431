import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("organisation", () => {
  it("is readable by every signed-in user and only their own", async () => {
    const cell = await t.signIn("crisis_cell");
    const org = (await cell.get("/api/org")).json();
    expect(org).toMatchObject({ id: t.orgId, timezone: "Europe/Paris", type: "housing_office" });
    expect(org.slug).toBeTruthy();
    const other = await t.newOrg("Province Sud");
    const outsider = await t.signIn("admin", { orgId: other });
    expect((await outsider.get("/api/org")).json()).toMatchObject({ id: other, name: "Province Sud" });
  });

  it("lets an admin change name, type and time zone (IANA), audited", async () => {
    const res = await t.admin.patch("/api/org", {
      name: "Direction de l'habitat",
      type: "region",
      timezone: "Pacific/Noumea",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: "Direction de l'habitat",
      type: "region",
      timezone: "Pacific/Noumea",
    });
    const audit = (await t.admin.get("/api/audit?entity=org")).json().items[0];
    expect(audit).toMatchObject({ action: "update", entityId: t.orgId });
    expect(audit.before.timezone).toBe("Europe/Paris");
    expect(audit.after.timezone).toBe("Pacific/Noumea");
  });

  it.each(["Mars/Olympus", "UTC+11", "+11:00", "Noumea", ""])("refuses the time zone %j", async (tz) => {
    const res = await t.admin.patch("/api/org", { timezone: tz });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe("timezone");
  });

  it("refuses unknown types and fields, and non-admins", async () => {
    const badType = await t.admin.patch("/api/org", { type: "empire" });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.details[0]).toMatchObject({ field: "type" });
    expect((await t.admin.patch("/api/org", { slug: "x" })).statusCode).toBe(400);
    const manager = await t.signIn("pca_manager");
    expect((await manager.patch("/api/org", { name: "Coup d'État" })).statusCode).toBe(403);
  });
});
