import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatList,
  negotiateLocale,
  pickLocale,
} from "../../functions/core/i18n";

describe("the reader's language", () => {
  it("takes the first of et and en from Accept-Language by q-value", () => {
    expect(negotiateLocale("en-GB,en;q=0.9,et;q=0.8")).toBe("en");
    expect(negotiateLocale("ru-RU,ru;q=0.9,en;q=0.5,et;q=0.7")).toBe("et");
    expect(negotiateLocale("et-EE")).toBe("et");
    expect(negotiateLocale("EN")).toBe("en");
    expect(negotiateLocale("fi, en;q=0.3")).toBe("en");
    // Of equal q-values the first listed wins.
    expect(negotiateLocale("en;q=0.8, et;q=0.8")).toBe("en");
  });

  it("refuses q=0, malformed q-values and languages it does not speak", () => {
    expect(negotiateLocale("en;q=0, et;q=0.1")).toBe("et");
    expect(negotiateLocale("en;q=0")).toBeUndefined();
    expect(negotiateLocale("en;q=abc")).toBeUndefined();
    expect(negotiateLocale("en;q=1.5")).toBeUndefined();
    expect(negotiateLocale("*")).toBeUndefined();
    expect(negotiateLocale("ru, fi")).toBeUndefined();
    expect(negotiateLocale("")).toBeUndefined();
    expect(negotiateLocale(undefined)).toBeUndefined();
    expect(negotiateLocale("estonian, english")).toBeUndefined();
  });

  it("is ?lang= if given, else the stored preference, else Accept-Language, else Estonian", () => {
    expect(pickLocale({ requested: "en", stored: "et", acceptLanguage: "et" })).toBe("en");
    expect(pickLocale({ requested: "fr", stored: "en", acceptLanguage: "et" })).toBe("en");
    expect(pickLocale({ requested: undefined, stored: undefined, acceptLanguage: "en-US" })).toBe("en");
    expect(pickLocale({ requested: "", acceptLanguage: "de" })).toBe("et");
    expect(pickLocale({})).toBe("et");
  });
});

describe("dates and times as the reader writes them", () => {
  it("formats calendar dates as 25.11.2026 (et) and 25 November 2026 (en)", () => {
    expect(formatDate("2026-11-25", "et")).toBe("25.11.2026");
    expect(formatDate("2026-11-25", "en")).toBe("25 November 2026");
    expect(formatDate("2026-03-02", "en")).toBe("2 March 2026");
    expect(formatDate("not a date", "et")).toBe("not a date");
    expect(formatDate("2026-13-01", "en")).toBe("2026-13-01");
  });

  it("shows instants on Tallinn's wall clock, winter (UTC+2) and summer (UTC+3), never UTC", () => {
    expect(formatDateTime("2026-03-02T08:00:00Z", "et")).toBe("02.03.2026 kell 10:00");
    expect(formatDateTime("2026-03-02T08:00:00Z", "en")).toBe("2 March 2026 at 10:00");
    expect(formatDateTime("2026-07-01T21:30:00Z", "et")).toBe("02.07.2026 kell 00:30");
    expect(formatDateTime(new Date("2026-12-31T22:15:00Z"), "en")).toBe("1 January 2027 at 00:15");
    expect(formatDateTime("garbage", "en")).toBe("garbage");
  });

  it("groups digits and joins lists in the reader's way", () => {
    expect(formatCount(10_000, "et")).toBe("10\u00a0000");
    expect(formatCount(10_000, "en")).toBe("10,000");
    expect(formatCount(999, "en")).toBe("999");
    expect(formatList(["a", "b", "c"], "et")).toBe("a, b ja c");
    expect(formatList(["a", "b"], "en", "or")).toBe("a or b");
    expect(formatList(["a"], "et", "or")).toBe("a");
  });
});
