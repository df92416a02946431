// Rotation planner: planning periods, needs derived from the activities in their current mode,
// locks, solving on a worker thread into a draft (never a half roster: a draft is written whole in
// one transaction and the published version stays until another is published), publication,
// re-planning after sickness, the agent's own schedule, and wall exports.
import type ExcelJSType from "exceljs";
import { type Kysely, sql } from "kysely";
import type { CalendarEvent } from "../../engines/calendar/ical.js";
import { addDays, daysBetween, resolveLocal, toLocal } from "../../engines/calendar/zoned.js";
import { analyse, type RelaisIssue } from "../../engines/roster/relais/analyse.js";
import { evaluate } from "../../engines/roster/relais/checker.js";
import {
  DEFAULT_WEIGHTS,
  isQualified,
  OFF,
  type RelaisAgent,
  type RelaisProblem,
  type RelaisWeights,
} from "../../engines/roster/relais/model.js";
import { describeViolations } from "../../engines/roster/relais/report.js";
import { solveInWorker } from "../../engines/roster/relais/run.js";
import { writeAudit } from "../audit/repository.js";
import { activeActivation, modesAt } from "../crisis/repository.js";
import type { DB } from "../db/schema.js";
import { errors } from "../http/errors.js";
import type { Ctx } from "../shared/context.js";
import { newId } from "../shared/ids.js";
import { serviceScope, serviceSubtree } from "../shared/scope.js";
import * as repo from "./repository.js";
import type {
  ChangeView,
  CheckView,
  LockSet,
  MyRequestSet,
  NeedsUpdate,
  PeriodCreate,
  PeriodView,
  RequestSet,
  RequestView,
  RosterSettings,
  ScheduleView,
  SettingsUpdate,
  SickBody,
  SolveBody,
  VersionSummary,
  VersionView,
} from "./schema.js";

const MAX_DAYS = 92;
const DEFAULT_MAX_CONSECUTIVE = 5;

async function orgTimezone(db: Kysely<DB>, orgId: string): Promise<string> {
  const org = await db
    .selectFrom("orgs")
    .select("timezone")
    .where("id", "=", orgId)
    .executeTakeFirstOrThrow();
  return org.timezone;
}

async function todayOf(ctx: Ctx): Promise<string> {
  return toLocal(new Date(), await orgTimezone(ctx.db, ctx.user.orgId)).date;
}

/** The period if the user may see it (another organisation's or outside the scope: 404). */
async function loadPeriod(ctx: Ctx, id: string): Promise<repo.PeriodRow> {
  const row = await repo.findPeriod(ctx.db, ctx.user.orgId, id);
  if (!row) throw errors.notFound("Planning");
  const scope = await serviceScope(ctx);
  if (scope && (row.service_id === null || !scope.includes(row.service_id)))
    throw errors.notFound("Planning");
  return row;
}

const settingsOf = (row: repo.PeriodRow): RosterSettings => (row.settings ?? {}) as RosterSettings;

// ---- Periods and needs ----

export async function createPeriod(ctx: Ctx, input: PeriodCreate): Promise<PeriodView> {
  const span = daysBetween(input.startDate, input.endDate) + 1;
  if (span < 1)
    throw errors.validation("La date de fin doit suivre la date de début.", [
      { field: "endDate", message: "avant le début" },
    ]);
  if (span > MAX_DAYS)
    throw errors.validation(`Une période compte au plus ${MAX_DAYS} jours.`, [
      { field: "endDate", message: "trop loin" },
    ]);
  const scope = await serviceScope(ctx);
  if (scope) {
    if (!input.serviceId || !scope.includes(input.serviceId))
      throw errors.forbidden("Choisissez un service de votre périmètre pour ce planning.");
  } else if (input.serviceId) {
    const svc = await ctx.db
      .selectFrom("services")
      .select("id")
      .where("org_id", "=", ctx.user.orgId)
      .where("id", "=", input.serviceId)
      .executeTakeFirst();
    if (!svc) throw errors.validation("Service inconnu.", [{ field: "serviceId", message: "introuvable" }]);
  }
  const siteIds = [...new Set(input.siteIds)];
  const sites = await repo.sitesOf(ctx.db, ctx.user.orgId, siteIds);
  if (sites.length !== siteIds.length)
    throw errors.validation("Un des sites est introuvable ou archivé.", [
      { field: "siteIds", message: "site inconnu" },
    ]);
  const serviceIds = input.serviceId ? await serviceSubtree(ctx, input.serviceId) : null;
  // Needs: each activity on these sites, in its current mode, needs min_on_site people each day.
  const activation = await activeActivation(ctx.db, ctx.user.orgId);
  const modes = activation ? await modesAt(ctx.db, activation.id, new Date()) : new Map<string, string>();
  const activities = (await repo.activitiesOn(ctx.db, ctx.user.orgId, siteIds)).filter(
    (a) => serviceIds === null || serviceIds.includes(a.service_id),
  );
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("roster_periods")
      .values({
        id,
        org_id: ctx.user.orgId,
        service_id: input.serviceId ?? null,
        name: input.name.trim(),
        site_ids: siteIds,
        start_date: input.startDate,
        end_date: input.endDate,
        settings: JSON.stringify(input.settings ?? {}),
        created_by: ctx.user.id,
      })
      .execute();
    const needs = [];
    for (const a of activities) {
      const mode = modes.get(a.id);
      if (mode === "remote" || mode === "suspended" || a.min_on_site <= 0) continue;
      for (let d = 0; d < span; d++)
        needs.push({
          period_id: id,
          day: addDays(input.startDate, d),
          activity_id: a.id,
          count: a.min_on_site,
        });
    }
    for (let i = 0; i < needs.length; i += 1000)
      await trx
        .insertInto("roster_needs")
        .values(needs.slice(i, i + 1000))
        .execute();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "create",
      entity: "roster_period",
      entityId: id,
      after: { ...input, needs: needs.length },
      ip: ctx.ip,
    });
  });
  return getPeriod(ctx, id);
}

export async function listPeriods(ctx: Ctx) {
  const rows = await repo.listPeriods(ctx.db, ctx.user.orgId, await serviceScope(ctx));
  const items = [];
  for (const r of rows) {
    const pub = await repo.latestPublished(ctx.db, r.id);
    items.push({
      id: r.id,
      name: r.name,
      startDate: r.start_date,
      endDate: r.end_date,
      publishedVersionId: pub?.id ?? null,
    });
  }
  return { items };
}

export async function getPeriod(ctx: Ctx, id: string): Promise<PeriodView> {
  const row = await loadPeriod(ctx, id);
  const built = await buildProblem(ctx.db, row);
  const versions = await repo.versionsOf(ctx.db, id);
  const published = versions
    .filter((v) => v.status === "published")
    .sort((a, b) => (b.number ?? 0) - (a.number ?? 0));
  const needs = await repo.needsOf(ctx.db, id);
  return {
    id: row.id,
    name: row.name,
    serviceId: row.service_id,
    startDate: row.start_date,
    endDate: row.end_date,
    sites: built.sites.map((s) => ({ id: s.id, name: s.name, capacity: s.capacity })),
    settings: settingsOf(row),
    activities: built.posts.map((a) => ({ id: a.id, name: a.name, siteId: a.site_id })),
    needs: needs.map((n) => {
      const a = built.activityById.get(n.activity_id);
      const site = built.sites.find((s) => s.id === a?.site_id);
      return {
        day: n.day,
        activityId: n.activity_id,
        activityName: a?.name ?? "?",
        siteId: site?.id ?? "",
        siteName: site?.name ?? "?",
        count: n.count,
      };
    }),
    locks: (await repo.locksOf(ctx.db, id)).map((l) => ({
      agentId: l.agent_id,
      day: l.day,
      activityId: l.activity_id,
    })),
    requests: built.requestRows.map(requestView),
    agents: built.agentRows.map((a, i) => {
      const agent = built.problem.agents[i];
      return {
        id: a.id,
        name: `${a.first_name} ${a.last_name}`,
        team: a.team,
        qualified: agent.neverOnSite
          ? []
          : built.problem.posts.flatMap((post) => (isQualified(agent, post) ? [post.id] : [])),
      };
    }),
    publishedVersionId: published[0]?.id ?? null,
    versions: versions.map((v) => ({
      id: v.id,
      status: v.status,
      number: v.number,
      reason: v.reason,
      score: v.score,
      createdAt: new Date(v.created_at).toISOString(),
    })),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

async function canEdit(ctx: Ctx, id: string): Promise<repo.PeriodRow> {
  return loadPeriod(ctx, id); // managers of the scope edit what they see
}

export async function updateNeeds(ctx: Ctx, id: string, input: NeedsUpdate) {
  const row = await canEdit(ctx, id);
  const built = await buildProblem(ctx.db, row);
  for (const [i, item] of input.items.entries()) {
    const day = daysBetween(row.start_date, item.day);
    if (day < 0 || day >= built.problem.days)
      throw errors.validation("Jour hors de la période.", [
        { field: `items/${i}/day`, message: "hors période" },
      ]);
    if (!built.activityById.has(item.activityId))
      throw errors.validation("Activité inconnue sur les sites de ce planning.", [
        { field: `items/${i}/activityId`, message: "introuvable" },
      ]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    for (const item of input.items)
      await trx
        .insertInto("roster_needs")
        .values({ period_id: id, day: item.day, activity_id: item.activityId, count: item.count })
        .onConflict((oc) =>
          oc.columns(["period_id", "day", "activity_id"]).doUpdateSet({ count: item.count }),
        )
        .execute();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "update",
      entity: "roster_needs",
      entityId: id,
      after: input.items,
      ip: ctx.ip,
    });
  });
  return getPeriod(ctx, id);
}

export async function setLock(ctx: Ctx, id: string, input: LockSet) {
  const row = await canEdit(ctx, id);
  const built = await buildProblem(ctx.db, row);
  const day = daysBetween(row.start_date, input.day);
  if (day < 0 || day >= built.problem.days)
    throw errors.validation("Jour hors de la période.", [{ field: "day", message: "hors période" }]);
  if (!built.agentIndex.has(input.agentId))
    throw errors.validation("Agent hors du périmètre de ce planning.", [
      { field: "agentId", message: "introuvable" },
    ]);
  if (input.activityId !== null && !built.activityById.has(input.activityId))
    throw errors.validation("Activité inconnue sur les sites de ce planning.", [
      { field: "activityId", message: "introuvable" },
    ]);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("roster_locks")
      .select("activity_id")
      .where("period_id", "=", id)
      .where("agent_id", "=", input.agentId)
      .where("day", "=", input.day)
      .executeTakeFirst();
    await trx
      .insertInto("roster_locks")
      .values({
        period_id: id,
        agent_id: input.agentId,
        day: input.day,
        activity_id: input.activityId,
        set_by: ctx.user.id,
      })
      .onConflict((oc) =>
        oc
          .columns(["period_id", "agent_id", "day"])
          .doUpdateSet({ activity_id: input.activityId, set_by: ctx.user.id, set_at: new Date() }),
      )
      .execute();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: before ? "update" : "create",
      entity: "roster_lock",
      entityId: id,
      before: before ? { ...input, activityId: before.activity_id } : undefined,
      after: input,
      ip: ctx.ip,
    });
  });
  return { agentId: input.agentId, day: input.day, activityId: input.activityId };
}

export async function removeLock(ctx: Ctx, id: string, q: { agentId: string; day: string }) {
  await canEdit(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom("roster_locks")
      .where("period_id", "=", id)
      .where("agent_id", "=", q.agentId)
      .where("day", "=", q.day)
      .returning("activity_id")
      .executeTakeFirst();
    if (!gone) throw errors.notFound("Verrou");
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "delete",
      entity: "roster_lock",
      entityId: id,
      before: { ...q, activityId: gone.activity_id },
      ip: ctx.ip,
    });
  });
}

export async function updateSettings(ctx: Ctx, id: string, input: SettingsUpdate): Promise<PeriodView> {
  const row = await canEdit(ctx, id);
  const before = settingsOf(row);
  const after: RosterSettings = { ...before };
  if (input.maxConsecutive !== undefined) after.maxConsecutive = input.maxConsecutive;
  if (input.weights !== undefined) after.weights = { ...(before.weights ?? {}), ...input.weights };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("roster_periods")
      .set({ settings: JSON.stringify(after), updated_at: new Date() })
      .where("org_id", "=", ctx.user.orgId)
      .where("id", "=", id)
      .execute();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "update",
      entity: "roster_period",
      entityId: id,
      before: { settings: before },
      after: { settings: after },
      ip: ctx.ip,
    });
  });
  return getPeriod(ctx, id);
}

/** The pre-solve analysis in words: what blocks solving (contradictory locks, capacity...) and what
 * will stay uncovered whatever the roster, with the bound on the score. */
export async function check(ctx: Ctx, id: string): Promise<CheckView> {
  const row = await loadPeriod(ctx, id);
  const built = await buildProblem(ctx.db, row);
  const analysis = analyse(built.problem);
  const where = (i: RelaisIssue) => ({
    code: i.code,
    message: i.message,
    agentId: i.agent !== undefined ? (built.problem.agents[i.agent]?.id ?? null) : null,
    day: i.day !== undefined ? addDays(row.start_date, i.day) : null,
  });
  return {
    errors: analysis.errors.map(where),
    warnings: analysis.warnings.slice(0, 500).map((w) => ({ code: w.code, message: w.message })),
    lowerBound: analysis.lowerBound,
  };
}

// ---- Personal on/off requests ----

function requestView(r: {
  agent_id: string;
  day: string;
  on_site: boolean;
  weight: number;
  note: string | null;
}): RequestView {
  return { agentId: r.agent_id, day: r.day, onSite: r.on_site, weight: r.weight, note: r.note };
}

async function saveRequest(
  ctx: Ctx,
  agentId: string,
  input: MyRequestSet,
  entityId: string,
): Promise<RequestView> {
  const row = {
    org_id: ctx.user.orgId,
    agent_id: agentId,
    day: input.day,
    on_site: input.onSite,
    weight: input.weight ?? 1,
    note: input.note?.trim() || null,
    created_by: ctx.user.id,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findRequest(trx, ctx.user.orgId, agentId, input.day);
    await repo.upsertRequest(trx, row);
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: before ? "update" : "create",
      entity: "roster_request",
      entityId,
      before: before ? requestView(before) : undefined,
      after: requestView(row),
      ip: ctx.ip,
    });
  });
  return requestView(row);
}

async function dropRequest(ctx: Ctx, agentId: string, day: string, entityId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const gone = await repo.deleteRequest(trx, ctx.user.orgId, agentId, day);
    if (!gone) throw errors.notFound("Souhait");
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "delete",
      entity: "roster_request",
      entityId,
      before: { agentId, day, onSite: gone.on_site, weight: gone.weight },
      ip: ctx.ip,
    });
  });
}

/** A manager enters an agent's request on a day of the period. */
export async function setRequest(ctx: Ctx, id: string, input: RequestSet): Promise<RequestView> {
  const row = await canEdit(ctx, id);
  const built = await buildProblem(ctx.db, row);
  const day = daysBetween(row.start_date, input.day);
  if (day < 0 || day >= built.problem.days)
    throw errors.validation("Jour hors de la période.", [{ field: "day", message: "hors période" }]);
  if (!built.agentIndex.has(input.agentId))
    throw errors.validation("Agent hors du périmètre de ce planning.", [
      { field: "agentId", message: "introuvable" },
    ]);
  const { agentId, ...rest } = input;
  return saveRequest(ctx, agentId, rest, id);
}

export async function removeRequest(ctx: Ctx, id: string, q: { agentId: string; day: string }) {
  const row = await canEdit(ctx, id);
  const built = await buildProblem(ctx.db, row);
  if (!built.agentIndex.has(q.agentId)) throw errors.notFound("Souhait");
  await dropRequest(ctx, q.agentId, q.day, id);
}

function ownAgent(ctx: Ctx): string {
  if (!ctx.user.agentId)
    throw errors.badRequest("no_agent_record", "Votre compte n'est pas rattaché à une fiche agent.");
  return ctx.user.agentId;
}

/** The agent's own requests, from today on. */
export async function myRequests(ctx: Ctx, q: { from?: string; to?: string }) {
  const agentId = ownAgent(ctx);
  const from = q.from ?? (await todayOf(ctx));
  const to = q.to ?? addDays(from, 120);
  return { items: (await repo.requestsBetween(ctx.db, ctx.user.orgId, from, to, agentId)).map(requestView) };
}

export async function setMyRequest(ctx: Ctx, input: MyRequestSet): Promise<RequestView> {
  const agentId = ownAgent(ctx);
  if (input.day < (await todayOf(ctx)))
    throw errors.validation("Un souhait porte sur aujourd'hui ou un jour à venir.", [
      { field: "day", message: "jour passé" },
    ]);
  return saveRequest(ctx, agentId, input, agentId);
}

export async function removeMyRequest(ctx: Ctx, day: string): Promise<void> {
  const agentId = ownAgent(ctx);
  await dropRequest(ctx, agentId, day, agentId);
}

// ---- The problem as the engine sees it ----

interface Built {
  problem: RelaisProblem;
  sites: { id: string; name: string; capacity: number }[];
  agentRows: Awaited<ReturnType<typeof repo.agentsFor>>;
  agentIndex: Map<string, number>;
  posts: Awaited<ReturnType<typeof repo.activitiesOn>>;
  postIndex: Map<string, number>;
  activityById: Map<string, Awaited<ReturnType<typeof repo.activitiesOn>>[number]>;
  published: repo.VersionRow | undefined;
  requestRows: Awaited<ReturnType<typeof repo.requestsBetween>>;
}

async function buildProblem(
  db: Kysely<DB>,
  row: repo.PeriodRow,
  extraAbsence?: { agentId: string; from: string; to: string | null },
): Promise<Built> {
  const orgId = row.org_id;
  const days = daysBetween(row.start_date, row.end_date) + 1;
  const sitesRaw = await repo.sitesOf(db, orgId, row.site_ids);
  const sites = row.site_ids.flatMap((id) => sitesRaw.filter((s) => s.id === id));
  const siteIndex = new Map(sites.map((s, i) => [s.id, i]));
  const ctxLike = { db, user: { orgId } } as unknown as Ctx;
  const serviceIds = row.service_id ? await serviceSubtree(ctxLike, row.service_id) : null;
  const posts = (await repo.activitiesOn(db, orgId, row.site_ids)).filter(
    (a) => serviceIds === null || serviceIds.includes(a.service_id),
  );
  const postIndex = new Map(posts.map((p, i) => [p.id, i]));
  const agentRows = await repo.agentsFor(db, orgId, serviceIds);
  const agentIndex = new Map(agentRows.map((a, i) => [a.id, i]));
  const skillIds = [
    ...new Set([...posts.flatMap((p) => p.skill_ids), ...agentRows.flatMap((a) => a.skill_ids)]),
  ];
  const skillIndex = new Map(skillIds.map((s, i) => [s, i]));
  const teams = [...new Set(agentRows.flatMap((a) => (a.team ? [a.team] : [])))].sort();
  const teamIndex = new Map(teams.map((t, i) => [t, i]));
  const unavailable = agentRows.map(() => new Set<number>());
  const mark = (agentId: string, from: number, to: number) => {
    const a = agentIndex.get(agentId);
    if (a === undefined) return;
    for (let d = Math.max(0, from); d <= Math.min(days - 1, to); d++) unavailable[a].add(d);
  };
  for (const s of await repo.absencesBetween(db, orgId, row.start_date, row.end_date)) {
    const d = daysBetween(row.start_date, s.day);
    mark(s.agent_id, d, d);
  }
  const absences = await repo.rosterAbsencesOf(db, row.id);
  if (extraAbsence)
    absences.push({ agent_id: extraAbsence.agentId, from_day: extraAbsence.from, to_day: extraAbsence.to });
  for (const ab of absences)
    mark(
      ab.agent_id,
      daysBetween(row.start_date, ab.from_day),
      ab.to_day ? daysBetween(row.start_date, ab.to_day) : days,
    );
  const settings = settingsOf(row);
  const maxConsecutive = settings.maxConsecutive ?? DEFAULT_MAX_CONSECUTIVE;
  const agents: RelaisAgent[] = agentRows.map((a, i) => ({
    id: a.id,
    name: `${a.first_name} ${a.last_name}`,
    skills: a.skill_ids.map((s) => skillIndex.get(s) ?? -1),
    homeSite: a.site_id ? (siteIndex.get(a.site_id) ?? -1) : -1,
    team: a.team ? (teamIndex.get(a.team) ?? -1) : -1,
    neverOnSite: a.never_on_site,
    unavailable: [...unavailable[i]].sort((x, y) => x - y),
    maxConsecutive,
    // Part time: on-site days in proportion to working time (five days a week at 100 %).
    maxDays: Math.ceil(((days * 5) / 7) * (a.work_time_pct / 100)),
  }));
  const needs = (await repo.needsOf(db, row.id)).flatMap((n) => {
    const post = postIndex.get(n.activity_id);
    const day = daysBetween(row.start_date, n.day);
    return post === undefined || n.count === 0 || day < 0 || day >= days
      ? []
      : [{ post, day, count: n.count }];
  });
  const locks = (await repo.locksOf(db, row.id)).flatMap((l) => {
    const agent = agentIndex.get(l.agent_id);
    const post = l.activity_id === null ? OFF : postIndex.get(l.activity_id);
    const day = daysBetween(row.start_date, l.day);
    return agent === undefined || post === undefined ? [] : [{ agent, day, post }];
  });
  const requestRows = (await repo.requestsBetween(db, orgId, row.start_date, row.end_date)).filter((r) =>
    agentIndex.has(r.agent_id),
  );
  const requests = requestRows.map((r) => ({
    agent: agentIndex.get(r.agent_id) ?? 0,
    day: daysBetween(row.start_date, r.day),
    on: r.on_site,
    weight: r.weight,
  }));
  const published = await repo.latestPublished(db, row.id);
  let previous: number[][] | null = null;
  if (published) {
    previous = agents.map(() => new Array<number>(days).fill(OFF));
    for (const a of await repo.assignmentsOf(db, published.id)) {
      const i = agentIndex.get(a.agent_id);
      const p = postIndex.get(a.activity_id);
      const d = daysBetween(row.start_date, a.day);
      if (i !== undefined && p !== undefined && d >= 0 && d < days) previous[i][d] = p;
    }
  }
  const weights: RelaisWeights = { ...DEFAULT_WEIGHTS, ...(settings.weights ?? {}) };
  const problem: RelaisProblem = {
    startDate: row.start_date,
    days,
    sites: sites.map((s) => ({ id: s.id, name: s.name, capacity: s.capacity })),
    posts: posts.map((p) => ({
      id: p.id,
      label: `${p.name} (${sites[siteIndex.get(p.site_id) ?? 0]?.name ?? "?"})`,
      site: siteIndex.get(p.site_id) ?? 0,
      skills: p.skill_ids.map((s) => skillIndex.get(s) ?? -1),
    })),
    skills: skillIds,
    teams,
    agents,
    needs,
    requests,
    locks,
    previous,
    weights,
  };
  return {
    problem,
    sites,
    agentRows,
    agentIndex,
    posts,
    postIndex,
    activityById: new Map(posts.map((p) => [p.id, p])),
    published,
    requestRows,
  };
}

// ---- Solving ----

function infeasible(issues: { message: string }[]) {
  return errors.unprocessable(
    "roster_infeasible",
    "Ce planning est impossible tel quel : corrigez les points indiqués (besoins, capacités, verrous) puis relancez.",
    issues.map((i) => ({ message: i.message })),
  );
}

function diff(built: Built, roster: number[][]): ChangeView[] {
  const prev = built.problem.previous;
  if (!prev) return [];
  const label = (v: number) => (v === OFF ? null : built.problem.posts[v].label);
  const out: ChangeView[] = [];
  for (let a = 0; a < roster.length; a++)
    for (let d = 0; d < roster[a].length; d++) {
      const v = roster[a][d];
      if (v === prev[a][d]) continue;
      out.push({
        agentId: built.problem.agents[a].id,
        agentName: built.problem.agents[a].name,
        day: addDays(built.problem.startDate, d),
        before: label(prev[a][d]),
        after: label(v),
      });
    }
  return out;
}

async function solveAndSave(
  ctx: Ctx,
  row: repo.PeriodRow,
  built: Built,
  opts: { seconds: number; seed: number; reason: "solve" | "repair" },
): Promise<VersionSummary> {
  const analysis = analyse(built.problem);
  if (analysis.errors.length > 0) throw infeasible(analysis.errors);
  const run = solveInWorker(built.problem, { timeLimitMs: opts.seconds * 1000, seed: opts.seed });
  const result = await run.result;
  const check = evaluate(built.problem, result.roster);
  if (check.hard.length > 0) throw new Error(`roster solver broke a hard rule: ${check.hard[0].message}`); // never written
  const violations = describeViolations(built.problem, result.roster).map((v) => ({
    kind: v.kind,
    message: v.message,
    reason: v.reason,
  }));
  const changes = diff(built, result.roster);
  const summary = {
    terms: check.terms,
    counts: check.counts,
    violations: violations.slice(0, 500),
    warnings: analysis.warnings.slice(0, 500).map((w) => ({ kind: w.code, message: w.message })),
    changes: changes.slice(0, 2000),
    seconds: result.elapsedMs / 1000,
    firstRosterSeconds: result.firstRosterMs / 1000,
    moves: result.moves,
  };
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("roster_versions")
      .values({
        id,
        org_id: ctx.user.orgId,
        period_id: row.id,
        status: "draft",
        number: null,
        reason: opts.reason,
        score: check.score,
        lower_bound: analysis.lowerBound,
        summary: JSON.stringify(summary),
        created_by: ctx.user.id,
      })
      .execute();
    const rows = [];
    for (let a = 0; a < result.roster.length; a++)
      for (let d = 0; d < built.problem.days; d++) {
        const v = result.roster[a][d];
        if (v === OFF) continue;
        rows.push({
          version_id: id,
          agent_id: built.problem.agents[a].id,
          day: addDays(row.start_date, d),
          activity_id: built.problem.posts[v].id,
          site_id: built.sites[built.problem.posts[v].site].id,
        });
      }
    await repo.insertAssignments(trx, rows);
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: opts.reason === "repair" ? "repair" : "solve",
      entity: "roster_version",
      entityId: id,
      after: {
        periodId: row.id,
        score: check.score,
        lowerBound: analysis.lowerBound,
        assignments: rows.length,
      },
      ip: ctx.ip,
    });
  });
  const saved = await repo.findVersion(ctx.db, row.id, id);
  if (!saved) throw errors.notFound("Version");
  return summaryView(saved);
}

function summaryView(v: repo.VersionRow): VersionSummary {
  const s = v.summary as Omit<
    VersionSummary,
    "id" | "status" | "number" | "reason" | "score" | "lowerBound" | "gapPct" | "createdAt" | "publishedAt"
  >;
  return {
    id: v.id,
    status: v.status,
    number: v.number,
    reason: v.reason,
    score: v.score,
    lowerBound: v.lower_bound,
    gapPct: v.score > 0 ? Math.max(0, ((v.score - v.lower_bound) / v.score) * 100) : 0,
    ...s,
    createdAt: new Date(v.created_at).toISOString(),
    publishedAt: v.published_at ? new Date(v.published_at).toISOString() : null,
  };
}

export async function solve(ctx: Ctx, id: string, body: SolveBody): Promise<VersionSummary> {
  const row = await canEdit(ctx, id);
  const built = await buildProblem(ctx.db, row);
  return solveAndSave(ctx, row, built, {
    seconds: body.seconds ?? 10,
    seed: body.seed ?? 1,
    reason: "solve",
  });
}

/** Marks an agent sick from a day and proposes a repaired roster (a draft) with its changes. */
export async function markSick(ctx: Ctx, id: string, body: SickBody): Promise<VersionSummary> {
  const row = await canEdit(ctx, id);
  const built = await buildProblem(ctx.db, row);
  if (!built.agentIndex.has(body.agentId))
    throw errors.validation("Agent hors du périmètre de ce planning.", [
      { field: "agentId", message: "introuvable" },
    ]);
  if (!built.published)
    throw errors.conflict(
      "no_published_roster",
      "Aucun planning publié à réparer : publiez d'abord un planning.",
    );
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("roster_absences")
      .values({
        id: newId(),
        period_id: id,
        agent_id: body.agentId,
        from_day: body.from,
        to_day: body.to ?? null,
        created_by: ctx.user.id,
      })
      .execute();
    // Cells fixed on site for the days of the absence contradict it: they are freed (the
    // "off site" ones stay), otherwise the repair would be refused for a contradictory lock.
    const freed = await trx
      .deleteFrom("roster_locks")
      .where("period_id", "=", id)
      .where("agent_id", "=", body.agentId)
      .where("activity_id", "is not", null)
      .where("day", ">=", body.from)
      .where("day", "<=", body.to ?? row.end_date)
      .returning(["activity_id", sql<string>`day::text`.as("day")])
      .execute();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "create",
      entity: "roster_absence",
      entityId: id,
      after: { ...body, locksFreed: freed.map((l) => ({ day: l.day, activityId: l.activity_id })) },
      ip: ctx.ip,
    });
  });
  const rebuilt = await buildProblem(ctx.db, row);
  return solveAndSave(ctx, row, rebuilt, { seconds: body.seconds ?? 3, seed: 1, reason: "repair" });
}

export async function getVersion(ctx: Ctx, id: string, versionId: string): Promise<VersionView> {
  await loadPeriod(ctx, id);
  const v = await repo.findVersion(ctx.db, id, versionId);
  if (!v) throw errors.notFound("Version");
  const assignments = (await repo.assignmentsOf(ctx.db, versionId)).map((a) => ({
    agentId: a.agent_id,
    day: a.day,
    activityId: a.activity_id,
    siteId: a.site_id,
  }));
  return { ...summaryView(v), assignments };
}

export async function publish(ctx: Ctx, id: string, versionId: string): Promise<VersionSummary> {
  await canEdit(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const v = await trx
      .selectFrom("roster_versions")
      .selectAll()
      .where("period_id", "=", id)
      .where("id", "=", versionId)
      .forUpdate()
      .executeTakeFirst();
    if (!v) throw errors.notFound("Version");
    if (v.status === "published")
      throw errors.conflict("already_published", "Cette version est déjà publiée.");
    const last = await trx
      .selectFrom("roster_versions")
      .select((eb) => eb.fn.max("number").as("n"))
      .where("period_id", "=", id)
      .executeTakeFirst();
    const number = Number(last?.n ?? 0) + 1;
    await trx
      .updateTable("roster_versions")
      .set({ status: "published", number, published_at: new Date() })
      .where("id", "=", versionId)
      .execute();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "publish",
      entity: "roster_version",
      entityId: versionId,
      before: { status: v.status },
      after: { status: "published", number },
      ip: ctx.ip,
    });
  });
  const v = await repo.findVersion(ctx.db, id, versionId);
  if (!v) throw errors.notFound("Version");
  return summaryView(v);
}

// ---- The agent's own schedule and calendar ----

export async function mySchedule(ctx: Ctx, q: { from?: string; to?: string }): Promise<ScheduleView> {
  if (!ctx.user.agentId)
    throw errors.badRequest("no_agent_record", "Votre compte n'est pas rattaché à une fiche agent.");
  const from = q.from ?? (await todayOf(ctx));
  const to = q.to ?? addDays(from, 60);
  const rows = await repo.publishedScheduleOf(ctx.db, ctx.user.orgId, ctx.user.agentId, from, to);
  return {
    items: rows.map((r) => ({
      day: r.day,
      periodId: r.period_id,
      periodName: r.period_name,
      activityName: r.activity_name,
      siteName: r.site_name,
      version: r.number,
    })),
  };
}

/** Published on-site days of an agent as calendar events (08:00–18:00 local), for the personal feed. */
export async function personalRosterEvents(
  db: Kysely<DB>,
  orgId: string,
  agentId: string,
  from: Date,
  to: Date,
  tz: string,
): Promise<CalendarEvent[]> {
  const rows = await repo.publishedScheduleOf(
    db,
    orgId,
    agentId,
    toLocal(from, tz).date,
    toLocal(to, tz).date,
  );
  return rows.map((r) => ({
    uid: `roster-${r.period_id}-${agentId}-${r.day}@relais`,
    start: resolveLocal(r.day, "08:00", tz).at,
    end: resolveLocal(r.day, "18:00", tz).at,
    summary: `Sur site : ${r.activity_name} (${r.site_name})`,
    location: r.site_name,
    description: `${r.period_name} — version ${r.number}`,
    sequence: r.number,
  }));
}

// ---- Exports for the wall ----

async function gridOf(ctx: Ctx, id: string, versionId: string) {
  const row = await loadPeriod(ctx, id);
  const v = await repo.findVersion(ctx.db, id, versionId);
  if (!v) throw errors.notFound("Version");
  const built = await buildProblem(ctx.db, row);
  const days = Array.from({ length: built.problem.days }, (_, d) => addDays(row.start_date, d));
  const cells = new Map<string, string>();
  for (const a of await repo.assignmentsOf(ctx.db, versionId)) {
    const act = built.activityById.get(a.activity_id);
    const site = built.sites.find((s) => s.id === a.site_id);
    cells.set(`${a.agent_id}:${a.day}`, `${act?.name ?? "?"} — ${site?.name ?? "?"}`);
  }
  const agents = built.agentRows.filter((a) => days.some((d) => cells.has(`${a.id}:${d}`)));
  const title = `${row.name} — ${v.status === "published" ? `version ${v.number}` : "brouillon"}`;
  return { row, days, cells, agents, title };
}

const frDay = (d: string) =>
  new Date(`${d}T00:00:00Z`).toLocaleDateString("fr-FR", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });

export async function exportXlsx(ctx: Ctx, id: string, versionId: string): Promise<Buffer> {
  const g = await gridOf(ctx, id, versionId);
  // Loaded on first use: exceljs and pdfkit cost ~0.4 s of start-up for a rare export.
  const ExcelJS = ((await import("exceljs")) as unknown as { default: typeof ExcelJSType }).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Planning");
  ws.addRow([g.title]);
  ws.addRow(["Agent", "Équipe", ...g.days.map(frDay)]);
  for (const a of g.agents)
    ws.addRow([
      `${a.last_name} ${a.first_name}`,
      a.team ?? "",
      ...g.days.map((d) => g.cells.get(`${a.id}:${d}`) ?? ""),
    ]);
  ws.getRow(2).font = { bold: true };
  ws.views = [{ state: "frozen", xSplit: 2, ySplit: 2 }];
  ws.getColumn(1).width = 28;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportPdf(ctx: Ctx, id: string, versionId: string): Promise<Buffer> {
  const g = await gridOf(ctx, id, versionId);
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({ size: "A4", layout: "landscape", margin: 36, info: { Title: g.title } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  doc.fontSize(16).text(g.title);
  // One block per day: who is on site, by site and activity.
  for (const day of g.days) {
    const present = g.agents
      .map((a) => ({ name: `${a.last_name} ${a.first_name}`, where: g.cells.get(`${a.id}:${day}`) }))
      .filter((x): x is { name: string; where: string } => x.where !== undefined)
      .sort((x, y) => x.where.localeCompare(y.where, "fr") || x.name.localeCompare(y.name, "fr"));
    doc.moveDown(0.5).fontSize(12).text(frDay(day), { underline: true });
    if (present.length === 0) doc.fontSize(10).text("Personne sur site.");
    let current = "";
    for (const p of present) {
      if (p.where !== current) {
        current = p.where;
        doc.fontSize(10).text(current, { continued: false });
      }
      doc.fontSize(9).text(`   ${p.name}`);
    }
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
