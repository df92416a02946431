// Test application: real database, real Fastify app through inject(), and signed-in clients.
import type { LightMyRequestResponse } from "fastify";
import { loadConfig } from "../../src/server/config.js";
import type { UserRole } from "../../src/server/db/schema.js";
import { buildApp } from "../../src/server/http/app.js";
import type { App } from "../../src/server/http/types.js";
import { createOrg, createUser } from "../../src/server/orgs/service.js";
import { createTestDatabase, type TestDatabase } from "./db.js";

export const PASSWORD = "motdepasse-de-test-42";

export interface Client {
  userId: string;
  email: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  request(opts: {
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
    url: string;
    payload?: string | Buffer;
    headers?: Record<string, string>;
  }): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: App;
  testDb: TestDatabase;
  orgId: string;
  admin: Client;
  /** Creates a user of that role in the org (or another org) and signs them in. */
  signIn(
    role: UserRole,
    opts?: { serviceId?: string; agentId?: string; orgId?: string; email?: string },
  ): Promise<Client>;
  newOrg(name: string): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const config = loadConfig({
    RELAIS_LOG_LEVEL: "silent",
    RELAIS_DEMO: "0",
    RELAIS_WEB_DIST: "/nonexistent",
    ...env,
  });
  const app = await buildApp({ database: testDb.database, config });
  await app.ready();
  const db = testDb.database.db;
  const { id: orgId } = await createOrg(db, {
    name: `Org test ${++counter}-${Date.now()}`,
    type: "housing_office",
    timezone: "Europe/Paris",
  });

  const signInAs = async (email: string): Promise<Client> => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password: PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === "relais_session");
    if (!cookie) throw new Error("no session cookie");
    const body = res.json() as { csrfToken: string; user: { id: string } };
    const headers = { cookie: `relais_session=${cookie.value}`, "x-csrf-token": body.csrfToken };
    const send = (method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", url: string, payload?: unknown) =>
      app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    return {
      userId: body.user.id,
      email,
      get: (url) => send("GET", url),
      post: (url, b) => send("POST", url, b ?? {}),
      patch: (url, b) => send("PATCH", url, b ?? {}),
      put: (url, b) => send("PUT", url, b ?? {}),
      delete: (url) => send("DELETE", url),
      request: (o) =>
        app.inject({
          method: o.method,
          url: o.url,
          payload: o.payload,
          headers: { ...headers, ...o.headers },
        }),
    };
  };

  const signIn: TestApp["signIn"] = async (role, opts = {}) => {
    const email = opts.email ?? `${role}.${++counter}@test.relais`;
    await createUser(db, {
      orgId: opts.orgId ?? orgId,
      email,
      role,
      password: PASSWORD,
      serviceId: opts.serviceId ?? null,
      agentId: opts.agentId ?? null,
    });
    return signInAs(email);
  };

  const admin = await signIn("admin");
  return {
    app,
    testDb,
    orgId,
    admin,
    signIn,
    newOrg: async (name) => (await createOrg(db, { name, type: "departement", timezone: "Europe/Paris" })).id,
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}
