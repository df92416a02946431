// Applies the ordered SQL files of migrations/ once each, recorded in schema_migrations.
// On PostgreSQL an advisory lock keeps two starting processes from applying the same file twice.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { Database } from "./database.js";

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../../migrations");
const LOCK_KEY = 7_245_001;

export function listMigrations(dir = MIGRATIONS_DIR): { version: string; file: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.slice(0, 4), file: join(dir, f) }));
}

/** Applies pending migrations (up to `upTo` included, when given: restoring an older backup). */
export async function migrate(database: Database, dir = MIGRATIONS_DIR, upTo?: string): Promise<string[]> {
  const { db } = database;
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const applied: string[] = [];
  const work = async () => {
    const done = new Set(
      (await sql<{ version: string }>`SELECT version FROM schema_migrations`.execute(db)).rows.map(
        (r) => r.version,
      ),
    );
    for (const m of listMigrations(dir)) {
      if (done.has(m.version) || (upTo !== undefined && m.version > upTo)) continue;
      const name = m.file.split("/").pop() ?? m.version;
      const body = readFileSync(m.file, "utf8");
      await database.execScript(
        `BEGIN;\n${body}\n;INSERT INTO schema_migrations (version, name) VALUES ('${m.version}', '${name.replace(/'/g, "")}');\nCOMMIT;`,
      );
      applied.push(name);
    }
  };
  if (database.kind === "postgres") {
    // The lock belongs to one session: take and free it on the same connection.
    await db.connection().execute(async (conn) => {
      await sql`SELECT pg_advisory_lock(${LOCK_KEY})`.execute(conn);
      try {
        await work();
      } finally {
        await sql`SELECT pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
      }
    });
  } else {
    await work();
  }
  return applied;
}

export async function pendingMigrations(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('schema_migrations')::text AS t`.execute(
    database.db,
  );
  const done = new Set<string>();
  if (exists.rows[0]?.t) {
    const rows = await sql<{ version: string }>`SELECT version FROM schema_migrations`.execute(database.db);
    for (const r of rows.rows) done.add(r.version);
  }
  return listMigrations(dir)
    .filter((m) => !done.has(m.version))
    .map((m) => m.version);
}
