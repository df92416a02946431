// Accounts of the organisation, managed by its admins. A role grant is a sensitive change: it is
// audited as its own action ("role_change"). Disabling an account ends its sessions at once.
import { writeAudit } from "../../audit/repository.js";
import { deleteUserSessions } from "../../auth/repository.js";
import type { UserRole } from "../../db/schema.js";
import { errors, isUniqueViolation } from "../../http/errors.js";
import type { Ctx } from "../../shared/context.js";
import { createUser as createAccount } from "../service.js";
import * as repo from "./repository.js";
import type { UserCreate, UserQuery, UserUpdate, UserView } from "./schema.js";

function toView(r: repo.UserRow): UserView {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    serviceId: r.service_id,
    service:
      r.service_id !== null && r.service_name !== null ? { id: r.service_id, name: r.service_name } : null,
    agentId: r.agent_id,
    agent:
      r.agent_id !== null && r.agent_last_name !== null
        ? { id: r.agent_id, name: `${r.agent_first_name ?? ""} ${r.agent_last_name}`.trim() }
        : null,
    disabled: r.disabled_at !== null,
    disabledAt: r.disabled_at === null ? null : new Date(r.disabled_at).toISOString(),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const requireAdmin = (ctx: Ctx) => {
  if (ctx.user.role !== "admin") throw errors.forbidden();
};

export async function listUsers(ctx: Ctx, q: UserQuery) {
  requireAdmin(ctx);
  const { items, total } = await repo.listUsers(ctx.db, ctx.user.orgId, q);
  return { items: items.map(toView), total };
}

export async function getUser(ctx: Ctx, id: string): Promise<UserView> {
  requireAdmin(ctx);
  const row = await repo.findUser(ctx.db, ctx.user.orgId, id);
  if (!row) throw errors.notFound("Compte");
  return toView(row);
}

/** The service and agent record must be of the organisation; an agent record has one account. */
async function checkLinks(
  ctx: Ctx,
  input: { serviceId?: string | null; agentId?: string | null },
  selfId?: string,
) {
  const { orgId } = ctx.user;
  if (input.serviceId && !(await repo.existsInOrg(ctx.db, "services", orgId, input.serviceId))) {
    throw errors.validation("Service inconnu ou archivé : choisissez un service actif de l'organisation.", [
      { field: "serviceId", message: "service inconnu" },
    ]);
  }
  if (input.agentId) {
    if (!(await repo.existsInOrg(ctx.db, "agents", orgId, input.agentId))) {
      throw errors.validation("Fiche agent inconnue ou archivée dans cette organisation.", [
        { field: "agentId", message: "fiche agent inconnue" },
      ]);
    }
    const holder = await repo.findUserOfAgent(ctx.db, orgId, input.agentId);
    if (holder && holder.id !== selfId) {
      throw errors.conflict(
        "agent_has_account",
        `Cette fiche agent est déjà rattachée au compte ${holder.email}.`,
        [{ field: "agentId", message: "déjà rattachée à un autre compte" }],
      );
    }
  }
}

function checkRoleLinks(role: UserRole, serviceId: string | null, agentId: string | null) {
  if (role === "service_manager" && !serviceId) {
    throw errors.validation("Un responsable de service doit être rattaché à un service.", [
      { field: "serviceId", message: "obligatoire pour ce rôle" },
    ]);
  }
  if (role === "agent" && !agentId) {
    throw errors.validation("Un compte agent doit être rattaché à une fiche agent.", [
      { field: "agentId", message: "obligatoire pour ce rôle" },
    ]);
  }
}

export async function createUser(ctx: Ctx, input: UserCreate): Promise<UserView> {
  requireAdmin(ctx);
  await checkLinks(ctx, input);
  const { id } = await createAccount(ctx.db, {
    orgId: ctx.user.orgId,
    email: input.email,
    role: input.role,
    password: input.password,
    displayName: input.displayName?.trim() || undefined,
    serviceId: input.serviceId ?? null,
    agentId: input.agentId ?? null,
    actorId: ctx.user.id,
  }).catch((err: unknown) => {
    // Two admins creating the same address at once: the unique index decides.
    if (isUniqueViolation(err))
      throw errors.conflict("user_exists", `Un compte existe déjà pour ${input.email}.`);
    throw err;
  });
  return getUser(ctx, id);
}

const lastAdmin = () =>
  errors.conflict(
    "last_admin",
    "C'est le dernier administrateur actif de l'organisation : nommez d'abord un autre administrateur.",
  );

export async function updateUser(ctx: Ctx, id: string, input: UserUpdate): Promise<UserView> {
  requireAdmin(ctx);
  const before = await getUser(ctx, id);
  await checkLinks(ctx, input, id);
  const role = input.role ?? (before.role as UserRole);
  const serviceId = input.serviceId !== undefined ? input.serviceId : before.serviceId;
  const agentId = input.agentId !== undefined ? input.agentId : before.agentId;
  checkRoleLinks(role, serviceId, agentId);
  return ctx.db.transaction().execute(async (trx) => {
    if (before.role === "admin" && role !== "admin" && !before.disabled) {
      if ((await repo.countOtherActiveAdmins(trx, ctx.user.orgId, id)) === 0) throw lastAdmin();
    }
    await repo.updateUser(trx, ctx.user.orgId, id, {
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.displayName !== undefined ? { display_name: input.displayName.trim() || before.email } : {}),
      ...(input.serviceId !== undefined ? { service_id: input.serviceId } : {}),
      ...(input.agentId !== undefined ? { agent_id: input.agentId } : {}),
    });
    const row = await repo.findUser(trx, ctx.user.orgId, id);
    if (!row) throw errors.notFound("Compte");
    const after = toView(row);
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: after.role !== before.role ? "role_change" : "update",
      entity: "user",
      entityId: id,
      before,
      after,
      ip: ctx.ip,
    });
    return after;
  });
}

export async function setDisabled(ctx: Ctx, id: string, disabled: boolean): Promise<UserView> {
  requireAdmin(ctx);
  if (disabled && id === ctx.user.id) {
    throw errors.badRequest("cannot_disable_self", "Vous ne pouvez pas désactiver votre propre compte.");
  }
  return ctx.db.transaction().execute(async (trx) => {
    const beforeRow = await repo.findUser(trx, ctx.user.orgId, id);
    if (!beforeRow) throw errors.notFound("Compte");
    const before = toView(beforeRow);
    if (disabled && before.role === "admin" && !before.disabled) {
      if ((await repo.countOtherActiveAdmins(trx, ctx.user.orgId, id)) === 0) throw lastAdmin();
    }
    if (disabled !== before.disabled) {
      await repo.updateUser(trx, ctx.user.orgId, id, { disabled_at: disabled ? new Date() : null });
    }
    // Sessions end now, not at their next expiry.
    if (disabled) await deleteUserSessions(trx, id);
    const row = await repo.findUser(trx, ctx.user.orgId, id);
    if (!row) throw errors.notFound("Compte");
    const after = toView(row);
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: disabled ? "disable" : "enable",
      entity: "user",
      entityId: id,
      before,
      after,
      ip: ctx.ip,
    });
    return after;
  });
}
