// The acting-assignee chain (1.3 lead, explicit delegation, 1.4 substitutes, manager, HR queue).
import { describe, expect, it } from "vitest";
import { actingAssignee, HR_QUEUE, type OrgView } from "../../functions/core/assignment";
import type { Absence, Delegation, Employee, Position } from "../../functions/core/model";

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

function org(opts: {
  positions: Position[];
  people: Employee[];
  absences?: Absence[];
  delegations?: Delegation[];
}): OrgView {
  return {
    position: async (id) => opts.positions.find((p) => p.id === id),
    holders: async (id) => opts.people.filter((p) => p.positionId === id),
    absences: async (id) => (opts.absences ?? []).filter((a) => a.employeeId === id),
    delegations: async (id) => (opts.delegations ?? []).filter((d) => d.fromEmployeeId === id),
  };
}
const away = (employeeId: string, from: string, to?: string): Absence => ({
  id: `a-${employeeId}`,
  employeeId,
  type: "annual_leave",
  from,
  to,
});

// The seed: the Tallinn lead is substituted by the regional lead (1.4), both report to the department head.
const positions = [
  pos("head"),
  pos("tallinn", "head", ["regional"]),
  pos("regional", "head", ["tallinn", "deputy"]),
  pos("deputy", "head"),
  pos("specialist", "tallinn"),
];
const people = [
  person("kadri", "head"),
  person("tiina", "tallinn"),
  person("peeter", "regional"),
  person("dora", "deputy"),
  person("mari", "specialist"),
];
const mari = people.at(-1)!;
const day = "2026-06-10";

describe("acting assignee", () => {
  it("is the lead when present", async () => {
    const a = await actingAssignee(org({ positions, people }), "probation.midConversation", mari, day);
    expect(a.assigneeId).toBe("tiina");
    expect(a.onBehalfOfId).toBeUndefined();
    expect(a.reasons[0]).toContain("tallinn");
  });

  it("is the substitute (1.4) while the lead is absent, until the absence ends", async () => {
    const a = await actingAssignee(
      org({ positions, people, absences: [away("tiina", "2026-06-01", "2026-06-20")] }),
      "probation.midConversation",
      mari,
      day,
    );
    expect(a).toMatchObject({ assigneeId: "peeter", onBehalfOfId: "tiina", until: "2026-06-20" });
    expect(a.reasons.join("\n")).toMatch(
      /tiina .* absent: annual_leave 2026-06-01..2026-06-20\n.*peeter holds regional, substitute of tallinn/,
    );
    const after = await actingAssignee(
      org({ positions, people, absences: [away("tiina", "2026-06-01", "2026-06-09")] }),
      "probation.midConversation",
      mari,
      day,
    );
    expect(after.assigneeId).toBe("tiina");
  });

  it("follows the substitute's own substitutes when the substitute is absent too, without cycling", async () => {
    const absences = [away("tiina", "2026-06-01", "2026-06-30"), away("peeter", "2026-06-05")];
    const a = await actingAssignee(
      org({ positions, people, absences }),
      "probation.midConversation",
      mari,
      day,
    );
    expect(a).toMatchObject({ assigneeId: "dora", onBehalfOfId: "tiina" });
    expect(a.reasons.join("\n")).toContain("substitute tallinn already considered (cycle guard)");
    expect(a.reasons.join("\n")).toContain("open-ended");
  });

  it("goes to the lead's manager, then HR, when the whole chain is away", async () => {
    const absences = [
      away("tiina", "2026-06-01", "2026-06-30"),
      away("peeter", "2026-06-01", "2026-06-30"),
      away("dora", "2026-06-01", "2026-06-30"),
    ];
    expect(
      (await actingAssignee(org({ positions, people, absences }), "probation.finalAssessment", mari, day))
        .assigneeId,
    ).toBe("kadri");
    const all = [...absences, away("kadri", "2026-06-01", "2026-06-30")];
    const hr = await actingAssignee(
      org({ positions, people, absences: all }),
      "probation.finalAssessment",
      mari,
      day,
    );
    expect(hr.assigneeId).toBe(HR_QUEUE);
    expect(hr.reasons.at(-1)).toContain("HR queue");
  });

  it("routes a vacant lead position like an absent lead", async () => {
    const a = await actingAssignee(
      org({ positions, people: people.filter((p) => p.id !== "tiina") }),
      "probation.midConversation",
      mari,
      day,
    );
    expect(a).toMatchObject({ assigneeId: "peeter", onBehalfOfId: undefined });
    expect(a.reasons[0]).toContain("vacant");
  });

  it("prefers an explicit delegation for the kinds and dates it covers", async () => {
    const absences = [away("tiina", "2026-06-01", "2026-06-30")];
    const delegations: Delegation[] = [
      {
        id: "d1",
        fromEmployeeId: "tiina",
        toEmployeeId: "dora",
        kinds: ["probation.finalAssessment"],
        from: "2026-06-01",
        to: "2026-06-30",
      },
    ];
    const view = org({ positions, people, absences, delegations });
    expect((await actingAssignee(view, "probation.finalAssessment", mari, day)).assigneeId).toBe("dora");
    expect((await actingAssignee(view, "probation.midConversation", mari, day)).assigneeId).toBe("peeter");
    expect((await actingAssignee(view, "probation.finalAssessment", mari, "2026-07-01")).assigneeId).toBe(
      "tiina",
    );
    const delegateAway = org({
      positions,
      people,
      absences: [...absences, away("dora", "2026-06-01", "2026-06-12")],
      delegations,
    });
    const skipped = await actingAssignee(delegateAway, "probation.finalAssessment", mari, day);
    expect(skipped.assigneeId).toBe("peeter");
    expect(skipped.reasons.join("\n")).toContain("delegation d1 to dora skipped");
  });

  it("stops a long substitute chain at its bound", async () => {
    const chain = [
      pos("head"),
      pos("l", "head", ["s1"]),
      pos("s1", undefined, ["s2"]),
      pos("s2", undefined, ["s3"]),
      pos("s3", undefined, ["s4"]),
      pos("s4"),
      pos("spec", "l"),
    ];
    const staff = [person("lead", "l"), person("x4", "s4"), person("m", "spec")];
    const a = await actingAssignee(
      org({ positions: chain, people: staff, absences: [away("lead", "2026-01-01")] }),
      "probation.midConversation",
      staff[2]!,
      day,
    );
    expect(a.assigneeId).toBe(HR_QUEUE);
    expect(a.reasons.join("\n")).toContain("stopped after 3 levels");
  });

  it("leaves an employee's own task with the employee", async () => {
    const a = await actingAssignee(
      org({ positions, people, absences: [away("mari", "2026-06-01")] }),
      "probation.summaryAcknowledgement",
      mari,
      day,
    );
    expect(a.assigneeId).toBe("mari");
  });
});
