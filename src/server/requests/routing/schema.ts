import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { FLAG_CODES } from "../../../engines/triage/lexicon.js";
import { Body, Uuid } from "../../http/schemas.js";
import { Channel, PriorityS } from "../schema.js";

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Words = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 200 });
const Flag = lit(FLAG_CODES);

export const RuleConditions = Type.Object(
  {
    channel: Type.Optional(Type.Array(Channel, { maxItems: 3 })),
    toAddress: Type.Optional(Type.Array(Type.String({ maxLength: 254 }), { maxItems: 50 })),
    category: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
    requesterKind: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
    anyWords: Type.Optional(Words),
    allWords: Type.Optional(Words),
    phrases: Type.Optional(Words),
    flags: Type.Optional(Type.Array(Flag, { maxItems: FLAG_CODES.length })),
  },
  { additionalProperties: false },
);

const name = Type.String({ minLength: 1, maxLength: 200 });
const position = Type.Integer({ minimum: 0, maximum: 100_000 });

export const RuleCreate = Body({
  name,
  position: Type.Optional(position),
  enabled: Type.Optional(Type.Boolean()),
  conditions: RuleConditions,
  serviceId: Uuid,
  priority: PriorityS,
});
export const RuleUpdate = Body({
  name: Type.Optional(name),
  position: Type.Optional(position),
  enabled: Type.Optional(Type.Boolean()),
  conditions: Type.Optional(RuleConditions),
  serviceId: Type.Optional(Uuid),
  priority: Type.Optional(PriorityS),
});
export const RuleView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  position: Type.Integer(),
  enabled: Type.Boolean(),
  conditions: RuleConditions,
  serviceId: Type.String(),
  priority: PriorityS,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const Text = Type.String({ minLength: 1, maxLength: 10_000 });
export const TriageBody = Body({ text: Text });
const Named = Nullable(Type.Object({ id: Type.String(), name: Type.String() }));
const FlagView = Type.Object({ code: Type.String(), words: Type.Array(Type.String()) });
/** The exact contract of POST /api/triage. */
export const TriageView = Type.Object({
  urgent: Type.Boolean(),
  flags: Type.Array(FlagView),
  service: Named,
  rule: Named,
});

/** The rule editor's "test" button: a sample request against the saved rules, or unsaved ones. */
export const RuleTestBody = Body({
  text: Text,
  subject: Type.Optional(Type.String({ maxLength: 200 })),
  channel: Type.Optional(Channel),
  toAddress: Type.Optional(Type.String({ maxLength: 254 })),
  category: Type.Optional(Type.String({ maxLength: 100 })),
  requesterKind: Type.Optional(Type.String({ maxLength: 40 })),
  rules: Type.Optional(
    Type.Array(
      Type.Object(
        {
          id: Type.Optional(Type.String({ maxLength: 60 })),
          name,
          position: Type.Optional(position),
          enabled: Type.Optional(Type.Boolean()),
          conditions: RuleConditions,
          serviceId: Uuid,
          priority: PriorityS,
        },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
  ),
});
export const RuleTestView = Type.Object({
  urgent: Type.Boolean(),
  flags: Type.Array(FlagView),
  suppressed: Type.Array(
    Type.Object({ code: Type.String(), words: Type.Array(Type.String()), reason: Type.String() }),
  ),
  service: Named,
  rule: Named,
  priority: PriorityS,
  raisedByUrgency: Type.Boolean(),
});

const Patterns = Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 2000 });
const FlagExtension = Type.Object(
  {
    severity: Type.Optional(lit(["critical", "normal"] as const)),
    terms: Type.Optional(Patterns),
    combos: Type.Optional(
      Type.Array(
        Type.Object(
          {
            parts: Type.Array(Patterns, { minItems: 2, maxItems: 6 }),
            window: Type.Integer({ minimum: 1, maximum: 50 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 200 },
      ),
    ),
    falseAlarms: Type.Optional(Patterns),
    remove: Type.Optional(Patterns),
  },
  { additionalProperties: false },
);
export const LexiconExtensionS = Type.Object(
  {
    flags: Type.Optional(
      Type.Object(Object.fromEntries(FLAG_CODES.map((c) => [c, Type.Optional(FlagExtension)])), {
        additionalProperties: false,
      }),
    ),
    negation: Type.Optional(
      Type.Object(
        {
          cues: Type.Optional(Patterns),
          window: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
          clauseBreakers: Type.Optional(Patterns),
        },
        { additionalProperties: false },
      ),
    ),
    notUrgent: Type.Optional(Patterns),
  },
  { additionalProperties: false },
);

export const SettingsBody = Body({
  defaultServiceId: Type.Optional(Nullable(Uuid)),
  dueHours: Type.Optional(
    Type.Object(
      {
        urgent: Type.Integer({ minimum: 1, maximum: 8760 }),
        high: Type.Integer({ minimum: 1, maximum: 8760 }),
        normal: Type.Integer({ minimum: 1, maximum: 8760 }),
        low: Type.Integer({ minimum: 1, maximum: 8760 }),
      },
      { additionalProperties: false },
    ),
  ),
  retentionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
});
export const SettingsView = Type.Object({
  defaultServiceId: Nullable(Type.String()),
  dueHours: Type.Object({
    urgent: Type.Integer(),
    high: Type.Integer(),
    normal: Type.Integer(),
    low: Type.Integer(),
  }),
  retentionDays: Type.Integer(),
});

export type RuleCreate = Static<typeof RuleCreate>;
export type RuleUpdate = Static<typeof RuleUpdate>;
export type RuleView = Static<typeof RuleView>;
export type RuleTestBody = Static<typeof RuleTestBody>;
export type SettingsBody = Static<typeof SettingsBody>;
