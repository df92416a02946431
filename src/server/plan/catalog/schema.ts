// Skills and applications: two small catalogues of the plan, same shape (applications add a
// description), same rules: names unique in the organisation whatever the case.
import { type Static, Type } from "@sinclair/typebox";
import { Body, Pagination } from "../../http/schemas.js";

const name = Type.String({ minLength: 1, maxLength: 200 });
const description = Type.String({ maxLength: 2000 });

export const SkillCreate = Body({ name });
export const SkillUpdate = Body({ name: Type.Optional(name) });
export const ApplicationCreate = Body({ name, description: Type.Optional(description) });
export const ApplicationUpdate = Body({ name: Type.Optional(name), description: Type.Optional(description) });

export const CatalogQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    archived: Type.Optional(Type.Boolean({ default: false })),
    sort: Type.Optional(Type.Union([Type.Literal("name"), Type.Literal("createdAt")])),
    order: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])),
    ...Pagination,
  },
  { additionalProperties: false },
);

export const SkillView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  archived: Type.Boolean(),
  createdAt: Type.String(),
});
export const ApplicationView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  archived: Type.Boolean(),
  createdAt: Type.String(),
});

export type CatalogKind = "skills" | "applications";
export type CatalogInput = { name?: string; description?: string };
export type CatalogQuery = Static<typeof CatalogQuery>;
export type SkillView = Static<typeof SkillView>;
export type ApplicationView = Static<typeof ApplicationView>;
