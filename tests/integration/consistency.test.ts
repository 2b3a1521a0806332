// Records written under optimistic concurrency: two absences recorded at once both extend the
// probation (no lost update); a stale write cannot reopen a decided probation.
import { beforeAll, describe, expect, it } from "vitest";
import { ConditionFailed } from "../../functions/core/ports";
import { createHarness, type Harness } from "../support/api-harness";

let h: Harness;
let employeeId: string;
let caseId: string;

beforeAll(async () => {
  h = await createHarness("consistency", { start: "2026-11-25T08:00:00Z" });
  const res = await h.call("/api/hires", {
    method: "POST",
    token: h.tokens.hr,
    body: JSON.stringify({
      name: "Kaks Korraga",
      email: "kaks.korraga@example.ee",
      startDate: "2026-11-02",
      regime: "TLS",
    }),
  });
  const body = (await res.json()) as {
    employee: { id: string };
    probation: { id: string; data: { endDate: string } };
  };
  employeeId = body.employee.id;
  caseId = body.probation.id;
  expect(body.probation.data.endDate).toBe("2027-03-01");
  await h.engine.whenIdle();
});

describe("optimistic concurrency", () => {
  it("two absences recorded at once both extend the probation", async () => {
    const record = (from: string, to: string) =>
      h.call(`/api/employees/${employeeId}/absences`, {
        method: "POST",
        token: h.tokens.hr,
        body: JSON.stringify({ type: "sick_leave", from, to }),
      });
    const responses = await Promise.all([
      record("2026-12-01", "2026-12-05"),
      record("2027-01-11", "2027-01-20"),
    ]);
    expect(responses.map((r) => r.status)).toEqual([201, 201]);
    const probation = await h.deps.store.getCase(caseId);
    expect(probation).toMatchObject({ data: { extensionDays: 15, endDate: "2027-03-16" } });
    // The extension is the HR user's doing, not the system's.
    const extended = (await h.deps.store.listAudit("case", caseId)).filter(
      (a) => a.action === "probation.extended",
    );
    expect(extended.length).toBeGreaterThan(0);
    expect(extended.every((a) => a.actor.id === "helena-org")).toBe(true);
  });

  it("a write based on an older read of the probation is refused", async () => {
    const read = (await h.deps.store.getCase(caseId))!;
    await h.deps.store.updateCase({
      ...read,
      status: "closed",
      outcome: { decision: "confirm", decidedOn: "2026-11-25" },
    });
    await expect(
      h.deps.store.updateCase({ ...read, data: { ...read.data, endDate: "2027-04-01" } }),
    ).rejects.toBeInstanceOf(ConditionFailed);
    expect((await h.deps.store.getCase(caseId))?.status).toBe("closed");
  });
});
