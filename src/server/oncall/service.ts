// On-call lines: rotations, overrides, "who is on call now", feeds for phone systems and calendars,
// and the log of calls received.
import type { Kysely, Selectable } from "kysely";
import { toICalendar } from "../../engines/calendar/ical.js";
import {
  type Line,
  overlappingOverride,
  type Restriction,
  schedule,
  whoIsOnCall,
} from "../../engines/oncall/rota.js";
import { writeAudit } from "../audit/repository.js";
import type { DB } from "../db/schema.js";
import { errors } from "../http/errors.js";
import { personalRosterEvents } from "../roster/service.js";
import type { Ctx } from "../shared/context.js";
import { newId, newToken, sha256 } from "../shared/ids.js";
import { serviceScope } from "../shared/scope.js";
import * as repo from "./repository.js";
import type {
  CallCreate,
  CallQuery,
  LineCreate,
  LineUpdate,
  OverrideCreate,
  RotationCreate,
  RotationUpdate,
} from "./schema.js";
import type { OncallLinesTable } from "./tables.js";

type LineRow = Selectable<OncallLinesTable>;

async function orgTimezone(db: Kysely<DB>, orgId: string): Promise<string> {
  const org = await db
    .selectFrom("orgs")
    .select("timezone")
    .where("id", "=", orgId)
    .executeTakeFirstOrThrow();
  return org.timezone;
}

/** "12/03/2026 à 08:00" in the organisation's time zone (messages people read). */
function localTime(d: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat("fr-FR", {
    timeZone: timezone,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")} à ${get("hour")}:${get("minute")}`;
}

/** Managers of the line's service (or org-wide planners) may edit a line. */
async function assertCanManage(ctx: Ctx, line: { service_id: string | null }): Promise<void> {
  const scope = await serviceScope(ctx);
  if (scope === null && (ctx.user.role === "admin" || ctx.user.role === "pca_manager")) return;
  if (ctx.user.role === "service_manager" && scope && line.service_id && scope.includes(line.service_id))
    return;
  throw errors.forbidden(
    "Seuls les responsables PCA ou le responsable du service peuvent modifier cette ligne d'astreinte.",
  );
}

async function loadLine(ctx: Ctx, id: string): Promise<LineRow> {
  const line = await repo.findLine(ctx.db, ctx.user.orgId, id);
  if (!line || line.archived_at) throw errors.notFound("Ligne d'astreinte");
  return line;
}

export async function engineLineFor(db: Kysely<DB>, line: LineRow, timezone: string): Promise<Line> {
  const [rotations, overrides] = await Promise.all([
    repo.listRotations(db, line.id),
    repo.listOverrides(db, line.id),
  ]);
  return {
    timezone,
    rotations: rotations.map((r) => ({
      id: r.id,
      name: r.name,
      participants: r.participants,
      startDate: r.start_date,
      handoffTime: r.handoff_time,
      turnDays: r.turn_days,
      restriction: r.restriction as Restriction,
    })),
    overrides: overrides.map((o) => ({
      id: o.id,
      personId: o.agent_id,
      start: new Date(o.starts_at),
      end: new Date(o.ends_at),
    })),
  };
}

const lineView = (l: LineRow) => ({
  id: l.id,
  name: l.name,
  phoneNumber: l.phone_number,
  serviceId: l.service_id,
  ringSeconds: l.ring_seconds,
});

async function validateService(ctx: Ctx, serviceId: string | null | undefined): Promise<void> {
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

export async function createLine(ctx: Ctx, input: LineCreate) {
  await validateService(ctx, input.serviceId);
  await assertCanManage(ctx, { service_id: input.serviceId ?? null });
  const token = newToken();
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("oncall_lines")
      .values({
        id,
        org_id: ctx.user.orgId,
        name: input.name.trim(),
        phone_number: input.phoneNumber?.trim() ?? "",
        service_id: input.serviceId ?? null,
        ring_seconds: input.ringSeconds ?? 20,
        feed_token_hash: sha256(token),
      })
      .execute();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "create",
      entity: "oncall_line",
      entityId: id,
      after: input,
      ip: ctx.ip,
    });
  });
  // The token is shown once: it lets the phone system and calendar apps read this line.
  return { ...lineView(await loadLine(ctx, id)), feedToken: token };
}

export async function updateLine(ctx: Ctx, id: string, input: LineUpdate) {
  const before = await loadLine(ctx, id);
  await assertCanManage(ctx, before);
  await validateService(ctx, input.serviceId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("oncall_lines")
      .set({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.phoneNumber !== undefined ? { phone_number: input.phoneNumber.trim() } : {}),
        ...(input.serviceId !== undefined ? { service_id: input.serviceId } : {}),
        ...(input.ringSeconds !== undefined ? { ring_seconds: input.ringSeconds } : {}),
      })
      .where("id", "=", id)
      .execute();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "update",
      entity: "oncall_line",
      entityId: id,
      before: lineView(before),
      after: input,
      ip: ctx.ip,
    });
  });
  return lineView(await loadLine(ctx, id));
}

export async function rotateFeedToken(ctx: Ctx, id: string) {
  const line = await loadLine(ctx, id);
  await assertCanManage(ctx, line);
  const token = newToken();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("oncall_lines")
      .set({ feed_token_hash: sha256(token) })
      .where("id", "=", id)
      .execute();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "rotate_token",
      entity: "oncall_line",
      entityId: id,
      ip: ctx.ip,
    });
  });
  return { feedToken: token };
}

async function describePeople(db: Kysely<DB>, orgId: string, ids: string[]) {
  const rows = await repo.agentsByIds(db, orgId, [...new Set(ids)]);
  return new Map(
    rows.map((a) => [
      a.id,
      { agentId: a.id, name: `${a.first_name} ${a.last_name}`, phone: a.phone, email: a.email },
    ]),
  );
}

/** The person on call at `at`, until when, and who follows (backups for the phone system). */
async function onCallAt(db: Kysely<DB>, orgId: string, line: LineRow, at: Date) {
  const tz = await orgTimezone(db, orgId);
  const engine = await engineLineFor(db, line, tz);
  const current = whoIsOnCall(engine, at);
  const horizon = new Date(at.getTime() + 62 * 86_400_000);
  const segments = schedule(engine, at, horizon);
  const following: string[] = [];
  for (const s of segments) {
    if (s.personId !== current?.personId && !following.includes(s.personId)) following.push(s.personId);
    if (following.length >= 3) break;
  }
  const people = await describePeople(db, orgId, [...(current ? [current.personId] : []), ...following]);
  return {
    line: lineView(line),
    at: at.toISOString(),
    timezone: tz,
    onCall: current
      ? {
          ...people.get(current.personId),
          source: current.source,
          until: segments[0]?.end.toISOString() ?? null,
        }
      : null,
    next: following.map((id) => people.get(id)).filter((p) => p !== undefined),
  };
}

export async function listLines(ctx: Ctx, at = new Date()) {
  const lines = await repo.listLines(ctx.db, ctx.user.orgId);
  return {
    items: await Promise.all(lines.map((l) => onCallAt(ctx.db, ctx.user.orgId, l, at))),
    total: lines.length,
  };
}

export async function getLine(ctx: Ctx, id: string) {
  const line = await loadLine(ctx, id);
  const [rotations, overrides] = await Promise.all([
    repo.listRotations(ctx.db, id),
    repo.listOverrides(ctx.db, id),
  ]);
  const people = await describePeople(ctx.db, ctx.user.orgId, [
    ...rotations.flatMap((r) => r.participants),
    ...overrides.map((o) => o.agent_id),
  ]);
  return {
    ...lineView(line),
    rotations: rotations.map((r) => ({
      id: r.id,
      name: r.name,
      position: r.position,
      participants: r.participants.map(
        (p) => people.get(p) ?? { agentId: p, name: "?", phone: null, email: null },
      ),
      startDate: r.start_date,
      handoffTime: r.handoff_time,
      turnDays: r.turn_days,
      restriction: r.restriction,
    })),
    overrides: overrides.map((o) => ({
      id: o.id,
      agent: people.get(o.agent_id) ?? null,
      start: new Date(o.starts_at).toISOString(),
      end: new Date(o.ends_at).toISOString(),
      reason: o.reason,
    })),
  };
}

export async function whoNow(ctx: Ctx, id: string, at: Date) {
  return onCallAt(ctx.db, ctx.user.orgId, await loadLine(ctx, id), at);
}

export async function lineSchedule(ctx: Ctx, id: string, from: Date, to: Date) {
  if (to <= from)
    throw errors.validation("La fin doit suivre le début.", [
      { field: "to", message: "doit être après from" },
    ]);
  if (to.getTime() - from.getTime() > 400 * 86_400_000)
    throw errors.validation("Période trop longue (400 jours au plus).", [
      { field: "to", message: "au plus 400 jours" },
    ]);
  const line = await loadLine(ctx, id);
  const tz = await orgTimezone(ctx.db, ctx.user.orgId);
  const segments = schedule(await engineLineFor(ctx.db, line, tz), from, to);
  const people = await describePeople(
    ctx.db,
    ctx.user.orgId,
    segments.map((s) => s.personId),
  );
  return {
    timezone: tz,
    items: segments.map((s) => ({
      start: s.start.toISOString(),
      end: s.end.toISOString(),
      source: s.source,
      person: people.get(s.personId) ?? null,
    })),
  };
}

async function assertAgents(ctx: Ctx, ids: string[]): Promise<void> {
  const found = await repo.agentsByIds(ctx.db, ctx.user.orgId, ids);
  const known = new Set(found.filter((a) => !a.archived_at).map((a) => a.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw errors.validation(
      "Agent inconnu dans cette organisation.",
      missing.map((m) => ({ field: "participants", message: `agent inconnu : ${m}` })),
    );
  }
}

export async function addRotation(ctx: Ctx, lineId: string, input: RotationCreate) {
  const line = await loadLine(ctx, lineId);
  await assertCanManage(ctx, line);
  await assertAgents(ctx, input.participants);
  const restriction = input.restriction ?? { kind: "always" as const };
  checkRestriction(restriction);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("oncall_rotations")
      .values({
        id,
        org_id: ctx.user.orgId,
        line_id: lineId,
        name: input.name.trim(),
        position: input.position ?? 0,
        participants: input.participants,
        start_date: input.startDate,
        handoff_time: input.handoffTime,
        turn_days: input.turnDays,
        restriction: JSON.stringify(restriction),
      })
      .execute();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "create",
      entity: "oncall_rotation",
      entityId: id,
      after: input,
      ip: ctx.ip,
    });
  });
  return getLine(ctx, lineId);
}

function checkRestriction(restriction: Restriction): void {
  if (restriction.kind !== "always" && restriction.start === restriction.end) {
    throw errors.validation("Les heures d'ouverture doivent avoir un début et une fin différents.", [
      { field: "restriction", message: "début = fin" },
    ]);
  }
}

export async function updateRotation(ctx: Ctx, lineId: string, rotationId: string, input: RotationUpdate) {
  const line = await loadLine(ctx, lineId);
  await assertCanManage(ctx, line);
  if (input.participants) await assertAgents(ctx, input.participants);
  if (input.restriction) checkRestriction(input.restriction);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("oncall_rotations")
      .selectAll()
      .where("org_id", "=", ctx.user.orgId)
      .where("line_id", "=", lineId)
      .where("id", "=", rotationId)
      .executeTakeFirst();
    if (!before) throw errors.notFound("Roulement");
    const after = await trx
      .updateTable("oncall_rotations")
      .set({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.position !== undefined ? { position: input.position } : {}),
        ...(input.participants !== undefined ? { participants: input.participants } : {}),
        ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
        ...(input.handoffTime !== undefined ? { handoff_time: input.handoffTime } : {}),
        ...(input.turnDays !== undefined ? { turn_days: input.turnDays } : {}),
        ...(input.restriction !== undefined ? { restriction: JSON.stringify(input.restriction) } : {}),
      })
      .where("id", "=", rotationId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "update",
      entity: "oncall_rotation",
      entityId: rotationId,
      before,
      after,
      ip: ctx.ip,
    });
  });
  return getLine(ctx, lineId);
}

export async function deleteRotation(ctx: Ctx, lineId: string, rotationId: string) {
  const line = await loadLine(ctx, lineId);
  await assertCanManage(ctx, line);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("oncall_rotations")
      .selectAll()
      .where("id", "=", rotationId)
      .where("line_id", "=", lineId)
      .executeTakeFirst();
    if (!before) throw errors.notFound("Roulement");
    await trx.deleteFrom("oncall_rotations").where("id", "=", rotationId).execute();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "delete",
      entity: "oncall_rotation",
      entityId: rotationId,
      before,
      ip: ctx.ip,
    });
  });
  return getLine(ctx, lineId);
}

export async function addOverride(ctx: Ctx, lineId: string, input: OverrideCreate) {
  const line = await loadLine(ctx, lineId);
  // An agent may take over a period themself; otherwise it is a manager's decision.
  if (!(ctx.user.role === "agent" && ctx.user.agentId === input.agentId)) await assertCanManage(ctx, line);
  await assertAgents(ctx, [input.agentId]);
  const start = new Date(input.start);
  const end = new Date(input.end);
  if (end <= start)
    throw errors.validation("La fin du remplacement doit suivre son début.", [
      { field: "end", message: "doit être après le début" },
    ]);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    // One writer of overrides per line at a time: two overlapping requests cannot both pass the check.
    await trx.selectFrom("oncall_lines").select("id").where("id", "=", lineId).forUpdate().execute();
    const existing = await repo.listOverrides(trx, lineId);
    const clash = overlappingOverride(
      existing.map((o) => ({
        id: o.id,
        personId: "line",
        start: new Date(o.starts_at),
        end: new Date(o.ends_at),
      })),
      { personId: "line", start, end },
    );
    if (clash) {
      const other = existing.find((o) => o.id === clash.id);
      const who = other
        ? (await describePeople(trx, ctx.user.orgId, [other.agent_id])).get(other.agent_id)
        : null;
      const tz = await orgTimezone(trx, ctx.user.orgId);
      throw errors.conflict(
        "override_overlap",
        `Ce remplacement chevauche celui ${who ? `de ${who.name} ` : ""}du ${localTime(clash.start, tz)} au ${localTime(clash.end, tz)} sur cette ligne : choisissez une autre période ou annulez d'abord l'autre remplacement.`,
        [{ field: "start", message: "période déjà couverte par un autre remplacement" }],
      );
    }
    await trx
      .insertInto("oncall_overrides")
      .values({
        id,
        org_id: ctx.user.orgId,
        line_id: lineId,
        agent_id: input.agentId,
        starts_at: start,
        ends_at: end,
        reason: input.reason ?? "",
        created_by: ctx.user.id,
      })
      .execute();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "create",
      entity: "oncall_override",
      entityId: id,
      after: input,
      ip: ctx.ip,
    });
  });
  return getLine(ctx, lineId);
}

export async function deleteOverride(ctx: Ctx, lineId: string, overrideId: string) {
  const line = await loadLine(ctx, lineId);
  const before = await ctx.db
    .selectFrom("oncall_overrides")
    .selectAll()
    .where("id", "=", overrideId)
    .where("line_id", "=", lineId)
    .executeTakeFirst();
  if (!before) throw errors.notFound("Remplacement");
  if (!(ctx.user.role === "agent" && ctx.user.agentId === before.agent_id)) await assertCanManage(ctx, line);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("oncall_overrides").where("id", "=", overrideId).execute();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "delete",
      entity: "oncall_override",
      entityId: overrideId,
      before,
      ip: ctx.ip,
    });
  });
  return getLine(ctx, lineId);
}

// ---- Feeds read with a secret token (phone system, calendar applications) ----

export async function followMe(db: Kysely<DB>, token: string, at: Date) {
  const line = await repo.findLineByToken(db, sha256(token));
  if (!line) throw errors.notFound("Ligne d'astreinte");
  const now = await onCallAt(db, line.org_id, line, at);
  const people = [now.onCall, ...now.next].filter((p): p is NonNullable<typeof p> => !!p && !!p.phone);
  return {
    line: now.line,
    at: now.at,
    numbers: people.map((p, i) => ({
      order: i + 1,
      name: p.name,
      number: (p.phone ?? "").replace(/\s+/g, ""),
      timeoutSeconds: line.ring_seconds,
    })),
  };
}

export async function lineFeed(db: Kysely<DB>, token: string, now: Date): Promise<string> {
  const line = await repo.findLineByToken(db, sha256(token));
  if (!line) throw errors.notFound("Ligne d'astreinte");
  const tz = await orgTimezone(db, line.org_id);
  const from = new Date(now.getTime() - 30 * 86_400_000);
  const segments = schedule(
    await engineLineFor(db, line, tz),
    from,
    new Date(now.getTime() + 120 * 86_400_000),
  );
  const people = await describePeople(
    db,
    line.org_id,
    segments.map((s) => s.personId),
  );
  return toICalendar(
    `Astreinte — ${line.name}`,
    segments.map((s) => ({
      uid: `oncall-${line.id}-${s.start.getTime()}@relais`,
      start: s.start,
      end: s.end,
      summary: `Astreinte ${line.name} : ${people.get(s.personId)?.name ?? "?"}`,
    })),
    now,
  );
}

export async function createPersonalFeed(ctx: Ctx) {
  if (!ctx.user.agentId)
    throw errors.badRequest("no_agent_record", "Votre compte n'est pas rattaché à une fiche agent.");
  const token = newToken();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("calendar_feeds").where("agent_id", "=", ctx.user.agentId!).execute();
    await trx
      .insertInto("calendar_feeds")
      .values({ token_hash: sha256(token), org_id: ctx.user.orgId, agent_id: ctx.user.agentId! })
      .execute();
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "create",
      entity: "calendar_feed",
      entityId: ctx.user.agentId,
      ip: ctx.ip,
    });
  });
  return { token, path: `/api/public/calendar/${token}.ics` };
}

/** A person's on-call turns over every line of their organisation. */
export async function personalFeed(db: Kysely<DB>, token: string, now: Date): Promise<string> {
  const feed = await db
    .selectFrom("calendar_feeds")
    .selectAll()
    .where("token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!feed) throw errors.notFound("Calendrier");
  const tz = await orgTimezone(db, feed.org_id);
  const lines = await repo.listLines(db, feed.org_id);
  const from = new Date(now.getTime() - 30 * 86_400_000);
  const to = new Date(now.getTime() + 120 * 86_400_000);
  const events = [];
  for (const line of lines) {
    for (const s of schedule(await engineLineFor(db, line, tz), from, to)) {
      if (s.personId !== feed.agent_id) continue;
      events.push({
        uid: `oncall-${line.id}-${feed.agent_id}-${s.start.getTime()}@relais`,
        start: s.start,
        end: s.end,
        summary: `Astreinte : ${line.name}`,
        description: line.phone_number ? `Ligne ${line.phone_number}` : undefined,
      });
    }
  }
  events.push(...(await personalRosterEvents(db, feed.org_id, feed.agent_id, from, to, tz)));
  return toICalendar("Mes astreintes (Relais)", events, now);
}

// ---- Call log ----

export async function logCall(ctx: Ctx, input: CallCreate) {
  if (input.lineId) await loadLine(ctx, input.lineId);
  await validateService(ctx, input.serviceId);
  if (input.outcome === "transferred_service" && !input.serviceId) {
    throw errors.validation("Indiquez le service vers lequel l'appel a été transféré.", [
      { field: "serviceId", message: "obligatoire pour un transfert vers un service" },
    ]);
  }
  if (input.outcome === "transferred_partner" && !input.partner?.trim()) {
    throw errors.validation("Indiquez le partenaire vers lequel l'appel a été orienté.", [
      { field: "partner", message: "obligatoire pour une orientation" },
    ]);
  }
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : new Date();
  if (receivedAt.getTime() > Date.now() + 5 * 60_000)
    throw errors.validation("Un appel ne peut pas être daté dans le futur.", [
      { field: "receivedAt", message: "date future" },
    ]);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertCall(trx, {
      id: newId(),
      orgId: ctx.user.orgId,
      lineId: input.lineId ?? null,
      receivedAt,
      caller: input.caller?.trim() ?? "",
      reason: input.reason?.trim() ?? "",
      outcome: input.outcome,
      durationSeconds: input.durationSeconds ?? 0,
      serviceId: input.serviceId ?? null,
      partner: input.partner?.trim() || null,
      takenBy: ctx.user.id,
    });
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "create",
      entity: "call",
      entityId: row.id,
      after: { outcome: row.outcome, lineId: row.line_id },
      ip: ctx.ip,
    });
    return callView(row);
  });
}

const callView = (c: Selectable<DB["calls"]>) => ({
  id: c.id,
  lineId: c.line_id,
  receivedAt: new Date(c.received_at).toISOString(),
  caller: c.caller,
  reason: c.reason,
  outcome: c.outcome,
  durationSeconds: c.duration_seconds,
  serviceId: c.service_id,
  partner: c.partner,
  requestId: c.request_id,
  takenBy: c.taken_by,
});

export async function listCalls(ctx: Ctx, q: CallQuery) {
  const scope = await serviceScope(ctx);
  // Agents see the calls they took; service managers those routed to their services.
  const { items, total } = await repo.listCalls(ctx.db, ctx.user.orgId, {
    ...q,
    limit: q.limit ?? 50,
    offset: q.offset ?? 0,
    takenBy: ctx.user.role === "agent" ? ctx.user.id : undefined,
    serviceIds: ctx.user.role === "service_manager" ? scope : null,
  });
  return { items: items.map(callView), total };
}

export async function callStats(ctx: Ctx, from: string, to: string) {
  if (to < from)
    throw errors.validation("La fin doit suivre le début.", [{ field: "to", message: "avant from" }]);
  const tz = await orgTimezone(ctx.db, ctx.user.orgId);
  const rows = await repo.callCountsByDay(ctx.db, ctx.user.orgId, tz, from, to);
  const days = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const d = days.get(r.day) ?? { total: 0 };
    d[r.outcome] = r.n;
    d.total += r.n;
    days.set(r.day, d);
  }
  return { timezone: tz, items: [...days.entries()].map(([day, counts]) => ({ day, ...counts })) };
}
