// Situation reports (bilans): generated for an instant from the data as it stood then, commented,
// then frozen with the organisation's next number. A frozen report never changes (409). Shown as a
// page (figures), a PDF and Markdown. The daily report schedule lives here too; jobs.ts runs it.
import type { Kysely } from "kysely";
import type { ReportFigures } from "../../../engines/bilan/figures.js";
import { formatDay } from "../../../engines/bilan/format.js";
import { renderMarkdown, reportTitle } from "../../../engines/bilan/markdown.js";
import { addDays, resolveLocal, toLocal } from "../../../engines/calendar/zoned.js";
import { writeAudit } from "../../audit/repository.js";
import type { DB } from "../../db/schema.js";
import { errors } from "../../http/errors.js";
import { enqueueEmail } from "../../notify/service.js";
import type { Ctx } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import { orgClock } from "../clock.js";
import { activationAt, findOrg } from "../repository.js";
import { figuresAsOf } from "./figures.js";
import { renderPdf } from "./pdf.js";
import * as repo from "./repository.js";
import type { ReportCreate, ReportSummary, ScheduleUpdate, ScheduleView } from "./schema.js";

const iso = (d: Date | string) => new Date(d).toISOString();

function toSummary(
  r: Pick<
    repo.ReportRow,
    "id" | "number" | "as_of" | "comment" | "origin" | "frozen_at" | "created_at" | "updated_at"
  >,
): ReportSummary {
  return {
    id: r.id,
    number: r.number,
    asOf: iso(r.as_of),
    comment: r.comment,
    origin: r.origin,
    frozen: r.frozen_at !== null,
    frozenAt: r.frozen_at ? iso(r.frozen_at) : null,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

const frozenError = (n: number | null) =>
  errors.conflict(
    "report_frozen",
    `Le bilan n° ${n ?? "?"} est figé : il ne peut plus changer. Générez un nouveau bilan.`,
  );

export async function listReports(ctx: Ctx, q: { limit?: number; offset?: number }) {
  const { items, total } = await repo.listReports(ctx.db, ctx.user.orgId, {
    limit: q.limit ?? 50,
    offset: q.offset ?? 0,
  });
  return { items: items.map(toSummary), total };
}

async function load(ctx: Ctx, id: string) {
  const row = await repo.findReport(ctx.db, ctx.user.orgId, id);
  if (!row) throw errors.notFound("Bilan");
  return row;
}

export async function getReport(ctx: Ctx, id: string) {
  const row = await load(ctx, id);
  return { ...toSummary(row), figures: row.figures };
}

export async function createReport(ctx: Ctx, input: ReportCreate) {
  const now = new Date();
  const asOf = input.asOf ? new Date(input.asOf) : now;
  if (asOf.getTime() > now.getTime()) {
    throw errors.validation(
      "Un bilan décrit ce qui s'est passé : choisissez une date et une heure passées.",
      [{ field: "asOf", message: "date future" }],
    );
  }
  const figures = await figuresAsOf(ctx.db, ctx.user.orgId, asOf);
  const activation = await activationAt(ctx.db, ctx.user.orgId, asOf);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertReport(trx, {
      id,
      org_id: ctx.user.orgId,
      activation_id: activation?.id ?? null,
      as_of: asOf,
      figures,
      comment: input.comment?.trim() ?? "",
      origin: "manual",
      created_by: ctx.user.id,
    });
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "create",
      entity: "crisis_report",
      entityId: id,
      after: { asOf: asOf.toISOString() },
      ip: ctx.ip,
    });
  });
  return getReport(ctx, id);
}

export async function updateReport(ctx: Ctx, id: string, patch: { comment?: string; regenerate?: boolean }) {
  const row = await load(ctx, id);
  if (row.frozen_at) throw frozenError(row.number);
  const figures = patch.regenerate
    ? await figuresAsOf(ctx.db, ctx.user.orgId, new Date(row.as_of))
    : undefined;
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updateDraft(trx, ctx.user.orgId, id, { comment: patch.comment?.trim(), figures });
    if (!ok) throw frozenError(row.number);
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: patch.regenerate ? "regenerate" : "update",
      entity: "crisis_report",
      entityId: id,
      before: { comment: row.comment },
      after: { comment: patch.comment?.trim() ?? row.comment },
      ip: ctx.ip,
    });
  });
  return getReport(ctx, id);
}

/** Seals a draft: figures recomputed for its instant (with the latest previous report), numbered. */
async function freezeIn(trx: Kysely<DB>, orgId: string, id: string, userId: string | null) {
  const row = await repo.findReport(trx, orgId, id, true);
  if (!row) throw errors.notFound("Bilan");
  if (row.frozen_at) throw frozenError(row.number);
  const figures = await figuresAsOf(trx, orgId, new Date(row.as_of));
  const number = await repo.freeze(trx, orgId, id, userId, figures);
  if (number === null) throw frozenError(row.number);
  return number;
}

export async function freezeReport(ctx: Ctx, id: string) {
  await load(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const number = await freezeIn(trx, ctx.user.orgId, id, ctx.user.id);
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "freeze",
      entity: "crisis_report",
      entityId: id,
      after: { number },
      ip: ctx.ip,
    });
  });
  return getReport(ctx, id);
}

function metaOf(row: repo.ReportRow) {
  return { number: row.number, comment: row.comment, frozenAt: row.frozen_at ? iso(row.frozen_at) : null };
}

function fileBase(row: repo.ReportRow) {
  const f = row.figures;
  return `bilan-${row.number ?? "brouillon"}-${f.day}`;
}

export async function reportPdf(ctx: Ctx, id: string) {
  const row = await load(ctx, id);
  return { body: await renderPdf(row.figures, metaOf(row)), filename: `${fileBase(row)}.pdf` };
}

export async function reportMarkdown(ctx: Ctx, id: string) {
  const row = await load(ctx, id);
  return { body: renderMarkdown(row.figures, metaOf(row)), filename: `${fileBase(row)}.md` };
}

// ---- Daily report schedule ----

/** Days (from `from`, over a year) on which `time` does not exist in `tz` (spring DST gap). */
export function missingDays(time: string, tz: string, from: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < 366; i++) {
    const day = addDays(from, i);
    if (resolveLocal(day, time, tz).kind === "gap") out.push(day);
  }
  return out;
}

function nextRun(time: string, tz: string, lastRunOn: string | null, now: Date): string | null {
  const today = toLocal(now, tz).date;
  for (let i = 0; i < 3; i++) {
    const day = addDays(today, i);
    if (lastRunOn && day <= lastRunOn) continue;
    const at = resolveLocal(day, time, tz).at;
    if (at >= now || i === 0) return at.toISOString();
  }
  return null;
}

export async function getSchedule(ctx: Ctx): Promise<ScheduleView> {
  const [row, org] = await Promise.all([
    repo.findSchedule(ctx.db, ctx.user.orgId),
    findOrg(ctx.db, ctx.user.orgId),
  ]);
  return {
    timeOfDay: row?.time_of_day ?? null,
    enabled: row?.enabled ?? false,
    timezone: org.timezone,
    lastRunOn: row?.last_run_on ?? null,
    nextRunAt: row?.enabled ? nextRun(row.time_of_day, org.timezone, row.last_run_on, new Date()) : null,
  };
}

export async function setSchedule(ctx: Ctx, input: ScheduleUpdate): Promise<ScheduleView> {
  const clock = await orgClock(ctx.db, ctx.user.orgId);
  const gaps = missingDays(input.timeOfDay, clock.timezone, clock.today);
  if (gaps.length > 0) {
    throw errors.validation(
      `L'heure ${input.timeOfDay} n'existe pas le ${gaps.map(formatDay).join(", ")} dans le fuseau ${clock.timezone} (passage à l'heure d'été) : choisissez une autre heure.`,
      [{ field: "timeOfDay", message: `heure inexistante le ${gaps.join(", ")} (changement d'heure)` }],
    );
  }
  // A time already past today starts tomorrow: enabling at 14:00 a report due at 08:00 sends nothing now.
  const local = toLocal(clock.now, clock.timezone);
  const before = await repo.findSchedule(ctx.db, ctx.user.orgId);
  const lastRunOn = local.time >= input.timeOfDay ? clock.today : addDays(clock.today, -1);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.upsertSchedule(trx, {
      org_id: ctx.user.orgId,
      time_of_day: input.timeOfDay,
      enabled: input.enabled,
      last_run_on: before?.last_run_on && before.last_run_on > lastRunOn ? before.last_run_on : lastRunOn,
      updated_by: ctx.user.id,
    });
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "update",
      entity: "crisis_report_schedule",
      entityId: ctx.user.orgId,
      before: before ?? null,
      after: input,
      ip: ctx.ip,
    });
  });
  return getSchedule(ctx);
}

/**
 * Runs the daily reports that are due at `now`: for each organisation whose time has come and
 * whose day is not yet taken, one transaction claims the day, generates the report for the
 * scheduled instant, freezes it and puts one e-mail per cell member in the outbox. A second
 * scheduler finds the day taken and does nothing.
 */
export async function runDueSchedules(db: Kysely<DB>, now: Date = new Date()): Promise<string[]> {
  const produced: string[] = [];
  for (const s of await repo.enabledSchedules(db)) {
    const local = toLocal(now, s.timezone);
    if (local.time < s.time_of_day) continue;
    if (s.last_run_on !== null && s.last_run_on >= local.date) continue;
    const at = resolveLocal(local.date, s.time_of_day, s.timezone).at;
    const asOf = at > now ? now : at;
    const id = await db.transaction().execute(async (trx) => {
      if (!(await repo.claimRun(trx, s.org_id, local.date))) return null;
      const reportId = newId();
      const activation = await activationAt(trx, s.org_id, asOf);
      const figures = await figuresAsOf(trx, s.org_id, asOf);
      await repo.insertReport(trx, {
        id: reportId,
        org_id: s.org_id,
        activation_id: activation?.id ?? null,
        as_of: asOf,
        figures,
        comment: "",
        origin: "scheduled",
        created_by: null,
      });
      const number = await freezeIn(trx, s.org_id, reportId, null);
      const row = await repo.findReport(trx, s.org_id, reportId);
      if (!row) return null;
      await sendReport(trx, row, number);
      await writeAudit(trx, {
        orgId: s.org_id,
        userId: null,
        action: "scheduled_report",
        entity: "crisis_report",
        entityId: reportId,
        after: { number, asOf: asOf.toISOString() },
      });
      return reportId;
    });
    if (id) produced.push(id);
  }
  return produced;
}

async function sendReport(trx: Kysely<DB>, row: repo.ReportRow, number: number) {
  const f: ReportFigures = row.figures;
  const meta = { number, comment: row.comment, frozenAt: row.frozen_at ? iso(row.frozen_at) : null };
  const recipients = (await repo.cellRecipients(trx, row.org_id)).map((r) => r.email);
  if (recipients.length === 0) return;
  const pdf = await renderPdf(f, meta);
  await enqueueEmail(trx, {
    orgId: row.org_id,
    key: `crisis_report:${row.id}`,
    kind: "crisis_report",
    subject: `${reportTitle(f, meta)} — ${f.orgName}`.replace(/[\u202f\u00a0]/g, " "),
    text: renderMarkdown(f, meta),
    attachments: [
      {
        filename: `bilan-${number}-${f.day}.pdf`,
        contentType: "application/pdf",
        content: pdf.toString("base64"),
      },
    ],
    recipients,
  });
}
