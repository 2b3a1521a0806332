// One sweep of the scheduler: EventBridge Scheduler runs it every few minutes in AWS, a loop runs
// it locally; both read time from the same clock port, so a virtual clock moves months in seconds.
import { escalationTarget, HR_QUEUE, leadOf } from "../assignment";
import { audit, SCHEDULER } from "../audit";
import { addDays, maxDate, tallinnDate } from "../calendar";
import type { Deps } from "../deps";
import { newId } from "../ids";
import { escalationMail, hrRecipient, reminderMail } from "../mails";
import type { HumanTask, Timer } from "../model";
import { ConditionFailed, type OutgoingMail } from "../ports";
import { refreshCaseDates } from "./case-dates";
import { startUnstartedCases } from "./cases";
import { noticeHorizon, sendCycleNotices } from "./cycle-notices";
import { continueLaunches } from "./cycles";
import { reconcileAssignments } from "./delegation";
import { composeMail, deliverDueMails, dispatchMails } from "./mail-queue";
import { deliverTaskCallback, lapseTask, linkUrl, recipientFor } from "./tasks";
import { reseatAbsentParticipants, scheduleDueFollowUps } from "./trainings";

type SweepDeps = Pick<Deps, "store" | "clock" | "mailer" | "mailTransport" | "engine" | "logger" | "config">;

export interface SweepReport {
  tasksReassigned: number;
  timersFired: number;
  remindersSent: number;
  escalationsSent: number;
  callbacksRedelivered: number;
  /** Tasks whose deadline passed undone: closed as lapsed, their workflows went on. */
  tasksLapsed: number;
  /** Workflows of hires that a crash left unstarted, started now. */
  executionsStarted: number;
  /** Review-cycle launches that ran out of time (or crashed) and were carried on. */
  launchesResumed: number;
  mailsSent: number;
  mailsRetried: number;
  /** Mails that exhausted their retries (the MailsGivenUp alarm). */
  mailsGivenUp: number;
  /** Trainings whose completers' follow-ups came due and were put on the follow-up training. */
  followUpsScheduled: number;
  /** Another sweep held the lease: this one did nothing. */
  skipped?: boolean;
  errors: number;
}

/** A sweep runs alone: EventBridge may start one while the last still runs (no reserved concurrency). */
const LEASE_MS = 10 * 60_000;

export async function sweep(deps: SweepDeps): Promise<SweepReport> {
  const owner = newId("sweep");
  const started = deps.clock.now();
  const leased = await deps.store.acquireLease(
    "sweep",
    owner,
    started.toISOString(),
    new Date(started.getTime() + LEASE_MS).toISOString(),
  );
  if (!leased) return { ...emptyReport(), skipped: true };
  try {
    return await sweepOnce(deps);
  } finally {
    await deps.store.releaseLease("sweep", owner);
  }
}

const emptyReport = (): SweepReport => ({
  tasksReassigned: 0,
  timersFired: 0,
  remindersSent: 0,
  escalationsSent: 0,
  callbacksRedelivered: 0,
  tasksLapsed: 0,
  executionsStarted: 0,
  launchesResumed: 0,
  mailsSent: 0,
  mailsRetried: 0,
  mailsGivenUp: 0,
  followUpsScheduled: 0,
  errors: 0,
});

async function sweepOnce(deps: SweepDeps): Promise<SweepReport> {
  const report = emptyReport();
  // Each item is handled on its own: one bad record must not stop the others.
  const each = async <T>(
    items: T[],
    what: string,
    fn: (item: T) => Promise<boolean>,
    count: keyof SweepReport,
  ) => {
    for (const item of items) {
      try {
        if (await fn(item)) report[count]++;
      } catch (error) {
        report.errors++;
        deps.logger.error(`scheduler: ${what} failed`, { error: String(error) });
      }
    }
  };
  const now = deps.clock.now();
  const today = tallinnDate(now);
  const refreshed = new Set<string>();
  await each(
    [null],
    "repair",
    async () => {
      report.executionsStarted = await startUnstartedCases(deps);
      return false;
    },
    "executionsStarted",
  );
  await each(
    [null],
    "launch",
    async () => {
      report.launchesResumed = await continueLaunches(deps);
      return false;
    },
    "launchesResumed",
  );
  // Absences and delegations that started or ended since the last sweep move tasks before anyone
  // is reminded. Only on such days: a sweep with nothing due reads next to nothing.
  await each(
    await deps.store.listReassignTriggersDue(today).then((due) => (due.length ? [due] : [])),
    "reassignment",
    async (due) => {
      report.tasksReassigned = await reconcileAssignments(deps);
      await reseatAbsentParticipants(deps);
      await deps.store.clearReassignTriggers(due);
      return false;
    },
    "tasksReassigned",
  );
  // Completers whose follow-up training has come due: only trainings indexed as having one.
  await each(
    await deps.store.listTrainingsWithFollowUpsDueBy(today),
    "follow-up",
    async (t) => (await scheduleDueFollowUps(deps, t.id)) > 0,
    "followUpsScheduled",
  );
  await each(
    await deps.store.listWaitingTimersDueBy(now.toISOString()),
    "timer",
    async (t) => {
      // The date may have moved with the calendar (an open-ended absence): look again first.
      await refreshCaseDates(deps, t.caseId, refreshed);
      const current = await deps.store.getTimer(t.id);
      if (current?.status !== "waiting" || current.dueAt > now.toISOString()) return false;
      return fireTimer(deps, current);
    },
    "timersFired",
  );
  await each(
    await deps.store.listPendingCallbacks(),
    "callback",
    (p) => redeliver(deps, p),
    "callbacksRedelivered",
  );
  // A review cycle may ask for its reminders further ahead than the system's default.
  const cycles = await deps.store.listCycles();
  const genericHorizon = addDays(today, deps.config.reminderDaysBeforeDue);
  const cycleHorizon = noticeHorizon(cycles, today);
  const dueSoon = await deps.store.listOpenTasksDueBy(maxDate(cycleHorizon, genericHorizon));
  // Deadlines win: a task past its lapse instant stops holding its case back (a lapsing task is
  // always past its due date, so it is among these). It is neither reminded nor escalated.
  const lapsing = dueSoon.filter((t) => t.lapseAt !== undefined && t.lapseAt <= now.toISOString());
  await each(
    lapsing,
    "lapse",
    async (t) => {
      await refreshCaseDates(deps, t.caseId, refreshed);
      const current = await deps.store.getTask(t.id);
      if (!current || current.lapseAt === undefined || current.lapseAt > now.toISOString()) return false;
      return lapseTask(deps, current);
    },
    "tasksLapsed",
  );
  const gone = new Set(lapsing.map((t) => t.id));
  // Review-cycle tasks: the cycle's own reminder days, one digest per person, day and cycle.
  const cycleNotices = await sendCycleNotices(
    deps,
    dueSoon.filter((t) => !gone.has(t.id)),
    cycles,
  );
  report.remindersSent += cycleNotices.reminders;
  report.escalationsSent += cycleNotices.escalations;
  report.errors += cycleNotices.errors;
  for (const id of cycleNotices.handled) gone.add(id);
  await each(
    dueSoon.filter(
      (t) =>
        !gone.has(t.id) &&
        !t.remindedAt &&
        t.notifiedAt &&
        (t.remindOn ? t.remindOn <= today : t.dueDate <= genericHorizon),
    ),
    "reminder",
    (t) => remind(deps, t),
    "remindersSent",
  );
  const overdue = dueSoon.filter((t) => !gone.has(t.id) && t.dueDate < today && !t.escalatedAt);
  await each(overdue, "escalation", (t) => escalate(deps, t), "escalationsSent");
  // Last, so that the mails this sweep queued get their first retry in it too.
  const transport = deps.mailTransport;
  if (transport) {
    await each(
      [null],
      "mail delivery",
      async () => {
        const delivered = await deliverDueMails({ ...deps, transport });
        report.mailsSent = delivered.sent;
        report.mailsRetried = delivered.retried;
        report.mailsGivenUp = delivered.givenUp;
        return false;
      },
      "mailsSent",
    );
  }
  return report;
}

async function fireTimer(deps: SweepDeps, timer: Timer): Promise<boolean> {
  const fired: Timer = { ...timer, status: "fired", callback: { ...timer.callback, status: "pending" } };
  try {
    await deps.store.updateTimer(fired, { status: "waiting", callback: "waiting" });
  } catch (error) {
    if (error instanceof ConditionFailed) return false; // moved, cancelled or fired by someone else
    throw error;
  }
  await audit(deps, {
    entityType: "timer",
    entityId: timer.id,
    actor: SCHEDULER,
    action: `timer.fired.${timer.purpose}`,
  });
  await deliverTimer(deps, fired);
  return true;
}

async function deliverTimer(deps: SweepDeps, timer: Timer): Promise<void> {
  const token = await deps.store.getTaskToken(timer.callback.tokenHash);
  if (token) await deps.engine.sendTaskSuccess(token, { timerId: timer.id, purpose: timer.purpose });
  await deps.store
    .updateTimer(
      { ...timer, callback: { ...timer.callback, status: "delivered" } },
      { status: "fired", callback: "pending" },
    )
    .catch((error: unknown) => {
      if (!(error instanceof ConditionFailed)) throw error; // delivered by a concurrent sweep
    });
}

async function redeliver(
  deps: SweepDeps,
  pending: { kind: "task"; item: HumanTask } | { kind: "timer"; item: Timer },
): Promise<boolean> {
  if (pending.kind === "timer") await deliverTimer(deps, pending.item);
  else if ((await deliverTaskCallback(deps, pending.item)).callback.status !== "delivered") return false;
  return true;
}

/** Marks the task reminded or escalated with the mails that says so, in one write; then tries them. */
async function markTask(
  deps: SweepDeps,
  task: HumanTask,
  patch: Partial<HumanTask>,
  mails: OutgoingMail[],
): Promise<boolean> {
  const queued = mails.map((m) => composeMail(deps.clock, m));
  try {
    await deps.store.updateTask({ ...task, ...patch, version: task.version + 1 }, task.version, {
      mails: queued,
    });
    await dispatchMails(deps.mailer, queued);
    return true;
  } catch (error) {
    if (error instanceof ConditionFailed) return false; // changed meanwhile; the next sweep sees the new state
    throw error;
  }
}

async function remind(deps: SweepDeps, task: HumanTask): Promise<boolean> {
  const to = await recipientFor(deps, task.assigneeId);
  const subject = await deps.store.getEmployee(task.subjectId);
  const link = task.links.find((l) => l.id === task.linkId)!;
  if (!to || !subject) return false;
  // The mark and the mail are one write: neither a reminder twice nor one lost to a crash.
  const mail = reminderMail(to, task, subject.name, linkUrl(deps, task, link));
  if (!(await markTask(deps, task, { remindedAt: deps.clock.now().toISOString() }, [mail]))) return false;
  await audit(deps, {
    entityType: "task",
    entityId: task.id,
    actor: SCHEDULER,
    action: "task.reminded",
    changes: ["remindedAt"],
  });
  return true;
}

async function escalate(deps: SweepDeps, task: HumanTask): Promise<boolean> {
  const subject = await deps.store.getEmployee(task.subjectId);
  if (!subject) return false;
  const assignee = await recipientFor(deps, task.assigneeId);
  // Overdue lead tasks go to the lead's own manager (1.3 of the lead's position); employee tasks to the lead.
  const manager =
    task.assigneeId === subject.id
      ? await leadOf(deps.store, subject)
      : await escalationTarget(deps.store, subject);
  const hr = { ...hrRecipient(deps.config), name: "HR" };
  const mails = (manager && task.assigneeId !== HR_QUEUE ? [manager, hr] : [hr]).map((to) =>
    escalationMail(to, task, subject.name, assignee?.name ?? task.assigneeId),
  );
  if (!(await markTask(deps, task, { escalatedAt: deps.clock.now().toISOString() }, mails))) return false;
  await audit(deps, {
    entityType: "task",
    entityId: task.id,
    actor: SCHEDULER,
    action: "task.escalated",
    changes: ["escalatedAt"],
  });
  return true;
}
