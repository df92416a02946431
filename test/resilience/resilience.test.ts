import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/server/shared/ids.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
const ids = {
  service: newId(),
  site: newId(),
  skill: newId(),
  accueil: newId(),
  paie: newId(),
  alice: newId(),
  bruno: newId(),
  chloe: newId(),
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.database.db;
  const org = t.orgId;
  await db
    .insertInto("services")
    .values({ id: ids.service, org_id: org, name: "Accueil", parent_id: null, mailbox: null, phone: null })
    .execute();
  await db.insertInto("sites").values({ id: ids.site, org_id: org, name: "Siège", capacity: 50 }).execute();
  await db.insertInto("skills").values({ id: ids.skill, org_id: org, name: "accueil du public" }).execute();
  await db
    .insertInto("activities")
    .values([
      {
        id: ids.accueil,
        org_id: org,
        service_id: ids.service,
        site_id: ids.site,
        name: "=Accueil physique",
        criticality: 1,
        max_interruption_hours: 24,
        min_on_site: 1,
        min_remote: 0,
        modes: ["on_site"],
      },
      {
        id: ids.paie,
        org_id: org,
        service_id: ids.service,
        site_id: ids.site,
        name: "Paie",
        criticality: 2,
        max_interruption_hours: 72,
        min_on_site: 0,
        min_remote: 1,
        modes: ["remote", "on_site"],
      },
    ])
    .execute();
  await db.insertInto("activity_skills").values({ activity_id: ids.accueil, skill_id: ids.skill }).execute();
  const agent = (id: string, n: string) => ({
    id,
    org_id: org,
    staff_number: n,
    last_name: n.toUpperCase(),
    first_name: n,
    service_id: ids.service,
    site_id: ids.site,
    team: null,
    phone: null,
    email: null,
    hired_on: null,
  });
  await db
    .insertInto("agents")
    .values([agent(ids.alice, "Alice"), agent(ids.bruno, "Bruno"), agent(ids.chloe, "Chloe")])
    .execute();
  await db.insertInto("agent_skills").values({ agent_id: ids.alice, skill_id: ids.skill }).execute();
});
afterAll(async () => {
  await t?.close();
});

describe("resilience analysis", () => {
  it("finds the known probability for an activity only one agent can do, and names the single point of failure", async () => {
    const res = await t.admin.post("/api/resilience/analyses", {
      name: "Absentéisme 30 %",
      mode: "days",
      iterations: 20_000,
      seed: 7,
      meanRate: 0.3,
      rankActions: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    const accueil = a.activities.find((x: { id: string }) => x.id === ids.accueil);
    // Only Alice can do it: uncovered exactly when she is absent (30 %).
    expect(accueil.probabilityUncovered).toBeGreaterThan(0.28);
    expect(accueil.probabilityUncovered).toBeLessThan(0.32);
    const paie = a.activities.find((x: { id: string }) => x.id === ids.paie);
    expect(paie.probabilityUncovered).toBeLessThan(accueil.probabilityUncovered);
    expect(a.singlePointsOfFailure.skillsHeldByOne).toContainEqual(
      expect.objectContaining({ skill: "accueil du public", agent: { id: ids.alice, name: "Alice ALICE" } }),
    );
    // The best action trains someone else for the reception.
    expect(a.actions.items[0].reduction).toBeGreaterThan(0);
    expect(a.actions.items[0].label).toMatch(/Former (Bruno|Chloe)/);
    // Reproducible with the seed.
    const again = (
      await t.admin.post("/api/resilience/analyses", {
        name: "bis",
        mode: "days",
        iterations: 20_000,
        seed: 7,
        meanRate: 0.3,
      })
    ).json();
    expect(again.activities.find((x: { id: string }) => x.id === ids.accueil).probabilityUncovered).toBe(
      accueil.probabilityUncovered,
    );
    // Stored and exported with formulas neutralised.
    expect((await t.admin.get(`/api/resilience/analyses/${a.id}`)).json().id).toBe(a.id);
    const csv = await t.admin.get(`/api/resilience/analyses/${a.id}/export.csv`);
    expect(csv.body).toContain("'=Accueil physique");
  });

  it("closing the only site stops on-site activities", async () => {
    const a = (
      await t.admin.post("/api/resilience/analyses", {
        name: "Site fermé",
        mode: "days",
        iterations: 1000,
        seed: 1,
        meanRate: 0,
        closedSiteIds: [ids.site],
      })
    ).json();
    expect(a.activities.find((x: { id: string }) => x.id === ids.accueil).probabilityUncovered).toBe(1);
  });

  it("refuses bad scenarios and keeps the data to the crisis cell and planners", async () => {
    expect(
      (
        await t.admin.post("/api/resilience/analyses", {
          name: "x",
          mode: "days",
          iterations: 10,
          meanRate: 1.5,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.admin.post("/api/resilience/analyses", {
          name: "x",
          mode: "days",
          iterations: 10,
          meanRate: 0.5,
          peakRate: 0.2,
        })
      ).statusCode,
    ).toBe(400);
    const sm = await t.signIn("service_manager", { serviceId: ids.service });
    expect((await sm.get("/api/resilience/analyses")).statusCode).toBe(403);
    const cell = await t.signIn("crisis_cell");
    expect((await cell.get("/api/resilience/analyses")).json().total).toBeGreaterThan(0);
  });
});
