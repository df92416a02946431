import { randomBytes } from "node:crypto";
import { AppError } from "../../server/http/errors.js";
import { createOrg, createUser } from "../../server/orgs/service.js";
import { parseArgs } from "../args.js";
import { fail, withDatabase } from "../db.js";

const USAGE =
  "Usage : npm run relais -- org create --name NOM --type TYPE --timezone Europe/Paris --admin-email E [--admin-password P]";

export async function run(args: string[]): Promise<number> {
  const { positional, flags } = parseArgs(args);
  if (positional[0] !== "create") return fail(USAGE);
  if (!flags.name || !flags["admin-email"]) return fail(USAGE);
  const password = flags["admin-password"] ?? randomBytes(12).toString("base64url");
  try {
    return await withDatabase(async ({ db }) => {
      const org = await createOrg(db, {
        name: flags.name,
        type: flags.type ?? "other",
        timezone: flags.timezone ?? "Europe/Paris",
      });
      await createUser(db, { orgId: org.id, email: flags["admin-email"], role: "admin", password });
      process.stdout.write(
        `${JSON.stringify({ orgId: org.id, slug: org.slug, adminEmail: flags["admin-email"], ...(flags["admin-password"] ? {} : { adminPassword: password }) })}\n`,
      );
      return 0;
    });
  } catch (err) {
    if (err instanceof AppError) return fail(err.message);
    throw err;
  }
}
