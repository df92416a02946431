// The log of the crisis cell (main courante). Entries are never edited in place: a correction, or
// a change of an action's state, writes a new version and closes the previous one; both stay
// visible. Nothing is deleted. A service manager reads the entries naming their service.
import { formatDateTime, KIND_LABELS, STATE_LABELS } from "../../../engines/bilan/format.js";
import { writeAudit } from "../../audit/repository.js";
import { AppError, type ErrorDetail, errors } from "../../http/errors.js";
import type { Ctx } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import { serviceScope } from "../../shared/scope.js";
import { dayIn, orgClock } from "../clock.js";
import { activeActivation, unknownIds } from "../repository.js";
import * as repo from "./repository.js";
import type { ExportQuery, LogEntryCorrection, LogEntryCreate, LogEntryView, LogQuery } from "./schema.js";

const iso = (d: Date | string) => new Date(d).toISOString();

export function toView(r: repo.LogRow, today: string): LogEntryView {
  return {
    id: r.entry_id,
    version: r.version,
    versionId: r.id,
    kind: r.kind,
    source: r.source,
    occurredAt: iso(r.occurred_at),
    title: r.title,
    body: r.body,
    serviceIds: r.service_ids,
    activityIds: r.activity_ids,
    siteIds: r.site_ids,
    owner: r.owner,
    ownerUserId: r.owner_user_id,
    dueOn: r.due_on,
    state: r.state,
    overdue: r.kind === "action" && r.state === "open" && r.due_on !== null && r.due_on < today,
    meetingId: r.meeting_id,
    activationId: r.activation_id,
    authorId: r.author_id,
    authorName: r.author_name,
    correctionReason: r.correction_reason,
    createdAt: iso(r.entry_created_at),
    versionCreatedAt: iso(r.created_at),
    supersededAt: r.superseded_at ? iso(r.superseded_at) : null,
  };
}

async function filterOf(ctx: Ctx, q: Omit<LogQuery, "limit" | "offset" | "order">) {
  const [scope, clock] = await Promise.all([serviceScope(ctx), orgClock(ctx.db, ctx.user.orgId)]);
  return { filter: { ...q, scope, today: clock.today } as repo.LogFilter, clock };
}

export async function listEntries(ctx: Ctx, q: LogQuery) {
  const { filter, clock } = await filterOf(ctx, q);
  const { items, total } = await repo.listEntries(ctx.db, ctx.user.orgId, filter, {
    limit: q.limit ?? 50,
    offset: q.offset ?? 0,
    order: q.order ?? "desc",
  });
  return { items: items.map((r) => toView(r, clock.today)), total };
}

export async function getEntry(ctx: Ctx, entryId: string) {
  const [versions, scope, clock] = await Promise.all([
    repo.allVersions(ctx.db, ctx.user.orgId, entryId),
    serviceScope(ctx),
    orgClock(ctx.db, ctx.user.orgId),
  ]);
  const current = versions.find((v) => v.superseded_at === null) ?? versions[0];
  if (!current) throw errors.notFound("Entrée de la main courante");
  if (scope && !current.service_ids.some((s) => scope.includes(s)))
    throw errors.notFound("Entrée de la main courante");
  return { ...toView(current, clock.today), versions: versions.map((v) => toView(v, clock.today)) };
}

interface EntryFields {
  kind: repo.LogRow["kind"];
  owner: string | null;
  ownerUserId: string | null;
  dueOn: string | null;
  serviceIds: string[];
  activityIds: string[];
  siteIds: string[];
}

/** Rules shared by creation and correction; `createdDay` is the entry's first day (org time zone). */
async function checkFields(ctx: Ctx, f: EntryFields, createdDay: string) {
  const problems: ErrorDetail[] = [];
  if (f.kind === "action") {
    if (!f.owner?.trim()) problems.push({ field: "owner", message: "une action a un responsable" });
    if (!f.dueOn) problems.push({ field: "dueOn", message: "une action a une échéance" });
    else if (f.dueOn < createdDay) {
      problems.push({
        field: "dueOn",
        message: `échéance (${f.dueOn}) antérieure à la création de l'action (${createdDay})`,
      });
    }
  } else {
    if (f.owner) problems.push({ field: "owner", message: "seule une action a un responsable" });
    if (f.dueOn) problems.push({ field: "dueOn", message: "seule une action a une échéance" });
  }
  for (const [field, table, ids] of [
    ["serviceIds", "services", f.serviceIds],
    ["activityIds", "activities", f.activityIds],
    ["siteIds", "sites", f.siteIds],
  ] as const) {
    const unknown = await unknownIds(ctx.db, table, ctx.user.orgId, ids);
    if (unknown.length > 0) problems.push({ field, message: `inconnu(s) : ${unknown.join(", ")}` });
  }
  if (f.ownerUserId) {
    const u = await ctx.db
      .selectFrom("users")
      .select("id")
      .where("org_id", "=", ctx.user.orgId)
      .where("id", "=", f.ownerUserId)
      .executeTakeFirst();
    if (!u) problems.push({ field: "ownerUserId", message: "compte inconnu" });
  }
  if (problems.length > 0)
    throw errors.validation("L'entrée contient des erreurs : corrigez les champs indiqués.", problems);
}

function checkNotFuture(at: Date) {
  if (at.getTime() > Date.now() + 5 * 60_000) {
    throw errors.validation("Une entrée de main courante ne peut pas être datée dans le futur.", [
      { field: "occurredAt", message: "date future" },
    ]);
  }
}

export async function createEntry(ctx: Ctx, input: LogEntryCreate): Promise<LogEntryView> {
  const orgId = ctx.user.orgId;
  const clock = await orgClock(ctx.db, orgId);
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : clock.now;
  checkNotFuture(occurredAt);
  const fields: EntryFields = {
    kind: input.kind,
    owner: input.owner?.trim() ?? null,
    ownerUserId: input.ownerUserId ?? null,
    dueOn: input.dueOn ?? null,
    serviceIds: input.serviceIds ?? [],
    activityIds: input.activityIds ?? [],
    siteIds: input.siteIds ?? [],
  };
  await checkFields(ctx, fields, clock.today);
  let activationId = (await activeActivation(ctx.db, orgId))?.id ?? null;
  if (input.meetingId) {
    const meeting = await repo.findMeeting(ctx.db, orgId, input.meetingId);
    if (!meeting)
      throw errors.validation("Réunion inconnue.", [{ field: "meetingId", message: "introuvable" }]);
    activationId = meeting.activation_id ?? activationId;
  }
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertVersion(trx, {
      id,
      entry_id: id,
      version: 1,
      org_id: orgId,
      activation_id: activationId,
      meeting_id: input.meetingId ?? null,
      kind: fields.kind,
      occurred_at: occurredAt,
      title: input.title.trim(),
      body: input.body?.trim() ?? "",
      service_ids: fields.serviceIds,
      activity_ids: fields.activityIds,
      site_ids: fields.siteIds,
      owner: fields.owner,
      owner_user_id: fields.ownerUserId,
      due_on: fields.dueOn,
      state: fields.kind === "action" ? "open" : null,
      correction_reason: null,
      author_id: ctx.user.id,
      entry_created_at: clock.now,
      created_at: clock.now,
    });
    await writeAudit(trx, {
      orgId,
      userId: ctx.user.id,
      action: "create",
      entity: "crisis_log_entry",
      entityId: id,
      after: { kind: fields.kind, title: input.title.trim() },
      ip: ctx.ip,
    });
  });
  const row = await repo.currentVersion(ctx.db, orgId, id);
  if (!row) throw errors.notFound("Entrée de la main courante");
  return toView(row, clock.today);
}

export async function correctEntry(
  ctx: Ctx,
  entryId: string,
  input: LogEntryCorrection,
): Promise<LogEntryView> {
  const orgId = ctx.user.orgId;
  const clock = await orgClock(ctx.db, orgId);
  if (input.occurredAt) checkNotFuture(new Date(input.occurredAt));
  const versionId = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const cur = await repo.currentVersion(trx, orgId, entryId, true);
    if (!cur) throw errors.notFound("Entrée de la main courante");
    const kind = input.kind ?? cur.kind;
    const fields: EntryFields = {
      kind,
      owner: input.owner !== undefined ? input.owner.trim() : kind === "action" ? cur.owner : null,
      ownerUserId:
        input.ownerUserId !== undefined ? input.ownerUserId : kind === "action" ? cur.owner_user_id : null,
      dueOn: input.dueOn !== undefined ? input.dueOn : kind === "action" ? cur.due_on : null,
      serviceIds: input.serviceIds ?? cur.service_ids,
      activityIds: input.activityIds ?? cur.activity_ids,
      siteIds: input.siteIds ?? cur.site_ids,
    };
    await checkFields({ ...ctx, db: trx }, fields, dayIn(new Date(cur.entry_created_at), clock.timezone));
    if (input.state !== undefined && kind !== "action") {
      throw errors.validation("Seule une action a un état.", [
        { field: "state", message: "réservé aux actions" },
      ]);
    }
    const state = kind === "action" ? (input.state ?? cur.state ?? "open") : null;
    await repo.supersede(trx, cur.id, clock.now);
    await repo.insertVersion(trx, {
      id: versionId,
      entry_id: entryId,
      version: cur.version + 1,
      org_id: orgId,
      activation_id: cur.activation_id,
      meeting_id: cur.meeting_id,
      kind,
      source: cur.source,
      occurred_at: input.occurredAt ? new Date(input.occurredAt) : new Date(cur.occurred_at),
      title: input.title?.trim() ?? cur.title,
      body: input.body !== undefined ? input.body.trim() : cur.body,
      service_ids: fields.serviceIds,
      activity_ids: fields.activityIds,
      site_ids: fields.siteIds,
      owner: fields.owner,
      owner_user_id: fields.ownerUserId,
      due_on: fields.dueOn,
      state,
      correction_reason: input.reason.trim(),
      author_id: ctx.user.id,
      entry_created_at: new Date(cur.entry_created_at),
      created_at: clock.now,
    });
    await writeAudit(trx, {
      orgId,
      userId: ctx.user.id,
      action: "correct",
      entity: "crisis_log_entry",
      entityId: entryId,
      before: toView(cur, clock.today),
      after: { version: cur.version + 1, reason: input.reason.trim() },
      ip: ctx.ip,
    });
  });
  const row = await repo.currentVersion(ctx.db, orgId, entryId);
  if (!row) throw errors.notFound("Entrée de la main courante");
  return toView(row, clock.today);
}

export function refuseDelete(): never {
  throw new AppError(
    405,
    "log_entry_not_deletable",
    "Une entrée de la main courante ne se supprime pas : publiez une correction (nouvelle version) qui la remplace.",
  );
}

/** Spreadsheet cells starting with = + - @ would run as formulas: prefix them with a quote. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function exportEntries(
  ctx: Ctx,
  q: ExportQuery,
): Promise<{ body: string; type: string; filename: string }> {
  const { format = "csv", order = "asc", ...rest } = q;
  const { filter, clock } = await filterOf(ctx, rest);
  const [rows, names] = await Promise.all([
    repo.exportEntries(ctx.db, ctx.user.orgId, filter, order),
    repo.nameMaps(ctx.db, ctx.user.orgId),
  ]);
  const views = rows.map((r) => toView(r, clock.today));
  const list = (ids: string[], m: Map<string, string>) => ids.map((id) => m.get(id) ?? id).join(", ");
  const stamp = clock.today;
  if (format === "md") {
    const lines = [
      `# Main courante — ${clock.orgName}`,
      "",
      `Export du ${formatDateTime(clock.now.toISOString(), clock.timezone)}`,
      "",
    ];
    for (const v of views) {
      lines.push(
        `## ${formatDateTime(v.occurredAt, clock.timezone)} — ${KIND_LABELS[v.kind]} : ${v.title.replace(/([\\`*_[\]#|<>])/g, "\\$1")}`,
      );
      if (v.version > 1) lines.push(`_Version ${v.version} : ${v.correctionReason ?? ""}_`);
      if (v.kind === "action") {
        lines.push(
          `Responsable : ${v.owner ?? ""} — échéance ${v.dueOn ?? ""} — ${STATE_LABELS[v.state ?? "open"]}${v.overdue ? " — **EN RETARD**" : ""}`,
        );
      }
      const tags = [
        list(v.serviceIds, names.services),
        list(v.activityIds, names.activities),
        list(v.siteIds, names.sites),
      ].filter(Boolean);
      if (tags.length > 0) lines.push(`Concerne : ${tags.join(" ; ")}`);
      if (v.body) lines.push("", v.body);
      lines.push("");
    }
    return {
      body: lines.join("\n"),
      type: "text/markdown; charset=utf-8",
      filename: `main-courante-${stamp}.md`,
    };
  }
  const header = [
    "date",
    "type",
    "titre",
    "texte",
    "services",
    "activités",
    "sites",
    "responsable",
    "échéance",
    "état",
    "en retard",
    "version",
    "motif de la correction",
    "auteur",
  ];
  const out = [header.join(";")];
  for (const v of views) {
    out.push(
      [
        v.occurredAt,
        KIND_LABELS[v.kind],
        v.title,
        v.body,
        list(v.serviceIds, names.services),
        list(v.activityIds, names.activities),
        list(v.siteIds, names.sites),
        v.owner ?? "",
        v.dueOn ?? "",
        v.state ? STATE_LABELS[v.state] : "",
        v.overdue ? "oui" : "",
        String(v.version),
        v.correctionReason ?? "",
        v.authorName ?? "",
      ]
        .map(csvCell)
        .join(";"),
    );
  }
  // BOM: spreadsheet programs then read the accents as UTF-8.
  return {
    body: `\ufeff${out.join("\r\n")}\r\n`,
    type: "text/csv; charset=utf-8",
    filename: `main-courante-${stamp}.csv`,
  };
}
