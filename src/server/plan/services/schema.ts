import { type Static, Type } from "@sinclair/typebox";
import { Body, Pagination, Uuid } from "../../http/schemas.js";

const name = Type.String({ minLength: 1, maxLength: 200 });
const parentId = Type.Union([Uuid, Type.Null()]);
const mailbox = Type.Union([Type.String({ format: "email", maxLength: 254 }), Type.Null()]);
const phone = Type.Union([Type.String({ maxLength: 40 }), Type.Null()]);

export const ServiceCreate = Body({
  name,
  parentId: Type.Optional(parentId),
  mailbox: Type.Optional(mailbox),
  phone: Type.Optional(phone),
});
export const ServiceUpdate = Body({
  name: Type.Optional(name),
  parentId: Type.Optional(parentId),
  mailbox: Type.Optional(mailbox),
  phone: Type.Optional(phone),
});
export const ServiceQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    archived: Type.Optional(Type.Boolean({ default: false })),
    parentId: Type.Optional(Uuid),
    /** Tree order: each service right after its parent (the default sort). */
    tree: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.Union([Type.Literal("tree"), Type.Literal("name"), Type.Literal("createdAt")])),
    order: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])),
    ...Pagination,
  },
  { additionalProperties: false },
);
export const ServiceView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  parentName: Type.Union([Type.String(), Type.Null()]),
  /** 0 for a top-level direction. */
  depth: Type.Integer(),
  /** Names from the top of the tree down to this service. */
  path: Type.Array(Type.String()),
  mailbox: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  archived: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export type ServiceCreate = Static<typeof ServiceCreate>;
export type ServiceUpdate = Static<typeof ServiceUpdate>;
export type ServiceQuery = Static<typeof ServiceQuery>;
export type ServiceView = Static<typeof ServiceView>;
