// The activity board of the active crisis: each essential activity with its mode, today's qualified
// staff available on site and remotely against its minimum, its status and the trend over the last
// days. Figures come from the bilan engine, so the board and the reports always agree.
import { trend } from "../../../engines/bilan/coverage.js";
import {
  type ActivityIn,
  activityCoverage,
  qualifiedAgents,
  statusesByIndex,
} from "../../../engines/bilan/figures.js";
import { addDays } from "../../../engines/calendar/zoned.js";
import type { Ctx } from "../../shared/context.js";
import { orgClock } from "../clock.js";
import {
  activeActivation,
  listAgentsAt,
  listPlanActivities,
  modesAt,
  statusesForDays,
} from "../repository.js";
import type { BoardQuery, BoardView } from "./schema.js";

export async function board(ctx: Ctx, q: BoardQuery): Promise<BoardView> {
  const orgId = ctx.user.orgId;
  const clock = await orgClock(ctx.db, orgId);
  const days = q.days ?? 7;
  const from = addDays(clock.today, -(days - 1));
  const [activation, activities, agents, byDay] = await Promise.all([
    activeActivation(ctx.db, orgId),
    listPlanActivities(ctx.db, orgId),
    listAgentsAt(ctx.db, orgId, clock.now),
    statusesForDays(ctx.db, orgId, from, clock.today),
  ]);
  const modes = activation ? await modesAt(ctx.db, activation.id, clock.now) : new Map();
  const acts: ActivityIn[] = activities.map((a) => ({
    id: a.id,
    name: a.name,
    serviceId: a.service_id,
    serviceName: a.service_name,
    siteId: a.site_id,
    criticality: a.criticality,
    minOnSite: a.min_on_site,
    minRemote: a.min_remote,
    skillIds: a.skill_ids,
    equipmentKinds: a.equipment_kinds,
    mode: modes.get(a.id) ?? null,
  }));
  const agentsIn = agents.map((a) => ({ id: a.id, serviceId: a.service_id, skillIds: a.skill_ids }));
  const qualified = qualifiedAgents(agentsIn, acts);
  const dayList = Array.from({ length: days }, (_, i) => addDays(from, i));
  const series = dayList.map((d) =>
    activityCoverage(acts, qualified, statusesByIndex(agentsIn, byDay.get(d) ?? new Map())),
  );
  const today = series[series.length - 1];
  const counts = { covered: 0, at_risk: 0, not_covered: 0, suspended: 0 };
  const items = today
    .map((c, i) => {
      const history = series.map((s, k) => ({
        day: dayList[k],
        onSite: s[i].onSite,
        remote: s[i].remote,
        status: s[i].status,
      }));
      return {
        activityId: c.id,
        name: c.name,
        serviceId: c.serviceId,
        serviceName: c.serviceName,
        siteId: c.siteId,
        criticality: c.criticality,
        mode: c.mode,
        qualified: c.qualified,
        onSite: c.onSite,
        remote: c.remote,
        required: c.required,
        status: c.status,
        margin: c.margin,
        trend: trend(history.map((h) => h.onSite + h.remote)),
        history,
      };
    })
    .filter((r) => (!q.serviceId || r.serviceId === q.serviceId) && (!q.siteId || r.siteId === q.siteId));
  for (const r of items) counts[r.status]++;
  return {
    day: clock.today,
    activation: activation
      ? {
          id: activation.id,
          scenarioName: activation.scenario_name,
          level: activation.level,
          startedAt: new Date(activation.started_at).toISOString(),
        }
      : null,
    counts,
    items: q.status ? items.filter((r) => r.status === q.status) : items,
  };
}
