// Meetings of the crisis cell: date, attendees, agenda and notes. What is decided in a meeting is
// written as log entries linked to it (POST /api/crisis/meetings/:id/entries), so it shows in the
// log, the search and the reports like any other entry.
import { writeAudit } from "../../audit/repository.js";
import { errors } from "../../http/errors.js";
import type { Ctx } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import type { LogEntryCreate } from "../log/schema.js";
import { createEntry } from "../log/service.js";
import { activeActivation } from "../repository.js";
import * as repo from "./repository.js";
import type { MeetingCreate, MeetingUpdate, MeetingView } from "./schema.js";

function toView(r: repo.MeetingRow): MeetingView {
  return {
    id: r.id,
    activationId: r.activation_id,
    heldAt: new Date(r.held_at).toISOString(),
    title: r.title,
    attendees: r.attendees,
    agenda: r.agenda,
    notes: r.notes,
    entries: Number(r.entries),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function listMeetings(ctx: Ctx, q: { limit?: number; offset?: number }) {
  const { items, total } = await repo.listMeetings(ctx.db, ctx.user.orgId, {
    limit: q.limit ?? 50,
    offset: q.offset ?? 0,
  });
  return { items: items.map(toView), total };
}

export async function getMeeting(ctx: Ctx, id: string) {
  const row = await repo.findMeeting(ctx.db, ctx.user.orgId, id);
  if (!row) throw errors.notFound("Réunion");
  return toView(row);
}

const clean = (list: string[] | undefined) => [...new Set((list ?? []).map((a) => a.trim()).filter(Boolean))];

export async function createMeeting(ctx: Ctx, input: MeetingCreate): Promise<MeetingView> {
  const id = newId();
  const activation = await activeActivation(ctx.db, ctx.user.orgId);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertMeeting(trx, {
      id,
      org_id: ctx.user.orgId,
      activation_id: activation?.id ?? null,
      held_at: new Date(input.heldAt),
      title: input.title.trim(),
      attendees: clean(input.attendees),
      agenda: input.agenda?.trim() ?? "",
      notes: input.notes?.trim() ?? "",
      created_by: ctx.user.id,
    });
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "create",
      entity: "crisis_meeting",
      entityId: id,
      after: input,
      ip: ctx.ip,
    });
  });
  return getMeeting(ctx, id);
}

export async function updateMeeting(ctx: Ctx, id: string, input: MeetingUpdate): Promise<MeetingView> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findMeeting(trx, ctx.user.orgId, id);
    if (!before) throw errors.notFound("Réunion");
    await repo.updateMeeting(trx, ctx.user.orgId, id, {
      ...(input.heldAt !== undefined ? { held_at: new Date(input.heldAt) } : {}),
      ...(input.title !== undefined ? { title: input.title.trim() } : {}),
      ...(input.attendees !== undefined ? { attendees: clean(input.attendees) } : {}),
      ...(input.agenda !== undefined ? { agenda: input.agenda.trim() } : {}),
      ...(input.notes !== undefined ? { notes: input.notes.trim() } : {}),
    });
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "update",
      entity: "crisis_meeting",
      entityId: id,
      before: toView(before),
      after: input,
      ip: ctx.ip,
    });
  });
  return getMeeting(ctx, id);
}

/** A note of the meeting becomes a log entry linked to it. */
export async function addEntry(ctx: Ctx, id: string, input: Omit<LogEntryCreate, "meetingId">) {
  const meeting = await repo.findMeeting(ctx.db, ctx.user.orgId, id);
  if (!meeting) throw errors.notFound("Réunion");
  return createEntry(ctx, {
    ...input,
    occurredAt: input.occurredAt ?? new Date(meeting.held_at).toISOString(),
    meetingId: id,
  });
}
