import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addMonthsClamped,
  daysBetweenInclusive,
  easterSunday,
  estonianHolidays,
  isBusinessDay,
  tallinnDate,
  tallinnInstant,
} from "../../functions/core/calendar";

describe("calendar", () => {
  it("knows Easter and the Estonian public holidays", () => {
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2027)).toBe("2027-03-28");
    expect(estonianHolidays(2026)).toEqual([
      "2026-01-01",
      "2026-02-24",
      "2026-04-03",
      "2026-04-05",
      "2026-05-01",
      "2026-05-24",
      "2026-06-23",
      "2026-06-24",
      "2026-08-20",
      "2026-12-24",
      "2026-12-25",
      "2026-12-26",
    ]);
    expect(estonianHolidays(2027)).toContain("2027-03-26"); // Good Friday
    expect(estonianHolidays(2027)).toContain("2027-05-16"); // Pentecost
  });

  it("counts business days around weekends and holidays", () => {
    expect(isBusinessDay("2026-06-23")).toBe(false);
    expect(isBusinessDay("2026-06-22")).toBe(true);
    expect(isBusinessDay("2026-06-27")).toBe(false);
    expect(addBusinessDays("2026-06-22", 1)).toBe("2026-06-25"); // skips Victory Day and Midsummer
    expect(addBusinessDays("2026-12-28", -1)).toBe("2026-12-23");
    expect(addBusinessDays("2026-06-22", 0)).toBe("2026-06-22");
  });

  it("clamps months and counts inclusive days", () => {
    expect(addMonthsClamped("2026-10-31", 4)).toBe("2027-02-28");
    expect(addMonthsClamped("2027-10-31", 4)).toBe("2028-02-29");
    expect(addMonthsClamped("2026-01-15", 4)).toBe("2026-05-15");
    expect(daysBetweenInclusive("2026-01-01", "2026-01-01")).toBe(1);
    expect(daysBetweenInclusive("2026-01-01", "2026-12-31")).toBe(365);
  });

  it("reads Tallinn dates and times across daylight saving changes", () => {
    expect(tallinnDate(new Date("2026-03-28T22:30:00Z"))).toBe("2026-03-29"); // UTC+2 before the change
    expect(tallinnDate(new Date("2026-07-01T21:30:00Z"))).toBe("2026-07-02"); // UTC+3 in summer
    expect(tallinnInstant("2026-03-29", 9).toISOString()).toBe("2026-03-29T06:00:00.000Z");
    expect(tallinnInstant("2026-03-28", 9).toISOString()).toBe("2026-03-28T07:00:00.000Z");
    expect(tallinnInstant("2026-10-25", 9).toISOString()).toBe("2026-10-25T07:00:00.000Z");
    expect(tallinnInstant("2026-10-24", 9).toISOString()).toBe("2026-10-24T06:00:00.000Z");
  });
});
