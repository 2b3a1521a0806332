// Calendar arithmetic on ISO dates (YYYY-MM-DD) in Europe/Tallinn. Legal deadlines count calendar
// days; internal due dates skip weekends and Estonian public holidays.

const DAY_MS = 86_400_000;
const TZ = "Europe/Tallinn";

const toUtc = (date: string) => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (date: string, days: number) => fromUtc(toUtc(date) + days * DAY_MS);

/** Adds months; a day that does not exist in the target month becomes its last day (31 Oct + 4 → 28 Feb). */
export function addMonthsClamped(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay)));
}

/** Number of calendar days from a to b, both included (a == b is one day). */
export const daysBetweenInclusive = (a: string, b: string) => Math.round((toUtc(b) - toUtc(a)) / DAY_MS) + 1;

export const compareDates = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const minDate = (a: string, b: string) => (a <= b ? a : b);
export const maxDate = (a: string, b: string) => (a >= b ? a : b);

/** Gregorian Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const holidayCache = new Map<number, Set<string>>();

/** Public holidays of Estonia (Pühade ja tähtpäevade seadus § 2). */
export function estonianHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const fixed = ["01-01", "02-24", "05-01", "06-23", "06-24", "08-20", "12-24", "12-25", "12-26"].map(
    (md) => `${year}-${md}`,
  );
  return [...fixed, addDays(easter, -2), easter, addDays(easter, 49)].sort();
}

function holidays(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(estonianHolidays(year));
    holidayCache.set(year, set);
  }
  return set;
}

export function isBusinessDay(date: string): boolean {
  const weekday = new Date(toUtc(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays(Number(date.slice(0, 4))).has(date);
}

/** Moves n business days forward (or back when negative); 0 returns the date itself. */
export function addBusinessDays(date: string, n: number): string {
  let current = date;
  let left = Math.abs(n);
  const step = n < 0 ? -1 : 1;
  while (left > 0) {
    current = addDays(current, step);
    if (isBusinessDay(current)) left--;
  }
  return current;
}

/** The latest business day on or before the date. */
export function businessDayOnOrBefore(date: string): string {
  let current = date;
  while (!isBusinessDay(current)) current = addDays(current, -1);
  return current;
}

const tallinnParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: TZ,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function wallClock(instant: Date) {
  const parts = Object.fromEntries(tallinnParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** The hour (0-23) on the clocks in Tallinn at an instant. */
export const tallinnHour = (instant: Date): number => wallClock(instant).hour;

/** The calendar date in Tallinn at an instant. */
export const tallinnDate = (instant: Date): string => wallClock(instant).date;

/** The instant when the clocks in Tallinn show `hour`:00 on `date` (DST-correct). */
export function tallinnInstant(date: string, hour = 9): Date {
  // Tallinn is UTC+2 or UTC+3: try both offsets and keep the one that reads back as asked.
  for (const offset of [2, 3]) {
    const candidate = new Date(toUtc(date) + (hour - offset) * 3_600_000);
    const seen = wallClock(candidate);
    if (seen.date === date && seen.hour === hour) return candidate;
  }
  return new Date(toUtc(date) + (hour - 2) * 3_600_000);
}

/** The first instant of the day after `date` in Tallinn: a deadline "on date" holds all that day. */
export const endOfTallinnDay = (date: string) => tallinnInstant(addDays(date, 1), 0).toISOString();
