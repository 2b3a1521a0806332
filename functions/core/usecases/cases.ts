// The case engine's use cases, the same for every workflow: starting a case's execution (and
// repairing what a crash left unstarted), changing a case under its version, durable timers,
// ending a case (what is still open of it is cancelled), and reading a case with its tasks.
import { audit, SYSTEM } from "../audit";
import type { Deps } from "../deps";
import { DomainError, notFound } from "../errors";
import { idFor } from "../ids";
import { tokenHash } from "../links";
import { caseStoppedMail, hrRecipient } from "../mails";
import { type Actor, type Case, type Timer, TimerPurpose } from "../model";
import { ConditionFailed, type OutgoingMail } from "../ports";
import { timerDueAtFor } from "../workflows";
import { workflowRegistry } from "../workflows/registry";
import { composeMail, dispatchMails } from "./mail-queue";
import { cancelTask } from "./tasks";

type CaseDeps = Pick<Deps, "store" | "clock" | "mailer" | "engine" | "logger" | "config">;

/** Starts the case's workflow if it is not running yet; the execution is named after the case, so a retry is a no-op. */
export async function ensureStarted<C extends Case>(deps: CaseDeps, c: C): Promise<C> {
  const { executionId } = await deps.engine.start(c.workflow, c.id, { caseId: c.id, subjectId: c.subjectId });
  if (c.executionId !== executionId)
    await deps.store.linkExecution(c.id, executionId, deps.clock.now().toISOString(), c.workflow);
  return { ...c, executionId, version: (c.version ?? 0) + (c.executionId !== executionId ? 1 : 0) };
}

/**
 * Sweep repair: starts the workflow of every case that was written but whose start a crash
 * interrupted. Only cases older than a minute: younger ones may be mid-request.
 */
export async function startUnstartedCases(deps: CaseDeps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - 60_000).toISOString();
  let started = 0;
  for (const c of await deps.store.listUnstartedCases(before)) {
    await ensureStarted(deps, c);
    deps.logger.warn("started a workflow that a crash had left unstarted", {
      caseId: c.id,
      workflow: c.workflow,
    });
    started++;
  }
  return started;
}

/**
 * Reads the case, lets `change` decide its next state (undefined: nothing to do), and writes it
 * on the version read, with the mails the change causes (`mailsFor`) in the same write; a
 * concurrent writer makes it read and decide again. The mails get one attempt after the write.
 */
export async function changeCase<C extends Case>(
  deps: Pick<Deps, "store" | "clock" | "mailer">,
  caseId: string,
  read: (c: Case) => C,
  change: (current: C) => C | undefined,
  mailsFor: (before: C, after: C) => OutgoingMail[] = () => [],
): Promise<{ before: C; after?: C }> {
  for (let attempt = 1; ; attempt++) {
    const stored = await deps.store.getCase(caseId);
    if (!stored) throw notFound("case", caseId);
    const current = read(stored);
    const next = change(current);
    if (!next) return { before: current };
    const mails = mailsFor(current, next).map((m) => composeMail(deps.clock, m));
    try {
      const after = read(await deps.store.updateCase(next, { mails }));
      await dispatchMails(deps.mailer, mails);
      return { before: current, after };
    } catch (error) {
      if (!(error instanceof ConditionFailed) || attempt >= 5) throw error;
    }
  }
}

/** Ending a case closes what is still open of it: its tasks (their links then say so) and timers. */
export async function endCase(deps: CaseDeps, caseId: string, actor: Actor): Promise<void> {
  for (const open of await deps.store.listTasks({ caseId, status: "open" })) {
    await cancelTask(deps, open, actor).catch((error: unknown) => {
      if (!(error instanceof ConditionFailed)) throw error; // completed meanwhile
    });
  }
  for (const timer of await deps.store.listTimers({ caseId, status: "waiting" })) {
    await deps.store
      .updateTimer({ ...timer, status: "cancelled" }, { status: "waiting", callback: "waiting" })
      .catch((error: unknown) => {
        if (!(error instanceof ConditionFailed)) throw error; // fired meanwhile
      });
  }
}

/** Marks an active case failed (its workflow stopped) and cancels what is open of it. */
export async function failCase(deps: CaseDeps, caseId: string): Promise<Case> {
  const { after, before } = await changeCase(
    deps,
    caseId,
    (c) => c,
    (current) =>
      current.status === "active"
        ? { ...current, status: "failed", updatedAt: deps.clock.now().toISOString() }
        : undefined,
  );
  // A failed case must not keep tasks open that nobody will act on (nor re-mail them).
  await endCase(deps, caseId, SYSTEM);
  return after ?? before;
}

/** HR stops a case (the hire left, or was registered by mistake): tasks and timers are cancelled. */
export async function cancelCase(deps: CaseDeps, actor: Actor, caseId: string): Promise<Case> {
  const { before, after } = await changeCase(
    deps,
    caseId,
    (c) => c,
    (current) => {
      if (current.status !== "active") throw new DomainError("conflict", `The case is ${current.status}.`);
      return { ...current, status: "cancelled", updatedAt: deps.clock.now().toISOString() };
    },
  );
  await endCase(deps, caseId, actor);
  if (before.executionId) await deps.engine.stop(before.executionId, "cancelled by HR");
  await audit(deps, {
    entityType: "case",
    entityId: caseId,
    actor,
    action: `${before.workflow}.cancelled`,
    changes: ["status"],
  });
  return after!;
}

/** Workflow step: a durable timer. The scheduler completes it when due; its case's dates may move it. */
export async function waitUntilStep(
  deps: CaseDeps,
  input: { taskToken: string; executionId: string; state: string; caseId: string; purpose: Timer["purpose"] },
) {
  const purpose = TimerPurpose.parse(input.purpose);
  const stored = await deps.store.getCase(input.caseId);
  if (!stored) throw notFound("case", input.caseId);
  const now = deps.clock.now();
  const { timer, created } = await deps.store.createTimer(
    {
      // One timer per (execution, state): a retry of the state re-binds it instead of adding one.
      id: idFor("timer", input.executionId, input.state),
      purpose,
      caseId: stored.id,
      dueAt: timerDueAtFor(purpose, stored),
      status: "waiting",
      callback: { tokenHash: tokenHash(input.taskToken), status: "waiting", attempts: 0 },
      createdAt: now.toISOString(),
    },
    input.taskToken,
  );
  if (created) {
    await audit(deps, {
      entityType: "timer",
      entityId: timer.id,
      actor: SYSTEM,
      action: `timer.set.${purpose}`,
      changes: ["dueAt"],
    });
  }
  return { timerId: timer.id, dueAt: timer.dueAt };
}

/** A person's cases (of one workflow when given), oldest first; 404 for nobody. */
export async function casesOf(
  deps: Pick<Deps, "store">,
  subjectId: string,
  workflow?: Case["workflow"],
): Promise<Case[]> {
  if (!(await deps.store.getEmployee(subjectId))) throw notFound("employee", subjectId);
  return (await deps.store.listCases(subjectId, workflow)).sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );
}

/** A case with its tasks and timers, without answers, tokens or links. */
export async function caseView(deps: Pick<Deps, "store">, caseId: string) {
  const stored = await deps.store.getCase(caseId);
  if (!stored) throw notFound("case", caseId);
  const tasks = await deps.store.listTasks({ caseId });
  const timers = await deps.store.listTimers({ caseId });
  return {
    case: stored,
    tasks: tasks.map(({ answers: _a, callback: _c, links: _l, ...t }) => t),
    timers: timers.map(({ callback: _c, ...t }) => t),
  };
}

/** Workflow step (any workflow's Catch): the case is failed, what is open of it cancelled, HR told once. */
export async function reportCaseFailureStep(deps: CaseDeps, input: { caseId: string; error?: string }) {
  const failed = await failCase(deps, input.caseId);
  const subject = await deps.store.getEmployee(failed.subjectId);
  await deps.mailer.send({
    ...caseStoppedMail(hrRecipient(deps.config), {
      workflowTitle: workflowRegistry[failed.workflow].title,
      subjectName: subject?.name ?? failed.subjectId,
      reason: input.error ?? "unknown",
    }),
    key: `${failed.id}:stopped:hr`,
  });
  return { reported: true };
}
