import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, toLocal } from "../../src/engines/calendar/zoned.js";
import { type Client, createTestApp, type TestApp } from "../helpers/app.js";
import { buildFixture, type Fixture, setStatus } from "./fixture.js";

let t: TestApp;
let fx: Fixture;
let cell: Client;
let manager: Client;
const today = toLocal(new Date(), "Europe/Paris").date;
const yesterday = addDays(today, -1);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.database.db;
  fx = await buildFixture(db, t.orgId);
  const at = new Date(Date.now() - 60_000);
  const a = fx.agents;
  for (const [agent, status] of [
    [a.a1, "on_site"],
    [a.a2, "telework"],
    [a.a3, "on_site"],
    [a.a4, "telework"],
    [a.b1, "on_site"],
    [a.b2, "telework"],
    [a.b3, "childcare"],
  ] as const) {
    await setStatus(db, t.orgId, agent, today, status, at);
  }
  for (const [agent, status] of [
    [a.a1, "on_site"],
    [a.a2, "telework"],
    [a.a3, "on_site"],
    [a.a4, "sick"],
  ] as const) {
    await setStatus(db, t.orgId, agent, yesterday, status, at);
  }
  cell = await t.signIn("crisis_cell");
  manager = await t.signIn("pca_manager");
});
afterAll(async () => {
  await t?.close();
});

describe("scenarios and activation", () => {
  let scenarioId: string;

  it("proposes modes from criticality and lets the manager choose", async () => {
    const res = await manager.post("/api/crisis/scenarios", {
      name: "Site fermé 14 jours",
      type: "site_loss",
      absenteeismMeanPct: 25,
      absenteeismPeakPct: 40,
      peakWeeks: 2,
      durationDays: 14,
    });
    expect(res.statusCode).toBe(201);
    scenarioId = res.json().id;
    const modes = Object.fromEntries(
      res.json().modes.map((m: { activityName: string; mode: string }) => [m.activityName, m.mode]),
    );
    expect(modes).toEqual({
      Paiements: "mixed",
      "Accueil du public": "on_site",
      Archives: "suspended",
      "Standard téléphonique": "on_site",
    });
    const edited = await manager.patch(`/api/crisis/scenarios/${scenarioId}`, {
      modes: [{ activityId: fx.activities.standard, mode: "on_site" }],
    });
    expect(edited.statusCode).toBe(200);
    const std = edited
      .json()
      .modes.find((m: { activityName: string }) => m.activityName === "Standard téléphonique");
    expect(std).toMatchObject({ mode: "on_site", chosen: true });
  });

  it("refuses bad scenarios", async () => {
    const peak = await manager.post("/api/crisis/scenarios", {
      name: "X",
      type: "pandemic",
      absenteeismMeanPct: 40,
      absenteeismPeakPct: 25,
    });
    expect(peak.statusCode).toBe(400);
    expect(peak.json().error.details[0]).toMatchObject({ field: "absenteeismPeakPct" });
    const type = await manager.post("/api/crisis/scenarios", { name: "X", type: "meteor" });
    expect(type.statusCode).toBe(400);
    const dup = await manager.post("/api/crisis/scenarios", { name: "site fermé 14 jours", type: "other" });
    expect(dup.statusCode).toBe(409);
    expect((await cell.post("/api/crisis/scenarios", { name: "Y", type: "other" })).statusCode).toBe(403);
  });

  it("activates, switches modes, refuses a second activation, logs it all", async () => {
    const res = await manager.post("/api/crisis/activations", {
      scenarioId,
      level: 2,
      startedAt: "2020-03-16T07:00:00Z",
    });
    expect(res.statusCode).toBe(201);
    const activation = res.json();
    expect(activation.active).toBe(true);
    const modes = Object.fromEntries(
      activation.modes.map((m: { activityName: string; mode: string }) => [m.activityName, m.mode]),
    );
    expect(modes.Archives).toBe("suspended");
    expect(modes.Paiements).toBe("mixed");

    const second = await manager.post("/api/crisis/activations", { scenarioId, level: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe("crisis_already_active");

    const future = await manager.post("/api/crisis/activations", {
      scenarioId,
      level: 1,
      startedAt: "2999-01-01T00:00:00Z",
    });
    expect(future.statusCode).toBe(400);

    const log = await cell.get("/api/crisis/log?kind=decision");
    expect(log.json().items.map((e: { title: string }) => e.title)).toContain(
      "Activation du PCA — scénario « Site fermé 14 jours », niveau 2",
    );
    const current = await cell.get("/api/crisis/current");
    expect(current.json().activation.id).toBe(activation.id);
  });
});

describe("activity board", () => {
  it("matches the hand-computed fixture", async () => {
    const res = await cell.get("/api/crisis/board");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const byName = Object.fromEntries(body.items.map((r: { name: string }) => [r.name, r]));
    // Paiements, mixed, needs 1 on site and 3 in all: A1, A3 on site, A2, A4 remote → margin 1.
    expect(byName.Paiements).toMatchObject({
      mode: "mixed",
      qualified: 4,
      onSite: 2,
      remote: 2,
      required: { onSite: 1, total: 3 },
      status: "covered",
      margin: 1,
    });
    // Yesterday A4 was sick: 3 available, today 4 → up.
    expect(byName.Paiements.trend).toBe("up");
    expect(
      byName.Paiements.history.slice(-2).map((h: { onSite: number; remote: number }) => h.onSite + h.remote),
    ).toEqual([3, 4]);
    // Accueil du public, on site, needs 2 on site: only B1 → not covered.
    expect(byName["Accueil du public"]).toMatchObject({
      mode: "on_site",
      onSite: 1,
      remote: 1,
      status: "not_covered",
      margin: -1,
    });
    // Standard, on site, needs 1: B1 → covered with no margin.
    expect(byName["Standard téléphonique"]).toMatchObject({ status: "at_risk", margin: 0 });
    expect(byName.Archives.status).toBe("suspended");
    expect(body.counts).toEqual({ covered: 1, at_risk: 1, not_covered: 1, suspended: 1 });

    const filtered = await cell.get(`/api/crisis/board?serviceId=${fx.services.accueil}&status=not_covered`);
    expect(filtered.json().items.map((r: { name: string }) => r.name)).toEqual(["Accueil du public"]);
  });

  it("follows a change of mode and logs it", async () => {
    const current = (await cell.get("/api/crisis/current")).json().activation;
    const res = await manager.post(`/api/crisis/activations/${current.id}/modes`, {
      modes: [{ activityId: fx.activities.paiements, mode: "on_site" }],
      reason: "Paierie sur site",
    });
    expect(res.statusCode).toBe(200);
    const board = (await cell.get("/api/crisis/board")).json();
    const p = board.items.find((r: { name: string }) => r.name === "Paiements");
    // On site: all 3 slots on site, only 2 there.
    expect(p).toMatchObject({ mode: "on_site", required: { onSite: 3, total: 3 }, status: "not_covered" });
    const log = (await cell.get(`/api/crisis/log?activityId=${fx.activities.paiements}`)).json();
    expect(log.items[0].title).toBe("Mode de « Paiements » : Mixte → Sur site");
    await manager.post(`/api/crisis/activations/${current.id}/modes`, {
      modes: [{ activityId: fx.activities.paiements, mode: "mixed" }],
    });
  });
});

describe("access", () => {
  it.each([
    ["admin", 200],
    ["pca_manager", 200],
    ["crisis_cell", 200],
    ["service_manager", 403],
    ["agent", 403],
  ] as const)("board for %s: %i", async (role, status) => {
    const opts =
      role === "service_manager"
        ? { serviceId: fx.services.paie }
        : role === "agent"
          ? { agentId: fx.agents.a1 }
          : {};
    const c = await t.signIn(role, opts);
    expect((await c.get("/api/crisis/board")).statusCode).toBe(status);
  });

  it("keeps organisations apart", async () => {
    const other = await t.newOrg("Autre organisation crise");
    const outsider = await t.signIn("admin", { orgId: other });
    expect((await outsider.get("/api/crisis/log")).json().total).toBe(0);
    expect((await outsider.get("/api/crisis/current")).json().activation).toBeNull();
    const mine = (await cell.get("/api/crisis/scenarios")).json().items[0].id;
    expect((await outsider.get(`/api/crisis/scenarios/${mine}`)).statusCode).toBe(404);
  });
});
