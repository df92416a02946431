// Access table: role × endpoint × relation (own service / other service) × expected status.
// The service manager is in charge of service A (and its sub-service A1); the agent works in A1;
// "own" activities are in A1, "other" ones in B. Every 403 must leave an access_denied audit row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserRole } from "../../src/server/db/schema.js";
import { type Client, createTestApp, type TestApp } from "../helpers/app.js";
import { type Made, makeActivity, makeAgent, makeService } from "./factories.js";

let t: TestApp;
let A: Made;
let A1: Made;
let B: Made;
const clients = {} as Record<UserRole, Client>;

beforeAll(async () => {
  t = await createTestApp();
  A = await makeService(t, { name: "Service A" });
  A1 = await makeService(t, { name: "Service A1", parentId: A.id });
  B = await makeService(t, { name: "Service B" });
  const agent = await makeAgent(t, { serviceId: A1.id });
  clients.admin = t.admin;
  clients.pca_manager = await t.signIn("pca_manager");
  clients.crisis_cell = await t.signIn("crisis_cell");
  clients.service_manager = await t.signIn("service_manager", { serviceId: A.id });
  clients.agent = await t.signIn("agent", { agentId: agent.id });
});
afterAll(async () => {
  await t?.close();
});

type Relation = "own" | "other";
type Endpoint = "get" | "create" | "patch" | "archive" | "restore";

/** [own service, other service] */
const ACTIVITY_ACCESS: Record<UserRole, Record<Endpoint, [number, number]>> = {
  admin: { get: [200, 200], create: [201, 201], patch: [200, 200], archive: [200, 200], restore: [200, 200] },
  pca_manager: {
    get: [200, 200],
    create: [201, 201],
    patch: [200, 200],
    archive: [200, 200],
    restore: [200, 200],
  },
  crisis_cell: {
    get: [200, 200],
    create: [403, 403],
    patch: [403, 403],
    archive: [403, 403],
    restore: [403, 403],
  },
  service_manager: {
    get: [200, 403],
    create: [201, 403],
    patch: [200, 403],
    archive: [200, 403],
    restore: [200, 403],
  },
  agent: { get: [200, 403], create: [403, 403], patch: [403, 403], archive: [403, 403], restore: [403, 403] },
};

const ROUTES: Record<Endpoint, { method: "GET" | "POST" | "PATCH"; route: string }> = {
  get: { method: "GET", route: "/api/activities/:id" },
  create: { method: "POST", route: "/api/activities" },
  patch: { method: "PATCH", route: "/api/activities/:id" },
  archive: { method: "POST", route: "/api/activities/:id/archive" },
  restore: { method: "POST", route: "/api/activities/:id/restore" },
};

const activityCases = Object.entries(ACTIVITY_ACCESS).flatMap(([role, endpoints]) =>
  Object.entries(endpoints).flatMap(([endpoint, [own, other]]) => [
    [role as UserRole, endpoint as Endpoint, "own" as Relation, own] as const,
    [role as UserRole, endpoint as Endpoint, "other" as Relation, other] as const,
  ]),
);

async function deniedCount(userId: string): Promise<{ total: number; last?: string }> {
  const res = (await t.admin.get(`/api/audit?action=access_denied&userId=${userId}&limit=1`)).json();
  return { total: res.total, last: res.items[0]?.entityId };
}

async function expectDeniedTraced(userId: string, before: number, method: string, route: string) {
  const after = await deniedCount(userId);
  expect(after.total).toBe(before + 1);
  expect(after.last).toBe(`${method} ${route}`);
}

describe("access to activities", () => {
  it.each(activityCases)("%s × %s × %s service → %i", async (role, endpoint, relation, expected) => {
    const client = clients[role];
    const serviceId = relation === "own" ? A1.id : B.id;
    const activity = await makeActivity(t, { serviceId, description: "avant" });
    if (endpoint === "restore") await t.admin.post(`/api/activities/${activity.id}/archive`);
    const { method, route } = ROUTES[endpoint];
    const url = route.replace(":id", activity.id);
    const before = await deniedCount(client.userId);
    const body =
      endpoint === "create"
        ? { serviceId, name: `Créée par ${role}`, criticality: 2, maxInterruptionHours: 8, modes: ["remote"] }
        : endpoint === "patch"
          ? { description: "après" }
          : undefined;
    const res =
      method === "GET"
        ? await client.get(url)
        : method === "PATCH"
          ? await client.patch(url, body)
          : await client.post(url, body);
    expect(res.statusCode, res.body).toBe(expected);
    if (expected === 403) {
      expect(res.json().error.code).toBe("forbidden");
      await expectDeniedTraced(client.userId, before.total, method, route);
      // Nothing changed.
      const stored = (await t.admin.get(`/api/activities/${activity.id}`)).json();
      expect(stored).toMatchObject({ description: "avant", archived: endpoint === "restore" });
    } else {
      expect((await deniedCount(client.userId)).total).toBe(before.total);
    }
  });

  /** Which of the services A, A1, B each role sees activities of. */
  const VISIBLE: [UserRole, ("A" | "A1" | "B")[]][] = [
    ["admin", ["A", "A1", "B"]],
    ["pca_manager", ["A", "A1", "B"]],
    ["crisis_cell", ["A", "A1", "B"]],
    ["service_manager", ["A", "A1"]],
    ["agent", ["A1"]],
  ];

  it.each(VISIBLE)("lists for %s only the activities of %j, totals included", async (role, visible) => {
    const marker = `Visibilité ${role}`;
    for (const [key, service] of [
      ["A", A],
      ["A1", A1],
      ["B", B],
    ] as const) {
      await makeActivity(t, { serviceId: service.id, name: `${marker} ${key}` });
    }
    const res = await clients[role].get(`/api/activities?q=${encodeURIComponent(marker)}&sort=name`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((a: { name: string }) => a.name)).toEqual(
      visible.map((k) => `${marker} ${k}`),
    );
    expect(res.json().total).toBe(visible.length);
    // Filtering on a service outside one's scope gives nothing rather than an error.
    const filtered = (
      await clients[role].get(`/api/activities?q=${encodeURIComponent(marker)}&serviceId=${B.id}`)
    ).json();
    expect(filtered.total).toBe(visible.includes("B") ? 1 : 0);
  });

  it("refuses a service manager moving their activity to another service", async () => {
    const activity = await makeActivity(t, { serviceId: A1.id });
    const res = await clients.service_manager.patch(`/api/activities/${activity.id}`, { serviceId: B.id });
    expect(res.statusCode).toBe(403);
    expect((await t.admin.get(`/api/activities/${activity.id}`)).json().serviceId).toBe(A1.id);
    const within = await clients.service_manager.patch(`/api/activities/${activity.id}`, { serviceId: A.id });
    expect(within.statusCode).toBe(200);
  });
});

/** Role × endpoint for the other plan and organisation endpoints. */
type Call = [string, "GET" | "POST" | "PATCH", string, () => unknown];
let seq = 0;
const CALLS: Call[] = [
  ["list services", "GET", "/api/services", () => undefined],
  ["create service", "POST", "/api/services", () => ({ name: `Service accès ${++seq}` })],
  ["list skills", "GET", "/api/skills", () => undefined],
  ["create skill", "POST", "/api/skills", () => ({ name: `Compétence accès ${++seq}` })],
  ["list applications", "GET", "/api/applications", () => undefined],
  ["create application", "POST", "/api/applications", () => ({ name: `Application accès ${++seq}` })],
  ["read organisation", "GET", "/api/org", () => undefined],
  ["change organisation", "PATCH", "/api/org", () => ({ timezone: "Europe/Paris" })],
  ["list accounts", "GET", "/api/users", () => undefined],
];
const ALL = ["admin", "pca_manager", "crisis_cell", "service_manager", "agent"] as const;
const EDITORS = ["admin", "pca_manager"];
const OTHER_ACCESS: Record<string, readonly string[]> = {
  "list services": ALL,
  "create service": EDITORS,
  "list skills": ALL,
  "create skill": EDITORS,
  "list applications": ALL,
  "create application": EDITORS,
  "read organisation": ALL,
  "change organisation": ["admin"],
  "list accounts": ["admin"],
};
const otherCases = ALL.flatMap((role) =>
  CALLS.map(([name, method, url, body]) => {
    const allowed = OTHER_ACCESS[name].includes(role);
    const status = !allowed ? 403 : method === "POST" ? 201 : 200;
    return [role, name, status, method, url, body] as const;
  }),
);

describe("access to the other plan and organisation endpoints", () => {
  it.each(otherCases)("%s × %s → %i", async (role, _name, status, method, url, body) => {
    const client = clients[role];
    const before = await deniedCount(client.userId);
    const res =
      method === "GET"
        ? await client.get(url)
        : method === "PATCH"
          ? await client.patch(url, body())
          : await client.post(url, body());
    expect(res.statusCode, res.body).toBe(status);
    if (status === 403) await expectDeniedTraced(client.userId, before.total, method, url);
  });
});
