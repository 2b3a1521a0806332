// The real training.asl.json on the local engine with the real steps, DynamoDB Local and a virtual
// clock that jumps: the execution waits (parked on its durable timer) until the session has ended,
// then opens the trainer's attendance list; nobody answers, so the sweep escalates it when late
// and lapses it five business days after its due date; the workflow goes on, closes the session as
// not recorded (nobody's record changes) and HR is told once.
import { beforeAll, describe, expect, it } from "vitest";
import { sweep } from "../../functions/core/usecases/scheduler";
import { sessionCaseIdOf } from "../../functions/core/usecases/trainings";
import { createHarness, type Harness } from "../support/api-harness";

let h: Harness;
let caseId: string;
let trainingId: string;

const settle = async () => {
  for (let i = 0; i < 3; i++) {
    await sweep(h.deps);
    await h.engine.whenIdle();
  }
};

const execution = async () => {
  const c = await h.deps.store.getCase(caseId);
  return h.engine.describe(c!.executionId!);
};

beforeAll(async () => {
  // Monday 2 March 2026, 10:00 in Tallinn.
  h = await createHarness("trainingasl", { start: "2026-03-02T08:00:00Z" });
  const res = await h.call("/api/trainings", {
    method: "POST",
    token: h.tokens.hr,
    body: JSON.stringify({
      title: { et: "Menetluspraktika", en: "Procedural practice" },
      topic: { et: "Haldusmenetlus", en: "Administrative procedure" },
      kind: "optional",
      trainer: { kind: "employee", employeeId: "tiina-tamm" },
      // Wednesday 4 March, 10:00-12:00 Tallinn time (08:00-10:00 UTC).
      sessions: [{ date: "2026-03-04", start: "10:00", end: "12:00", place: "Tallinn", capacity: 5 }],
    }),
  });
  trainingId = ((await res.json()) as { id: string }).id;
  caseId = sessionCaseIdOf(trainingId, "s1");
  await h.call(`/api/trainings/${trainingId}/assign`, {
    method: "POST",
    token: h.tokens.hr,
    body: JSON.stringify({ employeeIds: ["mari-maasikas"] }),
  });
  await h.engine.whenIdle();
});

describe("training.asl.json on the local engine", () => {
  it("waits on its timer until the session has ended; no attendance list before that", async () => {
    h.setNow("2026-03-04T09:59:00Z"); // 11:59 in Tallinn
    await settle();
    expect((await execution())?.parkedState).toBe("WaitUntilSessionEnds");
    expect(await h.deps.store.listTasks({ caseId })).toEqual([]);
  });

  it("when the session has ended the trainer gets the attendance list", async () => {
    h.setNow("2026-03-04T10:00:00Z");
    await settle();
    expect((await execution())?.parkedState).toBe("RecordAttendance");
    const [task] = await h.deps.store.listTasks({ caseId });
    expect(task).toMatchObject({ kind: "training.attendance", assigneeId: "tiina-tamm", status: "open" });
    expect(task?.dueDate).toBe("2026-03-06"); // two business days after the session
    expect(h.mails.findLast((m) => m.to === "tiina.tamm@example.ee")?.text).toMatch(/\/l\//);
  });

  it("late: escalated, still open", async () => {
    h.setNow("2026-03-09T06:00:00Z");
    await settle();
    const [task] = await h.deps.store.listTasks({ caseId });
    expect(task?.status).toBe("open");
    expect(task?.escalatedAt).toBeDefined();
    expect((await execution())?.status).not.toBe("succeeded");
  });

  it("nobody answers: the list lapses, the case closes as not recorded and HR is told once", async () => {
    // Due 6 March + five business days = 13 March; it lapses at the end of that day.
    h.setNow("2026-03-13T20:00:00Z");
    await settle();
    expect((await h.deps.store.listTasks({ caseId }))[0]?.status).toBe("open");
    h.setNow("2026-03-13T22:30:00Z"); // 00:30 on 14 March in Tallinn
    await settle();
    const [task] = await h.deps.store.listTasks({ caseId });
    expect(task?.status).toBe("lapsed");
    const c = await h.deps.store.getCase(caseId);
    expect(c?.status).toBe("closed");
    expect(c?.outcome).toMatchObject({ recorded: false, attended: [], noShow: [] });
    expect((await execution())?.status).toBe("succeeded");
    expect((await h.deps.store.getTraining(trainingId))?.attendance).toEqual([]);
    await settle();
    const told = h.mails.filter((m) => m.tag === "training:notRecorded");
    expect(told).toHaveLength(1);
    expect(told[0]?.to).toBe("hr@example.ee");
  });
});
