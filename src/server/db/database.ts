// Opens the database: PGlite persisted in the data folder by default, a PostgreSQL server when
// DATABASE_URL is set. Both speak the same SQL and return the same JS types (dates as strings,
// bigints and numerics as numbers) so the rest of the code never asks which one it has.
import { mkdirSync } from "node:fs";
import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { PGliteDialect } from "./pglite-dialect.js";
import type { DB } from "./schema.js";

export type DbKind = "pglite" | "postgres";

export interface Database {
  kind: DbKind;
  db: Kysely<DB>;
  /** Runs a multi-statement SQL script (migrations, restore). */
  execScript(script: string): Promise<void>;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

export interface OpenOptions {
  databaseUrl: string | null;
  /** PGlite data folder; null keeps the database in memory (tests). */
  dataDir: string | null;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPGlite(options.dataDir);
}

async function openPGlite(dataDir: string | null): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const parsers = {
    [DATE_OID]: (v: string) => v,
    [INT8_OID]: (v: string) => Number(v),
    [NUMERIC_OID]: (v: string) => Number(v),
  };
  const client = dataDir ? new PGlite(dataDir, { parsers }) : new PGlite({ parsers });
  await client.waitReady;
  void pgliteTypes; // parsers are keyed by OID; the import documents where they come from
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    kind: "pglite",
    db,
    async execScript(script) {
      // Runs through Kysely's connection so the script waits its turn behind the mutex.
      await db.connection().execute(async () => {
        try {
          await client.exec(script);
        } catch (err) {
          await client.exec("ROLLBACK").catch(() => undefined);
          throw err;
        }
      });
    },
    async close() {
      await db.destroy();
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const typeParsers = {
    getTypeParser(oid: number, format?: "text" | "binary") {
      if (oid === DATE_OID) return (v: string) => v;
      if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({ connectionString: url, max, types: typeParsers, connectionTimeoutMillis: 5000 });
  // An idle client losing its server (restart) must not crash the process: the pool replaces it.
  pool.on("error", () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db);
  return {
    kind: "postgres",
    db,
    async execScript(script) {
      const client = await pool.connect();
      try {
        await client.query(script);
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
