import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIn } from "../../src/server/people/days.js";
import { type Client, createTestApp, type TestApp } from "../helpers/app.js";
import { addService, addSite, createAgent } from "./helpers.js";

let t: TestApp;
let locative: string;
let compta: string;
let site: string;
let me: { id: string };
let colleague: { id: string };
let outsiderAgent: { id: string };
let agent: Client;
let manager: Client;
beforeAll(async () => {
  t = await createTestApp();
  locative = await addService(t, "Gestion Locative");
  compta = await addService(t, "Comptabilité");
  site = await addSite(t, "Siège - Toulouse");
  me = await createAgent(t.admin, locative);
  colleague = await createAgent(t.admin, locative);
  outsiderAgent = await createAgent(t.admin, compta);
  agent = await t.signIn("agent", { agentId: me.id });
  manager = await t.signIn("service_manager", { serviceId: locative });
});
afterAll(async () => {
  await t?.close();
});

describe("daily statuses", () => {
  it("lets an agent set their own status, never someone else's (403, traced)", async () => {
    const own = await agent.put(`/api/agents/${me.id}/status/2026-03-16`, { status: "telework" });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      agentId: me.id,
      day: "2026-03-16",
      status: "telework",
      setBy: agent.userId,
    });
    const other = await agent.put(`/api/agents/${colleague.id}/status/2026-03-16`, { status: "sick" });
    expect(other.statusCode).toBe(403);
    const trace = (await t.admin.get("/api/audit?action=access_denied")).json();
    expect(trace.items[0]).toMatchObject({ userId: agent.userId });
    expect(trace.items[0].entityId).toContain("/status/");
    expect((await agent.get(`/api/agents/${colleague.id}/statuses`)).statusCode).toBe(403);
  });

  it("keeps the history of who changed what", async () => {
    await manager.put(`/api/agents/${me.id}/status/2026-03-16`, { status: "on_site", siteId: site });
    await t.admin.put(`/api/agents/${me.id}/status/2026-03-17`, { status: "sick" });
    const h = (await agent.get(`/api/agents/${me.id}/statuses?from=2026-03-01&to=2026-03-31`)).json();
    expect(h.items.map((d: { day: string; status: string }) => [d.day, d.status])).toEqual([
      ["2026-03-16", "on_site"],
      ["2026-03-17", "sick"],
    ]);
    expect(h.total).toBe(2);
    expect(h.changes).toMatchObject([
      {
        day: "2026-03-16",
        status: "telework",
        previousStatus: null,
        setBy: agent.userId,
        setByEmail: agent.email,
      },
      {
        day: "2026-03-16",
        status: "on_site",
        previousStatus: "telework",
        siteId: site,
        setBy: manager.userId,
      },
      { day: "2026-03-17", status: "sick", previousStatus: null },
    ]);
    const audit = (await t.admin.get("/api/audit?action=set_status")).json();
    expect(audit.items[1]).toMatchObject({
      before: { status: "telework" },
      after: { status: "on_site", siteId: site },
    });
  });

  it("validates days, statuses and the site rule", async () => {
    const url = `/api/agents/${me.id}/status`;
    const bad = await agent.put(`${url}/2026-02-31`, { status: "telework" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: "day" });
    expect((await agent.put(`${url}/16-03-2026`, { status: "telework" })).statusCode).toBe(400);
    expect((await agent.put(`${url}/2026-03-18`, { status: "covid" })).statusCode).toBe(400);
    expect((await agent.put(`${url}/2026-03-18`, { status: "sick", diagnosis: "grippe" })).statusCode).toBe(
      400,
    );
    const noSite = await agent.put(`${url}/2026-03-18`, { status: "on_site" });
    expect(noSite.statusCode).toBe(400);
    expect(noSite.json().error.details[0]).toMatchObject({ field: "siteId" });
    expect((await agent.put(`${url}/2026-03-18`, { status: "telework", siteId: site })).statusCode).toBe(400);
    expect((await agent.get(`/api/agents/${me.id}/statuses?from=2026-04-01&to=2026-03-01`)).statusCode).toBe(
      400,
    );
  });

  it("lets a manager set statuses in bulk within their scope, all or nothing", async () => {
    const day = todayIn("Europe/Paris");
    const outside = await manager.post("/api/statuses", {
      day,
      items: [
        { agentId: me.id, status: "telework" },
        { agentId: outsiderAgent.id, status: "off" },
      ],
    });
    expect(outside.statusCode).toBe(403);
    expect((await t.admin.get(`/api/agents/${me.id}/statuses?from=${day}&to=${day}`)).json().total).toBe(0);
    const ok = await manager.post("/api/statuses", {
      day,
      items: [
        { agentId: me.id, status: "telework" },
        { agentId: colleague.id, status: "on_site", siteId: site },
      ],
    });
    expect(ok.json()).toEqual({ day, set: 2, unchanged: 0 });
    const again = await manager.post("/api/statuses", {
      day,
      items: [{ agentId: me.id, status: "telework" }],
    });
    expect(again.json()).toEqual({ day, set: 0, unchanged: 1 });
    expect((await manager.get("/api/agents?status=telework")).json()).toMatchObject({
      total: 1,
      items: [{ id: me.id, statusToday: "telework" }],
    });
    expect((await t.admin.get("/api/agents?status=none")).json()).toMatchObject({
      total: 1,
      items: [{ id: outsiderAgent.id }],
    });
    const bad = await t.admin.post("/api/statuses", {
      day: "2026-13-01",
      items: [{ agentId: me.id, status: "off" }],
    });
    expect(bad.statusCode).toBe(400);
    const unknown = await t.admin.post("/api/statuses", {
      day,
      items: [{ agentId: "00000000-0000-4000-8000-000000000000", status: "off" }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ field: "items.0.agentId" });
    expect(
      (await agent.post("/api/statuses", { day, items: [{ agentId: me.id, status: "off" }] })).statusCode,
    ).toBe(403);
  });

  it.each([
    ["admin", 200],
    ["pca_manager", 200],
    ["crisis_cell", 403],
  ] as const)("lets %s set an agent's status: %i", async (role, status) => {
    const c = await t.signIn(role);
    expect(
      (await c.put(`/api/agents/${outsiderAgent.id}/status/2026-03-20`, { status: "childcare" })).statusCode,
    ).toBe(status);
  });

  it("computes today in the organisation's time zone", () => {
    const instant = new Date("2026-03-16T14:00:00Z");
    expect(todayIn("Europe/Paris", instant)).toBe("2026-03-16");
    expect(todayIn("Pacific/Noumea", instant)).toBe("2026-03-17");
  });
});
