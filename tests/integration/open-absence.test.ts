// TLS § 86: days not worked extend the probation. An absence whose end is not known yet (open-ended
// sick leave) keeps extending it for as long as it lasts, so the probation must not lapse, nor its
// final assessment close, on an end date the absence has moved. Found by the console's browser
// test: the extension was counted once, on the day the absence was recorded, and never again.
import { beforeAll, expect, it } from "vitest";
import { sweep } from "../../functions/core/usecases/scheduler";
import type { Probation } from "../../functions/core/workflows/probation";
import { createHarness, type Harness } from "../support/api-harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness("openabs", { start: "2026-01-05T07:00:00Z" });
});

async function at(instant: string) {
  h.setNow(instant);
  for (let i = 0; i < 3; i++) {
    await sweep(h.deps);
    await h.engine.whenIdle();
  }
}

it("an open-ended sick leave keeps moving the last day; the probation does not lapse on the old one", async () => {
  const res = await h.call("/api/hires", {
    method: "POST",
    token: h.tokens.hr,
    body: JSON.stringify({
      name: "Haige Töötaja",
      email: "haige@example.ee",
      positionId: "tallinn-spetsialist-3",
      startDate: "2026-01-05",
      contractDate: "2025-12-15",
      regime: "TLS",
    }),
  });
  expect(res.status).toBe(201);
  const { probation } = (await res.json()) as { probation: Probation };
  await h.engine.whenIdle();
  expect(probation.data.endDate).toBe("2026-05-04");

  await at("2026-04-20T07:00:00Z");
  const sick = await h.call(`/api/employees/${probation.subjectId}/absences`, {
    method: "POST",
    token: h.tokens.hr,
    body: JSON.stringify({ type: "sick_leave", from: "2026-04-20" }),
  });
  expect(sick.status).toBe(201);

  // Past the old last day (and the day after the first extension) while still on sick leave.
  await at("2026-05-06T21:30:00Z");
  const now = (await h.deps.store.getCase(probation.id)) as Probation;
  expect(now.status).toBe("active");
  expect(now.data.endDate > "2026-05-06").toBe(true);
  const final = (await h.deps.store.listTasks({ caseId: probation.id })).find(
    (t) => t.kind === "probation.finalAssessment",
  );
  expect(final?.status).toBe("open");
  expect(h.mails.some((m) => m.tag === "probation:outcome")).toBe(false);
});
