// Crisis cell benchmarks, on PGlite and on a PostgreSQL server (temporary database) when one answers:
//   crisis.bilan_20000.<db>.seconds — one bilan (figures as of an instant + PDF) for an organisation
//     of 20,000 agents with 90 days of statuses, loans and log (target < 2 s), median of 3;
//   crisis.log_100000.<db>.p95_ms — the log view with a filter and a French search term over
//     100,000 entries (target < 150 ms), p95 of 60 queries.
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { listEntries } from "../../src/server/crisis/log/service.js";
import { figuresAsOf } from "../../src/server/crisis/reports/figures.js";
import { renderPdf } from "../../src/server/crisis/reports/pdf.js";
import { type Database, openDatabase } from "../../src/server/db/database.js";
import { migrate } from "../../src/server/db/migrate.js";
import type { CurrentUser } from "../../src/server/http/access.js";
import { createOrg } from "../../src/server/orgs/service.js";
import { newId } from "../../src/server/shared/ids.js";
import type { Report } from "../run.js";
import { median, percentile } from "../stats.js";

const AGENTS = 20_000;
const DAYS = 90;
const LOG = 100_000;
const D0 = "2020-02-12"; // first day of history; the bilan is for D0 + 89 = 2020-05-11

async function seedBilanOrg(db: Database["db"]): Promise<string> {
  const { id: org } = await createOrg(db, { name: "Région bench", type: "region", timezone: "Europe/Paris" });
  const q = (s: ReturnType<typeof sql>) => s.execute(db);
  const u = (prefix: string, i: string) => sql.raw(`md5('${org}${prefix}' || ${i})::uuid`);
  await q(
    sql`INSERT INTO services (id, org_id, name) SELECT ${u("s", "i")}, ${org}, 'Service ' || i FROM generate_series(0, 19) i`,
  );
  await q(
    sql`INSERT INTO sites (id, org_id, name, capacity) SELECT ${u("t", "i")}, ${org}, 'Site ' || i, 500 FROM generate_series(0, 4) i`,
  );
  await q(
    sql`INSERT INTO skills (id, org_id, name) SELECT ${u("k", "i")}, ${org}, 'Compétence ' || i FROM generate_series(0, 29) i`,
  );
  await q(sql`INSERT INTO activities (id, org_id, service_id, site_id, name, criticality, max_interruption_hours, min_on_site, min_remote, modes, equipment_kinds, created_at)
    SELECT ${u("a", "i")}, ${org}, ${u("s", "i % 20")}, ${u("t", "i % 5")}, 'Activité ' || i, 1 + i % 4, 24, 2 + i % 8, 5 + i % 20,
      '{on_site,remote,mixed}', CASE WHEN i % 3 = 0 THEN '{vpn}'::text[] ELSE '{}'::text[] END, '2020-01-01'
    FROM generate_series(0, 199) i`);
  await q(
    sql`INSERT INTO activity_skills (activity_id, skill_id) SELECT ${u("a", "i")}, ${u("k", "i % 30")} FROM generate_series(0, 199) i`,
  );
  await q(sql`INSERT INTO agents (id, org_id, staff_number, last_name, first_name, service_id, site_id, can_telework, created_at)
    SELECT ${u("g", "i")}, ${org}, 'M' || i, 'Nom ' || i, 'Prénom', ${u("s", "i % 20")}, ${u("t", "i % 5")}, i % 5 <> 0, '2020-01-01'
    FROM generate_series(0, ${AGENTS - 1}) i`);
  await q(sql`INSERT INTO agent_skills (agent_id, skill_id)
    SELECT ${u("g", "i")}, ${u("k", "i % 30")} FROM generate_series(0, ${AGENTS - 1}) i
    UNION SELECT ${u("g", "i")}, ${u("k", "(i * 7 + 3) % 30")} FROM generate_series(0, ${AGENTS - 1}) i`);
  const statuses =
    "(ARRAY['on_site','telework','telework','telework','on_call','sick','isolated','childcare','special_leave','off'])";
  await q(sql`INSERT INTO daily_statuses (org_id, agent_id, day, status, set_at)
    SELECT ${org}, ${u("g", "i")}, ${D0}::date + k, ${sql.raw(statuses)}[1 + (i * 31 + k * 17) % 10], (${D0}::date + k)::timestamp + interval '6 hours'
    FROM generate_series(0, ${AGENTS - 1}) i, generate_series(0, ${DAYS - 1}) k`);
  await q(sql`INSERT INTO status_changes (org_id, agent_id, day, status, set_at)
    SELECT ${org}, ${u("g", "i")}, ${D0}::date + k, ${sql.raw(statuses)}[1 + (i * 31 + k * 17) % 10], (${D0}::date + k)::timestamp + interval '6 hours'
    FROM generate_series(0, ${AGENTS - 1}) i, generate_series(0, ${DAYS - 1}) k WHERE (i + k) % 10 = 0`);
  await q(sql`INSERT INTO equipment (id, org_id, kind, label)
    SELECT ${u("e", "i")}, ${org}, CASE WHEN i < 15000 THEN 'laptop' ELSE 'vpn' END, 'Matériel ' || i FROM generate_series(0, 19999) i`);
  await q(sql`INSERT INTO equipment_loans (id, org_id, equipment_id, agent_id, lent_on, created_at)
    SELECT ${u("l", "i")}, ${org}, ${u("e", "i")}, ${u("g", "i % 15000")}, ${D0}::date + (i % 80), '2020-01-01' FROM generate_series(0, 19999) i`);
  await q(
    sql`INSERT INTO crisis_scenarios (id, org_id, name, type) VALUES (${u("c", "0")}, ${org}, 'Pandémie', 'pandemic')`,
  );
  await q(
    sql`INSERT INTO crisis_activations (id, org_id, scenario_id, level, started_at) VALUES (${u("v", "0")}, ${org}, ${u("c", "0")}, 2, '2020-02-17T08:00:00Z')`,
  );
  await q(sql`INSERT INTO crisis_mode_changes (org_id, activation_id, activity_id, mode, at)
    SELECT ${org}, ${u("v", "0")}, ${u("a", "i")}, (ARRAY['mixed','remote','on_site','suspended'])[1 + i % 4], '2020-02-17T08:00:00Z' FROM generate_series(0, 199) i`);
  // 2,000 log entries over the period, a fifth decisions, a tenth actions (most done).
  await q(sql`INSERT INTO crisis_log_entries (id, entry_id, version, org_id, activation_id, kind, occurred_at, title, owner, due_on, state, entry_created_at, created_at)
    SELECT ${u("j", "i")}, ${u("j", "i")}, 1, ${org}, ${u("v", "0")},
      (ARRAY['information','event','decision','action','communication','information','event','decision','information','event'])[1 + i % 10],
      ts, 'Entrée ' || i, CASE WHEN i % 10 = 3 THEN 'Responsable ' || (i % 7) END,
      CASE WHEN i % 10 = 3 THEN (ts + interval '3 days')::date END,
      CASE WHEN i % 10 = 3 THEN CASE WHEN i % 50 = 3 THEN 'open' ELSE 'done' END END, ts, ts
    FROM (SELECT i, '2020-02-17T08:00:00Z'::timestamptz + (i * interval '1 hour') AS ts FROM generate_series(0, 1999) i) s`);
  // The previous bilan, the day before.
  const prevAsOf = new Date("2020-05-10T16:00:00Z");
  const prev = await figuresAsOf(db, org, prevAsOf);
  await db
    .insertInto("crisis_reports")
    .values({
      id: newId(),
      org_id: org,
      number: 1,
      as_of: prevAsOf,
      figures: JSON.stringify(prev),
      frozen_at: prevAsOf,
    })
    .execute();
  await q(sql`ANALYZE`);
  return org;
}

async function seedLogOrg(db: Database["db"]): Promise<{ org: string; service: string }> {
  const { id: org } = await createOrg(db, {
    name: "Département bench",
    type: "departement",
    timezone: "Europe/Paris",
  });
  const u = (prefix: string, i: string) => sql.raw(`md5('${org}${prefix}' || ${i})::uuid`);
  await sql`INSERT INTO services (id, org_id, name) SELECT ${u("s", "i")}, ${org}, 'Direction ' || i FROM generate_series(0, 29) i`.execute(
    db,
  );
  const titles =
    sql.raw(`(ARRAY['Point sur le télétravail des agents','Distribution de masques sur le site','Fermeture de l''accueil du public',
    'Réunion de la cellule de crise','Livraison d''équipements informatiques','Incident sur le réseau VPN','Communication aux usagers par SMS',
    'Rotation des équipes d''accueil','Absences pour garde d''enfants','Paiement des subventions aux associations','Astreinte du week-end',
    'Renfort de la plateforme téléphonique','Désinfection des locaux','Report des commissions d''attribution'])`);
  const bodies =
    sql.raw(`(ARRAY['Les agents concernés ont été prévenus par courriel.','La direction générale valide la proposition.',
    'Les stocks seront reconstitués en fin de semaine.','Le prestataire intervient demain matin.','Le numéro vert reste ouvert de 9 h à 17 h.',
    'Les partenaires (CPAM, URSSAF) sont informés.','Un point sera fait à la prochaine réunion.'])`);
  await sql`INSERT INTO crisis_log_entries (id, entry_id, version, org_id, kind, occurred_at, title, body, service_ids, owner, due_on, state, entry_created_at, created_at)
    SELECT ${u("j", "i")}, ${u("j", "i")}, 1, ${org},
      (ARRAY['information','event','decision','action','communication'])[1 + i % 5], ts,
      ${titles}[1 + i % 14] || ' n° ' || i, ${bodies}[1 + (i / 14) % 7],
      ARRAY[${u("s", "i % 30")}, ${u("s", "(i / 30) % 30")}],
      CASE WHEN i % 5 = 3 THEN 'Responsable ' || (i % 11) END, CASE WHEN i % 5 = 3 THEN (ts + interval '2 days')::date END,
      CASE WHEN i % 5 = 3 THEN (ARRAY['open','done','cancelled'])[1 + i % 3] END, ts, ts
    FROM (SELECT i, '2020-03-01T00:00:00Z'::timestamptz + (i * interval '90 seconds') AS ts FROM generate_series(0, ${LOG - 1}) i) s`.execute(
    db,
  );
  await sql`ANALYZE`.execute(db);
  return {
    org,
    service: (await sql<{ id: string }>`SELECT ${u("s", "4")}::text AS id`.execute(db)).rows[0].id,
  };
}

async function measure(database: Database, label: string, report: Report) {
  const db = database.db;
  const bilanOrg = await seedBilanOrg(db);
  const asOf = new Date("2020-05-11T16:00:00Z");
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const figures = await figuresAsOf(db, bilanOrg, asOf);
    const pdf = await renderPdf(figures, { number: 2, comment: "Bilan de mesure", frozenAt: null });
    times.push((performance.now() - t0) / 1000);
    if (figures.headcount !== AGENTS || pdf.length < 1000) throw new Error("bilan incomplet");
  }
  report(`crisis.bilan_${AGENTS}.${label}.seconds`, median(times), "s");

  const { org, service } = await seedLogOrg(db);
  const user: CurrentUser = {
    id: "00000000-0000-4000-8000-000000000000",
    orgId: org,
    email: "bench@relais",
    displayName: "",
    role: "crisis_cell",
    serviceId: null,
    agentId: null,
    sessionId: "",
    csrfToken: "",
  };
  const ctx = { db, user, ip: null };
  const queries = [
    { kind: "decision" as const, q: "télétravail" },
    { serviceId: service, q: "masques" },
    { kind: "action" as const, q: "equipements informatiques" },
    { kind: "communication" as const, q: "usagers SMS" },
    { serviceId: service, q: "garde d'enfants" },
    { kind: "event" as const, q: "réseau" },
  ];
  const lat: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now();
    const r = await listEntries(ctx, { ...queries[i % queries.length], limit: 50, offset: 0 });
    lat.push(performance.now() - t0);
    if (i < queries.length && r.total === 0)
      throw new Error(`aucun résultat pour ${JSON.stringify(queries[i])}`);
  }
  report(`crisis.log_${LOG}.${label}.p95_ms`, percentile(lat, 95), "ms");
  report(`crisis.log_${LOG}.${label}.median_ms`, median(lat), "ms");
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

export async function run(report: Report): Promise<void> {
  const lite = await openDatabase({ databaseUrl: null, dataDir: null });
  try {
    await migrate(lite);
    await measure(lite, "pglite", report);
  } finally {
    await lite.close();
  }
  const server = await postgresServer();
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
      await measure(database, "postgres", report);
    } finally {
      await database.close();
    }
  } finally {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
}
