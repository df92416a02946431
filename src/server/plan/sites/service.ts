// Sites: buildings with a safe on-site capacity. Plan editors change them; everyone signed in reads.
import { writeAudit } from "../../audit/repository.js";
import { errors, isUniqueViolation } from "../../http/errors.js";
import type { Ctx } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import { canWriteOrgWide } from "../../shared/scope.js";
import * as repo from "./repository.js";
import type { SiteCreate, SiteQuery, SiteUpdate, SiteView } from "./schema.js";

export function toSiteView(r: repo.SiteRow): SiteView {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    capacity: r.capacity,
    archived: r.archived_at !== null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function listSites(ctx: Ctx, q: SiteQuery) {
  const { items, total } = await repo.listSites(ctx.db, ctx.user.orgId, q);
  return { items: items.map(toSiteView), total };
}

export async function getSite(ctx: Ctx, id: string): Promise<SiteView> {
  const row = await repo.findSite(ctx.db, ctx.user.orgId, id);
  if (!row) throw errors.notFound("Site");
  return toSiteView(row);
}

const duplicateName = (name: string) =>
  errors.conflict("site_name_taken", `Un site nommé « ${name} » existe déjà.`, [
    { field: "name", message: "déjà utilisé" },
  ]);

export async function createSite(ctx: Ctx, input: SiteCreate): Promise<SiteView> {
  if (!canWriteOrgWide(ctx.user)) throw errors.forbidden();
  const name = input.name.trim();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await repo.insertSite(trx, {
        id: newId(),
        orgId: ctx.user.orgId,
        name,
        address: input.address?.trim() ?? "",
        capacity: input.capacity,
      });
      const view = toSiteView(row);
      await writeAudit(trx, {
        orgId: ctx.user.orgId,
        userId: ctx.user.id,
        action: "create",
        entity: "site",
        entityId: row.id,
        after: view,
        ip: ctx.ip,
      });
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(name);
    throw err;
  }
}

export async function updateSite(
  ctx: Ctx,
  id: string,
  input: SiteUpdate & { archived?: boolean },
): Promise<SiteView> {
  if (!canWriteOrgWide(ctx.user)) throw errors.forbidden();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const before = await repo.findSite(trx, ctx.user.orgId, id);
      if (!before) throw errors.notFound("Site");
      const row = await repo.updateSite(trx, ctx.user.orgId, id, {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.address !== undefined ? { address: input.address.trim() } : {}),
        ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
        ...(input.archived !== undefined ? { archived_at: input.archived ? new Date() : null } : {}),
      });
      const view = toSiteView(row);
      const action = input.archived === true ? "archive" : input.archived === false ? "restore" : "update";
      await writeAudit(trx, {
        orgId: ctx.user.orgId,
        userId: ctx.user.id,
        action,
        entity: "site",
        entityId: id,
        before: toSiteView(before),
        after: view,
        ip: ctx.ip,
      });
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(input.name ?? "");
    throw err;
  }
}
