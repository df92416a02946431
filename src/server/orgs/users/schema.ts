import { type Static, Type } from "@sinclair/typebox";
import { USER_ROLES, type UserRole } from "../../db/schema.js";
import { Body, Pagination, Uuid } from "../../http/schemas.js";

const role = Type.Unsafe<UserRole>({ type: "string", enum: [...USER_ROLES] });
const displayName = Type.String({ maxLength: 200 });
const nullableId = Type.Union([Uuid, Type.Null()]);

export const UserCreate = Body({
  email: Type.String({ minLength: 3, maxLength: 254 }),
  role,
  displayName: Type.Optional(displayName),
  serviceId: Type.Optional(nullableId),
  agentId: Type.Optional(nullableId),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});
export const UserUpdate = Body({
  role: Type.Optional(role),
  displayName: Type.Optional(displayName),
  serviceId: Type.Optional(nullableId),
  agentId: Type.Optional(nullableId),
});
export const UserQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    role: Type.Optional(role),
    serviceId: Type.Optional(Uuid),
    disabled: Type.Optional(Type.Boolean()),
    sort: Type.Optional(
      Type.Unsafe<"email" | "displayName" | "role" | "createdAt">({
        type: "string",
        enum: ["email", "displayName", "role", "createdAt"],
      }),
    ),
    order: Type.Optional(Type.Unsafe<"asc" | "desc">({ type: "string", enum: ["asc", "desc"] })),
    ...Pagination,
  },
  { additionalProperties: false },
);

const Ref = Type.Object({ id: Type.String(), name: Type.String() });
export const UserView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  serviceId: Type.Union([Type.String(), Type.Null()]),
  service: Type.Union([Ref, Type.Null()]),
  agentId: Type.Union([Type.String(), Type.Null()]),
  agent: Type.Union([Ref, Type.Null()]),
  disabled: Type.Boolean(),
  disabledAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export type UserCreate = Static<typeof UserCreate>;
export type UserUpdate = Static<typeof UserUpdate>;
export type UserQuery = Static<typeof UserQuery>;
export type UserView = Static<typeof UserView>;
