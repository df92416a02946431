// Which records a user may see. Admins, PCA managers and the crisis cell see their whole
// organisation; a service manager sees their service and its sub-services; an agent sees their own
// record. Every query also filters on the user's organisation.
import { sql } from "kysely";
import type { CurrentUser } from "../http/access.js";
import type { Ctx } from "./context.js";

/** null means "the whole organisation"; otherwise the service ids the user may see. */
export async function serviceScope(ctx: Ctx): Promise<string[] | null> {
  const { user } = ctx;
  if (user.role === "admin" || user.role === "pca_manager" || user.role === "crisis_cell") return null;
  if (user.role === "service_manager" && user.serviceId) return serviceSubtree(ctx, user.serviceId);
  return [];
}

export async function serviceSubtree(ctx: Ctx, rootId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    WITH RECURSIVE tree AS (
      SELECT id FROM services WHERE id = ${rootId} AND org_id = ${ctx.user.orgId}
      UNION
      SELECT s.id FROM services s JOIN tree t ON s.parent_id = t.id WHERE s.org_id = ${ctx.user.orgId}
    ) SELECT id FROM tree`.execute(ctx.db);
  return rows.rows.map((r) => r.id);
}

export function canWriteOrgWide(user: CurrentUser): boolean {
  return user.role === "admin" || user.role === "pca_manager";
}
