import { type Static, Type } from "@sinclair/typebox";
import { EQUIPMENT_KINDS } from "../../db/schema.js";
import { Body, IsoDate, Pagination, Uuid } from "../../http/schemas.js";

export const Kind = Type.Union(EQUIPMENT_KINDS.map((k) => Type.Literal(k)));

export const EquipmentCreate = Body({
  kind: Kind,
  label: Type.String({ minLength: 1, maxLength: 200, pattern: "\\S" }),
  assetTag: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
});
export const EquipmentQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    kind: Type.Optional(Kind),
    available: Type.Optional(Type.Boolean()),
    ...Pagination,
  },
  { additionalProperties: false },
);
export const LendBody = Body({ agentId: Uuid, lentOn: IsoDate });
export const ReturnBody = Body({ returnedOn: IsoDate });

export const EquipmentView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  label: Type.String(),
  assetTag: Type.Union([Type.String(), Type.Null()]),
  archived: Type.Boolean(),
  /** The open loan, if the item is lent out. */
  loan: Type.Union([
    Type.Object({ id: Type.String(), agentId: Type.String(), lentOn: Type.String() }),
    Type.Null(),
  ]),
  createdAt: Type.String(),
});
export const LoanView = Type.Object({
  id: Type.String(),
  equipmentId: Type.String(),
  kind: Type.String(),
  label: Type.String(),
  assetTag: Type.Union([Type.String(), Type.Null()]),
  agentId: Type.String(),
  lentOn: Type.String(),
  returnedOn: Type.Union([Type.String(), Type.Null()]),
});

export type EquipmentCreate = Static<typeof EquipmentCreate>;
export type EquipmentQuery = Static<typeof EquipmentQuery>;
export type EquipmentView = Static<typeof EquipmentView>;
export type LoanView = Static<typeof LoanView>;
