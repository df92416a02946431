// Organisations and accounts: creation from the CLI (real installs) and by admins.
import type { Kysely } from "kysely";
import { writeAudit } from "../audit/repository.js";
import { hashPassword, passwordProblem } from "../auth/password.js";
import { findUserByEmail, insertUser } from "../auth/repository.js";
import { type DB, USER_ROLES, type UserRole } from "../db/schema.js";
import { errors } from "../http/errors.js";
import { newId } from "../shared/ids.js";

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
    throw errors.validation(
      `Fuseau horaire inconnu : ${input.timezone} (exemple : Europe/Paris, Pacific/Noumea).`,
      [{ field: "timezone", message: "fuseau horaire IANA attendu" }],
    );
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
