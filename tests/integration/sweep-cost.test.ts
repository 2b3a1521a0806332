// The sweep costs what is due, not what is open: with nothing due it reads the same handful of
// index pages however many tasks are open; an absence starting re-decides tasks on its first day.
import { beforeAll, describe, expect, it } from "vitest";
import { sweep } from "../../functions/core/usecases/scheduler";
import { createHarness, type Harness } from "../support/api-harness";

let h: Harness;
let reads = 0;

beforeAll(async () => {
  h = await createHarness("sweepcost", { start: "2026-01-05T07:00:00Z" });
  h.tables.documentClient.middlewareStack.add(
    (next, context) => async (args) => {
      if (/^(Get|Query|BatchGet|Scan)/.test(String(context.commandName))) reads++;
      return next(args);
    },
    { step: "initialize", name: "countReads" },
  );
});

async function hireMany(n: number, from: number) {
  for (let i = from; i < from + n; i++) {
    const res = await h.call("/api/hires", {
      method: "POST",
      token: h.tokens.hr,
      body: JSON.stringify({
        name: `Hire ${i}`,
        email: `hire.${i}@example.ee`,
        positionId: "tallinn-spetsialist-3",
        startDate: "2026-01-05",
        regime: "TLS",
      }),
    });
    expect(res.status).toBe(201);
  }
  await h.engine.whenIdle();
}

async function readsOfQuietSweep(): Promise<number> {
  await sweep(h.deps); // whatever was due is done
  await h.engine.whenIdle();
  reads = 0;
  await sweep(h.deps);
  return reads;
}

describe("sweep cost", () => {
  it("a sweep with nothing due reads the same few index pages with 3 or 12 open tasks", async () => {
    await hireMany(3, 0);
    h.setNow("2026-03-01T08:00:00Z"); // every mid-probation conversation is open
    const withThree = await readsOfQuietSweep();
    expect((await h.deps.store.listTasks({ assigneeId: "tiina-tamm", status: "open" })).length).toBe(3);
    await hireMany(9, 3);
    h.setNow("2026-01-05T07:00:00Z");
    h.setNow("2026-03-01T09:00:00Z");
    const withTwelve = await readsOfQuietSweep();
    expect((await h.deps.store.listTasks({ assigneeId: "tiina-tamm", status: "open" })).length).toBe(12);
    expect(withTwelve).toBe(withThree);
    expect(withThree).toBeLessThanOrEqual(8);
    console.log(`quiet sweep: ${withThree} reads with 3 open tasks, ${withTwelve} with 12`);
  });

  it("on the first day of a lead's absence the tasks move to the substitute", async () => {
    const res = await h.call("/api/employees/tiina-tamm/absences", {
      method: "POST",
      token: h.tokens.hr,
      body: JSON.stringify({ type: "annual_leave", from: "2026-03-03", to: "2026-03-06" }),
    });
    expect(res.status).toBe(201);
    // Recorded ahead: nothing moves yet.
    expect((await h.deps.store.listTasks({ assigneeId: "tiina-tamm", status: "open" })).length).toBe(12);
    h.setNow("2026-03-02T22:30:00Z"); // 00:30 in Tallinn on the first day of the leave
    const report = await sweep(h.deps);
    expect(report.tasksReassigned).toBe(12);
    expect((await h.deps.store.listTasks({ assigneeId: "tiina-tamm", status: "open" })).length).toBe(0);
    h.setNow("2026-03-06T22:30:00Z"); // the day after the leave: they return
    expect((await sweep(h.deps)).tasksReassigned).toBe(12);
    expect((await h.deps.store.listTasks({ assigneeId: "tiina-tamm", status: "open" })).length).toBe(12);
  });

  it("two sweeps started at once: one runs, the other skips (a lease, not reserved concurrency)", async () => {
    const reports = await Promise.all([sweep(h.deps), sweep(h.deps)]);
    expect(reports.filter((r) => r.skipped)).toHaveLength(1);
    expect((await sweep(h.deps)).skipped).toBeUndefined(); // released afterwards
  });
});
