import { type Static, Type } from "@sinclair/typebox";
import { Body, IsoDate, Pagination, Uuid } from "../../http/schemas.js";

export const LogKind = Type.Union([
  Type.Literal("information"),
  Type.Literal("event"),
  Type.Literal("decision"),
  Type.Literal("action"),
  Type.Literal("communication"),
]);
export const ActionState = Type.Union([
  Type.Literal("open"),
  Type.Literal("done"),
  Type.Literal("cancelled"),
]);
const ids = Type.Array(Uuid, { maxItems: 200, uniqueItems: true });

const fields = {
  kind: LogKind,
  title: Type.String({ minLength: 1, maxLength: 300 }),
  body: Type.Optional(Type.String({ maxLength: 20_000 })),
  /** When it happened; now by default. */
  occurredAt: Type.Optional(Type.String({ format: "date-time" })),
  serviceIds: Type.Optional(ids),
  activityIds: Type.Optional(ids),
  siteIds: Type.Optional(ids),
  /** Actions: who carries it (a name), optionally a user account, the due date and the state. */
  owner: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  ownerUserId: Type.Optional(Uuid),
  dueOn: Type.Optional(IsoDate),
};

export const LogEntryCreate = Body({ ...fields, meetingId: Type.Optional(Uuid) });
export const LogEntryCorrection = Body({
  ...fields,
  kind: Type.Optional(fields.kind),
  title: Type.Optional(fields.title),
  state: Type.Optional(ActionState),
  /** Why this version replaces the previous one (shown with the versions). */
  reason: Type.String({ minLength: 1, maxLength: 1000 }),
});

export const LogQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    kind: Type.Optional(LogKind),
    state: Type.Optional(ActionState),
    overdue: Type.Optional(Type.Boolean()),
    serviceId: Type.Optional(Uuid),
    activityId: Type.Optional(Uuid),
    siteId: Type.Optional(Uuid),
    meetingId: Type.Optional(Uuid),
    activationId: Type.Optional(Uuid),
    from: Type.Optional(Type.String({ format: "date-time" })),
    to: Type.Optional(Type.String({ format: "date-time" })),
    order: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])),
    ...Pagination,
  },
  { additionalProperties: false },
);
export const ExportQuery = Type.Object(
  {
    ...Type.Omit(LogQuery, ["limit", "offset"]).properties,
    format: Type.Optional(Type.Union([Type.Literal("csv"), Type.Literal("md")])),
  },
  { additionalProperties: false },
);
export const EntryParams = Type.Object({ entryId: Uuid }, { additionalProperties: false });

const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const LogEntryView = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  versionId: Type.String(),
  kind: LogKind,
  source: Type.String(),
  occurredAt: Type.String(),
  title: Type.String(),
  body: Type.String(),
  serviceIds: Type.Array(Type.String()),
  activityIds: Type.Array(Type.String()),
  siteIds: Type.Array(Type.String()),
  owner: nullable(Type.String()),
  ownerUserId: nullable(Type.String()),
  dueOn: nullable(Type.String()),
  state: Type.Union([ActionState, Type.Null()]),
  overdue: Type.Boolean(),
  meetingId: nullable(Type.String()),
  activationId: nullable(Type.String()),
  authorId: nullable(Type.String()),
  authorName: nullable(Type.String()),
  correctionReason: nullable(Type.String()),
  createdAt: Type.String(),
  versionCreatedAt: Type.String(),
  supersededAt: nullable(Type.String()),
});
export const LogPage = Type.Object({ items: Type.Array(LogEntryView), total: Type.Integer() });
export const LogEntryWithVersions = Type.Object({
  ...LogEntryView.properties,
  versions: Type.Array(LogEntryView),
});

export type LogEntryCreate = Static<typeof LogEntryCreate>;
export type LogEntryCorrection = Static<typeof LogEntryCorrection>;
export type LogQuery = Static<typeof LogQuery>;
export type ExportQuery = Static<typeof ExportQuery>;
export type LogEntryView = Static<typeof LogEntryView>;
