// The real probation.asl.json in the local engine, with recorded step calls: every path, callback
// failures and timeouts, idempotent callbacks, stop, and a restart in the middle.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LocalWorkflowEngine } from "../../functions/adapters/local-engine/engine";
import { MemoryJournal } from "../../functions/adapters/local-engine/journal";
import type { StepName } from "../../functions/steps/catalog";
import { defineStep, runStep } from "../../functions/steps/define";

interface Call {
  step: StepName;
  payload: Record<string, unknown>;
}

function harness(regime: "TLS" | "ATS", journal = new MemoryJournal()) {
  const calls: Call[] = [];
  let now = new Date("2026-01-05T08:00:00Z");
  const engine = new LocalWorkflowEngine({
    journal,
    clock: { now: () => now },
    invokeStep: async (step, payload) => {
      calls.push({ step, payload: payload as Record<string, unknown> });
      if (step === "startProbation") return { caseId: "p1", regime, endDate: "2026-05-04" };
      return { ok: true };
    },
  });
  const tokens = () => calls.filter((c) => typeof c.payload.taskToken === "string");
  const lastToken = () => tokens().at(-1)!.payload.taskToken as string;
  const settle = () => engine.whenIdle();
  const status = async (id: string) => (await engine.describe(id))?.status;
  return {
    engine,
    calls,
    journal,
    tokens,
    lastToken,
    settle,
    status,
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

const stepsOf = (calls: Call[]) =>
  calls.map((c) => (c.payload.kind ? `${c.step}:${c.payload.kind}` : c.step));

describe("probation workflow in the local engine", () => {
  it("a parked execution leaves no timer behind (scripts exit; memory is not held for an hour)", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const before = timers();
    const h = harness("TLS");
    for (let i = 0; i < 20; i++)
      await h.engine.start("probation", `park-${i}`, { caseId: "p1", employeeId: "e1" });
    await h.settle();
    await new Promise((r) => setTimeout(r, 50));
    expect(timers() - before).toBeLessThan(5);
  });

  it("retries a step that met a transient error (a DynamoDB throttle) instead of failing the probation", async () => {
    const journal = new MemoryJournal();
    const calls: StepName[] = [];
    let throttled = 0;
    const engine = new LocalWorkflowEngine({
      journal,
      clock: { now: () => new Date("2026-01-05T08:00:00Z") },
      invokeStep: (step, payload) =>
        runStep(
          defineStep({
            input: z.unknown(),
            run: async () => {
              calls.push(step);
              if (step === "startProbation" && throttled++ === 0) {
                const error = new Error("Rate exceeded");
                error.name = "ProvisionedThroughputExceededException";
                throw error;
              }
              return step === "startProbation" ? { caseId: "p1", regime: "TLS", endDate: "2026-05-04" } : {};
            },
          }),
          {} as never,
          payload,
        ),
    });
    const { executionId } = await engine.start("probation", "p1", { caseId: "p1", employeeId: "e1" });
    await engine.whenIdle();
    expect((await engine.describe(executionId))?.status).toBe("parked");
    expect(calls).toEqual(["startProbation", "startProbation", "waitUntil"]);
  });

  it("TLS: timer, mid conversation, timer, final assessment, outcome, HR", async () => {
    const h = harness("TLS");
    const { executionId } = await h.engine.start("probation", "p1", { caseId: "p1", employeeId: "e1" });
    await h.settle();
    expect(await h.status(executionId)).toBe("parked");
    expect(h.calls[0]!.payload).toEqual({ caseId: "p1", executionId });
    for (const output of [
      { timerId: "t1" },
      { taskId: "task1" },
      { timerId: "t2" },
      { taskId: "task2", decision: "confirm" },
    ]) {
      await h.engine.sendTaskSuccess(h.lastToken(), output);
      await h.settle();
    }
    expect(await h.status(executionId)).toBe("succeeded");
    expect(stepsOf(h.calls)).toEqual([
      "startProbation",
      "waitUntil",
      "createHumanTask:probation.midConversation",
      "waitUntil",
      "createHumanTask:probation.finalAssessment",
      "recordProbationOutcome",
      "notifyHr",
    ]);
    expect(h.calls.at(-2)!.payload).toEqual({ caseId: "p1", finalAssessmentTaskId: "task2" });
    // Tokens are issued here, one per pause, and never reused.
    expect(new Set(h.tokens().map((c) => c.payload.taskToken)).size).toBe(4);
  });

  it("ATS: the official acknowledges the interview summary before the outcome (ATS § 24(7))", async () => {
    const h = harness("ATS");
    const { executionId } = await h.engine.start("probation", "p1", { caseId: "p1", employeeId: "e1" });
    await h.settle();
    for (const output of [{}, { taskId: "a" }, {}, { taskId: "b", decision: "end" }, { taskId: "c" }]) {
      await h.engine.sendTaskSuccess(h.lastToken(), output);
      await h.settle();
    }
    expect(stepsOf(h.calls)).toContain("createHumanTask:probation.summaryAcknowledgement");
    expect(await h.status(executionId)).toBe("succeeded");
  });

  it("a failed callback notifies HR and fails the execution", async () => {
    const h = harness("TLS");
    const { executionId } = await h.engine.start("probation", "p1", { caseId: "p1", employeeId: "e1" });
    await h.settle();
    await h.engine.sendTaskFailure(h.lastToken(), "Timer.Broken", "test");
    await h.settle();
    expect(await h.status(executionId)).toBe("failed");
    expect(h.calls.at(-1)!.payload).toMatchObject({ event: "probation.failed", error: "Timer.Broken" });
  });

  it("a callback past its TimeoutSeconds (by our clock) times out", async () => {
    const h = harness("TLS");
    const { executionId } = await h.engine.start("probation", "p1", { caseId: "p1", employeeId: "e1" });
    await h.settle();
    expect(await h.engine.fireTimeouts(new Date("2026-02-01T00:00:00Z"))).toBe(0);
    h.advance(400 * 86_400_000);
    expect(await h.engine.fireTimeouts(new Date("2027-03-01T00:00:00Z"))).toBe(1);
    await h.settle();
    expect(await h.status(executionId)).toBe("failed");
    expect(h.calls.at(-1)!.payload).toMatchObject({ event: "probation.failed", error: "States.Timeout" });
  });

  it("ignores a repeated or unknown token, and a repeated start", async () => {
    const h = harness("TLS");
    const first = await h.engine.start("probation", "p1", { caseId: "p1" });
    await h.settle();
    const token = h.lastToken();
    await h.engine.sendTaskSuccess(token, {});
    await h.engine.sendTaskSuccess(token, {});
    await h.engine.sendTaskSuccess("no-such-token", {});
    await h.settle();
    expect(stepsOf(h.calls).filter((s) => s === "waitUntil")).toHaveLength(1);
    expect(stepsOf(h.calls)).toContain("createHumanTask:probation.midConversation");
    expect(await h.engine.start("probation", "p1", { caseId: "p1" })).toEqual(first);
    await h.settle();
    expect(stepsOf(h.calls).filter((s) => s === "startProbation")).toHaveLength(1);
  });

  it("a stopped execution never resumes", async () => {
    const h = harness("TLS");
    const { executionId } = await h.engine.start("probation", "p1", { caseId: "p1" });
    await h.settle();
    await h.engine.stop(executionId, "cancelled");
    await h.engine.sendTaskSuccess(h.lastToken(), {});
    await h.settle();
    expect(await h.status(executionId)).toBe("stopped");
    expect(h.calls).toHaveLength(2);
  });

  it("a new engine on the same journal continues parked and acknowledged executions", async () => {
    const journal = new MemoryJournal();
    const before = harness("TLS", journal);
    const { executionId } = await before.engine.start("probation", "p1", { caseId: "p1" });
    await before.settle();
    const token = before.lastToken();

    // Simulate a crash right after a callback was acknowledged but before its run continued.
    const record = (await journal.get(executionId))!;
    await journal.put({
      ...record,
      status: "resuming",
      tokenHash: undefined,
      resolution: { tokenHash: "x", output: {} },
    });

    const after = harness("TLS", journal);
    await after.engine.resumeAll();
    await after.settle();
    expect(stepsOf(after.calls)).toEqual(["createHumanTask:probation.midConversation"]);
    expect(await after.status(executionId)).toBe("parked");
    expect(token).not.toBe(after.lastToken());
    await after.engine.sendTaskSuccess(after.lastToken(), { taskId: "t" });
    await after.settle();
    expect(stepsOf(after.calls).at(-1)).toBe("waitUntil");
  });

  it("replays the step that issued a token if the process died while it ran", async () => {
    const journal = new MemoryJournal();
    const before = harness("TLS", journal);
    const { executionId } = await before.engine.start("probation", "p1", { caseId: "p1" });
    await before.settle();
    const record = (await journal.get(executionId))!;
    await journal.put({
      ...record,
      status: "parking",
      pendingStep: { step: "waitUntil", payload: before.calls[1]!.payload },
    });
    const after = harness("TLS", journal);
    await after.engine.resumeAll();
    await after.settle();
    expect(after.calls.map((c) => c.payload.taskToken)).toEqual([before.lastToken()]);
    expect(await after.status(executionId)).toBe("parked");
  });
});
