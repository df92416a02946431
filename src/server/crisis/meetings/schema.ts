import { type Static, Type } from "@sinclair/typebox";
import { Body, Pagination } from "../../http/schemas.js";

const fields = {
  heldAt: Type.String({ format: "date-time" }),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  attendees: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 200 })),
  agenda: Type.Optional(Type.String({ maxLength: 20_000 })),
  notes: Type.Optional(Type.String({ maxLength: 50_000 })),
};
export const MeetingCreate = Body(fields);
export const MeetingUpdate = Body({
  ...fields,
  heldAt: Type.Optional(fields.heldAt),
  title: Type.Optional(fields.title),
});
export const MeetingQuery = Type.Object({ ...Pagination }, { additionalProperties: false });
export const MeetingView = Type.Object({
  id: Type.String(),
  activationId: Type.Union([Type.String(), Type.Null()]),
  heldAt: Type.String(),
  title: Type.String(),
  attendees: Type.Array(Type.String()),
  agenda: Type.String(),
  notes: Type.String(),
  entries: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export const MeetingPage = Type.Object({ items: Type.Array(MeetingView), total: Type.Integer() });

export type MeetingCreate = Static<typeof MeetingCreate>;
export type MeetingUpdate = Static<typeof MeetingUpdate>;
export type MeetingView = Static<typeof MeetingView>;
