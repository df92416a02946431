// Scenarios: the assumptions of a crisis and, for each essential activity, the mode it switches to
// (proposed from criticality, editable). PCA managers and administrators write; the cell reads.
import type { Kysely } from "kysely";
import { type Mode, proposeMode } from "../../../engines/bilan/coverage.js";
import { writeAudit } from "../../audit/repository.js";
import type { DB } from "../../db/schema.js";
import { type ErrorDetail, errors, isUniqueViolation } from "../../http/errors.js";
import type { Ctx } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import { listPlanActivities, unknownIds } from "../repository.js";
import * as repo from "./repository.js";
import type { ScenarioCreate, ScenarioQuery, ScenarioUpdate, ScenarioView } from "./schema.js";

export interface ResolvedMode {
  activityId: string;
  activityName: string;
  serviceId: string;
  serviceName: string;
  siteId: string | null;
  criticality: number;
  mode: Mode;
  proposed: Mode;
  chosen: boolean;
}

/** The mode of every current activity under a scenario: the one chosen, else the proposed one. */
export async function resolveModes(
  db: Kysely<DB>,
  orgId: string,
  scenario: repo.ScenarioRow,
  closedSites: readonly string[] = scenario.site_ids,
): Promise<ResolvedMode[]> {
  const [activities, stored] = await Promise.all([
    listPlanActivities(db, orgId),
    repo.listModes(db, scenario.id),
  ]);
  const chosen = new Map(stored.map((m) => [m.activity_id, m.mode]));
  const closed = new Set(closedSites);
  return activities.map((a) => {
    const proposed = proposeMode({
      criticality: a.criticality,
      allowed: a.modes,
      scenarioType: scenario.type,
      siteClosed: a.site_id !== null && closed.has(a.site_id),
    });
    const mode = chosen.get(a.id);
    return {
      activityId: a.id,
      activityName: a.name,
      serviceId: a.service_id,
      serviceName: a.service_name,
      siteId: a.site_id,
      criticality: a.criticality,
      mode: mode ?? proposed,
      proposed,
      chosen: mode !== undefined,
    };
  });
}

function toSummary(r: repo.ScenarioRow): Omit<ScenarioView, "modes"> {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    description: r.description,
    absenteeismMeanPct: r.absenteeism_mean_pct,
    absenteeismPeakPct: r.absenteeism_peak_pct,
    peakWeeks: r.peak_weeks,
    durationDays: r.duration_days,
    siteIds: r.site_ids,
    applicationIds: r.application_ids,
    archived: r.archived_at !== null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

async function toView(db: Kysely<DB>, orgId: string, r: repo.ScenarioRow): Promise<ScenarioView> {
  const modes = await resolveModes(db, orgId, r);
  return {
    ...toSummary(r),
    modes: modes.map((m) => ({
      activityId: m.activityId,
      activityName: m.activityName,
      serviceName: m.serviceName,
      criticality: m.criticality,
      mode: m.mode,
      proposed: m.proposed,
      chosen: m.chosen,
    })),
  };
}

export async function listScenarios(ctx: Ctx, q: ScenarioQuery) {
  const rows = await repo.listScenarios(ctx.db, ctx.user.orgId, q.archived ?? false);
  return { items: rows.map(toSummary), total: rows.length };
}

export async function getScenario(ctx: Ctx, id: string): Promise<ScenarioView> {
  const row = await repo.findScenario(ctx.db, ctx.user.orgId, id);
  if (!row) throw errors.notFound("Scénario");
  return toView(ctx.db, ctx.user.orgId, row);
}

async function checkInput(db: Kysely<DB>, orgId: string, input: ScenarioUpdate, current?: repo.ScenarioRow) {
  const problems: ErrorDetail[] = [];
  const mean = input.absenteeismMeanPct ?? current?.absenteeism_mean_pct ?? 0;
  const peak = input.absenteeismPeakPct ?? current?.absenteeism_peak_pct ?? mean;
  if (peak < mean) {
    problems.push({
      field: "absenteeismPeakPct",
      message: `le pic (${peak} %) ne peut être inférieur à la moyenne (${mean} %)`,
    });
  }
  for (const [field, table, ids] of [
    ["siteIds", "sites", input.siteIds ?? []],
    ["applicationIds", "applications", input.applicationIds ?? []],
    ["modes", "activities", (input.modes ?? []).map((m) => m.activityId)],
  ] as const) {
    const unknown = await unknownIds(db, table, orgId, ids);
    if (unknown.length > 0)
      problems.push({ field, message: `inconnu(s) dans cette organisation : ${unknown.join(", ")}` });
  }
  const seen = new Set<string>();
  for (const m of input.modes ?? []) {
    if (seen.has(m.activityId))
      problems.push({ field: "modes", message: `activité ${m.activityId} donnée deux fois` });
    seen.add(m.activityId);
  }
  if (problems.length > 0)
    throw errors.validation("Le scénario contient des erreurs : corrigez les champs indiqués.", problems);
}

const duplicateName = (name: string) =>
  errors.conflict("scenario_name_taken", `Un scénario nommé « ${name} » existe déjà.`, [
    { field: "name", message: "déjà utilisé" },
  ]);

export async function createScenario(ctx: Ctx, input: ScenarioCreate): Promise<ScenarioView> {
  const name = input.name.trim();
  await checkInput(ctx.db, ctx.user.orgId, input);
  const mean = input.absenteeismMeanPct ?? 0;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await repo.insertScenario(trx, {
        id: newId(),
        org_id: ctx.user.orgId,
        name,
        type: input.type,
        description: input.description?.trim() ?? "",
        absenteeism_mean_pct: mean,
        absenteeism_peak_pct: input.absenteeismPeakPct ?? mean,
        peak_weeks: input.peakWeeks ?? 0,
        duration_days: input.durationDays ?? 0,
        site_ids: input.siteIds ?? [],
        application_ids: input.applicationIds ?? [],
      });
      await repo.upsertModes(trx, row.id, input.modes ?? []);
      const view = await toView(trx, ctx.user.orgId, row);
      await writeAudit(trx, {
        orgId: ctx.user.orgId,
        userId: ctx.user.id,
        action: "create",
        entity: "crisis_scenario",
        entityId: row.id,
        after: { ...toSummary(row), modes: input.modes ?? [] },
        ip: ctx.ip,
      });
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(name);
    throw err;
  }
}

export async function updateScenario(
  ctx: Ctx,
  id: string,
  input: ScenarioUpdate & { archived?: boolean },
): Promise<ScenarioView> {
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const before = await repo.findScenario(trx, ctx.user.orgId, id);
      if (!before) throw errors.notFound("Scénario");
      await checkInput(trx, ctx.user.orgId, input, before);
      const row = await repo.updateScenario(trx, ctx.user.orgId, id, {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...(input.description !== undefined ? { description: input.description.trim() } : {}),
        ...(input.absenteeismMeanPct !== undefined ? { absenteeism_mean_pct: input.absenteeismMeanPct } : {}),
        ...(input.absenteeismPeakPct !== undefined ? { absenteeism_peak_pct: input.absenteeismPeakPct } : {}),
        ...(input.peakWeeks !== undefined ? { peak_weeks: input.peakWeeks } : {}),
        ...(input.durationDays !== undefined ? { duration_days: input.durationDays } : {}),
        ...(input.siteIds !== undefined ? { site_ids: input.siteIds } : {}),
        ...(input.applicationIds !== undefined ? { application_ids: input.applicationIds } : {}),
        ...(input.archived !== undefined ? { archived_at: input.archived ? new Date() : null } : {}),
      });
      await repo.upsertModes(trx, id, input.modes ?? []);
      const view = await toView(trx, ctx.user.orgId, row);
      await writeAudit(trx, {
        orgId: ctx.user.orgId,
        userId: ctx.user.id,
        action: input.archived === true ? "archive" : input.archived === false ? "restore" : "update",
        entity: "crisis_scenario",
        entityId: id,
        before: toSummary(before),
        after: { ...toSummary(row), modes: input.modes ?? [] },
        ip: ctx.ip,
      });
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(input.name ?? "");
    throw err;
  }
}
