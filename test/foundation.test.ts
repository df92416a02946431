import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_ROUTES } from "../src/server/http/access.js";
import { createTestApp, PASSWORD, type TestApp } from "./helpers/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("server basics", () => {
  it("answers health and readiness", async () => {
    expect((await t.app.inject("/healthz")).json()).toEqual({ status: "ok" });
    const ready = await t.app.inject("/readyz");
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe("ready");
  });

  it("serves the OpenAPI document", async () => {
    const res = await t.app.inject("/api/docs/json");
    expect(res.statusCode).toBe(200);
    expect(res.json().paths["/api/auth/login"]).toBeDefined();
  });

  it("gives unknown API paths a JSON 404", async () => {
    const res = await t.admin.get("/api/nope");
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("not_found");
  });

  it("declares access on every API route and keeps public routes on the written list", () => {
    const routes = t.app.routeList;
    for (const r of routes) {
      if (r.method === "HEAD" || !r.url.startsWith("/api/") || r.url.startsWith("/api/docs")) continue;
      expect(r.access, `${r.method} ${r.url}`).toBeDefined();
      if (r.access === "public") expect(PUBLIC_ROUTES).toContain(`${r.method} ${r.url}`);
    }
    expect(routes.length).toBeGreaterThan(3);
  });
});

describe("sign-in", () => {
  it("refuses a wrong password with the same message as an unknown address", async () => {
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: t.admin.email, password: "nope-nope-nope" },
    });
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "ghost@test.relais", password: "nope-nope-nope" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it("throttles repeated failures for one address", async () => {
    const user = await t.signIn("crisis_cell");
    let last = 0;
    for (let i = 0; i < 6; i++) {
      last = (
        await t.app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { email: user.email, password: "bad-password" },
        })
      ).statusCode;
    }
    expect(last).toBe(429);
    const blocked = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: user.email, password: PASSWORD },
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers["retry-after"]).toBeDefined();
  });

  it("sets an HttpOnly SameSite cookie and a fresh session at each sign-in", async () => {
    const user = await t.signIn("pca_manager");
    const a = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: user.email, password: PASSWORD },
    });
    const b = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: user.email, password: PASSWORD },
    });
    const ca = a.cookies.find((c) => c.name === "relais_session")!;
    const cb = b.cookies.find((c) => c.name === "relais_session")!;
    expect(ca.httpOnly).toBe(true);
    expect(ca.sameSite).toBe("Lax");
    expect(ca.value).not.toBe(cb.value);
    expect(ca.value.length).toBeGreaterThanOrEqual(43);
  });

  it("requires the CSRF token on state-changing requests and ends the session at sign-out", async () => {
    const user = await t.signIn("pca_manager");
    const noCsrf = await user.request({
      method: "POST",
      url: "/api/auth/logout",
      headers: { "x-csrf-token": "forged" },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe("csrf_failed");
    expect((await user.post("/api/auth/logout")).statusCode).toBe(204);
    expect((await user.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("answers malformed JSON and unknown fields with 400 naming the problem", async () => {
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: "{bad",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("invalid_body");
    const extra = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "a@b.fr", password: "x", admin: true },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.details[0].field).toBe("admin");
    const proto = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: '{"__proto__":{"x":1},"email":"a@b.fr","password":"x"}',
    });
    expect(proto.statusCode).toBe(400);
  });
});

describe("audit", () => {
  it("lets admins browse the audit log and refuses others with a trace", async () => {
    const log = await t.admin.get("/api/audit?limit=5");
    expect(log.statusCode).toBe(200);
    expect(log.json().items.length).toBeGreaterThan(0);
    const cell = await t.signIn("crisis_cell");
    expect((await cell.get("/api/audit")).statusCode).toBe(403);
    const after = await t.admin.get("/api/audit?action=access_denied");
    expect(after.json().items.some((e: { userId: string }) => e.userId === cell.userId)).toBe(true);
  });
});
