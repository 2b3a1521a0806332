// What the API gives away without meaning to: whether a task id exists (a task that is not yours
// answers exactly like one that does not exist, for reading and for completing), and what request
// logs carry (the matched route's pattern, never the raw path with people's ids, the query or a
// link token).
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app";
import type { Deps } from "../../functions/core/deps";
import type { Logger, OutgoingMail } from "../../functions/core/ports";
import { createHumanTask } from "../../functions/core/usecases/tasks";
import { seedDemoOrganisation } from "../../functions/local/demo/org";
import { createDevAuth } from "../../functions/local/dev-auth";
import { activeProbation, idleEngine, testConfig } from "../support/deps";
import { createTestTable } from "../support/dynamo";

type Line = { level: string; message: string; extra?: Record<string, unknown> };
const lines: Line[] = [];
const capturing: Logger = {
  debug: (message, extra) => void lines.push({ level: "debug", message, extra }),
  info: (message, extra) => void lines.push({ level: "info", message, extra }),
  warn: (message, extra) => void lines.push({ level: "warn", message, extra }),
  error: (message, extra) => void lines.push({ level: "error", message, extra }),
};

let app: ReturnType<typeof createApp>;
let deps: Deps;
let hr: string;
let tiina: string;
let peeter: string;
let taskId: string;
let linkPath: string;
const mails: OutgoingMail[] = [];

beforeAll(async () => {
  const { store } = await createTestTable("disclosure");
  deps = {
    store,
    clock: { now: () => new Date("2026-06-01T08:00:00Z") },
    engine: idleEngine,
    logger: capturing,
    mailer: { send: async (m) => void mails.push(m) },
    config: testConfig(),
  };
  await seedDemoOrganisation(store);
  const auth = await createDevAuth();
  app = createApp({ ...deps, auth: auth.verifier(store) });
  hr = await auth.issueToken({ employeeId: "helena-org", email: "h@example.ee", roles: ["hr"] });
  tiina = await auth.issueToken({ employeeId: "tiina-tamm", email: "t@example.ee", roles: ["lead"] });
  peeter = await auth.issueToken({ employeeId: "peeter-parn", email: "p@example.ee", roles: ["lead"] });
  await store.createCase(
    activeProbation("prob-disclosure", "olga-ivanova", { startDate: "2026-04-01", endDate: "2026-07-31" }),
  );
  ({ taskId } = await createHumanTask(deps, {
    taskToken: "disclosure-token",
    executionId: "exec-disclosure-token",
    state: "MidProbationConversation",
    caseId: "prob-disclosure",
    kind: "probation.midConversation",
  }));
  linkPath = new URL(/http:\/\/hr\.test\S+/.exec(mails.at(-1)!.text)![0]).pathname;
});

const call = (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  return app.request(path, { ...init, headers });
};
const complete = (id: string, token: string) =>
  call(`/api/tasks/${id}/complete`, {
    method: "POST",
    token,
    body: JSON.stringify({ heldOn: "2026-05-30", summary: "x" }),
  });
/** The answer with the id taken out, so a real and a made-up id can be compared. */
const answerOf = async (res: Response, id: string) => ({
  status: res.status,
  body: (await res.text()).replaceAll(id, "<id>"),
});

describe("a task that is not yours looks like one that does not exist", () => {
  it("for reading and for completing, to a lead of another team", async () => {
    const ghost = "task_doesnotexist0000";
    const notTheirs = {
      read: await answerOf(await call(`/api/tasks/${taskId}`, { token: peeter }), taskId),
      complete: await answerOf(await complete(taskId, peeter), taskId),
    };
    const missing = {
      read: await answerOf(await call(`/api/tasks/${ghost}`, { token: peeter }), ghost),
      complete: await answerOf(await complete(ghost, peeter), ghost),
    };
    expect(notTheirs.read.status).toBe(404);
    expect(notTheirs.complete).toEqual(notTheirs.read);
    expect(missing).toEqual(notTheirs);
    expect((await deps.store.getTask(taskId))?.status).toBe("open");
  });

  it("the assignee reads it; HR, who may read any task, is told why it cannot complete it", async () => {
    expect((await call(`/api/tasks/${taskId}`, { token: tiina })).status).toBe(200);
    expect((await call(`/api/tasks/${taskId}`, { token: hr })).status).toBe(200);
    const byHr = await complete(taskId, hr);
    expect(byHr.status).toBe(403);
  });
});

describe("request logs", () => {
  const requestLines = () => lines.filter((l) => l.message === "request");

  it("carry the matched route pattern, never the raw path, query or link token", async () => {
    lines.length = 0;
    await call("/api/employees/mari-maasikas/absences?note=secret-query", { token: hr });
    await call("/api/employees/mari-maasikas/absences"); // 401 before the handler runs
    await call(`/api/tasks/${taskId}`, { token: peeter }); // 404 from the handler
    await call(`${linkPath}?lang=en`);
    await call(linkPath, { method: "HEAD" });
    await call("/api/no-such-route/mari-maasikas");
    const logged = requestLines();
    expect(logged.map((l) => [l.extra?.method, l.extra?.route, l.extra?.status])).toEqual([
      ["GET", "/api/employees/:id/absences", 200],
      ["GET", "/api/employees/:id/absences", 401],
      ["GET", "/api/tasks/:id", 404],
      ["GET", "/l/:token", 200],
      ["HEAD", "/l/:token", 200],
      ["GET", "(no route)", 404],
    ]);
    const text = JSON.stringify(lines);
    const linkToken = linkPath.split("/").pop()!;
    for (const secret of ["mari-maasikas", "secret-query", linkToken, taskId, "lang=en"]) {
      expect(text).not.toContain(secret);
    }
  });
});
