// A trainer's attendance list (holder `self`): the trainer in person while present; while away,
// whoever acts for them by the same chain as for an absent lead, never the trainer's own lead first.
import { describe, expect, it } from "vitest";
import { actingAssignee, HR_QUEUE, type OrgView } from "../../functions/core/assignment";
import type { Absence, Employee, Position } from "../../functions/core/model";

const pos = (id: string, managerPositionId?: string, substitutePositionIds: string[] = []): Position => ({
  id,
  title: id,
  unitId: "u",
  managerPositionId,
  substitutePositionIds,
});
const person = (id: string, positionId?: string): Employee => ({
  id,
  name: id,
  email: `${id}@example.ee`,
  locale: "et",
  positionId,
  startDate: "2020-01-01",
  regime: "TLS",
  probationExtensionWaived: false,
  roles: ["employee"],
});
const positions = [pos("head"), pos("tallinn", "head", ["regional"]), pos("regional", "head")];
const people = [person("kadri", "head"), person("tiina", "tallinn"), person("peeter", "regional")];
const org = (absences: Absence[] = [], who = people): OrgView => ({
  position: async (id) => positions.find((p) => p.id === id),
  holders: async (id) => who.filter((p) => p.positionId === id),
  absences: async (id) => absences.filter((a) => a.employeeId === id),
  delegations: async () => [],
});
const sick = (employeeId: string): Absence => ({
  id: `a-${employeeId}`,
  employeeId,
  type: "sick_leave",
  from: "2026-03-01",
  to: "2026-03-20",
});
const tiina = people[1]!;

describe("the trainer's attendance list", () => {
  it("goes to the trainer in person while present", async () => {
    const a = await actingAssignee(org(), "training.attendance", tiina, "2026-03-10");
    expect(a).toMatchObject({ assigneeId: "tiina" });
    expect(a.onBehalfOfId).toBeUndefined();
  });

  it("goes to the trainer's substitute (1.4) while the trainer is away, on their behalf", async () => {
    const a = await actingAssignee(org([sick("tiina")]), "training.attendance", tiina, "2026-03-10");
    expect(a).toMatchObject({ assigneeId: "peeter", onBehalfOfId: "tiina", until: "2026-03-20" });
  });

  it("then the trainer's manager, then HR", async () => {
    const manager = await actingAssignee(
      org([sick("tiina"), sick("peeter")]),
      "training.attendance",
      tiina,
      "2026-03-10",
    );
    expect(manager.assigneeId).toBe("kadri");
    const hr = await actingAssignee(
      org([sick("tiina"), sick("peeter"), sick("kadri")]),
      "training.attendance",
      tiina,
      "2026-03-10",
    );
    expect(hr.assigneeId).toBe(HR_QUEUE);
  });

  it("a trainer with no position: HR", async () => {
    const loose = person("ext");
    expect(
      (await actingAssignee(org([], [...people, loose]), "training.attendance", loose, "2026-03-10"))
        .assigneeId,
    ).toBe(HR_QUEUE);
  });
});
