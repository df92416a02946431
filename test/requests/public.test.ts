import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import {
  buildServices,
  freshIp,
  multipart,
  orgSlug,
  PDF,
  publicGet,
  publicPost,
  type Services,
} from "./factories.js";

let t: TestApp;
let s: Services;
let org: string;
beforeAll(async () => {
  t = await createTestApp();
  s = await buildServices(t);
  org = await orgSlug(t);
});
afterAll(async () => {
  await t?.close();
});

const form = (extra: Record<string, unknown> = {}) => ({
  org,
  category: "Question sur mon loyer",
  message: "Bonjour, je voudrais savoir quand sera prélevé le loyer de ce mois-ci.",
  name: "Mme Claire Dupont",
  email: "claire.dupont@example.fr",
  consent: true,
  ...extra,
});

describe("public form", () => {
  it("answers a reference and a private follow-up link, and the request lands in a queue", async () => {
    const res = await publicPost(t, "/api/public/requests", form());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.reference).toMatch(/^REL-\d{4}-\d{6}$/);
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.followUpUrl).toBe(`/suivi/${body.token}`);
    const follow = await publicGet(t, `/api/public/requests/${body.token}`);
    expect(follow.statusCode).toBe(200);
    expect(follow.json()).toMatchObject({
      reference: body.reference,
      status: "new",
      statusLabel: "Reçue",
      messages: [],
    });
    const queue = await t.admin.get(`/api/requests?serviceId=${s.siege}`);
    expect(queue.json().items.map((r: { reference: string }) => r.reference)).toContain(body.reference);
  });

  it("replays the first answer for the same Idempotency-Key, refuses it for another content", async () => {
    const key = "cle-idempotence-0001";
    const ip = freshIp();
    const first = await publicPost(t, "/api/public/requests", form(), {
      "idempotency-key": key,
      "x-forwarded-for": ip,
    });
    const again = await publicPost(t, "/api/public/requests", form(), {
      "idempotency-key": key,
      "x-forwarded-for": ip,
    });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const other = await publicPost(t, "/api/public/requests", form({ message: "Autre chose" }), {
      "idempotency-key": key,
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe("idempotency_key_reused");
    // Concurrent copies of one POST: one request, one answer.
    const key2 = "cle-idempotence-0002";
    const copies = await Promise.all(
      [1, 2, 3, 4].map(() =>
        publicPost(t, "/api/public/requests", form({ message: "Envoi en double" }), {
          "idempotency-key": key2,
        }),
      ),
    );
    expect(copies.map((c) => c.statusCode)).toEqual([201, 201, 201, 201]);
    expect(new Set(copies.map((c) => c.json().reference)).size).toBe(1);
    const n = await t.testDb.database.db
      .selectFrom("requests")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("message", "=", "Envoi en double")
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it("keeps a honeypot submission in quarantine, out of the queue", async () => {
    const res = await publicPost(
      t,
      "/api/public/requests",
      form({ website: "http://spam.example", message: "Achetez maintenant" }),
    );
    expect(res.statusCode).toBe(201);
    const ref = res.json().reference;
    const queue = await t.admin.get("/api/requests?limit=500");
    expect(queue.json().items.map((r: { reference: string }) => r.reference)).not.toContain(ref);
    const quarantine = await t.admin.get("/api/requests?quarantined=true");
    const item = quarantine.json().items.find((r: { reference: string }) => r.reference === ref);
    expect(item.quarantineReason).toMatch(/piège/);
    const released = await t.admin.post(`/api/requests/${item.id}/release`);
    expect(released.statusCode).toBe(200);
    expect(released.json().quarantineReason).toBeNull();
  });

  it("limits submissions per client address with 429 and Retry-After", async () => {
    const ip = freshIp();
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await publicPost(t, "/api/public/requests", form({ message: `Envoi ${i}` }), {
        "x-forwarded-for": ip,
      });
      codes.push(r.statusCode);
      if (r.statusCode === 429) {
        expect(Number(r.headers["retry-after"])).toBeGreaterThan(0);
        expect(r.json().error.message).toMatch(/Trop d'envois/);
      }
    }
    expect(codes.slice(0, 10).every((c) => c === 201)).toBe(true);
    expect(codes[10]).toBe(429);
    // Another address is not affected.
    expect((await publicPost(t, "/api/public/requests", form())).statusCode).toBe(201);
  });

  it("keeps every rule when submissions arrive together (group commit)", async () => {
    const db = t.testDb.database.db;
    const before = await db
      .selectFrom("requests")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const crowded = freshIp();
    const key = `cle-simultanee-${Date.now()}`;
    const posts = [
      // 24 people at once, each once.
      ...Array.from({ length: 24 }, (_, i) =>
        publicPost(t, "/api/public/requests", form({ message: `Seul ${i}` })),
      ),
      // One address sending 13 at once: 10 are stored, 3 refused.
      ...Array.from({ length: 13 }, (_, i) =>
        publicPost(t, "/api/public/requests", form({ message: `Rafale ${i}` }), {
          "x-forwarded-for": crowded,
        }),
      ),
      // The same POST sent three times at once: one request, one answer.
      ...Array.from({ length: 3 }, () =>
        publicPost(t, "/api/public/requests", form({ message: "Envoi répété" }), { "idempotency-key": key }),
      ),
    ];
    const res = await Promise.all(posts);
    const alone = res.slice(0, 24);
    const burst = res.slice(24, 37);
    const repeated = res.slice(37);
    expect(alone.map((r) => r.statusCode)).toEqual(Array(24).fill(201));
    expect(burst.filter((r) => r.statusCode === 201)).toHaveLength(10);
    expect(burst.filter((r) => r.statusCode === 429)).toHaveLength(3);
    expect(repeated.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(repeated.map((r) => r.json().reference)).size).toBe(1);
    expect(new Set(repeated.map((r) => r.json().token)).size).toBe(1);
    const references = [...alone, ...burst.filter((r) => r.statusCode === 201), repeated[0]!].map(
      (r) => r.json().reference as string,
    );
    expect(new Set(references).size).toBe(35);
    const after = await db
      .selectFrom("requests")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(35);
    const audited = await db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("entity", "=", "request")
      .where("action", "=", "create")
      .where((eb) => eb.ref("after", "->>").key("reference" as never), "in", references)
      .executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(35);
    // Each answer's link opens its own request.
    for (const r of [alone[0]!, burst.find((x) => x.statusCode === 201)!, repeated[2]!]) {
      const follow = await publicGet(t, `/api/public/requests/${r.json().token}`);
      expect(follow.json().reference).toBe(r.json().reference);
    }
  });

  it("refuses bad input with the field named", async () => {
    const noMsg = await publicPost(t, "/api/public/requests", { org, consent: true });
    expect(noMsg.statusCode).toBe(400);
    expect(noMsg.json().error.details[0].field).toBe("message");
    const huge = await publicPost(t, "/api/public/requests", form({ message: "x".repeat(10_001) }));
    expect(huge.statusCode).toBe(400);
    const extra = await publicPost(t, "/api/public/requests", form({ role: "admin" }));
    expect(extra.statusCode).toBe(400);
    const unknownOrg = await publicPost(t, "/api/public/requests", form({ org: "nulle-part" }));
    expect(unknownOrg.statusCode).toBe(400);
    const noContact = await publicPost(t, "/api/public/requests", form({ email: undefined }));
    expect(noContact.statusCode).toBe(400);
    const badJson = await t.app.inject({
      method: "POST",
      url: "/api/public/requests",
      payload: "{pas du json",
      headers: { "content-type": "application/json", "x-forwarded-for": freshIp() },
    });
    expect(badJson.statusCode).toBe(400);
  });

  it("accepts multipart with attachments, refuses a forbidden type", async () => {
    const ok = multipart(
      {
        org,
        message: "Voici la photo du dégât et mon avis d'échéance.",
        consent: "false",
        category: "Technique",
      },
      [{ field: "file", filename: "avis.pdf", contentType: "application/pdf", content: PDF }],
    );
    const res = await t.app.inject({
      method: "POST",
      url: "/api/public/requests",
      payload: ok.payload,
      headers: { "content-type": ok.contentType, "x-forwarded-for": freshIp() },
    });
    expect(res.statusCode).toBe(201);
    const follow = await publicGet(t, `/api/public/requests/${res.json().token}`);
    expect(follow.json().attachments).toEqual([{ filename: "avis.pdf", size: PDF.length }]);
    const list = await t.admin.get(`/api/requests?q=${res.json().reference}`);
    const detail = await t.admin.get(`/api/requests/${list.json().items[0].id}`);
    const att = detail.json().attachments[0];
    expect(att).toMatchObject({
      filename: "avis.pdf",
      contentType: "application/pdf",
      quarantineReason: null,
    });
    const dl = await t.admin.get(`/api/requests/${detail.json().id}/attachments/${att.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF)).toBe(true);

    const bad = multipart({ org, message: "Programme", consent: "false" }, [
      {
        field: "file",
        filename: "virus.exe",
        contentType: "application/x-msdownload",
        content: Buffer.from("MZ"),
      },
    ]);
    const refused = await t.app.inject({
      method: "POST",
      url: "/api/public/requests",
      payload: bad.payload,
      headers: { "content-type": bad.contentType, "x-forwarded-for": freshIp() },
    });
    expect(refused.statusCode).toBe(415);
    expect(refused.json().error.message).toMatch(/virus\.exe/);
  });

  it("shows a follow-up link only its own request and the replies meant for the requester", async () => {
    const a = (
      await publicPost(t, "/api/public/requests", form({ message: "Demande A : volet roulant cassé" }))
    ).json();
    const b = (
      await publicPost(t, "/api/public/requests", form({ message: "Demande B : boîte aux lettres" }))
    ).json();
    const idA = (await t.admin.get(`/api/requests?q=${a.reference}`)).json().items[0].id;
    await t.admin.post(`/api/requests/${idA}/notes`, { body: "Note interne : locataire connu du service" });
    const replied = await t.admin.post(`/api/requests/${idA}/replies`, {
      body: "Un technicien passe jeudi matin.",
    });
    expect(replied.statusCode).toBe(201);
    const viewA = (await publicGet(t, `/api/public/requests/${a.token}`)).json();
    expect(viewA.status).toBe("waiting_requester");
    expect(viewA.messages).toEqual([
      expect.objectContaining({ from: "staff", body: "Un technicien passe jeudi matin." }),
    ]);
    expect(JSON.stringify(viewA)).not.toMatch(/Note interne|Demande B/);
    const viewB = (await publicGet(t, `/api/public/requests/${b.token}`)).json();
    expect(JSON.stringify(viewB)).not.toMatch(/technicien|Demande A/);
    expect((await publicGet(t, `/api/public/requests/${"A".repeat(43)}`)).statusCode).toBe(404);
    expect((await publicGet(t, "/api/public/requests/court")).statusCode).toBe(404);
    // The requester answers through the link: the request goes back to the service.
    const added = await publicPost(t, `/api/public/requests/${a.token}/messages`, {
      message: "Jeudi me convient, merci.",
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().status).toBe("in_progress");
    expect(added.json().messages.map((m: { from: string }) => m.from)).toEqual(["staff", "requester"]);
    // The reply left through the outbox, with only the reference in the subject.
    const mails = await t.testDb.database.db
      .selectFrom("outbox_messages as m")
      .innerJoin("outbox_deliveries as d", "d.message_id", "m.id")
      .select(["m.subject", "d.recipient"])
      .where("m.kind", "=", "request_reply")
      .execute();
    expect(mails).toContainEqual({
      subject: `[${a.reference}] Réponse à votre demande`,
      recipient: "claire.dupont@example.fr",
    });
  });
});
