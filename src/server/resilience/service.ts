// Resilience analysis: simulate a scenario over the organisation as it stands today, name the
// single points of failure and rank the actions that reduce the expected days not covered.
import { randomInt } from "node:crypto";
import { toLocal } from "../../engines/calendar/zoned.js";
import type { ActionRanking, ResilienceAction } from "../../engines/resilience/actions.js";
import { rankActions } from "../../engines/resilience/actions.js";
import {
  compileModel,
  ResilienceInputError,
  type ResilienceScenario,
  simulationPart,
} from "../../engines/resilience/model.js";
import { ResiliencePool } from "../../engines/resilience/pool.js";
import { type ResilienceReport, summarise } from "../../engines/resilience/report.js";
import type { SimulationParams } from "../../engines/resilience/simulate.js";
import { writeAudit } from "../audit/repository.js";
import { errors } from "../http/errors.js";
import type { Ctx } from "../shared/context.js";
import { newId } from "../shared/ids.js";
import { buildInput } from "./input.js";
import { loadOrganisation, type Organisation } from "./repository.js";
import type { AnalysisCreate } from "./schema.js";

const MAX_WORK = { days: 50_000, waves: 2_000 } as const;

export async function runAnalysis(ctx: Ctx, body: AnalysisCreate) {
  if (body.iterations > MAX_WORK[body.mode]) {
    throw errors.validation(
      `Au plus ${MAX_WORK[body.mode]} itérations en mode ${body.mode === "days" ? "jours" : "vagues"}.`,
      [{ field: "iterations", message: "trop élevé" }],
    );
  }
  if (body.peakRate !== undefined && body.peakRate < body.meanRate) {
    throw errors.validation("Le taux au pic ne peut pas être inférieur au taux moyen.", [
      { field: "peakRate", message: "inférieur au taux moyen" },
    ]);
  }
  const org = await ctx.db
    .selectFrom("orgs")
    .select(["timezone"])
    .where("id", "=", ctx.user.orgId)
    .executeTakeFirstOrThrow();
  const data = await loadOrganisation(ctx.db, ctx.user.orgId, toLocal(new Date(), org.timezone).date);
  const siteIds = new Set(data.sites.map((s) => s.id));
  for (const id of body.closedSiteIds ?? []) {
    if (!siteIds.has(id))
      throw errors.validation("Site inconnu dans cette organisation.", [
        { field: "closedSiteIds", message: `site inconnu : ${id}` },
      ]);
  }
  const scenario: ResilienceScenario = {
    absenteeism: { meanRate: body.meanRate, peakRate: body.peakRate, peakDays: body.peakDays },
    waveDays: body.waveDays ?? 56,
    meanAbsenceDays: body.meanAbsenceDays ?? 7,
    teamCorrelation: body.teamCorrelation ?? 0,
    siteCorrelation: body.siteCorrelation ?? 0,
    closedSiteIds: body.closedSiteIds ?? [],
    applicationsDown: body.applicationsDown ?? [],
  };
  const input = buildInput(data, scenario);
  if (input.activities.length === 0) {
    throw errors.unprocessable(
      "nothing_to_simulate",
      "Aucune activité essentielle avec un minimum de personnes : rien à simuler.",
    );
  }
  const params: SimulationParams = {
    mode: body.mode,
    iterations: body.iterations,
    seed: body.seed ?? randomInt(0, 2_147_483_647),
  };
  let model: ReturnType<typeof compileModel>;
  try {
    model = compileModel(input);
  } catch (err) {
    if (err instanceof ResilienceInputError) {
      throw errors.unprocessable(
        "invalid_scenario",
        "Le scénario ou les données ne permettent pas la simulation.",
        err.details.map((message) => ({ message })),
      );
    }
    throw err;
  }
  const started = performance.now();
  const pool = await ResiliencePool.start();
  let report: ResilienceReport;
  let ranking: ActionRanking | null = null;
  try {
    report = summarise(model, await pool.run(simulationPart(model), params), params);
    if (body.rankActions) ranking = await rankActions(input, { params, runner: pool });
  } finally {
    await pool.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const id = newId();
  const stored = { ...body, seed: params.seed };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("resilience_analyses")
      .values({
        id,
        org_id: ctx.user.orgId,
        name: body.name,
        params: JSON.stringify(stored),
        report: JSON.stringify(report),
        ranking: ranking ? JSON.stringify(ranking) : null,
        seconds,
        created_by: ctx.user.id,
      })
      .execute();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "create",
      entity: "resilience_analysis",
      entityId: id,
      after: stored,
      ip: ctx.ip,
    });
  });
  return present(id, body.name, stored, report, ranking, seconds, data);
}

function present(
  id: string,
  name: string,
  params: unknown,
  report: ResilienceReport,
  ranking: ActionRanking | null,
  seconds: number,
  org: Organisation,
) {
  const activity = new Map(org.activities.map((a) => [a.id, a]));
  const agent = new Map(org.agents.map((a) => [a.id, `${a.first_name} ${a.last_name}`]));
  const service = new Map(org.services.map((s) => [s.id, s.name]));
  const site = new Map(org.sites.map((s) => [s.id, s.name]));
  const skill = new Map(org.skills.map((s) => [s.id, s.name]));
  const activityName = (id: string) => activity.get(id)?.name ?? id;
  const label = (a: ResilienceAction): string => {
    switch (a.kind) {
      case "equip":
        return `Équiper ${agent.get(a.agentId) ?? a.agentId} pour le télétravail`;
      case "crossTrainSkill":
        return `Former ${agent.get(a.agentId) ?? a.agentId} à la compétence « ${skill.get(a.skill) ?? a.skill} »`;
      case "crossTrainActivity":
        return `Former ${agent.get(a.agentId) ?? a.agentId} à l'activité « ${activityName(a.activityId)} »`;
      case "openSite":
        return `Ouvrir le site ${site.get(a.siteId) ?? a.siteId} à l'activité « ${activityName(a.activityId)} »`;
    }
  };
  return {
    id,
    name,
    params,
    seconds,
    mode: report.mode,
    iterations: report.iterations,
    simulatedDays: report.simulatedDays,
    seed: report.seed,
    waveDays: report.waveDays,
    weightedExpectedDaysUncovered: report.weightedExpectedDaysUncovered,
    activities: report.activities
      .map((r) => {
        const a = activity.get(r.id);
        return {
          ...r,
          name: a?.name ?? r.id,
          service: a ? (service.get(a.service_id) ?? "") : "",
          criticality: a?.criticality ?? null,
        };
      })
      .sort((x, y) => y.expectedDaysUncovered - x.expectedDaysUncovered),
    singlePointsOfFailure: {
      activitiesWithFewAgents: report.singlePointsOfFailure.activitiesWithFewAgents.map((f) => ({
        activityId: f.activityId,
        activity: activityName(f.activityId),
        need: f.need,
        agents: f.agentIds.map((id) => ({ id, name: agent.get(id) ?? id })),
      })),
      skillsHeldByOne: report.singlePointsOfFailure.skillsHeldByOne.map((s) => ({
        skillId: s.skill,
        skill: skill.get(s.skill) ?? s.skill,
        agent: s.agentId ? { id: s.agentId, name: agent.get(s.agentId) ?? s.agentId } : null,
        activities: s.activityIds.map(activityName),
      })),
      equipmentWithoutSpare: report.singlePointsOfFailure.equipmentWithoutSpare.map((e) => ({
        ...e,
        activities: e.activityIds.map(activityName),
      })),
    },
    criticalAgents: report.criticalAgents.map((c) => ({ ...c, name: agent.get(c.agentId) ?? c.agentId })),
    absenteeism: report.absenteeism,
    actions: ranking
      ? {
          baseline: ranking.baseline,
          items: ranking.actions.map((r) => ({
            ...r,
            label: label(r.action),
            activity: activityName(r.activityId),
          })),
        }
      : null,
  };
}

export async function getAnalysis(ctx: Ctx, id: string) {
  const row = await ctx.db
    .selectFrom("resilience_analyses")
    .selectAll()
    .where("org_id", "=", ctx.user.orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw errors.notFound("Analyse");
  const data = await loadOrganisation(ctx.db, ctx.user.orgId, new Date().toISOString().slice(0, 10));
  return present(
    row.id,
    row.name,
    row.params,
    row.report as ResilienceReport,
    row.ranking as ActionRanking | null,
    row.seconds,
    data,
  );
}

export async function listAnalyses(ctx: Ctx, limit: number, offset: number) {
  const base = ctx.db.selectFrom("resilience_analyses").where("org_id", "=", ctx.user.orgId);
  const [rows, total] = await Promise.all([
    base
      .select(["id", "name", "params", "seconds", "created_at"])
      .orderBy("created_at", "desc")
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      params: r.params,
      seconds: r.seconds,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    total: Number(total.n),
  };
}

/** Spreadsheet formulas are neutralised: a cell starting with = + - @ is prefixed with a quote. */
const cell = (v: unknown): string => {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[";\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function exportCsv(ctx: Ctx, id: string): Promise<string> {
  const a = await getAnalysis(ctx, id);
  const header = [
    "Activité",
    "Service",
    "Criticité",
    "Probabilité sous le minimum (par jour)",
    "Jours non couverts attendus (par vague)",
    "Manque moyen (personnes)",
    "Agents éligibles",
    "Besoin",
    "Jamais couverte",
  ];
  const rows = a.activities.map((r) => [
    r.name,
    r.service,
    r.criticality,
    r.probabilityUncovered.toFixed(4),
    r.expectedDaysUncovered.toFixed(2),
    r.meanShortfall.toFixed(2),
    r.eligibleAgents,
    r.need,
    r.neverCovered ? "oui" : "non",
  ]);
  // A BOM and semicolons: opens as-is in a French spreadsheet program.
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(";")).join("\r\n")}\r\n`;
}
