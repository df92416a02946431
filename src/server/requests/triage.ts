// An organisation's triage setup: its routing rules, its lexicon (default + extension, compiled once),
// its default queue and due delays. Loaded in one query and kept a few seconds in memory per process:
// the public form must not pay several round trips per submission. A change made through this
// process is seen at once (the entry is dropped); other processes see it within CACHE_MS.
import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import {
  type CompiledLexicon,
  compileLexicon,
  type Detection,
  detectUrgency,
} from "../../engines/triage/detector.js";
import { defaultLexicon, type LexiconExtension, mergeLexicon } from "../../engines/triage/lexicon.js";
import {
  PRIORITIES,
  type Priority,
  type RoutableRequest,
  type RoutingDecision,
  type RoutingRule,
  type RuleConditions,
  routeRequest,
} from "../../engines/triage/routing.js";
import type { DB } from "../db/schema.js";
import type { DueHours } from "./tables.js";

export const DEFAULT_DUE_HOURS: DueHours = { urgent: 4, high: 24, normal: 72, low: 168 };
export const DEFAULT_RETENTION_DAYS = 365;
const CACHE_MS = 5000;

export interface OrgTriage {
  orgId: string;
  defaultServiceId: string | null;
  dueHours: DueHours;
  retentionDays: number;
  extension: LexiconExtension;
  rules: RoutingRule[];
  lexicon: CompiledLexicon;
  services: Map<string, { name: string; mailbox: string | null }>;
}

const cache = new Map<string, { at: number; value: OrgTriage }>();
const compiled = new Map<string, CompiledLexicon>();

export function forgetOrgTriage(orgId: string): void {
  cache.delete(orgId);
}

function compiledFor(extension: LexiconExtension): CompiledLexicon {
  const key = createHash("sha256").update(JSON.stringify(extension)).digest("hex");
  let lex = compiled.get(key);
  if (!lex) {
    lex = compileLexicon(mergeLexicon(defaultLexicon, extension));
    if (compiled.size > 200) compiled.clear();
    compiled.set(key, lex);
  }
  return lex;
}

export const priorityRank = (p: Priority): number => PRIORITIES.indexOf(p);

interface Row {
  default_service_id: string | null;
  due_hours: DueHours | null;
  retention_days: number | null;
  lexicon: LexiconExtension | null;
  rules: {
    id: string;
    name: string;
    position: number;
    enabled: boolean;
    conditions: RuleConditions;
    service_id: string;
    priority: Priority;
  }[];
  services: { id: string; name: string; mailbox: string | null; parent_id: string | null }[];
}

export async function loadOrgTriage(db: Kysely<DB>, orgId: string, now = Date.now()): Promise<OrgTriage> {
  const hit = cache.get(orgId);
  if (hit && now - hit.at < CACHE_MS) return hit.value;
  const res = await sql<Row>`
    SELECT s.default_service_id, s.due_hours, s.retention_days, s.lexicon,
      coalesce((SELECT json_agg(json_build_object('id', r.id, 'name', r.name, 'position', r.position,
                  'enabled', r.enabled, 'conditions', r.conditions, 'service_id', r.service_id,
                  'priority', r.priority) ORDER BY r.position, r.id)
                FROM routing_rules r WHERE r.org_id = o.id), '[]') AS rules,
      coalesce((SELECT json_agg(json_build_object('id', v.id, 'name', v.name, 'mailbox', v.mailbox,
                  'parent_id', v.parent_id) ORDER BY v.created_at, v.id)
                FROM services v WHERE v.org_id = o.id AND v.archived_at IS NULL), '[]') AS services
    FROM orgs o LEFT JOIN request_settings s ON s.org_id = o.id
    WHERE o.id = ${orgId}`.execute(db);
  const row = res.rows[0];
  const extension = (row?.lexicon ?? {}) as LexiconExtension;
  const services = new Map((row?.services ?? []).map((s) => [s.id, { name: s.name, mailbox: s.mailbox }]));
  const configured = row?.default_service_id ?? null;
  const firstRoot = (row?.services ?? []).find((s) => s.parent_id === null)?.id ?? null;
  const value: OrgTriage = {
    orgId,
    defaultServiceId: configured && services.has(configured) ? configured : firstRoot,
    dueHours: { ...DEFAULT_DUE_HOURS, ...(row?.due_hours ?? {}) },
    retentionDays: row?.retention_days ?? DEFAULT_RETENTION_DAYS,
    extension,
    rules: (row?.rules ?? []).map((r) => ({
      id: r.id,
      name: r.name,
      position: r.position,
      enabled: r.enabled,
      conditions: r.conditions,
      serviceId: r.service_id,
      priority: r.priority,
    })),
    lexicon: compiledFor(extension),
    services,
  };
  cache.set(orgId, { at: now, value });
  return value;
}

export interface TriageOutcome {
  detection: Detection;
  decision: RoutingDecision;
}

/** Detects urgency and routes; null decision service means the organisation has no service yet. */
export function triage(
  org: OrgTriage,
  request: RoutableRequest,
): TriageOutcome & { serviceId: string | null } {
  const detection = detectUrgency(`${request.subject ?? ""}\n${request.text}`, org.lexicon);
  const decision = routeRequest(request, org.rules, org.defaultServiceId ?? "", detection);
  // A rule pointing at an archived service falls back to the default queue.
  const serviceId = org.services.has(decision.serviceId) ? decision.serviceId : org.defaultServiceId;
  return { detection, decision, serviceId };
}

export function dueAt(org: OrgTriage, priority: Priority, from: Date): Date {
  return new Date(from.getTime() + org.dueHours[priority] * 3_600_000);
}
