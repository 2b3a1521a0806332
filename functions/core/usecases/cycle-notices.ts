// Reminders and escalations of review-cycle tasks as the cycle sets them: N business days before a
// task is due and on its due date (Estonian public holidays skipped), escalation on the first
// business day after the deadline; and never more than one mail per person per day per cycle.
import { escalationTarget, HR_QUEUE, leadOf } from "../assignment";
import { audit, SCHEDULER } from "../audit";
import { addBusinessDays, tallinnDate, tallinnHour } from "../calendar";
import type { Deps } from "../deps";
import { cycleDigestMail, type DigestLine, hrRecipient, type MailRecipient } from "../mails";
import type { Case, HumanTask } from "../model";
import { ConditionFailed } from "../ports";
import type { Cycle } from "../reviews/cycle-record";
import { type Digest, digestsOf, type Notice, noticeDueToday, reminderPlan } from "../reviews/reminders";
import { workflowRegistry } from "../workflows/registry";
import { composeMail, dispatchMails } from "./mail-queue";
import { linkUrl, recipientFor } from "./tasks";

type NoticeDeps = Pick<Deps, "store" | "clock" | "mailer" | "config" | "logger" | "engine">;

const CYCLE_GROUP = "cycle:";

/** The workflows HR launches in cycles: their tasks are reminded by the cycle's settings. */
const CYCLE_WORKFLOWS = ["annualReview", "midtermReview"] as const;
const cycleTaskKinds = new Set<string>(CYCLE_WORKFLOWS.flatMap((w) => workflowRegistry[w].taskKinds));

/** A task of a review cycle, known by its kind alone: the generic reminder leaves it alone. */
export const isCycleTask = (task: Pick<HumanTask, "kind">) => cycleTaskKinds.has(task.kind);

/** The setting that says which Tallinn day's cycle notices went out: once a day is enough. */
const SENT_DAY = "cycleNotices.day";
/** The Tallinn hour from which the day's digests go out. */
const DIGEST_HOUR = 8;

/** How far ahead the sweep must look for tasks to remind: the longest lead time of a running cycle. */
export function noticeHorizon(cycles: readonly Cycle[], today: string): string {
  const before = cycles
    .filter((c) => c.status === "open" || c.status === "launching")
    .map((c) => c.definition.reminders.businessDaysBefore);
  return addBusinessDays(today, Math.max(0, ...before));
}

export interface CycleNoticeReport {
  reminders: number;
  escalations: number;
  errors: number;
}

/**
 * Sends today's cycle notices for these open tasks (those of no cycle are left to the caller) as
 * one digest per person, day and cycle. The digest's id is fixed by (person, day, cycle), so a
 * second sweep of the day cannot mail that person again about that cycle: what comes due later
 * that day waits for tomorrow's digest. A task is marked reminded or escalated only once every
 * digest naming it was queued by this sweep, so a crash in between repeats a line, never a mail.
 */
export async function sendCycleNotices(
  deps: NoticeDeps,
  tasks: readonly HumanTask[],
  cycles: readonly Cycle[],
): Promise<CycleNoticeReport> {
  const report: CycleNoticeReport = { reminders: 0, escalations: 0, errors: 0 };
  const today = tallinnDate(deps.clock.now());
  // The sweep runs every few minutes, the digests go out once a day: after the day's first full
  // run the others read one setting, not every open review task and its case.
  // Digests arrive in the working day, not at midnight; with no cycle running there are none.
  if (tallinnHour(deps.clock.now()) < DIGEST_HOUR) return report;
  if (!cycles.some((c) => c.status === "open" || c.status === "launching")) return report;
  if ((await deps.store.getSetting<string>(SENT_DAY)) === today) return report;
  const done = await noticesOf(deps, tasks, cycles, today, report);
  if (done && report.errors === 0) await deps.store.putSetting(SENT_DAY, today);
  return report;
}

async function noticesOf(
  deps: NoticeDeps,
  tasks: readonly HumanTask[],
  cycles: readonly Cycle[],
  today: string,
  report: CycleNoticeReport,
): Promise<boolean> {
  const cycleById = new Map(cycles.map((c) => [c.id, c]));
  const cases = new Map<string, Promise<Case | undefined>>();
  const caseOf = (id: string) => {
    if (!cases.has(id)) cases.set(id, deps.store.getCase(id));
    return cases.get(id)!;
  };

  const notices: Notice[] = [];
  const taskById = new Map<string, HumanTask>();
  const kindOfTask = new Map<string, "reminder" | "escalation">();
  for (const task of tasks) {
    if (!task.caseId || !isCycleTask(task)) continue;
    const c = await caseOf(task.caseId);
    if (!c?.groupId?.startsWith(CYCLE_GROUP)) continue;
    const cycle = cycleById.get(c.groupId.slice(CYCLE_GROUP.length));
    // A cancelled or closed cycle reminds nobody: its tasks are cancelled or lapse.
    if (!cycle || (cycle.status !== "open" && cycle.status !== "launching")) continue;
    // Not before the task's own mail went out: the first thing anyone hears is the task itself.
    if (!task.notifiedAt) continue;
    const plan = reminderPlan({
      dueDate: task.dueDate,
      settings: cycle.definition.reminders,
      // From the task's first day, so a sweep that missed days still sends the reminder it missed.
      today: tallinnDate(new Date(task.createdAt)),
      deadline: cycle.definition.deadline,
    });
    const kind = noticeDueToday({
      plan,
      dueDate: task.dueDate,
      today,
      lastRemindedOn: task.remindedAt ? tallinnDate(new Date(task.remindedAt)) : undefined,
      escalatedOn: task.escalatedAt ? tallinnDate(new Date(task.escalatedAt)) : undefined,
    });
    if (!kind) continue;
    taskById.set(task.id, task);
    kindOfTask.set(task.id, kind);
    const base = {
      day: today,
      cycleId: cycle.id,
      kind,
      taskId: task.id,
      subjectId: task.subjectId,
      dueDate: task.dueDate,
    };
    if (kind === "reminder") notices.push({ ...base, recipientId: task.assigneeId });
    else
      for (const recipientId of await escalationRecipients(deps, task))
        notices.push({ ...base, recipientId });
  }

  const queuedFor = new Map<string, boolean>();
  for (const digest of digestsOf(notices)) {
    let queued = false;
    try {
      queued = await sendDigest(deps, digest, cycleById.get(digest.cycleId)!, taskById);
    } catch (error) {
      report.errors++;
      deps.logger.error("scheduler: cycle digest failed", { error: String(error) });
    }
    for (const item of digest.items)
      queuedFor.set(item.taskId, (queuedFor.get(item.taskId) ?? true) && queued);
  }

  for (const [taskId, queued] of queuedFor) {
    if (!queued) continue;
    const task = taskById.get(taskId)!;
    const kind = kindOfTask.get(taskId)!;
    const at = deps.clock.now().toISOString();
    const patch = kind === "escalation" ? { escalatedAt: at } : { remindedAt: at };
    try {
      await deps.store.updateTask({ ...task, ...patch, version: task.version + 1 }, task.version);
    } catch (error) {
      if (error instanceof ConditionFailed) continue; // changed meanwhile: tomorrow's sweep looks again
      report.errors++;
      deps.logger.error("scheduler: marking a cycle notice failed", { error: String(error) });
      continue;
    }
    if (kind === "escalation") report.escalations++;
    else report.reminders++;
    await audit(deps, {
      entityType: "task",
      entityId: taskId,
      actor: SCHEDULER,
      action: kind === "escalation" ? "task.escalated" : "task.reminded",
      changes: [kind === "escalation" ? "escalatedAt" : "remindedAt"],
    });
  }
  return true;
}

/** Overdue: the holder's manager (the lead's own manager for a lead's task; the lead for the employee's) and HR. */
async function escalationRecipients(deps: NoticeDeps, task: HumanTask): Promise<string[]> {
  const subject = await deps.store.getEmployee(task.subjectId);
  if (!subject || task.assigneeId === HR_QUEUE) return [HR_QUEUE];
  const manager =
    task.assigneeId === subject.id
      ? await leadOf(deps.store, subject)
      : await escalationTarget(deps.store, subject);
  return manager && manager.id !== task.assigneeId ? [manager.id, HR_QUEUE] : [HR_QUEUE];
}

/** Queues one digest; false when that person's digest of the day for the cycle went out already. */
async function sendDigest(
  deps: NoticeDeps,
  digest: Digest,
  cycle: Cycle,
  tasks: Map<string, HumanTask>,
): Promise<boolean> {
  const to: MailRecipient | undefined =
    digest.recipientId === HR_QUEUE ? hrRecipient(deps.config) : await recipientFor(deps, digest.recipientId);
  if (!to) return false;
  const names = new Map<string, string>();
  const nameOf = async (id: string) => {
    if (!names.has(id))
      names.set(id, id === HR_QUEUE ? "HR" : ((await deps.store.getEmployee(id))?.name ?? id));
    return names.get(id)!;
  };
  const lines: DigestLine[] = [];
  for (const item of digest.items) {
    const task = tasks.get(item.taskId)!;
    const link = task.links.find((l) => l.id === task.linkId);
    lines.push({
      kind: item.kind === "escalation" ? "escalation" : "reminder",
      title: task.form.title,
      subjectName: await nameOf(task.subjectId),
      dueDate: task.dueDate,
      ...(item.kind === "reminder" && link ? { link: linkUrl(deps, task, link) } : {}),
      ...(item.kind === "escalation" ? { holderName: await nameOf(task.assigneeId) } : {}),
    });
  }
  const mail = composeMail(deps.clock, {
    ...cycleDigestMail(to, cycle.definition.title, lines),
    key: digest.id,
  });
  try {
    await deps.store.queueMail(mail);
  } catch (error) {
    if (error instanceof ConditionFailed) return false;
    throw error;
  }
  await dispatchMails(deps.mailer, [mail]);
  return true;
}
