// A series of info sessions (infotunnid): the job description makes the lead responsible for
// "regulaarsete osakonnasiseste infotundide läbiviimine". The lead writes the rhythm as an
// iCalendar recurrence rule (RFC 5545 § 3.3.10, e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=TU for every
// second Tuesday), the first and last day and the time of day in Tallinn. Occurrences on Estonian
// public holidays (Pühade ja tähtpäevade seadus § 2) are skipped and reported, so the lead sees
// that Midsummer Day has no session rather than finding out from an empty room.
//
// The rule is expanded with the `rrule` package in floating time: dates are computed on the wall
// clock (UTC as a stand-in, as its documentation recommends) and each is then placed at `time` in
// Tallinn. So 10:00 stays 10:00 across daylight saving changes (08:00Z in winter, 07:00Z in summer).
import * as rruleModule from "rrule";
import { z } from "zod";
import { addDays, estonianHolidays } from "../calendar";
import { invalid } from "../errors";
import { Instant, IsoDate } from "../model";
import { tallinnWallClockInstant } from "../reviews/ics";
import { parseOrThrow } from "../reviews/parse";
import { ClockTime } from "./training";

// rrule 2.8 ships a UMD bundle as `main` and no `exports` map: Node's own ESM loader (tsx, vitest)
// sees it as one CommonJS default export, while bundlers (esbuild for the Lambdas) read its
// `module` field and see named exports. Take whichever this runtime gives.
const rrule: typeof rruleModule =
  (rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule;
const { RRule, Frequency } = rrule;

/** A series longer than this is a typo (a daily rule, a far `until`), not a plan anyone keeps. */
export const MAX_OCCURRENCES = 200;
/** Five years: beyond that the unit, its lead and the holidays law may all have changed. */
export const MAX_SERIES_DAYS = 5 * 366;

export const SeriesDefinition = z
  .object({
    /** The rule only (FREQ=...; optionally prefixed "RRULE:"); the start is `from` and `time`. */
    rrule: z.string().trim().min(1, "must not be empty").max(1000),
    /** First day the series may have a session (the week the rhythm counts from). */
    from: IsoDate,
    /** Last day, included. A COUNT or UNTIL in the rule may end it earlier. */
    until: IsoDate,
    /** Tallinn wall-clock start of every session. */
    time: ClockTime,
    durationMinutes: z.number().int().min(15).max(480).default(60),
  })
  .superRefine((series, ctx) => {
    if (series.until < series.from)
      ctx.addIssue({ code: "custom", path: ["until"], message: `must not be before from (${series.from})` });
    else if (series.until > addDays(series.from, MAX_SERIES_DAYS))
      ctx.addIssue({ code: "custom", path: ["until"], message: "a series may span at most five years" });
  });
export type SeriesDefinition = z.infer<typeof SeriesDefinition>;
export type SeriesDefinitionInput = z.input<typeof SeriesDefinition>;

export const SeriesOccurrence = z.object({
  /** Tallinn date. */
  date: IsoDate,
  start: Instant,
  end: Instant,
});
export type SeriesOccurrence = z.infer<typeof SeriesOccurrence>;

export const SeriesPlan = z.object({
  occurrences: z.array(SeriesOccurrence).min(1),
  /** Dates the rule gives that are public holidays: no session then. */
  skipped: z.array(z.object({ date: IsoDate, reason: z.literal("holiday") })),
});
export type SeriesPlan = z.infer<typeof SeriesPlan>;

/** The rule's own options, refused naming `rrule` when unreadable or outside what a series is. */
function ruleOptions(text: string): Partial<rruleModule.Options> {
  const body = text.replace(/^RRULE:/i, "");
  if (/[\r\n]/.test(body) || /^\s*(DTSTART|EXDATE|RDATE|EXRULE)/im.test(body))
    throw invalid("rrule", "give the rule only (FREQ=...); the start is from and time");
  let options: Partial<rruleModule.Options>;
  try {
    options = RRule.parseString(body);
  } catch (error) {
    throw invalid("rrule", `is not a valid RRULE (${(error as Error).message})`);
  }
  if (options.freq === undefined || options.freq === null)
    throw invalid("rrule", "needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)");
  if (options.freq > Frequency.DAILY)
    throw invalid("rrule", "sessions recur daily at most (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)");
  for (const [key, name] of [
    ["byhour", "BYHOUR"],
    ["byminute", "BYMINUTE"],
    ["bysecond", "BYSECOND"],
    ["dtstart", "DTSTART"],
    ["tzid", "TZID"],
  ] as const)
    if (options[key] !== undefined && options[key] !== null)
      throw invalid("rrule", `${name} is not used: the time of day is time, in Europe/Tallinn`);
  if (options.interval !== undefined && options.interval !== null && options.interval < 1)
    throw invalid("rrule", "INTERVAL must be at least 1");
  if (options.count !== undefined && options.count !== null && options.count < 1)
    throw invalid("rrule", "COUNT must be at least 1");
  for (const [key, name] of [
    ["byyearday", "BYYEARDAY"],
    ["byweekno", "BYWEEKNO"],
    ["byeaster", "BYEASTER"],
  ] as const)
    if (present(options[key]))
      throw invalid("rrule", `${name} is not used for sessions: use BYMONTH, BYMONTHDAY or BYDAY`);
  const filtered = present(options.bymonth) || present(options.bymonthday) || present(options.byweekday);
  if (options.freq === Frequency.DAILY && (options.interval ?? 1) > 1 && filtered)
    throw invalid(
      "rrule",
      "FREQ=DAILY with an INTERVAL takes no BYMONTH, BYMONTHDAY or BYDAY: use FREQ=WEEKLY",
    );
  if (present(options.bysetpos) && options.freq !== Frequency.MONTHLY && options.freq !== Frequency.YEARLY)
    throw invalid("rrule", "BYSETPOS is for FREQ=MONTHLY or FREQ=YEARLY");
  const setPositions = asArray(options.bysetpos);
  if (setPositions.length > 0) {
    // The most dates one month (or year) can offer the rule: a position past it never matches,
    // and rrule would look for one until the year 9999.
    const weekdays = weekdaysOf(options);
    const monthDays = asArray(options.bymonthday).length;
    const perMonth = Math.min(
      31,
      monthDays > 0 ? monthDays : weekdays.reduce((n, w) => n + (w.n ? 1 : 5), 0) || 1,
    );
    const months = asArray(options.bymonth).length || 12;
    const most =
      options.freq === Frequency.MONTHLY
        ? perMonth
        : monthDays > 0 || asArray(options.bymonth).length > 0
          ? perMonth * months
          : Math.min(366, weekdays.reduce((n, w) => n + (w.n ? 1 : 53), 0) || 1);
    for (const pos of setPositions)
      if (pos === 0 || Math.abs(pos) > most)
        throw invalid("rrule", `BYSETPOS=${pos} can never match: a period has at most ${most} dates here`);
  }
  return options;
}

const present = (value: unknown) =>
  value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
const asArray = <T>(value: T | T[] | null | undefined): T[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/** BYDAY as (weekday 0 = Monday, ordinal); an unknown day is refused naming `rrule`. */
function weekdaysOf(options: Partial<rruleModule.Options>): { weekday: number; n?: number | undefined }[] {
  return asArray(options.byweekday).map((w) => {
    if (typeof w === "number" && w >= 0 && w <= 6) return { weekday: w };
    if (typeof w === "string" && WEEKDAYS.includes(w)) return { weekday: WEEKDAYS.indexOf(w) };
    if (
      typeof w === "object" &&
      w !== null &&
      typeof w.weekday === "number" &&
      w.weekday >= 0 &&
      w.weekday <= 6
    )
      return { weekday: w.weekday, n: w.n };
    throw invalid("rrule", `BYDAY names an unknown day (use ${WEEKDAYS.join(", ")})`);
  });
}

/**
 * Whether the rule's day filters (BYMONTH, BYMONTHDAY, BYDAY with its ordinals, and the defaults
 * rrule takes from the start date) let any day through in the given years. rrule looks for its
 * next date up to the year 9999 however narrow the range asked: a rule that can never match
 * (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) would spin for seconds. Checked here in milliseconds.
 */
function dayFiltersMatchWithin(options: Partial<rruleModule.Options>, from: string, years: number): boolean {
  let weekdays = weekdaysOf(options);
  let months = asArray(options.bymonth);
  let monthDays = asArray(options.bymonthday);
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  // What rrule fills in when a rule names no day (RFC 5545: the parts come from DTSTART).
  if (weekdays.length === 0 && monthDays.length === 0) {
    if (options.freq === Frequency.WEEKLY)
      weekdays = [{ weekday: (new Date(Date.UTC(fy, fm - 1, fd)).getUTCDay() + 6) % 7 }];
    if (options.freq === Frequency.MONTHLY) monthDays = [fd];
    if (options.freq === Frequency.YEARLY) {
      monthDays = [fd];
      if (months.length === 0) months = [fm];
    }
  }
  // Ordinals (1TU, -1FR) count within the month, or within the year for a yearly rule without BYMONTH.
  const ordinalsInMonth =
    options.freq === Frequency.MONTHLY || (options.freq === Frequency.YEARLY && months.length > 0);
  const ordinalsApply = options.freq === Frequency.MONTHLY || options.freq === Frequency.YEARLY;
  const end = Date.UTC(fy + years, fm - 1, fd);
  for (let t = Date.UTC(fy, fm - 1, fd); t <= end; t += 86_400_000) {
    const day = new Date(t);
    const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    if (months.length > 0 && !months.includes(m)) continue;
    const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
    if (monthDays.length > 0 && !monthDays.some((x) => (x > 0 ? x === d : daysInMonth + x + 1 === d)))
      continue;
    if (weekdays.length > 0) {
      const weekday = (day.getUTCDay() + 6) % 7;
      const dayOfYear = Math.round((t - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
      const daysInYear = new Date(Date.UTC(y, 1, 29)).getUTCDate() === 29 ? 366 : 365;
      const [index, length] = ordinalsInMonth ? [d, daysInMonth] : [dayOfYear, daysInYear];
      const nth = Math.ceil(index / 7);
      const nthFromEnd = -(Math.floor((length - index) / 7) + 1);
      const ok = weekdays.some(
        (w) => w.weekday === weekday && (!ordinalsApply || !w.n || w.n === nth || w.n === nthFromEnd),
      );
      if (!ok) continue;
    }
    return true;
  }
  return false;
}

/** A floating wall-clock date and time as the Date rrule computes with. */
const floating = (date: string, time = "00:00") => new Date(`${date}T${time}:00Z`);

/**
 * The sessions of a series: every date the rule gives between `from` and `until` (both
 * included), at `time` in Tallinn, less public holidays (reported in `skipped`). COUNT counts
 * the rule's dates before holidays are taken out, as an EXDATE would (RFC 5545 § 3.8.5.1), and
 * an UNTIL in the rule is read as a Tallinn date, included. Refused naming the field: a start in
 * the past (`from`), an unreadable rule, a rule that yields no session or more than
 * MAX_OCCURRENCES (`rrule`), a time the clocks skip on one of the dates (`time`).
 */
export function planSeries(input: SeriesDefinitionInput, today: string): SeriesPlan {
  const series = parseOrThrow(SeriesDefinition, input);
  if (series.from < today) throw invalid("from", `${series.from} is in the past (today is ${today})`);
  const options = ruleOptions(series.rrule);
  const ruleUntil = options.until ? options.until.toISOString().slice(0, 10) : undefined;
  const until = ruleUntil !== undefined && ruleUntil < series.until ? ruleUntil : series.until;
  let dates: Date[] = [];
  // Gregorian weekdays repeat every 28 years within a century: no match in 30 years, none ever.
  if (!dayFiltersMatchWithin(options, series.from, 30))
    throw invalid("rrule", "gives no date: no day matches its BYMONTH, BYMONTHDAY and BYDAY");
  try {
    const rule = new RRule({ ...options, until: null, dtstart: floating(series.from, series.time) });
    if (until >= series.from)
      dates = rule.between(
        floating(series.from),
        floating(addDays(until, 1)),
        true,
        (_, i) => i <= MAX_OCCURRENCES,
      );
  } catch (error) {
    // rrule reads some bad parts (BYDAY=XX) only when expanding, and then fails on its own data.
    throw invalid("rrule", `is not a valid RRULE (${(error as Error).message})`);
  }
  if (dates.length > MAX_OCCURRENCES)
    throw invalid(
      "rrule",
      `gives more than ${MAX_OCCURRENCES} sessions between ${series.from} and ${until}; choose a sparser rule or an earlier until`,
    );

  const plan: SeriesPlan = { occurrences: [], skipped: [] };
  for (const d of dates) {
    const date = d.toISOString().slice(0, 10);
    // A weekend session is the lead's choice (a rule saying so); a public holiday never is.
    if (isHoliday(date)) {
      plan.skipped.push({ date, reason: "holiday" });
      continue;
    }
    const start = tallinnWallClockInstant(date, series.time, "time");
    const end = new Date(start.getTime() + series.durationMinutes * 60_000);
    plan.occurrences.push({ date, start: start.toISOString(), end: end.toISOString() });
  }
  if (plan.occurrences.length === 0)
    throw invalid(
      "rrule",
      dates.length === 0
        ? `gives no date between ${series.from} and ${until}`
        : `every date it gives between ${series.from} and ${until} is a public holiday (${plan.skipped.map((s) => s.date).join(", ")})`,
    );
  return plan;
}

const holidayCache = new Map<number, ReadonlySet<string>>();
/** Estonian public holidays (Pühade ja tähtpäevade seadus § 2), weekend ones included (Easter Sunday). */
function isHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(estonianHolidays(year));
    holidayCache.set(year, set);
  }
  return set.has(date);
}
