import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/server/shared/ids.js";
import { type Client, createTestApp, type TestApp } from "../helpers/app.js";
import { agentOf, buildServices, orgSlug, publicPost, type Services } from "./factories.js";

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

const submit = async (message: string, extra: Record<string, unknown> = {}) => {
  const res = await publicPost(t, "/api/public/requests", { org, message, consent: false, ...extra });
  expect(res.statusCode).toBe(201);
  return res.json() as { reference: string; token: string };
};
const idOf = async (reference: string) =>
  (await t.admin.get(`/api/requests?q=${reference}`)).json().items[0].id as string;

describe("routing rules and triage", () => {
  it("validates rules on save, orders them, and routes with the first match", async () => {
    const bad = await t.admin.post("/api/routing-rules", {
      name: "Cassée",
      conditions: { anyWords: ["fuite {3,1} eau"] },
      serviceId: s.technique,
      priority: "normal",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("conditions.anyWords");
    const tech = await t.admin.post("/api/routing-rules", {
      name: "Technique",
      position: 10,
      conditions: { anyWords: ["chauffage", "chaudiere", "fuite*", "ascenseur"] },
      serviceId: s.technique,
      priority: "normal",
    });
    expect(tech.statusCode).toBe(201);
    const social = await t.admin.post("/api/routing-rules", {
      name: "Impayés",
      position: 20,
      conditions: { phrases: ["payer {0,2} loyer", "dette"] },
      serviceId: s.social,
      priority: "low",
    });
    expect(social.statusCode).toBe(201);
    expect(
      (await t.admin.get("/api/routing-rules")).json().items.map((r: { name: string }) => r.name),
    ).toEqual(["Technique", "Impayés"]);
    const agent = await agentOf(t, s.technique);
    expect(
      (
        await agent.post("/api/routing-rules", {
          name: "x",
          conditions: {},
          serviceId: s.siege,
          priority: "low",
        })
      ).statusCode,
    ).toBe(403);

    // The exact triage contract, for any signed-in staff member.
    const tri = await agent.post("/api/triage", { text: "plu de chofage depuis 3 jours avec mon bebe" });
    expect(tri.statusCode).toBe(200);
    expect(Object.keys(tri.json()).sort()).toEqual(["flags", "rule", "service", "urgent"]);
    expect(tri.json()).toMatchObject({
      urgent: true,
      service: { id: s.technique, name: "Habitat et Territoire" },
      rule: { id: tech.json().id, name: "Technique" },
    });
    expect(tri.json().flags.map((f: { code: string }) => f.code)).toContain("no_utilities");
    expect(tri.json().flags[0].words.length).toBeGreaterThan(0);
    const calm = await agent.post("/api/triage", { text: "Je n'arrive pas à payer mon loyer ce mois-ci" });
    expect(calm.json()).toMatchObject({
      urgent: false,
      flags: [],
      service: { id: s.social },
      rule: { name: "Impayés" },
    });
    const other = await agent.post("/api/triage", { text: "Bonjour, une question sur mon bail" });
    expect(other.json()).toMatchObject({ urgent: false, service: { id: s.siege }, rule: null });
    expect(
      (await t.app.inject({ method: "POST", url: "/api/triage", payload: { text: "x" } })).statusCode,
    ).toBe(401);

    // The rule editor tries unsaved rules against a sample.
    const draft = await t.admin.post("/api/routing-rules/test", {
      text: "Ma boîte aux lettres est cassée",
      rules: [
        {
          name: "Courrier",
          conditions: { anyWords: ["boite aux lettres"] },
          serviceId: s.locative,
          priority: "high",
        },
      ],
    });
    expect(draft.json()).toMatchObject({
      rule: { name: "Courrier" },
      service: { id: s.locative },
      priority: "high",
    });

    // Each request records the rule and the flags with their words.
    const r = await submit("Fuite d'eau importante sous l'évier, ça coule chez la voisine");
    const detail = (await t.admin.get(`/api/requests/${await idOf(r.reference)}`)).json();
    expect(detail).toMatchObject({ serviceId: s.technique, rule: { name: "Technique" } });
  });

  it("lets the organisation extend the lexicon, checked before saving", async () => {
    const before = await t.admin.post("/api/triage", {
      text: "le digicode est en panne et je suis bloquée dehors",
    });
    expect(before.json().urgent).toBe(false);
    const broken = await t.admin.put("/api/triage/lexicon", {
      flags: { homeless: { terms: ["{0,2} dehors"] } },
    });
    expect(broken.statusCode).toBe(400);
    const put = await t.admin.put("/api/triage/lexicon", {
      flags: { homeless: { terms: ["bloquee dehors"] } },
    });
    expect(put.statusCode).toBe(200);
    expect((await t.admin.get("/api/triage/lexicon")).json()).toEqual({
      flags: { homeless: { terms: ["bloquee dehors"] } },
    });
    const after = await t.admin.post("/api/triage", {
      text: "le digicode est en panne et je suis bloquée dehors",
    });
    expect(after.json()).toMatchObject({ urgent: true, flags: [{ code: "homeless" }] });
    await t.admin.put("/api/triage/lexicon", {});
  });
});

describe("queues", () => {
  it("sorts by priority then due date, alerts on urgent requests, flags overdue ones", async () => {
    await t.admin.put("/api/request-settings", { dueHours: { urgent: 2, high: 8, normal: 48, low: 120 } });
    const calm = await submit("Question sur l'ascenseur qui fait du bruit", { category: "Technique" });
    const urgent = await submit("Gros probleme: fuite de gaz dans la cage d'escalier, ça sent très fort");
    const list = (await t.admin.get(`/api/requests?serviceId=${s.technique}&open=true`)).json();
    const refs = list.items.map((r: { reference: string }) => r.reference);
    expect(refs.indexOf(urgent.reference)).toBeLessThan(refs.indexOf(calm.reference));
    const top = list.items[0];
    expect(top).toMatchObject({
      reference: urgent.reference,
      priority: "urgent",
      urgent: true,
      overdue: false,
    });
    expect(new Date(top.dueAt).getTime() - new Date(top.createdAt).getTime()).toBe(2 * 3_600_000);
    // Nobody on call for this organisation: the service mailbox is alerted, without personal data.
    const alert = await t.testDb.database.db
      .selectFrom("outbox_messages as m")
      .innerJoin("outbox_deliveries as d", "d.message_id", "m.id")
      .select(["m.subject", "d.recipient"])
      .where("m.key", "=", `request_urgent:${top.id}`)
      .execute();
    expect(alert).toEqual([
      {
        subject: `[${urgent.reference}] Demande urgente — Habitat et Territoire`,
        recipient: "administratif.territoire@oph.test",
      },
    ]);
    // Overdue: due date in the past.
    const past = new Date(Date.now() - 3_600_000).toISOString();
    expect((await t.admin.patch(`/api/requests/${top.id}`, { dueAt: past })).json().overdue).toBe(true);
    const overdue = (await t.admin.get(`/api/requests?overdue=true`)).json();
    expect(overdue.items.map((r: { id: string }) => r.id)).toEqual([top.id]);
  });

  it("assigns, changes status, moves with a reason, merges duplicates, uses saved answers", async () => {
    const a = await submit("Mon radiateur ne chauffe plus bien dans la chambre, chauffage faible");
    const b = await submit("Re: chauffage faible dans la chambre, le radiateur");
    const idA = await idOf(a.reference);
    const idB = await idOf(b.reference);
    const mgr = await t.signIn("service_manager", { serviceId: s.technique });
    const assigned = await mgr.patch(`/api/requests/${idA}`, {
      assignedTo: mgr.userId,
      status: "in_progress",
    });
    expect(assigned.json()).toMatchObject({ assignedTo: mgr.userId, status: "in_progress" });
    expect(
      (await mgr.get("/api/requests?assignedTo=me")).json().items.map((r: { id: string }) => r.id),
    ).toEqual([idA]);
    const merged = await mgr.post(`/api/requests/${idB}/merge`, { intoId: idA });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().merged).toEqual([{ id: idB, reference: b.reference }]);
    expect((await mgr.get(`/api/requests/${idB}`)).json()).toMatchObject({
      status: "closed",
      mergedInto: idA,
    });
    const saved = await t.admin.post("/api/saved-answers", {
      title: "Passage technicien",
      body: "Un technicien vous contactera sous 48 heures.",
    });
    expect(saved.statusCode).toBe(201);
    const replied = await mgr.post(`/api/requests/${idA}/replies`, { savedAnswerId: saved.json().id });
    expect(replied.json().messages.at(-1)).toMatchObject({
      kind: "reply",
      body: "Un technicien vous contactera sous 48 heures.",
    });
    const noReason = await mgr.post(`/api/requests/${idA}/move`, { serviceId: s.social });
    expect(noReason.statusCode).toBe(400);
    const moved = await mgr.post(`/api/requests/${idA}/move`, {
      serviceId: s.social,
      reason: "Relève de l'accompagnement social",
    });
    expect(moved.statusCode).toBe(200);
    // The technical manager no longer sees it; the social service does, with the reason.
    expect((await mgr.get(`/api/requests/${idA}`)).statusCode).toBe(404);
    const socialAgent = await agentOf(t, s.social);
    const seen = await socialAgent.get(`/api/requests/${idA}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().messages.map((m: { body: string }) => m.body)).toContain(
      "Transférée au service « Gestion Sociale » : Relève de l'accompagnement social",
    );
  });

  it("opens a request from a logged call in one step", async () => {
    const callId = newId();
    await t.testDb.database.db
      .insertInto("calls")
      .values({
        id: callId,
        org_id: t.orgId,
        line_id: null,
        received_at: new Date(),
        caller: "06 12 34 56 78",
        reason: "Locataire sans eau chaude depuis hier",
        outcome: "answered",
        service_id: null,
        partner: null,
        request_id: null,
        taken_by: null,
      })
      .execute();
    const res = await t.admin.post(`/api/requests/from-call/${callId}`, {});
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ channel: "phone", callId, requester: { phone: "06 12 34 56 78" } });
    const call = await t.testDb.database.db
      .selectFrom("calls")
      .selectAll()
      .where("id", "=", callId)
      .executeTakeFirstOrThrow();
    expect(call).toMatchObject({ request_id: res.json().id, outcome: "request_created" });
    expect((await t.admin.post(`/api/requests/from-call/${callId}`, {})).statusCode).toBe(409);
    const note = await t.admin.post("/api/requests", {
      message: "Appel de Mme Martin : question sur la régularisation des charges",
      requester: { name: "Mme Martin", phone: "05 61 00 00 00" },
      serviceId: s.locative,
    });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ channel: "phone", serviceId: s.locative, rule: null });
  });
});

describe("access", () => {
  let techAgent: Client;
  let socialAgent: Client;
  let socialId: string;
  let techId: string;
  beforeAll(async () => {
    techAgent = await agentOf(t, s.proximite);
    socialAgent = await agentOf(t, s.social);
    techId = await idOf((await submit("Ascenseur en panne au 3e étage", { category: "x" })).reference);
    await t.admin.post(`/api/requests/${techId}/move`, {
      serviceId: s.proximite,
      reason: "Équipe de proximité",
    });
    socialId = await idOf((await submit("Je ne peux pas payer mon loyer, j'ai une dette")).reference);
  });

  it("service A cannot read service B's requests: 404, absent from lists and totals", async () => {
    expect((await techAgent.get(`/api/requests/${techId}`)).statusCode).toBe(200);
    expect((await techAgent.get(`/api/requests/${socialId}`)).statusCode).toBe(404);
    expect((await techAgent.patch(`/api/requests/${socialId}`, { status: "closed" })).statusCode).toBe(404);
    expect((await techAgent.post(`/api/requests/${socialId}/notes`, { body: "x" })).statusCode).toBe(404);
    expect((await techAgent.post(`/api/requests/${socialId}/replies`, { body: "x" })).statusCode).toBe(404);
    const list = (await techAgent.get("/api/requests?limit=500")).json();
    expect(list.items.every((r: { serviceId: string }) => r.serviceId === s.proximite)).toBe(true);
    expect(list.total).toBe(list.items.length);
    const asked = (await techAgent.get(`/api/requests?serviceId=${s.social}`)).json();
    expect(asked).toEqual({ items: [], total: 0 });
    expect((await socialAgent.get(`/api/requests/${techId}`)).statusCode).toBe(404);
    // A manager sees the subtree; the crisis cell everything; another organisation nothing.
    const mgr = await t.signIn("service_manager", { serviceId: s.technique });
    expect((await mgr.get(`/api/requests/${techId}`)).statusCode).toBe(200);
    expect((await mgr.get(`/api/requests/${socialId}`)).statusCode).toBe(404);
    const cell = await t.signIn("crisis_cell");
    expect((await cell.get(`/api/requests/${socialId}`)).statusCode).toBe(200);
    const outsider = await t.signIn("admin", { orgId: await t.newOrg("Autre office") });
    expect((await outsider.get(`/api/requests/${socialId}`)).statusCode).toBe(404);
    expect((await outsider.get("/api/requests")).json().total).toBe(0);
  });

  it("never shows a domestic-violence requester's address or contact in lists, nor to readers outside the case", async () => {
    const r = await submit("Mon mari me frappe, j'ai peur de rentrer. Je suis au 12 rue des Lilas.", {
      name: "Sophie Victime",
      phone: "06 99 99 99 99",
      address: "12 rue des Lilas",
      consent: true,
    });
    const id = await idOf(r.reference);
    const detailAdmin = (await t.admin.get(`/api/requests/${id}`)).json();
    expect(detailAdmin.sensitive).toBe(true);
    expect(detailAdmin.requester).toMatchObject({ name: null, phone: null, address: null, visible: false });
    const list = (await t.admin.get("/api/requests?limit=500")).json();
    expect(JSON.stringify(list)).not.toMatch(/Sophie|06 99|Lilas/);
    expect((await t.admin.get("/api/requests?q=Sophie")).json().total).toBe(0);
    const handler = await t.signIn("service_manager", { serviceId: detailAdmin.serviceId });
    const detail = (await handler.get(`/api/requests/${id}`)).json();
    expect(detail.requester).toMatchObject({
      name: "Sophie Victime",
      phone: "06 99 99 99 99",
      visible: true,
    });
    const subjects = await t.testDb.database.db
      .selectFrom("outbox_messages")
      .select(["subject", "text_body"])
      .execute();
    expect(JSON.stringify(subjects)).not.toMatch(/Sophie|06 99|Lilas/);
  });
});
