// The API reference at /api/docs, rendered on the server from /openapi.json: every path and method
// with its summary, security, parameters, request body fields and responses, the error shape; no
// scripts and nothing fetched from elsewhere. The two plain routes (job description, absence CSV)
// are in the OpenAPI document with their media types, their handlers unchanged.
import { beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/api-harness";

let h: Harness;
let doc: {
  paths: Record<
    string,
    Record<string, { summary?: string; requestBody?: { content: Record<string, unknown> } }>
  >;
};
let html: string;

beforeAll(async () => {
  h = await createHarness("apidocs");
  doc = (await (await h.app.request("/openapi.json")).json()) as typeof doc;
  const res = await h.app.request("/api/docs");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/text\/html/);
  html = await res.text();
});

const text = (s: string) =>
  s
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("the OpenAPI document", () => {
  it("has the job description import with Markdown or JSON {markdown}, and the absence CSV import", () => {
    const jd = doc.paths["/api/positions/{id}/job-description"]?.put;
    expect(jd?.summary).toMatch(/Import a position's job description/);
    expect(Object.keys(jd?.requestBody?.content ?? {})).toEqual([
      "text/markdown",
      "text/plain",
      "application/json",
    ]);
    const csv = doc.paths["/api/absences/import"]?.post;
    expect(csv?.summary).toMatch(/Import absences from CSV/);
    expect(Object.keys(csv?.requestBody?.content ?? {})).toEqual(["text/csv", "text/plain"]);
  });

  it("leaves the handlers as they were: Markdown imports, a bad CSV names the body", async () => {
    const bad = await h.call("/api/absences/import", {
      method: "POST",
      token: h.tokens.hr,
      headers: { "content-type": "text/csv" },
      body: "nobody,at,all\n",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe("body");
    const jd = await h.call("/api/positions/kt-juht/job-description", {
      method: "PUT",
      token: h.tokens.hr,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ markdown: "not a job description" }),
    });
    expect(jd.status).toBe(400);
  });
});

describe("the API reference page", () => {
  it("lists every path and method of the OpenAPI document, with its summary", () => {
    let count = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        count++;
        const anchor = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-").replace(/-+$/, "");
        expect(html, `${method} ${path}`).toContain(`id="${anchor}"`);
        expect(html).toContain(`<span class="method">${method.toUpperCase()}</span> <code>${path}</code>`);
        if (op.summary) expect(text(html)).toContain(op.summary);
      }
    }
    expect(count).toBeGreaterThan(25);
  });

  it("shows security, parameters with constraints, and request body fields with types and required flags", () => {
    const section = html.slice(
      html.indexOf('id="post-api-hires"'),
      html.indexOf("</section>", html.indexOf('id="post-api-hires"')),
    );
    expect(text(section)).toContain("Security: bearer");
    expect(section).toMatch(
      /<td><code>name<\/code><\/td><td>string<\/td><td>yes<\/td><td>at least 1 character; at most 200 characters<\/td>/,
    );
    expect(section).toMatch(
      /<td><code>regime<\/code><\/td><td>string<\/td><td>yes<\/td><td>one of &quot;TLS&quot;, &quot;ATS&quot;<\/td>/,
    );
    const employee = html.slice(html.indexOf('id="get-api-employees-id"'));
    expect(employee).toMatch(
      /<td><code>id<\/code><\/td><td>path<\/td><td>string<\/td><td>yes<\/td><td>at least 1 character; at most 64 characters; matches/,
    );
  });

  it("documents the plain routes' bodies and the error shape with its codes", () => {
    const csv = html.slice(html.indexOf('id="post-api-absences-import"'));
    expect(csv).toContain("<code>text/csv</code>");
    expect(text(csv)).toContain("errors[].line");
    const jd = html.slice(html.indexOf('id="put-api-positions-id-job-description"'));
    expect(jd).toMatch(
      /<td><code>markdown<\/code><\/td><td>string<\/td><td>yes<\/td><td>at most 1048576 characters/,
    );
    const errors = text(html.slice(html.indexOf('id="errors"'), html.indexOf('id="routes"')));
    expect(errors).toContain('{"error":{"code","message","field"}}');
    for (const code of [
      "validation",
      "unauthorized",
      "forbidden",
      "not_found",
      "conflict",
      "gone",
      "too_large",
    ])
      expect(errors).toContain(code);
    expect(errors).toContain("error.field");
  });

  it("runs offline: no scripts, nothing loaded from elsewhere, a strict CSP", async () => {
    expect(html).not.toMatch(/<script|<link |src=|https?:\/\//);
    const res = await h.app.request("/api/docs");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect((await h.app.request("/api/docs", { method: "HEAD" })).status).toBe(200);
  });

  it("lists the routes outside the document: link pages and HR's record page", () => {
    const other = text(html.slice(html.indexOf('id="other-routes"')));
    for (const route of ["/l/{link}", "/r/{token}", "/openapi.json", "/health"])
      expect(other).toContain(route);
  });
});
