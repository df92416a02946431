// Retention: closed requests are anonymised after the organisation's period (clock injected).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMISED, runRetention } from "../../src/server/requests/jobs.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { buildServices, orgSlug, publicGet, publicPost } from "./factories.js";

let t: TestApp;
let org: string;
beforeAll(async () => {
  t = await createTestApp();
  await buildServices(t);
  org = await orgSlug(t);
});
afterAll(async () => {
  await t?.close();
});

describe("retention", () => {
  it("anonymises closed requests after N days, keeps open and recent ones", async () => {
    expect((await t.admin.put("/api/request-settings", { retentionDays: 30 })).statusCode).toBe(200);
    const mk = async (message: string) => {
      const r = (
        await publicPost(t, "/api/public/requests", {
          org,
          message,
          name: "Paul Locataire",
          email: "paul@example.fr",
          phone: "0600000000",
          address: "3 impasse des Roses",
          consent: true,
        })
      ).json();
      const id = (await t.admin.get(`/api/requests?q=${r.reference}`)).json().items[0].id as string;
      return { ...r, id };
    };
    const closed = await mk("Bruit de voisinage la nuit, je m'appelle Paul");
    const open = await mk("Demande toujours ouverte");
    await t.admin.post(`/api/requests/${closed.id}/replies`, {
      body: "Nous avons écrit au voisin.",
      status: "closed",
    });
    const now = Date.now();
    expect(await runRetention(t.testDb.database.db, new Date(now + 29 * 86_400_000))).toBe(0);
    expect(await runRetention(t.testDb.database.db, new Date(now + 31 * 86_400_000))).toBe(1);
    const d = (await t.admin.get(`/api/requests/${closed.id}`)).json();
    expect(d).toMatchObject({
      anonymised: true,
      message: ANONYMISED,
      requester: { name: null, email: null, phone: null, address: null },
    });
    expect(
      d.messages.every((m: { body: string }) => m.body === ANONYMISED || m.body.startsWith("Statut")),
    ).toBe(true);
    expect((await publicGet(t, `/api/public/requests/${closed.token}`)).statusCode).toBe(404);
    expect((await t.admin.get(`/api/requests/${open.id}`)).json()).toMatchObject({
      anonymised: false,
      requester: { name: "Paul Locataire" },
    });
    // Idempotent: nothing more to do.
    expect(await runRetention(t.testDb.database.db, new Date(now + 32 * 86_400_000))).toBe(0);
    const audit = (await t.admin.get("/api/audit?entity=request&action=anonymise")).json();
    expect(audit.items[0].after).toMatchObject({ count: 1, ids: [closed.id] });
  });
});
