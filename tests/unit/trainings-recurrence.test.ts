// Info-session series from an RRULE: holidays skipped and reported, 10:00 in Tallinn on both
// sides of daylight saving changes, and every bad rule refused naming `rrule`.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, estonianHolidays } from "../../functions/core/calendar";
import { tallinnWallClockInstant } from "../../functions/core/reviews/ics";
import {
  MAX_OCCURRENCES,
  planSeries,
  type SeriesDefinitionInput,
} from "../../functions/core/trainings/recurrence";
import { fieldOf } from "../support/trainings";

const TODAY = "2026-01-02";
const series = (over: Partial<SeriesDefinitionInput> = {}): SeriesDefinitionInput => ({
  rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
  from: "2026-01-13",
  until: "2026-06-30",
  time: "10:00",
  ...over,
});

describe("info-session series", () => {
  it("gives every second Tuesday, skipping Independence Day (24 Feb) and reporting it", () => {
    const plan = planSeries(series(), TODAY);
    expect(plan.occurrences.map((o) => o.date)).toEqual([
      "2026-01-13",
      "2026-01-27",
      "2026-02-10",
      "2026-03-10",
      "2026-03-24",
      "2026-04-07",
      "2026-04-21",
      "2026-05-05",
      "2026-05-19",
      "2026-06-02",
      "2026-06-16",
      "2026-06-30",
    ]);
    expect(plan.skipped).toEqual([{ date: "2026-02-24", reason: "holiday" }]);
  });

  it("holds 10:00 Tallinn time: 08:00Z in winter (UTC+2), 07:00Z in summer (UTC+3)", () => {
    const plan = planSeries(series({ durationMinutes: 90 }), TODAY);
    const at = (date: string) => plan.occurrences.find((o) => o.date === date)!;
    // Summer time starts Sunday 29 March 2026 and ends Sunday 25 October 2026.
    expect(at("2026-03-24")).toEqual({
      date: "2026-03-24",
      start: "2026-03-24T08:00:00.000Z",
      end: "2026-03-24T09:30:00.000Z",
    });
    expect(at("2026-04-07").start).toBe("2026-04-07T07:00:00.000Z");
    const autumn = planSeries(
      series({ rrule: "FREQ=WEEKLY;BYDAY=FR", from: "2026-10-16", until: "2026-10-31" }),
      TODAY,
    );
    expect(autumn.occurrences.map((o) => o.start)).toEqual([
      "2026-10-16T07:00:00.000Z",
      "2026-10-23T07:00:00.000Z",
      "2026-10-30T08:00:00.000Z",
    ]);
  });

  it("skips weekday and weekend holidays alike, and counts COUNT before skipping (as EXDATE would)", () => {
    // Every Tuesday in June 2026: the 23rd is Võidupüha.
    const june = planSeries(
      series({ rrule: "RRULE:FREQ=WEEKLY;BYDAY=TU", from: "2026-06-01", until: "2026-06-30" }),
      TODAY,
    );
    expect(june.occurrences.map((o) => o.date)).toEqual([
      "2026-06-02",
      "2026-06-09",
      "2026-06-16",
      "2026-06-30",
    ]);
    expect(june.skipped.map((s) => s.date)).toEqual(["2026-06-23"]);
    // Every day over Easter 2026: Good Friday and Easter Sunday go; Saturday stays (a rule's choice).
    const easter = planSeries(
      series({ rrule: "FREQ=DAILY;COUNT=4", from: "2026-04-02", until: "2026-04-30" }),
      TODAY,
    );
    expect(easter.occurrences.map((o) => o.date)).toEqual(["2026-04-02", "2026-04-04"]);
    expect(easter.skipped.map((s) => s.date)).toEqual(["2026-04-03", "2026-04-05"]);
  });

  it("ends at the rule's UNTIL when it is earlier, that day included", () => {
    const plan = planSeries(series({ rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20260127" }), TODAY);
    expect(plan.occurrences.map((o) => o.date)).toEqual(["2026-01-13", "2026-01-27"]);
    const monthly = planSeries(
      series({ rrule: "FREQ=MONTHLY;BYDAY=-1TH", from: "2026-01-05", until: "2026-04-30" }),
      TODAY,
    );
    expect(monthly.occurrences.map((o) => o.date)).toEqual([
      "2026-01-29",
      "2026-02-26",
      "2026-03-26",
      "2026-04-30",
    ]);
  });

  it("refuses a rule that gives no session, naming rrule", () => {
    expect(fieldOf(() => planSeries(series({ rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" }), TODAY))).toBe(
      "rrule",
    );
    expect(() => planSeries(series({ rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" }), TODAY)).toThrow(
      /no date/,
    );
    // Only Midsummer: both dates are public holidays.
    const midsummer = series({ rrule: "FREQ=DAILY", from: "2026-06-23", until: "2026-06-24" });
    expect(fieldOf(() => planSeries(midsummer, TODAY))).toBe("rrule");
    expect(() => planSeries(midsummer, TODAY)).toThrow(/public holiday \(2026-06-23, 2026-06-24\)/);
  });

  it("refuses a rule that can never match at once, not after rrule searched to the year 9999", () => {
    for (const rrule of [
      "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
      "FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31",
      "FREQ=MONTHLY;BYDAY=6TU",
      "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=6",
      "FREQ=DAILY;INTERVAL=7;BYDAY=MO",
    ]) {
      const started = performance.now();
      expect(
        fieldOf(() => planSeries(series({ rrule }), TODAY)),
        rrule,
      ).toBe("rrule");
      expect(performance.now() - started, rrule).toBeLessThan(1000);
    }
    // The last weekday of each month is a legitimate BYSETPOS.
    const lastWorkday = planSeries(
      series({ rrule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", until: "2026-03-31" }),
      TODAY,
    );
    expect(lastWorkday.occurrences.map((o) => o.date)).toEqual(["2026-01-30", "2026-02-27", "2026-03-31"]);
  });

  it("refuses unreadable or out-of-place rules, naming rrule", () => {
    for (const rrule of [
      "garbage",
      "FREQ=FORTNIGHTLY",
      "FREQ=WEEKLY;BYDAY=XX",
      "FREQ=WEEKLY;UNTIL=2026",
      "BYDAY=TU",
      "FREQ=HOURLY",
      "FREQ=WEEKLY;BYHOUR=10",
      "FREQ=WEEKLY;INTERVAL=0",
      "FREQ=WEEKLY;COUNT=0",
      "FREQ=YEARLY;BYYEARDAY=100",
      "FREQ=WEEKLY;BYDAY=TU;BYSETPOS=1",
      "DTSTART:20260113T100000\nRRULE:FREQ=WEEKLY",
    ])
      expect(
        fieldOf(() => planSeries(series({ rrule }), TODAY)),
        rrule,
      ).toBe("rrule");
    expect(fieldOf(() => planSeries(series({ rrule: " " }), TODAY))).toBe("rrule");
  });

  it("refuses a range that is backwards, too long or in the past, and a time the clocks skip", () => {
    expect(fieldOf(() => planSeries(series({ until: "2026-01-12" }), TODAY))).toBe("until");
    expect(fieldOf(() => planSeries(series({ until: "2032-01-01" }), TODAY))).toBe("until");
    expect(fieldOf(() => planSeries(series({ from: "2026-01-01" }), TODAY))).toBe("from");
    expect(fieldOf(() => planSeries(series({ time: "24:00" }), TODAY))).toBe("time");
    // Sundays at 03:30: on 29 March 2026 that time does not exist in Tallinn.
    expect(
      fieldOf(() =>
        planSeries(series({ rrule: "FREQ=WEEKLY;BYDAY=SU", time: "03:30", until: "2026-04-30" }), TODAY),
      ),
    ).toBe("time");
  });

  it(`refuses more than ${MAX_OCCURRENCES} sessions, naming rrule`, () => {
    expect(fieldOf(() => planSeries(series({ rrule: "FREQ=DAILY", until: "2027-12-31" }), TODAY))).toBe(
      "rrule",
    );
    expect(() => planSeries(series({ rrule: "FREQ=DAILY", until: "2027-12-31" }), TODAY)).toThrow(
      /more than 200/,
    );
    // Exactly at the limit is fine.
    const plan = planSeries(
      series({ rrule: `FREQ=DAILY;COUNT=${MAX_OCCURRENCES}`, until: "2027-12-31" }),
      TODAY,
    );
    expect(plan.occurrences.length + plan.skipped.length).toBe(MAX_OCCURRENCES);
  });

  it("never places a session on a holiday or outside its range, always at the Tallinn time", () => {
    const rules = [
      "FREQ=DAILY",
      "FREQ=WEEKLY;BYDAY=TU",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
      "FREQ=MONTHLY;BYMONTHDAY=24",
      "FREQ=MONTHLY;BYDAY=1FR",
      "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=20,21,22,23,24,25",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...rules),
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 0, max: 180 }),
        fc.constantFrom("08:00", "10:00", "16:30"),
        (rrule, start, length, time) => {
          const from = addDays(TODAY, start);
          const until = addDays(from, length);
          let plan: ReturnType<typeof planSeries>;
          try {
            plan = planSeries({ rrule, from, until, time }, TODAY);
          } catch (error) {
            // Only "no session" (e.g. a short range) may be refused here.
            expect(
              fieldOf(() => {
                throw error;
              }),
            ).toBe("rrule");
            return;
          }
          const holidays = new Set(
            [Number(from.slice(0, 4)), Number(until.slice(0, 4))].flatMap((y) => estonianHolidays(y)),
          );
          for (const o of plan.occurrences) {
            expect(o.date >= from && o.date <= until).toBe(true);
            expect(holidays.has(o.date)).toBe(false);
            expect(o.start).toBe(tallinnWallClockInstant(o.date, time).toISOString());
          }
          for (const s of plan.skipped) expect(holidays.has(s.date)).toBe(true);
          const dates = plan.occurrences.map((o) => o.date);
          expect([...dates].sort()).toEqual(dates);
        },
      ),
      { numRuns: 300 },
    );
  });
});
