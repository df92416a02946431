import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { Body } from "../../http/schemas.js";
import { Category, MessageText } from "../schema.js";

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** The public form (JSON, or multipart with the same field names plus files). */
export const PublicRequestBody = Body({
  /** The organisation's short name (slug), as in its form's address. */
  org: Type.String({ minLength: 1, maxLength: 80 }),
  category: Type.Optional(Category),
  message: MessageText,
  name: Type.Optional(Type.String({ maxLength: 200 })),
  email: Type.Optional(Type.String({ maxLength: 254, pattern: "^$|^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$" })),
  phone: Type.Optional(Type.String({ maxLength: 40, pattern: "^[0-9+().\\s-]*$" })),
  address: Type.Optional(Type.String({ maxLength: 500 })),
  /** Tenant, applicant or beneficiary number. */
  number: Type.Optional(Type.String({ maxLength: 60 })),
  kind: Type.Optional(Type.String({ maxLength: 40 })),
  consent: Type.Boolean(),
  /** Honeypot: hidden from people, filled by robots. */
  website: Type.Optional(Type.String({ maxLength: 2000 })),
  /** JSON clients may send small files as base64 (multipart is the usual way). */
  attachments: Type.Optional(
    Type.Array(
      Type.Object(
        {
          filename: Type.String({ minLength: 1, maxLength: 200 }),
          contentType: Type.String({ minLength: 1, maxLength: 200 }),
          content: Type.String({ maxLength: 1_000_000, contentEncoding: "base64" }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 5 },
    ),
  ),
});

export const PublicMessageBody = Body({
  message: MessageText,
  website: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const TokenParams = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const PublicAnswer = Type.Object({
  reference: Type.String(),
  /** The secret of the follow-up link (256 bits): keep it, it is shown only once. */
  token: Type.String(),
  followUpUrl: Type.String(),
  message: Type.String(),
});

const Attachment = Type.Object({ filename: Type.String(), size: Type.Integer() });
export const PublicRequestView = Type.Object({
  reference: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  category: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  message: Type.String(),
  attachments: Type.Array(Attachment),
  /** The requester's own additions and the staff replies meant for them (never internal notes). */
  messages: Type.Array(
    Type.Object({
      from: Type.Union([Type.Literal("requester"), Type.Literal("staff")]),
      body: Type.String(),
      createdAt: Type.String(),
      attachments: Type.Array(Attachment),
    }),
  ),
  mergedInto: Nullable(Type.String()),
});

export type PublicRequestBody = Static<typeof PublicRequestBody>;
export type PublicMessageBody = Static<typeof PublicMessageBody>;
export type PublicAnswer = Static<typeof PublicAnswer>;
export type PublicRequestView = Static<typeof PublicRequestView>;
