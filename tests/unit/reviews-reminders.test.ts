// Reminders N business days before a review task is due and on its due date, escalation on the
// first business day after the deadline (Estonian public holidays excluded), and one digest per
// person per day per cycle.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addBusinessDays, addDays, isBusinessDay } from "../../functions/core/calendar";
import {
  digestId,
  digestOf,
  digestsOf,
  type Notice,
  noticeDueToday,
  reminderPlan,
} from "../../functions/core/reviews/reminders";

const settings = { businessDaysBefore: 3, escalateAfterDeadline: true };

describe("reminder plan", () => {
  it("counts business days back over Victory Day and Midsummer, and escalates on the next business day", () => {
    // Fri 26 June 2026; 23 and 24 June are public holidays.
    expect(reminderPlan({ dueDate: "2026-06-26", settings, today: "2026-06-01" })).toEqual({
      reminders: ["2026-06-19", "2026-06-26"],
      escalation: "2026-06-29",
    });
  });

  it("reminds of a due date on a weekend or holiday on the business day before it", () => {
    // Sat 27 June 2026: reminded on Friday the 26th.
    expect(reminderPlan({ dueDate: "2026-06-27", settings, today: "2026-06-01" }).reminders).toEqual([
      "2026-06-19",
      "2026-06-26",
    ]);
    // Christmas Eve 2026 (Thu) is a holiday, as are the 25th and 26th; escalation waits for Monday the 28th.
    expect(reminderPlan({ dueDate: "2026-12-24", settings, today: "2026-12-01" })).toEqual({
      reminders: ["2026-12-18", "2026-12-23"],
      escalation: "2026-12-28",
    });
    // Good Friday and Easter 2026: due Fri 3 April, reminded Thu 2 April.
    expect(
      reminderPlan({
        dueDate: "2026-04-03",
        settings: { ...settings, businessDaysBefore: 0 },
        today: "2026-03-01",
      }),
    ).toEqual({
      reminders: ["2026-04-02"],
      escalation: "2026-04-06",
    });
  });

  it("leaves out reminder days already past, and escalation when the cycle turns it off", () => {
    expect(reminderPlan({ dueDate: "2026-06-26", settings, today: "2026-06-22" })).toEqual({
      reminders: ["2026-06-26"],
      escalation: "2026-06-29",
    });
    expect(
      reminderPlan({
        dueDate: "2026-06-26",
        settings: { ...settings, escalateAfterDeadline: false },
        today: "2026-06-01",
      }),
    ).toEqual({
      reminders: ["2026-06-19", "2026-06-26"],
    });
  });

  it("escalates after the cycle's deadline when it is later than the task's due date", () => {
    const plan = reminderPlan({
      dueDate: "2026-03-13",
      deadline: "2026-03-31",
      settings,
      today: "2026-03-01",
    });
    expect(plan).toEqual({ reminders: ["2026-03-10", "2026-03-13"], escalation: "2026-04-01" });
  });

  const date = fc.integer({ min: 0, max: 5 * 366 }).map((n) => addDays("2026-01-01", n));

  it("over random dates: reminders are business days, N business days apart, the last on or before the due date", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 20 }), (dueDate, n) => {
        const plan = reminderPlan({
          dueDate,
          settings: { businessDaysBefore: n, escalateAfterDeadline: true },
          today: "2025-01-01",
        });
        for (const day of plan.reminders) expect(isBusinessDay(day)).toBe(true);
        expect(plan.reminders).toEqual([...new Set(plan.reminders)].sort());
        const last = plan.reminders.at(-1)!;
        expect(last <= dueDate).toBe(true);
        // Nothing but days off between the last reminder and the due date.
        for (let d = addDays(last, 1); d <= dueDate; d = addDays(d, 1)) expect(isBusinessDay(d)).toBe(false);
        if (n > 0) expect(addBusinessDays(plan.reminders[0]!, n)).toBe(last);
        else expect(plan.reminders).toHaveLength(1);
      }),
      { numRuns: 400 },
    );
  });

  it("over random dates: escalation is the first business day after the deadline", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 40 }), (dueDate, extra) => {
        const deadline = addDays(dueDate, extra);
        const { escalation } = reminderPlan({ dueDate, deadline, settings, today: dueDate });
        expect(escalation! > deadline).toBe(true);
        expect(isBusinessDay(escalation!)).toBe(true);
        for (let d = addDays(deadline, 1); d < escalation!; d = addDays(d, 1))
          expect(isBusinessDay(d)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("over random days: no reminder lies before today", () => {
    fc.assert(
      fc.property(date, date, (dueDate, today) => {
        for (const day of reminderPlan({ dueDate, settings, today }).reminders)
          expect(day >= today).toBe(true);
      }),
    );
  });
});

describe("what is due today", () => {
  const dueDate = "2026-06-26";
  const plan = reminderPlan({ dueDate, settings, today: "2026-06-01" });

  it("reminds on the planned days, once each", () => {
    expect(noticeDueToday({ plan, dueDate, today: "2026-06-18" })).toBeUndefined();
    expect(noticeDueToday({ plan, dueDate, today: "2026-06-19" })).toBe("reminder");
    expect(
      noticeDueToday({ plan, dueDate, today: "2026-06-19", lastRemindedOn: "2026-06-19" }),
    ).toBeUndefined();
    expect(
      noticeDueToday({ plan, dueDate, today: "2026-06-22", lastRemindedOn: "2026-06-19" }),
    ).toBeUndefined();
    expect(noticeDueToday({ plan, dueDate, today: "2026-06-26", lastRemindedOn: "2026-06-19" })).toBe(
      "reminder",
    );
  });

  it("after a sweep outage sends the one reminder it missed, and none after the due date", () => {
    expect(noticeDueToday({ plan, dueDate, today: "2026-06-22" })).toBe("reminder");
    expect(noticeDueToday({ plan, dueDate, today: "2026-06-27" })).toBeUndefined();
  });

  it("escalates once, from the escalation day on", () => {
    expect(noticeDueToday({ plan, dueDate, today: "2026-06-29", lastRemindedOn: "2026-06-26" })).toBe(
      "escalation",
    );
    expect(noticeDueToday({ plan, dueDate, today: "2026-07-02" })).toBe("escalation");
    expect(noticeDueToday({ plan, dueDate, today: "2026-07-02", escalatedOn: "2026-06-29" })).toBeUndefined();
    const quiet = reminderPlan({
      dueDate,
      settings: { ...settings, escalateAfterDeadline: false },
      today: "2026-06-01",
    });
    expect(noticeDueToday({ plan: quiet, dueDate, today: "2026-07-02" })).toBeUndefined();
  });
});

describe("digest: one mail per person per day per cycle", () => {
  const notice = (over: Partial<Notice>): Notice => ({
    recipientId: "lead-1",
    day: "2026-03-10",
    cycleId: "annual-2026",
    kind: "reminder",
    taskId: "t1",
    subjectId: "e1",
    dueDate: "2026-03-13",
    ...over,
  });

  it("folds a lead's notices about many reports into one digest, most pressing first", () => {
    const digest = digestOf([
      notice({ taskId: "t3", subjectId: "e3", dueDate: "2026-03-20" }),
      notice({ taskId: "t1" }),
      notice({ taskId: "t2", subjectId: "e2", kind: "escalation", dueDate: "2026-03-06" }),
      notice({ taskId: "t4", subjectId: "e4", kind: "assignment", dueDate: "2026-03-31" }),
      notice({ taskId: "t1" }), // the same notice twice (a retried sweep)
    ]);
    expect(digest.items.map((n) => `${n.kind}:${n.taskId}`)).toEqual([
      "escalation:t2",
      "assignment:t4",
      "reminder:t1",
      "reminder:t3",
    ]);
    expect(digest.id).toBe(digestId("lead-1", "2026-03-10", "annual-2026"));
    expect(digest.id).toMatch(/^digest_[A-Za-z0-9_-]{22}$/);
  });

  it("keeps an escalation over a reminder for the same task", () => {
    const digest = digestOf([notice({}), notice({ kind: "escalation" })]);
    expect(digest.items).toEqual([notice({ kind: "escalation" })]);
  });

  it("refuses to mix people, days or cycles in one digest", () => {
    expect(() => digestOf([notice({}), notice({ recipientId: "lead-2" })])).toThrow(/one person/);
    expect(() => digestOf([notice({}), notice({ day: "2026-03-11" })])).toThrow(/one day/);
    expect(() => digestOf([notice({}), notice({ cycleId: "midterm-2026" })])).toThrow(/one cycle/);
    expect(() => digestOf([])).toThrow();
  });

  it("over random notices: exactly one digest per (person, day, cycle), each notice's task in it", () => {
    const anyNotice = fc
      .record({
        recipientId: fc.constantFrom("lead-1", "lead-2", "manager"),
        day: fc.constantFrom("2026-03-10", "2026-03-11"),
        cycleId: fc.constantFrom("annual-2026", "midterm-2026"),
        kind: fc.constantFrom("assignment", "reminder", "escalation") as fc.Arbitrary<Notice["kind"]>,
        taskId: fc.constantFrom("t1", "t2", "t3", "t4"),
      })
      .map((r) => notice(r));
    fc.assert(
      fc.property(fc.array(anyNotice, { maxLength: 40 }), (notices) => {
        const digests = digestsOf(notices);
        const keys = new Set(notices.map((n) => `${n.recipientId}|${n.day}|${n.cycleId}`));
        expect(digests).toHaveLength(keys.size);
        expect(new Set(digests.map((d) => d.id)).size).toBe(keys.size);
        for (const n of notices) {
          const digest = digests.find(
            (d) => d.recipientId === n.recipientId && d.day === n.day && d.cycleId === n.cycleId,
          )!;
          expect(digest.items.filter((i) => i.taskId === n.taskId)).toHaveLength(1);
        }
      }),
    );
  });
});
