// The API reference at /api/docs, rendered on the server from the OpenAPI document itself, so it
// can never drift from the routes: every path and method with its summary, security, parameters,
// request body fields (name, type, required, constraints), responses and the error shape. No
// scripts and nothing from a CDN: the product runs offline.
import type { Child } from "hono/jsx";

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  description?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}

interface Content {
  schema?: JsonSchema;
}

export interface Operation {
  summary?: string;
  description?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; description?: string; content?: Record<string, Content> };
  responses?: Record<string, { description?: string; content?: Record<string, Content> }>;
}

export interface OpenApiDocument {
  info?: { title?: string; version?: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema>; securitySchemes?: Record<string, unknown> };
}

const METHODS = ["get", "head", "post", "put", "patch", "delete"];

/** What every error says; the status of each code. Kept beside errors.ts's and body-policy.ts's. */
const ERROR_CODES: Array<[string, string, string]> = [
  ["validation", "400 (422 on link pages)", "The input is wrong; `field` names what."],
  ["unauthorized", "401", "No bearer token, or one that is not valid."],
  ["forbidden", "403", "Signed in, but not allowed to do this."],
  ["not_found", "404", "No such record, or none that you may see."],
  ["conflict", "409", "Someone else changed it first, or it exists already."],
  ["gone", "410", "A link or task that was valid once and is no longer."],
  ["too_large", "413", "The body is larger than the route accepts."],
  ["uri_too_long", "414", "The URL is longer than 4,096 characters."],
  ["unsupported_media_type", "415", "The Content-Type is not one the route accepts."],
  ["internal", "500", "A fault on our side; `requestId` names it in the logs."],
];

const STYLE = `body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
code{background:#f3f3f3;padding:0 .2rem;border-radius:3px}.method{display:inline-block;min-width:4rem;font-weight:700}
section.op{border-top:2px solid #ccc;margin-top:2rem}h3{margin-bottom:.3rem}.muted{color:#555}nav li{margin:.1rem 0}
details{margin:.3rem 0}summary{cursor:pointer}`;

type Components = Record<string, JsonSchema>;

const refName = (ref: string) => ref.split("/").pop() ?? ref;
const resolve = (s: JsonSchema | undefined, components: Components): JsonSchema | undefined =>
  s?.$ref ? components[refName(s.$ref)] : s;

export function typeOf(s: JsonSchema | undefined, components: Components): string {
  if (!s) return "any";
  if (s.$ref) return refName(s.$ref);
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map((u) => typeOf(u, components)).join(" | ");
  if (s.allOf) return s.allOf.map((u) => typeOf(u, components)).join(" & ");
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.includes("array")) return `array of ${typeOf(s.items, components)}`;
  if (types.includes("object") && typeof s.additionalProperties === "object" && !s.properties)
    return `map of ${typeOf(s.additionalProperties, components)}`;
  if (s.const !== undefined) return `${JSON.stringify(s.const)}`;
  return types.length ? types.join(" | ") : s.enum ? "enum" : "any";
}

export function constraintsOf(s: JsonSchema | undefined): string[] {
  if (!s) return [];
  const out: string[] = [];
  if (s.format) out.push(`format ${s.format}`);
  if (s.enum) out.push(`one of ${s.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  const n = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"}`;
  if (s.minLength !== undefined) out.push(`at least ${n(s.minLength, "character")}`);
  if (s.maxLength !== undefined) out.push(`at most ${n(s.maxLength, "character")}`);
  if (s.pattern) out.push(`matches ${s.pattern}`);
  if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined) out.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined) out.push(`≤ ${s.maximum}`);
  if (s.exclusiveMaximum !== undefined) out.push(`< ${s.exclusiveMaximum}`);
  if (s.minItems !== undefined) out.push(`at least ${n(s.minItems, "item")}`);
  if (s.maxItems !== undefined) out.push(`at most ${n(s.maxItems, "item")}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  constraints: string[];
  description?: string;
}

/**
 * The fields of a schema, nested ones as `a.b` and array items as `a[].b`, four levels deep at
 * most, each named component expanded once per branch (schemas may refer to themselves).
 */
export function fieldsOf(
  schema: JsonSchema | undefined,
  components: Components,
  prefix = "",
  seen: ReadonlySet<string> = new Set(),
  depth = 0,
): FieldRow[] {
  const ref = schema?.$ref ? refName(schema.$ref) : undefined;
  if (ref && seen.has(ref)) return [];
  const s = resolve(schema, components);
  if (!s || depth > 4) return [];
  const within = ref ? new Set([...seen, ref]) : seen;
  const parts = [s, ...(s.allOf ?? []).map((p) => resolve(p, components) ?? {})];
  const rows: FieldRow[] = [];
  for (const part of parts) {
    for (const [name, prop] of Object.entries(part.properties ?? {})) {
      const full = prefix ? `${prefix}.${name}` : name;
      const resolved = resolve(prop, components);
      rows.push({
        name: full,
        type: typeOf(prop, components),
        required: (part.required ?? []).includes(name),
        constraints: constraintsOf(resolved),
        description: resolved?.description,
      });
      rows.push(...fieldsOf(prop, components, full, within, depth + 1));
      const items = resolved?.items;
      if (items) rows.push(...fieldsOf(items, components, `${full}[]`, within, depth + 1));
    }
  }
  return rows;
}

function Fields(props: { rows: FieldRow[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">field</th>
          <th scope="col">type</th>
          <th scope="col">required</th>
          <th scope="col">constraints</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <td>
              <code>{r.name}</code>
            </td>
            <td>{r.type}</td>
            <td>{r.required ? "yes" : "no"}</td>
            <td>{[...r.constraints, ...(r.description ? [r.description] : [])].join("; ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A schema as a field table, or as one line when it has no fields (a text body, an array of X). */
function SchemaBlock(props: { schema: JsonSchema | undefined; components: Components }) {
  const rows = fieldsOf(props.schema, props.components);
  const resolved = resolve(props.schema, props.components);
  const summary = [typeOf(props.schema, props.components), ...constraintsOf(resolved)].join("; ");
  const items = resolved?.items;
  if (rows.length) return <Fields rows={rows} />;
  const itemRows = items ? fieldsOf(items, props.components) : [];
  return (
    <>
      <p>
        <code>{summary}</code>
        {resolved?.description ? ` — ${resolved.description}` : ""}
      </p>
      {itemRows.length ? <Fields rows={itemRows.map((r) => ({ ...r, name: `[].${r.name}` }))} /> : null}
    </>
  );
}

const anchorOf = (method: string, path: string) =>
  `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-").replace(/-+$/, "");

function OperationSection(props: {
  method: string;
  path: string;
  op: Operation;
  components: Components;
  bearerDescription: string;
}) {
  const { op, components } = props;
  const params = op.parameters ?? [];
  const body = op.requestBody;
  return (
    <section class="op" id={anchorOf(props.method, props.path)}>
      <h2>
        <span class="method">{props.method.toUpperCase()}</span> <code>{props.path}</code>
      </h2>
      {op.summary ? <p>{op.summary}</p> : null}
      {op.description ? <p class="muted">{op.description}</p> : null}
      <p>
        <strong>Security:</strong>{" "}
        {op.security?.length
          ? op.security.map((req) => Object.keys(req).join(" + ")).join(" or ") +
            ` (${props.bearerDescription})`
          : "none"}
      </p>
      <h3>Parameters</h3>
      {params.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">name</th>
              <th scope="col">in</th>
              <th scope="col">type</th>
              <th scope="col">required</th>
              <th scope="col">constraints</th>
            </tr>
          </thead>
          <tbody>
            {params.map((p) => (
              <tr>
                <td>
                  <code>{p.name}</code>
                </td>
                <td>{p.in}</td>
                <td>{typeOf(p.schema, components)}</td>
                <td>{p.required ? "yes" : "no"}</td>
                <td>
                  {[
                    ...constraintsOf(resolve(p.schema, components)),
                    ...(p.description ? [p.description] : []),
                  ].join("; ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">none</p>
      )}
      <h3>Request body</h3>
      {body?.content ? (
        <>
          {body.description ? <p>{body.description}</p> : null}
          <p>{body.required ? "Required." : "Optional."}</p>
          {Object.entries(body.content).map(([type, content]) => (
            <>
              <h4>
                <code>{type}</code>
              </h4>
              <SchemaBlock schema={content.schema} components={components} />
            </>
          ))}
        </>
      ) : (
        <p class="muted">none</p>
      )}
      <h3>Responses</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">status</th>
            <th scope="col">meaning</th>
            <th scope="col">body</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(op.responses ?? {}).map(([status, response]) => (
            <tr>
              <td>{status}</td>
              <td>{response.description ?? ""}</td>
              <td>
                {Object.entries(response.content ?? {}).map(([type, content]) => {
                  // The one error shape is described once, at the top.
                  if (content.schema?.$ref === "#/components/schemas/Error")
                    return (
                      <div>
                        <code>{type}</code>: <a href="#errors">Error</a>
                      </div>
                    );
                  const rows = fieldsOf(content.schema, components);
                  const label = `${type}: ${typeOf(content.schema, components)}`;
                  return rows.length ? (
                    <details>
                      <summary>
                        <code>{label}</code>
                      </summary>
                      <Fields rows={rows} />
                    </details>
                  ) : (
                    <div>
                      <code>{label}</code>
                    </div>
                  );
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Routes outside the OpenAPI document: pages reached from mails, and the documents themselves. */
const OTHER_ROUTES: Array<[string, string, string]> = [
  ["GET", "/health", 'Liveness: {"status":"ok"}. No sign-in.'],
  ["GET", "/openapi.json", "This API as an OpenAPI 3.1 document. No sign-in."],
  ["GET", "/api/docs", "This page."],
  [
    "GET, HEAD, POST",
    "/l/{link}",
    "A task's form from its email link (no sign-in: the signed link is the authorisation). GET and HEAD only render; a POST with the page's nonce completes the task. HTML in the reader's language.",
  ],
  [
    "GET, HEAD",
    "/r/{token}",
    "HR's read-only probation record from HR's mails: a signed link valid for 30 days. Forged: 404, expired: 410. HTML.",
  ],
];

export function apiDocsPage(doc: OpenApiDocument): string {
  const components = doc.components?.schemas ?? {};
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, ops]) =>
    METHODS.filter((m) => ops[m]).map((method) => ({ path, method, op: ops[method]! })),
  );
  const bearerDescription = "Authorization: Bearer <OIDC token with a roles claim>";
  const title = `${doc.info?.title ?? "API"} ${doc.info?.version ?? ""}`.trim();
  const page: Child = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <h1>{title}</h1>
        {doc.info?.description ? <p>{doc.info.description}</p> : null}
        <p>
          Every <code>/api</code> route needs a bearer token (OIDC) whose <code>roles</code> claim holds the
          role the route needs (<code>hr</code>, <code>lead</code>, <code>employee</code>) and which names an
          employee record. Request bodies are JSON (64 KB at most) unless a route says otherwise. The
          machine-readable document is <a href="/openapi.json">/openapi.json</a>.
        </p>
        <h2 id="errors">Errors</h2>
        <p>
          Every error of the API is JSON of one shape, <code>{'{"error":{"code","message","field"}}'}</code>.
          A 400 names the offending input in <code>field</code> (a dotted path, <code>body</code>,{" "}
          <code>content-type</code> or <code>url</code>). Some errors add details, such as <code>issues</code>{" "}
          or the rows of a CSV import in <code>errors</code>.
        </p>
        <SchemaBlock schema={{ $ref: "#/components/schemas/Error" }} components={components} />
        <table>
          <thead>
            <tr>
              <th scope="col">code</th>
              <th scope="col">status</th>
              <th scope="col">meaning</th>
            </tr>
          </thead>
          <tbody>
            {ERROR_CODES.map(([code, status, meaning]) => (
              <tr>
                <td>
                  <code>{code}</code>
                </td>
                <td>{status}</td>
                <td>{meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2 id="routes">Routes</h2>
        <nav>
          <ul>
            {operations.map(({ path, method, op }) => (
              <li>
                <a href={`#${anchorOf(method, path)}`}>
                  <span class="method">{method.toUpperCase()}</span> <code>{path}</code>
                </a>{" "}
                {op.summary ?? ""}
              </li>
            ))}
          </ul>
        </nav>
        {operations.map(({ path, method, op }) => (
          <OperationSection
            method={method}
            path={path}
            op={op}
            components={components}
            bearerDescription={bearerDescription}
          />
        ))}
        <section class="op" id="other-routes">
          <h2>Other routes</h2>
          <table>
            <tbody>
              {OTHER_ROUTES.map(([method, path, what]) => (
                <tr>
                  <td>{method}</td>
                  <td>
                    <code>{path}</code>
                  </td>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </body>
    </html>
  );
  return `<!doctype html>${String(page)}`;
}
