// Organisations and accounts: creation from the CLI (real installs) and by admins.
import type { Kysely } from "kysely";
import { writeAudit } from "../audit/repository.js";
import { hashPassword, passwordProblem } from "../auth/password.js";
import { findUserByEmail, insertUser } from "../auth/repository.js";
import { type DB, USER_ROLES, type UserRole } from "../db/schema.js";
import { errors } from "../http/errors.js";
import type { Ctx } from "../shared/context.js";
import { newId } from "../shared/ids.js";
import * as repo from "./repository.js";

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("fr-FR", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function slugify(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
}

export const ORG_TYPES = [
  "housing_office",
  "region",
  "departement",
  "commune",
  "benefits_fund",
  "state",
  "agency",
  "other",
] as const;

const badTimezone = (tz: string) =>
  errors.validation(`Fuseau horaire inconnu : ${tz} (exemple : Europe/Paris, Pacific/Noumea).`, [
    { field: "timezone", message: "fuseau horaire IANA attendu" },
  ]);

/** The signed-in user's organisation. */
export async function getOrg(ctx: Ctx) {
  const org = await repo.findOrg(ctx.db, ctx.user.orgId);
  if (!org) throw errors.notFound("Organisation");
  return org;
}

/** Admins rename their organisation, change its type or its time zone ("today" follows it). */
export async function updateOrg(ctx: Ctx, input: { name?: string; type?: string; timezone?: string }) {
  if (ctx.user.role !== "admin") throw errors.forbidden();
  const name = input.name?.trim();
  if (name === "")
    throw errors.validation("Le nom de l'organisation est obligatoire.", [
      { field: "name", message: "obligatoire" },
    ]);
  const timezone = input.timezone?.trim();
  // Intl accepts some legacy aliases and offsets; an IANA zone has the Area/City shape (or is UTC).
  if (
    timezone !== undefined &&
    (!isValidTimezone(timezone) || !/^([A-Za-z_]+\/[A-Za-z0-9_+\-/]+|UTC)$/.test(timezone))
  )
    throw badTimezone(timezone);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findOrg(trx, ctx.user.orgId);
    if (!before) throw errors.notFound("Organisation");
    await repo.updateOrg(trx, ctx.user.orgId, {
      ...(name !== undefined ? { name } : {}),
      ...(input.type !== undefined ? { type: input.type } : {}),
      ...(timezone !== undefined ? { timezone } : {}),
    });
    const after = await repo.findOrg(trx, ctx.user.orgId);
    if (!after) throw errors.notFound("Organisation");
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "update",
      entity: "org",
      entityId: ctx.user.orgId,
      before,
      after,
      ip: ctx.ip,
    });
    return after;
  });
}

export async function createOrg(
  db: Kysely<DB>,
  input: { name: string; type: string; timezone: string; slug?: string },
): Promise<{ id: string; slug: string }> {
  const name = input.name.trim();
  if (!name)
    throw errors.validation("Le nom de l'organisation est obligatoire.", [
      { field: "name", message: "obligatoire" },
    ]);
  if (!isValidTimezone(input.timezone)) {
    throw badTimezone(input.timezone);
  }
  const slug = input.slug ?? slugify(name);
  const exists = await db.selectFrom("orgs").select("id").where("slug", "=", slug).executeTakeFirst();
  if (exists) throw errors.conflict("org_exists", `Une organisation « ${slug} » existe déjà.`);
  const id = newId();
  await db
    .insertInto("orgs")
    .values({ id, slug, name, type: input.type, timezone: input.timezone })
    .execute();
  return { id, slug };
}

export async function createUser(
  db: Kysely<DB>,
  input: {
    orgId: string;
    email: string;
    role: string;
    password: string;
    displayName?: string;
    serviceId?: string | null;
    agentId?: string | null;
    actorId?: string | null;
  },
): Promise<{ id: string }> {
  const email = input.email.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw errors.validation(`Adresse e-mail invalide : ${email}`, [
      { field: "email", message: "adresse e-mail invalide" },
    ]);
  }
  if (!(USER_ROLES as readonly string[]).includes(input.role)) {
    throw errors.validation(`Rôle inconnu : ${input.role} (${USER_ROLES.join(", ")}).`, [
      { field: "role", message: "rôle inconnu" },
    ]);
  }
  const role = input.role as UserRole;
  if (role === "service_manager" && !input.serviceId) {
    throw errors.validation("Un responsable de service doit être rattaché à un service.", [
      { field: "serviceId", message: "obligatoire pour ce rôle" },
    ]);
  }
  if (role === "agent" && !input.agentId) {
    throw errors.validation("Un compte agent doit être rattaché à une fiche agent.", [
      { field: "agentId", message: "obligatoire pour ce rôle" },
    ]);
  }
  const problem = passwordProblem(input.password);
  if (problem) throw errors.validation(problem, [{ field: "password", message: problem }]);
  if (await findUserByEmail(db, email))
    throw errors.conflict("user_exists", `Un compte existe déjà pour ${email}.`);
  const id = newId();
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await insertUser(trx, {
      id,
      orgId: input.orgId,
      email,
      displayName: input.displayName ?? email,
      role,
      serviceId: input.serviceId ?? null,
      agentId: input.agentId ?? null,
      passwordHash,
    });
    await writeAudit(trx, {
      orgId: input.orgId,
      userId: input.actorId ?? null,
      action: "create",
      entity: "user",
      entityId: id,
      after: { email, role, serviceId: input.serviceId ?? null, agentId: input.agentId ?? null },
    });
  });
  return { id };
}
