import { randomBytes } from "node:crypto";
import { AppError } from "../../server/http/errors.js";
import { createUser } from "../../server/orgs/service.js";
import { parseArgs } from "../args.js";
import { fail, withDatabase } from "../db.js";

const USAGE =
  "Usage : npm run relais -- user create --org SLUG --email E --role admin|pca_manager|crisis_cell|service_manager|agent [--service ID] [--agent ID] [--password P]";

export async function run(args: string[]): Promise<number> {
  const { positional, flags } = parseArgs(args);
  if (positional[0] !== "create" || !flags.org || !flags.email || !flags.role) return fail(USAGE);
  const password = flags.password ?? randomBytes(12).toString("base64url");
  try {
    return await withDatabase(async ({ db }) => {
      const org = await db.selectFrom("orgs").select("id").where("slug", "=", flags.org).executeTakeFirst();
      if (!org) return fail(`Organisation inconnue : ${flags.org}`);
      const user = await createUser(db, {
        orgId: org.id,
        email: flags.email,
        role: flags.role,
        password,
        serviceId: flags.service ?? null,
        agentId: flags.agent ?? null,
      });
      process.stdout.write(
        `${JSON.stringify({ userId: user.id, email: flags.email, role: flags.role, ...(flags.password ? {} : { password }) })}\n`,
      );
      return 0;
    });
  } catch (err) {
    if (err instanceof AppError) return fail(err.message);
    throw err;
  }
}
