import { type Static, Type } from "@sinclair/typebox";
import { IsoDate } from "../http/schemas.js";

export const DashboardQuery = Type.Object(
  {
    day: Type.Optional(IsoDate),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 30 })),
  },
  { additionalProperties: false },
);

const count = Type.Integer({ minimum: 0 });
export const StatusCountsView = Type.Object({
  on_site: count,
  telework: count,
  on_call: count,
  sick: count,
  isolated: count,
  childcare: count,
  special_leave: count,
  off: count,
});

const headcount = {
  byStatus: StatusCountsView,
  /** Active agents with no status recorded for the day (history: against today's active agents). */
  notRecorded: Type.Integer(),
};
const HeadcountView = Type.Object(headcount);

export const ShortfallView = Type.Object({
  activity: Type.Object({
    id: Type.String(),
    name: Type.String(),
    criticality: Type.Integer(),
    serviceId: Type.String(),
    serviceName: Type.String(),
    siteId: Type.Union([Type.String(), Type.Null()]),
    siteName: Type.Union([Type.String(), Type.Null()]),
  }),
  minOnSite: count,
  minRemote: count,
  qualifiedTotal: count,
  qualifiedOnSite: count,
  qualifiedRemoteEquipped: count,
  teleworkNotEquipped: count,
  absent: count,
  notRecorded: count,
  missingOnSite: count,
  missingRemote: count,
  explanation: Type.String(),
});

export const DashboardView = Type.Object({
  day: Type.String(),
  days: Type.Integer(),
  /** "org": the whole organisation; "services": a service manager's services. */
  scope: Type.Union([Type.Literal("org"), Type.Literal("services")]),
  agents: Type.Integer(),
  today: HeadcountView,
  /** On site + teleworking + on call. */
  available: Type.Integer(),
  /** Teleworking / available, null when nobody is available. */
  teleworkShare: Type.Union([Type.Number(), Type.Null()]),
  equippedToday: Type.Integer(),
  history: Type.Array(Type.Object({ day: Type.String(), ...headcount })),
  equipped: Type.Array(Type.Object({ day: Type.String(), count: Type.Integer() })),
  shortfalls: Type.Array(ShortfallView),
});

export type DashboardQuery = Static<typeof DashboardQuery>;
export type DashboardView = Static<typeof DashboardView>;
export type ShortfallView = Static<typeof ShortfallView>;
