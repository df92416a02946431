import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, PASSWORD, type TestApp } from "../helpers/app.js";
import { makeAgent, makeService } from "../plan/factories.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const login = (email: string, password = PASSWORD) =>
  t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });

describe("accounts", () => {
  it("creates accounts of every kind and lists them without password hashes", async () => {
    const service = await makeService(t, { name: "Gestion locative" });
    const agent = await makeAgent(t, { serviceId: service.id, lastName: "Durand" });
    const manager = await t.admin.post("/api/users", {
      email: "Responsable@Test.Relais",
      role: "service_manager",
      displayName: "Claire Responsable",
      serviceId: service.id,
      password: PASSWORD,
    });
    expect(manager.statusCode).toBe(201);
    expect(manager.json()).toMatchObject({
      role: "service_manager",
      displayName: "Claire Responsable",
      service: { id: service.id, name: "Gestion locative" },
      disabled: false,
    });
    const agentAccount = await t.admin.post("/api/users", {
      email: "agent.durand@test.relais",
      role: "agent",
      agentId: agent.id,
      password: PASSWORD,
    });
    expect(agentAccount.statusCode).toBe(201);
    expect(agentAccount.json()).toMatchObject({ agent: { id: agent.id, name: "Camille Durand" } });
    expect((await login("agent.durand@test.relais")).statusCode).toBe(200);

    const list = await t.admin.get("/api/users?sort=email");
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(3);
    expect(list.body).not.toMatch(/password|argon/i);
    expect(
      (await t.admin.get("/api/users?role=agent")).json().items.map((u: { email: string }) => u.email),
    ).toEqual(["agent.durand@test.relais"]);
    expect((await t.admin.get("/api/users?q=claire")).json().total).toBe(1);
    expect((await t.admin.get("/api/users?limit=1&offset=2")).json()).toMatchObject({ total: 3 });
    const audit = (await t.admin.get("/api/audit?entity=user&action=create")).json().items[0];
    expect(audit).toMatchObject({ userId: t.admin.userId, entityId: agentAccount.json().id });
  });

  it("explains bad input", async () => {
    const service = await makeService(t);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ email: "pas-une-adresse", role: "pca_manager" }, 400, "email"],
      [{ email: "x@test.relais", role: "roi" }, 400, "role"],
      [{ email: "x@test.relais", role: "service_manager" }, 400, "serviceId"],
      [{ email: "x@test.relais", role: "agent" }, 400, "agentId"],
      [
        { email: "x@test.relais", role: "agent", agentId: "00000000-0000-4000-8000-000000000000" },
        400,
        "agentId",
      ],
      [{ email: "x@test.relais", role: "pca_manager", password: "court" }, 400, "password"],
      [{ email: "x@test.relais", role: "pca_manager", passwordHash: "x" }, 400, "passwordHash"],
      [{ email: t.admin.email.toUpperCase(), role: "pca_manager" }, 409, ""],
      [
        {
          email: "y@test.relais",
          role: "service_manager",
          serviceId: "00000000-0000-4000-8000-000000000000",
        },
        400,
        "serviceId",
      ],
    ];
    for (const [body, status, field] of cases) {
      const res = await t.admin.post("/api/users", { password: PASSWORD, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      if (field) expect(res.json().error.details[0]?.field, JSON.stringify(body)).toBe(field);
    }
    const agent = await makeAgent(t, { serviceId: service.id });
    await t.admin.post("/api/users", {
      email: "a1@test.relais",
      role: "agent",
      agentId: agent.id,
      password: PASSWORD,
    });
    const second = await t.admin.post("/api/users", {
      email: "a2@test.relais",
      role: "agent",
      agentId: agent.id,
      password: PASSWORD,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(/a1@test.relais/);
  });

  it("audits a role grant as a role change and applies it at once", async () => {
    const user = await t.signIn("crisis_cell");
    expect((await user.post("/api/sites", { name: "Interdit", capacity: 1 })).statusCode).toBe(403);
    const res = await t.admin.patch(`/api/users/${user.userId}`, { role: "pca_manager" });
    expect(res.statusCode).toBe(200);
    expect(res.json().role).toBe("pca_manager");
    const audit = (await t.admin.get(`/api/audit?entity=user&action=role_change`)).json().items[0];
    expect(audit).toMatchObject({ entityId: user.userId, userId: t.admin.userId });
    expect(audit.before.role).toBe("crisis_cell");
    expect(audit.after.role).toBe("pca_manager");
    expect((await user.post("/api/sites", { name: "Permis", capacity: 1 })).statusCode).toBe(201);

    const rename = await t.admin.patch(`/api/users/${user.userId}`, { displayName: "Nouveau nom" });
    expect(rename.json().displayName).toBe("Nouveau nom");
    expect((await t.admin.get(`/api/audit?entity=user&limit=1`)).json().items[0].action).toBe("update");

    const noService = await t.admin.patch(`/api/users/${user.userId}`, { role: "service_manager" });
    expect(noService.statusCode).toBe(400);
    expect(noService.json().error.details[0].field).toBe("serviceId");
  });

  it("disables an account, ending its sessions immediately, and enables it again", async () => {
    const user = await t.signIn("pca_manager");
    expect((await user.get("/api/sites")).statusCode).toBe(200);
    const res = await t.admin.post(`/api/users/${user.userId}/disable`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ disabled: true });
    expect((await user.get("/api/sites")).statusCode).toBe(401);
    const sessions = await t.testDb.database.db
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", user.userId)
      .execute();
    expect(sessions).toHaveLength(0);
    expect((await login(user.email)).statusCode).toBe(401);
    expect(
      (await t.admin.get("/api/users?disabled=true")).json().items.map((u: { id: string }) => u.id),
    ).toEqual([user.userId]);
    expect((await t.admin.post(`/api/users/${user.userId}/enable`)).json().disabled).toBe(false);
    expect((await login(user.email)).statusCode).toBe(200);
    const actions = (await t.admin.get(`/api/audit?entity=user&limit=2`))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(["enable", "disable"]);
  });

  it("keeps the organisation administered", async () => {
    const self = await t.admin.post(`/api/users/${t.admin.userId}/disable`);
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toMatch(/propre compte/);
    const demote = await t.admin.patch(`/api/users/${t.admin.userId}`, { role: "pca_manager" });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.message).toMatch(/dernier administrateur/);
    const second = await t.signIn("admin");
    expect((await t.admin.patch(`/api/users/${second.userId}`, { role: "crisis_cell" })).statusCode).toBe(
      200,
    );
  });

  it("never shows another organisation's accounts", async () => {
    const other = await t.newOrg("Autre organisation comptes");
    const outsider = await t.signIn("admin", { orgId: other });
    const list = (await outsider.get("/api/users")).json();
    expect(list.total).toBe(1);
    expect(list.items[0].id).toBe(outsider.userId);
    expect((await outsider.get(`/api/users/${t.admin.userId}`)).statusCode).toBe(404);
    expect((await outsider.patch(`/api/users/${t.admin.userId}`, { role: "agent" })).statusCode).toBe(404);
    expect((await outsider.post(`/api/users/${t.admin.userId}/disable`)).statusCode).toBe(404);
    const mineService = await makeService(t);
    const foreign = await outsider.post("/api/users", {
      email: "intrus@test.relais",
      role: "service_manager",
      serviceId: mineService.id,
      password: PASSWORD,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].field).toBe("serviceId");
  });
});
