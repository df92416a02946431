// Inbound e-mail through a real SMTP conversation: nodemailer (client) → Relais's listener.
import nodemailer, { type Transporter } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InboundListener, startInboundSmtp } from "../../src/server/requests/inbound/smtp.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { buildServices, PDF, type Services } from "./factories.js";

let t: TestApp;
let s: Services;
let smtp: InboundListener;
let client: Transporter;
beforeAll(async () => {
  t = await createTestApp();
  s = await buildServices(t);
  smtp = await startInboundSmtp({ db: t.testDb.database.db, port: 0, host: "127.0.0.1", maxBytes: 200_000 });
  client = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true });
});
afterAll(async () => {
  client?.close();
  await smtp?.close();
  await t?.close();
});

const db = () => t.testDb.database.db;
const requestByRef = (reference: string) =>
  db().selectFrom("requests").selectAll().where("reference", "=", reference).executeTakeFirstOrThrow();
const lastInbound = () =>
  db()
    .selectFrom("inbound_emails")
    .selectAll()
    .orderBy("received_at", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();

describe("inbound e-mail", () => {
  it("turns a message to a service's address into a request of that service, with its attachment", async () => {
    const info = await client.sendMail({
      from: "Jean Martin <jean.martin@example.fr>",
      to: "gestionsociale@oph.test",
      subject: "Échéancier pour mon loyer",
      text: "Bonjour, je souhaite mettre en place un échéancier. Cordialement.",
      attachments: [{ filename: "avis.pdf", content: PDF, contentType: "application/pdf" }],
    });
    expect(info.response).toMatch(/^250 .*REL-\d{4}-\d{6}/);
    const reference = /REL-\d{4}-\d{6}/.exec(info.response ?? "")![0];
    const r = await requestByRef(reference);
    expect(r).toMatchObject({
      channel: "email",
      service_id: s.social,
      requester_email: "jean.martin@example.fr",
      requester_name: "Jean Martin",
      subject: "Échéancier pour mon loyer",
      to_address: "gestionsociale@oph.test",
      quarantine_reason: null,
    });
    const detail = (await t.admin.get(`/api/requests/${r.id}`)).json();
    expect(detail.attachments).toEqual([
      expect.objectContaining({ filename: "avis.pdf", quarantineReason: null }),
    ]);
    expect((await lastInbound()).outcome).toBe("new_request");
  });

  it("joins a reply carrying the reference to its request; a forged reference opens a flagged request", async () => {
    const first = await client.sendMail({
      from: "marie.durand@example.fr",
      to: "gl@oph.test",
      subject: "Demande de mutation",
      text: "Je souhaite changer de logement, mon T2 est trop petit.",
    });
    const reference = /REL-\d{4}-\d{6}/.exec(first.response ?? "")![0];
    const r = await requestByRef(reference);
    // Staff reply goes out through the outbox with the reference in the subject.
    await t.admin.post(`/api/requests/${r.id}/replies`, { body: "Merci d'envoyer votre avis d'imposition." });
    const reply = await client.sendMail({
      from: "Marie Durand <MARIE.DURAND@example.fr>",
      to: "gl@oph.test",
      subject: `RE: [${reference}] Réponse à votre demande`,
      text: "Voici mon avis d'imposition.",
      attachments: [
        { filename: "avis.exe", content: Buffer.from("MZ"), contentType: "application/octet-stream" },
      ],
    });
    expect(reply.response).toContain(reference);
    const detail = (await t.admin.get(`/api/requests/${r.id}`)).json();
    expect(detail.status).toBe("in_progress");
    expect(detail.messages.at(-1)).toMatchObject({
      kind: "requester",
      channel: "email",
      body: "Voici mon avis d'imposition.",
    });
    // The refused file type is kept, in quarantine, with the reason.
    expect(detail.attachments).toEqual([
      expect.objectContaining({ filename: "avis.exe", quarantineReason: expect.stringMatching(/type/) }),
    ]);
    expect((await lastInbound()).outcome).toBe("joined");

    const forged = await client.sendMail({
      from: "intrus@example.com",
      to: "gl@oph.test",
      subject: `[${reference}] Changement de coordonnées bancaires`,
      text: "Merci de noter mon nouveau RIB.",
    });
    const forgedRef = /REL-\d{4}-\d{6}/.exec(forged.response ?? "")![0];
    expect(forgedRef).not.toBe(reference);
    const flagged = await requestByRef(forgedRef);
    expect(flagged.review_reason).toMatch(/autre que celle du demandeur/);
    expect(flagged.related_request_id).toBe(r.id);
    const original = (await t.admin.get(`/api/requests/${r.id}`)).json();
    expect(JSON.stringify(original.messages)).not.toMatch(/RIB/);
  });

  it("quarantines broken MIME and unknown charsets with the reason, never drops them", async () => {
    const broken = await client.sendMail({
      envelope: { from: "a@example.fr", to: ["siege@oph.test"] },
      raw: [
        "From: a@example.fr",
        "To: siege@oph.test",
        "Subject: Coupure",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="XYZ"',
        "",
        "--XYZ",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Plus d'eau chaude depuis hier",
        "",
      ].join("\r\n"),
    });
    const ref1 = /REL-\d{4}-\d{6}/.exec(broken.response ?? "")![0];
    const r1 = await requestByRef(ref1);
    expect(r1.quarantine_reason).toMatch(/MIME invalide/);
    expect(r1.message).toContain("Plus d'eau chaude");
    const charset = await client.sendMail({
      envelope: { from: "b@example.fr", to: ["siege@oph.test"] },
      raw: [
        "From: b@example.fr",
        "To: siege@oph.test",
        "Subject: =?x-klingon?Q?Bonjour?=",
        "Content-Type: text/plain; charset=x-klingon",
        "",
        "Qapla'",
        "",
      ].join("\r\n"),
    });
    const r2 = await requestByRef(/REL-\d{4}-\d{6}/.exec(charset.response ?? "")![0]);
    expect(r2.quarantine_reason).toMatch(/jeu de caractères inconnu : x-klingon/);
    const stored = await lastInbound();
    expect(stored).toMatchObject({ outcome: "quarantined", request_id: r2.id });
    expect(Buffer.from(stored.raw!).toString()).toContain("Qapla'");
    // In the quarantine view of the head office, not in its queue.
    const q = (await t.admin.get(`/api/requests?serviceId=${s.siege}&quarantined=true`)).json();
    expect(q.items.map((i: { reference: string }) => i.reference)).toEqual(
      expect.arrayContaining([ref1, r2.reference]),
    );
  });

  it("refuses unknown recipients and oversized messages during the conversation", async () => {
    await expect(
      client.sendMail({ from: "c@example.fr", to: "personne@oph.test", subject: "x", text: "x" }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      client.sendMail({
        from: "c@example.fr",
        to: "siege@oph.test",
        subject: "gros",
        text: "x".repeat(300_000),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
  });

  it("alerts on urgent mail like any other channel", async () => {
    const res = await client.sendMail({
      from: "d@example.fr",
      to: "siege@oph.test",
      subject: "URGENT",
      text: "jsuis a la rue avec mes 2 enfants depuis ce matin",
    });
    const r = await requestByRef(/REL-\d{4}-\d{6}/.exec(res.response ?? "")![0]);
    expect(r).toMatchObject({ urgent: true, priority: "urgent" });
    const alert = await db()
      .selectFrom("outbox_messages")
      .select("subject")
      .where("key", "=", `request_urgent:${r.id}`)
      .executeTakeFirst();
    expect(alert?.subject).toBe(`[${r.reference}] Demande urgente — Siège`);
  });
});
