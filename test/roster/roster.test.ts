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
    // A cell of theirs fixed on site during the absence would contradict it: it is freed.
    const fixed = published.assignments.find(
      (x: { agentId: string; day: string }) => x.agentId === busy && x.day >= "2031-03-05",
    );
    await t.admin.put(`/api/rosters/${periodId}/locks`, {
      agentId: busy,
      day: fixed.day,
      activityId: fixed.activityId,
    });
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
    const locks = (await t.admin.get(`/api/rosters/${periodId}`)).json().locks;
    expect(
      locks.some((l: { agentId: string; day: string }) => l.agentId === busy && l.day === fixed.day),
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

describe("weights, checks and personal requests", () => {
  let periodId = "";
  const MON = "2031-03-10";
  const TUE = "2031-03-11";
  const WED = "2031-03-12";

  it("saves soft-goal weights on the period and the solver uses them", async () => {
    const p = await t.admin.post("/api/rosters", {
      name: "Roulement poids",
      siteIds: [ids.siteA, ids.siteB],
      startDate: MON,
      endDate: "2031-03-16",
      serviceId: ids.service,
    });
    expect(p.statusCode, p.body).toBe(201);
    periodId = p.json().id;
    expect(p.json().requests).toEqual([]);
    const agent0 = p.json().agents.find((a: { id: string }) => a.id === ids.agents[0]);
    expect(agent0.qualified).toEqual([ids.accueilAct]);
    expect(p.json().agents.find((a: { id: string }) => a.id === ids.agents[7]).qualified).toEqual([]);
    const res = await t.admin.put(`/api/rosters/${periodId}/settings`, {
      weights: { person: 77, fairness: 0, request: 40 },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().settings.weights).toEqual({ person: 77, fairness: 0, request: 40 });
    const more = await t.admin.put(`/api/rosters/${periodId}/settings`, { weights: { change: 5 } });
    expect(more.json().settings.weights).toEqual({ person: 77, fairness: 0, request: 40, change: 5 });
    const bad = await t.admin.put(`/api/rosters/${periodId}/settings`, { weights: { person: -1 } });
    expect(bad.statusCode).toBe(400);
    const unknown = await t.admin.put(`/api/rosters/${periodId}/settings`, { weights: { speed: 1 } });
    expect(unknown.statusCode).toBe(400);
    const v = (await t.admin.post(`/api/rosters/${periodId}/solve`, { seconds: 0.3, seed: 2 })).json();
    expect(v.terms.person).toBe(v.counts.person * 77);
    expect(v.terms.fairness).toBe(0);
    const audit = (await t.admin.get("/api/audit?entity=roster_period")).json();
    expect(audit.items.some((e: { action: string }) => e.action === "update")).toBe(true);
  });

  it("reports contradictory locks before solving, with the reason in French", async () => {
    // Agent 7 is "never on site": locking them on site contradicts availability.
    await t.admin.put(`/api/rosters/${periodId}/locks`, {
      agentId: ids.agents[7],
      day: MON,
      activityId: ids.accueilAct,
    });
    // Agent 0 locked on site six days running (the limit is five).
    for (const day of ["2031-03-10", "2031-03-11", "2031-03-12", "2031-03-13", "2031-03-14", "2031-03-15"])
      await t.admin.put(`/api/rosters/${periodId}/locks`, {
        agentId: ids.agents[0],
        day,
        activityId: ids.accueilAct,
      });
    const res = await t.admin.get(`/api/rosters/${periodId}/check`);
    expect(res.statusCode, res.body).toBe(200);
    const codes = res.json().errors.map((e: { code: string }) => e.code);
    expect(codes).toContain("lock_unavailable");
    expect(codes).toContain("lock_consecutive");
    const unavailable = res.json().errors.find((e: { code: string }) => e.code === "lock_unavailable");
    expect(unavailable).toMatchObject({ agentId: ids.agents[7], day: MON });
    expect(unavailable.message).toContain("indisponible");
    const solve = await t.admin.post(`/api/rosters/${periodId}/solve`, { seconds: 0.3 });
    expect(solve.statusCode).toBe(422);
    expect(
      solve
        .json()
        .error.details.map((d: { message: string }) => d.message)
        .join(" "),
    ).toContain("jours de suite sur site");
    await t.admin.delete(`/api/rosters/${periodId}/locks?agentId=${ids.agents[7]}&day=${MON}`);
    await t.admin.delete(`/api/rosters/${periodId}/locks?agentId=${ids.agents[0]}&day=2031-03-15`);
    const ok = (await t.admin.get(`/api/rosters/${periodId}/check`)).json();
    expect(ok.errors).toEqual([]);
    expect(ok.lowerBound).toBeGreaterThanOrEqual(0);
  });

  it("takes personal requests from managers and agents, and honours them", async () => {
    // The agent asks for themself; a past day is refused.
    const agent = await t.signIn("agent", { agentId: ids.agents[3] });
    const own = await agent.put("/api/me/roster-requests", { day: TUE, onSite: false, weight: 5 });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ agentId: ids.agents[3], day: TUE, onSite: false, weight: 5 });
    const past = await agent.put("/api/me/roster-requests", { day: "2020-01-06", onSite: true });
    expect(past.statusCode).toBe(400);
    expect((await agent.get(`/api/me/roster-requests?from=${MON}&to=2031-03-16`)).json().items).toHaveLength(
      1,
    );
    expect(
      (
        await agent.put(`/api/rosters/${periodId}/requests`, {
          agentId: ids.agents[3],
          day: TUE,
          onSite: true,
        })
      ).statusCode,
    ).toBe(403);
    // The manager enters one for another agent.
    const set = await t.admin.put(`/api/rosters/${periodId}/requests`, {
      agentId: ids.agents[5],
      day: WED,
      onSite: true,
      weight: 5,
      note: "réunion sur place",
    });
    expect(set.statusCode, set.body).toBe(200);
    const outside = await t.admin.put(`/api/rosters/${periodId}/requests`, {
      agentId: ids.agents[5],
      day: "2031-04-01",
      onSite: true,
    });
    expect(outside.statusCode).toBe(400);
    const p = (await t.admin.get(`/api/rosters/${periodId}`)).json();
    expect(p.requests).toEqual([
      { agentId: ids.agents[3], day: TUE, onSite: false, weight: 5, note: null },
      { agentId: ids.agents[5], day: WED, onSite: true, weight: 5, note: "réunion sur place" },
    ]);
    const v = (await t.admin.post(`/api/rosters/${periodId}/solve`, { seconds: 0.5, seed: 4 })).json();
    expect(v.counts.request).toBe(0);
    const full = (await t.admin.get(`/api/rosters/${periodId}/versions/${v.id}`)).json();
    const at = (a: string, d: string) =>
      full.assignments.find((x: { agentId: string; day: string }) => x.agentId === a && x.day === d);
    expect(at(ids.agents[3], TUE)).toBeUndefined();
    expect(at(ids.agents[5], WED)).toBeDefined();
    // Withdrawn by the agent and by the manager; audited.
    expect((await agent.delete(`/api/me/roster-requests?day=${TUE}`)).statusCode).toBe(204);
    expect((await agent.delete(`/api/me/roster-requests?day=${TUE}`)).statusCode).toBe(404);
    expect(
      (await t.admin.delete(`/api/rosters/${periodId}/requests?agentId=${ids.agents[5]}&day=${WED}`))
        .statusCode,
    ).toBe(204);
    const audit = (await t.admin.get("/api/audit?entity=roster_request")).json();
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual([
      "create",
      "create",
      "delete",
      "delete",
    ]);
    const other = await t.signIn("service_manager", { serviceId: ids.other });
    expect(
      (
        await other.put(`/api/rosters/${periodId}/requests`, {
          agentId: ids.agents[5],
          day: WED,
          onSite: true,
        })
      ).statusCode,
    ).toBe(404);
  });
});
