// Shared set-up of the people tests: the fixture's services and sites written straight to the
// database (the plan API is another capability), multipart bodies, and small row factories.
import { randomUUID } from "node:crypto";
import type { Client, TestApp } from "../helpers/app.js";

export const FIXTURES = "/work/shared/fixtures/hr";

export const FIXTURE_SERVICES = [
  "Direction générale",
  "Gestion Locative",
  "Gestion Sociale",
  "Comptabilité",
  "Systèmes d'information",
  "Habitat et Territoire",
];
export const FIXTURE_SITES = ["Siège - Toulouse", "Agence Nord - Blagnac", "Agence Sud - Muret"];

export async function addService(t: TestApp, name: string, parentId: string | null = null, orgId = t.orgId) {
  const id = randomUUID();
  await t.app.deps.database.db
    .insertInto("services")
    .values({ id, org_id: orgId, name, parent_id: parentId })
    .execute();
  return id;
}

export async function addSite(t: TestApp, name: string, orgId = t.orgId) {
  const id = randomUUID();
  await t.app.deps.database.db
    .insertInto("sites")
    .values({ id, org_id: orgId, name, capacity: 50 })
    .execute();
  return id;
}

export async function addSkill(t: TestApp, name: string) {
  const id = randomUUID();
  await t.app.deps.database.db.insertInto("skills").values({ id, org_id: t.orgId, name }).execute();
  return id;
}

export async function addActivity(
  t: TestApp,
  serviceId: string,
  opts: { skillIds?: string[]; kinds?: string[]; archived?: boolean } = {},
) {
  const id = randomUUID();
  const db = t.app.deps.database.db;
  await db
    .insertInto("activities")
    .values({
      id,
      org_id: t.orgId,
      service_id: serviceId,
      name: `Activité ${id.slice(0, 6)}`,
      criticality: 1,
      max_interruption_hours: 24,
      modes: ["remote"],
      equipment_kinds: opts.kinds ?? [],
      archived_at: opts.archived ? new Date() : null,
    })
    .execute();
  for (const skill_id of opts.skillIds ?? []) {
    await db.insertInto("activity_skills").values({ activity_id: id, skill_id }).execute();
  }
  return id;
}

export function multipart(
  file: { name: string; content: Buffer; type?: string } | null,
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----relais${randomUUID().replace(/-/g, "")}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${
          file.type ?? "application/octet-stream"
        }\r\n\r\n`,
      ),
      file.content,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

export function upload(
  c: Client,
  file: { name: string; content: Buffer } | null,
  fields: Record<string, string> = {},
) {
  const body = multipart(file, fields);
  return c.request({ method: "POST", url: "/api/agents/import", ...body });
}

let n = 0;
export async function createAgent(c: Client, serviceId: string, extra: Record<string, unknown> = {}) {
  n++;
  const res = await c.post("/api/agents", {
    staffNumber: `T${String(n).padStart(5, "0")}`,
    lastName: `Nom${n}`,
    firstName: `Prénom${n}`,
    serviceId,
    ...extra,
  });
  if (res.statusCode !== 201) throw new Error(`agent creation failed: ${res.body}`);
  return res.json() as {
    id: string;
    staffNumber: string;
    equippedToTelework: boolean;
    missingKinds: string[];
  };
}
