import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { buildTeam } from "./factories.js";

let t: TestApp;
let team: { serviceId: string; agentIds: string[] };
let lineId: string;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  team = await buildTeam(t, ["Alice", "Bruno", "Chloe"]);
  const line = await t.admin.post("/api/oncall/lines", {
    name: "Numéro unique",
    phoneNumber: "05 61 00 00 00",
    ringSeconds: 25,
  });
  expect(line.statusCode).toBe(201);
  lineId = line.json().id;
  token = line.json().feedToken;
  const rot = await t.admin.post(`/api/oncall/lines/${lineId}/rotations`, {
    name: "Astreinte hebdomadaire",
    participants: team.agentIds,
    startDate: "2026-03-02",
    handoffTime: "08:00",
    turnDays: 7,
  });
  expect(rot.statusCode).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

describe("on-call lines", () => {
  it("says who is on call at a time, across the March change, with who follows", async () => {
    const before = await t.admin.get(`/api/oncall/lines/${lineId}/now?at=2026-03-30T05:59:00Z`);
    expect(before.json().onCall).toMatchObject({
      name: "Alice ALICE",
      source: "rotation",
      until: "2026-03-30T06:00:00.000Z",
    });
    const after = await t.admin.get(`/api/oncall/lines/${lineId}/now?at=2026-03-30T06:00:00Z`);
    expect(after.json().onCall.name).toBe("Bruno BRUNO");
    expect(after.json().next.map((p: { name: string }) => p.name)).toEqual(["Chloe CHLOE", "Alice ALICE"]);
  });

  it("answers the phone system with ordered numbers and time-outs through the secret token", async () => {
    const res = await t.app.inject(
      `/api/public/oncall/${token}/followme?at=2026-03-30T06:00:00Z&format=text`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.body.split("\n")).toEqual(["+33600000001,25", "+33600000002,25", "+33600000000,25"]);
    expect((await t.app.inject(`/api/public/oncall/${"x".repeat(43)}/followme`)).statusCode).toBe(404);
  });

  it("lets overrides win, refuses overlapping ones, and lets an agent take over themself only", async () => {
    const ok = await t.admin.post(`/api/oncall/lines/${lineId}/overrides`, {
      agentId: team.agentIds[2],
      start: "2026-04-01T18:00:00Z",
      end: "2026-04-02T06:00:00Z",
      reason: "échange",
    });
    expect(ok.statusCode).toBe(201);
    const now = await t.admin.get(`/api/oncall/lines/${lineId}/now?at=2026-04-01T20:00:00Z`);
    expect(now.json().onCall).toMatchObject({ name: "Chloe CHLOE", source: "override" });
    const clash = await t.admin.post(`/api/oncall/lines/${lineId}/overrides`, {
      agentId: team.agentIds[0],
      start: "2026-04-02T05:00:00Z",
      end: "2026-04-02T09:00:00Z",
    });
    expect(clash.statusCode).toBe(409);
    const agent = await t.signIn("agent", { agentId: team.agentIds[0] });
    const forOther = await agent.post(`/api/oncall/lines/${lineId}/overrides`, {
      agentId: team.agentIds[1],
      start: "2026-05-01T00:00:00Z",
      end: "2026-05-02T00:00:00Z",
    });
    expect(forOther.statusCode).toBe(403);
    const self = await agent.post(`/api/oncall/lines/${lineId}/overrides`, {
      agentId: team.agentIds[0],
      start: "2026-05-01T00:00:00Z",
      end: "2026-05-02T00:00:00Z",
    });
    expect(self.statusCode).toBe(201);
  });

  it("serves line and personal iCal feeds that a real parser reads", async () => {
    const line = await t.app.inject(`/api/public/oncall/${token}/calendar.ics`);
    expect(line.statusCode).toBe(200);
    expect(line.headers["content-type"]).toContain("text/calendar");
    const events = new ICAL.Component(ICAL.parse(line.body)).getAllSubcomponents("vevent");
    expect(events.length).toBeGreaterThan(5);
    const agent = await t.signIn("agent", { agentId: team.agentIds[1] });
    const feed = await agent.post("/api/me/calendar-feed");
    expect(feed.statusCode).toBe(200);
    const mine = await t.app.inject(feed.json().path);
    const vevents = new ICAL.Component(ICAL.parse(mine.body))
      .getAllSubcomponents("vevent")
      .map((v) => new ICAL.Event(v));
    expect(vevents.length).toBeGreaterThan(0);
    expect(vevents.every((e) => e.summary === "Astreinte : Numéro unique")).toBe(true);
  });

  it("refuses bad rotations with the field named", async () => {
    const bad = await t.admin.post(`/api/oncall/lines/${lineId}/rotations`, {
      name: "x",
      participants: [team.agentIds[0]],
      startDate: "2026-02-31",
      handoffTime: "25:00",
      turnDays: 7,
    });
    expect(bad.statusCode).toBe(400);
    const foreign = await t.admin.post(`/api/oncall/lines/${lineId}/rotations`, {
      name: "x",
      participants: ["00000000-0000-4000-8000-000000000000"],
      startDate: "2026-03-02",
      handoffTime: "08:00",
      turnDays: 7,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].field).toBe("participants");
  });

  it("keeps other organisations out", async () => {
    const other = await t.signIn("admin", { orgId: await t.newOrg("Autre département") });
    expect((await other.get(`/api/oncall/lines/${lineId}`)).statusCode).toBe(404);
    expect((await other.get("/api/oncall/lines")).json().total).toBe(0);
  });
});

describe("call log", () => {
  it("records calls, checks outcomes and counts them per local day", async () => {
    const agent = await t.signIn("agent", { agentId: team.agentIds[0] });
    const a = await agent.post("/api/calls", {
      lineId,
      receivedAt: "2026-03-10T22:30:00Z",
      caller: "Mme X",
      reason: "Plus de chauffage",
      outcome: "request_created",
      durationSeconds: 240,
    });
    expect(a.statusCode).toBe(201);
    const b = await agent.post("/api/calls", {
      lineId,
      receivedAt: "2026-03-10T23:30:00Z",
      outcome: "transferred_partner",
      partner: "115",
    });
    expect(b.statusCode).toBe(201);
    const missing = await agent.post("/api/calls", { lineId, outcome: "transferred_service" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].field).toBe("serviceId");
    // 22:30Z is 23:30 in Paris on the 10th; 23:30Z is 00:30 on the 11th.
    const stats = await t.admin.get("/api/calls/stats?from=2026-03-10&to=2026-03-11");
    expect(stats.json().items).toEqual([
      { day: "2026-03-10", total: 1, request_created: 1 },
      { day: "2026-03-11", total: 1, transferred_partner: 1 },
    ]);
    expect((await agent.get("/api/calls")).json().total).toBe(2);
    const other = await t.signIn("agent", { agentId: team.agentIds[1] });
    expect((await other.get("/api/calls")).json().total).toBe(0);
  });
});

describe("handoff reminders", () => {
  it("queues one e-mail to the next person, once, however often the job runs", async () => {
    const { enqueueHandoffReminders } = await import("../../src/server/oncall/jobs.js");
    const db = t.testDb.database.db;
    const now = new Date("2026-03-29T08:00:00Z"); // Sunday; Bruno's turn starts Monday 30 March 08:00 CEST
    const first = await enqueueHandoffReminders(db, now);
    const again = await enqueueHandoffReminders(db, new Date(now.getTime() + 10 * 60_000));
    expect(first).toBe(1);
    expect(again).toBe(0);
    const rows = await db
      .selectFrom("outbox_deliveries as d")
      .innerJoin("outbox_messages as m", "m.id", "d.message_id")
      .select(["d.recipient", "m.subject"])
      .where("m.kind", "=", "oncall_handoff")
      .execute();
    expect(rows).toEqual([
      {
        recipient: "bruno@test.relais",
        subject: "Astreinte Numéro unique : votre tour commence le 30/03/2026 à 08:00",
      },
    ]);
  });
});
