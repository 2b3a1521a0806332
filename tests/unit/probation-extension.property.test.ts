// Properties of the TLS § 86 extension over random absence sets. The computation once looped for
// ever on an absence ending 9999-12-31; these pin that it ends and behaves as the law reads.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetweenInclusive } from "../../functions/core/calendar";
import { computeProbationPeriod, extendForAbsences } from "../../functions/core/probation-rules";

const START = "2026-01-15";
const BASE_END = "2026-05-14";

/** An absence as offsets in days from the probation's start (some before it, some long). */
const absence = fc
  .record({ offset: fc.integer({ min: -60, max: 400 }), length: fc.integer({ min: 1, max: 120 }) })
  .map(({ offset, length }) => ({ from: addDays(START, offset), to: addDays(START, offset + length - 1) }));
const absences = fc.array(absence, { maxLength: 12 });

/** The law read literally: walk day by day until as many days were worked as probation lasts. */
function dayByDay(list: Array<{ from: string; to: string }>): string {
  const length = daysBetweenInclusive(START, BASE_END);
  let worked = 0;
  let day = START;
  for (;;) {
    if (!list.some((a) => a.from <= day && day <= a.to)) worked++;
    if (worked === length) return day;
    day = addDays(day, 1);
  }
}

describe("probation extension (TLS § 86), over random absences", () => {
  it("equals the day-by-day reading of the law", () => {
    fc.assert(
      fc.property(absences, (list) => {
        expect(extendForAbsences(START, BASE_END, list).endDate).toBe(dayByDay(list));
      }),
      { numRuns: 300 },
    );
  });

  it("never ends before the unextended end, and counts exactly the days it moved", () => {
    fc.assert(
      fc.property(absences, (list) => {
        const { endDate, extensionDays } = extendForAbsences(START, BASE_END, list);
        expect(endDate >= BASE_END).toBe(true);
        expect(daysBetweenInclusive(BASE_END, endDate) - 1).toBe(extensionDays);
      }),
    );
  });

  it("more absence never shortens probation", () => {
    fc.assert(
      fc.property(absences, absence, (list, extra) => {
        const before = extendForAbsences(START, BASE_END, list).endDate;
        const after = extendForAbsences(START, BASE_END, [...list, extra]).endDate;
        expect(after >= before).toBe(true);
      }),
    );
  });

  it("ends at once on the longest dates the schema allows (an absence to 2199-12-31)", () => {
    const period = computeProbationPeriod({
      regime: "TLS",
      startDate: "2026-11-25",
      absences: [
        { from: "2026-11-25", to: "2199-12-31" },
        { from: "1900-01-01", to: "2199-12-31" },
      ],
      asOf: "2026-11-25",
    });
    // Every day from the start to 2199-12-31 is absent, so the four months begin after it.
    expect(period.endDate).toBe("2200-04-30");
    expect(period.endDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
