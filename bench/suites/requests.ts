// Requests on PostgreSQL (a temporary database on postgres://postgres@127.0.0.1:5432):
// 1. Public form submissions through HTTP, load stepped up by a bounded closed-loop generator in a
//    child process (loopback only): requests per second and p99 at the highest load sustained without
//    errors, next to a minimal route that only inserts one row with the same driver, in the same run.
// 2. The queue view with 1,000,000 requests stored: p95 of a service's open requests sorted by
//    priority and due date (GET /api/requests?serviceId=…&open=true).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import pg from "pg";
import { loadConfig } from "../../src/server/config.js";
import { openDatabase } from "../../src/server/db/database.js";
import { migrate } from "../../src/server/db/migrate.js";
import { buildApp } from "../../src/server/http/app.js";
import { createOrg, createUser } from "../../src/server/orgs/service.js";
import { newId } from "../../src/server/shared/ids.js";

type Report = (name: string, value: number, unit: string) => void;

const SERVER = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const STEPS = [4, 8, 16, 32, 64, 128];
const STEP_MS = 4000;
const MAX_PER_STEP = 60_000;

// The load generator: N concurrent keep-alive connections posting JSON for a bounded time and count.
const LOADGEN = `
const http = require("node:http");
const [port, path, conc, durMs, maxCount, base, org] = process.argv.slice(1);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(conc) });
let n = 0, ok = 0, err = 0; const codes = {}; const lat = [];
const end = Date.now() + Number(durMs);
const bodyOf = (k) => org
  ? JSON.stringify({ org, category: "Technique", consent: false,
      message: "Bonjour, je voudrais connaitre la date de l entretien annuel de la chaudiere et du chauffage, demande " + k })
  : JSON.stringify({ body: "ligne " + k });
function one(k) {
  return new Promise((resolve) => {
    const ip = Number(base) + k;
    const headers = { "content-type": "application/json",
      "x-forwarded-for": "10." + ((ip >> 16) & 255) + "." + ((ip >> 8) & 255) + "." + (ip & 255) };
    if (org) headers["idempotency-key"] = "bench-" + base + "-" + k;
    const req = http.request({ host: "127.0.0.1", port: Number(port), path, method: "POST", agent, headers }, (res) => {
      res.resume(); res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", () => resolve(0));
    req.end(bodyOf(k));
  });
}
async function worker() {
  while (Date.now() < end && n < Number(maxCount)) {
    const k = ++n; const t0 = performance.now();
    const status = await one(k);
    lat.push(performance.now() - t0);
    if (status >= 200 && status < 300) ok++; else { err++; codes[status] = (codes[status] || 0) + 1; }
  }
}
const t0 = performance.now();
Promise.all(Array.from({ length: Number(conc) }, worker)).then(() => {
  const elapsed = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const p99 = lat[Math.min(lat.length - 1, Math.floor(lat.length * 0.99))] || 0;
  process.stdout.write(JSON.stringify({ ok, err, codes, rps: ok / elapsed, p99 }));
  agent.destroy();
});
`;

interface Step {
  conc: number;
  ok: number;
  err: number;
  codes: Record<string, number>;
  rps: number;
  p99: number;
}

function loadStep(port: number, path: string, conc: number, base: number, org: string): Promise<Step> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "-e",
        LOADGEN,
        String(port),
        path,
        String(conc),
        String(STEP_MS),
        String(MAX_PER_STEP),
        String(base),
        org,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    const kill = setTimeout(() => child.kill("SIGKILL"), STEP_MS + 30_000);
    child.on("exit", () => {
      clearTimeout(kill);
      try {
        resolve({ conc, ...(JSON.parse(out) as Omit<Step, "conc">) });
      } catch (err) {
        reject(err);
      }
    });
  });
}

/** Steps the load up; the answer is the best step without any error (and where it stopped). */
async function ceiling(port: number, path: string, org: string, base: number): Promise<Step | null> {
  let best: Step | null = null;
  for (const [i, conc] of STEPS.entries()) {
    const s = await loadStep(port, path, conc, base + i * 1_000_000, org);
    if (s.err > 0) {
      process.stderr.write(`  ${path} c=${conc}: ${s.err} erreurs ${JSON.stringify(s.codes)} — arrêt\n`);
      break;
    }
    if (!best || s.rps > best.rps) best = s;
    else if (s.rps < best.rps * 0.9) break; // past the knee: more load only adds latency
  }
  return best;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? 0;
};

export async function run(report: Report): Promise<void> {
  const name = `relais_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize: 20 });
  try {
    await migrate(database);
    const db = database.db;
    await sql`CREATE TABLE bench_rows (id uuid PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`.execute(
      db,
    );
    const org = await createOrg(db, {
      name: "Office bench",
      type: "housing_office",
      timezone: "Europe/Paris",
    });
    const orgRow = await db
      .selectFrom("orgs")
      .select("slug")
      .where("id", "=", org.id)
      .executeTakeFirstOrThrow();
    const services: string[] = [];
    for (let i = 0; i < 20; i++) {
      const id = newId();
      services.push(id);
      await db
        .insertInto("services")
        .values({
          id,
          org_id: org.id,
          name: `Service ${i}`,
          parent_id: i === 0 ? null : services[0]!,
          mailbox: `s${i}@bench.test`,
          phone: null,
        })
        .execute();
    }
    await db
      .insertInto("routing_rules")
      .values({
        id: newId(),
        org_id: org.id,
        name: "Technique",
        position: 10,
        conditions: JSON.stringify({ anyWords: ["chauffage", "fuite*", "ascenseur"] }),
        service_id: services[1]!,
        priority: "normal",
      })
      .execute();
    const config = loadConfig({
      RELAIS_LOG_LEVEL: "silent",
      RELAIS_DEMO: "0",
      RELAIS_WEB_DIST: "/nonexistent",
    });
    const app = await buildApp({ database, config });
    // The baseline: one row inserted with the same driver (Kysely over pg), nothing else.
    app.post("/bench/insert", async (request, reply) => {
      const body = (request.body as { body?: string } | undefined)?.body ?? "";
      const id = newId();
      await db
        .insertInto("bench_rows" as never)
        .values({ id, body } as never)
        .execute();
      return reply.code(201).send({ id });
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const port = (app.server.address() as AddressInfo).port;
    try {
      // Warm-up (JIT, pool) — not measured.
      await loadStep(port, "/api/public/requests", 8, 900_000_000, orgRow.slug);
      await loadStep(port, "/bench/insert", 8, 0, "");
      const form = await ceiling(port, "/api/public/requests", orgRow.slug, 0);
      const base = await ceiling(port, "/bench/insert", "", 0);
      if (form) {
        report("requests.public_form.rps", Math.round(form.rps), "req/s");
        report("requests.public_form.p99_ms", form.p99, "ms");
        report("requests.public_form.concurrency", form.conc, "clients");
      }
      if (base) {
        report("requests.baseline_insert.rps", Math.round(base.rps), "req/s");
        report("requests.baseline_insert.p99_ms", base.p99, "ms");
      }
      if (form && base) report("requests.public_form.ratio_to_baseline", form.rps / base.rps, "ratio");
      // Every acknowledged submission is exactly one stored request (no loss, no double).
      const stored = await db
        .selectFrom("requests")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      const keys = await db
        .selectFrom("request_idempotency")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      report("requests.public_form.stored_minus_acknowledged", Number(stored.n) - Number(keys.n), "rows");

      // ---- Queue view over 1,000,000 requests ----
      if (process.env.BENCH_REQUESTS_QUEUE === "0") return; // form throughput only (profiling)
      const t0 = performance.now();
      await sql`
        INSERT INTO requests (id, org_id, reference, service_id, channel, status, priority, priority_rank, urgent,
                              flags, subject, message, follow_token_hash, due_at, created_at, updated_at, closed_at)
        SELECT gen_random_uuid(), ${org.id}::uuid, 'BENCH-' || g,
               (${sql.val(services)}::uuid[])[1 + ((g / 10) % 20)],
               (ARRAY['web','email','phone'])[1 + (g % 3)],
               CASE WHEN g % 10 < 7 THEN 'closed' ELSE (ARRAY['new','in_progress','waiting_requester'])[1 + (g % 3)] END,
               (ARRAY['low','normal','high','urgent'])[1 + (g * 7 % 4)], (g * 7 % 4), (g * 7 % 4) = 3,
               '[]', 'Demande ' || g, 'Message de la demande ' || g, 'bench:' || g,
               now() + make_interval(mins => (g * 37 % 20000) - 5000),
               now() - make_interval(mins => g % 100000), now(),
               CASE WHEN g % 10 < 7 THEN now() ELSE NULL END
        FROM generate_series(1, 1000000) AS g`.execute(db);
      await sql`VACUUM ANALYZE requests`.execute(db);
      report("requests.queue_1m.fill_s", (performance.now() - t0) / 1000, "s");

      const email = "bench.admin@bench.test";
      await createUser(db, {
        orgId: org.id,
        email,
        role: "admin",
        password: "motdepasse-bench-42",
        serviceId: null,
        agentId: null,
      });
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "motdepasse-bench-42" }),
      });
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const times: number[] = [];
      for (let i = 0; i < 240; i++) {
        const serviceId = services[i % services.length]!;
        const s0 = performance.now();
        const res = await fetch(
          `http://127.0.0.1:${port}/api/requests?serviceId=${serviceId}&open=true&limit=50`,
          {
            headers: { cookie },
          },
        );
        const body = (await res.json()) as { total?: number };
        if (res.status !== 200 || !body.total) throw new Error(`queue view: ${res.status}`);
        if (i >= 40) times.push(performance.now() - s0); // the first 40 warm the caches
      }
      report("requests.queue_1m.p95_ms", pct(times, 0.95), "ms");
      report("requests.queue_1m.median_ms", pct(times, 0.5), "ms");
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    const c = new pg.Client({ connectionString: SERVER });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
}
