import { type Static, Type } from "@sinclair/typebox";
import { Body, Pagination, Uuid } from "../http/schemas.js";

const rate = Type.Number({ minimum: 0, maximum: 1 });

export const AnalysisCreate = Body({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  mode: Type.Union([Type.Literal("days"), Type.Literal("waves")]),
  /** Simulated days (mode days) or eight-week waves (mode waves). */
  iterations: Type.Integer({ minimum: 1, maximum: 50_000 }),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
  meanRate: rate,
  peakRate: Type.Optional(rate),
  peakDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  waveDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  meanAbsenceDays: Type.Optional(Type.Number({ minimum: 1, maximum: 60 })),
  teamCorrelation: Type.Optional(rate),
  siteCorrelation: Type.Optional(rate),
  closedSiteIds: Type.Optional(Type.Array(Uuid, { maxItems: 100 })),
  applicationsDown: Type.Optional(Type.Array(Uuid, { maxItems: 100 })),
  rankActions: Type.Optional(Type.Boolean()),
});
export type AnalysisCreate = Static<typeof AnalysisCreate>;

export const AnalysisQuery = Type.Object({ ...Pagination }, { additionalProperties: false });
