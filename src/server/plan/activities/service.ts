// Essential activities: what the organisation keeps running in a crisis, with what it needs.
// Admins and PCA managers change every activity; a service manager only those of their service
// and its sub-services; the crisis cell reads all of them; an agent reads those of their service.
import { writeAudit } from "../../audit/repository.js";
import type { ErrorDetail } from "../../http/errors.js";
import { errors } from "../../http/errors.js";
import type { Ctx } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import { serviceScope, serviceSubtree } from "../../shared/scope.js";
import { existingIds } from "../catalog/repository.js";
import * as repo from "./repository.js";
import type { ActivityCreate, ActivityQuery, ActivityUpdate, ActivityView, Mode } from "./schema.js";

const MODE_LABELS: Record<Mode, string> = {
  on_site: "sur site",
  remote: "à distance",
  mixed: "mixte",
  suspended: "suspendu",
};

/** null: every service of the organisation; otherwise the services whose activities the user sees. */
export async function activityScope(ctx: Ctx): Promise<string[] | null> {
  if (ctx.user.role === "agent") {
    if (!ctx.user.agentId) return [];
    const serviceId = await repo.agentServiceId(ctx.db, ctx.user.orgId, ctx.user.agentId);
    return serviceId ? [serviceId] : [];
  }
  return serviceScope(ctx);
}

const canWrite = (ctx: Ctx) =>
  ctx.user.role === "admin" || ctx.user.role === "pca_manager" || ctx.user.role === "service_manager";

const outOfScope = () => errors.forbidden("Cette activité relève d'un service qui n'est pas le vôtre.");

function toView(r: repo.ActivityRow, links: Awaited<ReturnType<typeof repo.loadLinks>>): ActivityView {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    serviceId: r.service_id,
    service: { id: r.service_id, name: r.service_name },
    siteId: r.site_id,
    site: r.site_id !== null && r.site_name !== null ? { id: r.site_id, name: r.site_name } : null,
    criticality: r.criticality,
    maxInterruptionHours: r.max_interruption_hours,
    minimumService: r.minimum_service,
    minOnSite: r.min_on_site,
    minRemote: r.min_remote,
    modes: r.modes,
    skills: links.skills.get(r.id) ?? [],
    applications: links.applications.get(r.id) ?? [],
    equipmentKinds: r.equipment_kinds,
    hours: r.hours,
    archived: r.archived_at !== null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

async function viewOf(ctx: Ctx, id: string): Promise<ActivityView | null> {
  const row = await repo.findActivity(ctx.db, ctx.user.orgId, id);
  if (!row) return null;
  return toView(row, await repo.loadLinks(ctx.db, [id]));
}

export async function listActivities(ctx: Ctx, q: ActivityQuery) {
  const scope = await activityScope(ctx);
  let serviceIds = scope;
  if (q.serviceId) {
    const subtree = await serviceSubtree(ctx, q.serviceId);
    serviceIds = scope === null ? subtree : subtree.filter((id) => scope.includes(id));
  }
  const { serviceId: _ignored, ...rest } = q;
  const { items, total } = await repo.listActivities(ctx.db, ctx.user.orgId, { ...rest, serviceIds });
  const links = await repo.loadLinks(
    ctx.db,
    items.map((r) => r.id),
  );
  return { items: items.map((r) => toView(r, links)), total };
}

export async function getActivity(ctx: Ctx, id: string): Promise<ActivityView> {
  const view = await viewOf(ctx, id);
  if (!view) throw errors.notFound("Activité");
  const scope = await activityScope(ctx);
  if (scope !== null && !scope.includes(view.serviceId)) throw outOfScope();
  return view;
}

const unique = <T>(xs: readonly T[] | undefined): T[] | undefined => (xs ? [...new Set(xs)] : undefined);

/** The rules that need the database (references) or several fields (headcount and modes). */
async function checkReferences(
  ctx: Ctx,
  input: { serviceId?: string; siteId?: string | null; skillIds?: string[]; applicationIds?: string[] },
  /** Links the activity already has: kept even when their skill or application was archived since. */
  current: { skillIds: string[]; applicationIds: string[] } = { skillIds: [], applicationIds: [] },
): Promise<void> {
  const { orgId } = ctx.user;
  if (input.serviceId !== undefined && !(await repo.isActive(ctx.db, "services", orgId, input.serviceId))) {
    throw errors.validation("Service inconnu ou archivé : choisissez un service actif de l'organisation.", [
      { field: "serviceId", message: "service inconnu" },
    ]);
  }
  if (input.siteId && !(await repo.isActive(ctx.db, "sites", orgId, input.siteId))) {
    throw errors.validation("Site inconnu ou archivé : choisissez un site actif de l'organisation.", [
      { field: "siteId", message: "site inconnu" },
    ]);
  }
  const details: ErrorDetail[] = [];
  for (const [field, kind, noun] of [
    ["skillIds", "skills", "Compétence"],
    ["applicationIds", "applications", "Application"],
  ] as const) {
    const ids = input[field] ?? [];
    const found = await existingIds(ctx.db, kind, orgId, ids);
    const missing = ids.filter((id) => !found.has(id) && !current[field].includes(id));
    if (missing.length > 0)
      details.push({ field, message: `${noun} inconnue ou archivée : ${missing.join(", ")}` });
  }
  if (details.length > 0) {
    const fields = details.map((d) => d.field).join(", ");
    throw errors.validation(
      `Référence inconnue dans ${fields} : utilisez des compétences et applications actives de l'organisation.`,
      details,
    );
  }
}

function checkModes(a: { modes: string[]; minOnSite: number; minRemote: number }): void {
  const details: ErrorDetail[] = [];
  const has = (...ms: Mode[]) => ms.some((m) => a.modes.includes(m));
  const modes = a.modes.map((m) => `« ${MODE_LABELS[m as Mode] ?? m} »`).join(", ");
  if (a.minOnSite > 0 && !has("on_site", "mixed")) {
    details.push({
      field: "minOnSite",
      message: `un effectif minimum sur site (${a.minOnSite}) suppose le mode « sur site » ou « mixte » (modes choisis : ${modes}) : ajoutez l'un de ces modes ou mettez l'effectif sur site à 0`,
    });
  }
  if (a.minRemote > 0 && !has("remote", "mixed")) {
    details.push({
      field: "minRemote",
      message: `un effectif minimum à distance (${a.minRemote}) suppose le mode « à distance » ou « mixte » (modes choisis : ${modes}) : ajoutez l'un de ces modes ou mettez l'effectif à distance à 0`,
    });
  }
  if (details.length > 0) {
    const first = details[0];
    throw errors.validation(`Effectif et modes incohérents : ${first.message}.`, details);
  }
}

async function checkWritableService(ctx: Ctx, serviceId: string): Promise<void> {
  const scope = await serviceScope(ctx);
  if (scope !== null && !scope.includes(serviceId)) throw outOfScope();
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed)
    throw errors.validation("Le nom de l'activité est obligatoire.", [
      { field: "name", message: "obligatoire" },
    ]);
  return trimmed;
}

export async function createActivity(ctx: Ctx, input: ActivityCreate): Promise<ActivityView> {
  if (!canWrite(ctx)) throw errors.forbidden();
  const name = checkName(input.name);
  const modes = unique(input.modes) ?? [];
  const skillIds = unique(input.skillIds) ?? [];
  const applicationIds = unique(input.applicationIds) ?? [];
  await checkReferences(ctx, { ...input, skillIds, applicationIds });
  await checkWritableService(ctx, input.serviceId);
  const minOnSite = input.minOnSite ?? 0;
  const minRemote = input.minRemote ?? 0;
  checkModes({ modes, minOnSite, minRemote });
  const id = newId();
  return ctx.db.transaction().execute(async (trx) => {
    await repo.insertActivity(trx, id, ctx.user.orgId, {
      service_id: input.serviceId,
      site_id: input.siteId ?? null,
      name,
      description: input.description?.trim() ?? "",
      criticality: input.criticality,
      max_interruption_hours: input.maxInterruptionHours,
      minimum_service: input.minimumService?.trim() ?? "",
      min_on_site: minOnSite,
      min_remote: minRemote,
      modes,
      equipment_kinds: unique(input.equipmentKinds) ?? [],
      hours: input.hours?.trim() ?? "",
    });
    await repo.replaceSkills(trx, id, skillIds);
    await repo.replaceApplications(trx, id, applicationIds);
    const view = await viewOf({ ...ctx, db: trx }, id);
    if (!view) throw errors.notFound("Activité");
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "create",
      entity: "activity",
      entityId: id,
      after: view,
      ip: ctx.ip,
    });
    return view;
  });
}

export async function updateActivity(
  ctx: Ctx,
  id: string,
  input: ActivityUpdate & { archived?: boolean },
): Promise<ActivityView> {
  if (!canWrite(ctx)) throw errors.forbidden();
  const before = await viewOf(ctx, id);
  if (!before) throw errors.notFound("Activité");
  await checkWritableService(ctx, before.serviceId);
  const name = input.name === undefined ? undefined : checkName(input.name);
  const modes = unique(input.modes);
  const skillIds = unique(input.skillIds);
  const applicationIds = unique(input.applicationIds);
  await checkReferences(
    ctx,
    {
      ...(input.serviceId !== undefined && input.serviceId !== before.serviceId
        ? { serviceId: input.serviceId }
        : {}),
      ...(input.siteId !== undefined && input.siteId !== before.siteId ? { siteId: input.siteId } : {}),
      skillIds,
      applicationIds,
    },
    { skillIds: before.skills.map((s) => s.id), applicationIds: before.applications.map((a) => a.id) },
  );
  if (input.serviceId !== undefined) await checkWritableService(ctx, input.serviceId);
  const finalServiceId = input.serviceId ?? before.serviceId;
  if (
    input.archived === false &&
    !(await repo.isActive(ctx.db, "services", ctx.user.orgId, finalServiceId))
  ) {
    throw errors.conflict(
      "service_archived",
      `Le service « ${before.service.name} » est archivé : restaurez-le d'abord, ou rattachez l'activité à un autre service.`,
    );
  }
  const minOnSite = input.minOnSite ?? before.minOnSite;
  const minRemote = input.minRemote ?? before.minRemote;
  checkModes({ modes: modes ?? before.modes, minOnSite, minRemote });
  return ctx.db.transaction().execute(async (trx) => {
    await repo.updateActivity(trx, ctx.user.orgId, id, {
      ...(input.serviceId !== undefined ? { service_id: input.serviceId } : {}),
      ...(input.siteId !== undefined ? { site_id: input.siteId } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(input.description !== undefined ? { description: input.description.trim() } : {}),
      ...(input.criticality !== undefined ? { criticality: input.criticality } : {}),
      ...(input.maxInterruptionHours !== undefined
        ? { max_interruption_hours: input.maxInterruptionHours }
        : {}),
      ...(input.minimumService !== undefined ? { minimum_service: input.minimumService.trim() } : {}),
      ...(input.minOnSite !== undefined ? { min_on_site: input.minOnSite } : {}),
      ...(input.minRemote !== undefined ? { min_remote: input.minRemote } : {}),
      ...(modes !== undefined ? { modes } : {}),
      ...(input.equipmentKinds !== undefined ? { equipment_kinds: unique(input.equipmentKinds) } : {}),
      ...(input.hours !== undefined ? { hours: input.hours.trim() } : {}),
      ...(input.archived !== undefined ? { archived_at: input.archived ? new Date() : null } : {}),
    });
    if (skillIds !== undefined) await repo.replaceSkills(trx, id, skillIds);
    if (applicationIds !== undefined) await repo.replaceApplications(trx, id, applicationIds);
    const after = await viewOf({ ...ctx, db: trx }, id);
    if (!after) throw errors.notFound("Activité");
    const action = input.archived === true ? "archive" : input.archived === false ? "restore" : "update";
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action,
      entity: "activity",
      entityId: id,
      before,
      after,
      ip: ctx.ip,
    });
    return after;
  });
}
