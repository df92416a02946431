import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/server/config.js";
import { addDays } from "../../src/server/dashboard/figures.js";
import { todayIn } from "../../src/server/dashboard/service.js";
import { DEMO_DAYS, ensureDemoData } from "../../src/server/demo/seed.js";
import { buildApp } from "../../src/server/http/app.js";
import type { App } from "../../src/server/http/types.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";

const PASSWORD = "mot-de-passe-demo-2020";
let testDb: TestDatabase;
let app: App;
let result: Awaited<ReturnType<typeof ensureDemoData>>;
let seconds = 0;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const start = performance.now();
  result = await ensureDemoData(testDb.database.db, { password: PASSWORD });
  seconds = (performance.now() - start) / 1000;
  app = await buildApp({
    database: testDb.database,
    config: loadConfig({ RELAIS_LOG_LEVEL: "silent", RELAIS_DEMO: "0", RELAIS_WEB_DIST: "/nonexistent" }),
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

const count = async (table: string) =>
  Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(testDb.database.db))
      .rows[0].n,
  );

async function signIn(email: string) {
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password: PASSWORD },
  });
  const cookie = res.cookies.find((c) => c.name === "relais_session");
  return { status: res.statusCode, cookie: cookie ? `relais_session=${cookie.value}` : "" };
}

describe("demo data", () => {
  it("loads the OPH organisation once, with the announced sizes", async () => {
    expect(result).toEqual({
      orgName: "Office public de l'habitat (démo)",
      password: PASSWORD,
      accounts: [
        { role: "admin", email: "admin@relais.test" },
        { role: "pca_manager", email: "pca@relais.test" },
        { role: "crisis_cell", email: "cellule@relais.test" },
        { role: "service_manager", email: "service@relais.test" },
        { role: "agent", email: "agent@relais.test" },
      ],
    });
    process.stdout.write(`demo seed: ${seconds.toFixed(2)} s\n`);
    expect(await ensureDemoData(testDb.database.db, { password: PASSWORD })).toBeNull();
    expect(await count("orgs")).toBe(1);
    expect(await count("agents")).toBe(300);
    expect(await count("sites")).toBe(2);
    expect(await count("activities")).toBeGreaterThanOrEqual(25);
    const db = testDb.database.db;
    const withMailbox = await db
      .selectFrom("services")
      .select("name")
      .where("mailbox", "is not", null)
      .execute();
    expect(withMailbox.map((s) => s.name).sort()).toEqual([
      "Comptabilité",
      "Demandes techniques urgentes",
      "Direction générale - Siège",
      "Gestion locative",
      "Gestion sociale",
      "Habitat et Territoire",
    ]);
    const days = await sql<{ n: number }>`SELECT count(DISTINCT day)::int AS n FROM daily_statuses`.execute(
      db,
    );
    expect(days.rows[0].n).toBe(DEMO_DAYS);
    expect(await count("daily_statuses")).toBeGreaterThan(300 * DEMO_DAYS * 0.95);
    expect(await count("agent_skills")).toBeGreaterThan(300);
    expect(await count("equipment_loans")).toBeGreaterThan(150);
    expect(await count("users")).toBe(5);
  });

  it("lets every demo account sign in, and shows a plausible dashboard", async () => {
    for (const a of result?.accounts ?? []) expect((await signIn(a.email)).status).toBe(200);
    const { cookie } = await signIn("admin@relais.test");
    const res = await app.inject({ method: "GET", url: "/api/dashboard", headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.day).toBe(todayIn("Europe/Paris"));
    expect(body.agents).toBe(300);
    expect(body.today.notRecorded).toBeGreaterThan(0);
    expect(body.today.byStatus.telework).toBeGreaterThan(body.today.byStatus.on_site);
    expect(body.today.byStatus.sick + body.today.byStatus.childcare).toBeGreaterThan(0);
    // The equipped curve rises from the lockdown.
    const curve = body.equipped.map((e: { count: number }) => e.count);
    expect(curve[curve.length - 1]).toBeGreaterThan(curve[0] * 3);
    expect(body.shortfalls.length).toBeGreaterThanOrEqual(1);
    // Before the lockdown, most people were on site.
    expect(body.history[0].byStatus.on_site).toBeGreaterThan(200);
    const service = await signIn("service@relais.test");
    const scoped = await app.inject({
      method: "GET",
      url: "/api/dashboard",
      headers: { cookie: service.cookie },
    });
    expect(scoped.json()).toMatchObject({ scope: "services", agents: 135 });
  });

  it("gives the demo agent on-site days once a roster is computed, and ready crisis scenarios", async () => {
    const session = async (email: string) => {
      const res = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email, password: PASSWORD },
      });
      const cookie = res.cookies.find((c) => c.name === "relais_session");
      const headers = { cookie: `relais_session=${cookie?.value}`, "x-csrf-token": res.json().csrfToken };
      return {
        get: (url: string) => app.inject({ method: "GET", url, headers }),
        post: (url: string, payload: object) => app.inject({ method: "POST", url, headers, payload }),
      };
    };
    const admin = await session("admin@relais.test");
    const scenarios = (await admin.get("/api/crisis/scenarios")).json();
    const names = (scenarios.items ?? scenarios).map((x: { name: string }) => x.name);
    expect(names).toContain("Siège fermé 14 jours");
    const sites = (await admin.get("/api/sites?limit=50")).json().items.map((x: { id: string }) => x.id);
    const today = todayIn("Europe/Paris");
    const period = await admin.post("/api/rosters", {
      name: "Semaine prochaine",
      siteIds: sites,
      startDate: addDays(today, 1),
      endDate: addDays(today, 7),
    });
    expect(period.statusCode, period.body).toBe(201);
    const agent = await session("agent@relais.test");
    const me = (await agent.get("/api/me/roster-requests")).json();
    expect(me.items.length).toBeGreaterThanOrEqual(2);
    const agentId = me.items[0].agentId;
    const row = period.json().agents.find((a: { id: string }) => a.id === agentId);
    expect(row.qualified.length).toBeGreaterThan(0);
    const draft = await admin.post(`/api/rosters/${period.json().id}/solve`, { seconds: 2, seed: 1 });
    expect(draft.statusCode, draft.body).toBe(201);
    const pub = await admin.post(`/api/rosters/${period.json().id}/versions/${draft.json().id}/publish`, {});
    expect(pub.statusCode, pub.body).toBe(200);
    const schedule = (
      await agent.get(`/api/me/schedule?from=${addDays(today, 1)}&to=${addDays(today, 7)}`)
    ).json();
    expect(schedule.items.length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it("is fast enough to run at start", () => {
    expect(seconds).toBeLessThan(30); // about 1-2 s on an idle machine; generous for loaded CI runners
  });
});
