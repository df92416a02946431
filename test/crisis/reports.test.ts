import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Insertable } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, toLocal } from "../../src/engines/calendar/zoned.js";
import { runDueSchedules } from "../../src/server/crisis/reports/service.js";
import type { CrisisLogEntriesTable } from "../../src/server/crisis/tables.js";
import { processOutboxOnce } from "../../src/server/notify/jobs.js";
import { smtpMailer } from "../../src/server/notify/mailer.js";
import { type Client, createTestApp, type TestApp } from "../helpers/app.js";
import { smtpConfig, startSmtp, type TestSmtp } from "../notify/smtp.js";
import { buildFixture, type Fixture, lend, setStatus } from "./fixture.js";

let t: TestApp;
let fx: Fixture;
let cell: Client;
let manager: Client;
let smtp: TestSmtp;
const D = "2020-05-11";

const pdfToText = (pdf: Buffer): string => {
  const dir = mkdtempSync(join(tmpdir(), "relais-pdf-"));
  const file = join(dir, "bilan.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(
    /[\u00a0\u202f]/g,
    " ",
  );
};

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startSmtp();
  const db = t.testDb.database.db;
  fx = await buildFixture(db, t.orgId);
  cell = await t.signIn("crisis_cell", { email: "cellule@test.relais" });
  manager = await t.signIn("pca_manager", { email: "pca@test.relais" });
  const scenario = (
    await manager.post("/api/crisis/scenarios", { name: "Site fermé 14 jours", type: "site_loss" })
  ).json();
  const act = await manager.post("/api/crisis/activations", {
    scenarioId: scenario.id,
    level: 2,
    startedAt: "2020-03-16T07:00:00Z",
  });
  expect(act.statusCode).toBe(201);

  const a = fx.agents;
  const morning = new Date(`${D}T05:00:00Z`);
  for (const [agent, status] of [
    [a.a1, "on_site"],
    [a.a2, "telework"],
    [a.a3, "sick"],
    [a.a4, "telework"],
    [a.b1, "on_site"],
    [a.b2, "telework"],
    [a.b3, "childcare"],
  ] as const) {
    await setStatus(db, t.orgId, agent, D, status, morning);
  }
  const afternoon = new Date(`${D}T14:00:00Z`);
  await setStatus(db, t.orgId, a.a3, D, "on_site", afternoon);
  await setStatus(db, t.orgId, a.b3, D, "on_site", afternoon);

  await lend(db, t.orgId, a.a1, "2020-03-16", new Date("2020-03-16T10:00:00Z"));
  await lend(db, t.orgId, a.a2, "2020-03-17", new Date("2020-03-17T10:00:00Z"));
  await lend(db, t.orgId, a.a4, "2020-04-30", new Date("2020-04-30T10:00:00Z"));
  // Recorded the next day: unknown on the 11th.
  await lend(db, t.orgId, a.b1, D, new Date("2020-05-12T08:00:00Z"));

  const entry = (
    id: string,
    v: Partial<Insertable<CrisisLogEntriesTable>> & { occurred_at: Date; entry_created_at: Date },
  ) =>
    db
      .insertInto("crisis_log_entries")
      .values({ id, entry_id: id, version: 1, org_id: t.orgId, kind: "decision", title: "", ...v })
      .execute();
  await entry("00000000-0000-4000-8000-00000000000a", {
    title: "Fermeture des sites au public",
    occurred_at: new Date(`${D}T08:00:00Z`),
    entry_created_at: new Date(`${D}T08:00:00Z`),
    created_at: new Date(`${D}T08:00:00Z`),
  });
  // An action opened on 4 May, due on the 8th, marked done on the 11th at 15:00 UTC (version 2).
  const actionId = "00000000-0000-4000-8000-00000000000b";
  await entry(actionId, {
    kind: "action",
    title: "Équiper la paierie",
    owner: "DSI",
    due_on: "2020-05-08",
    state: "open",
    occurred_at: new Date("2020-05-04T09:00:00Z"),
    entry_created_at: new Date("2020-05-04T09:00:00Z"),
    created_at: new Date("2020-05-04T09:00:00Z"),
    superseded_at: new Date(`${D}T15:00:00Z`),
  });
  await db
    .insertInto("crisis_log_entries")
    .values({
      id: "00000000-0000-4000-8000-00000000000c",
      entry_id: actionId,
      version: 2,
      org_id: t.orgId,
      kind: "action",
      title: "Équiper la paierie",
      owner: "DSI",
      due_on: "2020-05-08",
      state: "done",
      correction_reason: "Fait",
      occurred_at: new Date("2020-05-04T09:00:00Z"),
      entry_created_at: new Date("2020-05-04T09:00:00Z"),
      created_at: new Date(`${D}T15:00:00Z`),
    })
    .execute();
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

describe("bilan", () => {
  let first: string;

  it("computes the figures as they stood at the chosen time, not now", async () => {
    const res = await cell.post("/api/crisis/reports", { asOf: `${D}T10:00:00Z`, comment: "Point du midi" });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    first = r.id;
    expect(r).toMatchObject({ number: null, frozen: false });
    const f = r.figures;
    expect(f.day).toBe(D);
    expect(f.headcount).toBe(7);
    expect(f.byStatus).toMatchObject({ on_site: 2, telework: 3, sick: 1, childcare: 1, unknown: 0 });
    expect(f.working).toBe(5);
    expect(f.teleworkShare).toBeCloseTo(0.6);
    expect(f.underPlan).toBe(5);
    expect(f.activities.byStatus).toEqual({ covered: 0, at_risk: 2, not_covered: 1, suspended: 1 });
    expect(f.activities.notCovered.map((x: { name: string }) => x.name)).toEqual(["Accueil du public"]);
    expect(f.equipped.current).toBe(3);
    const curve = Object.fromEntries(
      f.equipped.curve.map((p: { day: string; count: number }) => [p.day, p.count]),
    );
    expect([
      curve["2020-03-09"],
      curve["2020-03-16"],
      curve["2020-03-17"],
      curve["2020-04-29"],
      curve["2020-04-30"],
    ]).toEqual([0, 1, 2, 2, 3]);
    expect(f.decisions.map((d: { title: string }) => d.title)).toEqual([
      "Activation du PCA — scénario « Site fermé 14 jours », niveau 2",
      "Fermeture des sites au public",
    ]);
    expect(f.actions.map((d: { title: string }) => d.title)).toEqual(["Équiper la paierie"]);
    expect(f.openActions).toHaveLength(1);
    expect(f.overdueActions).toHaveLength(1);
  });

  it("freezes with a number, then refuses every change", async () => {
    const frozen = await cell.post(`/api/crisis/reports/${first}/freeze`);
    expect(frozen.statusCode).toBe(200);
    expect(frozen.json()).toMatchObject({ number: 1, frozen: true, comment: "Point du midi" });
    expect((await cell.patch(`/api/crisis/reports/${first}`, { comment: "autre" })).statusCode).toBe(409);
    expect((await cell.post(`/api/crisis/reports/${first}/freeze`)).statusCode).toBe(409);
    expect((await cell.post(`/api/crisis/reports/${first}/regenerate`)).statusCode).toBe(409);
  });

  it("compares with the previous report", async () => {
    const r = (await cell.post("/api/crisis/reports", { asOf: `${D}T16:00:00Z` })).json();
    const f = r.figures;
    expect(f.byStatus).toMatchObject({ on_site: 4, telework: 3, sick: 0, childcare: 0 });
    expect(f.activities.byStatus).toEqual({ covered: 2, at_risk: 1, not_covered: 0, suspended: 1 });
    expect(f.openActions).toHaveLength(0);
    expect(f.previous.number).toBe(1);
    expect(f.decisions).toHaveLength(0);
    const changes = Object.fromEntries(
      f.changes.map((c: { key: string; delta: number }) => [c.key, c.delta]),
    );
    expect(changes).toMatchObject({ on_site: 2, notCovered: -1, openActions: -1, working: 2 });
    const second = await cell.post(`/api/crisis/reports/${r.id}/freeze`);
    expect(second.json().number).toBe(2);
  });

  it("refuses a report in the future", async () => {
    const res = await cell.post("/api/crisis/reports", {
      asOf: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe("asOf");
  });

  it("downloads a PDF that a real reader opens, with the figures", async () => {
    const res = await cell.get(`/api/crisis/reports/${first}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const text = pdfToText(res.rawPayload);
    expect(text).toContain("Bilan n° 1 au 11 mai 2020 à 12 h 00");
    expect(text).toMatch(/Org test/);
    expect(text).toContain("Page 1 / ");
    expect(text).toContain("60 %");
    expect(text).toContain("Accueil du public (Accueil) : 1 disponibles pour 2 requis");
    expect(text).toContain("Fermeture des sites au public");
    expect(text).toContain("EN RETARD");
    const md = await cell.get(`/api/crisis/reports/${first}/markdown`);
    expect(md.body).toContain("# Bilan n°\u00a01 au 11\u00a0mai\u00a02020 à 12\u00a0h\u00a000");
    expect(md.body).toContain("| Télétravail | 3 |");
  });

  it("is not visible outside the cell", async () => {
    const sm = await t.signIn("service_manager", { serviceId: fx.services.paie });
    expect((await sm.get(`/api/crisis/reports/${first}`)).statusCode).toBe(403);
    const other = await t.signIn("admin", { orgId: await t.newOrg("Ailleurs") });
    expect((await other.get(`/api/crisis/reports/${first}/pdf`)).statusCode).toBe(404);
  });
});

describe("daily bilan", () => {
  it("refuses a time that does not exist in the time zone", async () => {
    const res = await manager.put("/api/crisis/report-schedule", { timeOfDay: "02:30", enabled: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe("timeOfDay");
    expect(res.json().error.message).toMatch(/n'existe pas le .*mars/);
    expect(
      (await manager.put("/api/crisis/report-schedule", { timeOfDay: "25:00", enabled: true })).statusCode,
    ).toBe(400);
    expect(
      (await cell.put("/api/crisis/report-schedule", { timeOfDay: "08:00", enabled: true })).statusCode,
    ).toBe(403);
  });

  it("is generated once and e-mailed once to each member, even with two schedulers", async () => {
    const res = await manager.put("/api/crisis/report-schedule", { timeOfDay: "00:00", enabled: true });
    expect(res.statusCode).toBe(200);
    const db = t.testDb.database.db;
    // Nothing is due right after scheduling a time already past today.
    expect(await runDueSchedules(db)).toEqual([]);
    const today = toLocal(new Date(), "Europe/Paris").date;
    await db
      .updateTable("crisis_report_schedules")
      .set({ last_run_on: addDays(today, -1) })
      .where("org_id", "=", t.orgId)
      .execute();
    const [one, two] = await Promise.all([runDueSchedules(db), runDueSchedules(db)]);
    expect([...one, ...two]).toHaveLength(1);
    expect(await runDueSchedules(db)).toEqual([]);
    const reports = (await cell.get("/api/crisis/reports")).json().items;
    expect(reports.filter((r: { origin: string }) => r.origin === "scheduled")).toMatchObject([
      { number: 3, frozen: true },
    ]);

    const mailer = smtpMailer(smtpConfig(smtp.port));
    const round = await processOutboxOnce(db, mailer);
    expect(round.sent).toBe(2);
    expect(await processOutboxOnce(db, mailer)).toMatchObject({ claimed: 0 });
    mailer.close();
    const to = smtp.received.flatMap((m) => m.to).sort();
    expect(to).toEqual(["cellule@test.relais", "pca@test.relais"]);
    const raw = smtp.received[0].raw;
    expect(raw).toMatch(/Subject: .*Bilan/);
    expect(raw).toContain("application/pdf");
    expect((await cell.get("/api/crisis/report-schedule")).json()).toMatchObject({
      timeOfDay: "00:00",
      enabled: true,
      lastRunOn: today,
    });
  });
});
