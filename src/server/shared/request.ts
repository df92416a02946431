import type { FastifyRequest } from "fastify";
import { errors } from "../http/errors.js";
import type { Ctx } from "./context.js";

/** The service context of a signed-in request (routes declared for roles always have a user). */
export function ctxOf(request: FastifyRequest): Ctx {
  if (!request.user) throw errors.unauthenticated();
  return { db: request.server.deps.database.db, user: request.user, ip: request.ip };
}
