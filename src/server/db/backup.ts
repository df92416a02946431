// Logical backup and restore of the whole installation, the same on PGlite and PostgreSQL: one
// gzip'd JSON line per row, written by PostgreSQL itself (row_to_json) and read back by it
// (json_populate_recordset), so every column type round-trips. A backup records its schema
// version; restoring refuses a backup from a newer Relais and needs an empty database.

import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import { sql } from "kysely";
import type { Database } from "./database.js";
import { listMigrations, migrate } from "./migrate.js";

const FORMAT = "relais-backup/1";
const BATCH = 2000;

interface Header {
  format: string;
  schemaVersion: string;
  createdAt: string;
}

async function tablesInDependencyOrder(database: Database): Promise<string[]> {
  const tables = (
    await sql<{
      name: string;
    }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1`.execute(
      database.db,
    )
  ).rows.map((r) => r.name);
  const deps = (
    await sql<{ child: string; parent: string }>`
      SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
      FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`.execute(
      database.db,
    )
  ).rows;
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (ordered.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const d of deps) if (d.child === t && d.parent !== t) visit(d.parent);
    visiting.delete(t);
    ordered.push(t);
  };
  for (const t of tables) visit(t);
  return ordered;
}

async function schemaVersion(database: Database): Promise<string> {
  const r = await sql<{ v: string | null }>`SELECT max(version) AS v FROM schema_migrations`.execute(
    database.db,
  );
  return r.rows[0]?.v ?? "0000";
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function backup(database: Database, file: string): Promise<{ tables: number; rows: number }> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, "drain");
  };
  const header: Header = {
    format: FORMAT,
    schemaVersion: await schemaVersion(database),
    createdAt: new Date().toISOString(),
  };
  await write(JSON.stringify(header));
  let rows = 0;
  const tables = await tablesInDependencyOrder(database);
  // One repeatable-read transaction: the backup is a consistent snapshot while Relais keeps running.
  await database.db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      for (const table of tables) {
        await sql
          .raw(
            `DECLARE relais_backup CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${quoteIdent(table)} t`,
          )
          .execute(trx);
        for (;;) {
          const batch = await sql<{ j: string }>`FETCH ${sql.raw(String(BATCH))} FROM relais_backup`.execute(
            trx,
          );
          for (const r of batch.rows) await write(`{"t":${JSON.stringify(table)},"r":${r.j}}`);
          rows += batch.rows.length;
          if (batch.rows.length < BATCH) break;
        }
        await sql`CLOSE relais_backup`.execute(trx);
      }
    });
  gzip.end();
  await once(out, "finish");
  return { tables: tables.length, rows };
}

export class RestoreError extends Error {}

export async function restore(database: Database, file: string): Promise<{ rows: number }> {
  const lines = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new RestoreError("Fichier de sauvegarde vide.");
  let header: Header;
  try {
    header = JSON.parse(first.value) as Header;
  } catch {
    throw new RestoreError("Ce fichier n'est pas une sauvegarde Relais.");
  }
  if (header.format !== FORMAT)
    throw new RestoreError("Ce fichier n'est pas une sauvegarde Relais (format inconnu).");
  const known = listMigrations().map((m) => m.version);
  const latest = known[known.length - 1] ?? "0000";
  if (header.schemaVersion > latest) {
    throw new RestoreError(
      `Sauvegarde faite par une version plus récente de Relais (schéma ${header.schemaVersion}, celui-ci connaît ${latest}) : mettez Relais à jour avant de restaurer.`,
    );
  }
  // Bring an empty database to the backup's schema, load, then apply the newer migrations.
  const existing = await sql<{ t: string | null }>`SELECT to_regclass('orgs')::text AS t`.execute(
    database.db,
  );
  if (existing.rows[0]?.t) {
    const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM orgs`.execute(database.db);
    if ((n.rows[0]?.n ?? 0) > 0)
      throw new RestoreError("La base de destination n'est pas vide : restaurez dans une base neuve.");
    const v = await schemaVersion(database);
    if (v > header.schemaVersion)
      throw new RestoreError(
        `La base de destination est déjà au schéma ${v}, plus récent que la sauvegarde (${header.schemaVersion}) : restaurez dans une base neuve.`,
      );
  }
  await migrate(database, undefined, header.schemaVersion);
  let rows = 0;
  await database.db.transaction().execute(async (trx) => {
    // Rows arrive parents first, but self-references and triggers are not re-run: load as a replica.
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    let table: string | null = null;
    let batch: string[] = [];
    const flush = async () => {
      if (!table || batch.length === 0) return;
      await sql`INSERT INTO ${sql.raw(quoteIdent(table))} SELECT * FROM json_populate_recordset(NULL::${sql.raw(quoteIdent(table))}, ${`[${batch.join(",")}]`}::json)`.execute(
        trx,
      );
      rows += batch.length;
      batch = [];
    };
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (!next.value) continue;
      const { t, r } = JSON.parse(next.value) as { t: string; r: unknown };
      if (t !== table || batch.length >= BATCH) {
        await flush();
        table = t;
      }
      batch.push(JSON.stringify(r));
    }
    await flush();
    // Sequences (bigserial ids) continue after the restored rows.
    const serials = await sql<{ tbl: string; col: string }>`
      SELECT table_name AS tbl, column_name AS col FROM information_schema.columns
      WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`.execute(trx);
    for (const s of serials.rows) {
      await sql`SELECT setval(pg_get_serial_sequence(${s.tbl}, ${s.col}), COALESCE((SELECT max(${sql.ref(s.col)}) FROM ${sql.table(s.tbl)}), 0) + 1, false)`.execute(
        trx,
      );
    }
  });
  await migrate(database);
  return { rows };
}
