// Activation of the plan for a scenario: one active crisis per organisation (a unique index makes
// a second activation fail, even when two arrive together), activities switch to the scenario's
// modes, and the activation, every change of mode and the deactivation are written in the log.
import type { Kysely } from "kysely";
import type { Mode } from "../../../engines/bilan/coverage.js";
import { MODE_LABELS } from "../../../engines/bilan/format.js";
import { writeAudit } from "../../audit/repository.js";
import type { DB } from "../../db/schema.js";
import { errors, isUniqueViolation } from "../../http/errors.js";
import type { Ctx } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import { insertSystemEntry, listPlanActivities, modesAt, unknownIds } from "../repository.js";
import { findScenario } from "../scenarios/repository.js";
import { resolveModes } from "../scenarios/service.js";
import * as repo from "./repository.js";
import type { ActivationCreate, ActivationView, Deactivation, ModesChange } from "./schema.js";

const FUTURE_TOLERANCE_MS = 5 * 60_000;

function toView(r: repo.ActivationRow): ActivationView {
  return {
    id: r.id,
    scenarioId: r.scenario_id,
    scenarioName: r.scenario_name,
    level: r.level,
    startedAt: new Date(r.started_at).toISOString(),
    endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
    active: r.ended_at === null,
    siteIds: r.site_ids,
    note: r.note,
    lessonsWorked: r.lessons_worked,
    lessonsToChange: r.lessons_to_change,
  };
}

/** Modes in force under an activation at `at` for the plan's current activities. */
export async function activityModes(db: Kysely<DB>, orgId: string, activationId: string, at: Date) {
  const [activities, modes] = await Promise.all([
    listPlanActivities(db, orgId),
    modesAt(db, activationId, at),
  ]);
  return activities.map((a) => ({
    activityId: a.id,
    activityName: a.name,
    serviceName: a.service_name,
    criticality: a.criticality,
    // An activity added to the plan after the activation runs as planned until a mode is set.
    mode: modes.get(a.id) ?? ("mixed" as Mode),
  }));
}

async function withModes(ctx: Ctx, r: repo.ActivationRow): Promise<ActivationView> {
  const at = r.ended_at ? new Date(r.ended_at) : new Date();
  return { ...toView(r), modes: await activityModes(ctx.db, ctx.user.orgId, r.id, at) };
}

export async function listActivations(ctx: Ctx) {
  const rows = await repo.listActivations(ctx.db, ctx.user.orgId);
  return { items: rows.map(toView), total: rows.length };
}

export async function getActivation(ctx: Ctx, id: string) {
  const row = await repo.findActivation(ctx.db, ctx.user.orgId, id);
  if (!row) throw errors.notFound("Activation");
  return withModes(ctx, row);
}

export async function getCurrent(ctx: Ctx) {
  const row = await repo.findCurrent(ctx.db, ctx.user.orgId);
  return { activation: row ? await withModes(ctx, row) : null };
}

export async function modeHistory(ctx: Ctx, id: string) {
  const row = await repo.findActivation(ctx.db, ctx.user.orgId, id);
  if (!row) throw errors.notFound("Activation");
  const items = await repo.modeHistory(ctx.db, id);
  return {
    items: items.map((m) => ({
      activityId: m.activity_id,
      activityName: m.activity_name,
      mode: m.mode,
      previousMode: m.previous_mode,
      at: new Date(m.at).toISOString(),
    })),
  };
}

function checkNotFuture(at: Date, field: string) {
  if (at.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
    throw errors.validation("La date ne peut pas être dans le futur.", [{ field, message: "date future" }]);
  }
}

const alreadyActive = (name: string) =>
  errors.conflict(
    "crisis_already_active",
    `Une crise est déjà active (scénario « ${name} ») : désactivez-la avant d'en activer une autre.`,
  );

export async function activate(ctx: Ctx, input: ActivationCreate): Promise<ActivationView> {
  const orgId = ctx.user.orgId;
  const startedAt = input.startedAt ? new Date(input.startedAt) : new Date();
  checkNotFuture(startedAt, "startedAt");
  const scenario = await findScenario(ctx.db, orgId, input.scenarioId);
  if (!scenario)
    throw errors.validation("Scénario inconnu.", [{ field: "scenarioId", message: "introuvable" }]);
  if (scenario.archived_at) {
    throw errors.validation("Ce scénario est archivé : restaurez-le avant de l'activer.", [
      { field: "scenarioId", message: "archivé" },
    ]);
  }
  const siteIds = input.siteIds ?? scenario.site_ids;
  const unknown = await unknownIds(ctx.db, "sites", orgId, siteIds);
  if (unknown.length > 0)
    throw errors.validation("Site inconnu.", [{ field: "siteIds", message: unknown.join(", ") }]);
  const current = await repo.findCurrent(ctx.db, orgId);
  if (current) throw alreadyActive(current.scenario_name);
  const lastEnd = await repo.latestEnd(ctx.db, orgId);
  if (lastEnd && startedAt < lastEnd) {
    throw errors.validation("L'activation ne peut commencer avant la fin de la précédente.", [
      { field: "startedAt", message: `postérieure au ${lastEnd.toISOString()} attendue` },
    ]);
  }
  const id = newId();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertActivation(trx, {
        id,
        org_id: orgId,
        scenario_id: scenario.id,
        level: input.level,
        started_at: startedAt,
        site_ids: siteIds,
        note: input.note?.trim() ?? "",
        activated_by: ctx.user.id,
      });
      const modes = await resolveModes(trx, orgId, scenario, siteIds);
      await repo.insertModeChanges(
        trx,
        modes.map((m) => ({
          org_id: orgId,
          activation_id: id,
          activity_id: m.activityId,
          mode: m.mode,
          previous_mode: null,
          at: startedAt,
          changed_by: ctx.user.id,
        })),
      );
      const suspended = modes.filter((m) => m.mode === "suspended").length;
      await insertSystemEntry(trx, {
        id: newId(),
        orgId,
        activationId: id,
        kind: "decision",
        title: `Activation du PCA — scénario « ${scenario.name} », niveau ${input.level}`,
        body: [
          input.note?.trim() ?? "",
          `${modes.length} activités basculées dans leur mode de crise, dont ${suspended} suspendues.`,
          siteIds.length > 0 ? `${siteIds.length} site(s) fermé(s).` : "",
        ]
          .filter(Boolean)
          .join("\n"),
        siteIds,
        authorId: ctx.user.id,
        at: startedAt,
      });
      await writeAudit(trx, {
        orgId,
        userId: ctx.user.id,
        action: "activate",
        entity: "crisis_activation",
        entityId: id,
        after: { scenarioId: scenario.id, level: input.level, startedAt: startedAt.toISOString(), siteIds },
        ip: ctx.ip,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyActive("en cours");
    throw err;
  }
  return getActivation(ctx, id);
}

export async function changeModes(ctx: Ctx, id: string, input: ModesChange): Promise<ActivationView> {
  const orgId = ctx.user.orgId;
  const row = await repo.findActivation(ctx.db, orgId, id);
  if (!row) throw errors.notFound("Activation");
  if (row.ended_at)
    throw errors.conflict("crisis_ended", "Cette activation est terminée : ses modes ne changent plus.");
  const ids = input.modes.map((m) => m.activityId);
  if (new Set(ids).size !== ids.length) {
    throw errors.validation("Une activité apparaît deux fois.", [
      { field: "modes", message: "activités en double" },
    ]);
  }
  const unknown = await unknownIds(ctx.db, "activities", orgId, ids);
  if (unknown.length > 0)
    throw errors.validation("Activité inconnue.", [{ field: "modes", message: unknown.join(", ") }]);
  const now = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await modesAt(trx, id, now);
    const names = new Map((await listPlanActivities(trx, orgId)).map((a) => [a.id, a]));
    const changes = input.modes.filter((m) => before.get(m.activityId) !== m.mode);
    await repo.insertModeChanges(
      trx,
      changes.map((m) => ({
        org_id: orgId,
        activation_id: id,
        activity_id: m.activityId,
        mode: m.mode,
        previous_mode: before.get(m.activityId) ?? null,
        at: now,
        changed_by: ctx.user.id,
      })),
    );
    for (const m of changes) {
      const act = names.get(m.activityId);
      const prev = before.get(m.activityId);
      await insertSystemEntry(trx, {
        id: newId(),
        orgId,
        activationId: id,
        kind: "decision",
        title: `Mode de « ${act?.name ?? m.activityId} » : ${prev ? MODE_LABELS[prev] : "—"} → ${MODE_LABELS[m.mode]}`,
        body: input.reason?.trim() ?? "",
        activityIds: [m.activityId],
        serviceIds: act ? [act.service_id] : [],
        authorId: ctx.user.id,
        at: now,
      });
    }
    await writeAudit(trx, {
      orgId,
      userId: ctx.user.id,
      action: "change_modes",
      entity: "crisis_activation",
      entityId: id,
      before: Object.fromEntries(changes.map((m) => [m.activityId, before.get(m.activityId) ?? null])),
      after: Object.fromEntries(changes.map((m) => [m.activityId, m.mode])),
      ip: ctx.ip,
    });
  });
  return getActivation(ctx, id);
}

export async function deactivate(ctx: Ctx, id: string, input: Deactivation): Promise<ActivationView> {
  const orgId = ctx.user.orgId;
  const row = await repo.findActivation(ctx.db, orgId, id);
  if (!row) throw errors.notFound("Activation");
  if (row.ended_at) throw errors.conflict("crisis_ended", "Cette activation est déjà terminée.");
  const endedAt = input.endedAt ? new Date(input.endedAt) : new Date();
  checkNotFuture(endedAt, "endedAt");
  if (endedAt < new Date(row.started_at)) {
    throw errors.validation("La fin ne peut précéder le début de l'activation.", [
      { field: "endedAt", message: "avant le début" },
    ]);
  }
  const worked = input.lessonsWorked.trim();
  const toChange = input.lessonsToChange.trim();
  if (!worked || !toChange) {
    throw errors.validation(
      "Le retour d'expérience est demandé : ce qui a fonctionné et ce qu'il faut changer.",
      [
        ...(worked ? [] : [{ field: "lessonsWorked", message: "obligatoire" }]),
        ...(toChange ? [] : [{ field: "lessonsToChange", message: "obligatoire" }]),
      ],
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    const res = await repo.endActivation(trx, orgId, id, {
      ended_at: endedAt,
      ended_by: ctx.user.id,
      lessons_worked: worked,
      lessons_to_change: toChange,
    });
    if (Number(res.numUpdatedRows) !== 1)
      throw errors.conflict("crisis_ended", "Cette activation est déjà terminée.");
    await insertSystemEntry(trx, {
      id: newId(),
      orgId,
      activationId: id,
      kind: "decision",
      title: `Désactivation du PCA — scénario « ${row.scenario_name} »`,
      body: `Ce qui a fonctionné : ${worked}\nCe qu'il faut changer : ${toChange}`,
      authorId: ctx.user.id,
      at: endedAt,
    });
    await writeAudit(trx, {
      orgId,
      userId: ctx.user.id,
      action: "deactivate",
      entity: "crisis_activation",
      entityId: id,
      before: toView(row),
      after: { endedAt: endedAt.toISOString(), lessonsWorked: worked, lessonsToChange: toChange },
      ip: ctx.ip,
    });
  });
  return getActivation(ctx, id);
}
