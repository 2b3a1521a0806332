// When a follow-up training (järelkoolitus) is due, and whether someone is overdue for their
// refresher. A follow-up is an internal date, not a legal deadline: it lands on a business day,
// so one that falls on a weekend or an Estonian public holiday (Pühade ja tähtpäevade seadus § 2,
// in calendar.ts) moves to the next business day. All dates are Tallinn calendar dates.
import { z } from "zod";
import { addDays, addMonthsClamped, daysBetweenInclusive, isBusinessDay } from "../calendar";
import { IsoDate } from "../model";
import type { FollowUpRule } from "./training";

/** The date itself when it is a business day, else the next business day after it. */
export function businessDayOnOrAfter(date: string): string {
  let current = date;
  while (!isBusinessDay(current)) current = addDays(current, 1);
  return current;
}

/**
 * The day a follow-up is due after completing the training on `completedOn`: N weeks later, or
 * N months later (31 January + 1 month is 28 or 29 February, not 3 March), moved to the next
 * business day. No rule, no follow-up.
 */
export function followUpDueDate(completedOn: string, rule: FollowUpRule): string | undefined {
  switch (rule.kind) {
    case "none":
      return undefined;
    case "afterWeeks":
      return businessDayOnOrAfter(addDays(completedOn, rule.weeks * 7));
    case "everyMonths":
      return businessDayOnOrAfter(addMonthsClamped(completedOn, rule.months));
  }
}

export const FollowUpState = z.object({
  /** none: no rule or never completed; done: the one follow-up (afterWeeks) happened. */
  status: z.enum(["none", "not_due", "due_today", "overdue", "done"]),
  /** The completion the due date counts from. */
  basedOn: IsoDate.optional(),
  dueOn: IsoDate.optional(),
  /** Calendar days past the due date; 0 unless overdue. */
  daysOverdue: z.number().int().min(0),
});
export type FollowUpState = z.infer<typeof FollowUpState>;

/**
 * Where someone stands with a training's follow-up, given every date they completed it (the
 * training and its follow-ups alike) and today.
 * - afterWeeks: one follow-up, due N weeks after the first completion; any later completion is it.
 * - everyMonths: a refresher, due N months after the latest completion: each one restarts the
 *   clock, so the qualification is as fresh as the last time it was renewed.
 */
export function followUpState(
  rule: FollowUpRule,
  completions: readonly string[],
  today: string,
): FollowUpState {
  const sorted = [...new Set(completions)].sort();
  const first = sorted[0];
  if (rule.kind === "none" || first === undefined) return { status: "none", daysOverdue: 0 };
  const basedOn = rule.kind === "afterWeeks" ? first : sorted.at(-1)!;
  const dueOn = followUpDueDate(basedOn, rule)!;
  if (rule.kind === "afterWeeks" && sorted.length > 1)
    return { status: "done", basedOn, dueOn, daysOverdue: 0 };
  if (today < dueOn) return { status: "not_due", basedOn, dueOn, daysOverdue: 0 };
  if (today === dueOn) return { status: "due_today", basedOn, dueOn, daysOverdue: 0 };
  return { status: "overdue", basedOn, dueOn, daysOverdue: daysBetweenInclusive(dueOn, today) - 1 };
}

/** Whether a refresher (everyMonths) is past due today. A never-completed training is missing, not overdue. */
export const refresherOverdue = (
  rule: FollowUpRule,
  completions: readonly string[],
  today: string,
): boolean => rule.kind === "everyMonths" && followUpState(rule, completions, today).status === "overdue";
