import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { addActivity, addService, addSite, addSkill, createAgent } from "./helpers.js";

let t: TestApp;
let direction: string;
let locative: string;
let sub: string;
let compta: string;
let site: string;
beforeAll(async () => {
  t = await createTestApp();
  direction = await addService(t, "Direction de la clientèle");
  locative = await addService(t, "Gestion Locative", direction);
  sub = await addService(t, "Attributions", locative);
  compta = await addService(t, "Comptabilité");
  site = await addSite(t, "Siège - Toulouse");
});
afterAll(async () => {
  await t?.close();
});

describe("agents", () => {
  it("creates, reads, lists with search, filters and sort, edits and archives", async () => {
    const skill = await addSkill(t, "paie");
    const res = await t.admin.post("/api/agents", {
      staffNumber: "B71027",
      lastName: "Barbier",
      firstName: "Benoît",
      serviceId: compta,
      siteId: site,
      jobTitle: "Responsable comptable",
      hiredOn: "2003-08-19",
      workTimePct: 50,
      canTelework: true,
      phone: "+33562312389",
      email: "b.barbier@oph.example.org",
      skillIds: [skill],
    });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      staffNumber: "B71027",
      skillIds: [skill],
      equippedToTelework: false,
      missingKinds: ["laptop"],
    });
    await createAgent(t.admin, locative, { lastName: "Aubert", canTelework: false });
    await createAgent(t.admin, sub, { lastName: "Zola", hiredOn: "1990-01-01" });

    expect((await t.admin.get(`/api/agents/${a.id}`)).json().lastName).toBe("Barbier");
    expect((await t.admin.get("/api/agents?q=barb")).json().total).toBe(1);
    expect((await t.admin.get("/api/agents?q=B710")).json().total).toBe(1);
    expect((await t.admin.get("/api/agents?q=Beno%C3%AEt%20Barbier")).json().total).toBe(1);
    expect((await t.admin.get(`/api/agents?serviceId=${locative}`)).json().total).toBe(2);
    expect((await t.admin.get(`/api/agents?serviceId=${direction}`)).json().total).toBe(2);
    expect((await t.admin.get(`/api/agents?siteId=${site}`)).json().total).toBe(1);
    expect((await t.admin.get("/api/agents?canTelework=true")).json().total).toBe(1);
    const names = (await t.admin.get("/api/agents?sort=name&order=desc"))
      .json()
      .items.map((x: { lastName: string }) => x.lastName);
    expect(names).toEqual(["Zola", "Barbier", "Aubert"]);
    expect((await t.admin.get("/api/agents?limit=1&offset=1")).json()).toMatchObject({
      total: 3,
      items: [{ lastName: "Barbier" }],
    });

    const edited = await t.admin.patch(`/api/agents/${a.id}`, { workTimePct: 80, skillIds: [] });
    expect(edited.json()).toMatchObject({ workTimePct: 80, skillIds: [] });
    expect((await t.admin.post(`/api/agents/${a.id}/archive`)).json().archived).toBe(true);
    expect((await t.admin.get("/api/agents")).json().total).toBe(2);
    expect((await t.admin.get("/api/agents?archived=true")).json().total).toBe(1);
    expect((await t.admin.post(`/api/agents/${a.id}/restore`)).json().archived).toBe(false);
    const audit = (await t.admin.get("/api/audit?entity=agent")).json();
    expect(audit.items.slice(0, 3).map((e: { action: string }) => e.action)).toEqual([
      "restore",
      "archive",
      "update",
    ]);
    expect(audit.items[2].before).toMatchObject({ work_time_pct: 50, skillIds: [skill] });
  });

  it("explains bad input", async () => {
    const dup = await t.admin.post("/api/agents", {
      staffNumber: "B71027",
      lastName: "X",
      firstName: "Y",
      serviceId: compta,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe("staff_number_taken");
    const unknownField = await t.admin.post("/api/agents", {
      staffNumber: "Z9",
      lastName: "X",
      firstName: "Y",
      serviceId: compta,
      salary: 1,
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.details[0]).toMatchObject({ field: "salary" });
    const badDate = await t.admin.post("/api/agents", {
      staffNumber: "Z9",
      lastName: "X",
      firstName: "Y",
      serviceId: compta,
      hiredOn: "2026-02-31",
    });
    expect(badDate.statusCode).toBe(400);
    const badPct = await t.admin.post("/api/agents", {
      staffNumber: "Z9",
      lastName: "X",
      firstName: "Y",
      serviceId: compta,
      workTimePct: 120,
    });
    expect(badPct.json().error.details[0]).toMatchObject({ field: "workTimePct" });
    const badService = await t.admin.post("/api/agents", {
      staffNumber: "Z9",
      lastName: "X",
      firstName: "Y",
      serviceId: "00000000-0000-4000-8000-000000000000",
    });
    expect(badService.statusCode).toBe(400);
    expect(badService.json().error.details[0]).toMatchObject({ field: "serviceId" });
    const blank = await t.admin.post("/api/agents", {
      staffNumber: "Z9",
      lastName: "  ",
      firstName: "Y",
      serviceId: compta,
    });
    expect(blank.statusCode).toBe(400);
    expect((await t.admin.get("/api/agents/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
  });

  it("limits a service manager to their service and sub-services, totals included", async () => {
    const manager = await t.signIn("service_manager", { serviceId: locative });
    const list = (await manager.get("/api/agents")).json();
    expect(list.total).toBe(2);
    expect(list.items.every((x: { serviceId: string }) => [locative, sub].includes(x.serviceId))).toBe(true);
    expect((await manager.get("/api/agents?q=Barbier")).json()).toMatchObject({ total: 0, items: [] });
    const other = (await t.admin.get("/api/agents?q=Barbier")).json().items[0];
    const denied = await manager.get(`/api/agents/${other.id}`);
    expect(denied.statusCode).toBe(403);
    expect((await manager.patch(`/api/agents/${other.id}`, { jobTitle: "x" })).statusCode).toBe(403);
    expect(
      (
        await manager.post("/api/agents", {
          staffNumber: "SM1",
          lastName: "A",
          firstName: "B",
          serviceId: compta,
        })
      ).statusCode,
    ).toBe(403);
    const mine = await manager.post("/api/agents", {
      staffNumber: "SM1",
      lastName: "A",
      firstName: "B",
      serviceId: sub,
    });
    expect(mine.statusCode).toBe(201);
    expect((await manager.patch(`/api/agents/${mine.json().id}`, { serviceId: compta })).statusCode).toBe(
      403,
    );
    expect((await manager.patch(`/api/agents/${mine.json().id}`, { jobTitle: "Chargé" })).statusCode).toBe(
      200,
    );
    const trace = (await t.admin.get("/api/audit?action=access_denied")).json();
    expect(trace.items.some((e: { userId: string }) => e.userId === manager.userId)).toBe(true);
  });

  it("shows an agent only their own record and lets them edit nothing", async () => {
    const me = await createAgent(t.admin, compta, { lastName: "Moi" });
    const agent = await t.signIn("agent", { agentId: me.id });
    expect((await agent.get("/api/agents")).json()).toMatchObject({ total: 1, items: [{ id: me.id }] });
    expect((await agent.get(`/api/agents/${me.id}`)).statusCode).toBe(200);
    const other = (await t.admin.get("/api/agents?q=Barbier")).json().items[0];
    expect((await agent.get(`/api/agents/${other.id}`)).statusCode).toBe(403);
    expect((await agent.patch(`/api/agents/${me.id}`, { phone: "0600000000" })).statusCode).toBe(403);
    const crisis = await t.signIn("crisis_cell");
    expect((await crisis.get("/api/agents")).json().total).toBeGreaterThanOrEqual(4);
    expect(
      (
        await crisis.post("/api/agents", {
          staffNumber: "CC1",
          lastName: "A",
          firstName: "B",
          serviceId: compta,
        })
      ).statusCode,
    ).toBe(403);
  });

  it("keeps organisations apart", async () => {
    const otherOrg = await t.newOrg("Autre organisation agents");
    const outsider = await t.signIn("admin", { orgId: otherOrg });
    expect((await outsider.get("/api/agents")).json().total).toBe(0);
    const mine = (await t.admin.get("/api/agents")).json().items[0].id;
    expect((await outsider.get(`/api/agents/${mine}`)).statusCode).toBe(404);
    expect((await outsider.patch(`/api/agents/${mine}`, { jobTitle: "x" })).statusCode).toBe(404);
    expect((await outsider.get(`/api/agents/${mine}/equipment`)).statusCode).toBe(404);
  });
});

describe("equipment and the equipped-to-telework flag", () => {
  it("lends and returns, and derives what each agent misses", async () => {
    const service = await addService(t, "Systèmes d'information");
    const vpnSkill = await addSkill(t, "VPN avancé");
    await addActivity(t, service, { kinds: ["vpn"], skillIds: [vpnSkill] });
    await addActivity(t, service, { kinds: ["visio_licence"], archived: true });
    const expert = await createAgent(t.admin, service, { skillIds: [vpnSkill] });
    const novice = await createAgent(t.admin, service);
    expect(expert.missingKinds).toEqual(["laptop", "vpn"]);
    expect(novice.missingKinds).toEqual(["laptop"]);

    const laptop = await t.admin.post("/api/equipment", {
      kind: "laptop",
      label: "Portable Dell",
      assetTag: "PC-001",
    });
    expect(laptop.statusCode).toBe(201);
    const vpn = (
      await t.admin.post("/api/equipment", { kind: "vpn", label: "Licence VPN", assetTag: "VPN-1" })
    ).json();
    const laptop2 = (await t.admin.post("/api/equipment", { kind: "laptop", label: "Portable HP" })).json();
    expect(
      (await t.admin.post("/api/equipment", { kind: "laptop", label: "X", assetTag: "PC-001" })).statusCode,
    ).toBe(409);
    expect((await t.admin.post("/api/equipment", { kind: "tablet", label: "X" })).statusCode).toBe(400);

    const lent = await t.admin.post(`/api/equipment/${laptop.json().id}/lend`, {
      agentId: novice.id,
      lentOn: "2020-03-16",
    });
    expect(lent.statusCode).toBe(200);
    expect(lent.json().loan).toMatchObject({ agentId: novice.id, lentOn: "2020-03-16" });
    const again = await t.admin.post(`/api/equipment/${laptop.json().id}/lend`, {
      agentId: expert.id,
      lentOn: "2020-03-17",
    });
    expect(again.statusCode).toBe(409);
    await t.admin.post(`/api/equipment/${laptop2.id}/lend`, { agentId: expert.id, lentOn: "2020-03-16" });
    await t.admin.post(`/api/equipment/${vpn.id}/lend`, { agentId: expert.id, lentOn: "2020-03-16" });

    const view = async (id: string) => (await t.admin.get(`/api/agents/${id}`)).json();
    expect(await view(novice.id)).toMatchObject({ equippedToTelework: true, missingKinds: [] });
    expect(await view(expert.id)).toMatchObject({ equippedToTelework: true, missingKinds: [] });
    expect((await t.admin.get(`/api/agents?serviceId=${service}&equipped=true`)).json().total).toBe(2);

    const early = await t.admin.post(`/api/equipment/${vpn.id}/return`, { returnedOn: "2020-03-01" });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0]).toMatchObject({ field: "returnedOn" });
    expect(
      (await t.admin.post(`/api/equipment/${vpn.id}/return`, { returnedOn: "2020-04-30" })).json().loan,
    ).toBeNull();
    expect(
      (await t.admin.post(`/api/equipment/${vpn.id}/return`, { returnedOn: "2020-05-01" })).statusCode,
    ).toBe(409);
    expect(await view(expert.id)).toMatchObject({ equippedToTelework: false, missingKinds: ["vpn"] });
    expect((await t.admin.get(`/api/agents?serviceId=${service}&equipped=false`)).json()).toMatchObject({
      total: 1,
      items: [{ id: expert.id }],
    });

    const loans = (await t.admin.get(`/api/agents/${expert.id}/equipment`)).json();
    expect(loans.total).toBe(2);
    expect(loans.items.find((l: { kind: string }) => l.kind === "vpn")).toMatchObject({
      returnedOn: "2020-04-30",
    });
    expect((await t.admin.get("/api/equipment?available=true")).json().total).toBe(1);
    expect((await t.admin.get("/api/equipment?kind=laptop")).json().total).toBe(2);
    expect(
      (await t.admin.post(`/api/equipment/${vpn.id}/lend`, { agentId: expert.id, lentOn: "2020-02-30" }))
        .statusCode,
    ).toBe(400);

    const manager = await t.signIn("service_manager", { serviceId: compta });
    expect(
      (await manager.post(`/api/equipment/${vpn.id}/lend`, { agentId: expert.id, lentOn: "2020-06-01" }))
        .statusCode,
    ).toBe(403);
    const agent = await t.signIn("agent", { agentId: expert.id });
    expect((await agent.get(`/api/agents/${expert.id}/equipment`)).json().total).toBe(2);
    expect((await agent.get(`/api/agents/${novice.id}/equipment`)).statusCode).toBe(403);
    expect((await agent.get("/api/equipment")).statusCode).toBe(403);
    const audit = (await t.admin.get("/api/audit?entity=equipment")).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain("return");
  });
});
