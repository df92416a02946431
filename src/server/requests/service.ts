// Service queues: who sees which requests, the queue view, the request file, and what staff do with
// it (assign, change status, notes, replies by e-mail through the outbox, move, merge, release from
// quarantine). Phone notes and calls become requests here too.
import type { Kysely } from "kysely";
import { writeAudit } from "../audit/repository.js";
import type { DB } from "../db/schema.js";
import { errors } from "../http/errors.js";
import { enqueueEmail } from "../notify/service.js";
import type { Ctx } from "../shared/context.js";
import { newId } from "../shared/ids.js";
import { serviceSubtree } from "../shared/scope.js";
import { createRequest } from "./intake.js";
import * as repo from "./repository.js";
import type {
  FromCall,
  PhoneNote,
  ReplyCreate,
  RequestDetail,
  RequestListItem,
  RequestQuery,
  RequestUpdate,
} from "./schema.js";
import { OPEN_STATUSES, type RequestStatus, type StoredFlag } from "./tables.js";
import { dueAt, loadOrgTriage, priorityRank } from "./triage.js";

// ---- Who sees what ----

/**
 * The services whose requests the user handles; null: the whole organisation (admin, PCA manager,
 * crisis cell). A service manager handles their service and its sub-services; an agent the service
 * of their agent record (or of their account).
 */
export async function requestScope(ctx: Ctx): Promise<string[] | null> {
  const { user } = ctx;
  if (user.role === "admin" || user.role === "pca_manager" || user.role === "crisis_cell") return null;
  if (user.role === "service_manager") return user.serviceId ? serviceSubtree(ctx, user.serviceId) : [];
  let serviceId = user.serviceId;
  if (user.agentId) {
    const agent = await ctx.db
      .selectFrom("agents")
      .select("service_id")
      .where("org_id", "=", user.orgId)
      .where("id", "=", user.agentId)
      .executeTakeFirst();
    serviceId = agent?.service_id ?? serviceId;
  }
  return serviceId ? [serviceId] : [];
}

const inScope = (scope: string[] | null, serviceId: string) => scope === null || scope.includes(serviceId);

/** A request the user may handle, else 404 (its existence is not disclosed). */
async function loadVisible(ctx: Ctx, id: string, db: Kysely<DB> = ctx.db) {
  // Inside a transaction every query must use it (PGlite has one connection).
  const row = await repo.findRequest(db, ctx.user.orgId, id);
  const scope = await requestScope({ ...ctx, db });
  if (!row || !inScope(scope, row.service_id)) throw errors.notFound("Demande");
  return { row, scope };
}

/**
 * Domestic-violence requests: the address and contact are shown only to the people handling the
 * case — staff of the service (manager or agent) and the person assigned — never in lists.
 */
function contactVisible(ctx: Ctx, row: repo.RequestRow): boolean {
  if (!row.sensitive) return true;
  if (row.assigned_to === ctx.user.id) return true;
  return ctx.user.role === "service_manager" || ctx.user.role === "agent";
}

// ---- Views ----

const iso = (d: Date | string) => new Date(d).toISOString();

function isOverdue(r: { due_at: Date | string; status: RequestStatus }, now: Date): boolean {
  return (r.status === "new" || r.status === "in_progress") && new Date(r.due_at) < now;
}

export function toListItem(r: repo.ListRow | repo.RequestRow, now = new Date()): RequestListItem {
  return {
    id: r.id,
    reference: r.reference,
    serviceId: r.service_id,
    channel: r.channel,
    status: r.status,
    priority: r.priority,
    urgent: r.urgent,
    flags: (r.flags as StoredFlag[]) ?? [],
    rule: r.rule_id ? { id: r.rule_id, name: r.rule_name ?? "" } : null,
    category: r.category,
    subject: r.subject,
    requesterName: r.sensitive ? null : r.requester_name,
    sensitive: r.sensitive,
    assignedTo: r.assigned_to,
    dueAt: iso(r.due_at),
    overdue: isOverdue(r, now),
    quarantineReason: r.quarantine_reason,
    reviewReason: r.review_reason,
    mergedInto: r.merged_into,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function detailOf(
  ctx: Ctx,
  row: repo.RequestRow,
  db: Kysely<DB> = ctx.db,
): Promise<RequestDetail> {
  const [messages, attachments, merged] = await Promise.all([
    repo.listMessages(db, row.id),
    repo.listAttachments(db, row.id),
    repo.mergedInto(db, row.id),
  ]);
  const visible = contactVisible(ctx, row);
  return {
    ...toListItem(row),
    requesterName: visible ? row.requester_name : null,
    message: row.message,
    toAddress: row.to_address,
    requester: {
      name: visible ? row.requester_name : null,
      email: visible ? row.requester_email : null,
      phone: visible ? row.requester_phone : null,
      address: visible ? row.requester_address : null,
      number: visible ? row.requester_number : null,
      kind: row.requester_kind,
      visible,
    },
    consent: row.consent,
    relatedRequestId: row.related_request_id,
    callId: row.call_id,
    merged,
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      channel: m.channel,
      body: m.body,
      authorId: m.author_id,
      quarantineReason: m.quarantine_reason,
      createdAt: iso(m.created_at),
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      messageId: a.message_id,
      filename: a.filename,
      contentType: a.content_type,
      size: a.size_bytes,
      quarantineReason: a.quarantine_reason,
      createdAt: iso(a.created_at),
    })),
    anonymised: row.anonymised_at !== null,
  };
}

// ---- Queue ----

export async function listRequests(ctx: Ctx, q: RequestQuery, now = new Date()) {
  const scope = await requestScope(ctx);
  let serviceIds: string[] | null = scope;
  if (q.serviceId) {
    // Asking for a service outside one's scope gives an empty list, not someone else's queue.
    serviceIds = inScope(scope, q.serviceId) ? [q.serviceId] : [];
  }
  const assignedTo =
    q.assignedTo === undefined
      ? undefined
      : q.assignedTo === "none"
        ? null
        : q.assignedTo === "me"
          ? ctx.user.id
          : q.assignedTo;
  const { items, total } = await repo.listRequests(ctx.db, {
    orgId: ctx.user.orgId,
    serviceIds,
    statuses: q.status,
    open: q.open,
    priority: q.priority,
    urgent: q.urgent,
    overdueAt: q.overdue ? now : undefined,
    assignedTo,
    channel: q.channel,
    quarantined: q.quarantined ?? false,
    q: q.q,
    limit: q.limit ?? 50,
    offset: q.offset ?? 0,
  });
  return { items: items.map((r) => toListItem(r, now)), total };
}

export async function getRequest(ctx: Ctx, id: string): Promise<RequestDetail> {
  const { row } = await loadVisible(ctx, id);
  return detailOf(ctx, row);
}

export async function getAttachment(ctx: Ctx, id: string, attachmentId: string) {
  const { row } = await loadVisible(ctx, id);
  const a = await repo.findAttachment(ctx.db, row.id, attachmentId);
  if (!a || a.content === null) throw errors.notFound("Pièce jointe");
  if (a.quarantine_reason && ctx.user.role !== "admin" && ctx.user.role !== "service_manager") {
    throw errors.forbidden(
      `Pièce jointe en quarantaine (${a.quarantine_reason}) : seul un responsable peut l'ouvrir.`,
    );
  }
  return { filename: a.filename, contentType: a.content_type, content: Buffer.from(a.content) };
}

// ---- Creation by staff ----

async function assertService(db: Kysely<DB>, orgId: string, serviceId: string, field = "serviceId") {
  const s = await repo.findService(db, orgId, serviceId);
  if (!s || s.archived_at) {
    throw errors.validation("Service inconnu.", [
      { field, message: "service inconnu dans cette organisation" },
    ]);
  }
  return s;
}

export async function createPhoneNote(ctx: Ctx, input: PhoneNote, extra: { callId?: string } = {}) {
  if (input.serviceId) await assertService(ctx.db, ctx.user.orgId, input.serviceId);
  const org = await loadOrgTriage(ctx.db, ctx.user.orgId);
  const { row } = await ctx.db.transaction().execute((trx) =>
    createRequest(trx, org, {
      channel: "phone",
      category: input.category,
      subject: input.subject,
      message: input.message,
      requester: input.requester ?? {},
      consent: input.consent ?? false,
      serviceId: input.serviceId ?? null,
      createdBy: ctx.user.id,
      callId: extra.callId ?? null,
      ip: ctx.ip,
      now: new Date(),
    }),
  );
  return detailOf(ctx, row);
}

/** A call of the call log becomes a request in one step; the call then points at it. */
export async function createFromCall(ctx: Ctx, callId: string, input: FromCall) {
  const call = await ctx.db
    .selectFrom("calls")
    .selectAll()
    .where("org_id", "=", ctx.user.orgId)
    .where("id", "=", callId)
    .executeTakeFirst();
  if (!call) throw errors.notFound("Appel");
  if (call.request_id) {
    throw errors.conflict("call_has_request", "Cet appel a déjà donné lieu à une demande.", [
      { field: "callId", message: `demande existante : ${call.request_id}` },
    ]);
  }
  const message = input.message ?? (call.reason.trim() || undefined);
  if (!message) {
    throw errors.validation("Décrivez la demande : l'appel n'a pas de motif enregistré.", [
      { field: "message", message: "champ obligatoire manquant" },
    ]);
  }
  if (input.serviceId) await assertService(ctx.db, ctx.user.orgId, input.serviceId);
  const org = await loadOrgTriage(ctx.db, ctx.user.orgId);
  const requester = { ...(input.requester ?? {}) };
  if (!requester.phone && /^[0-9+().\s-]{6,40}$/.test(call.caller)) requester.phone = call.caller;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const { row } = await createRequest(trx, org, {
      channel: "phone",
      category: input.category,
      subject: input.subject,
      message,
      requester,
      consent: input.consent ?? false,
      serviceId: input.serviceId ?? call.service_id ?? null,
      createdBy: ctx.user.id,
      callId,
      ip: ctx.ip,
      now: new Date(),
    });
    const updated = await trx
      .updateTable("calls")
      .set({ request_id: row.id, outcome: "request_created" })
      .where("org_id", "=", ctx.user.orgId)
      .where("id", "=", callId)
      .where("request_id", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw errors.conflict("call_has_request", "Cet appel a déjà donné lieu à une demande.");
    }
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "link_request",
      entity: "call",
      entityId: callId,
      before: { requestId: null, outcome: call.outcome },
      after: { requestId: row.id, outcome: "request_created" },
      ip: ctx.ip,
    });
    return row;
  });
  return detailOf(ctx, row);
}

// ---- Changes ----

async function event(trx: Kysely<DB>, ctx: Ctx, requestId: string, body: string) {
  await repo.insertMessage(trx, {
    id: newId(),
    org_id: ctx.user.orgId,
    request_id: requestId,
    kind: "event",
    channel: null,
    body,
    author_id: ctx.user.id,
  });
}

const STATUS_LABELS: Record<RequestStatus, string> = {
  new: "nouvelle",
  in_progress: "en cours",
  waiting_requester: "en attente du demandeur",
  resolved: "résolue",
  closed: "clôturée",
};

function statusPatch(status: RequestStatus, now: Date) {
  return {
    status,
    ...(status === "resolved" ? { resolved_at: now } : {}),
    ...(status === "closed" ? { closed_at: now } : {}),
    ...(OPEN_STATUSES.includes(status) ? { closed_at: null, resolved_at: null } : {}),
  };
}

export async function updateRequest(ctx: Ctx, id: string, input: RequestUpdate): Promise<RequestDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row: before } = await loadVisible(ctx, id, trx);
    if (before.anonymised_at) throw errors.conflict("request_anonymised", "Cette demande a été anonymisée.");
    if (before.merged_into && input.status && input.status !== "closed") {
      throw errors.conflict(
        "request_merged",
        "Cette demande a été fusionnée : traitez la demande principale.",
      );
    }
    if (input.assignedTo) {
      const u = await repo.findUserInOrg(trx, ctx.user.orgId, input.assignedTo);
      if (!u || u.disabled_at) {
        throw errors.validation("Personne inconnue.", [
          { field: "assignedTo", message: "compte inconnu ou désactivé" },
        ]);
      }
    }
    const now = new Date();
    const org = await loadOrgTriage(trx, ctx.user.orgId);
    const row = await repo.updateRequest(trx, ctx.user.orgId, id, {
      ...(input.status ? statusPatch(input.status, now) : {}),
      ...(input.priority
        ? {
            priority: input.priority,
            priority_rank: priorityRank(input.priority),
            due_at: input.dueAt ? undefined : dueAt(org, input.priority, new Date(before.created_at)),
          }
        : {}),
      ...(input.dueAt ? { due_at: new Date(input.dueAt) } : {}),
      ...(input.assignedTo !== undefined ? { assigned_to: input.assignedTo } : {}),
      ...(input.category !== undefined ? { category: input.category.trim() || null } : {}),
    });
    if (input.status && input.status !== before.status) {
      await event(trx, ctx, id, `Statut : ${STATUS_LABELS[before.status]} → ${STATUS_LABELS[input.status]}`);
    }
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "update",
      entity: "request",
      entityId: id,
      before: pick(before),
      after: pick(row),
      ip: ctx.ip,
    });
    return detailOf(ctx, row, trx);
  });
}

const pick = (r: repo.RequestRow) => ({
  status: r.status,
  priority: r.priority,
  dueAt: iso(r.due_at),
  assignedTo: r.assigned_to,
  serviceId: r.service_id,
  category: r.category,
});

export async function addNote(ctx: Ctx, id: string, body: string): Promise<RequestDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row } = await loadVisible(ctx, id, trx);
    const m = await repo.insertMessage(trx, {
      id: newId(),
      org_id: ctx.user.orgId,
      request_id: id,
      kind: "note",
      channel: null,
      body: body.trim(),
      author_id: ctx.user.id,
    });
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "note",
      entity: "request",
      entityId: id,
      after: { messageId: m.id },
      ip: ctx.ip,
    });
    const updated = await repo.updateRequest(trx, ctx.user.orgId, id, {});
    return detailOf(ctx, updated ?? row, trx);
  });
}

/**
 * A reply to the requester: shown on their follow-up page, and e-mailed through the outbox when
 * they gave an address and agreed to be contacted. The subject carries only the reference (which
 * lets their answer join the request), never personal data.
 */
export async function reply(ctx: Ctx, id: string, input: ReplyCreate): Promise<RequestDetail> {
  let text = input.body?.trim() ?? "";
  if (input.savedAnswerId) {
    const saved = await ctx.db
      .selectFrom("saved_answers")
      .select(["body", "service_id"])
      .where("org_id", "=", ctx.user.orgId)
      .where("id", "=", input.savedAnswerId)
      .where("archived_at", "is", null)
      .executeTakeFirst();
    const scope = saved?.service_id ? await requestScope(ctx) : null;
    if (!saved || (saved.service_id && !inScope(scope, saved.service_id))) {
      throw errors.validation("Réponse enregistrée inconnue.", [
        { field: "savedAnswerId", message: "introuvable, archivée ou d'un autre service" },
      ]);
    }
    text = text ? `${saved.body}\n\n${text}` : saved.body;
  }
  if (!text) {
    throw errors.validation("Écrivez la réponse ou choisissez une réponse enregistrée.", [
      { field: "body", message: "champ obligatoire manquant" },
    ]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const { row: before } = await loadVisible(ctx, id, trx);
    if (before.anonymised_at) throw errors.conflict("request_anonymised", "Cette demande a été anonymisée.");
    const m = await repo.insertMessage(trx, {
      id: newId(),
      org_id: ctx.user.orgId,
      request_id: id,
      kind: "reply",
      channel: before.requester_email && before.consent ? "email" : null,
      body: text,
      author_id: ctx.user.id,
    });
    const status = input.status ?? "waiting_requester";
    const row = await repo.updateRequest(trx, ctx.user.orgId, id, statusPatch(status, new Date()));
    let emailed = false;
    if (before.requester_email && before.consent) {
      await enqueueEmail(trx, {
        orgId: ctx.user.orgId,
        key: `request_reply:${id}:${m.id}`,
        kind: "request_reply",
        subject: `[${before.reference}] Réponse à votre demande`,
        text: [
          "Bonjour,",
          "",
          text,
          "",
          `Pour compléter votre demande, répondez à ce message en gardant la référence ${before.reference} dans l'objet,`,
          "ou utilisez le lien de suivi qui vous a été donné.",
        ].join("\n"),
        recipients: [before.requester_email],
      });
      emailed = true;
    }
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "reply",
      entity: "request",
      entityId: id,
      before: { status: before.status },
      after: { status: row.status, messageId: m.id, emailed },
      ip: ctx.ip,
    });
    return detailOf(ctx, row, trx);
  });
}

export async function moveRequest(ctx: Ctx, id: string, serviceId: string, reason: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const { row: before } = await loadVisible(ctx, id, trx);
    const target = await assertService(trx, ctx.user.orgId, serviceId);
    if (before.service_id === serviceId) {
      throw errors.validation("La demande est déjà dans ce service.", [
        { field: "serviceId", message: "service actuel" },
      ]);
    }
    const row = await repo.updateRequest(trx, ctx.user.orgId, id, {
      service_id: serviceId,
      assigned_to: null,
    });
    await event(trx, ctx, id, `Transférée au service « ${target.name} » : ${reason.trim()}`);
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "move",
      entity: "request",
      entityId: id,
      before: { serviceId: before.service_id },
      after: { serviceId, reason: reason.trim() },
      ip: ctx.ip,
    });
    // The mover may no longer see it: answer with what they are allowed to know.
    const scope = await requestScope({ ...ctx, db: trx });
    return inScope(scope, serviceId) ? detailOf(ctx, row, trx) : { ...toListItem(row), moved: true };
  });
}

/** Merges a duplicate into another request: the duplicate is closed and points at the main one. */
export async function mergeRequest(ctx: Ctx, id: string, intoId: string): Promise<RequestDetail> {
  if (id === intoId) {
    throw errors.validation("Une demande ne peut pas être fusionnée avec elle-même.", [
      { field: "intoId", message: "même demande" },
    ]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const { row: dup } = await loadVisible(ctx, id, trx);
    const { row: main } = await loadVisible(ctx, intoId, trx);
    if (dup.merged_into) throw errors.conflict("request_merged", "Cette demande est déjà fusionnée.");
    if (main.merged_into) {
      throw errors.conflict(
        "target_merged",
        "La demande principale est elle-même fusionnée : choisissez la demande finale.",
      );
    }
    const now = new Date();
    await repo.updateRequest(trx, ctx.user.orgId, id, { merged_into: intoId, ...statusPatch("closed", now) });
    await event(trx, ctx, id, `Fusionnée dans ${main.reference}`);
    await event(trx, ctx, intoId, `Doublon ${dup.reference} fusionné ici`);
    // The main request keeps the more urgent of the two.
    const row =
      dup.priority_rank > main.priority_rank
        ? await repo.updateRequest(trx, ctx.user.orgId, intoId, {
            priority: dup.priority,
            priority_rank: dup.priority_rank,
            urgent: dup.urgent || main.urgent,
            due_at: new Date(Math.min(new Date(dup.due_at).getTime(), new Date(main.due_at).getTime())),
          })
        : await repo.updateRequest(trx, ctx.user.orgId, intoId, {});
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "merge",
      entity: "request",
      entityId: id,
      before: { status: dup.status },
      after: { mergedInto: intoId },
      ip: ctx.ip,
    });
    return detailOf(ctx, row, trx);
  });
}

/** Someone looked at a quarantined request and lets it into the queue. */
export async function releaseRequest(ctx: Ctx, id: string): Promise<RequestDetail> {
  if (ctx.user.role === "agent" || ctx.user.role === "crisis_cell") {
    throw errors.forbidden("Seul un responsable peut sortir une demande de la quarantaine.");
  }
  return ctx.db.transaction().execute(async (trx) => {
    const { row: before } = await loadVisible(ctx, id, trx);
    if (!before.quarantine_reason) {
      throw errors.conflict("not_quarantined", "Cette demande n'est pas en quarantaine.");
    }
    // A message discarded earlier comes back into the queue as a new request.
    const row = await repo.updateRequest(trx, ctx.user.orgId, id, {
      quarantine_reason: null,
      ...(before.status === "closed" ? statusPatch("new", new Date()) : {}),
    });
    await event(trx, ctx, id, `Sortie de quarantaine (motif : ${before.quarantine_reason})`);
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "release",
      entity: "request",
      entityId: id,
      before: { quarantineReason: before.quarantine_reason },
      after: { quarantineReason: null },
      ip: ctx.ip,
    });
    return detailOf(ctx, row, trx);
  });
}

/**
 * A manager sets aside a quarantined request (spam, unreadable message). Nothing is deleted: the
 * request stays with its raw message and quarantine reason, closed (so the retention job
 * anonymises it in due time), with the reason it was discarded in its history and the audit log.
 */
export async function discardRequest(ctx: Ctx, id: string, reason: string): Promise<RequestDetail> {
  if (ctx.user.role === "agent" || ctx.user.role === "crisis_cell") {
    throw errors.forbidden("Seul un responsable peut écarter une demande en quarantaine.");
  }
  const why = reason.trim();
  if (why.length < 3) {
    throw errors.validation("Indiquez pourquoi ce message est écarté.", [
      { field: "reason", message: "au moins 3 caractères" },
    ]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const { row: before } = await loadVisible(ctx, id, trx);
    if (!before.quarantine_reason) {
      throw errors.conflict("not_quarantined", "Cette demande n'est pas en quarantaine.");
    }
    if (before.status === "closed") {
      throw errors.conflict("already_discarded", "Cette demande en quarantaine est déjà écartée.");
    }
    const row = await repo.updateRequest(trx, ctx.user.orgId, id, statusPatch("closed", new Date()));
    await event(trx, ctx, id, `Écartée depuis la quarantaine : ${why}`);
    await writeAudit(trx, {
      orgId: ctx.user.orgId,
      userId: ctx.user.id,
      action: "discard",
      entity: "request",
      entityId: id,
      before: { status: before.status, quarantineReason: before.quarantine_reason },
      after: { status: "closed", reason: why },
      ip: ctx.ip,
    });
    return detailOf(ctx, row, trx);
  });
}
