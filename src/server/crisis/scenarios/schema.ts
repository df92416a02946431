import { type Static, Type } from "@sinclair/typebox";
import { Body, Uuid } from "../../http/schemas.js";

export const ModeSchema = Type.Union([
  Type.Literal("on_site"),
  Type.Literal("remote"),
  Type.Literal("mixed"),
  Type.Literal("reduced"),
  Type.Literal("suspended"),
]);
const ScenarioType = Type.Union([
  Type.Literal("pandemic"),
  Type.Literal("site_loss"),
  Type.Literal("it_outage"),
  Type.Literal("flood"),
  Type.Literal("heatwave"),
  Type.Literal("other"),
]);
const pct = Type.Integer({ minimum: 0, maximum: 100 });
const ModeChoice = Type.Object({ activityId: Uuid, mode: ModeSchema }, { additionalProperties: false });

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  type: ScenarioType,
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  absenteeismMeanPct: Type.Optional(pct),
  absenteeismPeakPct: Type.Optional(pct),
  peakWeeks: Type.Optional(Type.Integer({ minimum: 0, maximum: 104 })),
  durationDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
  siteIds: Type.Optional(Type.Array(Uuid, { maxItems: 500, uniqueItems: true })),
  applicationIds: Type.Optional(Type.Array(Uuid, { maxItems: 500, uniqueItems: true })),
  /** Modes chosen for some activities; the others keep the mode proposed from their criticality. */
  modes: Type.Optional(Type.Array(ModeChoice, { maxItems: 5000 })),
};

export const ScenarioCreate = Body(fields);
export const ScenarioUpdate = Body({
  ...fields,
  name: Type.Optional(fields.name),
  type: Type.Optional(fields.type),
});

export const ScenarioActivityMode = Type.Object({
  activityId: Type.String(),
  activityName: Type.String(),
  serviceName: Type.String(),
  criticality: Type.Integer(),
  mode: ModeSchema,
  proposed: ModeSchema,
  chosen: Type.Boolean(),
});

export const ScenarioView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: ScenarioType,
  description: Type.String(),
  absenteeismMeanPct: Type.Integer(),
  absenteeismPeakPct: Type.Integer(),
  peakWeeks: Type.Integer(),
  durationDays: Type.Integer(),
  siteIds: Type.Array(Type.String()),
  applicationIds: Type.Array(Type.String()),
  archived: Type.Boolean(),
  modes: Type.Array(ScenarioActivityMode),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export const ScenarioList = Type.Object({
  items: Type.Array(Type.Omit(ScenarioView, ["modes"])),
  total: Type.Integer(),
});
export const ScenarioQuery = Type.Object(
  { archived: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
);

export type ScenarioCreate = Static<typeof ScenarioCreate>;
export type ScenarioUpdate = Static<typeof ScenarioUpdate>;
export type ScenarioView = Static<typeof ScenarioView>;
export type ScenarioQuery = Static<typeof ScenarioQuery>;
