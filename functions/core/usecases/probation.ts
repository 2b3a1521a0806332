// The probation of one hire, from registration to outcome (TLS § 86, § 96; ATS § 24).
import { leadOf } from "../assignment";
import { audit, SYSTEM } from "../audit";
import { tallinnDate } from "../calendar";
import type { Deps } from "../deps";
import { DomainError, notFound } from "../errors";
import { idFor, newId } from "../ids";
import { tokenHash } from "../links";
import { hrRecipient, probationMovedMail, probationOutcomeMail, probationStoppedMail } from "../mails";
import { type Actor, type Employee, type Probation, type TaskKind, type Timer, TimerPurpose } from "../model";
import { ConditionFailed } from "../ports";
import { computeProbationPeriod, contractEndAfterNotice, probationSchedule } from "../probation-rules";
import { recordLinkUrl } from "../record-links";
import { parseInput } from "../validation";
import { probationTaskRules, probationTimerDueAt } from "../workflows/probation";
import { checkEmployee, EmployeeInput } from "./org";
import { cancelTask } from "./tasks";

type ProbationDeps = Pick<Deps, "store" | "clock" | "mailer" | "engine" | "logger" | "config">;

const today = (deps: Pick<Deps, "clock">) => tallinnDate(deps.clock.now());

/** The due date of a probation task, from the probation's current dates. */
export const dueDateFor = (kind: TaskKind, probation: Probation, todayDate: string): string =>
  probationTaskRules[kind].dueDate(probation, todayDate);

export const timerDueAt = probationTimerDueAt;

const periodInput = (employee: Employee) => ({
  regime: employee.regime,
  startDate: employee.startDate,
  agreedMonths: employee.agreedProbationMonths,
  contractEndDate: employee.contractEndDate,
  contractDate: employee.contractDate,
  extensionWaived: employee.probationExtensionWaived,
});

async function computePeriod(deps: Pick<Deps, "store" | "clock">, employee: Employee) {
  const absences = await deps.store.listAbsences(employee.id);
  return computeProbationPeriod({ ...periodInput(employee), absences, asOf: today(deps) });
}

/**
 * Registers a hire: the employee, the probation record, and the probation workflow. Everything is
 * validated before anything is written; the employee and probation are then one transaction, and
 * the workflow start is idempotent (the execution is named after the probation), so a crash at any
 * point leaves a whole hire or none, and the sweep starts an execution a crash left unstarted.
 * A retry of a hire whose answer was lost (same e-mail, same id if one was given) answers the same.
 */
export async function registerHire(
  deps: ProbationDeps,
  actor: Actor,
  input: unknown,
  attempt = 1,
): Promise<{ employee: Employee; probation: Probation; replayed: boolean }> {
  const parsed = parseInput(EmployeeInput, input);
  const existing = await deps.store.findEmployeeByEmail(parsed.email);
  if (existing) {
    // By key, not by index: an index lags a concurrent identical request's transaction.
    const active = await deps.store.getProbation(probationIdOf(existing));
    if (active?.status !== "active" || (parsed.id && parsed.id !== existing.id)) {
      throw new DomainError("conflict", `email: employee ${existing.id} already has this address`, "email");
    }
    return { employee: existing, probation: await ensureStarted(deps, active), replayed: true };
  }
  const employee: Employee = { ...parsed, id: parsed.id ?? newId("emp") };
  if (parsed.id && (await deps.store.getEmployee(parsed.id)))
    throw new DomainError("conflict", `id: employee ${parsed.id} exists already`, "id");
  try {
    await checkEmployee(deps, employee);
  } catch (error) {
    // The address was taken since the look-up above, maybe by an identical request: look again.
    const emailTaken = error instanceof DomainError && error.code === "conflict" && error.field === "email";
    if (emailTaken && attempt < 3) return registerHire(deps, actor, input, attempt + 1);
    throw error;
  }
  // A new employee has no absences yet; the period is computed now so a bad one refuses the hire.
  const period = computeProbationPeriod({ ...periodInput(employee), absences: [], asOf: today(deps) });
  const now = deps.clock.now().toISOString();
  const probation: Probation = {
    id: probationIdOf(employee),
    employeeId: employee.id,
    regime: employee.regime,
    startDate: employee.startDate,
    baseEndDate: period.baseEndDate,
    endDate: period.endDate,
    extensionDays: period.extensionDays,
    status: "active",
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const record = (
    entityType: "employee" | "probation",
    entityId: string,
    action: string,
    changes: string[],
  ) => ({
    entityType,
    entityId,
    actor,
    action,
    changes,
    at: now,
  });
  try {
    await deps.store.createHire({
      employee,
      probation,
      audits: [
        record("employee", employee.id, "employee.created", Object.keys(employee)),
        record("probation", probation.id, "probation.registered", ["endDate"]),
      ],
    });
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    // Lost a race (or a transaction conflict) with a concurrent request: look again, and answer
    // as a repeat of the winner, or name the clash.
    if (attempt < 3) return registerHire(deps, actor, input, attempt + 1);
    throw new DomainError("conflict", "email: registered by another request meanwhile; try again", "email");
  }
  return { employee, probation: await ensureStarted(deps, probation), replayed: false };
}

/**
 * One probation per employment: its id (and so its workflow execution's name) follows from the
 * employee and the start date, so a repeated or concurrent registration finds it by key.
 */
export const probationIdOf = (employee: Pick<Employee, "id" | "startDate">) =>
  idFor("prob", employee.id, employee.startDate);

/** Starts the probation's workflow if it is not running yet; the same name makes a retry a no-op. */
export async function ensureStarted(deps: ProbationDeps, probation: Probation): Promise<Probation> {
  const { executionId } = await deps.engine.start("probation", probation.id, {
    probationId: probation.id,
    employeeId: probation.employeeId,
  });
  if (probation.executionId !== executionId)
    await deps.store.linkExecution(probation.id, executionId, deps.clock.now().toISOString());
  return (await deps.store.getProbation(probation.id)) ?? { ...probation, executionId };
}

/**
 * Sweep repair: starts the workflow of every probation whose hire was written but whose start a
 * crash interrupted. Only probations older than a minute: younger ones may be mid-request.
 */
export async function startUnstartedProbations(deps: ProbationDeps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - 60_000).toISOString();
  let started = 0;
  for (const probation of await deps.store.listUnstartedProbations(before)) {
    await ensureStarted(deps, probation);
    deps.logger.warn("started a probation workflow that a crash had left unstarted", {
      probationId: probation.id,
    });
    started++;
  }
  return started;
}

/**
 * Reads the probation, lets `change` decide its next state (undefined: nothing to do), and
 * writes it on the version read; a concurrent writer makes it read and decide again.
 */
async function changeProbation(
  deps: Pick<Deps, "store">,
  probationId: string,
  change: (current: Probation) => Probation | undefined,
): Promise<{ before: Probation; after?: Probation }> {
  for (let attempt = 1; ; attempt++) {
    const current = await deps.store.getProbation(probationId);
    if (!current) throw notFound("probation", probationId);
    const next = change(current);
    if (!next) return { before: current };
    try {
      return { before: current, after: await deps.store.updateProbation(next) };
    } catch (error) {
      if (!(error instanceof ConditionFailed) || attempt >= 5) throw error;
    }
  }
}

/** Workflow step: confirms the record exists and hands the workflow what its Choice states need. */
export async function startProbationStep(
  deps: ProbationDeps,
  input: { probationId: string; executionId: string },
) {
  const probation = await deps.store.getProbation(input.probationId);
  if (!probation) throw notFound("probation", input.probationId);
  if (probation.executionId !== input.executionId)
    await deps.store.linkExecution(probation.id, input.executionId, deps.clock.now().toISOString());
  return { probationId: probation.id, regime: probation.regime, endDate: probation.endDate };
}

/** Workflow step: a durable timer. The scheduler completes it when due; absences may move it. */
export async function waitUntilStep(
  deps: ProbationDeps,
  input: {
    taskToken: string;
    executionId: string;
    state: string;
    probationId: string;
    purpose: Timer["purpose"];
  },
) {
  const purpose = TimerPurpose.parse(input.purpose);
  const probation = await deps.store.getProbation(input.probationId);
  if (!probation) throw notFound("probation", input.probationId);
  const now = deps.clock.now();
  const { timer, created } = await deps.store.createTimer(
    {
      // One timer per (execution, state): a retry of the state re-binds it instead of adding one.
      id: idFor("timer", input.executionId, input.state),
      purpose,
      probationId: probation.id,
      dueAt: timerDueAt(purpose, probation),
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

/**
 * Workflow step: stores the outcome on the probation and the employee, and ends the case: what is
 * still open (a conversation nobody held) is closed. A final assessment that lapsed means the last
 * day passed with no decision, so the probation was passed by law (TLS § 86, ATS § 24); an ATS
 * summary the official did not comment on by its due date is recorded as not acknowledged.
 */
export async function recordProbationOutcome(
  deps: ProbationDeps,
  input: { probationId: string; finalAssessmentTaskId: string },
) {
  const probation = await deps.store.getProbation(input.probationId);
  if (!probation) throw notFound("probation", input.probationId);
  const task = await deps.store.getTask(input.finalAssessmentTaskId);
  if (
    task?.kind !== "probation.finalAssessment" ||
    (task.status !== "completed" && task.status !== "lapsed")
  ) {
    throw new DomainError(
      "validation",
      "finalAssessmentTaskId: not a completed or lapsed final assessment",
      "finalAssessmentTaskId",
    );
  }
  const tasks = await deps.store.listTasks({ probationId: probation.id });
  const decision = task.status === "lapsed" ? "lapsed" : task.answers?.decision === "end" ? "end" : "confirm";
  // The decision's day is the day in Tallinn when it was made (01:00 there is still 'today'); a
  // lapsed probation was passed on its last day.
  const decidedOn =
    decision === "lapsed" ? probation.endDate : tallinnDate(new Date(task.completedAt ?? deps.clock.now()));
  // TLS § 96: at least 15 calendar days' notice when ending during probation. An official's
  // release (ATS) is an administrative act whose date HR sets; we record the decision only.
  const contractEndsOn =
    decision === "end" && probation.regime === "TLS" ? contractEndAfterNotice(decidedOn) : undefined;
  const acknowledgement = tasks.find((t) => t.kind === "probation.summaryAcknowledgement");
  const summaryAcknowledgement =
    acknowledgement?.status === "lapsed"
      ? ("not_acknowledged" as const)
      : acknowledgement?.status === "completed"
        ? acknowledgement.answers?.response === "commented"
          ? ("commented" as const)
          : ("acknowledged" as const)
        : undefined;
  const missedTasks = tasks.filter((t) => t.status === "lapsed" && t.id !== task.id).map((t) => t.kind);
  await changeProbation(deps, probation.id, (current) =>
    current.status !== "active"
      ? undefined
      : {
          ...current,
          status: "decided",
          decision,
          decidedOn,
          contractEndsOn,
          summaryAcknowledgement,
          ...(missedTasks.length ? { missedTasks } : {}),
          // "S on behalf of L" when a substitute decided.
          decidedBy: decision === "lapsed" ? undefined : task.completedBy?.id,
          decidedOnBehalfOf: decision === "lapsed" ? undefined : task.onBehalfOfId,
          updatedAt: deps.clock.now().toISOString(),
        },
  );
  const actor = decision === "lapsed" ? SYSTEM : (task.completedBy ?? SYSTEM);
  const onBehalfOf = decision !== "lapsed" && task.onBehalfOfId ? { id: task.onBehalfOfId } : undefined;
  await endCase(deps, probation.id, actor);
  const verb = decision === "end" ? "ended" : decision === "lapsed" ? "lapsed" : "confirmed";
  await audit(deps, {
    entityType: "probation",
    entityId: probation.id,
    actor,
    onBehalfOf,
    action: `probation.${verb}`,
    changes: [
      "status",
      "decision",
      "decidedOn",
      ...(contractEndsOn ? ["contractEndsOn"] : []),
      ...(summaryAcknowledgement ? ["summaryAcknowledgement"] : []),
      ...(missedTasks.length ? ["missedTasks"] : []),
    ],
  });
  return { decision, decidedOn, contractEndsOn: contractEndsOn ?? null };
}

/** Ending a case closes what is still open of it: its tasks (their links then say so) and timers. */
async function endCase(deps: ProbationDeps, probationId: string, actor: Actor): Promise<void> {
  for (const open of await deps.store.listTasks({ probationId, status: "open" })) {
    await cancelTask(deps, open, actor).catch((error: unknown) => {
      if (!(error instanceof ConditionFailed)) throw error; // completed meanwhile
    });
  }
  for (const timer of await deps.store.listTimers({ probationId, status: "waiting" })) {
    await deps.store
      .updateTimer({ ...timer, status: "cancelled" }, { status: "waiting", callback: "waiting" })
      .catch((error: unknown) => {
        if (!(error instanceof ConditionFailed)) throw error; // fired meanwhile
      });
  }
}

/** Workflow step: tells HR what happened. Mails carry names and dates, never the assessment text. */
export async function notifyHrStep(
  deps: ProbationDeps,
  input: { probationId: string; event: "probation.decided" | "probation.failed"; error?: string },
) {
  const probation = await deps.store.getProbation(input.probationId);
  if (!probation) throw notFound("probation", input.probationId);
  const employee = await deps.store.getEmployee(probation.employeeId);
  const who = employee?.name ?? probation.employeeId;
  // A page HR can open from the mail: the read-only record behind a signed link.
  const link = recordLinkUrl(deps, probation.id);
  const hr = hrRecipient(deps.config);
  if (input.event === "probation.decided") {
    const outcome =
      probation.decision === "end" ? "ended" : probation.decision === "lapsed" ? "lapsed" : "confirmed";
    const facts = {
      subjectName: who,
      outcome,
      endDate: probation.endDate,
      decidedOn: probation.decidedOn,
      contractEndsOn: probation.contractEndsOn,
      regime: probation.regime,
      acknowledgement: probation.summaryAcknowledgement,
      notes: (probation.missedTasks ?? []).map(
        (kind) => probationTaskRules[kind as TaskKind]?.lapseMeaning ?? { et: kind, en: kind },
      ),
    } as const;
    await deps.mailer.send(probationOutcomeMail(hr, { ...facts, link }));
    // A lapse is news to the lead too: the decision was theirs to make.
    const lead = outcome === "lapsed" && employee ? await leadOf(deps.store, employee) : undefined;
    if (lead) await deps.mailer.send(probationOutcomeMail(lead, facts));
  } else {
    await changeProbation(deps, probation.id, (current) =>
      current.status === "active"
        ? { ...current, status: "failed", updatedAt: deps.clock.now().toISOString() }
        : undefined,
    );
    // A failed case must not keep tasks open that nobody will act on (nor re-mail them).
    await endCase(deps, probation.id, SYSTEM);
    await deps.mailer.send(
      probationStoppedMail(hr, { subjectName: who, reason: input.error ?? "unknown", link }),
    );
  }
  return { notified: true };
}

/** Recomputes active probations of an employee and moves their timers and open task due dates. */
export async function rescheduleProbations(
  deps: ProbationDeps,
  employee: Employee,
  actor: Actor = SYSTEM,
): Promise<Probation[]> {
  const changed: Probation[] = [];
  for (const listed of await deps.store.listProbations(employee.id)) {
    if (listed.status !== "active") continue;
    const period = await computePeriod(deps, employee);
    const { before: probation, after: updated } = await changeProbation(deps, listed.id, (current) =>
      current.status !== "active" || period.endDate === current.endDate
        ? undefined
        : {
            ...current,
            endDate: period.endDate,
            extensionDays: period.extensionDays,
            updatedAt: deps.clock.now().toISOString(),
          },
    );
    if (!updated) continue;
    for (const timer of await deps.store.listTimers({ probationId: probation.id, status: "waiting" })) {
      await deps.store
        .updateTimer(
          { ...timer, dueAt: timerDueAt(timer.purpose, updated) },
          { status: "waiting", callback: "waiting" },
        )
        .catch((error: unknown) => {
          if (!(error instanceof ConditionFailed)) throw error; // it fired meanwhile: nothing to move
        });
    }
    for (const task of await deps.store.listTasks({ probationId: probation.id, status: "open" })) {
      const dueDate = dueDateFor(task.kind, updated, today(deps));
      const lapseAt = probationTaskRules[task.kind].lapsesAt(updated, dueDate);
      if (dueDate === task.dueDate && lapseAt === task.lapseAt) continue;
      try {
        await deps.store.updateTask(
          {
            ...task,
            dueDate,
            lapseAt,
            remindedAt: undefined,
            escalatedAt: undefined,
            version: task.version + 1,
          },
          task.version,
        );
        await audit(deps, {
          entityType: "task",
          entityId: task.id,
          actor: SYSTEM,
          action: "task.dueDateMoved",
          changes: ["dueDate"],
        });
      } catch (error) {
        if (!(error instanceof ConditionFailed)) throw error;
      }
    }
    // Attributed to whoever entered the absence that moved it.
    await audit(deps, {
      entityType: "probation",
      entityId: probation.id,
      actor,
      action: "probation.extended",
      changes: ["endDate", "extensionDays"],
    });
    const lead = await leadOf(deps.store, employee);
    if (lead)
      await deps.mailer.send(probationMovedMail(lead, employee.name, probation.endDate, updated.endDate));
    await deps.mailer.send(
      probationMovedMail(hrRecipient(deps.config), employee.name, probation.endDate, updated.endDate),
    );
    changed.push(updated);
  }
  return changed;
}

/** HR stops a probation (the hire left, or was registered by mistake): tasks and timers are cancelled. */
export async function cancelProbation(deps: ProbationDeps, actor: Actor, probationId: string) {
  const { before: probation, after: cancelled } = await changeProbation(deps, probationId, (current) => {
    if (current.status !== "active") throw new DomainError("conflict", `The probation is ${current.status}.`);
    return { ...current, status: "cancelled", updatedAt: deps.clock.now().toISOString() };
  });
  await endCase(deps, probationId, actor);
  if (probation.executionId) await deps.engine.stop(probation.executionId, "cancelled by HR");
  await audit(deps, {
    entityType: "probation",
    entityId: probationId,
    actor,
    action: "probation.cancelled",
    changes: ["status"],
  });
  return cancelled;
}

/** An employee's probations (one per employment), where their outcomes live; 404 for nobody. */
export async function probationsOf(deps: Pick<Deps, "store">, employeeId: string): Promise<Probation[]> {
  if (!(await deps.store.getEmployee(employeeId))) throw notFound("employee", employeeId);
  return (await deps.store.listProbations(employeeId)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function probationView(deps: Pick<Deps, "store">, probationId: string) {
  const probation = await deps.store.getProbation(probationId);
  if (!probation) throw notFound("probation", probationId);
  const tasks = await deps.store.listTasks({ probationId });
  const timers = await deps.store.listTimers({ probationId });
  return {
    probation,
    schedule: probationSchedule(probation),
    tasks: tasks.map(({ answers: _a, callback: _c, links: _l, ...t }) => t),
    timers: timers.map(({ callback: _c, ...t }) => t),
  };
}
