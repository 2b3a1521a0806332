// Plausible ranges for dates people type. The schema bounds every date to 1900..2199; these
// checks, which need today's date, refuse what is a calendar date but not a believable one
// (a hire starting in year 0000, a conversation held in 2099), saying why.
import { addDays, addMonthsClamped } from "./calendar";
import { DomainError } from "./errors";

const years = (date: string, n: number) => addMonthsClamped(date, 12 * n);

export interface Window {
  earliest: string;
  latest: string;
  /** Why the window is what it is, shown in the error. */
  why: string;
}

/** Throws a validation error naming the field when the date lies outside the window. */
export function requireWithin(field: string, date: string | undefined, window: Window): void {
  if (date === undefined) return;
  if (date < window.earliest || date > window.latest) {
    throw new DomainError(
      "validation",
      `${field}: must be between ${window.earliest} and ${window.latest} (${window.why}); got ${date}`,
      field,
      // Pages say the same in the reader's language from these.
      { earliest: window.earliest, latest: window.latest },
    );
  }
}

/** A hire's first day: staff of up to 60 years' service are registered, hires up to a year ahead. */
export const hireStartWindow = (today: string): Window => ({
  earliest: years(today, -60),
  latest: years(today, 1),
  why: "a start more than 60 years ago or more than a year ahead is most likely a typo",
});

/** TLS § 9(1): a fixed-term contract lasts at most five years. */
export const contractEndWindow = (startDate: string): Window => ({
  earliest: startDate,
  latest: years(startDate, 5),
  why: "a fixed-term contract ends on or after its start and lasts at most five years (TLS § 9(1))",
});

/** The contract is signed before or around the first day of work. */
export const contractDateWindow = (startDate: string): Window => ({
  earliest: years(startDate, -2),
  latest: years(startDate, 1),
  why: "a contract is signed at most two years before the start and at most a year after it",
});

/** Absences are recorded from five years back (corrections) to two years ahead (planned leave). */
export const absenceStartWindow = (today: string): Window => ({
  earliest: years(today, -5),
  latest: years(today, 2),
  why: "an absence starting more than five years ago or more than two years ahead is most likely a typo",
});

/** Parental leave, the longest absence, lasts until the child is three (TLS § 62). */
export const absenceEndWindow = (from: string): Window => ({
  earliest: from,
  latest: addDays(years(from, 3), 30),
  why: "an absence ends on or after its start and lasts at most about three years (parental leave, TLS § 62)",
});

/** A delegation covers a planned absence: from a year back to two years ahead, at most a year long. */
export const delegationStartWindow = (today: string): Window => ({
  earliest: years(today, -1),
  latest: years(today, 2),
  why: "a delegation starting more than a year ago or more than two years ahead is most likely a typo",
});
export const delegationEndWindow = (from: string): Window => ({
  earliest: from,
  latest: years(from, 1),
  why: "a delegation ends on or after its start and lasts at most a year; renew it for longer",
});

/** Something that already happened during employment: not before the start, not in the future. */
export const happenedWindow = (startDate: string, today: string): Window => ({
  earliest: startDate,
  latest: today,
  why: "it must have happened already, and not before the employee started",
});
