// The Store port against DynamoDB Local: access patterns, idempotency and optimistic locking.
import { beforeAll, describe, expect, it } from "vitest";
import type { DynamoStore } from "../../functions/adapters/dynamodb/store";
import { formFor } from "../../functions/core/forms";
import type { Case, Employee, HumanTask, Timer } from "../../functions/core/model";
import { ConditionFailed } from "../../functions/core/ports";
import { createTestTable } from "../support/dynamo";

let store: DynamoStore;
beforeAll(async () => {
  ({ store } = await createTestTable("store"));
});

const employee = (id: string, email: string, positionId?: string): Employee => ({
  id,
  name: `Person ${id}`,
  email,
  locale: "et",
  positionId,
  startDate: "2026-01-05",
  regime: "TLS",
  probationExtensionWaived: false,
  roles: ["employee"],
});

const task = (id: string, tokenHash: string, over: Partial<HumanTask> = {}): HumanTask => ({
  id,
  kind: "probation.midConversation",
  subjectId: "e1",
  caseId: "p1",
  assigneeId: "lead1",
  dueDate: "2026-03-10",
  status: "open",
  form: formFor("probation.midConversation")!,
  linkId: "l1",
  links: [
    {
      id: "l1",
      assigneeId: "lead1",
      issuedAt: "2026-03-01T00:00:00.000Z",
      expiresAt: "2026-04-01T00:00:00.000Z",
    },
  ],
  callback: { tokenHash, status: "waiting", attempts: 0 },
  createdAt: "2026-03-01T00:00:00.000Z",
  version: 1,
  ...over,
});

describe("organisation", () => {
  it("stores units, positions and employees, and finds holders and emails", async () => {
    await store.putUnit({ id: "u1", name: "Unit" });
    await store.putPosition({ id: "pos1", title: "Lead", unitId: "u1", substitutePositionIds: [] });
    await store.putEmployee(employee("e1", "Mari@Example.ee", "pos1"));
    expect(await store.listUnits()).toEqual([{ id: "u1", name: "Unit" }]);
    expect((await store.listPositions()).map((p) => p.id)).toEqual(["pos1"]);
    expect((await store.findEmployeeByEmail("mari@example.ee"))?.id).toBe("e1");
    expect((await store.listEmployeesInPosition("pos1")).map((e) => e.id)).toEqual(["e1"]);
  });

  it("refuses a second employee with the same email, and frees an email when it changes", async () => {
    await expect(store.putEmployee(employee("e2", "mari@example.ee"))).rejects.toBeInstanceOf(
      ConditionFailed,
    );
    await store.putEmployee(employee("e1", "mari.new@example.ee", "pos1"));
    await store.putEmployee(employee("e2", "mari@example.ee"));
    expect((await store.findEmployeeByEmail("mari@example.ee"))?.id).toBe("e2");
    await store.deleteEmployee("e2");
    expect(await store.findEmployeeByEmail("mari@example.ee")).toBeUndefined();
  });

  it("keeps absences per employee in date order", async () => {
    await store.putAbsence({ id: "a2", employeeId: "e1", type: "sick_leave", from: "2026-02-10" });
    await store.putAbsence({
      id: "a1",
      employeeId: "e1",
      type: "annual_leave",
      from: "2026-02-01",
      to: "2026-02-03",
    });
    expect((await store.listAbsences("e1")).map((a) => a.id)).toEqual(["a1", "a2"]);
  });
});

describe("tasks", () => {
  it("creates a task once per token, however often and concurrently the step runs", async () => {
    const results = await Promise.all(
      [1, 2, 3].map((n) => store.createTask(task(`t-${n}`, "hash-A"), "token-A")),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.task.id)).size).toBe(1);
    expect(await store.getTaskToken("hash-A")).toBe("token-A");
    expect((await store.listTasks({ caseId: "p1" })).map((t) => t.id)).toEqual([results[0]!.task.id]);
    expect(await store.listTasks({ assigneeId: "lead1", status: "open" })).toHaveLength(1);
  });

  it("lets exactly one writer win an update of the same version", async () => {
    const { task: t } = await store.createTask(task("t-lock", "hash-B"), "token-B");
    const done = {
      ...t,
      status: "completed" as const,
      callback: { ...t.callback, status: "pending" as const },
      version: 2,
    };
    const outcomes = await Promise.allSettled([
      store.updateTask(done, 1),
      store.updateTask({ ...done, answers: { x: 1 } }, 1),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect((outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(
      ConditionFailed,
    );
    const pending = await store.listPendingCallbacks();
    expect(pending.map((p) => p.item.id)).toContain("t-lock");
    expect((await store.listOpenTasksDueBy("2026-12-31")).map((x) => x.id)).not.toContain("t-lock");
  });

  it("lists open tasks due by a date", async () => {
    await store.createTask(task("t-late", "hash-C", { dueDate: "2026-05-01" }), "token-C");
    expect((await store.listOpenTasksDueBy("2026-04-30")).map((t) => t.id)).not.toContain("t-late");
    expect((await store.listOpenTasksDueBy("2026-05-01")).map((t) => t.id)).toContain("t-late");
  });
});

describe("timers, audit, settings", () => {
  it("finds waiting timers that are due and moves them out of the index when fired", async () => {
    const timer: Timer = {
      id: "tm1",
      purpose: "midConversationOpens",
      caseId: "p1",
      dueAt: "2026-03-01T07:00:00.000Z",
      status: "waiting",
      callback: { tokenHash: "hash-T", status: "waiting", attempts: 0 },
      createdAt: "2026-01-05T00:00:00.000Z",
    };
    expect((await store.createTimer(timer, "token-T")).created).toBe(true);
    expect((await store.createTimer({ ...timer, id: "tm2" }, "token-T")).timer.id).toBe("tm1");
    expect(await store.listWaitingTimersDueBy("2026-02-28T00:00:00.000Z")).toEqual([]);
    expect((await store.listWaitingTimersDueBy("2026-03-01T07:00:00.000Z")).map((t) => t.id)).toEqual([
      "tm1",
    ]);
    const fired: Timer = { ...timer, status: "fired", callback: { ...timer.callback, status: "pending" } };
    await store.updateTimer(fired, { status: "waiting", callback: "waiting" });
    expect(await store.listWaitingTimersDueBy("2027-01-01T00:00:00.000Z")).toEqual([]);
    expect((await store.listTimers({ caseId: "p1" }))[0]?.status).toBe("fired");
    // A reschedule that read the timer before it fired cannot put it back to waiting.
    await expect(
      store.updateTimer(
        { ...timer, dueAt: "2026-04-01T07:00:00.000Z" },
        { status: "waiting", callback: "waiting" },
      ),
    ).rejects.toBeInstanceOf(ConditionFailed);
    expect((await store.getTimer("tm1"))?.status).toBe("fired");
  });

  it("keeps audit records in time order and settings as values", async () => {
    for (const at of ["2026-01-02T00:00:00.000Z", "2026-01-01T00:00:00.000Z"]) {
      await store.appendAudit({
        entityType: "task",
        entityId: "t1",
        at,
        actor: { id: "x" },
        action: "a",
        changes: [],
      });
    }
    expect((await store.listAudit("task", "t1")).map((a) => a.at)).toEqual([
      "2026-01-01T00:00:00.000Z",
      "2026-01-02T00:00:00.000Z",
    ]);
    // Records of the same instant keep the order they were written in (a fixed clock, or a busy millisecond).
    for (const action of ["first", "second", "third", "fourth"]) {
      await store.appendAudit({
        entityType: "task",
        entityId: "t2",
        at: "2026-01-01T00:00:00.000Z",
        actor: { id: "x" },
        action,
        changes: [],
      });
    }
    expect((await store.listAudit("task", "t2")).map((a) => a.action)).toEqual([
      "first",
      "second",
      "third",
      "fourth",
    ]);
    await store.putSetting("offset", 42);
    expect(await store.getSetting<number>("offset")).toBe(42);
  });
});

describe("cases in bulk", () => {
  const review = (id: string): Case => ({
    id,
    workflow: "annualReview",
    subjectId: `person-${id}`,
    groupId: "cycle:bulk",
    status: "active",
    data: { note: id },
    createdAt: "2026-11-25T08:00:00.000Z",
    updatedAt: "2026-11-25T08:00:00.000Z",
    version: 1,
  });

  it("writes a group's cases with their pointers, and never overwrites one that exists", async () => {
    const started = { ...review("b-2"), executionId: "exec-b-2", version: 2 };
    await store.createCase(started);
    const batch = Array.from({ length: 60 }, (_, i) => review(`b-${i}`));
    // One chunk holds a case that exists: that chunk is written one by one, the other at once.
    expect(await store.createCases(batch)).toBe(59);
    expect(await store.getCase("b-2")).toEqual(started);
    expect((await store.listCaseIdsInGroup("cycle:bulk")).length).toBe(60);
    expect((await store.listCasesInGroup("cycle:bulk")).length).toBe(60);
    expect(await store.createCases(batch)).toBe(0);
  });
});
