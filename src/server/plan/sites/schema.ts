import { type Static, Type } from "@sinclair/typebox";
import { Body, Pagination } from "../../http/schemas.js";

const name = Type.String({ minLength: 1, maxLength: 200 });
const address = Type.String({ maxLength: 500 });
const capacity = Type.Integer({ minimum: 0, maximum: 100_000 });

export const SiteCreate = Body({ name, address: Type.Optional(address), capacity });
export const SiteUpdate = Body({
  name: Type.Optional(name),
  address: Type.Optional(address),
  capacity: Type.Optional(capacity),
});
export const SiteQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    archived: Type.Optional(Type.Boolean({ default: false })),
    sort: Type.Optional(
      Type.Union([Type.Literal("name"), Type.Literal("capacity"), Type.Literal("createdAt")]),
    ),
    order: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])),
    ...Pagination,
  },
  { additionalProperties: false },
);
export const SiteView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  address: Type.String(),
  capacity: Type.Integer(),
  archived: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export type SiteCreate = Static<typeof SiteCreate>;
export type SiteUpdate = Static<typeof SiteUpdate>;
export type SiteQuery = Static<typeof SiteQuery>;
export type SiteView = Static<typeof SiteView>;
