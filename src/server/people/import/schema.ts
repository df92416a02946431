import { type Static, Type } from "@sinclair/typebox";
import { Body } from "../../http/schemas.js";
import { IMPORT_FIELDS } from "./rows.js";

const mappingProps = Object.fromEntries(
  IMPORT_FIELDS.map((f) => [f, Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()]))]),
);

/** Column overrides: field → header name of the file (null to ignore a column). */
export const ImportMapping = Type.Object(mappingProps, { additionalProperties: false });

const options = {
  mode: Type.Optional(Type.Union([Type.Literal("preview"), Type.Literal("commit")], { default: "preview" })),
  onError: Type.Optional(Type.Union([Type.Literal("abort"), Type.Literal("skip")], { default: "abort" })),
  mapping: Type.Optional(ImportMapping),
  createMissingSites: Type.Optional(Type.Boolean({ default: false })),
  sheet: Type.Optional(Type.String({ maxLength: 100 })),
};

/** Options sent as multipart fields next to the file (mapping as a JSON string). */
export const ImportOptions = Type.Object(options, { additionalProperties: false });

/** The JSON alternative to multipart: the file in base64. */
export const ImportJsonBody = Body({
  fileName: Type.String({ minLength: 1, maxLength: 255 }),
  contentBase64: Type.String({ minLength: 1 }),
  ...options,
});

const Reason = Type.Object({ code: Type.String(), field: Type.String(), message: Type.String() });
const RowReport = Type.Object({
  row: Type.Integer(),
  staffNumber: Type.String(),
  reasons: Type.Array(Reason),
});
const nullableString = Type.Union([Type.String(), Type.Null()]);

export const ImportReport = Type.Object({
  mode: Type.String(),
  committed: Type.Boolean(),
  fileName: Type.String(),
  format: Type.String(),
  encoding: nullableString,
  separator: nullableString,
  sheet: nullableString,
  headers: Type.Array(Type.String()),
  mapping: Type.Record(Type.String(), nullableString),
  unmappedColumns: Type.Array(Type.String()),
  rows: Type.Integer(),
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  skillsCreated: Type.Array(Type.String()),
  sitesCreated: Type.Array(Type.String()),
  sample: Type.Array(
    Type.Object({
      row: Type.Integer(),
      staffNumber: Type.String(),
      lastName: Type.String(),
      firstName: Type.String(),
      service: Type.String(),
      site: Type.Optional(nullableString),
      jobTitle: Type.Optional(Type.String()),
      hiredOn: Type.Optional(nullableString),
      workTimePct: Type.Optional(Type.Integer()),
      canTelework: Type.Optional(Type.Boolean()),
      travelAuthorisation: Type.Optional(Type.Boolean()),
      neverOnSite: Type.Optional(Type.Boolean()),
      team: Type.Optional(nullableString),
      phone: Type.Optional(nullableString),
      email: Type.Optional(nullableString),
      skills: Type.Optional(Type.Array(Type.String())),
    }),
  ),
  errors: Type.Array(RowReport),
});

export const ImportRejected = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Array(
      Type.Object({
        field: Type.Optional(Type.String()),
        row: Type.Optional(Type.Integer()),
        message: Type.String(),
      }),
    ),
  }),
  report: ImportReport,
});

export type ImportOptions = Static<typeof ImportOptions>;
export type ImportJsonBody = Static<typeof ImportJsonBody>;
export type ImportReport = Static<typeof ImportReport>;
