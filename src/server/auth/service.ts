import type { Kysely } from "kysely";
import { writeAudit } from "../audit/repository.js";
import type { DB } from "../db/schema.js";
import type { CurrentUser } from "../http/access.js";
import { errors } from "../http/errors.js";
import { newToken, sha256 } from "../shared/ids.js";
import { verifyPassword } from "./password.js";
import * as repo from "./repository.js";

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

const THROTTLE_WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 30;

/** Checks the password and opens a new session (a fresh id at every sign-in). */
export async function login(
  db: Kysely<DB>,
  input: { email: string; password: string; ip: string },
  policy: SessionPolicy,
  now = new Date(),
): Promise<{ token: string; user: CurrentUser }> {
  const email = input.email.trim();
  const failures = await repo.countRecentFailures(
    db,
    email,
    input.ip,
    new Date(now.getTime() - THROTTLE_WINDOW_MS),
  );
  if (failures.byEmail >= MAX_FAILURES_PER_EMAIL || failures.byIp >= MAX_FAILURES_PER_IP) {
    throw errors.tooManyRequests(THROTTLE_WINDOW_MS / 1000);
  }
  const user = await repo.findUserByEmail(db, email);
  const ok = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !ok || user.disabled_at) {
    await repo.recordLoginAttempt(db, email, input.ip, false);
    // Same message whether the address exists or not: no account enumeration.
    throw errors.invalidCredentials();
  }
  await repo.recordLoginAttempt(db, email, input.ip, true);
  const token = newToken();
  const csrfToken = newToken();
  const sessionId = sha256(token);
  await db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, {
      id: sessionId,
      userId: user.id,
      csrfToken,
      expiresAt: new Date(now.getTime() + policy.maxHours * 3_600_000),
    });
    await writeAudit(trx, {
      orgId: user.org_id,
      userId: user.id,
      action: "login",
      entity: "session",
      ip: input.ip,
    });
  });
  return {
    token,
    user: {
      id: user.id,
      orgId: user.org_id,
      email: user.email,
      displayName: user.display_name,
      role: user.role,
      serviceId: user.service_id,
      agentId: user.agent_id,
      sessionId,
      csrfToken,
    },
  };
}

/** The user behind a session cookie, or null when absent, expired, idle too long or disabled. */
export async function resolveSession(
  db: Kysely<DB>,
  token: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<CurrentUser | null> {
  const id = sha256(token);
  const s = await repo.findSession(db, id);
  if (!s) return null;
  const idleLimit = new Date(new Date(s.lastSeenAt).getTime() + policy.idleMinutes * 60_000);
  if (s.disabledAt || new Date(s.expiresAt) <= now || idleLimit <= now) {
    await repo.deleteSession(db, id);
    return null;
  }
  // Writing last_seen_at at most once a minute keeps reads cheap.
  if (now.getTime() - new Date(s.lastSeenAt).getTime() > 60_000) await repo.touchSession(db, id, now);
  return {
    id: s.userId,
    orgId: s.orgId,
    email: s.email,
    displayName: s.displayName,
    role: s.role,
    serviceId: s.serviceId,
    agentId: s.agentId,
    sessionId: s.sessionId,
    csrfToken: s.csrfToken,
  };
}

export async function logout(db: Kysely<DB>, user: CurrentUser, ip: string | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, user.sessionId);
    await writeAudit(trx, { orgId: user.orgId, userId: user.id, action: "logout", entity: "session", ip });
  });
}
