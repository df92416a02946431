import { type Static, Type } from "@sinclair/typebox";
import { Body, Uuid } from "../../http/schemas.js";
import { ModeSchema } from "../scenarios/schema.js";

const when = Type.String({ format: "date-time" });
const text = (max: number) => Type.String({ maxLength: max });

export const ActivationCreate = Body({
  scenarioId: Uuid,
  level: Type.Integer({ minimum: 1, maximum: 3 }),
  /** When the plan came into force; now by default (may be earlier, never in the future). */
  startedAt: Type.Optional(when),
  /** Sites closed; the scenario's by default. */
  siteIds: Type.Optional(Type.Array(Uuid, { maxItems: 500, uniqueItems: true })),
  note: Type.Optional(text(5000)),
});

export const ModesChange = Body({
  modes: Type.Array(Type.Object({ activityId: Uuid, mode: ModeSchema }, { additionalProperties: false }), {
    minItems: 1,
    maxItems: 5000,
  }),
  reason: Type.Optional(text(2000)),
});

export const Deactivation = Body({
  endedAt: Type.Optional(when),
  lessonsWorked: Type.String({ minLength: 1, maxLength: 20_000 }),
  lessonsToChange: Type.String({ minLength: 1, maxLength: 20_000 }),
});

export const ActivityModeView = Type.Object({
  activityId: Type.String(),
  activityName: Type.String(),
  serviceName: Type.String(),
  criticality: Type.Integer(),
  mode: ModeSchema,
});

export const ActivationView = Type.Object({
  id: Type.String(),
  scenarioId: Type.String(),
  scenarioName: Type.String(),
  level: Type.Integer(),
  startedAt: Type.String(),
  endedAt: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  siteIds: Type.Array(Type.String()),
  note: Type.String(),
  lessonsWorked: Type.Union([Type.String(), Type.Null()]),
  lessonsToChange: Type.Union([Type.String(), Type.Null()]),
  modes: Type.Optional(Type.Array(ActivityModeView)),
});
export const ActivationList = Type.Object({ items: Type.Array(ActivationView), total: Type.Integer() });
export const CurrentView = Type.Object({ activation: Type.Union([ActivationView, Type.Null()]) });

export type ActivationCreate = Static<typeof ActivationCreate>;
export type ModesChange = Static<typeof ModesChange>;
export type Deactivation = Static<typeof Deactivation>;
export type ActivationView = Static<typeof ActivationView>;
