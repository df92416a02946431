// GET /api/dashboard on a large organisation (20,000 agents, 2,000 activities, 90 days of statuses:
// 1.8 M rows) on PGlite (data folder on disk) and on PostgreSQL (temporary database, when the server
// on 127.0.0.1:5432 answers). Targets: p95 < 500 ms on PGlite, < 200 ms on PostgreSQL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { todayIn } from "../../src/server/dashboard/service.js";
import { type Database, openDatabase } from "../../src/server/db/database.js";
import { migrate } from "../../src/server/db/migrate.js";
import { benchApp, signedInGet } from "../fixtures/app.js";
import { buildLargeOrg } from "../fixtures/large-org.js";
import type { Report } from "../run.js";
import { median, percentile } from "../stats.js";

const AGENTS = Number(process.env.BENCH_AGENTS ?? 20_000);
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 2_000);
const DAYS = 90;
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const SERVER = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function measure(database: Database, label: string, report: Report): Promise<void> {
  const today = todayIn("Europe/Paris");
  const t0 = performance.now();
  const { orgId, serviceIds } = await buildLargeOrg(database.db, {
    name: `Banc ${label}`,
    agents: AGENTS,
    activities: ACTIVITIES,
    days: DAYS,
    today,
  });
  report(`dashboard.${label}.build_s`, (performance.now() - t0) / 1000, "s");
  const app = await benchApp(database);
  try {
    const get = await signedInGet(app, { orgId, role: "admin", email: `admin.${label}@bench.relais.test` });
    const check = await get("/api/dashboard");
    if (check.statusCode !== 200) throw new Error(`dashboard answered ${check.statusCode}: ${check.body}`);
    const body = check.json() as { agents: number; shortfalls: unknown[] };
    if (body.agents !== AGENTS) throw new Error(`expected ${AGENTS} agents, got ${body.agents}`);
    for (let i = 0; i < 3; i++) await get("/api/dashboard");
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const cpu0 = process.cpuUsage();
      const res = await get("/api/dashboard");
      const cpu = process.cpuUsage(cpu0);
      times.push(performance.now() - start);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
      if (res.statusCode !== 200) throw new Error(`dashboard answered ${res.statusCode}`);
    }
    report(`dashboard.${label}.p95_ms`, percentile(times, 95), "ms");
    report(`dashboard.${label}.median_ms`, median(times), "ms");
    // CPU time of this process per request (user + system): on PGlite it includes the database
    // (same process); on PostgreSQL it is the client side only (the server's CPU is not counted).
    // Less sensitive than wall time to other work on the machine.
    report(`dashboard.${label}.cpu_p95_ms`, percentile(cpuTimes, 95), "ms");
    report(`dashboard.${label}.cpu_median_ms`, median(cpuTimes), "ms");
    // A service manager of a direction (one tenth of the organisation).
    const scoped = await signedInGet(app, {
      orgId,
      role: "service_manager",
      email: `chef.${label}@bench.relais.test`,
      serviceId: serviceIds[0],
    });
    const scopedTimes: number[] = [];
    for (let i = 0; i < Math.ceil(RUNS / 2); i++) {
      const start = performance.now();
      await scoped("/api/dashboard");
      scopedTimes.push(performance.now() - start);
    }
    report(`dashboard.${label}.service_manager_median_ms`, median(scopedTimes), "ms");
  } finally {
    await app.close();
  }
}

async function serverReachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export async function run(report: Report): Promise<void> {
  const only = process.env.BENCH_DASHBOARD_DB; // "pglite" or "postgres" to run one
  if (only !== "pglite" && (await serverReachable(SERVER))) {
    const name = `relais_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: SERVER });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    try {
      const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize: 5 });
      await migrate(database);
      try {
        await measure(database, "postgres", report);
      } finally {
        await database.close();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
  if (only !== "postgres") {
    const dir = mkdtempSync(join(tmpdir(), "relais-bench-dashboard-"));
    try {
      const database = await openDatabase({ databaseUrl: null, dataDir: dir });
      await migrate(database);
      try {
        await measure(database, "pglite", report);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
