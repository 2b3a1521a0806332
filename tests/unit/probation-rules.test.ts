import { describe, expect, it } from "vitest";
import type { DomainError } from "../../functions/core/errors";
import {
  canEndContractOn,
  computeProbationPeriod,
  contractEndAfterNotice,
  probationSchedule,
} from "../../functions/core/probation-rules";

const tls = { regime: "TLS" as const, startDate: "2026-01-15", absences: [], asOf: "2026-01-15" };

describe("probation length", () => {
  it("TLS: four months, or shorter as agreed", () => {
    expect(computeProbationPeriod(tls)).toMatchObject({
      baseEndDate: "2026-05-14",
      endDate: "2026-05-14",
      extensionDays: 0,
    });
    expect(computeProbationPeriod({ ...tls, agreedMonths: 3 }).endDate).toBe("2026-04-14");
    expect(computeProbationPeriod({ ...tls, startDate: "2026-10-31" }).endDate).toBe("2027-02-27");
  });

  it("TLS: at most half of a fixed term under eight months", () => {
    const p = computeProbationPeriod({ ...tls, startDate: "2026-01-01", contractEndDate: "2026-06-30" });
    expect(p.endDate).toBe("2026-03-31"); // 181 days -> 90 days
    expect(p.basis.join(" ")).toContain("TLS § 86(2)");
    expect(computeProbationPeriod({ ...tls, contractEndDate: "2027-01-14" }).endDate).toBe("2026-05-14");
  });

  it("ATS: six months, not extended by absences", () => {
    const p = computeProbationPeriod({
      ...tls,
      regime: "ATS",
      absences: [{ from: "2026-02-01", to: "2026-02-10" }],
    });
    expect(p).toMatchObject({ endDate: "2026-07-14", extensionDays: 0 });
  });

  it("extends day for day by absences inside the period, overlaps counted once", () => {
    const p = computeProbationPeriod({
      ...tls,
      absences: [
        { from: "2026-02-02", to: "2026-02-06" },
        { from: "2026-02-05", to: "2026-02-08" },
        { from: "2026-01-01", to: "2026-01-16" }, // only 15-16 Jan count
      ],
    });
    expect(p.extensionDays).toBe(9);
    expect(p.endDate).toBe("2026-05-23");
  });

  it("reaches a fixed point when the extension takes in a later absence", () => {
    const p = computeProbationPeriod({
      ...tls,
      absences: [
        { from: "2026-03-01", to: "2026-03-05" },
        { from: "2026-05-16", to: "2026-05-20" },
      ],
    });
    // 5 days -> end 19 May, which takes in 16-19 May -> 9 days -> end 23 May, which takes in 20 May too.
    expect(p.extensionDays).toBe(10);
    expect(p.endDate).toBe("2026-05-24");
  });

  it("counts an open-ended absence up to today", () => {
    const p = computeProbationPeriod({ ...tls, asOf: "2026-02-10", absences: [{ from: "2026-02-01" }] });
    expect(p.extensionDays).toBe(10);
  });

  it("does not extend old contracts or when the contract waives it", () => {
    const absences = [{ from: "2026-02-01", to: "2026-02-10" }];
    expect(computeProbationPeriod({ ...tls, absences, contractDate: "2022-07-31" }).extensionDays).toBe(0);
    expect(computeProbationPeriod({ ...tls, absences, extensionWaived: true }).extensionDays).toBe(0);
    expect(computeProbationPeriod({ ...tls, absences, contractDate: "2022-08-01" }).extensionDays).toBe(10);
  });

  it("parental leave can push the end past a year", () => {
    const p = computeProbationPeriod({ ...tls, absences: [{ from: "2026-03-01", to: "2026-12-26" }] });
    expect(p.extensionDays).toBe(301);
    expect(p.endDate > "2027-01-15").toBe(true);
  });

  it("refuses nonsense, naming the field", () => {
    const field = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as DomainError).field;
      }
    };
    expect(field(() => computeProbationPeriod({ ...tls, agreedMonths: 5 }))).toBe("agreedProbationMonths");
    expect(field(() => computeProbationPeriod({ ...tls, contractEndDate: "2025-01-01" }))).toBe(
      "contractEndDate",
    );
    expect(
      field(() => computeProbationPeriod({ ...tls, absences: [{ from: "2026-02-02", to: "2026-02-01" }] })),
    ).toBe("to");
  });
});

describe("probation schedule", () => {
  it("places the conversations and moves due dates off weekends and holidays", () => {
    const s = probationSchedule({ startDate: "2026-01-15", endDate: "2026-05-14" });
    // 120 days: the midpoint is start + 60 days = Monday 16 Mar.
    expect(s).toEqual({
      midConversationOpensOn: "2026-03-09",
      midConversationDueOn: "2026-03-16",
      finalAssessmentOpensOn: "2026-04-23",
      finalAssessmentDueOn: "2026-05-14",
    });
    // The last day is a Sunday: the internal due date is Friday; a midpoint on a Sunday moves back too.
    const weekend = probationSchedule({ startDate: "2026-02-01", endDate: "2026-05-31" });
    expect(weekend.finalAssessmentDueOn).toBe("2026-05-29");
    expect(probationSchedule({ startDate: "2026-01-14", endDate: "2026-05-13" }).midConversationDueOn).toBe(
      "2026-03-13",
    );
  });

  it("gives at least 15 calendar days' notice (TLS § 96)", () => {
    expect(contractEndAfterNotice("2026-05-14")).toBe("2026-05-29");
    expect(canEndContractOn("2026-05-14", "2026-05-14")).toBe(true);
    expect(canEndContractOn("2026-05-15", "2026-05-14")).toBe(false);
  });
});
