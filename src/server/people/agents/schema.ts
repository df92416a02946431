import { type Static, Type } from "@sinclair/typebox";
import { STATUSES } from "../../db/schema.js";
import { Body, IsoDate, Pagination, Uuid } from "../../http/schemas.js";

const staffNumber = Type.String({ minLength: 1, maxLength: 50, pattern: "\\S" });
const personName = Type.String({ minLength: 1, maxLength: 200, pattern: "\\S" });
const nullableText = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()]);

const editable = {
  lastName: personName,
  firstName: personName,
  serviceId: Uuid,
  siteId: Type.Union([Uuid, Type.Null()]),
  jobTitle: Type.String({ maxLength: 200 }),
  hiredOn: Type.Union([IsoDate, Type.Null()]),
  workTimePct: Type.Integer({ minimum: 0, maximum: 100 }),
  canTelework: Type.Boolean(),
  travelAuthorisation: Type.Boolean(),
  neverOnSite: Type.Boolean(),
  team: nullableText(100),
  phone: nullableText(40),
  email: Type.Union([Type.String({ format: "email", maxLength: 254 }), Type.Null()]),
  skillIds: Type.Array(Uuid, { maxItems: 200, uniqueItems: true }),
};

export const AgentCreate = Body({
  staffNumber,
  lastName: editable.lastName,
  firstName: editable.firstName,
  serviceId: editable.serviceId,
  siteId: Type.Optional(editable.siteId),
  jobTitle: Type.Optional(editable.jobTitle),
  hiredOn: Type.Optional(editable.hiredOn),
  workTimePct: Type.Optional(editable.workTimePct),
  canTelework: Type.Optional(editable.canTelework),
  travelAuthorisation: Type.Optional(editable.travelAuthorisation),
  neverOnSite: Type.Optional(editable.neverOnSite),
  team: Type.Optional(editable.team),
  phone: Type.Optional(editable.phone),
  email: Type.Optional(editable.email),
  skillIds: Type.Optional(editable.skillIds),
});

export const AgentUpdate = Body({
  staffNumber: Type.Optional(staffNumber),
  lastName: Type.Optional(editable.lastName),
  firstName: Type.Optional(editable.firstName),
  serviceId: Type.Optional(editable.serviceId),
  siteId: Type.Optional(editable.siteId),
  jobTitle: Type.Optional(editable.jobTitle),
  hiredOn: Type.Optional(editable.hiredOn),
  workTimePct: Type.Optional(editable.workTimePct),
  canTelework: Type.Optional(editable.canTelework),
  travelAuthorisation: Type.Optional(editable.travelAuthorisation),
  neverOnSite: Type.Optional(editable.neverOnSite),
  team: Type.Optional(editable.team),
  phone: Type.Optional(editable.phone),
  email: Type.Optional(editable.email),
  skillIds: Type.Optional(editable.skillIds),
});

const statusFilter = Type.Union([...STATUSES.map((s) => Type.Literal(s)), Type.Literal("none")]);

export const AgentQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    serviceId: Type.Optional(Uuid),
    siteId: Type.Optional(Uuid),
    canTelework: Type.Optional(Type.Boolean()),
    equipped: Type.Optional(Type.Boolean()),
    status: Type.Optional(statusFilter),
    archived: Type.Optional(Type.Boolean({ default: false })),
    sort: Type.Optional(
      Type.Union([
        Type.Literal("name"),
        Type.Literal("staffNumber"),
        Type.Literal("hiredOn"),
        Type.Literal("createdAt"),
      ]),
    ),
    order: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])),
    ...Pagination,
  },
  { additionalProperties: false },
);

export const AgentView = Type.Object({
  id: Type.String(),
  staffNumber: Type.String(),
  lastName: Type.String(),
  firstName: Type.String(),
  serviceId: Type.String(),
  siteId: Type.Union([Type.String(), Type.Null()]),
  jobTitle: Type.String(),
  hiredOn: Type.Union([Type.String(), Type.Null()]),
  workTimePct: Type.Integer(),
  canTelework: Type.Boolean(),
  travelAuthorisation: Type.Boolean(),
  neverOnSite: Type.Boolean(),
  team: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  skillIds: Type.Array(Type.String()),
  /** Holds today every equipment kind their activities need (laptop at least). */
  equippedToTelework: Type.Boolean(),
  missingKinds: Type.Array(Type.String()),
  statusToday: Type.Union([Type.String(), Type.Null()]),
  archived: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export type AgentCreate = Static<typeof AgentCreate>;
export type AgentUpdate = Static<typeof AgentUpdate>;
export type AgentQuery = Static<typeof AgentQuery>;
export type AgentView = Static<typeof AgentView>;
