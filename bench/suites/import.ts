// Import of a 20,000-row XLSX through the HTTP API (app.inject), on PGlite and on PostgreSQL when
// a server is reachable (a temporary database, dropped afterwards). Median of 3 runs; target < 5 s.
// Each run imports into a fresh organisation, so every run creates the 20,000 agents.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import pg from "pg";
import { loadConfig } from "../../src/server/config.js";
import { type Database, openDatabase } from "../../src/server/db/database.js";
import { migrate } from "../../src/server/db/migrate.js";
import { buildApp } from "../../src/server/http/app.js";
import { createOrg, createUser } from "../../src/server/orgs/service.js";
import { readTable } from "../../src/server/people/import/table.js";
import { median } from "../stats.js";

type Report = (name: string, value: number, unit: string) => void;

const ROWS = 20_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SERVICES = [
  "Direction générale",
  "Gestion Locative",
  "Gestion Sociale",
  "Comptabilité",
  "Systèmes d'information",
  "Habitat et Territoire",
];
const SITES = ["Siège - Toulouse", "Agence Nord - Blagnac", "Agence Sud - Muret"];
const SKILLS = [
  "paie",
  "quittancement",
  "accueil téléphonique",
  "VPN",
  "état des lieux",
  "astreinte technique",
  "juridique",
  "recouvrement",
];
const PHONES = (i: number) => {
  const d = String(62_000_000 + i).padStart(8, "0");
  const parts = [d.slice(0, 2), d.slice(2, 4), d.slice(4, 6), d.slice(6, 8)];
  switch (i % 5) {
    case 0:
      return `05 ${parts.join(" ")}`;
    case 1:
      return `+33 5 ${parts.join(" ")}`;
    case 2:
      return `05${parts.join("")}`;
    case 3:
      return `05.${parts.join(".")}`;
    default:
      return `0033 5 ${parts.join(" ")}`;
  }
};

async function writeXlsx(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Agents");
  ws.addRow([
    "Matricule",
    "Nom",
    "Prénom",
    "Direction",
    "Service",
    "Site",
    "Fonction",
    "Date d'entrée",
    "Temps de travail",
    "Télétravail possible",
    "Téléphone professionnel",
    "Courriel professionnel",
    "Compétences",
  ]);
  for (let i = 0; i < ROWS; i++) {
    const row = ws.addRow([
      `M${String(i).padStart(6, "0")}`,
      `Nom${i}`,
      `Prénom${i}`,
      "Direction",
      SERVICES[i % SERVICES.length],
      SITES[i % SITES.length],
      "Agent(e) d'entretien",
      new Date(Date.UTC(1990 + (i % 30), i % 12, 1 + (i % 28))),
      [1, 0.8, 0.5, 0.9][i % 4],
      ["Oui", "NON", "O", "X", "n", ""][i % 6],
      PHONES(i),
      `agent${i}@oph-demo.example.org`,
      `${SKILLS[i % SKILLS.length]}, ${SKILLS[(i * 7 + 3) % SKILLS.length]}`,
    ]);
    row.getCell(8).numFmt = "dd/mm/yyyy";
    row.getCell(9).numFmt = "0 %";
  }
  await wb.xlsx.writeFile(path);
}

function multipart(name: string, content: Buffer, fields: Record<string, string>) {
  const boundary = `----relaisbench${randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

interface Run {
  /** Wall time of the request, seconds. */
  wall: number;
  /** CPU time of this process (user + system) during the request, seconds: less sensitive to the
   * machine's load than wall time (the database server's own CPU is not included). */
  cpu: number;
}

async function measure(database: Database, file: Buffer): Promise<Run[]> {
  const config = loadConfig({
    RELAIS_LOG_LEVEL: "silent",
    RELAIS_DEMO: "0",
    RELAIS_WEB_DIST: "/nonexistent",
  });
  const app = await buildApp({ database, config });
  await app.ready();
  const times: Run[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const { id: orgId } = await createOrg(database.db, {
        name: `Bench import ${run} ${randomUUID().slice(0, 8)}`,
        type: "housing_office",
        timezone: "Europe/Paris",
      });
      for (const name of SERVICES) {
        await database.db.insertInto("services").values({ id: randomUUID(), org_id: orgId, name }).execute();
      }
      for (const name of SITES) {
        await database.db
          .insertInto("sites")
          .values({ id: randomUUID(), org_id: orgId, name, capacity: 100 })
          .execute();
      }
      const email = `bench.${randomUUID().slice(0, 8)}@relais.test`;
      const password = "motdepasse-bench-42";
      await createUser(database.db, { orgId, email, role: "admin", password });
      const login = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email, password },
      });
      const cookie = login.cookies.find((c) => c.name === "relais_session");
      const csrf = (login.json() as { csrfToken: string }).csrfToken;
      const body = multipart("agents-20000.xlsx", file, { mode: "commit", onError: "abort" });
      const start = performance.now();
      const cpu0 = process.cpuUsage();
      const res = await app.inject({
        method: "POST",
        url: "/api/agents/import",
        payload: body.payload,
        headers: {
          "content-type": body.contentType,
          cookie: `relais_session=${cookie?.value}`,
          "x-csrf-token": csrf,
        },
      });
      const seconds = (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const report = res.json() as { created?: number };
      if (res.statusCode !== 200 || report.created !== ROWS) {
        throw new Error(`import failed (${res.statusCode}): ${res.body.slice(0, 500)}`);
      }
      times.push({ wall: seconds, cpu: (cpu.user + cpu.system) / 1e6 });
    }
  } finally {
    await app.close();
  }
  return times;
}

async function postgresServer(): Promise<string | null> {
  const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return url;
  } catch {
    return null;
  }
}

function reportRuns(report: Report, label: string, runs: Run[]): void {
  report(`import.xlsx_${ROWS}.${label}.seconds`, median(runs.map((r) => r.wall)), "s");
  report(`import.xlsx_${ROWS}.${label}.cpu_s`, median(runs.map((r) => r.cpu)), "s");
}

/** Reading the file alone (no database): the share of the import spent parsing. */
async function measureParse(file: Buffer, report: Report): Promise<void> {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    const table = await readTable(file, "agents-20000.xlsx");
    const cpu = process.cpuUsage(cpu0);
    if (table.rows.length !== ROWS) throw new Error(`parsed ${table.rows.length} rows`);
    runs.push({ wall: (performance.now() - start) / 1000, cpu: (cpu.user + cpu.system) / 1e6 });
  }
  report(`import.xlsx_${ROWS}.parse.seconds`, median(runs.map((r) => r.wall)), "s");
  report(`import.xlsx_${ROWS}.parse.cpu_s`, median(runs.map((r) => r.cpu)), "s");
}

export async function run(report: Report): Promise<void> {
  const only = process.env.BENCH_IMPORT_DB; // "pglite" or "postgres" to run one
  const dir = mkdtempSync(join(tmpdir(), "relais-bench-import-"));
  try {
    const path = join(dir, "agents-20000.xlsx");
    await writeXlsx(path);
    const file = readFileSync(path);
    await measureParse(file, report);

    if (only !== "postgres") {
      const lite = await openDatabase({ databaseUrl: null, dataDir: null });
      try {
        await migrate(lite);
        reportRuns(report, "pglite", await measure(lite, file));
      } finally {
        await lite.close();
      }
    }

    const server = only === "pglite" ? null : await postgresServer();
    if (!server) return;
    const name = `relais_bench_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    try {
      const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize: 5 });
      try {
        await migrate(database);
        reportRuns(report, "postgres", await measure(database, file));
      } finally {
        await database.close();
      }
    } finally {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
