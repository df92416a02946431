import { type Static, Type } from "@sinclair/typebox";
import { STATUSES } from "../../db/schema.js";
import { Body, IsoDate, Uuid } from "../../http/schemas.js";

export const Status = Type.Union(STATUSES.map((s) => Type.Literal(s)));
/** Only the status is stored: never a reason or a diagnosis (RGPD). */
export const StatusSet = Body({ status: Status, siteId: Type.Optional(Type.Union([Uuid, Type.Null()])) });
export const StatusParams = Type.Object(
  { id: Uuid, day: Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" }) },
  { additionalProperties: false },
);
export const StatusRange = Type.Object(
  { from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) },
  { additionalProperties: false },
);
export const BulkStatus = Body({
  day: IsoDate,
  items: Type.Array(
    Body({ agentId: Uuid, status: Status, siteId: Type.Optional(Type.Union([Uuid, Type.Null()])) }),
    {
      minItems: 1,
      maxItems: 5000,
    },
  ),
});

export const DayStatusView = Type.Object({
  agentId: Type.String(),
  day: Type.String(),
  status: Type.String(),
  siteId: Type.Union([Type.String(), Type.Null()]),
  setBy: Type.Union([Type.String(), Type.Null()]),
  setAt: Type.String(),
});
export const StatusChangeView = Type.Object({
  day: Type.String(),
  status: Type.String(),
  previousStatus: Type.Union([Type.String(), Type.Null()]),
  siteId: Type.Union([Type.String(), Type.Null()]),
  setBy: Type.Union([Type.String(), Type.Null()]),
  setByEmail: Type.Union([Type.String(), Type.Null()]),
  setAt: Type.String(),
});
export const StatusHistory = Type.Object({
  from: Type.String(),
  to: Type.String(),
  items: Type.Array(DayStatusView),
  total: Type.Integer(),
  changes: Type.Array(StatusChangeView),
});
export const BulkResult = Type.Object({ day: Type.String(), set: Type.Integer(), unchanged: Type.Integer() });

export type StatusSet = Static<typeof StatusSet>;
export type BulkStatus = Static<typeof BulkStatus>;
export type DayStatusView = Static<typeof DayStatusView>;
export type StatusHistory = Static<typeof StatusHistory>;
