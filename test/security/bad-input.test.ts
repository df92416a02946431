// Every route with a JSON body, fed generated invalid bodies as an admin: always a 4xx with the
// error shape, never a 5xx, a stack trace or SQL in the answer (RELIABILITY.md, "Bad input").
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const UUID = "00000000-0000-4000-8000-000000000000";
const fillParams = (url: string) =>
  url.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
    name === "day" ? "2026-03-02" : name === "file" ? "x.ics" : UUID,
  );

function deep(n: number): unknown {
  let v: unknown = "fond";
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

interface ObjectSchema {
  type?: string;
  properties?: Record<string, { type?: string }>;
  required?: string[];
}

/** Invalid variants derived from the schema: each required field missing, each field of the wrong type, an unknown field. */
function derivedInvalid(schema: ObjectSchema): unknown[] {
  const props = schema.properties ?? {};
  const out: unknown[] = [];
  const base: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(props))
    base[k] =
      p.type === "string"
        ? "x"
        : p.type === "integer" || p.type === "number"
          ? 1
          : p.type === "boolean"
            ? true
            : p.type === "array"
              ? []
              : {};
  for (const k of schema.required ?? []) {
    const copy = { ...base };
    delete copy[k];
    out.push(copy);
  }
  for (const [k, p] of Object.entries(props)) {
    out.push({ ...base, [k]: p.type === "string" ? 12345 : "pas-un-nombre" });
    out.push({ ...base, [k]: "x".repeat(200_000) });
  }
  out.push({ ...base, champInconnu: 1 });
  return out;
}

const fixedInvalid: unknown[] = [
  null,
  [],
  "texte",
  42,
  true,
  { __proto__: { admin: true } },
  deep(200),
  { "": "" },
];

describe("bad input on every route", () => {
  it("never answers 5xx and always explains with {error:{code,message}}", async () => {
    const routes = t.app.routeList.filter(
      (r) => r.bodySchema && ["POST", "PUT", "PATCH"].includes(r.method) && r.url.startsWith("/api/"),
    );
    expect(routes.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const route of routes) {
      const url = fillParams(route.url);
      const bodies = [...fixedInvalid, ...derivedInvalid(route.bodySchema as ObjectSchema)];
      const random = fc.sample(fc.jsonValue({ maxDepth: 3 }), { numRuns: 15, seed: 42 });
      for (const body of [...bodies, ...random]) {
        const res = await t.admin.request({
          method: route.method as "POST",
          url,
          payload: JSON.stringify(body),
          headers: { "content-type": "application/json" },
        });
        const problem =
          res.statusCode >= 500
            ? `status ${res.statusCode}`
            : res.statusCode >= 400 && !res.json()?.error?.message
              ? "no error message"
              : /at .+\.ts:\d+|SELECT |INSERT /i.test(res.body)
                ? "leaks internals"
                : null;
        if (problem)
          failures.push(
            `${route.method} ${route.url} ${JSON.stringify(body).slice(0, 80)} → ${problem}: ${res.body.slice(0, 200)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
