// Absences and delegations through the API on DynamoDB Local: CSV import that is all or nothing,
// changes audited, open-ended sick leave closed later, delegations by the person or by HR, and the
// setting that keeps tasks with the substitute.
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app";
import type { Deps } from "../../functions/core/deps";
import type { OutgoingMail } from "../../functions/core/ports";
import { reconcileAssignments } from "../../functions/core/usecases/delegation";
import { createHumanTask } from "../../functions/core/usecases/tasks";
import { seedDemoOrganisation } from "../../functions/local/demo/org";
import { createDevAuth } from "../../functions/local/dev-auth";
import { activeProbation, idleEngine, silentLogger, testConfig } from "../support/deps";
import { createTestTable } from "../support/dynamo";

let app: ReturnType<typeof createApp>;
let deps: Deps;
let hr: string;
let tiina: string;
let peeter: string;
const mails: OutgoingMail[] = [];
let now = new Date("2026-06-01T08:00:00Z");

beforeAll(async () => {
  const { store } = await createTestTable("absences");
  deps = {
    store,
    clock: { now: () => now },
    engine: idleEngine,
    logger: silentLogger,
    mailer: { send: async (m) => void mails.push(m) },
    config: testConfig(),
  };
  await seedDemoOrganisation(store);
  const auth = await createDevAuth();
  app = createApp({ ...deps, auth: auth.verifier(store) });
  hr = await auth.issueToken({ employeeId: "helena-org", email: "h@example.ee", roles: ["hr"] });
  tiina = await auth.issueToken({ employeeId: "tiina-tamm", email: "t@example.ee", roles: ["lead"] });
  peeter = await auth.issueToken({ employeeId: "peeter-parn", email: "p@example.ee", roles: ["lead"] });
});

const call = (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  return app.request(path, { ...init, headers });
};
const csv = (text: string) =>
  call("/api/absences/import", {
    method: "POST",
    token: hr,
    headers: { "content-type": "text/csv" },
    body: text,
  });

describe("CSV import of absences", () => {
  it("reports every bad row with its line and imports nothing", async () => {
    const res = await csv(
      [
        "employee,type,from,to,note",
        "tiina-tamm,annual_leave,2026-07-01,2026-07-14,suvepuhkus",
        "nobody@example.ee,sick_leave,2026-07-01,,",
        "peeter-parn,holiday,2026-07-01,2026-07-02,",
        "peeter-parn,training,2026-07-10,2026-07-01,",
        'kadri-kask,business_trip,2026-07-03,2026-07-04,"Riia, Läti"',
        "tiina-tamm,other,2026-07-10,2026-07-20,overlaps line 2",
      ].join("\n"),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { errors: Array<{ line: number; field: string }> } };
    expect(body.error.errors.map((e) => [e.line, e.field])).toEqual([
      [3, "employee"],
      [4, "type"],
      [5, "to"],
      [7, "from"],
    ]);
    expect(await deps.store.listAbsences("tiina-tamm")).toEqual([]);
  });

  it("imports a clean file, by id or email, with quoted fields", async () => {
    const res = await csv(
      [
        "employee,type,from,to,note",
        "tiina-tamm,annual_leave,2026-07-01,2026-07-14,",
        'kadri.kask@example.ee,business_trip,2026-07-03,2026-07-04,"Riia, Läti"',
      ].join("\r\n"),
    );
    expect(res.status).toBe(201);
    expect((await deps.store.listAbsences("kadri-kask"))[0]).toMatchObject({
      type: "business_trip",
      note: "Riia, Läti",
    });
  });

  it("needs the header", async () => {
    expect((await csv("tiina-tamm,annual_leave,2026-07-01")).status).toBe(400);
  });
});

describe("changing absences", () => {
  it("closes an open-ended sick leave later, and audits changes to past absences", async () => {
    const created = await call("/api/employees/peeter-parn/absences", {
      method: "POST",
      token: hr,
      body: JSON.stringify({ type: "sick_leave", from: "2026-05-20" }),
    });
    expect(created.status).toBe(201);
    const { absence } = (await created.json()) as { absence: { id: string } };
    const closed = await call(`/api/employees/peeter-parn/absences/${absence.id}`, {
      method: "PUT",
      token: hr,
      body: JSON.stringify({ type: "sick_leave", from: "2026-05-18", to: "2026-05-29" }),
    });
    expect(closed.status).toBe(200);
    expect(await deps.store.listAbsences("peeter-parn")).toEqual([
      expect.objectContaining({ from: "2026-05-18", to: "2026-05-29" }),
    ]);
    const audit = await deps.store.listAudit("absence", absence.id);
    expect(audit.map((a) => a.action)).toEqual(["absence.recorded", "absence.changed"]);
    expect(audit[1]!.changes.sort()).toEqual(["from", "to"]);
    expect(
      (await call(`/api/employees/peeter-parn/absences/${absence.id}`, { method: "DELETE", token: hr }))
        .status,
    ).toBe(204);
    expect(await deps.store.listAbsences("peeter-parn")).toEqual([]);
  });

  it("names the field of a bad absence", async () => {
    const unknown = await call("/api/employees/nobody/absences", {
      method: "POST",
      token: hr,
      body: JSON.stringify({ type: "sick_leave", from: "2026-05-20" }),
    });
    expect(unknown.status).toBe(404);
    const badType = await call("/api/employees/peeter-parn/absences", {
      method: "POST",
      token: hr,
      body: JSON.stringify({ type: "vacation", from: "2026-05-20" }),
    });
    expect(((await badType.json()) as { error: { field: string } }).error.field).toBe("type");
  });
});

describe("explicit delegations", () => {
  it("a lead delegates their own tasks; not someone else's", async () => {
    const own = await call("/api/delegations", {
      method: "POST",
      token: tiina,
      body: JSON.stringify({
        fromEmployeeId: "tiina-tamm",
        toEmployeeId: "kadri-kask",
        kinds: ["probation.finalAssessment"],
        from: "2026-07-01",
        to: "2026-07-14",
      }),
    });
    expect(own.status).toBe(201);
    const other = await call("/api/delegations", {
      method: "POST",
      token: tiina,
      body: JSON.stringify({
        fromEmployeeId: "peeter-parn",
        toEmployeeId: "kadri-kask",
        from: "2026-07-01",
        to: "2026-07-14",
      }),
    });
    expect(other.status).toBe(403);
    const backwards = await call("/api/delegations", {
      method: "POST",
      token: hr,
      body: JSON.stringify({
        fromEmployeeId: "peeter-parn",
        toEmployeeId: "kadri-kask",
        from: "2026-07-14",
        to: "2026-07-01",
      }),
    });
    expect(((await backwards.json()) as { error: { field: string } }).error.field).toBe("to");
    const why = (await (
      await call("/api/employees/mari-maasikas/acting?kind=probation.finalAssessment&date=2026-07-05", {
        token: hr,
      })
    ).json()) as {
      assigneeId: string;
      onBehalfOfId: string;
      reasons: string[];
    };
    expect(why).toMatchObject({ assigneeId: "kadri-kask", onBehalfOfId: "tiina-tamm" });
    expect(why.reasons.at(-1)).toContain("delegated probation.finalAssessment to kadri-kask");
  });
});

describe("keeping tasks with the substitute", () => {
  it("leaves a task with the substitute after the lead returns when the setting says so", async () => {
    await deps.store.createCase(
      activeProbation("prob-keep", "olga-ivanova", { startDate: "2026-06-01", endDate: "2026-09-30" }),
    );
    now = new Date("2026-07-02T08:00:00Z"); // Tiina is on leave 1-14 July (imported above)
    const { taskId } = await createHumanTask(deps, {
      taskToken: "keep-token",
      executionId: "exec-keep-token",
      state: "MidProbationConversation",
      caseId: "prob-keep",
      kind: "probation.midConversation",
    });
    expect(await deps.store.getTask(taskId)).toMatchObject({
      assigneeId: "peeter-parn",
      onBehalfOfId: "tiina-tamm",
      delegatedUntil: "2026-07-14",
    });
    // The substitute sees the delegated task while the delegation lasts, and only then.
    expect((await call(`/api/tasks/${taskId}`, { token: peeter })).status).toBe(200);
    expect((await call(`/api/tasks/${taskId}`, { token: tiina })).status).toBe(404);
    deps.config.keepTasksWithSubstituteAfterReturn = true;
    now = new Date("2026-07-15T08:00:00Z");
    expect(await reconcileAssignments(deps)).toBe(0);
    deps.config.keepTasksWithSubstituteAfterReturn = false;
    expect(await reconcileAssignments(deps)).toBe(1);
    expect((await deps.store.getTask(taskId))?.assigneeId).toBe("tiina-tamm");
    expect((await call(`/api/tasks/${taskId}`, { token: peeter })).status).toBe(404);
    expect((await deps.store.listAudit("task", taskId)).map((a) => a.action)).toContain("task.returned");
  });
});
