// Skills and applications needed by essential activities. Plan editors change them; everyone
// signed in reads them. A name is unique in the organisation, whatever the case.
import { writeAudit } from "../../audit/repository.js";
import { errors, isUniqueViolation } from "../../http/errors.js";
import type { Ctx } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import { canWriteOrgWide } from "../../shared/scope.js";
import * as repo from "./repository.js";
import type { ApplicationView, CatalogInput, CatalogKind, CatalogQuery, SkillView } from "./schema.js";

type View = SkillView | ApplicationView;

const LABELS: Record<CatalogKind, { entity: string; noun: string; named: (n: string) => string }> = {
  skills: {
    entity: "skill",
    noun: "Compétence",
    named: (n) => `Une compétence nommée « ${n} » existe déjà.`,
  },
  applications: {
    entity: "application",
    noun: "Application",
    named: (n) => `Une application nommée « ${n} » existe déjà.`,
  },
};

function toView(kind: CatalogKind, r: repo.CatalogRow): View {
  const common = {
    id: r.id,
    name: r.name,
    archived: r.archived_at !== null,
    createdAt: new Date(r.created_at).toISOString(),
  };
  return kind === "applications" ? { ...common, description: r.description } : common;
}

export async function listItems(ctx: Ctx, kind: CatalogKind, q: CatalogQuery) {
  const { items, total } = await repo.listItems(ctx.db, kind, ctx.user.orgId, q);
  return { items: items.map((r) => toView(kind, r)), total };
}

export async function getItem(ctx: Ctx, kind: CatalogKind, id: string): Promise<View> {
  const row = await repo.findItem(ctx.db, kind, ctx.user.orgId, id);
  if (!row) throw errors.notFound(LABELS[kind].noun);
  return toView(kind, row);
}

function checkName(kind: CatalogKind, name: string): string {
  const trimmed = name.trim();
  if (!trimmed)
    throw errors.validation(`Le nom est obligatoire (${LABELS[kind].noun.toLowerCase()}).`, [
      { field: "name", message: "obligatoire" },
    ]);
  return trimmed;
}

const duplicate = (kind: CatalogKind, name: string) =>
  errors.conflict(`${LABELS[kind].entity}_name_taken`, LABELS[kind].named(name), [
    { field: "name", message: "déjà utilisé" },
  ]);

export async function createItem(ctx: Ctx, kind: CatalogKind, input: CatalogInput): Promise<View> {
  if (!canWriteOrgWide(ctx.user)) throw errors.forbidden();
  const name = checkName(kind, input.name ?? "");
  const id = newId();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      await repo.insertItem(trx, kind, {
        id,
        orgId: ctx.user.orgId,
        name,
        description: input.description?.trim() ?? "",
      });
      const row = await repo.findItem(trx, kind, ctx.user.orgId, id);
      if (!row) throw errors.notFound(LABELS[kind].noun);
      const view = toView(kind, row);
      await writeAudit(trx, {
        orgId: ctx.user.orgId,
        userId: ctx.user.id,
        action: "create",
        entity: LABELS[kind].entity,
        entityId: id,
        after: view,
        ip: ctx.ip,
      });
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(kind, name);
    throw err;
  }
}

export async function updateItem(
  ctx: Ctx,
  kind: CatalogKind,
  id: string,
  input: CatalogInput & { archived?: boolean },
): Promise<View> {
  if (!canWriteOrgWide(ctx.user)) throw errors.forbidden();
  const name = input.name === undefined ? undefined : checkName(kind, input.name);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const before = await repo.findItem(trx, kind, ctx.user.orgId, id);
      if (!before) throw errors.notFound(LABELS[kind].noun);
      await repo.updateItem(trx, kind, ctx.user.orgId, id, {
        ...(name !== undefined ? { name } : {}),
        ...(input.description !== undefined ? { description: input.description.trim() } : {}),
        ...(input.archived !== undefined ? { archived_at: input.archived ? new Date() : null } : {}),
      });
      const row = await repo.findItem(trx, kind, ctx.user.orgId, id);
      if (!row) throw errors.notFound(LABELS[kind].noun);
      const view = toView(kind, row);
      const action = input.archived === true ? "archive" : input.archived === false ? "restore" : "update";
      await writeAudit(trx, {
        orgId: ctx.user.orgId,
        userId: ctx.user.id,
        action,
        entity: LABELS[kind].entity,
        entityId: id,
        before: toView(kind, before),
        after: view,
        ip: ctx.ip,
      });
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(kind, name ?? "");
    throw err;
  }
}
