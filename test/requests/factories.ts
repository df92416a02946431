// Services of an OPH-like organisation (head office, technical, social, rental) and helpers to
// post the public form as an anonymous visitor from a given address.
import type { LightMyRequestResponse } from "fastify";
import { newId } from "../../src/server/shared/ids.js";
import type { TestApp } from "../helpers/app.js";

export interface Services {
  siege: string;
  technique: string;
  social: string;
  locative: string;
  proximite: string;
}

export async function buildServices(t: TestApp, orgId = t.orgId, domain = "oph.test"): Promise<Services> {
  const db = t.testDb.database.db;
  const mk = async (name: string, mailbox: string, parent: string | null) => {
    const id = newId();
    await db
      .insertInto("services")
      .values({ id, org_id: orgId, name, parent_id: parent, mailbox: `${mailbox}@${domain}`, phone: null })
      .execute();
    return id;
  };
  const siege = await mk("Siège", "siege", null);
  const technique = await mk("Habitat et Territoire", "administratif.territoire", siege);
  const social = await mk("Gestion Sociale", "gestionsociale", siege);
  const locative = await mk("Gestion Locative", "gl", siege);
  const proximite = await mk("Proximité", "proximite", technique);
  return { siege, technique, social, locative, proximite };
}

export async function orgSlug(t: TestApp, orgId = t.orgId): Promise<string> {
  const o = await t.testDb.database.db
    .selectFrom("orgs")
    .select("slug")
    .where("id", "=", orgId)
    .executeTakeFirstOrThrow();
  return o.slug;
}

let ipCounter = 0;
/** A fresh client address for each caller (the rate limit is per address). */
export const freshIp = () => `10.${(++ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;

export function publicPost(
  t: TestApp,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: "POST",
    url,
    payload: body as object,
    headers: { "x-forwarded-for": freshIp(), ...headers },
  });
}

export const publicGet = (t: TestApp, url: string) => t.app.inject({ method: "GET", url });

/** A multipart body built by hand (fields and files), with its content type. */
export function multipart(
  fields: Record<string, string>,
  files: { field: string; filename: string; contentType: string; content: Buffer }[],
): { payload: Buffer; contentType: string } {
  const boundary = `----relais${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType}\r\n\r\n`,
      ),
      f.content,
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/** Signs in an agent whose agent record is in that service. */
export async function agentOf(t: TestApp, serviceId: string) {
  const id = newId();
  await t.testDb.database.db
    .insertInto("agents")
    .values({
      id,
      org_id: t.orgId,
      staff_number: `A-${id.slice(0, 8)}`,
      last_name: "Agent",
      first_name: "Test",
      service_id: serviceId,
      site_id: null,
      team: null,
      phone: null,
      email: `${id.slice(0, 8)}@agents.test`,
      hired_on: null,
    })
    .execute();
  return t.signIn("agent", { agentId: id });
}
