// Equipment and licences lent to agents. An item is with at most one agent at a time (a unique
// index on open loans backs the 409). Lending and returning are manager actions within scope.
import { writeAudit } from "../../audit/repository.js";
import { errors, isUniqueViolation } from "../../http/errors.js";
import type { Ctx } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import { canWriteOrgWide } from "../../shared/scope.js";
import { agentFor } from "../agents/service.js";
import { assertDay } from "../days.js";
import * as repo from "./repository.js";
import type { EquipmentCreate, EquipmentQuery, EquipmentView, LoanView } from "./schema.js";

function toView(r: repo.EquipmentRow): EquipmentView {
  return {
    id: r.id,
    kind: r.kind,
    label: r.label,
    assetTag: r.asset_tag,
    archived: r.archived_at !== null,
    loan:
      r.loan_id && r.loan_agent_id && r.loan_lent_on
        ? { id: r.loan_id, agentId: r.loan_agent_id, lentOn: r.loan_lent_on }
        : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function listEquipment(ctx: Ctx, q: EquipmentQuery) {
  const { items, total } = await repo.listEquipment(ctx.db, ctx.user.orgId, q);
  return { items: items.map(toView), total };
}

async function getRow(ctx: Ctx, id: string) {
  const row = await repo.findEquipment(ctx.db, ctx.user.orgId, id);
  if (!row) throw errors.notFound("Matériel");
  return row;
}

export async function getEquipment(ctx: Ctx, id: string) {
  return toView(await getRow(ctx, id));
}

export async function createEquipment(ctx: Ctx, input: EquipmentCreate): Promise<EquipmentView> {
  if (!canWriteOrgWide(ctx.user)) throw errors.forbidden();
  const id = newId();
  const assetTag = input.assetTag?.trim() || null;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const row = {
        id,
        org_id: ctx.user.orgId,
        kind: input.kind,
        label: input.label.trim(),
        asset_tag: assetTag,
      };
      await repo.insertEquipment(trx, row);
      await writeAudit(trx, {
        orgId: ctx.user.orgId,
        userId: ctx.user.id,
        action: "create",
        entity: "equipment",
        entityId: id,
        after: { kind: row.kind, label: row.label, assetTag },
        ip: ctx.ip,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw errors.conflict("asset_tag_taken", `Le numéro d'inventaire ${assetTag} est déjà utilisé.`, [
        { field: "assetTag", message: "déjà utilisé" },
      ]);
    }
    throw err;
  }
  return getEquipment(ctx, id);
}

const alreadyLent = (lentOn: string) =>
  errors.conflict(
    "equipment_already_lent",
    `Ce matériel est déjà prêté (depuis le ${lentOn}) : enregistrez d'abord son retour.`,
  );

export async function lend(
  ctx: Ctx,
  id: string,
  input: { agentId: string; lentOn: string },
): Promise<EquipmentView> {
  const lentOn = assertDay(input.lentOn, "lentOn");
  const item = await getRow(ctx, id);
  if (item.archived_at !== null) throw errors.conflict("equipment_archived", "Ce matériel est archivé.");
  if (item.loan_id) throw alreadyLent(item.loan_lent_on ?? "");
  const agent = await agentFor(ctx, input.agentId, "write");
  if (agent.archived_at !== null) throw errors.conflict("agent_archived", "Cet agent est archivé.");
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const loanId = newId();
      await repo.insertLoan(trx, {
        id: loanId,
        org_id: ctx.user.orgId,
        equipment_id: id,
        agent_id: agent.id,
        lent_on: lentOn,
      });
      await writeAudit(trx, {
        orgId: ctx.user.orgId,
        userId: ctx.user.id,
        action: "lend",
        entity: "equipment",
        entityId: id,
        after: { loanId, agentId: agent.id, lentOn },
        ip: ctx.ip,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyLent(lentOn);
    throw err;
  }
  return getEquipment(ctx, id);
}

export async function giveBack(ctx: Ctx, id: string, input: { returnedOn: string }): Promise<EquipmentView> {
  const returnedOn = assertDay(input.returnedOn, "returnedOn");
  const item = await getRow(ctx, id);
  if (!item.loan_id || !item.loan_agent_id || !item.loan_lent_on) {
    throw errors.conflict("equipment_not_lent", "Ce matériel n'est pas prêté : il n'y a rien à rendre.");
  }
  await agentFor(ctx, item.loan_agent_id, "write");
  if (returnedOn < item.loan_lent_on) {
    throw errors.validation(`La date de retour précède la date de prêt (${item.loan_lent_on}).`, [
      { field: "returnedOn", message: `doit être au plus tôt le ${item.loan_lent_on}` },
    ]);
  }
  const loanId = item.loan_id;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.closeLoan(trx, loanId, returnedOn);
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "return",
      entity: "equipment",
      entityId: id,
      before: { loanId, agentId: item.loan_agent_id, lentOn: item.loan_lent_on, returnedOn: null },
      after: { loanId, agentId: item.loan_agent_id, lentOn: item.loan_lent_on, returnedOn },
      ip: ctx.ip,
    });
  });
  return getEquipment(ctx, id);
}

export async function agentEquipment(
  ctx: Ctx,
  agentId: string,
): Promise<{ items: LoanView[]; total: number }> {
  await agentFor(ctx, agentId, "read");
  const rows = await repo.loansOfAgent(ctx.db, ctx.user.orgId, agentId);
  const items = rows.map((r) => ({
    id: r.id,
    equipmentId: r.equipment_id,
    kind: r.kind,
    label: r.label,
    assetTag: r.asset_tag,
    agentId: r.agent_id,
    lentOn: r.lent_on,
    returnedOn: r.returned_on,
  }));
  return { items, total: items.length };
}
