import { type Static, Type } from "@sinclair/typebox";
import { Body } from "../http/schemas.js";
import { ORG_TYPES } from "./service.js";

export const OrgView = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  type: Type.String(),
  timezone: Type.String(),
});
export const OrgUpdate = Body({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  type: Type.Optional(Type.Unsafe<(typeof ORG_TYPES)[number]>({ type: "string", enum: [...ORG_TYPES] })),
  /** IANA time zone, e.g. Europe/Paris, Pacific/Noumea (UTC+11). */
  timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});

export type OrgView = Static<typeof OrgView>;
export type OrgUpdate = Static<typeof OrgUpdate>;
