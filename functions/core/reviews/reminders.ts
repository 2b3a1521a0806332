// When the holder of a review task is reminded, when the lead's manager is told that a deadline
// passed, and how a day's notices for one person become one mail. All dates are Tallinn calendar
// dates (YYYY-MM-DD); internal due dates count business days, which skip weekends and Estonian
// public holidays (Pühade ja tähtpäevade seadus § 2, in calendar.ts).
import { z } from "zod";
import { addBusinessDays, businessDayOnOrBefore } from "../calendar";
import { idFor } from "../ids";
import { Id, IsoDate } from "../model";
import type { ReminderSettings } from "./cycle";

export const ReminderPlan = z.object({
  /** Days a reminder goes out, ascending, none before today. */
  reminders: z.array(IsoDate),
  /** The first business day after the deadline, when escalation is on. */
  escalation: IsoDate.optional(),
});
export type ReminderPlan = z.infer<typeof ReminderPlan>;

/**
 * Reminder days for a task: N business days before it is due, and on the due date itself. A due
 * date on a weekend or holiday is reminded on the last business day before it (nobody reads work
 * mail on Midsummer Day), and days that fall together are one reminder. The escalation day is the
 * first business day after the deadline, which is the task's due date unless the cycle's is later.
 */
export function reminderPlan(input: {
  dueDate: string;
  settings: ReminderSettings;
  today: string;
  /** The cycle's deadline when it is later than the task's due date. */
  deadline?: string;
}): ReminderPlan {
  const { dueDate, settings, today } = input;
  const onDue = businessDayOnOrBefore(dueDate);
  const before =
    settings.businessDaysBefore > 0 ? addBusinessDays(onDue, -settings.businessDaysBefore) : onDue;
  const reminders = [...new Set([before, onDue])].filter((d) => d >= today).sort();
  const deadline = input.deadline !== undefined && input.deadline > dueDate ? input.deadline : dueDate;
  return settings.escalateAfterDeadline
    ? { reminders, escalation: addBusinessDays(deadline, 1) }
    : { reminders };
}

export type NoticeKind = "reminder" | "escalation";

/**
 * What is due for an open task today, given what was already sent. A sweep that did not run for
 * a few days (an outage) still sends the one reminder it missed, never one per missed day, and
 * a reminder is never sent after the due date: then it is the escalation's turn.
 */
export function noticeDueToday(input: {
  plan: ReminderPlan;
  dueDate: string;
  today: string;
  /** Tallinn date of the last reminder sent for the task, if any. */
  lastRemindedOn?: string | undefined;
  escalatedOn?: string | undefined;
}): NoticeKind | undefined {
  const { plan, dueDate, today, lastRemindedOn, escalatedOn } = input;
  if (plan.escalation !== undefined && today >= plan.escalation)
    return escalatedOn ? undefined : "escalation";
  if (today > dueDate) return undefined;
  const latest = plan.reminders.filter((d) => d <= today).at(-1);
  if (latest === undefined) return undefined;
  return lastRemindedOn === undefined || lastRemindedOn < latest ? "reminder" : undefined;
}

/** One thing one person is told about one task on one day. */
export const Notice = z.object({
  recipientId: Id,
  /** Tallinn date the notice goes out. */
  day: IsoDate,
  cycleId: Id,
  kind: z.enum(["assignment", "reminder", "escalation"]),
  taskId: Id,
  /** Whom the task is about (the employee reviewed). */
  subjectId: Id,
  dueDate: IsoDate,
});
export type Notice = z.infer<typeof Notice>;

export const Digest = z.object({
  /** The same for the same person, day and cycle: the outbox keeps one mail per id. */
  id: Id,
  recipientId: Id,
  day: IsoDate,
  cycleId: Id,
  /** Escalations first, then new tasks, then reminders; earliest due first within each. */
  items: z.array(Notice).min(1),
});
export type Digest = z.infer<typeof Digest>;

const KIND_ORDER: Record<Notice["kind"], number> = { escalation: 0, assignment: 1, reminder: 2 };

/** The digest's id: one mail per person per day per cycle, however often the sweep runs. */
export const digestId = (recipientId: string, day: string, cycleId: string) =>
  idFor("digest", cycleId, recipientId, day);

/**
 * One person's notices of one day in one cycle as one digest: never more than one mail per
 * person per day per cycle, so a lead with twelve reports gets one reminder, not twelve. A task
 * named twice keeps its most pressing notice (an escalation over a reminder).
 */
export function digestOf(notices: readonly Notice[]): Digest {
  const first = notices[0];
  if (!first) throw new Error("a digest needs at least one notice");
  for (const n of notices)
    if (n.recipientId !== first.recipientId || n.day !== first.day || n.cycleId !== first.cycleId)
      throw new Error("a digest is for one person, one day and one cycle");
  const byTask = new Map<string, Notice>();
  for (const n of notices) {
    const kept = byTask.get(n.taskId);
    if (!kept || KIND_ORDER[n.kind] < KIND_ORDER[kept.kind]) byTask.set(n.taskId, n);
  }
  const items = [...byTask.values()].sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
      (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0),
  );
  return {
    id: digestId(first.recipientId, first.day, first.cycleId),
    recipientId: first.recipientId,
    day: first.day,
    cycleId: first.cycleId,
    items,
  };
}

/** A sweep's notices, of any people, days and cycles, as one digest per (person, day, cycle). */
export function digestsOf(notices: readonly Notice[]): Digest[] {
  const groups = new Map<string, Notice[]>();
  for (const n of notices) {
    const key = `${n.recipientId}\u001f${n.day}\u001f${n.cycleId}`;
    const list = groups.get(key) ?? [];
    list.push(n);
    groups.set(key, list);
  }
  return [...groups.values()].map(digestOf);
}
