// Services: the organisation's directions and services, as a tree. Plan editors change them;
// everyone signed in reads them (the names are needed to pick a service anywhere in the app).
import { writeAudit } from "../../audit/repository.js";
import { errors, isUniqueViolation } from "../../http/errors.js";
import type { Ctx } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import { canWriteOrgWide } from "../../shared/scope.js";
import { foldText } from "../search.js";
import { isFrenchPhone } from "./phone.js";
import * as repo from "./repository.js";
import type { ServiceCreate, ServiceQuery, ServiceUpdate, ServiceView } from "./schema.js";

/** Views of every service with its path in the tree, in tree order (parents before children). */
export function buildTree(rows: repo.ServiceRow[]): ServiceView[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const children = new Map<string | null, repo.ServiceRow[]>();
  for (const r of rows) {
    const parent = r.parent_id !== null && byId.has(r.parent_id) ? r.parent_id : null;
    const list = children.get(parent) ?? [];
    list.push(r);
    children.set(parent, list);
  }
  const out: ServiceView[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, path: string[]) => {
    const list = (children.get(parent) ?? []).sort(
      (a, b) => foldText(a.name).localeCompare(foldText(b.name)) || a.id.localeCompare(b.id),
    );
    for (const r of list) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      const view = toServiceView(r, path, parent === null ? null : (byId.get(parent)?.name ?? null));
      out.push(view);
      walk(r.id, view.path);
    }
  };
  walk(null, []);
  return out;
}

function toServiceView(r: repo.ServiceRow, parentPath: string[], parentName: string | null): ServiceView {
  return {
    id: r.id,
    name: r.name,
    parentId: r.parent_id,
    parentName,
    depth: parentPath.length,
    path: [...parentPath, r.name],
    mailbox: r.mailbox,
    phone: r.phone,
    archived: r.archived_at !== null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function listServices(ctx: Ctx, q: ServiceQuery) {
  const rows = await repo.listAllServices(ctx.db, ctx.user.orgId);
  const created = new Map(rows.map((r) => [r.id, new Date(r.created_at).getTime()]));
  let items = buildTree(rows).filter((s) => s.archived === (q.archived ?? false));
  if (q.parentId) items = items.filter((s) => s.parentId === q.parentId);
  if (q.q) {
    const term = foldText(q.q.trim());
    items = items.filter((s) => foldText(s.name).includes(term) || foldText(s.mailbox ?? "").includes(term));
  }
  const sort = q.tree ? "tree" : (q.sort ?? "tree");
  if (sort === "name") {
    items.sort((a, b) => foldText(a.name).localeCompare(foldText(b.name)) || a.id.localeCompare(b.id));
  } else if (sort === "createdAt") {
    items.sort((a, b) => (created.get(a.id) ?? 0) - (created.get(b.id) ?? 0) || a.id.localeCompare(b.id));
  }
  if (q.order === "desc") items.reverse();
  const offset = q.offset ?? 0;
  return { items: items.slice(offset, offset + (q.limit ?? 50)), total: items.length };
}

export async function getService(ctx: Ctx, id: string): Promise<ServiceView> {
  const rows = await repo.listAllServices(ctx.db, ctx.user.orgId);
  const view = buildTree(rows).find((s) => s.id === id);
  if (!view) throw errors.notFound("Service");
  return view;
}

const duplicateName = (name: string) =>
  errors.conflict("service_name_taken", `Un service nommé « ${name} » existe déjà.`, [
    { field: "name", message: "déjà utilisé" },
  ]);

function cleanContact(input: { mailbox?: string | null; phone?: string | null }) {
  const out: { mailbox?: string | null; phone?: string | null } = {};
  if (input.mailbox !== undefined) out.mailbox = input.mailbox?.trim().toLowerCase() || null;
  if (input.phone !== undefined) {
    const phone = input.phone?.trim() || null;
    if (phone !== null && !isFrenchPhone(phone)) {
      throw errors.validation(
        `Numéro de téléphone non reconnu : « ${phone} ». Exemples : 05 61 00 00 00, +33 5 61 00 00 00, +687 27 50 50.`,
        [{ field: "phone", message: "numéro de téléphone français attendu" }],
      );
    }
    out.phone = phone;
  }
  return out;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed)
    throw errors.validation("Le nom du service est obligatoire.", [
      { field: "name", message: "obligatoire" },
    ]);
  return trimmed;
}

async function checkParent(ctx: Ctx, parentId: string, selfId: string | null) {
  const rows = await repo.listAllServices(ctx.db, ctx.user.orgId);
  const parent = rows.find((r) => r.id === parentId);
  if (!parent || parent.archived_at !== null) {
    throw errors.validation("Service parent inconnu ou archivé.", [
      { field: "parentId", message: "service parent inconnu" },
    ]);
  }
  if (selfId === null) return;
  // Walking up from the new parent must never meet the service itself.
  const byId = new Map(rows.map((r) => [r.id, r]));
  let cursor: repo.ServiceRow | undefined = parent;
  for (let guard = 0; cursor && guard <= rows.length; guard++) {
    if (cursor.id === selfId) {
      throw errors.validation(
        "Un service ne peut pas être rattaché à lui-même ni à l'un de ses sous-services.",
        [{ field: "parentId", message: "créerait une boucle dans l'arborescence" }],
      );
    }
    cursor = cursor.parent_id === null ? undefined : byId.get(cursor.parent_id);
  }
}

export async function createService(ctx: Ctx, input: ServiceCreate): Promise<ServiceView> {
  if (!canWriteOrgWide(ctx.user)) throw errors.forbidden();
  const name = checkName(input.name);
  const contact = cleanContact(input);
  if (input.parentId) await checkParent(ctx, input.parentId, null);
  try {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const row = await repo.insertService(trx, {
        id: newId(),
        orgId: ctx.user.orgId,
        name,
        parentId: input.parentId ?? null,
        mailbox: contact.mailbox ?? null,
        phone: contact.phone ?? null,
      });
      await writeAudit(trx, {
        orgId: ctx.user.orgId,
        userId: ctx.user.id,
        action: "create",
        entity: "service",
        entityId: row.id,
        after: auditView(row),
        ip: ctx.ip,
      });
      return row.id;
    });
    return await getService(ctx, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(name);
    throw err;
  }
}

function auditView(r: repo.ServiceRow) {
  return {
    name: r.name,
    parentId: r.parent_id,
    mailbox: r.mailbox,
    phone: r.phone,
    archived: r.archived_at !== null,
  };
}

export async function updateService(
  ctx: Ctx,
  id: string,
  input: ServiceUpdate & { archived?: boolean },
): Promise<ServiceView> {
  if (!canWriteOrgWide(ctx.user)) throw errors.forbidden();
  const name = input.name === undefined ? undefined : checkName(input.name);
  const contact = cleanContact(input);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const before = await repo.findService(trx, ctx.user.orgId, id);
      if (!before) throw errors.notFound("Service");
      if (input.parentId) {
        // Two moves at once could otherwise close a loop: the tree is locked while one is checked.
        await repo.lockServices(trx, ctx.user.orgId);
        await checkParent({ ...ctx, db: trx }, input.parentId, id);
      }
      if (input.archived === true && before.archived_at === null) {
        const dependants = await repo.countActiveDependants(trx, ctx.user.orgId, id);
        if (dependants.children > 0 || dependants.activities > 0) {
          throw errors.conflict(
            "service_in_use",
            `Le service « ${before.name} » a encore ${dependants.children} sous-service(s) et ${dependants.activities} activité(s) actifs : archivez-les ou rattachez-les ailleurs d'abord.`,
          );
        }
      }
      const parentId = input.parentId !== undefined ? input.parentId : before.parent_id;
      if (input.archived === false && parentId !== null) {
        const parent = await repo.findService(trx, ctx.user.orgId, parentId);
        if (parent?.archived_at) {
          throw errors.conflict(
            "parent_archived",
            `Le service parent « ${parent.name} » est archivé : restaurez-le d'abord.`,
          );
        }
      }
      const row = await repo.updateService(trx, ctx.user.orgId, id, {
        ...(name !== undefined ? { name } : {}),
        ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
        ...contact,
        ...(input.archived !== undefined ? { archived_at: input.archived ? new Date() : null } : {}),
      });
      const action = input.archived === true ? "archive" : input.archived === false ? "restore" : "update";
      await writeAudit(trx, {
        orgId: ctx.user.orgId,
        userId: ctx.user.id,
        action,
        entity: "service",
        entityId: id,
        before: auditView(before),
        after: auditView(row),
        ip: ctx.ip,
      });
    });
    return await getService(ctx, id);
  } catch (err) {
    if (isUniqueViolation(err)) {
      const current = await repo.findService(ctx.db, ctx.user.orgId, id);
      throw duplicateName(name ?? current?.name ?? "");
    }
    throw err;
  }
}
