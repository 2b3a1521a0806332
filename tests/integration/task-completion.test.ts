// Completing a task while something harmless changes it at the same moment (the assignment mail
// being marked as sent, a reminder being noted) must still succeed; a real winner still wins.
import { beforeAll, expect, it } from "vitest";
import type { DynamoStore } from "../../functions/adapters/dynamodb/store";
import type { Deps } from "../../functions/core/deps";
import type { HumanTask } from "../../functions/core/model";
import { recordAbsence } from "../../functions/core/usecases/absences";
import { completeByLink, createHumanTask, inspectLink } from "../../functions/core/usecases/tasks";
import { seedDemoOrganisation } from "../../functions/local/demo/org";
import { activeProbation, idleEngine, silentLogger, testConfig } from "../support/deps";
import { createTestTable } from "../support/dynamo";

let deps: Deps;
let store: DynamoStore;
const mailed: string[] = [];
/** Runs once just before the next completion write, as a concurrent writer would. */
let beforeCompletionWrite: (() => Promise<void>) | undefined;
/** Runs once just before the next write that hands a task to a substitute. */
let beforeReassignWrite: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ store } = await createTestTable("complete"));
  await seedDemoOrganisation(store);
  await store.createCase(
    activeProbation("prob-race", "mari-maasikas", { startDate: "2026-01-05", endDate: "2026-05-04" }),
  );
  const racingStore = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === "updateTask") {
        return async (task: HumanTask, expected: number) => {
          if (task.status === "completed" && beforeCompletionWrite) {
            const race = beforeCompletionWrite;
            beforeCompletionWrite = undefined;
            await race();
          }
          if (task.status === "open" && task.onBehalfOfId && beforeReassignWrite) {
            const race = beforeReassignWrite;
            beforeReassignWrite = undefined;
            await race();
          }
          return target.updateTask(task, expected);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  deps = {
    store: racingStore,
    clock: { now: () => new Date("2026-03-01T08:00:00Z") },
    engine: idleEngine,
    logger: silentLogger,
    mailer: { send: async (m) => void mailed.push(m.text) },
    config: testConfig(),
  };
});

it("completes despite a concurrent harmless update, and a second submission then conflicts", async () => {
  const { taskId } = await createHumanTask(deps, {
    taskToken: "race-token",
    executionId: "exec-race-token",
    state: "MidProbationConversation",
    caseId: "prob-race",
    kind: "probation.midConversation",
  });
  const token = /\/l\/(\S+)/.exec(mailed.at(-1)!)![1]!;
  const view = await inspectLink(deps, token);
  if (view.state !== "open") throw new Error(view.state);
  beforeCompletionWrite = async () => {
    const current = (await store.getTask(taskId))!;
    await store.updateTask(
      { ...current, remindedAt: "2026-03-01T08:00:00.000Z", version: current.version + 1 },
      current.version,
    );
  };
  const { task } = await completeByLink(deps, token, {
    nonce: view.nonce,
    heldOn: "2026-03-01",
    summary: "Hea.",
  });
  expect(task.status).toBe("completed");
  expect((await store.getTask(taskId))?.remindedAt).toBe("2026-03-01T08:00:00.000Z");
  await expect(
    completeByLink(deps, token, { nonce: view.nonce, heldOn: "2026-03-01", summary: "Teine." }),
  ).rejects.toMatchObject({
    code: "conflict",
  });
});

it("moves a task to the substitute even when a harmless update lands between listing and moving it", async () => {
  // Seen in CI: the step marking the assignment mail as sent bumped the version just after the
  // absence's reassignment listed the task, and the task stayed with the absent lead.
  const { taskId } = await createHumanTask(deps, {
    taskToken: "race-token-2",
    executionId: "exec-race-token-2",
    state: "MidProbationConversation",
    caseId: "prob-race",
    kind: "probation.midConversation",
  });
  const before = (await store.getTask(taskId))!;
  beforeReassignWrite = async () => {
    const current = (await store.getTask(taskId))!;
    await store.updateTask(
      { ...current, remindedAt: "2026-03-01T08:00:00.000Z", version: current.version + 1 },
      current.version,
    );
  };
  await recordAbsence(deps, { id: "helena-org" }, before.assigneeId, {
    type: "annual_leave",
    from: "2026-03-01",
    to: "2026-03-10",
  });
  const after = (await store.getTask(taskId))!;
  expect(after.assigneeId).not.toBe(before.assigneeId);
  expect(after.onBehalfOfId).toBe(before.assigneeId);
});
