import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIn } from "../../src/server/dashboard/service.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { buildFixtureOrg, type Fixture } from "./factories.js";

let t: TestApp;
let f: Fixture;
const D = "2026-03-20";
const zero = {
  on_site: 0,
  telework: 0,
  on_call: 0,
  sick: 0,
  isolated: 0,
  childcare: 0,
  special_leave: 0,
  off: 0,
};

beforeAll(async () => {
  t = await createTestApp();
  f = await buildFixtureOrg(t.testDb.database.db, t.orgId, D);
});
afterAll(async () => {
  await t?.close();
});

describe("GET /api/dashboard", () => {
  it("gives the hand-computed figures of the fixture", async () => {
    const res = await t.admin.get(`/api/dashboard?day=${D}&days=5`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ day: D, days: 5, scope: "org", agents: 11, available: 7, equippedToday: 3 });
    expect(body.today).toEqual({
      byStatus: { ...zero, on_site: 3, telework: 3, on_call: 1, sick: 1, childcare: 1, off: 1 },
      notRecorded: 1,
    });
    expect(body.teleworkShare).toBeCloseTo(3 / 7, 10);
    expect(body.history.map((h: { day: string }) => h.day)).toEqual([
      "2026-03-16",
      "2026-03-17",
      "2026-03-18",
      "2026-03-19",
      "2026-03-20",
    ]);
    expect(body.history[0]).toEqual({ day: "2026-03-16", byStatus: zero, notRecorded: 11 });
    expect(body.history[3]).toEqual({ day: "2026-03-19", byStatus: { ...zero, on_site: 2 }, notRecorded: 9 });
    expect(body.equipped.map((e: { count: number }) => e.count)).toEqual([1, 1, 2, 3, 3]);
    expect(body.shortfalls).toEqual([
      {
        activity: {
          id: f.activities["Nettoyage des parties communes"],
          name: "Nettoyage des parties communes",
          criticality: 1,
          serviceId: f.services.proximite,
          serviceName: "Proximité",
          siteId: f.sites.blagnac,
          siteName: "Agence Nord - Blagnac",
        },
        minOnSite: 3,
        minRemote: 0,
        qualifiedTotal: 3,
        qualifiedOnSite: 2,
        qualifiedRemoteEquipped: 0,
        teleworkNotEquipped: 0,
        absent: 1,
        notRecorded: 0,
        missingOnSite: 1,
        missingRemote: 0,
        explanation:
          "Il manque 1 personne sur site (minimum : 3 sur site). Sur 3 personnes qualifiées, " +
          "2 sur site ou d'astreinte ; parmi elles, 1 absent.",
      },
      expect.objectContaining({
        activity: expect.objectContaining({ name: "Paie", siteId: null, siteName: null }),
        minOnSite: 0,
        minRemote: 2,
        qualifiedTotal: 3,
        qualifiedOnSite: 0,
        qualifiedRemoteEquipped: 1,
        teleworkNotEquipped: 1,
        absent: 1,
        notRecorded: 0,
        missingOnSite: 0,
        missingRemote: 1,
        explanation:
          "Il manque 1 personne à distance (minimum : 2 à distance). Sur 3 personnes qualifiées, " +
          "0 sur site ou d'astreinte et 1 en télétravail équipé ; parmi elles, 1 absent, " +
          "1 en télétravail sans l'équipement nécessaire.",
      }),
      expect.objectContaining({
        activity: expect.objectContaining({ name: "Urgences techniques", siteName: "Siège - Toulouse" }),
        minOnSite: 3,
        minRemote: 1,
        qualifiedTotal: 5,
        qualifiedOnSite: 2,
        qualifiedRemoteEquipped: 1,
        teleworkNotEquipped: 0,
        absent: 1,
        notRecorded: 1,
        missingOnSite: 1,
        missingRemote: 0,
        explanation:
          "Il manque 1 personne sur site (minimum : 3 sur site et 1 à distance). Sur 5 personnes qualifiées, " +
          "2 sur site ou d'astreinte et 1 en télétravail équipé ; parmi elles, 1 absent, 1 sans statut saisi.",
      }),
    ]);
  });

  it("follows status changes (counts kept in the same transaction)", async () => {
    const db = t.testDb.database.db;
    await db
      .insertInto("daily_statuses")
      .values({ org_id: t.orgId, agent_id: f.agents.a4, day: D, status: "on_site", site_id: f.sites.siege })
      .execute();
    let body = (await t.admin.get(`/api/dashboard?day=${D}&days=5`)).json();
    expect(body.today.notRecorded).toBe(0);
    expect(body.today.byStatus.on_site).toBe(4);
    expect(body.shortfalls.map((s: { activity: { name: string } }) => s.activity.name)).toEqual([
      "Nettoyage des parties communes",
      "Paie",
    ]);
    await db
      .updateTable("daily_statuses")
      .set({ status: "sick", site_id: null })
      .where("agent_id", "=", f.agents.a4)
      .where("day", "=", D)
      .execute();
    body = (await t.admin.get(`/api/dashboard?day=${D}&days=5`)).json();
    expect(body.today.byStatus).toMatchObject({ on_site: 3, sick: 2 });
    expect(body.shortfalls).toHaveLength(3);
    await db.deleteFrom("daily_statuses").where("agent_id", "=", f.agents.a4).where("day", "=", D).execute();
    body = (await t.admin.get(`/api/dashboard?day=${D}&days=5`)).json();
    expect(body.today).toMatchObject({ notRecorded: 1, byStatus: { sick: 1 } });
    // Archiving an agent removes them from the counts; restoring puts them back.
    await db.updateTable("agents").set({ archived_at: new Date() }).where("id", "=", f.agents.c4).execute();
    body = (await t.admin.get(`/api/dashboard?day=${D}&days=5`)).json();
    expect(body).toMatchObject({ agents: 10, today: { byStatus: { on_site: 2 } } });
    await db.updateTable("agents").set({ archived_at: null }).where("id", "=", f.agents.c4).execute();
    body = (await t.admin.get(`/api/dashboard?day=${D}&days=5`)).json();
    expect(body).toMatchObject({ agents: 11, today: { byStatus: { on_site: 3 } } });
    // The counts equal a rebuild from daily_statuses.
    const before = await sql`SELECT day, service_id, status, n FROM status_counts
      WHERE org_id = ${t.orgId} AND n <> 0 ORDER BY 1, 2, 3`.execute(db);
    await sql`SELECT rebuild_status_counts(${t.orgId})`.execute(db);
    const after = await sql`SELECT day, service_id, status, n FROM status_counts
      WHERE org_id = ${t.orgId} AND n <> 0 ORDER BY 1, 2, 3`.execute(db);
    expect(after.rows).toEqual(before.rows);
  });

  it("limits a service manager to their services and sub-services", async () => {
    const manager = await t.signIn("service_manager", { serviceId: f.services.habitat });
    const body = (await manager.get(`/api/dashboard?day=${D}&days=5`)).json();
    expect(body).toMatchObject({ scope: "services", agents: 7, available: 4 });
    expect(body.today).toEqual({
      byStatus: { ...zero, on_site: 2, telework: 1, on_call: 1, sick: 1, childcare: 1 },
      notRecorded: 1,
    });
    expect(body.equipped.map((e: { count: number }) => e.count)).toEqual([1, 1, 2, 2, 2]);
    expect(body.shortfalls.map((s: { activity: { name: string } }) => s.activity.name)).toEqual([
      "Nettoyage des parties communes",
      "Urgences techniques",
    ]);
    const compta = await t.signIn("service_manager", { serviceId: f.services.compta });
    const c = (await compta.get(`/api/dashboard?day=${D}&days=5`)).json();
    expect(c).toMatchObject({ agents: 4, today: { byStatus: { on_site: 1, telework: 2, off: 1 } } });
    expect(c.shortfalls.map((s: { activity: { name: string } }) => s.activity.name)).toEqual(["Paie"]);
  });

  it.each([
    ["pca_manager", 200],
    ["crisis_cell", 200],
  ] as const)("lets %s see the whole organisation", async (role, status) => {
    const client = await t.signIn(role);
    const res = await client.get(`/api/dashboard?day=${D}`);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ scope: "org", agents: 11, days: 30 });
  });

  it("refuses agents (403, traced) and anonymous callers (401)", async () => {
    const agent = await t.signIn("agent", { agentId: f.agents.a1 });
    const res = await agent.get("/api/dashboard");
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("forbidden");
    const audit = (await t.admin.get("/api/audit?action=access_denied")).json();
    expect(audit.items[0]).toMatchObject({ entityId: "GET /api/dashboard" });
    expect((await t.app.inject({ method: "GET", url: "/api/dashboard" })).statusCode).toBe(401);
  });

  it("defaults to today in the organisation's time zone and checks its parameters", async () => {
    const body = (await t.admin.get("/api/dashboard")).json();
    expect(body.day).toBe(todayIn("Europe/Paris"));
    expect(body.history).toHaveLength(30);
    expect((await t.admin.get("/api/dashboard?day=2026-02-31")).statusCode).toBe(400);
    expect((await t.admin.get("/api/dashboard?days=0")).statusCode).toBe(400);
    expect((await t.admin.get("/api/dashboard?days=1000")).statusCode).toBe(400);
    expect((await t.admin.get("/api/dashboard?foo=1")).statusCode).toBe(400);
  });

  it("recomputes equipped figures as soon as loans, equipment, skills, activities or agents change", async () => {
    // Its own organisation: this test changes the fixture.
    const db = t.testDb.database.db;
    const orgId = await t.newOrg("Organisation équipements");
    const g = await buildFixtureOrg(db, orgId, D);
    const admin = await t.signIn("admin", { orgId });
    const equipped = async () =>
      ((await admin.get(`/api/dashboard?day=${D}&days=5`)).json() as { equippedToday: number }).equippedToday;
    expect(await equipped()).toBe(3); // a2, c1, b1
    expect(await equipped()).toBe(3); // the same epoch: figures reused
    const paie = (
      await db
        .selectFrom("skills")
        .select("id")
        .where("org_id", "=", orgId)
        .where("name", "=", "paie")
        .executeTakeFirstOrThrow()
    ).id;
    // c2 loses the pay skill: no longer needs a VPN, a laptop is enough.
    await db.deleteFrom("agent_skills").where("agent_id", "=", g.agents.c2).execute();
    expect(await equipped()).toBe(4);
    await db.insertInto("agent_skills").values({ agent_id: g.agents.c2, skill_id: paie }).execute();
    expect(await equipped()).toBe(3);
    // c2 is lent a VPN.
    const vpn = crypto.randomUUID();
    await db
      .insertInto("equipment")
      .values({ id: vpn, org_id: orgId, kind: "vpn", label: "vpn c2" })
      .execute();
    await db
      .insertInto("equipment_loans")
      .values({
        id: crypto.randomUUID(),
        org_id: orgId,
        equipment_id: vpn,
        agent_id: g.agents.c2,
        lent_on: "2026-03-19",
      })
      .execute();
    expect(await equipped()).toBe(4);
    // Pay now also needs a video licence: c1 and c2 fall short.
    await db
      .updateTable("activities")
      .set({ equipment_kinds: ["vpn", "visio_licence"] })
      .where("id", "=", g.activities.Paie)
      .execute();
    expect(await equipped()).toBe(2);
    await db
      .updateTable("activities")
      .set({ equipment_kinds: ["vpn"] })
      .where("id", "=", g.activities.Paie)
      .execute();
    expect(await equipped()).toBe(4);
    // c2's VPN is recorded as another kind of equipment.
    await db.updateTable("equipment").set({ kind: "other" }).where("id", "=", vpn).execute();
    expect(await equipped()).toBe(3);
    // b1 is archived, then restored.
    await db.updateTable("agents").set({ archived_at: new Date() }).where("id", "=", g.agents.b1).execute();
    expect(await equipped()).toBe(2);
    await db.updateTable("agents").set({ archived_at: null }).where("id", "=", g.agents.b1).execute();
    expect(await equipped()).toBe(3);
  });

  it("shows nothing of another organisation", async () => {
    const other = await t.newOrg("Autre organisation");
    const outsider = await t.signIn("admin", { orgId: other });
    const body = (await outsider.get(`/api/dashboard?day=${D}&days=5`)).json();
    expect(body).toMatchObject({ agents: 0, equippedToday: 0, shortfalls: [] });
    expect(body.today.byStatus).toEqual(zero);
  });
});
