// Shared request/response schema pieces.
import { type TSchema, Type } from "@sinclair/typebox";

export const ErrorBody = Type.Object({
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
});

export const Uuid = Type.String({ format: "uuid" });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const IsoDate = Type.String({ format: "date" });

export const Pagination = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer() });

/** Strict body: unknown fields are refused with the field named. */
export const Body = <P extends Record<string, TSchema>>(props: P) =>
  Type.Object(props, { additionalProperties: false });

export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
};
