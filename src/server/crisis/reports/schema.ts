import { type Static, Type } from "@sinclair/typebox";
import { Body, Pagination } from "../../http/schemas.js";

export const ReportCreate = Body({
  /** The instant the figures describe; now by default, never in the future. */
  asOf: Type.Optional(Type.String({ format: "date-time" })),
  comment: Type.Optional(Type.String({ maxLength: 20_000 })),
});
export const ReportUpdate = Body({ comment: Type.String({ maxLength: 20_000 }) });
export const ReportQuery = Type.Object({ ...Pagination }, { additionalProperties: false });

export const ReportSummary = Type.Object({
  id: Type.String(),
  number: Type.Union([Type.Integer(), Type.Null()]),
  asOf: Type.String(),
  comment: Type.String(),
  origin: Type.String(),
  frozen: Type.Boolean(),
  frozenAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
/** The figures are the bilan engine's ReportFigures (documented there). */
export const ReportView = Type.Object({ ...ReportSummary.properties, figures: Type.Unknown() });
export const ReportPage = Type.Object({ items: Type.Array(ReportSummary), total: Type.Integer() });

export const ScheduleUpdate = Body({
  /** Time of day in the organisation's time zone, HH:MM (24 h). */
  timeOfDay: Type.String({ pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$" }),
  enabled: Type.Boolean(),
});
export const ScheduleView = Type.Object({
  timeOfDay: Type.Union([Type.String(), Type.Null()]),
  enabled: Type.Boolean(),
  timezone: Type.String(),
  lastRunOn: Type.Union([Type.String(), Type.Null()]),
  nextRunAt: Type.Union([Type.String(), Type.Null()]),
});

export type ReportCreate = Static<typeof ReportCreate>;
export type ReportUpdate = Static<typeof ReportUpdate>;
export type ReportSummary = Static<typeof ReportSummary>;
export type ScheduleUpdate = Static<typeof ScheduleUpdate>;
export type ScheduleView = Static<typeof ScheduleView>;
