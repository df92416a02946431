// Routing rules (ordered, per organisation), the urgency lexicon extension, queue settings, and the
// "try a text" endpoints used by the rule editor. Rules and lexicon are checked before saving.
import { compileLexicon, detectUrgency } from "../../../engines/triage/detector.js";
import { defaultLexicon, type LexiconExtension, mergeLexicon } from "../../../engines/triage/lexicon.js";
import {
  type RoutingRule,
  type RuleConditions,
  routeRequest,
  validateRules,
} from "../../../engines/triage/routing.js";
import { writeAudit } from "../../audit/repository.js";
import { errors } from "../../http/errors.js";
import type { Ctx } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import { canWriteOrgWide } from "../../shared/scope.js";
import type { DueHours } from "../tables.js";
import {
  DEFAULT_DUE_HOURS,
  DEFAULT_RETENTION_DAYS,
  forgetOrgTriage,
  loadOrgTriage,
  triage,
} from "../triage.js";
import * as repo from "./repository.js";
import type { RuleCreate, RuleTestBody, RuleUpdate, RuleView, SettingsBody } from "./schema.js";

const toView = (r: repo.RuleRow): RuleView => ({
  id: r.id,
  name: r.name,
  position: r.position,
  enabled: r.enabled,
  conditions: r.conditions as RuleConditions,
  serviceId: r.service_id,
  priority: r.priority,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

function assertEditor(ctx: Ctx): void {
  if (!canWriteOrgWide(ctx.user))
    throw errors.forbidden("Seuls les responsables PCA modifient les règles d'orientation.");
}

async function assertService(ctx: Ctx, serviceId: string): Promise<void> {
  const s = await ctx.db
    .selectFrom("services")
    .select(["id", "archived_at"])
    .where("org_id", "=", ctx.user.orgId)
    .where("id", "=", serviceId)
    .executeTakeFirst();
  if (!s || s.archived_at) {
    throw errors.validation("Service inconnu.", [
      { field: "serviceId", message: "service inconnu dans cette organisation" },
    ]);
  }
}

function assertPatterns(rule: RoutingRule): void {
  const problems = validateRules([rule]);
  if (problems.length > 0) {
    throw errors.validation(
      `Motif invalide dans la règle : « ${problems[0]!.pattern} » — ${problems[0]!.message}`,
      problems.map((p) => ({ field: `conditions.${p.field}`, message: `« ${p.pattern} » : ${p.message}` })),
    );
  }
}

export async function listRules(ctx: Ctx) {
  const rows = await repo.listRules(ctx.db, ctx.user.orgId);
  return { items: rows.map(toView), total: rows.length };
}

export async function createRule(ctx: Ctx, input: RuleCreate): Promise<RuleView> {
  assertEditor(ctx);
  await assertService(ctx, input.serviceId);
  const id = newId();
  assertPatterns({
    id,
    name: input.name,
    position: 0,
    conditions: input.conditions,
    serviceId: input.serviceId,
    priority: input.priority,
  });
  const view = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertRule(trx, {
      id,
      org_id: ctx.user.orgId,
      name: input.name.trim(),
      position: input.position ?? (await repo.nextPosition(trx, ctx.user.orgId)),
      enabled: input.enabled ?? true,
      conditions: JSON.stringify(input.conditions),
      service_id: input.serviceId,
      priority: input.priority,
    });
    const view = toView(row);
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "create",
      entity: "routing_rule",
      entityId: id,
      after: view,
      ip: ctx.ip,
    });
    return view;
  });
  forgetOrgTriage(ctx.user.orgId);
  return view;
}

export async function updateRule(ctx: Ctx, id: string, input: RuleUpdate): Promise<RuleView> {
  assertEditor(ctx);
  if (input.serviceId) await assertService(ctx, input.serviceId);
  const view = await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findRule(trx, ctx.user.orgId, id);
    if (!before) throw errors.notFound("Règle d'orientation");
    const conditions = input.conditions ?? (before.conditions as RuleConditions);
    assertPatterns({
      id,
      name: before.name,
      position: 0,
      conditions,
      serviceId: before.service_id,
      priority: before.priority,
    });
    const row = await repo.updateRule(trx, ctx.user.orgId, id, {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.conditions !== undefined ? { conditions: JSON.stringify(input.conditions) } : {}),
      ...(input.serviceId !== undefined ? { service_id: input.serviceId } : {}),
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
    });
    const view = toView(row);
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "update",
      entity: "routing_rule",
      entityId: id,
      before: toView(before),
      after: view,
      ip: ctx.ip,
    });
    return view;
  });
  forgetOrgTriage(ctx.user.orgId);
  return view;
}

export async function deleteRule(ctx: Ctx, id: string): Promise<void> {
  assertEditor(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findRule(trx, ctx.user.orgId, id);
    if (!before) throw errors.notFound("Règle d'orientation");
    await repo.deleteRule(trx, ctx.user.orgId, id);
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "delete",
      entity: "routing_rule",
      entityId: id,
      before: toView(before),
      ip: ctx.ip,
    });
  });
  forgetOrgTriage(ctx.user.orgId);
}

const named = (id: string | null, name: string | null | undefined) => (id ? { id, name: name ?? "" } : null);

/** POST /api/triage: exactly {urgent, flags, service, rule}. */
export async function triageText(ctx: Ctx, text: string) {
  const org = await loadOrgTriage(ctx.db, ctx.user.orgId);
  const t = triage(org, { channel: "web", text });
  return {
    urgent: t.detection.urgent,
    flags: t.detection.flags.map((f) => ({ code: f.code, words: f.words })),
    service: named(t.serviceId, t.serviceId ? org.services.get(t.serviceId)?.name : null),
    rule: named(t.decision.ruleId, t.decision.ruleName),
  };
}

/** The rule editor's test: the saved rules, or the unsaved ones sent with the sample. */
export async function testRules(ctx: Ctx, input: RuleTestBody) {
  const org = await loadOrgTriage(ctx.db, ctx.user.orgId);
  const rules: RoutingRule[] = input.rules
    ? input.rules.map((r, i) => ({
        id: r.id ?? `draft-${i + 1}`,
        name: r.name,
        position: r.position ?? i,
        enabled: r.enabled,
        conditions: r.conditions,
        serviceId: r.serviceId,
        priority: r.priority,
      }))
    : org.rules;
  if (input.rules) {
    const problems = validateRules(rules);
    if (problems.length > 0) {
      throw errors.validation(
        `Motif invalide : « ${problems[0]!.pattern} » — ${problems[0]!.message}`,
        problems.map((p) => ({
          field: `rules.${p.ruleId}.conditions.${p.field}`,
          message: `« ${p.pattern} » : ${p.message}`,
        })),
      );
    }
  }
  const request = {
    channel: input.channel ?? "web",
    toAddress: input.toAddress ?? null,
    category: input.category ?? null,
    subject: input.subject ?? null,
    text: input.text,
    requesterKind: input.requesterKind ?? null,
  } as const;
  const detection = detectUrgency(`${input.subject ?? ""}\n${input.text}`, org.lexicon);
  const decision = routeRequest(request, rules, org.defaultServiceId ?? "", detection);
  const serviceId = org.services.has(decision.serviceId) ? decision.serviceId : org.defaultServiceId;
  return {
    urgent: detection.urgent,
    flags: detection.flags.map((f) => ({ code: f.code, words: f.words })),
    suppressed: detection.suppressed.map((f) => ({ code: f.code, words: f.words, reason: f.reason })),
    service: named(serviceId, serviceId ? org.services.get(serviceId)?.name : null),
    rule: named(decision.ruleId, decision.ruleName),
    priority: decision.priority,
    raisedByUrgency: decision.raisedByUrgency,
  };
}

// ---- Lexicon ----

export async function getLexicon(ctx: Ctx): Promise<LexiconExtension> {
  const s = await repo.getSettings(ctx.db, ctx.user.orgId);
  return (s?.lexicon ?? {}) as LexiconExtension;
}

export async function putLexicon(ctx: Ctx, extension: LexiconExtension): Promise<LexiconExtension> {
  assertEditor(ctx);
  try {
    compileLexicon(mergeLexicon(defaultLexicon, extension));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw errors.validation(`Lexique invalide : ${message}`, [{ field: "lexicon", message }]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.getSettings(trx, ctx.user.orgId);
    await repo.upsertSettings(trx, ctx.user.orgId, { lexicon: JSON.stringify(extension) });
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "update",
      entity: "triage_lexicon",
      entityId: ctx.user.orgId,
      before: before?.lexicon ?? {},
      after: extension,
      ip: ctx.ip,
    });
  });
  forgetOrgTriage(ctx.user.orgId);
  return extension;
}

// ---- Settings ----

const settingsView = (
  s: { default_service_id: string | null; due_hours: DueHours; retention_days: number } | undefined,
) => ({
  defaultServiceId: s?.default_service_id ?? null,
  dueHours: { ...DEFAULT_DUE_HOURS, ...(s?.due_hours ?? {}) },
  retentionDays: s?.retention_days ?? DEFAULT_RETENTION_DAYS,
});

export async function getSettings(ctx: Ctx) {
  return settingsView(await repo.getSettings(ctx.db, ctx.user.orgId));
}

export async function putSettings(ctx: Ctx, input: SettingsBody) {
  assertEditor(ctx);
  if (input.defaultServiceId) await assertService(ctx, input.defaultServiceId);
  const view = await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.getSettings(trx, ctx.user.orgId);
    const row = await repo.upsertSettings(trx, ctx.user.orgId, {
      ...(input.defaultServiceId !== undefined ? { default_service_id: input.defaultServiceId } : {}),
      ...(input.dueHours ? { due_hours: JSON.stringify(input.dueHours) } : {}),
      ...(input.retentionDays !== undefined ? { retention_days: input.retentionDays } : {}),
    });
    const view = settingsView(row);
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "update",
      entity: "request_settings",
      entityId: ctx.user.orgId,
      before: settingsView(before),
      after: view,
      ip: ctx.ip,
    });
    return view;
  });
  forgetOrgTriage(ctx.user.orgId);
  return view;
}
