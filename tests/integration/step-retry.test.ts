// A Step Functions retry re-enters a callback state with a new token. What the state created
// (its timer) must stay one, re-bound to the new token, and a callback already recorded for the
// dead token must reach the live one.
import { beforeAll, describe, expect, it } from "vitest";
import { sweep } from "../../functions/core/usecases/scheduler";
import { invokeStep } from "../../functions/steps/index";
import { createHarness, type Harness } from "../support/api-harness";

let h: Harness;
let caseId: string;

beforeAll(async () => {
  h = await createHarness("stepretry", { start: "2026-11-25T08:00:00Z" });
  const res = await h.call("/api/hires", {
    method: "POST",
    token: h.tokens.hr,
    body: JSON.stringify({
      name: "Kord Veel",
      email: "kord.veel@example.ee",
      startDate: "2026-11-23",
      regime: "TLS",
    }),
  });
  caseId = ((await res.json()) as { probation: { id: string } }).probation.id;
  await h.engine.whenIdle();
});

const waitPayload = (taskToken: string) => ({
  taskToken,
  executionId: "arn:aws:states:eu-north-1:1:execution:probation:retry-test",
  state: "WaitForMidConversationWindow",
  caseId,
  purpose: "midConversationOpens",
});

describe("a callback state retried with a new token", () => {
  it("keeps one timer and binds it to the newest token", async () => {
    const first = (await invokeStep(h.deps, "waitUntil", waitPayload("token-one"))) as { timerId: string };
    const second = (await invokeStep(h.deps, "waitUntil", waitPayload("token-two"))) as { timerId: string };
    expect(second.timerId).toBe(first.timerId);
    const again = (await invokeStep(h.deps, "waitUntil", waitPayload("token-two"))) as { timerId: string };
    expect(again.timerId).toBe(first.timerId);
    const timer = await h.deps.store.getTimer(first.timerId);
    expect(await h.deps.store.getTaskToken(timer!.callback.tokenHash)).toBe("token-two");
    const timers = (await h.deps.store.listTimers({ caseId })).filter((t) => t.id === first.timerId);
    expect(timers).toHaveLength(1);
  });

  it("a timer that fired for the dead token is delivered again to the new one", async () => {
    const delivered: string[] = [];
    const engine = h.deps.engine;
    h.deps.engine = { ...engine, sendTaskSuccess: async (token) => void delivered.push(token) };
    try {
      const payload = {
        ...waitPayload("token-a"),
        state: "WaitForFinalAssessmentWindow",
        purpose: "finalAssessmentOpens",
      };
      const { timerId } = (await invokeStep(h.deps, "waitUntil", payload)) as { timerId: string };
      h.setNow((await h.deps.store.getTimer(timerId))!.dueAt);
      await sweep(h.deps);
      expect(delivered).toContain("token-a");
      await invokeStep(h.deps, "waitUntil", { ...payload, taskToken: "token-b" });
      await sweep(h.deps);
      expect(delivered).toContain("token-b");
    } finally {
      h.deps.engine = engine;
    }
  });

  it("a human task's state retried with a new token: one task, one mail, the new token bound", async () => {
    const payload = (taskToken: string) => ({
      taskToken,
      executionId: "arn:aws:states:eu-north-1:1:execution:probation:retry-test",
      state: "MidProbationConversation",
      caseId,
      kind: "probation.midConversation",
    });
    const mailsBefore = h.mails.length;
    const first = (await invokeStep(h.deps, "createHumanTask", payload("task-token-one"))) as {
      taskId: string;
    };
    const second = (await invokeStep(h.deps, "createHumanTask", payload("task-token-two"))) as {
      taskId: string;
    };
    expect(second.taskId).toBe(first.taskId);
    const task = await h.deps.store.getTask(first.taskId);
    expect(await h.deps.store.getTaskToken(task!.callback.tokenHash)).toBe("task-token-two");
    expect(h.mails.slice(mailsBefore).filter((m) => m.tag === "task:probation.midConversation")).toHaveLength(
      1,
    );
  });
});
