// Dashboard: today's headcount by status and its history, share teleworking, equipped-to-telework
// curve and the essential activities short of qualified staff. Admins, PCA managers and the crisis
// cell see the whole organisation; a service manager sees their services (activities of their
// services, counted against every qualified agent of the organisation).
import { STATUSES } from "../db/schema.js";
import { errors } from "../http/errors.js";
import type { Ctx } from "../shared/context.js";
import { serviceScope } from "../shared/scope.js";
import {
  AVAILABLE_STATUSES,
  dayRange,
  emptyCounts,
  equippedDays,
  findShortfalls,
  type Shortfall,
  type StatusCounts,
  teleworkShare,
} from "./figures.js";
import * as repo from "./repository.js";
import type { DashboardQuery, DashboardView, ShortfallView } from "./schema.js";

/** The calendar day in a time zone, as 'YYYY-MM-DD'. */
export function todayIn(timezone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

export async function getDashboard(ctx: Ctx, q: DashboardQuery): Promise<DashboardView> {
  if (ctx.user.role === "agent") throw errors.forbidden();
  const orgId = ctx.user.orgId;
  const scope = await serviceScope(ctx);
  const day = q.day ?? todayIn(await repo.orgTimezone(ctx.db, orgId));
  if (Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw errors.validation(`Date invalide : ${day} (format attendu AAAA-MM-JJ).`, [
      { field: "day", message: "date invalide" },
    ]);
  }
  const days = dayRange(day, q.days ?? 30);
  const from = days[0];

  const [agents, counts, equipment] = await Promise.all([
    repo.countActiveAgents(ctx.db, orgId, scope),
    repo.statusCounts(ctx.db, orgId, from, day, scope),
    equipmentOf(ctx, orgId, days),
  ]);

  const byDay = new Map<string, StatusCounts>(days.map((d) => [d, emptyCounts()]));
  for (const row of counts) {
    const c = byDay.get(row.day);
    if (c && row.status in c) c[row.status] += row.n;
  }
  const history = days.map((d) => {
    const byStatus = byDay.get(d) ?? emptyCounts();
    const recorded = STATUSES.reduce((sum, s) => sum + byStatus[s], 0);
    return { day: d, byStatus, notRecorded: Math.max(0, agents - recorded) };
  });
  const today = history[history.length - 1];

  const { equippedByAgent, serviceOf } = equipment;
  const visible = scope === null ? null : new Set(scope);
  const series = days.map(() => 0);
  const equippedToday: string[] = [];
  for (const [agentId, flags] of equippedByAgent) {
    if (flags[flags.length - 1]) equippedToday.push(agentId);
    if (visible && !visible.has(serviceOf.get(agentId) ?? "")) continue;
    for (let i = 0; i < flags.length; i++) series[i] += flags[i];
  }

  const staffing = await repo.activityStaffing(ctx.db, orgId, day, equippedToday, scope);
  return {
    day,
    days: days.length,
    scope: scope === null ? "org" : "services",
    agents,
    today: { byStatus: today.byStatus, notRecorded: today.notRecorded },
    available: AVAILABLE_STATUSES.reduce((sum, s) => sum + today.byStatus[s], 0),
    teleworkShare: teleworkShare(today.byStatus),
    equippedToday: series[series.length - 1],
    history,
    equipped: days.map((d, i) => ({ day: d, count: series[i] })),
    shortfalls: findShortfalls(staffing).map(toShortfallView),
  };
}

interface EquipmentFigures {
  /** Per agent holding equipment during the days, 1 on the days they are equipped to telework. */
  equippedByAgent: Map<string, Uint8Array>;
  /** The service of each holder (to apply a service manager's scope). */
  serviceOf: Map<string, string>;
}

// Equipment figures by organisation and day range, kept with the epoch they were computed at
// (migration 0015): loans and skills change rarely, the dashboard is read all day by the crisis
// cell. A handful of entries per organisation at most.
const equipmentCache = new Map<string, { epoch: number; figures: EquipmentFigures }>();
const EQUIPMENT_CACHE_SIZE = 64;

async function equipmentOf(ctx: Ctx, orgId: string, days: readonly string[]): Promise<EquipmentFigures> {
  const from = days[0];
  const to = days[days.length - 1];
  const key = `${orgId}|${from}|${to}`;
  // The epoch is read before the inputs: figures are never kept under a newer epoch than their data.
  const epoch = await repo.dashboardEpoch(ctx.db, orgId);
  const hit = equipmentCache.get(key);
  if (hit && hit.epoch === epoch) return hit.figures;
  const [loans, extra] = await Promise.all([
    repo.loansBetween(ctx.db, orgId, from, to),
    repo.requiredKindsOfHolders(ctx.db, orgId, from, to),
  ]);
  const figures: EquipmentFigures = {
    equippedByAgent: equippedDays(days, loans, extra),
    serviceOf: new Map(loans.map((l) => [l.agentId, l.serviceId])),
  };
  equipmentCache.delete(key);
  if (equipmentCache.size >= EQUIPMENT_CACHE_SIZE) {
    const oldest = equipmentCache.keys().next().value;
    if (oldest !== undefined) equipmentCache.delete(oldest);
  }
  equipmentCache.set(key, { epoch, figures });
  return figures;
}

function toShortfallView(s: Shortfall): ShortfallView {
  return {
    activity: {
      id: s.id,
      name: s.name,
      criticality: s.criticality,
      serviceId: s.serviceId,
      serviceName: s.serviceName,
      siteId: s.siteId,
      siteName: s.siteName,
    },
    minOnSite: s.minOnSite,
    minRemote: s.minRemote,
    qualifiedTotal: s.qualifiedTotal,
    qualifiedOnSite: s.qualifiedOnSite,
    qualifiedRemoteEquipped: s.qualifiedRemoteEquipped,
    teleworkNotEquipped: s.teleworkNotEquipped,
    absent: s.absent,
    notRecorded: s.notRecorded,
    missingOnSite: s.missingOnSite,
    missingRemote: s.missingRemote,
    explanation: s.explanation,
  };
}
