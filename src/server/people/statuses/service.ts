// Daily statuses: one per agent and day, every change kept in status_changes (who, when, before).
// Set by the agent for themself, by their service manager (scope), or by admins and PCA managers.
// Only the status is stored — never a reason or a diagnosis.
import { writeAudit } from "../../audit/repository.js";
import type { Status } from "../../db/schema.js";
import { type ErrorDetail, errors } from "../../http/errors.js";
import type { Ctx } from "../../shared/context.js";
import { serviceScope } from "../../shared/scope.js";
import { agentFor } from "../agents/service.js";
import { addDays, assertDay, orgToday } from "../days.js";
import * as repo from "./repository.js";
import type { BulkStatus, DayStatusView, StatusHistory, StatusSet } from "./schema.js";

function siteRule(status: Status, siteId: string | null | undefined, field: string): ErrorDetail | null {
  if (status === "on_site" && !siteId) return { field, message: "le site est obligatoire pour « sur site »" };
  if (status !== "on_site" && siteId) return { field, message: "un site ne s'indique que pour « sur site »" };
  return null;
}

export async function setStatus(
  ctx: Ctx,
  agentId: string,
  day: string,
  input: StatusSet,
): Promise<DayStatusView> {
  assertDay(day, "day");
  const problem = siteRule(input.status, input.siteId, "siteId");
  if (problem) throw errors.validation(`Statut invalide : ${problem.message}.`, [problem]);
  const agent = await agentFor(ctx, agentId, "status");
  if (agent.archived_at !== null) {
    throw errors.conflict(
      "agent_archived",
      "Cet agent est archivé : restaurez-le avant de saisir sa situation.",
    );
  }
  const siteId = input.siteId ?? null;
  if (siteId && !(await repo.sitesInOrg(ctx.db, ctx.user.orgId, [siteId])).has(siteId)) {
    throw errors.validation("Site inconnu : choisissez un site de votre organisation.", [
      { field: "siteId", message: "site inconnu" },
    ]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const [before] = await repo.currentStatuses(trx, [agentId], day);
    await repo.writeStatuses(
      trx,
      [{ orgId: ctx.user.orgId, agentId, day, status: input.status, siteId, setBy: ctx.user.id }],
      new Map(before ? [[agentId, before.status]] : []),
    );
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "set_status",
      entity: "agent",
      entityId: agentId,
      before: before ? { day, status: before.status, siteId: before.site_id } : null,
      after: { day, status: input.status, siteId },
      ip: ctx.ip,
    });
    const [row] = await trx
      .selectFrom("daily_statuses")
      .selectAll()
      .where("agent_id", "=", agentId)
      .where("day", "=", day)
      .execute();
    return dayView(row);
  });
}

function dayView(r: {
  agent_id: string;
  day: string;
  status: string;
  site_id: string | null;
  set_by: string | null;
  set_at: Date;
}): DayStatusView {
  return {
    agentId: r.agent_id,
    day: r.day,
    status: r.status,
    siteId: r.site_id,
    setBy: r.set_by,
    setAt: new Date(r.set_at).toISOString(),
  };
}

export async function history(
  ctx: Ctx,
  agentId: string,
  range: { from?: string; to?: string },
): Promise<StatusHistory> {
  await agentFor(ctx, agentId, "read");
  const today = await orgToday(ctx.db, ctx.user.orgId);
  const to = assertDay(range.to ?? today, "to");
  const from = assertDay(range.from ?? addDays(to, -30), "from");
  if (from > to) {
    throw errors.validation("La date de début doit précéder la date de fin.", [
      { field: "from", message: "après la date de fin" },
    ]);
  }
  if (addDays(from, 366) < to) {
    throw errors.validation("Période trop longue : un an au plus.", [
      { field: "from", message: "un an au plus" },
    ]);
  }
  const [days, changes] = await Promise.all([
    repo.statusesBetween(ctx.db, agentId, from, to),
    repo.changesBetween(ctx.db, agentId, from, to),
  ]);
  return {
    from,
    to,
    items: days.map(dayView),
    total: days.length,
    changes: changes.map((c) => ({
      day: c.day,
      status: c.status,
      previousStatus: c.previous_status,
      siteId: c.site_id,
      setBy: c.set_by,
      setByEmail: c.set_by_email,
      setAt: new Date(c.set_at).toISOString(),
    })),
  };
}

/** Managers set many statuses at once: all or nothing; each item checked against their scope. */
export async function setStatuses(ctx: Ctx, input: BulkStatus) {
  const day = assertDay(input.day, "day");
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  input.items.forEach((item, i) => {
    const p = siteRule(item.status, item.siteId, `items.${i}.siteId`);
    if (p) problems.push(p);
    if (seen.has(item.agentId)) problems.push({ field: `items.${i}.agentId`, message: "agent en double" });
    seen.add(item.agentId);
  });
  const ids = input.items.map((i) => i.agentId);
  const agents = new Map<string, { service_id: string; archived_at: Date | null }>();
  for (let i = 0; i < ids.length; i += 5000) {
    for (const a of await repo.agentsInOrg(ctx.db, ctx.user.orgId, ids.slice(i, i + 5000)))
      agents.set(a.id, a);
  }
  const sites = await repo.sitesInOrg(ctx.db, ctx.user.orgId, [
    ...new Set(input.items.map((i) => i.siteId).filter((s): s is string => !!s)),
  ]);
  input.items.forEach((item, i) => {
    const a = agents.get(item.agentId);
    if (!a) problems.push({ field: `items.${i}.agentId`, message: "agent inconnu" });
    else if (a.archived_at !== null) problems.push({ field: `items.${i}.agentId`, message: "agent archivé" });
    if (item.siteId && !sites.has(item.siteId))
      problems.push({ field: `items.${i}.siteId`, message: "site inconnu" });
  });
  if (problems.length > 0) {
    throw errors.validation(
      `Saisie refusée : ${problems[0].field} — ${problems[0].message}. Rien n'a été enregistré.`,
      problems,
    );
  }
  const scope = await serviceScope(ctx);
  if (scope !== null) {
    const allowed = new Set(scope);
    const outside = input.items.filter((it) => !allowed.has(agents.get(it.agentId)!.service_id));
    if (outside.length > 0) {
      throw errors.forbidden(`${outside.length} agent(s) hors de votre périmètre : rien n'a été enregistré.`);
    }
  }
  return ctx.db.transaction().execute(async (trx) => {
    const previous = new Map<string, { status: Status; site_id: string | null }>();
    for (let i = 0; i < ids.length; i += 5000) {
      for (const s of await repo.currentStatuses(trx, ids.slice(i, i + 5000), day))
        previous.set(s.agent_id, s);
    }
    const writes = input.items
      .filter((it) => {
        const p = previous.get(it.agentId);
        return !p || p.status !== it.status || p.site_id !== (it.siteId ?? null);
      })
      .map((it) => ({
        orgId: ctx.user.orgId,
        agentId: it.agentId,
        day,
        status: it.status,
        siteId: it.siteId ?? null,
        setBy: ctx.user.id,
      }));
    await repo.writeStatuses(trx, writes, new Map([...previous].map(([k, v]) => [k, v.status])));
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "set_statuses",
      entity: "agent",
      after: {
        day,
        set: writes.length,
        unchanged: input.items.length - writes.length,
        agentIds: writes.map((w) => w.agentId),
      },
      ip: ctx.ip,
    });
    return { day, set: writes.length, unchanged: input.items.length - writes.length };
  });
}
