import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { Config } from "../config.js";
import type { Database } from "../db/database.js";

export interface RegisteredRoute {
  method: string;
  url: string;
  access: import("./access.js").Access | undefined;
  /** JSON schema of the body, when the route takes one (walked by the bad-input tests). */
  bodySchema: unknown;
}

export interface Deps {
  database: Database;
  config: Config;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module "fastify" {
  interface FastifyInstance {
    deps: Deps;
    /** Every registered route with its access declaration (walked by the access tests). */
    routeList: RegisteredRoute[];
  }
}
