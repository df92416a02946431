import type { Kysely } from "kysely";
import type { DB, UserRole } from "../db/schema.js";

export async function findUserByEmail(db: Kysely<DB>, email: string) {
  return db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .executeTakeFirst();
}

export async function insertUser(
  db: Kysely<DB>,
  user: {
    id: string;
    orgId: string;
    email: string;
    displayName: string;
    role: UserRole;
    serviceId: string | null;
    agentId: string | null;
    passwordHash: string;
  },
) {
  await db
    .insertInto("users")
    .values({
      id: user.id,
      org_id: user.orgId,
      email: user.email,
      display_name: user.displayName,
      role: user.role,
      service_id: user.serviceId,
      agent_id: user.agentId,
      password_hash: user.passwordHash,
    })
    .execute();
}

export async function insertSession(
  db: Kysely<DB>,
  s: { id: string; userId: string; csrfToken: string; expiresAt: Date },
) {
  await db
    .insertInto("sessions")
    .values({ id: s.id, user_id: s.userId, csrf_token: s.csrfToken, expires_at: s.expiresAt })
    .execute();
}

export async function findSession(db: Kysely<DB>, id: string) {
  return db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "s.id as sessionId",
      "s.csrf_token as csrfToken",
      "s.last_seen_at as lastSeenAt",
      "s.expires_at as expiresAt",
      "u.id as userId",
      "u.org_id as orgId",
      "u.email",
      "u.display_name as displayName",
      "u.role",
      "u.service_id as serviceId",
      "u.agent_id as agentId",
      "u.disabled_at as disabledAt",
    ])
    .where("s.id", "=", id)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, id: string, at: Date) {
  await db.updateTable("sessions").set({ last_seen_at: at }).where("id", "=", id).execute();
}

export async function deleteSession(db: Kysely<DB>, id: string) {
  await db.deleteFrom("sessions").where("id", "=", id).execute();
}

export async function deleteUserSessions(db: Kysely<DB>, userId: string) {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export async function recordLoginAttempt(db: Kysely<DB>, email: string, ip: string, success: boolean) {
  await db.insertInto("login_attempts").values({ email: email.toLowerCase(), ip, success }).execute();
}

export async function countRecentFailures(db: Kysely<DB>, email: string, ip: string, since: Date) {
  const row = await db
    .selectFrom("login_attempts")
    .select((eb) => [
      eb.fn
        .countAll<number>()
        .filterWhere((w) => w.and([w("email", "=", email.toLowerCase()), w("success", "=", false)]))
        .as("byEmail"),
      eb.fn
        .countAll<number>()
        .filterWhere((w) => w.and([w("ip", "=", ip), w("success", "=", false)]))
        .as("byIp"),
    ])
    .where("at", ">=", since)
    .where((w) => w.or([w("email", "=", email.toLowerCase()), w("ip", "=", ip)]))
    .executeTakeFirstOrThrow();
  return { byEmail: Number(row.byEmail), byIp: Number(row.byIp) };
}
