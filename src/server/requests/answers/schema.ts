import { type Static, Type } from "@sinclair/typebox";
import { Body, Uuid } from "../../http/schemas.js";

const title = Type.String({ minLength: 1, maxLength: 200 });
const body = Type.String({ minLength: 1, maxLength: 10_000 });

export const AnswerCreate = Body({ title, body, serviceId: Type.Optional(Type.Union([Uuid, Type.Null()])) });
export const AnswerUpdate = Body({
  title: Type.Optional(title),
  body: Type.Optional(body),
  serviceId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  /** true: archive (no longer offered when replying); false: bring it back. */
  archived: Type.Optional(Type.Boolean()),
});
export const AnswerQuery = Type.Object(
  {
    serviceId: Type.Optional(Uuid),
    /** Also list archived answers (the management page). */
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const AnswerView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  serviceId: Type.Union([Type.String(), Type.Null()]),
  archived: Type.Boolean(),
  updatedAt: Type.String(),
});
export type AnswerQuery = Static<typeof AnswerQuery>;

export type AnswerCreate = Static<typeof AnswerCreate>;
export type AnswerUpdate = Static<typeof AnswerUpdate>;
export type AnswerView = Static<typeof AnswerView>;
