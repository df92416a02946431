import ExcelJS from "exceljs";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/server/shared/ids.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
const ids = {
  service: newId(),
  other: newId(),
  siteA: newId(),
  siteB: newId(),
  accueil: newId(),
  securite: newId(),
  accueilAct: newId(),
  securiteAct: newId(),
  agents: Array.from({ length: 8 }, () => newId()),
};
const START = "2031-03-03"; // a Monday, far from today
const END = "2031-03-09";

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.database.db;
  const org = t.orgId;
  await db
    .insertInto("services")
    .values([
      { id: ids.service, org_id: org, name: "Accueil", parent_id: null, mailbox: null, phone: null },
      { id: ids.other, org_id: org, name: "Autre", parent_id: null, mailbox: null, phone: null },
    ])
    .execute();
  await db
    .insertInto("sites")
    .values([
      { id: ids.siteA, org_id: org, name: "Site A", capacity: 10 },
      { id: ids.siteB, org_id: org, name: "Site B", capacity: 10 },
    ])
    .execute();
  await db
    .insertInto("skills")
    .values([
      { id: ids.accueil, org_id: org, name: "accueil" },
      { id: ids.securite, org_id: org, name: "sécurité" },
    ])
    .execute();
  const activity = (id: string, name: string, site: string, min: number) => ({
    id,
    org_id: org,
    service_id: ids.service,
    site_id: site,
    name,
    criticality: 1,
    max_interruption_hours: 24,
    min_on_site: min,
    min_remote: 0,
    modes: ["on_site"],
  });
  await db
    .insertInto("activities")
    .values([
      activity(ids.accueilAct, "Accueil", ids.siteA, 2),
      activity(ids.securiteAct, "Sécurité", ids.siteB, 1),
    ])
    .execute();
  await db
    .insertInto("activity_skills")
    .values([
      { activity_id: ids.accueilAct, skill_id: ids.accueil },
      { activity_id: ids.securiteAct, skill_id: ids.securite },
    ])
    .execute();
  await db
    .insertInto("agents")
    .values(
      ids.agents.map((id, i) => ({
        id,
        org_id: org,
        staff_number: `M${i}`,
        last_name: `NOM${i}`,
        first_name: `Agent${i}`,
        service_id: ids.service,
        site_id: i < 5 ? ids.siteA : ids.siteB,
        team: i < 4 ? "Bleue" : "Verte",
        never_on_site: i === 7,
        phone: null,
        email: null,
        hired_on: null,
      })),
    )
    .execute();
  await db
    .insertInto("agent_skills")
    .values([
      ...ids.agents.slice(0, 6).map((id) => ({ agent_id: id, skill_id: ids.accueil })),
      ...ids.agents.slice(4).map((id) => ({ agent_id: id, skill_id: ids.securite })),
    ])
    .execute();
});
afterAll(async () => {
  await t?.close();
});

describe("rotation planner API", () => {
  let periodId = "";
  let draftId = "";

  it("creates a planning period with needs derived from the activities", async () => {
    const res = await t.admin.post("/api/rosters", {
      name: "Roulement mars",
      siteIds: [ids.siteA, ids.siteB],
      startDate: START,
      endDate: END,
      serviceId: ids.service,
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    periodId = p.id;
    expect(p.needs).toHaveLength(14);
    expect(p.needs.find((n: { activityId: string }) => n.activityId === ids.accueilAct)).toMatchObject({
      day: START,
      activityName: "Accueil",
      siteName: "Site A",
      count: 2,
    });
    expect(p.agents).toHaveLength(8);
    const bad = await t.admin.post("/api/rosters", {
      name: "x",
      siteIds: [ids.siteA],
      startDate: END,
      endDate: START,
    });
    expect(bad.statusCode).toBe(400);
    const unknown = await t.admin.post("/api/rosters", {
      name: "x",
      siteIds: [ids.siteA],
      startDate: START,
      endDate: END,
      foo: 1,
    });
    expect(unknown.statusCode).toBe(400);
  });

  it("reports an infeasible period before solving, with the reason", async () => {
    const res = await t.admin.put(`/api/rosters/${periodId}/needs`, {
      items: [{ day: START, activityId: ids.securiteAct, count: 11 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const solve = await t.admin.post(`/api/rosters/${periodId}/solve`, { seconds: 0.5 });
    expect(solve.statusCode).toBe(422);
    expect(solve.json().error.code).toBe("roster_infeasible");
    expect(solve.json().error.details[0].message).toContain(
      "Site B — les besoins demandent 11 personnes sur site pour une capacité de 10",
    );
    await t.admin.put(`/api/rosters/${periodId}/needs`, {
      items: [{ day: START, activityId: ids.securiteAct, count: 1 }],
    });
    // Contradictory lock: an agent without the skill locked on sécurité.
    await t.admin.put(`/api/rosters/${periodId}/locks`, {
      agentId: ids.agents[0],
      day: START,
      activityId: ids.securiteAct,
    });
    const again = await t.admin.post(`/api/rosters/${periodId}/solve`, { seconds: 0.5 });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details[0].message).toContain("sans les compétences requises");
    const del = await t.admin.delete(`/api/rosters/${periodId}/locks?agentId=${ids.agents[0]}&day=${START}`);
    expect(del.statusCode).toBe(204);
  });

  it("solves into a draft that respects locks, with score, bound and violations", async () => {
    // Hand edit: Agent1 on accueil on Tuesday; Agent2 kept off site on Monday.
    await t.admin.put(`/api/rosters/${periodId}/locks`, {
      agentId: ids.agents[1],
      day: "2031-03-04",
      activityId: ids.accueilAct,
    });
    await t.admin.put(`/api/rosters/${periodId}/locks`, {
      agentId: ids.agents[2],
      day: START,
      activityId: null,
    });
    const res = await t.admin.post(`/api/rosters/${periodId}/solve`, { seconds: 0.5, seed: 3 });
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json();
    draftId = v.id;
    expect(v.status).toBe("draft");
    expect(v.counts.under).toBe(0);
    expect(v.score).toBeGreaterThanOrEqual(v.lowerBound);
    expect(v.gapPct).toBeGreaterThanOrEqual(0);
    const full = (await t.admin.get(`/api/rosters/${periodId}/versions/${draftId}`)).json();
    const cell = (agent: string, day: string) =>
      full.assignments.find((a: { agentId: string; day: string }) => a.agentId === agent && a.day === day);
    expect(cell(ids.agents[1], "2031-03-04")?.activityId).toBe(ids.accueilAct);
    expect(cell(ids.agents[2], START)).toBeUndefined();
    expect(full.assignments.some((a: { agentId: string }) => a.agentId === ids.agents[7])).toBe(false);
    // Nothing published yet.
    const p = (await t.admin.get(`/api/rosters/${periodId}`)).json();
    expect(p.publishedVersionId).toBeNull();
  });

  it("publishes versions and keeps the previous one", async () => {
    const pub = await t.admin.post(`/api/rosters/${periodId}/versions/${draftId}/publish`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ status: "published", number: 1 });
    const twice = await t.admin.post(`/api/rosters/${periodId}/versions/${draftId}/publish`);
    expect(twice.statusCode).toBe(409);
    const second = (await t.admin.post(`/api/rosters/${periodId}/solve`, { seconds: 0.3, seed: 5 })).json();
    // A new draft does not replace the published roster.
    expect((await t.admin.get(`/api/rosters/${periodId}`)).json().publishedVersionId).toBe(draftId);
    expect((await t.admin.post(`/api/rosters/${periodId}/versions/${second.id}/publish`)).json().number).toBe(
      2,
    );
    const p = (await t.admin.get(`/api/rosters/${periodId}`)).json();
    expect(p.publishedVersionId).toBe(second.id);
    expect(p.versions.filter((v: { status: string }) => v.status === "published")).toHaveLength(2);
  });

  it("marks an agent sick and proposes a repaired roster with its changes", async () => {
    const p = (await t.admin.get(`/api/rosters/${periodId}`)).json();
    const published = (await t.admin.get(`/api/rosters/${periodId}/versions/${p.publishedVersionId}`)).json();
    const busy = ids.agents.find(
      (a) =>
        published.assignments.filter(
          (x: { agentId: string; day: string }) => x.agentId === a && x.day >= "2031-03-05",
        ).length > 0,
    )!;
    const res = await t.admin.post(`/api/rosters/${periodId}/sick`, {
      agentId: busy,
      from: "2031-03-05",
      seconds: 0.5,
    });
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json();
    expect(v.reason).toBe("repair");
    expect(v.status).toBe("draft");
    expect(v.changes.length).toBeGreaterThan(0);
    expect(
      v.changes.some(
        (c: { agentId: string; after: string | null }) => c.agentId === busy && c.after === null,
      ),
    ).toBe(true);
    const lost = published.assignments.filter(
      (x: { agentId: string; day: string }) => x.agentId === busy && x.day >= "2031-03-05",
    ).length;
    expect(v.changes.length).toBeLessThanOrEqual(2 * lost + 2);
    const full = (await t.admin.get(`/api/rosters/${periodId}/versions/${v.id}`)).json();
    expect(
      full.assignments.some(
        (a: { agentId: string; day: string }) => a.agentId === busy && a.day >= "2031-03-05",
      ),
    ).toBe(false);
  });

  it("shows each agent their own schedule and calendar feed (parsed by ical.js)", async () => {
    const p = (await t.admin.get(`/api/rosters/${periodId}`)).json();
    const published = (await t.admin.get(`/api/rosters/${periodId}/versions/${p.publishedVersionId}`)).json();
    const agentId = published.assignments[0].agentId as string;
    const mine = published.assignments.filter((a: { agentId: string }) => a.agentId === agentId);
    const agent = await t.signIn("agent", { agentId });
    const res = await agent.get(`/api/me/schedule?from=${START}&to=${END}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toHaveLength(mine.length);
    expect(res.json().items[0]).toMatchObject({ periodName: "Roulement mars", version: 2 });
    expect(await agent.get(`/api/rosters/${periodId}`).then((r) => r.statusCode)).toBe(403);
    const feed = (await agent.post("/api/me/calendar-feed")).json();
    // The feed covers 30 days back to 120 ahead of now: check the events parse, with a roster day in range.
    const near = new Date();
    const day = near.toISOString().slice(0, 10);
    const db = t.testDb.database.db;
    await db
      .insertInto("roster_assignments")
      .values({
        version_id: p.publishedVersionId,
        agent_id: agentId,
        day,
        activity_id: ids.accueilAct,
        site_id: ids.siteA,
      })
      .execute();
    const ics = await t.app.inject({ method: "GET", url: feed.path });
    expect(ics.statusCode).toBe(200);
    const events = new ICAL.Component(ICAL.parse(ics.body))
      .getAllSubcomponents("vevent")
      .map((v) => new ICAL.Event(v));
    const ev = events.find((e) => e.summary.startsWith("Sur site"));
    expect(ev?.summary).toBe("Sur site : Accueil (Site A)");
    expect(ev?.location).toBe("Site A");
  });

  it("exports XLSX and PDF for the wall", async () => {
    const p = (await t.admin.get(`/api/rosters/${periodId}`)).json();
    const x = await t.admin.get(`/api/rosters/${periodId}/versions/${p.publishedVersionId}/export.xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Planning");
    expect(ws?.getRow(2).getCell(1).value).toBe("Agent");
    expect(ws?.rowCount).toBeGreaterThan(2);
    const pdf = await t.admin.get(`/api/rosters/${periodId}/versions/${p.publishedVersionId}/export.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("limits service managers to their scope and hides other organisations' periods", async () => {
    const mine = await t.signIn("service_manager", { serviceId: ids.service });
    expect((await mine.get(`/api/rosters/${periodId}`)).statusCode).toBe(200);
    const other = await t.signIn("service_manager", { serviceId: ids.other });
    expect((await other.get(`/api/rosters/${periodId}`)).statusCode).toBe(404);
    expect((await other.get("/api/rosters")).json().items).toHaveLength(0);
    const outside = await other.post("/api/rosters", {
      name: "x",
      siteIds: [ids.siteA],
      startDate: START,
      endDate: END,
      serviceId: ids.service,
    });
    expect(outside.statusCode).toBe(403);
    const org2 = await t.newOrg("Autre organisation");
    const stranger = await t.signIn("admin", { orgId: org2 });
    expect((await stranger.get(`/api/rosters/${periodId}`)).statusCode).toBe(404);
    const crisis = await t.signIn("crisis_cell");
    expect((await crisis.post(`/api/rosters/${periodId}/solve`, {})).statusCode).toBe(403);
  });
});
