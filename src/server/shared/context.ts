// What a service call needs to know about who is asking. Routes build it; services take it.
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { CurrentUser } from "../http/access.js";

export interface Ctx {
  db: Kysely<DB>;
  user: CurrentUser;
  ip: string | null;
}
