// Reads the data as it stood at an instant and hands it to the bilan engine. "As of" everywhere:
// agents created and not archived then, each status as last set before then, loans recorded by
// then, activity modes and log versions in force then.
import type { Kysely } from "kysely";
import {
  type ActivityIn,
  computeReport,
  type LogItem,
  type ReportFigures,
} from "../../../engines/bilan/figures.js";
import { addDays } from "../../../engines/calendar/zoned.js";
import type { DB } from "../../db/schema.js";
import { dayIn } from "../clock.js";
import {
  activationAt,
  findOrg,
  listAgentsAt,
  listPlanActivities,
  loansAsOf,
  modesAt,
  statusesAsOf,
} from "../repository.js";
import * as repo from "./repository.js";

const CURVE_MAX_DAYS = 90;

function toItem(r: Awaited<ReturnType<typeof repo.openActionsAt>>[number]): LogItem {
  return {
    entryId: r.entry_id,
    version: r.version,
    kind: r.kind,
    occurredAt: new Date(r.occurred_at).toISOString(),
    title: r.title,
    owner: r.owner,
    dueOn: r.due_on,
    state: r.state,
  };
}

export async function figuresAsOf(db: Kysely<DB>, orgId: string, asOf: Date): Promise<ReportFigures> {
  const org = await findOrg(db, orgId);
  const day = dayIn(asOf, org.timezone);
  const [activation, activities, agents, statuses, previous] = await Promise.all([
    activationAt(db, orgId, asOf),
    listPlanActivities(db, orgId, asOf),
    listAgentsAt(db, orgId, asOf),
    statusesAsOf(db, orgId, day, asOf),
    repo.previousFrozen(db, orgId, asOf),
  ]);
  const modes = activation ? await modesAt(db, activation.id, asOf) : new Map<string, never>();
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
    mode: activation ? (modes.get(a.id) ?? "mixed") : null,
  }));
  const earliest = addDays(day, -(CURVE_MAX_DAYS - 1));
  let start = activation
    ? addDays(dayIn(new Date(activation.started_at), org.timezone), -7)
    : addDays(day, -29);
  if (start < earliest) start = earliest;
  const curveDays: string[] = [];
  for (let d = start; d <= day; d = addDays(d, 1)) curveDays.push(d);
  // Entries since the previous report; the first report covers the activation from its start.
  const since = previous
    ? new Date(previous.as_of)
    : activation
      ? new Date(new Date(activation.started_at).getTime() - 1)
      : null;
  const [loans, sinceRows, openRows] = await Promise.all([
    loansAsOf(db, orgId, day, asOf),
    repo.logItemsBetween(db, orgId, since, asOf),
    repo.openActionsAt(db, orgId, asOf),
  ]);
  return computeReport({
    asOf: asOf.toISOString(),
    day,
    timezone: org.timezone,
    orgName: org.name,
    activation: activation
      ? {
          id: activation.id,
          scenarioName: activation.scenario_name,
          level: activation.level,
          startedAt: new Date(activation.started_at).toISOString(),
        }
      : null,
    agents: agents.map((a) => ({ id: a.id, serviceId: a.service_id, skillIds: a.skill_ids })),
    statuses,
    activities: acts,
    loans,
    curveDays,
    sincePrevious: sinceRows.map(toItem),
    openActions: openRows.map(toItem),
    previous: previous
      ? {
          number: previous.number ?? 0,
          asOf: new Date(previous.as_of).toISOString(),
          figures: previous.figures,
        }
      : null,
  });
}
