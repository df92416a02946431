import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { Body, Pagination, Uuid } from "../http/schemas.js";
import { MESSAGE_KINDS, REQUEST_CHANNELS, REQUEST_STATUSES } from "./tables.js";

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const Status = lit(REQUEST_STATUSES);
export const Channel = lit(REQUEST_CHANNELS);
export const PriorityS = lit(["low", "normal", "high", "urgent"] as const);

export const Category = Type.String({ maxLength: 100 });
export const MessageText = Type.String({ minLength: 1, maxLength: 10_000 });

export const RequesterInput = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.Optional(Type.String({ maxLength: 254, pattern: "^$|^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$" })),
    phone: Type.Optional(Type.String({ maxLength: 40, pattern: "^[0-9+().\\s-]*$" })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    number: Type.Optional(Type.String({ maxLength: 60 })),
    kind: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

/** A phone note by staff: a few fields. */
export const PhoneNote = Body({
  message: MessageText,
  subject: Type.Optional(Type.String({ maxLength: 200 })),
  category: Type.Optional(Category),
  serviceId: Type.Optional(Uuid),
  requester: Type.Optional(RequesterInput),
  consent: Type.Optional(Type.Boolean()),
});
export const FromCall = Body({
  message: Type.Optional(MessageText),
  subject: Type.Optional(Type.String({ maxLength: 200 })),
  category: Type.Optional(Category),
  serviceId: Type.Optional(Uuid),
  requester: Type.Optional(RequesterInput),
  consent: Type.Optional(Type.Boolean()),
});
export const CallParams = Type.Object({ callId: Uuid }, { additionalProperties: false });

export const RequestQuery = Type.Object(
  {
    serviceId: Type.Optional(Uuid),
    status: Type.Optional(Type.Array(Status, { maxItems: 5 })),
    open: Type.Optional(Type.Boolean()),
    priority: Type.Optional(PriorityS),
    urgent: Type.Optional(Type.Boolean()),
    overdue: Type.Optional(Type.Boolean()),
    assignedTo: Type.Optional(Type.Union([Uuid, Type.Literal("me"), Type.Literal("none")])),
    channel: Type.Optional(Channel),
    quarantined: Type.Optional(Type.Boolean({ default: false })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    ...Pagination,
  },
  { additionalProperties: false },
);

export const RequestUpdate = Body({
  status: Type.Optional(Status),
  priority: Type.Optional(PriorityS),
  assignedTo: Type.Optional(Nullable(Uuid)),
  dueAt: Type.Optional(Type.String({ format: "date-time" })),
  category: Type.Optional(Category),
});
export const NoteCreate = Body({ body: MessageText });
export const ReplyCreate = Body({
  body: Type.Optional(MessageText),
  savedAnswerId: Type.Optional(Uuid),
  /** Status after the reply (default: waiting for the requester). */
  status: Type.Optional(Status),
});
export const MoveBody = Body({ serviceId: Uuid, reason: Type.String({ minLength: 3, maxLength: 500 }) });
export const MergeBody = Body({ intoId: Uuid });
/** Setting aside a quarantined message (spam, unreadable): it is kept, closed, with the reason. */
export const DiscardBody = Body({ reason: Type.String({ minLength: 3, maxLength: 500 }) });
export const AttachmentParams = Type.Object(
  { id: Uuid, attachmentId: Uuid },
  { additionalProperties: false },
);

export const FlagView = Type.Object({ code: Type.String(), words: Type.Array(Type.String()) });

export const RequestListItem = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  serviceId: Type.String(),
  channel: Channel,
  status: Status,
  priority: PriorityS,
  urgent: Type.Boolean(),
  flags: Type.Array(FlagView),
  rule: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  category: Nullable(Type.String()),
  subject: Type.String(),
  requesterName: Nullable(Type.String()),
  sensitive: Type.Boolean(),
  assignedTo: Nullable(Type.String()),
  dueAt: Type.String(),
  overdue: Type.Boolean(),
  quarantineReason: Nullable(Type.String()),
  reviewReason: Nullable(Type.String()),
  mergedInto: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const MessageView = Type.Object({
  id: Type.String(),
  kind: lit(MESSAGE_KINDS),
  channel: Nullable(Channel),
  body: Type.String(),
  authorId: Nullable(Type.String()),
  quarantineReason: Nullable(Type.String()),
  createdAt: Type.String(),
});
export const AttachmentView = Type.Object({
  id: Type.String(),
  messageId: Nullable(Type.String()),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  quarantineReason: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const RequestDetail = Type.Composite([
  RequestListItem,
  Type.Object({
    message: Type.String(),
    toAddress: Nullable(Type.String()),
    requester: Type.Object({
      name: Nullable(Type.String()),
      email: Nullable(Type.String()),
      phone: Nullable(Type.String()),
      address: Nullable(Type.String()),
      number: Nullable(Type.String()),
      kind: Nullable(Type.String()),
      /** False when the contact details are hidden from this reader (domestic violence). */
      visible: Type.Boolean(),
    }),
    consent: Type.Boolean(),
    relatedRequestId: Nullable(Type.String()),
    callId: Nullable(Type.String()),
    merged: Type.Array(Type.Object({ id: Type.String(), reference: Type.String() })),
    messages: Type.Array(MessageView),
    attachments: Type.Array(AttachmentView),
    anonymised: Type.Boolean(),
  }),
]);

export type PhoneNote = Static<typeof PhoneNote>;
export type FromCall = Static<typeof FromCall>;
export type RequesterInput = Static<typeof RequesterInput>;
export type RequestQuery = Static<typeof RequestQuery>;
export type RequestUpdate = Static<typeof RequestUpdate>;
export type ReplyCreate = Static<typeof ReplyCreate>;
export type RequestListItem = Static<typeof RequestListItem>;
export type RequestDetail = Static<typeof RequestDetail>;
