// A launch that ran out of time (or whose process died) is finished by the sweep: reviews are
// written in bulk without overwriting what an earlier attempt wrote, and every review's workflow
// starts exactly once.
import { beforeAll, describe, expect, it } from "vitest";
import type { JobDescription } from "../../functions/core/model";
import { continueLaunch, createCycle, reviewIdOf } from "../../functions/core/usecases/cycles";
import { sweep } from "../../functions/core/usecases/scheduler";
import { createHarness, type Harness } from "../support/api-harness";

let h: Harness;

const jd: JobDescription = {
  positionTitle: "Spetsialist",
  unitName: "Tallinna klienditeenindus",
  duties: [{ code: "3.1", text: "Klientide nõustamine", details: [], expectedResults: [] }],
  rights: [],
  responsibilities: [],
  requirements: { languages: [] },
  competencies: [],
};

beforeAll(async () => {
  h = await createHarness("cycle-launch", { start: "2026-11-25T08:00:00Z" });
  await h.deps.store.putJobDescription("tallinn-spetsialist-1", jd);
  await h.deps.store.putJobDescription("tallinn-spetsialist-2", jd);
});

describe("a launch carried on by the sweep", () => {
  it("a launch out of budget writes nothing half; the sweep writes and starts the rest once", async () => {
    const cycle = await createCycle(
      h.deps,
      { id: "helena-org" },
      {
        type: "annual",
        title: { et: "Arenguvestlused", en: "Development conversations" },
        scope: { kind: "positions", positionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2"] },
        opensOn: "2026-11-25",
        deadline: "2026-12-31",
      },
    );
    // As if the request died right after HR pressed launch: launching, nothing written yet.
    const launching = { ...cycle, status: "launching" as const, version: cycle.version + 1 };
    await h.deps.store.updateCycle(launching, cycle.version);
    const first = await continueLaunch(h.deps, launching, 0);
    expect(first).toMatchObject({ selected: 2, created: 0, done: false });
    const report = await sweep(h.deps);
    await h.engine.whenIdle();
    expect(report.launchesResumed).toBe(1);
    const after = await h.deps.store.getCycle(cycle.id);
    expect(after?.status).toBe("open");
    expect(after?.launch).toEqual({ selected: 2, created: 2, started: 2 });
    const reviews = await h.deps.store.listCasesInGroup(`cycle:${cycle.id}`);
    expect(reviews.map((r) => r.subjectId).sort()).toEqual(["mari-maasikas", "olga-ivanova"]);
    expect(reviews.every((r) => r.executionId)).toBe(true);
    // Launching again (HR presses twice, or a late sweep) writes nothing over the running reviews.
    const mari = await h.deps.store.getCase(reviewIdOf(cycle.id, "mari-maasikas"));
    const again = await continueLaunch(h.deps, after!, 60_000);
    expect(again).toMatchObject({ created: 2, started: 2, done: true });
    await h.engine.whenIdle();
    expect(await h.deps.store.getCase(mari!.id)).toEqual(mari);
    // Each review's first step ran once: two assessment tasks each, no more.
    const tasks = await Promise.all(reviews.map((r) => h.deps.store.listTasks({ caseId: r.id })));
    expect(tasks.map((t) => t.length)).toEqual([2, 2]);
    expect((await sweep(h.deps)).launchesResumed).toBe(0);
  });
});
