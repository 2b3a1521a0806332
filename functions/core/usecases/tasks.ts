// Human tasks: created by a workflow step, completed through an email link (or signed in), and
// handed back to the workflow. The Step Functions token stays in the store; links carry none.
import { HR_QUEUE, resolveAssignee } from "../assignment";
import { audit, SCHEDULER } from "../audit";
import { addDays, endOfTallinnDay, tallinnDate } from "../calendar";
import type { Deps } from "../deps";
import { DomainError, notFound } from "../errors";
import { callbackOutput, type FormDefinition, formFor, parseAnswers } from "../forms";
import { idFor } from "../ids";
import { issueNonce, newOpaqueId, nonceIsValid, parseLink, signLink, tokenHash } from "../links";
import { completedOnBehalfMail, hrRecipient, taskAssignedMail } from "../mails";
import {
  type Actor,
  type Employee,
  type HumanTask,
  type Locale,
  MAX_TASK_GROUP,
  type QueuedMail,
  type TaskKind,
  type TaskLink,
} from "../model";
import { requireWithin } from "../plausibility";
import { policy, type User } from "../policy";
import { ConditionFailed, type OutgoingMail } from "../ports";
import { lapsedOutputOf, ruleFor } from "../workflows";
import { composeMail, dispatchMails } from "./mail-queue";

type TaskDeps = Pick<Deps, "store" | "clock" | "mailer" | "engine" | "logger" | "config">;

export interface Recipient {
  id: string;
  name: string;
  email: string;
  locale: Locale;
}

/** The person (or HR's queue) a task is mailed to. */
export async function recipientFor(deps: TaskDeps, assigneeId: string): Promise<Recipient | undefined> {
  if (assigneeId === HR_QUEUE) return { ...hrRecipient(deps.config), id: HR_QUEUE, name: "HR" };
  const person = await deps.store.getEmployee(assigneeId);
  return person && { id: person.id, name: person.name, email: person.email, locale: person.locale };
}

export function linkUrl(deps: Pick<Deps, "config">, task: Pick<HumanTask, "id">, link: TaskLink): string {
  const token = signLink(deps.config.linkSigningKey, {
    taskId: task.id,
    linkId: link.id,
    assigneeId: link.assigneeId,
    expiresAt: new Date(link.expiresAt),
  });
  return `${deps.config.publicBaseUrl}/l/${token}`;
}

export function newLink(deps: Pick<Deps, "clock" | "config">, assigneeId: string, dueDate: string): TaskLink {
  const now = deps.clock.now();
  // A link outlives its task's due date by two weeks (to the end of that day in Tallinn), so an
  // overdue task can still be done.
  const byTtl = now.getTime() + deps.config.linkTtlDays * 86_400_000;
  const byDue = Date.parse(endOfTallinnDay(addDays(dueDate, 14))) - 1000;
  return {
    id: newOpaqueId(9),
    assigneeId,
    issuedAt: now.toISOString(),
    expiresAt: new Date(Math.max(byTtl, byDue)).toISOString(),
  };
}

export interface CreateHumanTaskInput {
  taskToken: string;
  executionId: string;
  /** The ASL state: with the execution it names the task, so a retried state finds it again. */
  state: string;
  caseId: string;
  /** One task; or, for fan-out, `kinds`: one task per kind, resuming the workflow together. */
  kind?: TaskKind;
  kinds?: TaskKind[];
}

/**
 * Workflow step: creates the task (once per (execution, state), however often the step is
 * retried) and mails it. With several kinds (fan-out) it opens them all at once; the workflow
 * resumes when every one of them is completed or lapsed.
 */
export async function createHumanTask(
  deps: TaskDeps,
  input: CreateHumanTaskInput,
): Promise<{ taskId: string; taskIds?: string[] }> {
  const kinds = input.kinds ?? (input.kind ? [input.kind] : []);
  if (kinds.length === 0 || new Set(kinds).size !== kinds.length || kinds.length > MAX_TASK_GROUP) {
    throw new DomainError(
      "validation",
      `kinds: give one kind, or 2..${MAX_TASK_GROUP} different kinds`,
      "kinds",
    );
  }
  const stored = await deps.store.getCase(input.caseId);
  if (!stored) throw notFound("case", input.caseId);
  const subject = await deps.store.getEmployee(stored.subjectId);
  if (!subject) throw notFound("employee", stored.subjectId);
  const now = deps.clock.now();
  const ids = kinds.map((kind) =>
    kinds.length === 1
      ? idFor("task", input.executionId, input.state)
      : idFor("task", input.executionId, input.state, kind),
  );
  const drafts = await Promise.all(
    kinds.map(async (kind, i): Promise<HumanTask> => {
      // Tasks created while the lead is away go straight to whoever acts for them.
      const assignment = await resolveAssignee(deps.store, kind, subject, tallinnDate(now));
      const rule = ruleFor(kind, stored);
      const dueDate = rule.dueDate(tallinnDate(now));
      const link = newLink(deps, assignment.assigneeId, dueDate);
      return {
        id: ids[i]!,
        kind,
        subjectId: subject.id,
        caseId: stored.id,
        assigneeId: assignment.assigneeId,
        onBehalfOfId: assignment.onBehalfOfId,
        delegatedUntil: assignment.until,
        dueDate,
        lapseAt: rule.lapsesAt(dueDate),
        ...(rule.remindOn(dueDate) ? { remindOn: rule.remindOn(dueDate) } : {}),
        status: "open",
        form: rule.form ?? formFor(kind)!,
        linkId: link.id,
        links: [link],
        ...(kinds.length > 1 ? { group: { taskIds: ids } } : {}),
        callback: { tokenHash: tokenHash(input.taskToken), status: "waiting", attempts: 0 },
        createdAt: now.toISOString(),
        version: 1,
      };
    }),
  );
  // Each task's mail is stored with the task itself: created together, or not at all.
  const notifiedAt = now.toISOString();
  const mails = await Promise.all(
    drafts.map(async (d) => composeMail(deps.clock, await assignmentMail(deps, d, subject))),
  );
  const withMails = drafts.map((d) => ({ ...d, notifiedAt }));
  const { tasks, created } =
    withMails.length === 1
      ? await deps.store
          .createTask(withMails[0]!, input.taskToken, { mails })
          .then((r) => ({ tasks: [r.task], created: r.created }))
      : await deps.store.createTaskGroup(withMails, input.taskToken, { mails });
  if (created) await dispatchMails(deps.mailer, mails);
  for (const task of tasks) {
    if (created) {
      await audit(deps, {
        entityType: "task",
        entityId: task.id,
        actor: { id: "system" },
        action: "task.created",
        changes: ["assigneeId", "dueDate"],
      });
    }
  }
  return { taskId: tasks[0]!.id, ...(tasks.length > 1 ? { taskIds: tasks.map((t) => t.id) } : {}) };
}

/** The mail that hands a task's current link to its holder (on behalf of whom, when a substitute). */
export async function assignmentMail(
  deps: TaskDeps,
  task: HumanTask,
  subject: Employee,
): Promise<OutgoingMail> {
  const to = await recipientFor(deps, task.assigneeId);
  if (!to) throw notFound("employee", task.assigneeId);
  const link = task.links.find((l) => l.id === task.linkId)!;
  const onBehalfOf = task.onBehalfOfId ? (await recipientFor(deps, task.onBehalfOfId))?.name : undefined;
  return taskAssignedMail(to, task, subject.name, linkUrl(deps, task, link), onBehalfOf);
}

/**
 * Writes a task that now has a new holder or link, with the mail that hands them the link in the
 * same write; then one delivery attempt. ConditionFailed if the task changed meanwhile.
 */
export async function updateTaskAndMailLink(
  deps: TaskDeps,
  task: HumanTask,
  expectedVersion: number,
  subject: Employee,
): Promise<HumanTask> {
  const mail = composeMail(deps.clock, await assignmentMail(deps, task, subject));
  const written = { ...task, notifiedAt: mail.createdAt };
  await deps.store.updateTask(written, expectedVersion, { mails: [mail] });
  await dispatchMails(deps.mailer, [mail]);
  return written;
}

export type LinkState =
  | { state: "invalid" }
  | { state: "expired"; locale: Locale }
  | { state: "superseded"; locale: Locale; currentAssigneeName: string; until?: string }
  | { state: "cancelled"; locale: Locale }
  | { state: "completed"; locale: Locale; completedByName: string; completedAt: string }
  | {
      state: "open";
      locale: Locale;
      task: HumanTask;
      form: FormDefinition;
      subjectName: string;
      assigneeName: string;
      nonce: string;
      /** The day the case must be settled by (e.g. probation's last day), when it has one. */
      caseEndsOn?: string;
      /** Earlier answers the reader needs, e.g. the interview summary an official comments on. */
      context: Array<{ label: Record<Locale, string>; value: Record<Locale, string> }>;
    };

async function nameOf(deps: TaskDeps, id: string | undefined): Promise<string> {
  if (!id) return "?";
  return (await recipientFor(deps, id))?.name ?? id;
}

/** What an email link shows now. Read-only: GET and HEAD must never change state (mail scanners open links). */
export async function inspectLink(deps: TaskDeps, token: string): Promise<LinkState> {
  const parsed = parseLink(deps.config.linkSigningKey, token);
  if (!parsed) return { state: "invalid" };
  const task = await deps.store.getTask(parsed.taskId);
  const link = task?.links.find((l) => l.id === parsed.linkId);
  if (!task || !link || !parsed.verify(link.assigneeId)) return { state: "invalid" };
  const reader = await recipientFor(deps, link.assigneeId);
  const locale = reader?.locale ?? "et";
  if (task.status === "completed") {
    return {
      state: "completed",
      locale,
      completedByName: task.completedBy?.name ?? task.completedBy?.id ?? "?",
      completedAt: task.completedAt ?? "",
    };
  }
  if (task.status === "cancelled") return { state: "cancelled", locale };
  // A newer link of the same holder (mailed on request) makes this one as good as expired.
  if (task.linkId !== link.id && task.assigneeId === link.assigneeId) return { state: "expired", locale };
  if (task.linkId !== link.id) {
    return {
      state: "superseded",
      locale,
      currentAssigneeName: await nameOf(deps, task.assigneeId),
      until: task.delegatedUntil,
    };
  }
  const now = deps.clock.now();
  if (parsed.expiresAt.getTime() < now.getTime()) return { state: "expired", locale };
  const subject = await deps.store.getEmployee(task.subjectId);
  const stored = await deps.store.getCase(task.caseId);
  const rule = stored ? ruleFor(task.kind, stored) : undefined;
  const caseTasks = rule ? await deps.store.listTasks({ caseId: task.caseId }) : [];
  return {
    state: "open",
    locale,
    task,
    form: task.form,
    subjectName: subject?.name ?? task.subjectId,
    assigneeName: reader?.name ?? task.assigneeId,
    nonce: issueNonce(deps.config.linkSigningKey, link.id, now),
    caseEndsOn: rule?.endsOn,
    context: rule?.context(caseTasks) ?? [],
  };
}

/** Completes a task from its email link. Exactly one of two concurrent submissions wins. */
export async function completeByLink(
  deps: TaskDeps,
  token: string,
  body: Record<string, unknown>,
): Promise<{ task: HumanTask }> {
  const state = await inspectLink(deps, token);
  switch (state.state) {
    case "invalid":
      throw new DomainError("not_found", "This link is not valid.");
    case "expired":
      throw new DomainError("gone", "This link has expired.");
    case "cancelled":
      throw new DomainError("gone", "This task was cancelled.");
    case "superseded":
      throw new DomainError(
        "gone",
        `This task is now with ${state.currentAssigneeName}${state.until ? ` until ${state.until}` : ""}.`,
      );
    case "completed":
      throw new DomainError(
        "conflict",
        `Already completed by ${state.completedByName} at ${state.completedAt}.`,
        undefined,
        {
          completedBy: state.completedByName,
          completedAt: state.completedAt,
        },
      );
  }
  const nonce = typeof body.nonce === "string" ? body.nonce : "";
  if (!nonceIsValid(deps.config.linkSigningKey, state.task.linkId, nonce, deps.clock.now())) {
    throw new DomainError(
      "forbidden",
      "nonce: the form is stale or was not rendered by us; reload the page and submit again",
      "nonce",
    );
  }
  const { nonce: _nonce, ...answers } = body;
  const actor: Actor = { id: state.task.assigneeId, name: state.assigneeName };
  return finishTask(deps, state.task, actor, answers, { viaLink: true });
}

export type TaskUser = User;

/**
 * A task as a signed-in user may see it: its assignee's, or any for HR. A task that exists but is
 * not theirs gets the same "does not exist" as one that does not, so ids cannot be probed.
 */
export async function taskForUser(
  deps: Pick<Deps, "store">,
  user: TaskUser,
  taskId: string,
): Promise<HumanTask> {
  const task = await deps.store.getTask(taskId);
  if (!task || !policy.mayReadTask(user, task)) throw notFound("task", taskId);
  return task;
}

/** Completes a task for a signed-in user: the assignee, or HR for tasks in the HR queue. */
export async function completeAsUser(
  deps: TaskDeps,
  user: TaskUser,
  taskId: string,
  answers: Record<string, unknown>,
): Promise<{ task: HumanTask }> {
  const task = await taskForUser(deps, user, taskId);
  // Only HR gets here without being the assignee, and HR may read the task anyway: say why.
  if (!policy.mayCompleteTask(user, task))
    throw new DomainError("forbidden", "Only the assignee can complete this task.");
  if (task.status !== "open") throw new DomainError("conflict", `The task is ${task.status}.`);
  const actor: Actor = {
    id: user.employeeId ?? HR_QUEUE,
    name: await nameOf(deps, user.employeeId ?? HR_QUEUE),
  };
  return finishTask(deps, task, actor, answers, { viaLink: false });
}

/**
 * The one conditional write that completes a task. A concurrent write that changed nothing that
 * matters (the mail marked as sent, a reminder noted) is retried on the fresh version; a task that
 * someone completed, cancelled or handed over meanwhile is a conflict, and exactly one writer wins.
 */
async function writeCompletion(
  deps: TaskDeps,
  task: HumanTask,
  actor: Actor,
  answers: Record<string, unknown>,
  mails: QueuedMail[],
): Promise<HumanTask> {
  let current = task;
  for (let attempt = 0; ; attempt++) {
    const done: HumanTask = {
      ...current,
      status: "completed",
      answers,
      completedBy: actor,
      completedAt: deps.clock.now().toISOString(),
      // Recorded first, delivered second: if delivery fails the scheduler retries (nothing acknowledged is lost).
      callback: { ...current.callback, status: "pending" },
      version: current.version + 1,
    };
    try {
      await deps.store.updateTask(done, current.version, { mails });
      return done;
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
    }
    const fresh = await deps.store.getTask(task.id);
    if (
      fresh?.status === "open" &&
      fresh.linkId === task.linkId &&
      fresh.assigneeId === task.assigneeId &&
      attempt < 5
    ) {
      current = fresh;
      continue;
    }
    if (fresh?.status === "open")
      throw new DomainError("gone", "This task was handed over meanwhile; its new holder has the link.");
    if (fresh?.status === "cancelled") throw new DomainError("gone", "This task was cancelled.");
    const by = fresh?.completedBy?.name ?? fresh?.completedBy?.id ?? "someone else";
    throw new DomainError(
      "conflict",
      `Already completed by ${by} at ${fresh?.completedAt ?? "?"}.`,
      undefined,
      {
        completedBy: by,
        completedAt: fresh?.completedAt,
      },
    );
  }
}

async function finishTask(
  deps: TaskDeps,
  task: HumanTask,
  actor: Actor,
  rawAnswers: Record<string, unknown>,
  how: { viaLink: boolean },
): Promise<{ task: HumanTask }> {
  const answers = parseAnswers(task.kind, rawAnswers, task.form);
  const stored = await deps.store.getCase(task.caseId);
  if (stored) {
    const rule = ruleFor(task.kind, stored);
    const today = tallinnDate(deps.clock.now());
    for (const [field, window] of Object.entries(rule.answerWindows(today))) {
      const value = answers[field];
      if (typeof value === "string") requireWithin(field, value, window);
    }
    rule.checkAnswers(answers, {
      today,
      viaLink: how.viaLink,
      requireSignInForContractEnd: deps.config.requireSignInForContractEnd,
    });
  }
  const mails = await onBehalfMails(deps, task);
  const done = await writeCompletion(deps, task, actor, answers, mails);
  await audit(deps, {
    entityType: "task",
    entityId: task.id,
    actor,
    onBehalfOf: task.onBehalfOfId ? { id: task.onBehalfOfId } : undefined,
    action: how.viaLink ? "task.completed.link" : "task.completed.signedIn",
    changes: ["status", ...Object.keys(answers).map((k) => `answers.${k}`)],
  });
  await dispatchMails(deps.mailer, mails);
  const delivered = await deliverTaskCallback(deps, done);
  return { task: delivered };
}

/** When a substitute completes the task, the lead they acted for and the substitute are both told. */
async function onBehalfMails(deps: TaskDeps, task: HumanTask): Promise<QueuedMail[]> {
  if (!task.onBehalfOfId) return [];
  const [lead, substitute, subject] = await Promise.all([
    recipientFor(deps, task.onBehalfOfId),
    recipientFor(deps, task.assigneeId),
    deps.store.getEmployee(task.subjectId),
  ]);
  if (!lead || !substitute) return [];
  const names = { lead: lead.name, substitute: substitute.name };
  const subjectName = subject?.name ?? task.subjectId;
  return [
    composeMail(deps.clock, completedOnBehalfMail(lead, task, subjectName, names, "lead")),
    composeMail(deps.clock, completedOnBehalfMail(substitute, task, subjectName, names, "substitute")),
  ];
}

/** Hands a completed task's outcome to the workflow, once. Safe to call again (the scheduler retries). */
/** What one task hands its workflow: the form's output, or the lapse rule's. */
const outputOf = (task: HumanTask) =>
  task.status === "lapsed"
    ? lapsedOutputOf(task.kind, task.id)
    : callbackOutput(task.id, task.kind, task.answers ?? {});

/**
 * Fan-out: a group's shared callback goes out once every task of it is done (completed, lapsed or
 * cancelled), with each task's output. Each task writes its own outcome before reading the
 * others, so of two finishing at once the later one sees both; if both do, the engine takes the
 * first delivery and ignores the second (the same token).
 */
async function groupOutput(deps: TaskDeps, task: HumanTask): Promise<Record<string, unknown> | undefined> {
  const members = await Promise.all(
    task.group!.taskIds.map((id) => (id === task.id ? task : deps.store.getTask(id))),
  );
  if (members.some((m) => !m || m.status === "open")) return undefined;
  return {
    taskId: task.group!.taskIds[0],
    tasks: (members as HumanTask[]).map((m) => ({ kind: m.kind, status: m.status, ...outputOf(m) })),
  };
}

export async function deliverTaskCallback(deps: TaskDeps, task: HumanTask): Promise<HumanTask> {
  if (task.callback.status !== "pending") return task;
  const token = await deps.store.getTaskToken(task.callback.tokenHash);
  try {
    const output = task.group ? await groupOutput(deps, task) : outputOf(task);
    // A group with tasks still open: this task's part is recorded; the last one delivers.
    if (!token) deps.logger.error("task token missing; callback dropped", { taskId: task.id });
    else if (output) await deps.engine.sendTaskSuccess(token, output);
  } catch (error) {
    deps.logger.warn("callback delivery failed; the scheduler will retry", {
      taskId: task.id,
      error: String(error),
    });
    const failed = {
      ...task,
      callback: { ...task.callback, attempts: task.callback.attempts + 1 },
      version: task.version + 1,
    };
    await deps.store.updateTask(failed, task.version).catch(() => undefined);
    return failed;
  }
  const delivered: HumanTask = {
    ...task,
    callback: { ...task.callback, status: "delivered" },
    version: task.version + 1,
  };
  try {
    await deps.store.updateTask(delivered, task.version);
    return delivered;
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    return (await deps.store.getTask(task.id)) ?? delivered;
  }
}

/**
 * Deadlines win: a task still open at its lapse instant is closed as lapsed, and its workflow is
 * told so (e.g. "no decision by the last day") and goes on. Exactly one of a lapse and a late
 * completion wins, by the task's version.
 */
export async function lapseTask(deps: TaskDeps, task: HumanTask): Promise<boolean> {
  if (task.status !== "open") return false;
  const lapsed: HumanTask = {
    ...task,
    status: "lapsed",
    lapsedAt: deps.clock.now().toISOString(),
    callback: { ...task.callback, status: "pending" },
    version: task.version + 1,
  };
  try {
    await deps.store.updateTask(lapsed, task.version);
  } catch (error) {
    if (error instanceof ConditionFailed) return false; // completed or moved meanwhile
    throw error;
  }
  await audit(deps, {
    entityType: "task",
    entityId: task.id,
    actor: SCHEDULER,
    action: "task.lapsed",
    changes: ["status"],
  });
  await deliverTaskCallback(deps, lapsed);
  return true;
}

/** A fresh link is mailed at most this often per task, whoever asks. */
export const LINK_REISSUE_INTERVAL_MS = 60 * 60_000;

/**
 * Mails a fresh link for an open task to its holder's address on file (never to an address given
 * in the request), at most once an hour; the earlier link stops working. Asked for from an expired
 * link's page, or by HR when a link was lost.
 */
export async function reissueLink(
  deps: TaskDeps,
  task: HumanTask,
  actor: Actor,
): Promise<{ sent: boolean; sentAt: string }> {
  if (task.status !== "open")
    throw new DomainError("conflict", `The task is ${task.status}; it needs no link.`);
  const now = deps.clock.now();
  if (task.linkReissuedAt && now.getTime() - Date.parse(task.linkReissuedAt) < LINK_REISSUE_INTERVAL_MS) {
    return { sent: false, sentAt: task.linkReissuedAt };
  }
  const subject = await deps.store.getEmployee(task.subjectId);
  if (!subject) throw notFound("employee", task.subjectId);
  const link = newLink(deps, task.assigneeId, task.dueDate);
  const renewed: HumanTask = {
    ...task,
    linkId: link.id,
    links: [...task.links, link],
    linkReissuedAt: now.toISOString(),
    version: task.version + 1,
  };
  try {
    await updateTaskAndMailLink(deps, renewed, task.version, subject);
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    throw new DomainError("conflict", "The task changed meanwhile; open the newest mail about it.");
  }
  await audit(deps, {
    entityType: "task",
    entityId: task.id,
    actor,
    action: "task.linkReissued",
    changes: ["linkId"],
  });
  return { sent: true, sentAt: renewed.linkReissuedAt! };
}

/**
 * "Send me a new link" on an expired link's page: only for a link of the task's current holder
 * (a handed-over task's former holder gets nothing), so the mail goes to whoever holds it.
 */
export async function reissueFromExpiredLink(deps: TaskDeps, token: string) {
  const parsed = parseLink(deps.config.linkSigningKey, token);
  const task = parsed ? await deps.store.getTask(parsed.taskId) : undefined;
  const link = task?.links.find((l) => l.id === parsed?.linkId);
  if (!parsed || !task || !link || !parsed.verify(link.assigneeId))
    throw new DomainError("not_found", "This link is not valid.");
  // Any link of the task's current holder will do (an older one too); a former holder's will not.
  if (task.assigneeId !== link.assigneeId || task.status !== "open")
    throw new DomainError("gone", "This link no longer belongs to an open task of yours.");
  return reissueLink(deps, task, { id: link.assigneeId });
}

/** Cancels a task (its links then say so) and stops nothing else: the caller stops the workflow. */
export async function cancelTask(deps: TaskDeps, task: HumanTask, actor: Actor): Promise<void> {
  if (task.status !== "open") return;
  await deps.store.updateTask({ ...task, status: "cancelled", version: task.version + 1 }, task.version);
  await audit(deps, {
    entityType: "task",
    entityId: task.id,
    actor,
    action: "task.cancelled",
    changes: ["status"],
  });
}
