// Fan-out: one workflow state opens several tasks (e.g. a self-assessment and the lead's
// assessment) that share one callback; the workflow resumes once all are completed or lapsed,
// with each task's output, and a retried state finds the same tasks.
import { beforeAll, describe, expect, it } from "vitest";
import type { WorkflowEngine } from "../../functions/core/ports";
import { completeAsUser, lapseTask } from "../../functions/core/usecases/tasks";
import { invokeStep } from "../../functions/steps/index";
import { createHarness, type Harness } from "../support/api-harness";

let h: Harness;
let caseId: string;
const delivered: Array<{ token: string; output: Record<string, unknown> }> = [];

beforeAll(async () => {
  h = await createHarness("fanout", {
    start: "2026-11-25T08:00:00Z",
    wrapEngine: (engine): WorkflowEngine => ({
      ...engine,
      start: (...args) => engine.start(...args),
      stop: (...args) => engine.stop(...args),
      sendTaskFailure: (...args) => engine.sendTaskFailure(...args),
      sendTaskSuccess: async (token, output) => void delivered.push({ token, output }),
    }),
  });
  const res = await h.call("/api/hires", {
    method: "POST",
    token: h.tokens.hr,
    body: JSON.stringify({
      id: "kaks-ylesannet",
      name: "Kaks Ülesannet",
      email: "kaks.ylesannet@example.ee",
      positionId: "tallinn-spetsialist-3",
      startDate: "2026-11-02",
      regime: "ATS",
    }),
  });
  caseId = ((await res.json()) as { probation: { id: string } }).probation.id;
});

const open = (taskToken: string) =>
  invokeStep(h.deps, "createHumanTask", {
    taskToken,
    executionId: "arn:aws:states:eu-north-1:1:execution:probation:fan-out",
    state: "BothAtOnce",
    caseId,
    kinds: ["probation.midConversation", "probation.summaryAcknowledgement"],
  }) as Promise<{ taskIds: string[] }>;

describe("fan-out", () => {
  it("opens one task per kind, each with its holder and mail, bound to one token; a retried state re-binds them", async () => {
    const mailsBefore = h.mails.length;
    const { taskIds } = await open("group-token-1");
    expect(taskIds).toHaveLength(2);
    const tasks = await Promise.all(taskIds.map((id) => h.deps.store.getTask(id)));
    expect(tasks.map((t) => t!.assigneeId).sort()).toEqual(
      ["kaks-ylesannet", "tiina-tamm"].sort().map((x) => x),
    );
    expect(h.mails.length - mailsBefore).toBe(2);
    const again = await open("group-token-2");
    expect(again.taskIds).toEqual(taskIds);
    for (const id of taskIds) {
      const task = await h.deps.store.getTask(id);
      expect(await h.deps.store.getTaskToken(task!.callback.tokenHash)).toBe("group-token-2");
    }
    expect(h.mails.length - mailsBefore).toBe(2);
  });

  it("resumes the workflow once, when the last task is done or lapsed, with every task's output", async () => {
    const { taskIds } = await open("group-token-2");
    const [lead, official] = await Promise.all(taskIds.map((id) => h.deps.store.getTask(id)));
    const leadTask = [lead!, official!].find((t) => t.kind === "probation.midConversation")!;
    const ackTask = [lead!, official!].find((t) => t.kind === "probation.summaryAcknowledgement")!;
    await completeAsUser(h.deps, { employeeId: leadTask.assigneeId, roles: ["lead"] }, leadTask.id, {
      heldOn: "2026-11-25",
      summary: "Vestlus peetud.",
    });
    expect(delivered).toEqual([]); // one of two is done: the workflow still waits
    expect(await lapseTask(h.deps, (await h.deps.store.getTask(ackTask.id))!)).toBe(true);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.token).toBe("group-token-2");
    expect(delivered[0]!.output).toMatchObject({
      tasks: expect.arrayContaining([
        expect.objectContaining({
          kind: "probation.midConversation",
          status: "completed",
          taskId: leadTask.id,
        }),
        expect.objectContaining({
          kind: "probation.summaryAcknowledgement",
          status: "lapsed",
          acknowledged: false,
        }),
      ]),
    });
  });
});
