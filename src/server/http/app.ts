// Builds the Fastify application: plugins, the access check, the error handler and every
// capability's routes. Used by main.ts (real server) and by the tests (inject()).
import { existsSync } from "node:fs";
import { join } from "node:path";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyError, type FastifyRequest } from "fastify";
import { writeAudit } from "../audit/repository.js";
import { SESSION_COOKIE } from "../auth/routes.js";
import { resolveSession } from "../auth/service.js";
import type { Config } from "../config.js";
import type { Database } from "../db/database.js";
import { pendingMigrations } from "../db/migrate.js";
import { type Access, isAllowed } from "./access.js";
import { AppError, errors, isDatabaseUnavailable } from "./errors.js";
import { lazySerializerCompiler, lazyValidatorCompiler } from "./lazy-compilers.js";
import { loadRouteModules } from "./route-modules.js";
import type { App, RegisteredRoute } from "./types.js";
import { describeValidationErrors } from "./validation-messages.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function buildApp(deps: { database: Database; config: Config }): Promise<App> {
  const { config } = deps;
  const app = Fastify({
    logger: config.logLevel === "silent" ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: true,
    onProtoPoisoning: "error",
    onConstructorPoisoning: "error",
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: "array", useDefaults: true, allErrors: false },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(lazyValidatorCompiler());
  app.setSerializerCompiler(lazySerializerCompiler());
  app.decorate("deps", deps);
  app.decorate("routeList", [] as RegisteredRoute[]);
  app.decorateRequest("user", null);

  // Deny by default: an /api route without an access declaration is a programming error.
  app.addHook("onRoute", (route) => {
    const access = (route.config as { access?: Access } | undefined)?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const bodySchema = (route.schema as { body?: unknown } | undefined)?.body;
    for (const method of methods) app.routeList.push({ method, url: route.url, access, bodySchema });
    if (!route.url.startsWith("/api/") || route.url.startsWith("/api/docs")) return;
    if (access === undefined) throw new Error(`Route ${route.method} ${route.url} has no access declaration`);
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.importLimitBytes, files: 5, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Relais API",
        version: "0.1.0",
        description: "API de Relais (plan de continuité d'activité)",
      },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

  app.addHook("onRequest", async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.user = await resolveSession(deps.database.db, token, {
        idleMinutes: config.sessionIdleMinutes,
        maxHours: config.sessionMaxHours,
      });
    }
    const access = request.routeOptions.config.access;
    if (access === undefined) return; // non-API routes (static files, docs)
    if (!isAllowed(access, request.user)) {
      if (!request.user) throw errors.unauthenticated();
      throw errors.forbidden();
    }
    // CSRF: state-changing calls of a signed-in session must echo the session's token.
    if (request.user && !SAFE_METHODS.has(request.method) && request.url !== "/api/auth/login") {
      if (request.headers["x-csrf-token"] !== request.user.csrfToken) throw errors.csrf();
    }
  });

  app.setErrorHandler(async (error: FastifyError | AppError | Error, request, reply) => {
    const send = (status: number, code: string, message: string, details: unknown[] = []) =>
      reply.code(status).send({ error: { code, message, details } });
    if (error instanceof AppError) {
      if (error.status === 403) await denyAndTrace(request, error.code).catch(() => undefined);
      for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
      return send(error.status, error.code, error.message, error.details);
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      const { message, details } = describeValidationErrors(fe.validation, fe.validationContext ?? "body");
      return send(400, "validation_failed", message, details);
    }
    if (fe.code === "FST_ERR_CTP_BODY_TOO_LARGE" || fe.code === "FST_REQ_FILE_TOO_LARGE") {
      return send(413, "payload_too_large", "Le contenu envoyé est trop volumineux.");
    }
    if (fe.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      return send(415, "unsupported_media_type", "Type de contenu non pris en charge : envoyez du JSON.");
    }
    if (fe.statusCode === 400 || fe instanceof SyntaxError || fe.code?.startsWith("FST_ERR_CTP")) {
      return send(400, "invalid_body", "Le corps de la requête n'est pas un JSON valide.");
    }
    if (isDatabaseUnavailable(error)) {
      reply.header("retry-after", "5");
      return send(
        503,
        "unavailable",
        "Base de données momentanément indisponible, réessayez dans un instant.",
      );
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(fe.statusCode, "bad_request", "Requête invalide.");
    }
    request.log.error({ err: error }, "unhandled error");
    return send(500, "internal_error", "Erreur interne. L'incident a été enregistré.");
  });

  app.get("/healthz", { config: { access: "public" } }, async () => ({ status: "ok" }));
  app.get("/readyz", { config: { access: "public" } }, async (_request, reply) => {
    try {
      const pending = await pendingMigrations(deps.database);
      if (pending.length > 0) return reply.code(503).send({ status: "migrating", pending });
      return { status: "ready", database: deps.database.kind };
    } catch {
      return reply.code(503).send({ status: "database_unreachable" });
    }
  });

  for (const mod of await loadRouteModules()) await app.register(mod.plugin);

  const hasWeb = existsSync(join(config.webDist, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: config.webDist, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.method === "GET" && hasWeb && !request.url.startsWith("/api/")) {
      return reply.type("text/html").sendFile("index.html");
    }
    return reply
      .code(404)
      .send({ error: { code: "not_found", message: "Adresse introuvable.", details: [] } });
  });

  return app;
}

/** Every 403 leaves a trace in the audit log: who tried what. */
async function denyAndTrace(request: FastifyRequest, reason: string): Promise<void> {
  const user = request.user;
  if (!user) return;
  await writeAudit(request.server.deps.database.db, {
    orgId: user.orgId,
    userId: user.id,
    action: "access_denied",
    entity: "route",
    entityId: `${request.method} ${request.routeOptions.url ?? request.url}`,
    after: { reason },
    ip: request.ip,
  });
}
