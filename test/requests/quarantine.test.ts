// Quarantined inbound mail: listed with its reason in the service's quarantine (not its queue),
// released into the queue or discarded (kept, closed, with the reason) by a manager of the service.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveEmail } from "../../src/server/requests/inbound/service.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { agentOf, buildServices, type Services } from "./factories.js";

let t: TestApp;
let s: Services;
beforeAll(async () => {
  t = await createTestApp();
  s = await buildServices(t);
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.testDb.database.db;

/** A message with an unknown charset, received for a service's mailbox: quarantined. */
async function brokenMail(serviceId: string, address: string, text: string) {
  const out = await receiveEmail(
    db(),
    { orgId: t.orgId, serviceId, address },
    {
      mailFrom: "x@example.fr",
      rcptTo: address,
      raw: Buffer.from(
        [
          "From: x@example.fr",
          `To: ${address}`,
          "Subject: Coupure",
          "Content-Type: text/plain; charset=x-klingon",
          "",
          text,
          "",
        ].join("\r\n"),
      ),
    },
  );
  expect(out.outcome).toBe("quarantined");
  return out.requestId;
}

describe("quarantine", () => {
  it("lists quarantined mail with its reason for the service only, out of the queue", async () => {
    const id = await brokenMail(s.social, "gestionsociale@oph.test", "Qapla' social");
    const manager = await t.signIn("service_manager", { serviceId: s.social });
    const list = (await manager.get("/api/requests?quarantined=true&open=true")).json();
    expect(list.items).toEqual([
      expect.objectContaining({ id, quarantineReason: expect.stringMatching(/jeu de caractères inconnu/) }),
    ]);
    expect((await manager.get("/api/requests?open=true")).json().items).toEqual([]);
    // Another service's manager and agent see neither the list entry nor the request.
    const other = await t.signIn("service_manager", { serviceId: s.locative });
    expect((await other.get("/api/requests?quarantined=true")).json().items).toEqual([]);
    expect((await other.get(`/api/requests/${id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/requests/${id}/discard`, { reason: "spam évident" })).statusCode).toBe(
      404,
    );
    const otherAgent = await agentOf(t, s.locative);
    expect((await otherAgent.get("/api/requests?quarantined=true")).json().items).toEqual([]);
  });

  it("discards with a reason (manager only), keeps the message, and can release it later", async () => {
    const id = await brokenMail(s.technique, "administratif.territoire@oph.test", "Qapla' technique");
    const agent = await agentOf(t, s.technique);
    // Agents see the quarantine of their service but do not decide.
    expect(
      (await agent.get("/api/requests?quarantined=true")).json().items.map((i: { id: string }) => i.id),
    ).toContain(id);
    const byAgent = await agent.post(`/api/requests/${id}/discard`, { reason: "publicité" });
    expect(byAgent.statusCode).toBe(403);
    const manager = await t.signIn("service_manager", { serviceId: s.technique });
    const short = await manager.post(`/api/requests/${id}/discard`, { reason: "x" });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0]).toMatchObject({
      field: "reason",
      message: "au moins 3 caractères",
    });
    const missing = await manager.post(`/api/requests/${id}/discard`, {});
    expect(missing.statusCode).toBe(400);

    const done = await manager.post(`/api/requests/${id}/discard`, { reason: "Publicité non sollicitée" });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: "closed",
      quarantineReason: expect.stringMatching(/x-klingon/),
      message: expect.stringContaining("Qapla' technique"),
    });
    expect(done.json().messages.at(-1)).toMatchObject({
      kind: "event",
      body: "Écartée depuis la quarantaine : Publicité non sollicitée",
    });
    // Out of the open quarantine, still in the whole quarantine, raw mail kept, audited.
    const open = (await manager.get("/api/requests?quarantined=true&open=true")).json();
    expect(open.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const all = (await manager.get("/api/requests?quarantined=true")).json();
    expect(all.items.map((i: { id: string }) => i.id)).toContain(id);
    const raw = await db()
      .selectFrom("inbound_emails")
      .select("raw")
      .where("request_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(raw.raw!).toString()).toContain("Qapla' technique");
    const audit = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", id)
      .where("action", "=", "discard")
      .execute();
    expect(audit).toHaveLength(1);
    const again = await manager.post(`/api/requests/${id}/discard`, { reason: "encore" });
    expect(again.statusCode).toBe(409);

    // Released later: it becomes a new request in the queue.
    const released = await manager.post(`/api/requests/${id}/release`, {});
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ status: "new", quarantineReason: null });
    const queue = (await manager.get("/api/requests?open=true")).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(id);
    const notQuarantined = await manager.post(`/api/requests/${id}/discard`, { reason: "trop tard" });
    expect(notQuarantined.statusCode).toBe(409);
    expect(notQuarantined.json().error.message).toBe("Cette demande n'est pas en quarantaine.");
  });

  it("refuses another organisation's request as unknown", async () => {
    const id = await brokenMail(s.siege, "siege@oph.test", "Qapla' siège");
    const otherOrg = await t.newOrg("Autre organisme");
    const stranger = await t.signIn("admin", { orgId: otherOrg });
    expect((await stranger.post(`/api/requests/${id}/discard`, { reason: "spam évident" })).statusCode).toBe(
      404,
    );
    expect((await stranger.post(`/api/requests/${id}/release`, {})).statusCode).toBe(404);
  });
});
