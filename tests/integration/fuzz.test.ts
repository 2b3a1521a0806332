// Malformed requests against every route: those in /openapi.json, the document routes, the email
// link pages and the local dev routes, in process through app.request on the whole local system.
// Every request is malformed by construction (a wrong type, a missing field, an absurd value, a
// wrong content type, an unknown id, an oversized body), so each must be refused with a 4xx in
// the API's error shape naming the field, fast, and without writing anything.
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { localDynamoClient } from "../../functions/local/dynamodb-local";
import type { LocalSystem } from "../../functions/local/system";
import { startTestSystem } from "../support/local-system";

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_500);

let system: LocalSystem;
let hrToken: string;

beforeAll(async () => {
  system = await startTestSystem("fuzz");
  const res = await system.app.request("/dev/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ employeeId: "helena-org" }),
  });
  hrToken = ((await res.json()) as { token: string }).token;
});

afterAll(async () => {
  await system?.stop();
});

async function tableSnapshot(): Promise<string[]> {
  const db = DynamoDBDocumentClient.from(localDynamoClient(inject("dynamoEndpoint")));
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(
      new ScanCommand({ TableName: system.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    for (const item of out.Items ?? []) items.push(JSON.stringify(item));
    start = out.LastEvaluatedKey;
  } while (start);
  return items.sort();
}

// --- what a route accepts, read from the OpenAPI document --------------------------------

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  maxLength?: number;
  pattern?: string;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
}

interface Route {
  method: string;
  path: string;
  body?: "json" | "text";
  schema?: JsonSchema;
  /** Query parameters that have a value their schema refuses, with such values. */
  query?: Array<{ name: string; refused: string[] }>;
}

/** Strings a query parameter's schema refuses; none when it takes any string. */
function refusedQuery(schema: JsonSchema | undefined): string[] {
  const s = resolve(schema) ?? {};
  const values: string[] = [];
  if (s.maxLength !== undefined) values.push("ä".repeat(s.maxLength + 1));
  if (s.enum) values.push("not-one-of-them");
  if (s.format === "date") values.push("2026-02-30", "0000-01-01");
  if (s.pattern) values.push("with space!");
  return values;
}

let components: Record<string, JsonSchema> = {};
const resolve = (s: JsonSchema | undefined): JsonSchema | undefined =>
  s?.$ref ? resolve(components[s.$ref.split("/").pop()!]) : s;

/** A value of the schema's type that the schema accepts, as far as a sample can. */
function sample(schema: JsonSchema | undefined): unknown {
  const s = resolve(schema);
  if (!s) return "x";
  if (s.enum) return s.enum[0];
  if (s.anyOf) return sample(s.anyOf[0]);
  if (s.allOf) return sample(s.allOf[0]);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case "object":
      return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k])]));
    case "array":
      return [];
    case "number":
    case "integer":
      return 1;
    case "boolean":
      return true;
    default:
      if (s.format === "date") return "2026-12-01";
      if (s.format === "date-time") return "2026-12-01T08:00:00Z";
      if (s.format === "email") return "fuzz@example.ee";
      return "fz-sample";
  }
}

/** Values the field's schema refuses whatever else holds: wrong types, too long, bad formats. */
function refused(schema: JsonSchema | undefined): unknown[] {
  const s = resolve(schema) ?? {};
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  const wrongTypes: unknown[] = [null, [], { nested: { deep: [1, 2, 3] } }];
  if (type !== "number" && type !== "integer") wrongTypes.push(12_345, -1e308);
  if (type !== "boolean") wrongTypes.push(true);
  if (type === "string" || s.enum || s.format) {
    const strings: unknown[] = [];
    if (s.maxLength !== undefined) strings.push("ä".repeat(s.maxLength + 1));
    if (s.enum) strings.push("not-one-of-them", "");
    if (s.format === "date")
      strings.push("0000-01-01", "9999-12-32", "+010000-01-01", "2026-02-30", "31.12.2026");
    if (s.format === "date-time") strings.push("2026-13-01T00:00:00Z", "yesterday");
    if (s.format === "email") strings.push("not-an-email", `${"a".repeat(300)}@example.ee`);
    return [...wrongTypes, ...strings];
  }
  if (type === "number" || type === "integer") return [...wrongTypes, "12abc", "NaN", -1, "Infinity"];
  if (type === "array") return [...wrongTypes.filter((v) => !Array.isArray(v)), "a,b", [null, 12, {}]];
  return wrongTypes.filter((v) => typeof v !== "object" || v === null);
}

async function routes(): Promise<Route[]> {
  const doc = (await (await system.app.request("/openapi.json")).json()) as {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content: Record<string, { schema: JsonSchema }> };
          parameters?: Array<{ in: string; name: string; schema?: JsonSchema }>;
        }
      >
    >;
    components?: { schemas?: Record<string, JsonSchema> };
  };
  components = doc.components?.schemas ?? {};
  const list: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const schema = op.requestBody?.content["application/json"]?.schema;
      list.push({
        method: method.toUpperCase(),
        path,
        body: schema ? "json" : undefined,
        schema,
        query: (op.parameters ?? [])
          .filter((p) => p.in === "query")
          .map((p) => ({ name: p.name, refused: refusedQuery(p.schema) }))
          .filter((q) => q.refused.length > 0),
      });
    }
  }
  list.push(
    { method: "PUT", path: "/api/positions/{id}/job-description", body: "text" },
    { method: "POST", path: "/api/absences/import", body: "text" },
    { method: "GET", path: "/l/{token}" },
    { method: "POST", path: "/l/{token}", body: "text" },
    { method: "POST", path: "/l/{token}/renew" },
    { method: "GET", path: "/r/{token}" },
    { method: "GET", path: "/dev/probations/{id}" },
    { method: "GET", path: "/dev/outbox/{id}" },
    { method: "GET", path: "/dev/outbox/{id}/raw" },
    {
      method: "POST",
      path: "/dev/clock",
      body: "json",
      schema: {
        type: "object",
        properties: {
          days: { type: "number" },
          hours: { type: "number" },
          to: { type: "string", format: "date-time" },
        },
      },
    },
    {
      method: "POST",
      path: "/dev/sign-in",
      body: "json",
      schema: {
        type: "object",
        required: ["employeeId"],
        properties: { employeeId: { type: "string", maxLength: 64 } },
      },
    },
  );
  return list;
}

// --- malformed requests -----------------------------------------------------------------

const badIds = fc.constantFrom(
  "fz-unknown",
  "a".repeat(3000),
  "with space",
  "ümlaut-ö",
  "..%2F..%2Fetc",
  "%00",
  "x".repeat(65),
  "'; DROP TABLE",
);

interface Malformed {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  label: string;
}

/** Records of the demo organisation: reached only with a malformed body, which must change nothing. */
const knownIds = fc.constantFrom(
  "kt-juht",
  "tallinn-juht",
  "mari-maasikas",
  "klienditeenindus",
  "helena-org",
);

function malformedFor(route: Route): fc.Arbitrary<Malformed> {
  const ids = route.body ? fc.oneof(badIds, knownIds) : badIds;
  const path = fc.tuple(ids, ids).map(([a, b]) => {
    let n = 0;
    return route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(n++ === 0 ? a : b));
  });
  const fuzzable = route.query ?? [];
  // A read with only query parameters is malformed by one refused value at least.
  const query = fuzzable.length
    ? fc
        .constantFrom(...fuzzable)
        .chain((q) => fc.constantFrom(...q.refused).map((v) => ({ [q.name]: v }) as Record<string, string>))
    : fc.constant({} as Record<string, string>);
  // A route that takes no input at all is malformed only by its credentials.
  const hasInput = Boolean(route.body) || /\{/.test(route.path) || fuzzable.length > 0;
  const auth = hasInput
    ? fc.constantFrom<"hr" | "none" | "garbage">("hr", "hr", "hr", "none", "garbage")
    : fc.constantFrom<"hr" | "none" | "garbage">("none", "garbage");
  const template = sample(route.schema) as Record<string, unknown>;
  const fields = Object.keys(resolve(route.schema)?.properties ?? {});
  const required = resolve(route.schema)?.required ?? [];

  const jsonBodies: fc.Arbitrary<{ body?: string; type: string; label: string }>[] = [
    fc
      .constantFrom("{", '{"a":', "nul", "[1,2", "\u0000", "")
      .map((body) => ({ body, type: "application/json", label: "broken json" })),
    fc
      .constantFrom("null", "[]", "5", '"text"', "true")
      .map((body) => ({ body, type: "application/json", label: "not an object" })),
    fc
      .tuple(
        fc.constantFrom(
          "text/plain",
          "application/xml",
          "multipart/form-data",
          "application/x-www-form-urlencoded",
          "",
        ),
        fc.constant(JSON.stringify(template)),
      )
      .map(([type, body]) => ({ body, type, label: `content-type ${type || "(none)"}` })),
    fc.constant({
      body: JSON.stringify({ ...template, pad: "x".repeat(1_100_000) }),
      type: "application/json",
      label: "oversized",
    }),
  ];
  if (required.length) {
    jsonBodies.push(
      fc.constantFrom(...required).map((k) => {
        const { [k]: _dropped, ...rest } = template;
        return { body: JSON.stringify(rest), type: "application/json", label: `without ${k}` };
      }),
    );
  }
  if (fields.length) {
    jsonBodies.push(
      fc.constantFrom(...fields).chain((k) =>
        fc.constantFrom(...refused(resolve(route.schema)?.properties?.[k])).map((v) => ({
          body: JSON.stringify({ ...template, [k]: v }),
          type: "application/json",
          label: `${k}=${String(JSON.stringify(v)).slice(0, 40)}`,
        })),
      ),
    );
  }
  const textBodies = fc
    .tuple(
      fc.constantFrom(
        "text/markdown",
        "text/csv",
        "text/plain",
        "multipart/form-data",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "application/json",
        "image/png",
      ),
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.constant(`- **${"a**".repeat(40_000)}`),
        fc.constant('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\ntrunc'),
        fc.constant(`employee,type,from\n${"nobody,sick_leave,2026-01-01\n".repeat(3000)}`),
        fc.constant("x".repeat(1_200_000)),
        fc.constant("null"),
      ),
    )
    .map(([type, body]) => ({ body, type, label: `${type} ${body.length} chars` }));

  const body =
    route.body === "json"
      ? fc.oneof(...jsonBodies)
      : route.body === "text"
        ? textBodies
        : fc.constant({ body: undefined, type: "", label: "no body" });
  return fc.tuple(path, query, auth, body).map(([p, q, who, b]) => {
    const headers: Record<string, string> = {};
    if (b.type) headers["content-type"] = b.type;
    if (who === "hr") headers.authorization = `Bearer ${hrToken}`;
    if (who === "garbage") headers.authorization = "Bearer e30.e30.x";
    const search = new URLSearchParams(q).toString();
    const request: Malformed = {
      method: route.method,
      path: search ? `${p}?${search}` : p,
      headers,
      body: b.body,
      label: `${route.method} ${route.path} [${who}] ${b.label}`,
    };
    // Counterexamples name the request, not megabytes of body or the token.
    return Object.assign(request, {
      [fc.toStringMethod]: () => `${request.label} ${request.path.slice(0, 120)}`,
    });
  });
}

describe("fuzz: malformed requests to every route", () => {
  it(`${RUNS} malformed requests: no 5xx, JSON errors naming the field, none over 2 s, nothing written`, async () => {
    const all = await routes();
    expect(all.length).toBeGreaterThan(20);
    const before = await tableSnapshot();
    let count = 0;
    const statuses = new Map<number, number>();
    let slowest = { ms: 0, label: "" };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all).chain(malformedFor), async (req) => {
        count++;
        const started = performance.now();
        const res = await system.app.request(req.path, {
          method: req.method,
          headers: req.headers,
          body: req.body,
        });
        const text = await res.text();
        const ms = performance.now() - started;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (ms > slowest.ms) slowest = { ms, label: req.label };
        expect(ms, req.label).toBeLessThan(2_000);
        expect(res.status, `${req.label}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${req.label}: ${text.slice(0, 300)}`).toBeLessThan(500);
        if (req.path.startsWith("/l/") || req.path.startsWith("/r/")) {
          expect(res.headers.get("content-type"), req.label).toMatch(/text\/html/);
          return;
        }
        expect(res.headers.get("content-type"), `${req.label}: ${text.slice(0, 200)}`).toMatch(
          /application\/json/,
        );
        const { error } = JSON.parse(text) as { error: { code: unknown; message: unknown; field?: unknown } };
        expect(typeof error.code, req.label).toBe("string");
        expect(typeof error.message, req.label).toBe("string");
        if ([400, 413, 414, 415, 422].includes(res.status)) {
          expect(
            typeof error.field === "string" && error.field.length > 0,
            `${req.label}: ${text.slice(0, 300)}`,
          ).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
    );
    expect(count).toBeGreaterThanOrEqual(Math.min(RUNS, 2_000));
    // The requests reach the routes' own validation, not only sign-in and routing.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 5);
    expect(statuses.get(404) ?? 0).toBeGreaterThan(RUNS / 20);
    expect(await tableSnapshot()).toEqual(before);
    console.log(
      `fuzz statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    console.log(
      `fuzz: ${count} requests over ${all.length} routes; slowest ${Math.round(slowest.ms)} ms (${slowest.label})`,
    );
  }, 300_000);
});
