// The scheduler sweep on DynamoDB Local: reminders before the due date, escalation to the lead's
// own manager and HR when overdue, each once; a failed callback delivery is retried.
import { beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../functions/core/deps";
import type { HumanTask } from "../../functions/core/model";
import type { OutgoingMail, WorkflowEngine } from "../../functions/core/ports";
import { sweep } from "../../functions/core/usecases/scheduler";
import { createHumanTask } from "../../functions/core/usecases/tasks";
import type { Probation } from "../../functions/core/workflows/probation";
import { seedDemoOrganisation } from "../../functions/local/demo/org";
import { silentLogger, testConfig } from "../support/deps";
import { createTestTable } from "../support/dynamo";

let deps: Deps;
const mails: OutgoingMail[] = [];
const delivered: string[] = [];
let failDelivery = false;
let now = new Date("2026-03-10T08:00:00Z");

const engine: WorkflowEngine = {
  start: async () => ({ executionId: "x" }),
  sendTaskSuccess: async (token) => {
    if (failDelivery) throw new Error("engine unavailable");
    delivered.push(token);
  },
  sendTaskFailure: async () => {},
  stop: async () => {},
};

const probation: Probation = {
  id: "prob-1",
  workflow: "probation",
  subjectId: "mari-maasikas",
  data: {
    regime: "TLS",
    startDate: "2026-01-05",
    baseEndDate: "2026-05-04",
    endDate: "2026-05-04",
    extensionDays: 0,
  },
  status: "active",
  createdAt: "2026-01-05T08:00:00.000Z",
  updatedAt: "2026-01-05T08:00:00.000Z",
};

beforeAll(async () => {
  const { store } = await createTestTable("sweep");
  await seedDemoOrganisation(store);
  await store.createCase(probation);
  deps = {
    store,
    engine,
    clock: { now: () => now },
    logger: silentLogger,
    mailer: { send: async (m) => void mails.push(m) },
    config: testConfig(),
  };
});

describe("scheduler sweep", () => {
  let task: HumanTask;

  it("mails the task once, reminds before the due date once, and escalates once when overdue", async () => {
    const { taskId } = await createHumanTask(deps, {
      taskToken: "tok-1",
      executionId: "exec-tok-1",
      state: "MidProbationConversation",
      caseId: "prob-1",
      kind: "probation.midConversation",
    });
    await createHumanTask(deps, {
      taskToken: "tok-1",
      executionId: "exec-tok-1",
      state: "MidProbationConversation",
      caseId: "prob-1",
      kind: "probation.midConversation",
    });
    task = (await deps.store.getTask(taskId))!;
    expect(task.dueDate).toBe("2026-03-06"); // the midpoint: start + 60 of 120 days
    expect(mails.filter((m) => m.tag === "task:probation.midConversation")).toHaveLength(1);

    now = new Date("2026-03-03T08:00:00Z");
    expect((await sweep(deps)).remindersSent).toBe(1);
    expect((await sweep(deps)).remindersSent).toBe(0);
    expect(mails.filter((m) => m.tag.startsWith("reminder:")).map((m) => m.to)).toEqual([
      "tiina.tamm@example.ee",
    ]);

    now = new Date("2026-03-09T08:00:00Z");
    expect((await sweep(deps)).escalationsSent).toBe(1);
    expect((await sweep(deps)).escalationsSent).toBe(0);
    expect(
      mails
        .filter((m) => m.tag.startsWith("escalation:"))
        .map((m) => m.to)
        .sort(),
    ).toEqual(["hr@example.ee", "kadri.kask@example.ee"]);
    const audit = await deps.store.listAudit("task", taskId);
    expect(audit.map((a) => a.action)).toContain("task.escalated");
  });

  it("keeps a completed task's callback pending until the engine takes it", async () => {
    const current = (await deps.store.getTask(task.id))!;
    await deps.store.updateTask(
      {
        ...current,
        status: "completed",
        answers: { summary: "x" },
        callback: { ...current.callback, status: "pending" },
        version: current.version + 1,
      },
      current.version,
    );
    failDelivery = true;
    expect((await sweep(deps)).callbacksRedelivered).toBe(0);
    expect((await deps.store.getTask(task.id))?.callback.status).toBe("pending");
    failDelivery = false;
    expect((await sweep(deps)).callbacksRedelivered).toBe(1);
    expect(delivered).toEqual(["tok-1"]);
    expect((await deps.store.getTask(task.id))?.callback.status).toBe("delivered");
    expect((await sweep(deps)).callbacksRedelivered).toBe(0);
  });
});
