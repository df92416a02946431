import { type Static, Type } from "@sinclair/typebox";
import { Uuid } from "../../http/schemas.js";
import { ModeSchema } from "../scenarios/schema.js";

export const CoverageStatus = Type.Union([
  Type.Literal("covered"),
  Type.Literal("at_risk"),
  Type.Literal("not_covered"),
  Type.Literal("suspended"),
]);

export const BoardQuery = Type.Object(
  {
    serviceId: Type.Optional(Uuid),
    siteId: Type.Optional(Uuid),
    status: Type.Optional(CoverageStatus),
    /** Days of trend, today included. */
    days: Type.Optional(Type.Integer({ minimum: 2, maximum: 31, default: 7 })),
  },
  { additionalProperties: false },
);

const Req = Type.Object({ onSite: Type.Integer(), total: Type.Integer() });
export const BoardRow = Type.Object({
  activityId: Type.String(),
  name: Type.String(),
  serviceId: Type.String(),
  serviceName: Type.String(),
  siteId: Type.Union([Type.String(), Type.Null()]),
  criticality: Type.Integer(),
  mode: ModeSchema,
  qualified: Type.Integer(),
  onSite: Type.Integer(),
  remote: Type.Integer(),
  required: Req,
  status: CoverageStatus,
  margin: Type.Integer(),
  trend: Type.Union([Type.Literal("up"), Type.Literal("down"), Type.Literal("stable")]),
  history: Type.Array(
    Type.Object({
      day: Type.String(),
      onSite: Type.Integer(),
      remote: Type.Integer(),
      status: CoverageStatus,
    }),
  ),
});
export const BoardView = Type.Object({
  day: Type.String(),
  activation: Type.Union([
    Type.Object({
      id: Type.String(),
      scenarioName: Type.String(),
      level: Type.Integer(),
      startedAt: Type.String(),
    }),
    Type.Null(),
  ]),
  counts: Type.Object({
    covered: Type.Integer(),
    at_risk: Type.Integer(),
    not_covered: Type.Integer(),
    suspended: Type.Integer(),
  }),
  items: Type.Array(BoardRow),
});

export type BoardQuery = Static<typeof BoardQuery>;
export type BoardView = Static<typeof BoardView>;
