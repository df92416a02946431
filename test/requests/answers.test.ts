// Saved answers: common ones and per-service ones, each service seeing only its own; archived rather
// than deleted (not offered, refused in a reply, listed on request, brought back); used in replies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((i) => i.id);

describe("saved answers", () => {
  it("scopes answers to the services one handles and archives them", async () => {
    const common = await t.admin.post("/api/saved-answers", {
      title: "Accusé de réception",
      body: "Nous avons bien reçu votre demande.",
    });
    expect(common.statusCode).toBe(201);
    expect(common.json()).toMatchObject({ serviceId: null, archived: false });
    const techManager = await t.signIn("service_manager", { serviceId: s.technique });
    const tech = await techManager.post("/api/saved-answers", {
      title: "Passage du plombier",
      body: "Un plombier passera sous 48 heures.",
      serviceId: s.technique,
    });
    expect(tech.statusCode).toBe(201);
    // A service manager cannot write for another service, nor common answers.
    expect(
      (await techManager.post("/api/saved-answers", { title: "x", body: "y", serviceId: s.social }))
        .statusCode,
    ).toBe(403);
    expect((await techManager.post("/api/saved-answers", { title: "x", body: "y" })).statusCode).toBe(403);
    const empty = await techManager.post("/api/saved-answers", {
      title: "",
      body: "y",
      serviceId: s.technique,
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0]).toMatchObject({ field: "title", message: "ne doit pas être vide" });

    // Service A's answers are not shown to service B.
    const socialAgent = await agentOf(t, s.social);
    expect(ids(await socialAgent.get("/api/saved-answers"))).toEqual([common.json().id]);
    expect(ids(await socialAgent.get(`/api/saved-answers?serviceId=${s.technique}`))).toEqual([
      common.json().id,
    ]);
    const socialManager = await t.signIn("service_manager", { serviceId: s.social });
    expect(
      (await socialManager.patch(`/api/saved-answers/${tech.json().id}`, { archived: true })).statusCode,
    ).toBe(404);
    const techAgent = await agentOf(t, s.technique);
    expect(ids(await techAgent.get("/api/saved-answers")).sort()).toEqual(
      [common.json().id, tech.json().id].sort(),
    );
    // Agents read, they do not write.
    expect(
      (await techAgent.patch(`/api/saved-answers/${tech.json().id}`, { archived: true })).statusCode,
    ).toBe(403);

    // Edit, archive, list archived on request, bring back.
    const edited = await techManager.patch(`/api/saved-answers/${tech.json().id}`, {
      body: "Un plombier passera sous 24 heures.",
    });
    expect(edited.json()).toMatchObject({ body: "Un plombier passera sous 24 heures.", archived: false });
    const archived = await techManager.patch(`/api/saved-answers/${tech.json().id}`, { archived: true });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().archived).toBe(true);
    expect(ids(await techAgent.get("/api/saved-answers"))).toEqual([common.json().id]);
    expect(ids(await techManager.get("/api/saved-answers?archived=true"))).toContain(tech.json().id);
    const audit = await t.testDb.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", tech.json().id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["create", "update", "archive"]);

    // An archived answer, or another service's, cannot be used in a reply.
    const note = await techAgent.post("/api/requests", {
      message: "Fuite sous l'évier",
      serviceId: s.technique,
    });
    expect(note.statusCode).toBe(201);
    const requestId = note.json().id;
    const refused = await techAgent.post(`/api/requests/${requestId}/replies`, {
      savedAnswerId: tech.json().id,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].field).toBe("savedAnswerId");
    await techManager.patch(`/api/saved-answers/${tech.json().id}`, { archived: false });
    const used = await techAgent.post(`/api/requests/${requestId}/replies`, {
      savedAnswerId: tech.json().id,
    });
    expect(used.statusCode).toBe(201);
    expect(used.json().messages.at(-1)).toMatchObject({
      kind: "reply",
      body: "Un plombier passera sous 24 heures.",
    });
    const socialAnswer = await socialManager.post("/api/saved-answers", {
      title: "Rendez-vous CESF",
      body: "Une conseillère vous appellera.",
      serviceId: s.social,
    });
    const foreign = await techAgent.post(`/api/requests/${requestId}/replies`, {
      savedAnswerId: socialAnswer.json().id,
    });
    expect(foreign.statusCode).toBe(400);
  });

  it("keeps organisations apart", async () => {
    const otherOrg = await t.newOrg("Autre office");
    const stranger = await t.signIn("admin", { orgId: otherOrg });
    const mine = await t.admin.post("/api/saved-answers", { title: "Interne", body: "Texte" });
    expect(ids(await stranger.get("/api/saved-answers?archived=true"))).not.toContain(mine.json().id);
    expect(
      (await stranger.patch(`/api/saved-answers/${mine.json().id}`, { archived: true })).statusCode,
    ).toBe(404);
  });
});
