// Deny by default: every /api route declares who may call it in `config.access`; a route without
// a declaration refuses to register. Public routes are on the written list below (tested).
import type { UserRole } from "../db/schema.js";

export type Access = "public" | "authenticated" | readonly UserRole[];

/** The only routes anyone may call without signing in. */
export const PUBLIC_ROUTES: readonly string[] = [
  "GET /healthz",
  "GET /readyz",
  "POST /api/auth/login",
  "GET /api/auth/me",
  // Requests from the public: the form, and the private follow-up link (secret 256-bit token).
  "POST /api/public/requests",
  "GET /api/public/requests/:token",
  "POST /api/public/requests/:token/messages",
  // Read by machines with a secret token (phone system, calendar applications).
  "GET /api/public/oncall/:token/followme",
  "GET /api/public/oncall/:token/calendar.ics",
  "GET /api/public/calendar/:file",
];

export const ALL_ROLES: readonly UserRole[] = [
  "admin",
  "pca_manager",
  "crisis_cell",
  "service_manager",
  "agent",
];
export const MANAGERS: readonly UserRole[] = ["admin", "pca_manager", "service_manager"];
export const PLAN_EDITORS: readonly UserRole[] = ["admin", "pca_manager"];
export const ORG_WIDE_READERS: readonly UserRole[] = ["admin", "pca_manager", "crisis_cell"];

export interface CurrentUser {
  id: string;
  orgId: string;
  email: string;
  displayName: string;
  role: UserRole;
  serviceId: string | null;
  agentId: string | null;
  sessionId: string;
  csrfToken: string;
}

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user: CurrentUser | null;
  }
}

export function isAllowed(access: Access, user: CurrentUser | null): boolean {
  if (access === "public") return true;
  if (!user) return false;
  if (access === "authenticated") return true;
  return access.includes(user.role);
}
