import { type Static, Type } from "@sinclair/typebox";
import { Body, IsoDate, Pagination, Uuid } from "../http/schemas.js";
import { CALL_OUTCOMES } from "./tables.js";

const HHMM = Type.String({ pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$", description: "heure locale HH:MM" });
const Days = Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
  minItems: 1,
  maxItems: 7,
  uniqueItems: true,
});

export const RestrictionSchema = Type.Union([
  Type.Object({ kind: Type.Literal("always") }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal("opening_hours"), days: Days, start: HHMM, end: HHMM },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal("outside_hours"), days: Days, start: HHMM, end: HHMM },
    { additionalProperties: false },
  ),
]);

export const LineCreate = Body({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  phoneNumber: Type.Optional(Type.String({ maxLength: 30 })),
  serviceId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  ringSeconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 120 })),
});
export const LineUpdate = Body({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  phoneNumber: Type.Optional(Type.String({ maxLength: 30 })),
  serviceId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  ringSeconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 120 })),
});
export const RotationCreate = Body({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  participants: Type.Array(Uuid, { minItems: 1, maxItems: 200 }),
  startDate: IsoDate,
  handoffTime: HHMM,
  turnDays: Type.Integer({ minimum: 1, maximum: 366 }),
  restriction: Type.Optional(RestrictionSchema),
});
/** Any field of a rotation: members and their order, cycle, handoff time, restriction. */
export const RotationUpdate = Body({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  participants: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 200 })),
  startDate: Type.Optional(IsoDate),
  handoffTime: Type.Optional(HHMM),
  turnDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
  restriction: Type.Optional(RestrictionSchema),
});
export const OverrideCreate = Body({
  agentId: Uuid,
  start: Type.String({ format: "date-time" }),
  end: Type.String({ format: "date-time" }),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
});
export const AtQuery = Type.Object(
  { at: Type.Optional(Type.String({ format: "date-time" })) },
  { additionalProperties: false },
);
export const RangeQuery = Type.Object(
  { from: Type.String({ format: "date-time" }), to: Type.String({ format: "date-time" }) },
  { additionalProperties: false },
);
export const CallCreate = Body({
  lineId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  receivedAt: Type.Optional(Type.String({ format: "date-time" })),
  caller: Type.Optional(Type.String({ maxLength: 200 })),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  outcome: Type.Union(CALL_OUTCOMES.map((o) => Type.Literal(o))),
  durationSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
  serviceId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  partner: Type.Optional(Type.String({ maxLength: 200 })),
});
export const CallQuery = Type.Object(
  {
    lineId: Type.Optional(Uuid),
    from: Type.Optional(Type.String({ format: "date-time" })),
    to: Type.Optional(Type.String({ format: "date-time" })),
    outcome: Type.Optional(Type.Union(CALL_OUTCOMES.map((o) => Type.Literal(o)))),
    ...Pagination,
  },
  { additionalProperties: false },
);
export const CallStatsQuery = Type.Object({ from: IsoDate, to: IsoDate }, { additionalProperties: false });

export type LineCreate = Static<typeof LineCreate>;
export type LineUpdate = Static<typeof LineUpdate>;
export type RotationCreate = Static<typeof RotationCreate>;
export type RotationUpdate = Static<typeof RotationUpdate>;
export type OverrideCreate = Static<typeof OverrideCreate>;
export type CallCreate = Static<typeof CallCreate>;
export type CallQuery = Static<typeof CallQuery>;
