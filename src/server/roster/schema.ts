import { type Static, Type } from "@sinclair/typebox";
import { Body, IsoDate, Uuid } from "../http/schemas.js";

const weight = Type.Number({ minimum: 0, maximum: 1_000_000 });
export const RosterSettings = Type.Object(
  {
    maxConsecutive: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
    weights: Type.Optional(
      Type.Object(
        {
          under: Type.Optional(weight),
          over: Type.Optional(weight),
          person: Type.Optional(weight),
          teamMix: Type.Optional(weight),
          teamDay: Type.Optional(weight),
          fairness: Type.Optional(weight),
          request: Type.Optional(weight),
          change: Type.Optional(weight),
          away: Type.Optional(weight),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const PeriodCreate = Body({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  siteIds: Type.Array(Uuid, { minItems: 1, maxItems: 50 }),
  startDate: IsoDate,
  endDate: IsoDate,
  serviceId: Type.Optional(Uuid),
  settings: Type.Optional(RosterSettings),
});

export const NeedView = Type.Object({
  day: Type.String(),
  activityId: Type.String(),
  activityName: Type.String(),
  siteId: Type.String(),
  siteName: Type.String(),
  count: Type.Integer(),
});

export const NeedsUpdate = Body({
  items: Type.Array(
    Type.Object(
      { day: IsoDate, activityId: Uuid, count: Type.Integer({ minimum: 0, maximum: 10_000 }) },
      { additionalProperties: false },
    ),
    { minItems: 1, maxItems: 5000 },
  ),
});

export const LockSet = Body({ agentId: Uuid, day: IsoDate, activityId: Type.Union([Uuid, Type.Null()]) });
export const LockQuery = Type.Object({ agentId: Uuid, day: IsoDate }, { additionalProperties: false });
export const LockView = Type.Object({
  agentId: Type.String(),
  day: Type.String(),
  activityId: Type.Union([Type.String(), Type.Null()]),
});

export const SettingsUpdate = Body({
  maxConsecutive: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
  weights: Type.Optional(RosterSettings.properties.weights),
});

/** Personal on/off request: be on site (`onSite: true`) or not on site on a day. */
const requestFields = {
  day: IsoDate,
  onSite: Type.Boolean(),
  weight: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
};
export const RequestSet = Body({ agentId: Uuid, ...requestFields });
export const MyRequestSet = Body(requestFields);
export const RequestQuery = Type.Object({ agentId: Uuid, day: IsoDate }, { additionalProperties: false });
export const MyRequestQuery = Type.Object({ day: IsoDate }, { additionalProperties: false });
export const RequestView = Type.Object({
  agentId: Type.String(),
  day: Type.String(),
  onSite: Type.Boolean(),
  weight: Type.Integer(),
  note: Type.Union([Type.String(), Type.Null()]),
});
export const MyRequestsView = Type.Object({ items: Type.Array(RequestView) });

/** What the solver would refuse before running, and what it cannot avoid. */
export const CheckView = Type.Object({
  errors: Type.Array(
    Type.Object({
      code: Type.String(),
      message: Type.String(),
      agentId: Type.Union([Type.String(), Type.Null()]),
      day: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  warnings: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
  lowerBound: Type.Number(),
});

export const SolveBody = Body({
  seconds: Type.Optional(Type.Number({ minimum: 0.1, maximum: 600 })),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
});
export const SickBody = Body({
  agentId: Uuid,
  from: IsoDate,
  to: Type.Optional(IsoDate),
  seconds: Type.Optional(Type.Number({ minimum: 0.1, maximum: 120 })),
});

export const VersionParams = Type.Object({ id: Uuid, versionId: Uuid }, { additionalProperties: false });

const Issue = Type.Object({
  message: Type.String(),
  reason: Type.Optional(Type.String()),
  kind: Type.String(),
});
export const ChangeView = Type.Object({
  agentId: Type.String(),
  agentName: Type.String(),
  day: Type.String(),
  before: Type.Union([Type.String(), Type.Null()]),
  after: Type.Union([Type.String(), Type.Null()]),
});

export const VersionSummary = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal("draft"), Type.Literal("published")]),
  number: Type.Union([Type.Integer(), Type.Null()]),
  reason: Type.String(),
  score: Type.Number(),
  lowerBound: Type.Number(),
  /** (score - bound) / score, 0 when optimal. */
  gapPct: Type.Number(),
  terms: Type.Record(Type.String(), Type.Number()),
  counts: Type.Record(Type.String(), Type.Number()),
  violations: Type.Array(Issue),
  warnings: Type.Array(Issue),
  changes: Type.Array(ChangeView),
  seconds: Type.Number(),
  firstRosterSeconds: Type.Number(),
  moves: Type.Number(),
  createdAt: Type.String(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
});

export const AssignmentView = Type.Object({
  agentId: Type.String(),
  day: Type.String(),
  activityId: Type.String(),
  siteId: Type.String(),
});

export const VersionView = Type.Composite([
  VersionSummary,
  Type.Object({ assignments: Type.Array(AssignmentView) }),
]);

export const PeriodView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  serviceId: Type.Union([Type.String(), Type.Null()]),
  startDate: Type.String(),
  endDate: Type.String(),
  sites: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), capacity: Type.Integer() })),
  settings: RosterSettings,
  /** Activities on the period's sites (posts), needed or not. */
  activities: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), siteId: Type.String() })),
  needs: Type.Array(NeedView),
  locks: Type.Array(LockView),
  requests: Type.Array(RequestView),
  agents: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      team: Type.Union([Type.String(), Type.Null()]),
      /** Activities of the period the agent is qualified for (and may come on site). */
      qualified: Type.Array(Type.String()),
    }),
  ),
  publishedVersionId: Type.Union([Type.String(), Type.Null()]),
  versions: Type.Array(
    Type.Object({
      id: Type.String(),
      status: Type.String(),
      number: Type.Union([Type.Integer(), Type.Null()]),
      reason: Type.String(),
      score: Type.Number(),
      createdAt: Type.String(),
    }),
  ),
  createdAt: Type.String(),
});

export const PeriodListItem = Type.Object({
  id: Type.String(),
  name: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  publishedVersionId: Type.Union([Type.String(), Type.Null()]),
});

export const ScheduleQuery = Type.Object(
  { from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) },
  { additionalProperties: false },
);
export const ScheduleView = Type.Object({
  items: Type.Array(
    Type.Object({
      day: Type.String(),
      periodId: Type.String(),
      periodName: Type.String(),
      activityName: Type.String(),
      siteName: Type.String(),
      version: Type.Integer(),
    }),
  ),
});

export type RosterSettings = Static<typeof RosterSettings>;
export type PeriodCreate = Static<typeof PeriodCreate>;
export type NeedsUpdate = Static<typeof NeedsUpdate>;
export type LockSet = Static<typeof LockSet>;
export type SettingsUpdate = Static<typeof SettingsUpdate>;
export type RequestSet = Static<typeof RequestSet>;
export type MyRequestSet = Static<typeof MyRequestSet>;
export type RequestView = Static<typeof RequestView>;
export type CheckView = Static<typeof CheckView>;
export type SolveBody = Static<typeof SolveBody>;
export type SickBody = Static<typeof SickBody>;
export type VersionSummary = Static<typeof VersionSummary>;
export type VersionView = Static<typeof VersionView>;
export type PeriodView = Static<typeof PeriodView>;
export type ChangeView = Static<typeof ChangeView>;
export type ScheduleView = Static<typeof ScheduleView>;
