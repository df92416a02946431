// Saved answers: texts staff reuse in replies, for every service (serviceId null) or one service.
// Org-wide ones are written by PCA managers; a service manager writes those of their services.
// Staff see the common answers and those of the services they handle (not another service's).
// Answers are archived rather than deleted: archived ones are listed only on request.
import type { Selectable } from "kysely";
import { writeAudit } from "../../audit/repository.js";
import { errors } from "../../http/errors.js";
import type { Ctx } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import { canWriteOrgWide } from "../../shared/scope.js";
import { requestScope } from "../service.js";
import type { SavedAnswersTable } from "../tables.js";
import type { AnswerCreate, AnswerQuery, AnswerUpdate, AnswerView } from "./schema.js";

const toView = (r: Selectable<SavedAnswersTable>): AnswerView => ({
  id: r.id,
  title: r.title,
  body: r.body,
  serviceId: r.service_id,
  archived: r.archived_at !== null,
  updatedAt: new Date(r.updated_at).toISOString(),
});

async function assertCanWrite(ctx: Ctx, serviceId: string | null): Promise<void> {
  if (canWriteOrgWide(ctx.user)) return;
  const scope = await requestScope(ctx);
  if (ctx.user.role === "service_manager" && serviceId && scope?.includes(serviceId)) return;
  throw errors.forbidden("Seuls les responsables écrivent les réponses enregistrées (de leur service).");
}

async function assertService(ctx: Ctx, serviceId: string | null | undefined): Promise<void> {
  if (!serviceId) return;
  const s = await ctx.db
    .selectFrom("services")
    .select("id")
    .where("org_id", "=", ctx.user.orgId)
    .where("id", "=", serviceId)
    .executeTakeFirst();
  if (!s)
    throw errors.validation("Service inconnu.", [
      { field: "serviceId", message: "service inconnu dans cette organisation" },
    ]);
}

export async function listAnswers(ctx: Ctx, query: AnswerQuery = {}) {
  const scope = await requestScope(ctx);
  let q = ctx.db.selectFrom("saved_answers").selectAll().where("org_id", "=", ctx.user.orgId);
  // Common answers, and those of the services the reader handles (or the one asked, if handled).
  const services =
    query.serviceId !== undefined
      ? scope === null || scope.includes(query.serviceId)
        ? [query.serviceId]
        : []
      : scope;
  if (services !== null) {
    q =
      services.length === 0
        ? q.where("service_id", "is", null)
        : q.where((eb) => eb.or([eb("service_id", "is", null), eb("service_id", "in", services)]));
  }
  if (!query.archived) q = q.where("archived_at", "is", null);
  const rows = await q.orderBy("title").orderBy("id").execute();
  return { items: rows.map(toView), total: rows.length };
}

async function load(ctx: Ctx, id: string) {
  const row = await ctx.db
    .selectFrom("saved_answers")
    .selectAll()
    .where("org_id", "=", ctx.user.orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw errors.notFound("Réponse enregistrée");
  if (row.service_id) {
    const scope = await requestScope(ctx);
    if (scope !== null && !scope.includes(row.service_id)) throw errors.notFound("Réponse enregistrée");
  }
  return row;
}

export async function createAnswer(ctx: Ctx, input: AnswerCreate): Promise<AnswerView> {
  await assertService(ctx, input.serviceId);
  await assertCanWrite(ctx, input.serviceId ?? null);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("saved_answers")
      .values({
        id: newId(),
        org_id: ctx.user.orgId,
        service_id: input.serviceId ?? null,
        title: input.title.trim(),
        body: input.body.trim(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = toView(row);
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "create",
      entity: "saved_answer",
      entityId: row.id,
      after: view,
      ip: ctx.ip,
    });
    return view;
  });
}

export async function updateAnswer(ctx: Ctx, id: string, input: AnswerUpdate): Promise<AnswerView> {
  const before = await load(ctx, id);
  await assertCanWrite(ctx, before.service_id);
  if (input.serviceId !== undefined) {
    await assertService(ctx, input.serviceId);
    await assertCanWrite(ctx, input.serviceId);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("saved_answers")
      .set({
        ...(input.title !== undefined ? { title: input.title.trim() } : {}),
        ...(input.body !== undefined ? { body: input.body.trim() } : {}),
        ...(input.serviceId !== undefined ? { service_id: input.serviceId } : {}),
        ...(input.archived !== undefined
          ? { archived_at: input.archived ? (before.archived_at ?? new Date()) : null }
          : {}),
        updated_at: new Date(),
      })
      .where("org_id", "=", ctx.user.orgId)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = toView(row);
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action:
        input.archived === undefined || input.archived === (before.archived_at !== null)
          ? "update"
          : input.archived
            ? "archive"
            : "unarchive",
      entity: "saved_answer",
      entityId: id,
      before: toView(before),
      after: view,
      ip: ctx.ip,
    });
    return view;
  });
}

export async function deleteAnswer(ctx: Ctx, id: string): Promise<void> {
  const before = await load(ctx, id);
  await assertCanWrite(ctx, before.service_id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("saved_answers").where("org_id", "=", ctx.user.orgId).where("id", "=", id).execute();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "delete",
      entity: "saved_answer",
      entityId: id,
      before: toView(before),
      ip: ctx.ip,
    });
  });
}
