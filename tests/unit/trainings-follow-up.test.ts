// Follow-up dates: N weeks or N months (clamped to the month's end) after completion, moved off
// weekends and Estonian public holidays; refreshers count from the latest completion.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, isBusinessDay } from "../../functions/core/calendar";
import {
  businessDayOnOrAfter,
  followUpDueDate,
  followUpState,
  refresherOverdue,
} from "../../functions/core/trainings/follow-up";

describe("follow-up due dates", () => {
  it("adds weeks, moving a weekend or holiday to the next business day", () => {
    expect(followUpDueDate("2026-03-10", { kind: "afterWeeks", weeks: 8 })).toBe("2026-05-05");
    // 8 weeks after Fri 6 March 2026 is Fri 1 May (kevadpüha, a public holiday): Monday 4 May.
    expect(followUpDueDate("2026-03-06", { kind: "afterWeeks", weeks: 8 })).toBe("2026-05-04");
    // 2 weeks after Tue 9 June is Tue 23 June (Võidupüha), then 24 June (Jaanipäev): Thursday 25th.
    expect(followUpDueDate("2026-06-09", { kind: "afterWeeks", weeks: 2 })).toBe("2026-06-25");
    expect(followUpDueDate("2026-03-10", { kind: "none" })).toBeUndefined();
  });

  it("adds months, clamping to the end of a shorter month", () => {
    // 31 Oct 2025 + 4 months: 28 Feb 2026 is a Saturday, so Monday 2 March.
    expect(followUpDueDate("2025-10-31", { kind: "everyMonths", months: 4 })).toBe("2026-03-02");
    // 31 Jan 2028 + 1 month: 29 Feb 2028 (leap year), a Tuesday.
    expect(followUpDueDate("2028-01-31", { kind: "everyMonths", months: 1 })).toBe("2028-02-29");
    // 24 Dec 2025 + 12 months: Christmas Eve, Christmas, Boxing Day, then a Sunday: Monday 28 Dec.
    expect(followUpDueDate("2025-12-24", { kind: "everyMonths", months: 12 })).toBe("2026-12-28");
    expect(followUpDueDate("2026-01-15", { kind: "everyMonths", months: 24 })).toBe("2028-01-17");
  });

  it("always lands on a business day, within a week of the plain date", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 1, max: 104 }), (days, weeks) => {
        const completed = addDays("2025-01-01", days);
        const due = followUpDueDate(completed, { kind: "afterWeeks", weeks })!;
        const plain = addDays(completed, weeks * 7);
        expect(isBusinessDay(due)).toBe(true);
        expect(due >= plain && due <= addDays(plain, 6)).toBe(true);
        expect(businessDayOnOrAfter(due)).toBe(due);
      }),
    );
  });
});

describe("follow-up state and refreshers", () => {
  const yearly = { kind: "everyMonths", months: 12 } as const;

  it("counts a refresher from the latest completion", () => {
    const done = ["2024-03-12", "2025-03-11"];
    expect(followUpState(yearly, done, "2026-03-10")).toEqual({
      status: "not_due",
      basedOn: "2025-03-11",
      dueOn: "2026-03-11",
      daysOverdue: 0,
    });
    expect(followUpState(yearly, done, "2026-03-11").status).toBe("due_today");
    expect(followUpState(yearly, done, "2026-03-20")).toMatchObject({ status: "overdue", daysOverdue: 9 });
    expect(refresherOverdue(yearly, done, "2026-03-20")).toBe(true);
    expect(refresherOverdue(yearly, [...done, "2026-03-19"], "2026-03-20")).toBe(false);
  });

  it("is none without a rule or a completion: a training never taken is missing, not overdue", () => {
    expect(followUpState(yearly, [], "2026-03-20")).toEqual({ status: "none", daysOverdue: 0 });
    expect(followUpState({ kind: "none" }, ["2020-01-01"], "2026-03-20").status).toBe("none");
    expect(refresherOverdue(yearly, [], "2030-01-01")).toBe(false);
  });

  it("has one follow-up after N weeks, done by any later completion", () => {
    const rule = { kind: "afterWeeks", weeks: 8 } as const;
    expect(followUpState(rule, ["2026-03-10"], "2026-05-06")).toMatchObject({
      status: "overdue",
      dueOn: "2026-05-05",
      daysOverdue: 1,
    });
    expect(followUpState(rule, ["2026-03-10", "2026-05-05"], "2026-09-01")).toMatchObject({
      status: "done",
      basedOn: "2026-03-10",
    });
    // A follow-up is not a refresher.
    expect(refresherOverdue(rule, ["2026-03-10"], "2027-01-01")).toBe(false);
  });
});
