import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDueSchedules } from "../../src/server/crisis/reports/service.js";
import { openDatabase } from "../../src/server/db/database.js";
import { backoffSeconds, processOutboxOnce } from "../../src/server/notify/jobs.js";
import { smtpMailer } from "../../src/server/notify/mailer.js";
import { claimDue, settle } from "../../src/server/notify/repository.js";
import { enqueueEmail } from "../../src/server/notify/service.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { smtpConfig, startSmtp, type TestSmtp } from "./smtp.js";

let t: TestApp;
let smtp: TestSmtp;

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

const db = () => t.testDb.database.db;
const statusOf = async (recipient: string) =>
  await db()
    .selectFrom("outbox_deliveries")
    .selectAll()
    .where("recipient", "=", recipient)
    .executeTakeFirstOrThrow();

describe("outbox", () => {
  it("writes only with the caller's transaction, once per key and recipient", async () => {
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await enqueueEmail(trx, {
            orgId: t.orgId,
            key: "test:rollback",
            kind: "test",
            subject: "S",
            text: "T",
            recipients: ["a@x.fr"],
          });
          throw new Error("la modification métier échoue");
        }),
    ).rejects.toThrow();
    expect(
      await db().selectFrom("outbox_messages").select("id").where("key", "=", "test:rollback").execute(),
    ).toHaveLength(0);

    const mail = {
      orgId: t.orgId,
      key: "test:once",
      kind: "test",
      subject: "Objet é",
      text: "Corps",
      recipients: ["un@x.fr", "UN@x.fr", "deux@x.fr"],
    };
    const first = await enqueueEmail(db(), mail);
    const again = await enqueueEmail(db(), { ...mail, recipients: ["deux@x.fr", "trois@x.fr"] });
    expect(first.added).toBe(2);
    expect(again).toMatchObject({ messageId: first.messageId, added: 1 });
  });

  it("sends through SMTP, settles, and never sends a row twice", async () => {
    const mailer = smtpMailer(smtpConfig(smtp.port));
    const r = await processOutboxOnce(db(), mailer);
    mailer.close();
    expect(r).toMatchObject({ claimed: 3, sent: 3 });
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(["deux@x.fr", "trois@x.fr", "un@x.fr"]);
    expect(smtp.received[0].raw).toMatch(/Message-ID: <[0-9a-f-]{36}@test\.relais>/i);
    expect((await statusOf("un@x.fr")).status).toBe("sent");
  });

  it("retries transient failures with back-off and stops on a permanent refusal", async () => {
    expect(
      [1, 2, 3, 10].map((a) => backoffSeconds(a, { baseDelaySeconds: 30, maxDelaySeconds: 3600 })),
    ).toEqual([30, 60, 120, 3600]);
    await enqueueEmail(db(), {
      orgId: t.orgId,
      key: "test:transient",
      kind: "test",
      subject: "S",
      text: "T",
      recipients: ["later@x.fr"],
    });
    const mailer = smtpMailer(smtpConfig(smtp.port));
    smtp.failNext(1, 451);
    expect(await processOutboxOnce(db(), mailer)).toMatchObject({ retried: 1 });
    const row = await statusOf("later@x.fr");
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.last_error).toMatch(/451/);
    expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Not due yet: nothing happens.
    expect(await processOutboxOnce(db(), mailer)).toMatchObject({ claimed: 0 });
    await db()
      .updateTable("outbox_deliveries")
      .set({ next_attempt_at: new Date() })
      .where("recipient", "=", "later@x.fr")
      .execute();
    expect(await processOutboxOnce(db(), mailer)).toMatchObject({ sent: 1 });

    await enqueueEmail(db(), {
      orgId: t.orgId,
      key: "test:permanent",
      kind: "test",
      subject: "S",
      text: "T",
      recipients: ["nobody@x.fr"],
    });
    smtp.failNext(1, 550);
    expect(await processOutboxOnce(db(), mailer)).toMatchObject({ failed: 1 });
    mailer.close();
    expect((await statusOf("nobody@x.fr")).status).toBe("failed");

    const failed = await t.admin.get("/api/outbox?status=failed");
    expect(failed.statusCode).toBe(200);
    expect(failed.json()).toMatchObject({
      total: 1,
      items: [{ recipient: "nobody@x.fr", status: "failed", attempts: 1 }],
    });
    expect(failed.json().counts.failed).toBe(1);
    const cell = await t.signIn("crisis_cell");
    expect((await cell.get("/api/outbox")).statusCode).toBe(403);
    const retry = await t.admin.post(`/api/outbox/${failed.json().items[0].id}/retry`);
    expect(retry.json()).toMatchObject({ status: "pending" });
    expect((await t.admin.post(`/api/outbox/${failed.json().items[0].id}/retry`)).statusCode).toBe(409);
  });

  it("turns a crashed worker's claim into unknown, retries it, and ignores the late settle", async () => {
    await db()
      .updateTable("outbox_deliveries")
      .set({ status: "sent" })
      .where("status", "=", "pending")
      .execute();
    await enqueueEmail(db(), {
      orgId: t.orgId,
      key: "test:crash",
      kind: "test",
      subject: "S",
      text: "T",
      recipients: ["crash@x.fr"],
    });
    const [claimed] = await claimDue(db(), {
      channel: "email",
      limit: 10,
      token: "11111111-1111-4111-8111-111111111111",
    });
    expect(claimed.recipient).toBe("crash@x.fr");
    // The worker dies here. Ten minutes later another worker finds the claim stale.
    await db()
      .updateTable("outbox_deliveries")
      .set({ claimed_at: new Date(Date.now() - 600_000) })
      .where("id", "=", claimed.id)
      .execute();
    const mailer = smtpMailer(smtpConfig(smtp.port));
    const before = smtp.received.length;
    const r = await processOutboxOnce(db(), mailer);
    mailer.close();
    expect(r).toMatchObject({ stale: 1, sent: 1 });
    expect(smtp.received.length).toBe(before + 1);
    expect(await settle(db(), claimed.id, "11111111-1111-4111-8111-111111111111", { status: "sent" })).toBe(
      false,
    );
    expect((await statusOf("crash@x.fr")).attempts).toBe(2);
  });

  it("with concurrent workers, sends each e-mail exactly once (two pools on PostgreSQL)", async () => {
    const recipients = Array.from({ length: 120 }, (_, i) => `r${i}@x.fr`);
    await enqueueEmail(db(), {
      orgId: t.orgId,
      key: "test:many",
      kind: "test",
      subject: "Beaucoup",
      text: "T",
      recipients,
    });
    const second = t.testDb.url
      ? await openDatabase({ databaseUrl: t.testDb.url, dataDir: null, poolSize: 5 })
      : null;
    const dbs = [db(), second?.db ?? db()];
    const before = smtp.received.length;
    const worker = async (i: number) => {
      const mailer = smtpMailer(smtpConfig(smtp.port));
      let sent = 0;
      for (;;) {
        const r = await processOutboxOnce(dbs[i], mailer, { batchSize: 7 });
        sent += r.sent;
        if (r.claimed === 0) break;
      }
      mailer.close();
      return sent;
    };
    const counts = await Promise.all([worker(0), worker(1), worker(0), worker(1)]);
    await second?.close();
    const got = smtp.received.slice(before).map((m) => m.to[0]);
    expect(got).toHaveLength(120);
    expect(new Set(got).size).toBe(120);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(120);
    if (t.testDb.url) expect(counts.filter((c) => c > 0).length).toBeGreaterThan(1);
  });

  it("produces the scheduled bilan once with two schedulers on two pools", async () => {
    const second = t.testDb.url
      ? await openDatabase({ databaseUrl: t.testDb.url, dataDir: null, poolSize: 5 })
      : null;
    await sql`INSERT INTO crisis_report_schedules (org_id, time_of_day, enabled, last_run_on) VALUES (${t.orgId}, '00:00', true, '2000-01-01')`.execute(
      db(),
    );
    await t.signIn("crisis_cell", { email: "membre@x.fr" });
    const results = await Promise.all([
      runDueSchedules(db()),
      runDueSchedules(second?.db ?? db()),
      runDueSchedules(db()),
    ]);
    await second?.close();
    expect(results.flat()).toHaveLength(1);
    const rows = await db()
      .selectFrom("outbox_deliveries")
      .select("recipient")
      .where("recipient", "=", "membre@x.fr")
      .execute();
    expect(rows).toHaveLength(1);
  });
});
