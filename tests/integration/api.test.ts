// The Hono app through app.request, on DynamoDB Local and the local engine: auth, validation,
// conflicts, job description import, links (forged, expired, cancelled), absences moving timers.
import { beforeAll, describe, expect, it } from "vitest";
import { DynamoExecutionJournal } from "../../functions/adapters/local-engine/dynamo-journal";
import { LocalWorkflowEngine } from "../../functions/adapters/local-engine/engine";
import { createApp } from "../../functions/api/app";
import type { Deps } from "../../functions/core/deps";
import type { OutgoingMail } from "../../functions/core/ports";
import { seedDemoOrganisation } from "../../functions/local/demo/org";
import { createDevAuth, type DevAuth } from "../../functions/local/dev-auth";
import { invokeStep } from "../../functions/steps/index";
import { silentLogger, testConfig } from "../support/deps";
import { createTestTable } from "../support/dynamo";

const seedFile = new URL(
  "../../functions/local/demo/ametijuhend-tallinna-klienditeeninduse-juht.md",
  import.meta.url,
);

let app: ReturnType<typeof createApp>;
let deps: Deps;
let engine: LocalWorkflowEngine;
let devAuth: DevAuth;
let hr: string;
let lead: string;
const mails: OutgoingMail[] = [];
let now = new Date("2026-03-02T08:00:00Z");

beforeAll(async () => {
  const { store, documentClient, tableName } = await createTestTable("api");
  const clock = { now: () => now };
  engine = new LocalWorkflowEngine({
    journal: new DynamoExecutionJournal(documentClient, tableName),
    clock,
    invokeStep: (step, payload) => invokeStep(deps, step, payload),
  });
  deps = {
    store,
    clock,
    engine,
    logger: silentLogger,
    mailer: { send: async (m) => void mails.push(m) },
    config: testConfig(),
  };
  await seedDemoOrganisation(store);
  devAuth = await createDevAuth();
  app = createApp({ ...deps, auth: devAuth.verifier(store) });
  hr = await devAuth.issueToken({ employeeId: "helena-org", email: "helena.org@example.ee", roles: ["hr"] });
  lead = await devAuth.issueToken({
    employeeId: "tiina-tamm",
    email: "tiina.tamm@example.ee",
    roles: ["lead"],
  });
});

const call = (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  return app.request(path, { ...init, headers });
};
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; field?: string; message: string } }).error;

describe("sign-in and roles", () => {
  it("answers 401 without a token and 403 with the wrong role", async () => {
    const anonymous = await call("/api/employees");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe("Bearer");
    expect((await call("/api/employees", { token: lead })).status).toBe(403);
    expect((await call("/api/employees", { token: "not.a.jwt" })).status).toBe(401);
    expect((await call("/api/positions", { token: lead })).status).toBe(200);
    expect((await call("/health")).status).toBe(200);
  });

  it("serves the OpenAPI document with the routes", async () => {
    const doc = (await (await call("/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/hires", "/api/employees/{id}", "/api/units"]),
    );
  });
});

describe("organisation", () => {
  it("names the field of bad input", async () => {
    const missing = await call("/api/units", { method: "POST", token: hr, body: JSON.stringify({}) });
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).field).toBe("name");
    const badJson = await call("/api/units", { method: "POST", token: hr, body: "{" });
    expect(badJson.status).toBe(400);
    const unknownUnit = await call("/api/positions", {
      method: "POST",
      token: hr,
      body: JSON.stringify({ title: "X", unitId: "nope" }),
    });
    expect(await errorOf(unknownUnit)).toMatchObject({ code: "validation", field: "unitId" });
    const cycle = await call("/api/positions/kt-juht", {
      method: "PUT",
      token: hr,
      body: JSON.stringify({
        title: "Klienditeeninduse juht",
        unitId: "klienditeenindus",
        managerPositionId: "tallinn-spetsialist-1",
      }),
    });
    expect(await errorOf(cycle)).toMatchObject({ field: "managerPositionId" });
  });

  it("refuses a duplicate email and deleting a unit in use", async () => {
    const dup = await call("/api/employees", {
      method: "POST",
      token: hr,
      body: JSON.stringify({
        name: "Other",
        email: "TIINA.TAMM@example.ee",
        startDate: "2026-01-01",
        regime: "TLS",
      }),
    });
    expect(dup.status).toBe(409);
    expect((await errorOf(dup)).field).toBe("email");
    expect((await call("/api/units/klienditeenindus", { method: "DELETE", token: hr })).status).toBe(409);
  });

  it("derives direct reports from the manager positions (1.6)", async () => {
    const reports = (await (
      await call("/api/positions/tallinn-juht/direct-reports", { token: hr })
    ).json()) as Array<{ id: string }>;
    expect(reports.map((p) => p.id).sort()).toEqual([
      "tallinn-spetsialist-1",
      "tallinn-spetsialist-2",
      "tallinn-spetsialist-3",
    ]);
  });

  it("imports the seed job description, and refuses a malformed one without storing anything", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(seedFile, "utf8");
    const ok = await call("/api/positions/piirkond-juht/job-description", {
      method: "PUT",
      token: hr,
      headers: { "content-type": "text/markdown" },
      body: text,
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { duties: unknown[] }).duties).toHaveLength(17);
    const bad = await call("/api/positions/kt-juht/job-description", {
      method: "PUT",
      token: hr,
      headers: { "content-type": "text/markdown" },
      body: text.replace("tasemel C1", "tasemel X7"),
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toMatch(/line \d+: expected a CEFR level/);
    expect((await call("/api/positions/kt-juht/job-description", { token: hr })).status).toBe(404);
  });
});

describe("hires, links and absences", () => {
  let caseId: string;
  let employeeId: string;
  const hire = {
    name: "Karl Kuusk",
    email: "karl.kuusk@example.ee",
    locale: "en",
    positionId: "tallinn-spetsialist-3",
    startDate: "2026-03-02",
    regime: "TLS",
  };

  it("names the field of a bad hire in the project's error shape", async () => {
    const res = await call("/api/hires", {
      method: "POST",
      token: hr,
      body: JSON.stringify({ ...hire, email: "not-an-email" }),
    });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: "validation", field: "email" });
  });

  it("registers a hire once, even when the request is retried", async () => {
    const first = await call("/api/hires", { method: "POST", token: hr, body: JSON.stringify(hire) });
    expect(first.status).toBe(201);
    const body = (await first.json()) as {
      employee: { id: string };
      probation: { id: string; data: { endDate: string } };
    };
    ({ id: caseId } = body.probation);
    employeeId = body.employee.id;
    expect(body.probation.data.endDate).toBe("2026-07-01");
    const retry = await call("/api/hires", { method: "POST", token: hr, body: JSON.stringify(hire) });
    expect(((await retry.json()) as { probation: { id: string } }).probation.id).toBe(caseId);
    await engine.whenIdle();
    const view = (await (await call(`/api/probations/${caseId}`, { token: hr })).json()) as {
      timers: Array<{ dueAt: string }>;
    };
    expect(view.timers).toHaveLength(1);
  });

  it("serves the hire's probation as a case of the generic case API, for HR only", async () => {
    const cases = (await (await call(`/api/employees/${employeeId}/cases`, { token: hr })).json()) as Array<{
      id: string;
      workflow: string;
      subjectId: string;
    }>;
    expect(cases).toEqual([
      expect.objectContaining({ id: caseId, workflow: "probation", subjectId: employeeId }),
    ]);
    const filtered = await call(`/api/employees/${employeeId}/cases?workflow=nonsense`, { token: hr });
    expect(filtered.status).toBe(400);
    expect(await errorOf(filtered)).toMatchObject({ code: "validation", field: "workflow" });
    const view = (await (await call(`/api/cases/${caseId}`, { token: hr })).json()) as {
      case: { id: string };
      timers: unknown[];
    };
    expect(view.case.id).toBe(caseId);
    expect(view.timers).toHaveLength(1);
    expect((await call(`/api/cases/${caseId}`, { token: lead })).status).toBe(403);
    expect((await call("/api/cases/nobody-here", { token: hr })).status).toBe(404);
  });

  it("extends the probation for an absence and moves its timer (TLS § 86)", async () => {
    const before = (await (await call(`/api/probations/${caseId}`, { token: hr })).json()) as {
      timers: Array<{ dueAt: string }>;
    };
    const bad = await call(`/api/employees/${employeeId}/absences`, {
      method: "POST",
      token: hr,
      body: JSON.stringify({ type: "sick_leave", from: "2026-04-10", to: "2026-04-01" }),
    });
    expect(await errorOf(bad)).toMatchObject({ field: "to" });
    const unknownType = await call(`/api/employees/${employeeId}/absences`, {
      method: "POST",
      token: hr,
      body: JSON.stringify({ type: "holiday", from: "2026-04-10" }),
    });
    expect((await errorOf(unknownType)).field).toBe("type");
    const res = await call(`/api/employees/${employeeId}/absences`, {
      method: "POST",
      token: hr,
      body: JSON.stringify({ type: "sick_leave", from: "2026-03-10", to: "2026-03-19" }),
    });
    expect(res.status).toBe(201);
    const after = (await (await call(`/api/probations/${caseId}`, { token: hr })).json()) as {
      probation: { data: { endDate: string; extensionDays: number } };
      timers: Array<{ dueAt: string }>;
    };
    expect(after.probation).toMatchObject({ data: { endDate: "2026-07-11", extensionDays: 10 } });
    expect(after.timers[0]!.dueAt > before.timers[0]!.dueAt).toBe(true);
    expect(mails.some((m) => m.tag === "probation:extended" && m.to === "tiina.tamm@example.ee")).toBe(true);
    const overlap = await call(`/api/employees/${employeeId}/absences`, {
      method: "POST",
      token: hr,
      body: JSON.stringify({ type: "annual_leave", from: "2026-03-15", to: "2026-03-25" }),
    });
    expect(overlap.status).toBe(409);
  });

  it("renders the task link, and refuses forged, expired and cancelled links with a clear page", async () => {
    now = new Date("2026-05-01T08:00:00Z");
    const { sweep } = await import("../../functions/core/usecases/scheduler");
    await sweep(deps);
    await engine.whenIdle();
    const mail = mails.find((m) => m.tag === "task:probation.midConversation");
    expect(mail?.to).toBe("tiina.tamm@example.ee");
    const path = new URL(/http:\/\/hr\.test\S+/.exec(mail!.text)![0]).pathname;

    const page = await call(path);
    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect((await call(path, { method: "HEAD" })).status).toBe(200);

    const [, , taskId, linkId, exp, sig] = path.split(/[/.]/);
    const forged = await call(`/l/${taskId}.${linkId}.${exp}.${sig!.slice(0, -3)}abc`);
    expect(forged.status).toBe(404);
    expect(await forged.text()).toContain("Link ei kehti");
    expect((await call("/l/garbage")).status).toBe(404);

    now = new Date("2026-12-31T08:00:00Z");
    const expired = await call(path);
    expect(expired.status).toBe(410);
    now = new Date("2026-05-01T08:00:00Z");

    expect((await call(`/api/probations/${caseId}/cancel`, { method: "POST", token: hr })).status).toBe(200);
    const cancelled = await call(path);
    expect(cancelled.status).toBe(410);
    expect(await cancelled.text()).toContain("tühistatud");
    const post = await call(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "heldOn=2026-04-30&summary=x&nonce=y",
    });
    expect(post.status).toBe(410);
    await engine.whenIdle();
    const execution = await engine.describe(
      (
        (await (await call(`/api/probations/${caseId}`, { token: hr })).json()) as {
          probation: { executionId: string };
        }
      ).probation.executionId,
    );
    expect(execution?.status).toBe("stopped");
  });
});

describe("bodies", () => {
  it("a POST with an empty body and no type (curl -X POST, fetch without a body) is not refused as a media type", async () => {
    const res = await app.request("/api/cases/no-such-case/cancel", {
      method: "POST",
      headers: { authorization: `Bearer ${hr}`, "content-length": "0" },
      body: new Uint8Array(0),
    });
    expect(res.status).toBe(404);
    const typed = await app.request("/api/cases/no-such-case/cancel", {
      method: "POST",
      headers: { authorization: `Bearer ${hr}`, "content-length": "2" },
      body: new TextEncoder().encode("{}"),
    });
    expect(typed.status).toBe(415);
  });
});
