// Agents: personal data. Admins, PCA managers and the crisis cell see the whole organisation; a
// service manager sees and edits their service and its sub-services; an agent sees their own record.
// Records outside one's scope are absent from lists and totals; a direct read is answered 403.
import { isEquipped, missingKinds, requiredKinds } from "../../../engines/equipment/equipped.js";
import { writeAudit } from "../../audit/repository.js";
import { errors, isUniqueViolation } from "../../http/errors.js";
import type { Ctx } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import { canWriteOrgWide, serviceScope, serviceSubtree } from "../../shared/scope.js";
import { orgToday } from "../days.js";
import * as repo from "./repository.js";
import type { AgentCreate, AgentQuery, AgentUpdate, AgentView } from "./schema.js";

export async function visibilityOf(ctx: Ctx): Promise<repo.Visibility> {
  if (ctx.user.role === "agent") return { kind: "self", agentId: ctx.user.agentId };
  const scope = await serviceScope(ctx);
  return scope === null ? { kind: "org" } : { kind: "services", ids: scope };
}

export type AgentAccess = "read" | "write" | "status";

/**
 * The agent record if the caller may `read` it, `write` it (edit, lend equipment) or set its daily
 * `status`; 404 when it is not in the caller's organisation, 403 (traced) when outside their scope.
 */
export async function agentFor(ctx: Ctx, id: string, access: AgentAccess): Promise<repo.AgentRow> {
  const row = await repo.findAgent(ctx.db, ctx.user.orgId, id);
  if (!row) throw errors.notFound("Agent");
  const { role } = ctx.user;
  if (role === "admin" || role === "pca_manager") return row;
  if (role === "crisis_cell" && access === "read") return row;
  if (role === "agent" && access !== "write" && ctx.user.agentId === id) return row;
  if (role === "service_manager" && (await inScope(ctx, row.service_id))) return row;
  throw errors.forbidden(
    role === "agent"
      ? "Vous ne pouvez consulter ou déclarer que votre propre situation."
      : "Cet agent n'est pas dans votre périmètre.",
  );
}

async function inScope(ctx: Ctx, serviceId: string): Promise<boolean> {
  const scope = await serviceScope(ctx);
  return scope === null || scope.includes(serviceId);
}

export function toAgentView(r: repo.AgentRow, facts: repo.AgentFacts): AgentView {
  const required = requiredKinds(facts.requirements.get(r.id) ?? []);
  const held = facts.held.get(r.id) ?? [];
  return {
    id: r.id,
    staffNumber: r.staff_number,
    lastName: r.last_name,
    firstName: r.first_name,
    serviceId: r.service_id,
    siteId: r.site_id,
    jobTitle: r.job_title,
    hiredOn: r.hired_on,
    workTimePct: r.work_time_pct,
    canTelework: r.can_telework,
    travelAuthorisation: r.travel_authorisation,
    neverOnSite: r.never_on_site,
    team: r.team,
    phone: r.phone,
    email: r.email,
    skillIds: [...(facts.skills.get(r.id) ?? [])].sort(),
    equippedToTelework: isEquipped(required, held),
    missingKinds: missingKinds(required, held),
    statusToday: facts.statusToday.get(r.id) ?? null,
    archived: r.archived_at !== null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

async function viewOf(ctx: Ctx, row: repo.AgentRow): Promise<AgentView> {
  const today = await orgToday(ctx.db, ctx.user.orgId);
  return toAgentView(row, await repo.agentFacts(ctx.db, [row], today));
}

export async function listAgents(ctx: Ctx, q: AgentQuery) {
  const visibility = await visibilityOf(ctx);
  const today = await orgToday(ctx.db, ctx.user.orgId);
  const serviceIds = q.serviceId ? await serviceSubtree(ctx, q.serviceId) : undefined;
  const { items, total } = await repo.listAgents(
    ctx.db,
    ctx.user.orgId,
    visibility,
    { ...q, serviceIds },
    today,
  );
  const facts = await repo.agentFacts(ctx.db, items, today);
  return { items: items.map((r) => toAgentView(r, facts)), total };
}

export async function getAgent(ctx: Ctx, id: string): Promise<AgentView> {
  return viewOf(ctx, await agentFor(ctx, id, "read"));
}

/** References must exist in the caller's organisation; a service manager stays in their scope. */
async function checkReferences(
  ctx: Ctx,
  input: { serviceId?: string; siteId?: string | null; skillIds?: string[] },
): Promise<void> {
  const { db } = ctx;
  const orgId = ctx.user.orgId;
  if (input.serviceId !== undefined) {
    if ((await repo.countInOrg(db, "services", orgId, [input.serviceId])) !== 1) {
      throw errors.validation("Service inconnu : choisissez un service de votre organisation.", [
        { field: "serviceId", message: "service inconnu" },
      ]);
    }
    if (!canWriteOrgWide(ctx.user) && !(await inScope(ctx, input.serviceId))) {
      throw errors.forbidden("Vous ne pouvez rattacher un agent qu'à votre service ou à ses sous-services.");
    }
  }
  if (input.siteId) {
    if ((await repo.countInOrg(db, "sites", orgId, [input.siteId])) !== 1) {
      throw errors.validation("Site inconnu : choisissez un site de votre organisation.", [
        { field: "siteId", message: "site inconnu" },
      ]);
    }
  }
  if (input.skillIds && input.skillIds.length > 0) {
    if ((await repo.countInOrg(db, "skills", orgId, input.skillIds)) !== input.skillIds.length) {
      throw errors.validation("Compétence inconnue : choisissez des compétences de votre organisation.", [
        { field: "skillIds", message: "compétence inconnue" },
      ]);
    }
  }
}

const duplicateStaffNumber = (n: string) =>
  errors.conflict("staff_number_taken", `Le matricule ${n} est déjà attribué à un autre agent.`, [
    { field: "staffNumber", message: "déjà utilisé" },
  ]);

function columnsOf(input: AgentUpdate) {
  const t = (s: string | null | undefined) => (s === null || s === undefined ? s : s.trim() || null);
  return {
    ...(input.staffNumber !== undefined ? { staff_number: input.staffNumber.trim() } : {}),
    ...(input.lastName !== undefined ? { last_name: input.lastName.trim() } : {}),
    ...(input.firstName !== undefined ? { first_name: input.firstName.trim() } : {}),
    ...(input.serviceId !== undefined ? { service_id: input.serviceId } : {}),
    ...(input.siteId !== undefined ? { site_id: input.siteId } : {}),
    ...(input.jobTitle !== undefined ? { job_title: input.jobTitle.trim() } : {}),
    ...(input.hiredOn !== undefined ? { hired_on: input.hiredOn } : {}),
    ...(input.workTimePct !== undefined ? { work_time_pct: input.workTimePct } : {}),
    ...(input.canTelework !== undefined ? { can_telework: input.canTelework } : {}),
    ...(input.travelAuthorisation !== undefined ? { travel_authorisation: input.travelAuthorisation } : {}),
    ...(input.neverOnSite !== undefined ? { never_on_site: input.neverOnSite } : {}),
    ...(input.team !== undefined ? { team: t(input.team) ?? null } : {}),
    ...(input.phone !== undefined ? { phone: t(input.phone) ?? null } : {}),
    ...(input.email !== undefined ? { email: t(input.email) ?? null } : {}),
  };
}

export async function createAgent(ctx: Ctx, input: AgentCreate): Promise<AgentView> {
  await checkReferences(ctx, input);
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const cols = columnsOf(input);
      const row = await repo.insertAgent(trx, {
        id: newId(),
        org_id: ctx.user.orgId,
        ...cols,
        staff_number: input.staffNumber.trim(),
        last_name: input.lastName.trim(),
        first_name: input.firstName.trim(),
        service_id: input.serviceId,
      });
      if (input.skillIds) await repo.setAgentSkills(trx, row.id, input.skillIds);
      await writeAudit(trx, {
        orgId: ctx.user.orgId,
        userId: ctx.user.id,
        action: "create",
        entity: "agent",
        entityId: row.id,
        after: { ...cols, skillIds: input.skillIds ?? [] },
        ip: ctx.ip,
      });
      return row;
    });
    return viewOf(ctx, row);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateStaffNumber(input.staffNumber.trim());
    throw err;
  }
}

export async function updateAgent(
  ctx: Ctx,
  id: string,
  input: AgentUpdate & { archived?: boolean },
): Promise<AgentView> {
  const before = await agentFor(ctx, id, "write");
  await checkReferences(ctx, input);
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const { archived, skillIds, ...fields } = input;
      const cols = columnsOf(fields);
      const beforeSkills = skillIds
        ? (await trx.selectFrom("agent_skills").select("skill_id").where("agent_id", "=", id).execute())
            .map((s) => s.skill_id)
            .sort()
        : undefined;
      const row = await repo.updateAgent(trx, ctx.user.orgId, id, {
        ...cols,
        ...(archived !== undefined ? { archived_at: archived ? new Date() : null } : {}),
      });
      if (skillIds) await repo.setAgentSkills(trx, id, skillIds);
      const pick = (r: repo.AgentRow) =>
        Object.fromEntries(Object.keys(cols).map((k) => [k, r[k as keyof repo.AgentRow]]));
      await writeAudit(trx, {
        orgId: ctx.user.orgId,
        userId: ctx.user.id,
        action: archived === true ? "archive" : archived === false ? "restore" : "update",
        entity: "agent",
        entityId: id,
        before: {
          ...pick(before),
          ...(beforeSkills ? { skillIds: beforeSkills } : {}),
          ...(archived !== undefined ? { archived: before.archived_at !== null } : {}),
        },
        after: {
          ...pick(row),
          ...(skillIds ? { skillIds: [...skillIds].sort() } : {}),
          ...(archived !== undefined ? { archived } : {}),
        },
        ip: ctx.ip,
      });
      return row;
    });
    return viewOf(ctx, row);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateStaffNumber(input.staffNumber?.trim() ?? "");
    throw err;
  }
}
