// Test factories for the plan: each builds the parents it needs when they are not given.
// Plan records go through the API (as the admin); agents are inserted directly (People owns them).
import { randomUUID } from "node:crypto";
import type { TestApp } from "../helpers/app.js";

let n = 0;
const unique = (prefix: string) => `${prefix} ${++n}-${randomUUID().slice(0, 6)}`;

async function created<T>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  if (res.statusCode !== 201) throw new Error(`factory: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

export interface Made {
  id: string;
  name: string;
}

export async function makeService(
  t: TestApp,
  opts: { name?: string; parentId?: string } = {},
): Promise<Made> {
  return created(await t.admin.post("/api/services", { name: opts.name ?? unique("Service"), ...opts }));
}

export async function makeSite(t: TestApp, opts: { name?: string; capacity?: number } = {}): Promise<Made> {
  return created(
    await t.admin.post("/api/sites", { name: opts.name ?? unique("Site"), capacity: opts.capacity ?? 10 }),
  );
}

export async function makeSkill(t: TestApp, name = unique("Compétence")): Promise<Made> {
  return created(await t.admin.post("/api/skills", { name }));
}

export async function makeApplication(t: TestApp, name = unique("Application")): Promise<Made> {
  return created(await t.admin.post("/api/applications", { name }));
}

export async function makeAgent(
  t: TestApp,
  opts: { serviceId?: string; orgId?: string; lastName?: string } = {},
): Promise<{ id: string; serviceId: string }> {
  const serviceId = opts.serviceId ?? (await makeService(t)).id;
  const id = randomUUID();
  await t.testDb.database.db
    .insertInto("agents")
    .values({
      id,
      org_id: opts.orgId ?? t.orgId,
      staff_number: `M${++n}-${id.slice(0, 8)}`,
      last_name: opts.lastName ?? "Martin",
      first_name: "Camille",
      service_id: serviceId,
    })
    .execute();
  return { id, serviceId };
}

export interface ActivityInput {
  serviceId?: string;
  siteId?: string | null;
  name?: string;
  description?: string;
  criticality?: number;
  maxInterruptionHours?: number;
  minOnSite?: number;
  minRemote?: number;
  modes?: string[];
  skillIds?: string[];
  applicationIds?: string[];
  equipmentKinds?: string[];
}

export async function makeActivity(
  t: TestApp,
  input: ActivityInput = {},
): Promise<Made & { serviceId: string }> {
  const serviceId = input.serviceId ?? (await makeService(t)).id;
  return created(
    await t.admin.post("/api/activities", {
      name: unique("Activité"),
      criticality: 2,
      maxInterruptionHours: 24,
      modes: ["on_site", "remote"],
      ...input,
      serviceId,
    }),
  );
}
