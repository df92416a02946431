// Request validators and response serializers compiled on a route's first use instead of at start:
// compiling ~150 routes' schemas took most of the start-up time, and a PCA tool must come back
// fast after a restart. Same Ajv options as Fastify's own compiler, with unknown fields refused.
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import fastJson from "fast-json-stringify";
import type { FastifySchemaCompiler, FastifySerializerCompiler } from "fastify";

export function lazyValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const ajv = new Ajv({
    coerceTypes: "array",
    useDefaults: true,
    removeAdditional: false,
    addUsedSchema: false,
    allErrors: false,
  });
  addFormats(ajv);
  return ({ schema }) => {
    let compiled: ValidateFunction | undefined;
    const validate = (data: unknown) => {
      compiled ??= ajv.compile(schema as object);
      const ok = compiled(data);
      // Fastify reads the errors from the function it was given.
      validate.errors = compiled.errors;
      return ok;
    };
    validate.errors = null as ValidateFunction["errors"];
    return validate;
  };
}

export function lazySerializerCompiler(): FastifySerializerCompiler<unknown> {
  return ({ schema }) => {
    let stringify: ((data: unknown) => string) | undefined;
    return (data: unknown) => {
      stringify ??= fastJson(schema as Parameters<typeof fastJson>[0]) as (data: unknown) => string;
      return stringify(data);
    };
  };
}
