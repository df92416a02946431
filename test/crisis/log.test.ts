import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, toLocal } from "../../src/engines/calendar/zoned.js";
import { type Client, createTestApp, type TestApp } from "../helpers/app.js";
import { buildFixture, type Fixture } from "./fixture.js";

let t: TestApp;
let fx: Fixture;
let cell: Client;
const today = toLocal(new Date(), "Europe/Paris").date;

beforeAll(async () => {
  t = await createTestApp();
  fx = await buildFixture(t.testDb.database.db, t.orgId);
  cell = await t.signIn("crisis_cell");
});
afterAll(async () => {
  await t?.close();
});

describe("log (main courante)", () => {
  it("keeps every version of a corrected entry, never deletes", async () => {
    const created = await cell.post("/api/crisis/log", {
      kind: "decision",
      title: "Fermeture de l'accueil physique",
      body: "Les usagers sont reçus sur rendez-vous téléphonique.",
      serviceIds: [fx.services.accueil],
    });
    expect(created.statusCode).toBe(201);
    const entry = created.json();
    expect(entry).toMatchObject({ version: 1, kind: "decision", correctionReason: null });

    const fixed = await cell.post(`/api/crisis/log/${entry.id}/versions`, {
      title: "Fermeture de l'accueil physique le lundi",
      reason: "Le jour manquait",
    });
    expect(fixed.statusCode).toBe(201);
    expect(fixed.json()).toMatchObject({ id: entry.id, version: 2, correctionReason: "Le jour manquait" });

    const full = (await cell.get(`/api/crisis/log/${entry.id}`)).json();
    expect(full.versions.map((v: { version: number; title: string }) => [v.version, v.title])).toEqual([
      [2, "Fermeture de l'accueil physique le lundi"],
      [1, "Fermeture de l'accueil physique"],
    ]);
    expect(full.versions[1].supersededAt).not.toBeNull();
    // The list shows the current version only, once.
    const list = (await cell.get("/api/crisis/log?kind=decision")).json();
    expect(list.items.filter((e: { id: string }) => e.id === entry.id)).toHaveLength(1);
    expect(list.items.find((e: { id: string }) => e.id === entry.id).version).toBe(2);

    const del = await cell.delete(`/api/crisis/log/${entry.id}`);
    expect(del.statusCode).toBe(405);
    expect(del.json().error.code).toBe("log_entry_not_deletable");
    const missingReason = await cell.post(`/api/crisis/log/${entry.id}/versions`, { title: "x" });
    expect(missingReason.statusCode).toBe(400);
    expect(missingReason.json().error.details[0].field).toBe("reason");
  });

  it("tracks actions: owner, due date, state and overdue", async () => {
    const bad = await cell.post("/api/crisis/log", {
      kind: "action",
      title: "Équiper la paierie",
      owner: "DSI",
      dueOn: addDays(today, -3),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: "dueOn" });
    const noOwner = await cell.post("/api/crisis/log", {
      kind: "action",
      title: "Sans responsable",
      dueOn: today,
    });
    expect(noOwner.statusCode).toBe(400);
    const notAction = await cell.post("/api/crisis/log", {
      kind: "information",
      title: "Info",
      dueOn: today,
    });
    expect(notAction.statusCode).toBe(400);

    const action = (
      await cell.post("/api/crisis/log", {
        kind: "action",
        title: "Équiper la paierie de 10 portables",
        owner: "DSI — M. Martin",
        dueOn: today,
        serviceIds: [fx.services.paie],
      })
    ).json();
    expect(action).toMatchObject({ state: "open", overdue: false, dueOn: today });
    // Overdue: an action created in the past with a due date before today (written as the history would be).
    const db = t.testDb.database.db;
    const past = new Date(Date.now() - 5 * 86_400_000);
    await db
      .insertInto("crisis_log_entries")
      .values({
        id: "00000000-0000-4000-8000-000000000001",
        entry_id: "00000000-0000-4000-8000-000000000001",
        version: 1,
        org_id: t.orgId,
        kind: "action",
        occurred_at: past,
        title: "Commander des masques",
        owner: "Logistique",
        due_on: addDays(today, -2),
        state: "open",
        entry_created_at: past,
        created_at: past,
      })
      .execute();
    const overdue = (await cell.get("/api/crisis/log?overdue=true")).json();
    expect(overdue.items.map((e: { title: string; overdue: boolean }) => [e.title, e.overdue])).toEqual([
      ["Commander des masques", true],
    ]);

    const done = await cell.post(`/api/crisis/log/${action.id}/versions`, {
      state: "done",
      reason: "Livrés",
    });
    expect(done.json()).toMatchObject({ state: "done", version: 2 });
    const stateOnDecision = await cell.post(`/api/crisis/log/00000000-0000-4000-8000-000000000001/versions`, {
      dueOn: addDays(today, -10),
      reason: "échéance avancée",
    });
    expect(stateOnDecision.statusCode).toBe(400);
  });

  it("searches in French, filters, and shows a service manager only their service", async () => {
    await cell.post("/api/crisis/log", {
      kind: "communication",
      title: "Message aux agents sur le télétravail",
      body: "Les équipements informatiques seront distribués demain.",
      serviceIds: [fx.services.paie],
    });
    // Stemming and accents: "equipement" finds "équipements"; "distribuer" finds "distribués".
    for (const q of ["equipement", "distribuer", "télétravail"]) {
      const r = (await cell.get(`/api/crisis/log?q=${encodeURIComponent(q)}`)).json();
      expect(r.items.map((e: { title: string }) => e.title)).toContain(
        "Message aux agents sur le télétravail",
      );
    }
    const none = (await cell.get(`/api/crisis/log?q=${encodeURIComponent("inondation")}`)).json();
    expect(none.total).toBe(0);
    const filtered = (
      await cell.get(`/api/crisis/log?kind=communication&serviceId=${fx.services.paie}&q=agents`)
    ).json();
    expect(filtered.total).toBe(1);

    const sm = await t.signIn("service_manager", { serviceId: fx.services.accueil });
    const seen = (await sm.get("/api/crisis/log")).json();
    expect(seen.items.length).toBeGreaterThan(0);
    for (const e of seen.items) expect(e.serviceIds).toContain(fx.services.accueil);
    const paieEntry = (await cell.get(`/api/crisis/log?serviceId=${fx.services.paie}`)).json().items[0];
    expect((await sm.get(`/api/crisis/log/${paieEntry.id}`)).statusCode).toBe(404);
    expect((await sm.post("/api/crisis/log", { kind: "information", title: "x" })).statusCode).toBe(403);
    expect((await sm.get("/api/crisis/board")).statusCode).toBe(403);
    const agent = await t.signIn("agent", { agentId: fx.agents.a1 });
    expect((await agent.get("/api/crisis/log")).statusCode).toBe(403);
  });

  it("exports as CSV (formulas neutralised) and Markdown", async () => {
    await cell.post("/api/crisis/log", { kind: "information", title: '=HYPERLINK("http://x")' });
    const csv = await cell.get("/api/crisis/log/export?format=csv");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("'=HYPERLINK");
    expect(csv.body).toContain("Message aux agents sur le télétravail");
    const md = await cell.get("/api/crisis/log/export?format=md&kind=action");
    expect(md.body).toContain("# Main courante");
    expect(md.body).toContain("EN RETARD");
  });

  it("records meetings whose notes become log entries", async () => {
    const m = await cell.post("/api/crisis/meetings", {
      heldAt: new Date(Date.now() - 3_600_000).toISOString(),
      title: "Cellule de crise quotidienne",
      attendees: ["DGS", "DRH", "DSI"],
      agenda: "1. Effectifs\n2. Équipement",
    });
    expect(m.statusCode).toBe(201);
    const note = await cell.post(`/api/crisis/meetings/${m.json().id}/entries`, {
      kind: "decision",
      title: "Rotation des équipes d'accueil",
    });
    expect(note.statusCode).toBe(201);
    expect(note.json().meetingId).toBe(m.json().id);
    expect((await cell.get(`/api/crisis/meetings/${m.json().id}`)).json().entries).toBe(1);
    expect((await cell.get(`/api/crisis/log?meetingId=${m.json().id}`)).json().total).toBe(1);
  });
});
