// Editing the rota from the on-call page: rotations changed in place (members and order, cycle,
// handoff time, restriction) by managers of the line, and overrides refused with a clear French
// message when they overlap another one on the line.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { buildTeam } from "./factories.js";

let t: TestApp;
let team: { serviceId: string; agentIds: string[] };
let lineId: string;
let rotationId: string;

beforeAll(async () => {
  t = await createTestApp();
  team = await buildTeam(t, ["Alice", "Bruno", "Chloe"]);
  const line = await t.admin.post("/api/oncall/lines", {
    name: "Urgences techniques",
    serviceId: team.serviceId,
  });
  lineId = line.json().id;
  const rot = await t.admin.post(`/api/oncall/lines/${lineId}/rotations`, {
    name: "Semaine",
    participants: team.agentIds,
    startDate: "2026-03-02",
    handoffTime: "08:00",
    turnDays: 7,
  });
  rotationId = rot.json().rotations[0].id;
});
afterAll(async () => {
  await t?.close();
});

const onCallAt = async (at: string) =>
  (await t.admin.get(`/api/oncall/lines/${lineId}/now?at=${at}`)).json().onCall?.name ?? null;

describe("rotation editing", () => {
  it("changes members and order, cycle, handoff time and restriction", async () => {
    expect(await onCallAt("2026-03-03T12:00:00Z")).toBe("Alice ALICE");
    const manager = await t.signIn("service_manager", { serviceId: team.serviceId });
    const res = await manager.patch(`/api/oncall/lines/${lineId}/rotations/${rotationId}`, {
      participants: [team.agentIds[2], team.agentIds[0]],
      turnDays: 1,
      handoffTime: "18:30",
      restriction: { kind: "outside_hours", days: [1, 2, 3, 4, 5], start: "08:30", end: "18:30" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().rotations[0]).toMatchObject({
      participants: [{ name: "Chloe CHLOE" }, { name: "Alice ALICE" }],
      turnDays: 1,
      handoffTime: "18:30",
      restriction: { kind: "outside_hours" },
    });
    // Monday 2 March 2026 20:00 Paris (19:00Z): first turn, Chloé; Tuesday 20:00, Alice.
    expect(await onCallAt("2026-03-02T19:00:00Z")).toBe("Chloe CHLOE");
    expect(await onCallAt("2026-03-03T19:00:00Z")).toBe("Alice ALICE");
    // Opening hours (Tuesday 12:00 Paris): nobody from this rotation.
    expect(await onCallAt("2026-03-03T11:00:00Z")).toBeNull();
    const audit = await t.testDb.database.db
      .selectFrom("audit_log")
      .select(["action", "entity"])
      .where("entity_id", "=", rotationId)
      .execute();
    expect(audit).toContainEqual({ action: "update", entity: "oncall_rotation" });
  });

  it("refuses bad input in French, other services' managers, agents and other organisations", async () => {
    const same = await t.admin.patch(`/api/oncall/lines/${lineId}/rotations/${rotationId}`, {
      restriction: { kind: "opening_hours", days: [1], start: "09:00", end: "09:00" },
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.message).toBe(
      "Les heures d'ouverture doivent avoir un début et une fin différents.",
    );
    const badTime = await t.admin.patch(`/api/oncall/lines/${lineId}/rotations/${rotationId}`, {
      handoffTime: "24:00",
    });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json().error.details[0].field).toBe("handoffTime");
    const unknown = await t.admin.patch(`/api/oncall/lines/${lineId}/rotations/${rotationId}`, {
      participants: ["00000000-0000-4000-8000-000000000000"],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe("participants");
    const empty = await t.admin.patch(`/api/oncall/lines/${lineId}/rotations/${rotationId}`, {
      participants: [],
    });
    expect(empty.statusCode).toBe(400);

    const otherTeam = await buildTeam(t, ["Denis"]);
    const otherManager = await t.signIn("service_manager", { serviceId: otherTeam.serviceId });
    expect(
      (await otherManager.patch(`/api/oncall/lines/${lineId}/rotations/${rotationId}`, { turnDays: 2 }))
        .statusCode,
    ).toBe(403);
    const agent = await t.signIn("agent", { agentId: team.agentIds[0] });
    expect(
      (await agent.patch(`/api/oncall/lines/${lineId}/rotations/${rotationId}`, { turnDays: 2 })).statusCode,
    ).toBe(403);
    const stranger = await t.signIn("admin", { orgId: await t.newOrg("Autre organisme") });
    expect(
      (await stranger.patch(`/api/oncall/lines/${lineId}/rotations/${rotationId}`, { turnDays: 2 }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.admin.patch(`/api/oncall/lines/${lineId}/rotations/00000000-0000-4000-8000-000000000000`, {
          turnDays: 2,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe("overrides", () => {
  it("says in local time which override is overlapped", async () => {
    const manager = await t.signIn("service_manager", { serviceId: team.serviceId });
    const first = await manager.post(`/api/oncall/lines/${lineId}/overrides`, {
      agentId: team.agentIds[1],
      start: "2026-10-24T16:00:00Z",
      end: "2026-10-26T07:00:00Z",
      reason: "échange de week-end",
    });
    expect(first.statusCode).toBe(201);
    const agent = await t.signIn("agent", { agentId: team.agentIds[2] });
    const clash = await agent.post(`/api/oncall/lines/${lineId}/overrides`, {
      agentId: team.agentIds[2],
      start: "2026-10-25T20:00:00Z",
      end: "2026-10-27T07:00:00Z",
    });
    expect(clash.statusCode).toBe(409);
    // Across the October change: 16:00Z is 18:00 CEST, 07:00Z on the 26th is 08:00 CET.
    expect(clash.json().error.message).toBe(
      "Ce remplacement chevauche celui de Bruno BRUNO du 24/10/2026 à 18:00 au 26/10/2026 à 08:00 sur cette ligne : choisissez une autre période ou annulez d'abord l'autre remplacement.",
    );
    const after = await agent.post(`/api/oncall/lines/${lineId}/overrides`, {
      agentId: team.agentIds[2],
      start: "2026-10-26T07:00:00Z",
      end: "2026-10-27T07:00:00Z",
    });
    expect(after.statusCode).toBe(201);
  });

  it("accepts only one of two overlapping overrides sent at the same time", async () => {
    const body = (agentId: string) => ({
      agentId,
      start: "2026-12-24T17:00:00Z",
      end: "2026-12-26T07:00:00Z",
    });
    const results = await Promise.all([
      t.admin.post(`/api/oncall/lines/${lineId}/overrides`, body(team.agentIds[0]!)),
      t.admin.post(`/api/oncall/lines/${lineId}/overrides`, body(team.agentIds[1]!)),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });
});
