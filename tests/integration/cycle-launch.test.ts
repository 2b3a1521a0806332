// A launch that ran out of time (or whose process died) is finished by the sweep: reviews are
// written in bulk without overwriting what an earlier attempt wrote, and every review's workflow
// starts exactly once.
import { beforeAll, describe, expect, it } from "vitest";
import type { JobDescription } from "../../functions/core/model";
import type { WorkflowEngine } from "../../functions/core/ports";
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

/** How many workflow starts Step Functions refuses next (ThrottlingException past the SDK's retries). */
let refuseStarts = 0;

beforeAll(async () => {
  h = await createHarness("cycle-launch", {
    start: "2026-11-25T08:00:00Z",
    wrapEngine: (engine): WorkflowEngine => ({
      start: async (...args) => {
        if (refuseStarts > 0) {
          refuseStarts--;
          throw Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
        }
        return engine.start(...args);
      },
      stop: (...args) => engine.stop(...args),
      sendTaskFailure: (...args) => engine.sendTaskFailure(...args),
      sendTaskSuccess: (...args) => engine.sendTaskSuccess(...args),
    }),
  });
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

  it("while another writer holds the launch's lease nothing is written; when it runs out, the sweep takes over", async () => {
    const cycle = await createCycle(
      h.deps,
      { id: "helena-org" },
      {
        type: "annual",
        title: { et: "Teine", en: "Second" },
        scope: { kind: "positions", positionIds: ["tallinn-spetsialist-1"] },
        opensOn: "2026-11-25",
        deadline: "2026-12-31",
      },
    );
    // A request that died holding the lease (its process killed mid-launch).
    const held = {
      ...cycle,
      status: "launching" as const,
      launch: {
        selected: 1,
        created: 0,
        started: 0,
        lease: { owner: "dead", until: "2026-11-25T09:00:00.000Z" },
      },
      version: cycle.version + 1,
    };
    await h.deps.store.updateCycle(held, cycle.version);
    expect(await continueLaunch(h.deps, held, 60_000)).toMatchObject({ created: 0, done: false });
    expect(await h.deps.store.listCaseIdsInGroup(`cycle:${cycle.id}`)).toEqual([]);
    expect((await sweep(h.deps)).launchesResumed).toBe(1);
    expect((await h.deps.store.getCycle(cycle.id))?.status).toBe("launching");
    h.setNow("2026-11-25T09:01:00Z");
    await sweep(h.deps);
    await h.engine.whenIdle();
    expect(await h.deps.store.getCycle(cycle.id)).toMatchObject({
      status: "open",
      launch: { selected: 1, created: 1, started: 1 },
    });
  });

  it("leaves out whoever is on probation or away for the whole window, read with two queries", async () => {
    await h.deps.store.putJobDescription("tallinn-spetsialist-3", jd);
    const hire = await h.call("/api/hires", {
      method: "POST",
      token: h.tokens.hr,
      body: JSON.stringify({
        name: "Liis Lepik",
        email: "liis.lepik@example.ee",
        positionId: "tallinn-spetsialist-3",
        startDate: "2026-11-25",
        regime: "TLS",
      }),
    });
    expect(hire.status, await hire.clone().text()).toBe(201);
    await h.engine.whenIdle();
    // Open-ended sick leave since before the window: away for all of it.
    const away = await h.call("/api/employees/olga-ivanova/absences", {
      method: "POST",
      token: h.tokens.hr,
      body: JSON.stringify({ type: "sick_leave", from: "2026-11-02", to: "9999-12-31" }),
    });
    expect(away.status, await away.clone().text()).toBe(201);
    const created = await h.call("/api/cycles", {
      method: "POST",
      token: h.tokens.hr,
      body: JSON.stringify({
        type: "annual",
        title: { et: "Kolmas", en: "Third" },
        scope: {
          kind: "positions",
          positionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2", "tallinn-spetsialist-3"],
        },
        opensOn: "2026-12-01",
        deadline: "2026-12-31",
      }),
    });
    const { id } = (await created.json()) as { id: string };
    const preview = (await (await h.call(`/api/cycles/${id}/preview`, { token: h.tokens.hr })).json()) as {
      included: Array<{ id: string }>;
      excluded: Array<{ id: string; reason: string }>;
    };
    expect(preview.included.map((e) => e.id)).toEqual(["mari-maasikas"]);
    const reasons = Object.fromEntries(preview.excluded.map((e) => [e.id, e.reason]));
    expect(reasons["olga-ivanova"]).toBe("absent_whole_window");
    expect(Object.entries(reasons).find(([, r]) => r === "on_probation")).toBeDefined();
  });

  it("a start Step Functions refuses (throttled) fails nothing: the launch stops and the sweep starts the rest", async () => {
    const cycle = await createCycle(
      h.deps,
      { id: "helena-org" },
      {
        type: "annual",
        title: { et: "Neljas", en: "Fourth" },
        scope: { kind: "positions", positionIds: ["tallinn-spetsialist-1"] },
        opensOn: "2026-12-01",
        deadline: "2026-12-31",
      },
    );
    refuseStarts = 1;
    const res = await h.call(`/api/cycles/${cycle.id}/launch`, { method: "POST", token: h.tokens.hr });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ created: 1, started: 0, done: false });
    // Written, not started: the sweep starts it once the request's lease has run out.
    h.setNow("2026-11-25T11:00:00Z");
    await sweep(h.deps);
    await h.engine.whenIdle();
    expect(await h.deps.store.getCycle(cycle.id)).toMatchObject({
      status: "open",
      launch: { selected: 1, created: 1, started: 1 },
    });
  });
});
