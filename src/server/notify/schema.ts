import { type Static, Type } from "@sinclair/typebox";
import { Pagination } from "../http/schemas.js";

const Status = Type.Union([
  Type.Literal("pending"),
  Type.Literal("sending"),
  Type.Literal("sent"),
  Type.Literal("failed"),
  Type.Literal("unknown"),
]);

export const OutboxQuery = Type.Object(
  { status: Type.Optional(Status), ...Pagination },
  { additionalProperties: false },
);

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const DeliveryView = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  recipient: Type.String(),
  status: Status,
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
  sentAt: Nullable(Type.String()),
  lastError: Nullable(Type.String()),
  kind: Type.String(),
  key: Type.String(),
  subject: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const OutboxPage = Type.Object({
  items: Type.Array(DeliveryView),
  total: Type.Integer(),
  counts: Type.Record(Type.String(), Type.Integer()),
});

export type OutboxQuery = Static<typeof OutboxQuery>;
