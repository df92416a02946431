import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backup, RestoreError, restore } from "../../src/server/db/backup.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";

let t: TestApp;
let target: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), "relais-backup-"));

beforeAll(async () => {
  t = await createTestApp();
  target = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function counts(db: TestDatabase["database"]["db"]) {
  const tables = await sql<{
    name: string;
  }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`.execute(db);
  const out: Record<string, number> = {};
  for (const { name } of tables.rows) {
    out[name] = (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(db)
    ).rows[0].n;
  }
  return out;
}

describe("backup and restore", () => {
  it("restores every row into an empty database, and the restored installation works", async () => {
    expect(
      (
        await t.admin.post("/api/sites", {
          name: "Siège « L'Étoile »",
          address: "1 rue d'Alsace-Lorraine",
          capacity: 40,
        })
      ).statusCode,
    ).toBe(201);
    const file = join(dir, "a.jsonl.gz");
    const made = await backup(t.testDb.database, file);
    expect(made.rows).toBeGreaterThan(5);
    await restore(target.database, file);
    expect(await counts(target.database.db)).toEqual(await counts(t.testDb.database.db));
    const site = await target.database.db.selectFrom("sites").selectAll().executeTakeFirstOrThrow();
    expect(site.name).toBe("Siège « L'Étoile »");
    // Sequences continue after the restored ids.
    await target.database.db
      .insertInto("audit_log")
      .values({ org_id: null, user_id: null, action: "test", entity: "test" })
      .execute();
  });

  it("refuses a non-empty database, a newer schema and a file that is not a backup", async () => {
    const file = join(dir, "a.jsonl.gz");
    await expect(restore(target.database, file)).rejects.toThrow(/pas vide/);
    const newer = join(dir, "newer.jsonl.gz");
    writeFileSync(
      newer,
      gzipSync(
        `${JSON.stringify({ format: "relais-backup/1", schemaVersion: "9999", createdAt: "2030-01-01" })}\n`,
      ),
    );
    const fresh = await createTestDatabase();
    try {
      await expect(restore(fresh.database, newer)).rejects.toThrow(/plus récente/);
      const junk = join(dir, "junk.gz");
      writeFileSync(junk, gzipSync("bonjour\n"));
      await expect(restore(fresh.database, junk)).rejects.toBeInstanceOf(RestoreError);
    } finally {
      await fresh.drop();
    }
  });
});
