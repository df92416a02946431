import { Type } from "@sinclair/typebox";
import { errors } from "../http/errors.js";
import { Body, errorResponses } from "../http/schemas.js";
import type { App } from "../http/types.js";
import { login, logout } from "./service.js";

export const SESSION_COOKIE = "relais_session";

const UserView = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  serviceId: Type.Union([Type.String(), Type.Null()]),
  agentId: Type.Union([Type.String(), Type.Null()]),
});
const SessionView = Type.Object({ user: UserView, csrfToken: Type.String() });

export default async function authRoutes(app: App) {
  const { config } = app.deps;
  const policy = { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours };

  app.post(
    "/api/auth/login",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Se connecter",
        body: Body({
          email: Type.String({ minLength: 3, maxLength: 254 }),
          password: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 200: SessionView, ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const { token, user } = await login(
        app.deps.database.db,
        { email: request.body.email, password: request.body.password, ip: request.ip },
        policy,
      );
      reply.setCookie(SESSION_COOKIE, token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: config.secureCookies || request.protocol === "https",
        maxAge: config.sessionMaxHours * 3600,
      });
      return { user: publicUser(user), csrfToken: user.csrfToken };
    },
  );

  app.get(
    "/api/auth/me",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Session en cours",
        response: { 200: SessionView, 401: errorResponses[401] },
      },
    },
    async (request) => {
      if (!request.user) throw errors.unauthenticated();
      return { user: publicUser(request.user), csrfToken: request.user.csrfToken };
    },
  );

  app.post(
    "/api/auth/logout",
    { config: { access: "authenticated" }, schema: { tags: ["auth"], summary: "Se déconnecter" } },
    async (request, reply) => {
      if (request.user) await logout(app.deps.database.db, request.user, request.ip);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send();
    },
  );
}

function publicUser(u: {
  id: string;
  orgId: string;
  email: string;
  displayName: string;
  role: string;
  serviceId: string | null;
  agentId: string | null;
}) {
  return {
    id: u.id,
    orgId: u.orgId,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    serviceId: u.serviceId,
    agentId: u.agentId,
  };
}
