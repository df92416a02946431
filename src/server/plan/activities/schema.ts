import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { EQUIPMENT_KINDS, type EquipmentKind } from "../../db/schema.js";
import { Body, Pagination, Uuid } from "../../http/schemas.js";

export const MODES = ["on_site", "remote", "mixed", "suspended"] as const;
export type Mode = (typeof MODES)[number];

/** A string among fixed values, validated with `enum` (one clear message naming the values). */
const StringEnum = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T>({ type: "string", enum: [...values] });

const name = Type.String({ minLength: 1, maxLength: 200 });
const description = Type.String({ maxLength: 5000 });
const criticality = Type.Integer({ minimum: 1, maximum: 4 });
const maxInterruptionHours = Type.Integer({ minimum: 0, maximum: 8760 });
const minimumService = Type.String({ maxLength: 2000 });
const headcount = Type.Integer({ minimum: 0, maximum: 10_000 });
const modes = Type.Array(StringEnum<Mode>(MODES), { minItems: 1, maxItems: 4 });
const ids = Type.Array(Uuid, { maxItems: 200 });
const equipmentKinds = Type.Array(StringEnum<EquipmentKind>(EQUIPMENT_KINDS), { maxItems: 20 });
const hours = Type.String({ maxLength: 500 });
const siteId = Type.Union([Uuid, Type.Null()]);

export const ActivityCreate = Body({
  serviceId: Uuid,
  siteId: Type.Optional(siteId),
  name,
  description: Type.Optional(description),
  criticality,
  maxInterruptionHours,
  minimumService: Type.Optional(minimumService),
  minOnSite: Type.Optional(headcount),
  minRemote: Type.Optional(headcount),
  modes,
  skillIds: Type.Optional(ids),
  applicationIds: Type.Optional(ids),
  equipmentKinds: Type.Optional(equipmentKinds),
  hours: Type.Optional(hours),
});
export const ActivityUpdate = Body({
  serviceId: Type.Optional(Uuid),
  siteId: Type.Optional(siteId),
  name: Type.Optional(name),
  description: Type.Optional(description),
  criticality: Type.Optional(criticality),
  maxInterruptionHours: Type.Optional(maxInterruptionHours),
  minimumService: Type.Optional(minimumService),
  minOnSite: Type.Optional(headcount),
  minRemote: Type.Optional(headcount),
  modes: Type.Optional(modes),
  skillIds: Type.Optional(ids),
  applicationIds: Type.Optional(ids),
  equipmentKinds: Type.Optional(equipmentKinds),
  hours: Type.Optional(hours),
});

export const ACTIVITY_SORTS = ["name", "criticality", "maxInterruptionHours", "service"] as const;
export const ActivityQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    /** The service and all its sub-services. */
    serviceId: Type.Optional(Uuid),
    siteId: Type.Optional(Uuid),
    skillId: Type.Optional(Uuid),
    applicationId: Type.Optional(Uuid),
    criticality: Type.Optional(Type.Array(criticality, { maxItems: 4 })),
    mode: Type.Optional(StringEnum<Mode>(MODES)),
    archived: Type.Optional(Type.Boolean({ default: false })),
    sort: Type.Optional(StringEnum(ACTIVITY_SORTS)),
    order: Type.Optional(StringEnum(["asc", "desc"] as const)),
    ...Pagination,
  },
  { additionalProperties: false },
);

const Ref = Type.Object({ id: Type.String(), name: Type.String() });
const Nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);

export const ActivityView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  serviceId: Type.String(),
  service: Ref,
  siteId: Nullable(Type.String()),
  site: Nullable(Ref),
  criticality: Type.Integer(),
  maxInterruptionHours: Type.Integer(),
  minimumService: Type.String(),
  minOnSite: Type.Integer(),
  minRemote: Type.Integer(),
  modes: Type.Array(Type.String()),
  skills: Type.Array(Ref),
  applications: Type.Array(Ref),
  equipmentKinds: Type.Array(Type.String()),
  hours: Type.String(),
  archived: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export type ActivityCreate = Static<typeof ActivityCreate>;
export type ActivityUpdate = Static<typeof ActivityUpdate>;
export type ActivityQuery = Static<typeof ActivityQuery>;
export type ActivityView = Static<typeof ActivityView>;
export type Ref = Static<typeof Ref>;
