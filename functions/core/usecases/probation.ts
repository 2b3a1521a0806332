// The probation of one hire, from registration to outcome (TLS § 86, § 96; ATS § 24).
import { leadOf } from "../assignment";
import { audit, SYSTEM } from "../audit";
import { tallinnDate } from "../calendar";
import type { Deps } from "../deps";
import { DomainError, notFound } from "../errors";
import { idFor, newId } from "../ids";
import { hrRecipient, probationMovedMail, probationOutcomeMail, probationStoppedMail } from "../mails";
import type { Actor, Case, Employee, TaskKind } from "../model";
import { ConditionFailed } from "../ports";
import { computeProbationPeriod, contractEndAfterNotice, probationSchedule } from "../probation-rules";
import { recordLinkUrl } from "../record-links";
import { parseInput } from "../validation";
import { lapseMeaningOf } from "../workflows";
import {
  asProbation,
  type Probation,
  type ProbationOutcome,
  probationTaskRules,
  probationTimerDueAt,
} from "../workflows/probation";
import { cancelCase, changeCase, endCase, ensureStarted, failCase } from "./cases";
import { checkEmployee, EmployeeInput } from "./org";

type ProbationDeps = Pick<Deps, "store" | "clock" | "mailer" | "engine" | "logger" | "config">;

const today = (deps: Pick<Deps, "clock">) => tallinnDate(deps.clock.now());

/** The due date of a probation task, from the probation's current dates. */
export const dueDateFor = (kind: TaskKind, probation: Probation, todayDate: string): string =>
  probationTaskRules[kind as keyof typeof probationTaskRules].dueDate(probation, todayDate);

const readProbation = (c: Case): Probation => {
  const probation = asProbation(c);
  if (!probation) throw notFound("probation", c.id);
  return probation;
};

/** The probation case with this id; 404 when there is none (or it is another kind of case). */
export async function getProbation(deps: Pick<Deps, "store">, id: string): Promise<Probation> {
  const stored = await deps.store.getCase(id);
  const probation = asProbation(stored);
  if (!probation) throw notFound("probation", id);
  return probation;
}

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
    const active = asProbation(await deps.store.getCase(probationIdOf(existing)));
    if (active?.status !== "active" || (parsed.id && parsed.id !== existing.id)) {
      throw new DomainError("conflict", `email: employee ${existing.id} already has this address`, "email");
    }
    return { employee: existing, probation: await ensureStarted(deps, active!), replayed: true };
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
    workflow: "probation",
    subjectId: employee.id,
    data: {
      regime: employee.regime,
      startDate: employee.startDate,
      baseEndDate: period.baseEndDate,
      endDate: period.endDate,
      extensionDays: period.extensionDays,
    },
    status: "active",
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const record = (entityType: "employee" | "case", entityId: string, action: string, changes: string[]) => ({
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
      case: probation,
      audits: [
        record("employee", employee.id, "employee.created", Object.keys(employee)),
        record("case", probation.id, "probation.registered", ["data.endDate"]),
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

/** Workflow step: confirms the record exists and hands the workflow what its Choice states need. */
export async function startProbationStep(
  deps: ProbationDeps,
  input: { caseId: string; executionId: string },
) {
  const probation = await getProbation(deps, input.caseId);
  if (probation.executionId !== input.executionId)
    await deps.store.linkExecution(
      probation.id,
      input.executionId,
      deps.clock.now().toISOString(),
      "probation",
    );
  return { caseId: probation.id, regime: probation.data.regime, endDate: probation.data.endDate };
}

/**
 * Workflow step: stores the outcome on the probation and the employee, and ends the case: what is
 * still open (a conversation nobody held) is closed. A final assessment that lapsed means the last
 * day passed with no decision, so the probation was passed by law (TLS § 86, ATS § 24); an ATS
 * summary the official did not comment on by its due date is recorded as not acknowledged.
 */
export async function recordProbationOutcome(
  deps: ProbationDeps,
  input: { caseId: string; finalAssessmentTaskId: string },
) {
  const probation = await getProbation(deps, input.caseId);
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
  const tasks = await deps.store.listTasks({ caseId: probation.id });
  const decision: ProbationOutcome["decision"] =
    task.status === "lapsed" ? "lapsed" : task.answers?.decision === "end" ? "end" : "confirm";
  // The decision's day is the day in Tallinn when it was made (01:00 there is still 'today'); a
  // lapsed probation was passed on its last day.
  const decidedOn =
    decision === "lapsed"
      ? probation.data.endDate
      : tallinnDate(new Date(task.completedAt ?? deps.clock.now()));
  // TLS § 96: at least 15 calendar days' notice when ending during probation. An official's
  // release (ATS) is an administrative act whose date HR sets; we record the decision only.
  const contractEndsOn =
    decision === "end" && probation.data.regime === "TLS" ? contractEndAfterNotice(decidedOn) : undefined;
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
  await changeCase(deps, probation.id, readProbation, (current) =>
    current.status !== "active"
      ? undefined
      : {
          ...current,
          status: "closed" as const,
          outcome: {
            decision,
            decidedOn,
            contractEndsOn,
            summaryAcknowledgement,
            ...(missedTasks.length ? { missedTasks } : {}),
            // "S on behalf of L" when a substitute decided.
            decidedBy: decision === "lapsed" ? undefined : task.completedBy?.id,
            decidedOnBehalfOf: decision === "lapsed" ? undefined : task.onBehalfOfId,
          },
          updatedAt: deps.clock.now().toISOString(),
        },
  );
  const actor = decision === "lapsed" ? SYSTEM : (task.completedBy ?? SYSTEM);
  const onBehalfOf = decision !== "lapsed" && task.onBehalfOfId ? { id: task.onBehalfOfId } : undefined;
  await endCase(deps, probation.id, actor);
  const verb = decision === "end" ? "ended" : decision === "lapsed" ? "lapsed" : "confirmed";
  await audit(deps, {
    entityType: "case",
    entityId: probation.id,
    actor,
    onBehalfOf,
    action: `probation.${verb}`,
    changes: [
      "status",
      "outcome.decision",
      "outcome.decidedOn",
      ...(contractEndsOn ? ["outcome.contractEndsOn"] : []),
      ...(summaryAcknowledgement ? ["outcome.summaryAcknowledgement"] : []),
      ...(missedTasks.length ? ["outcome.missedTasks"] : []),
    ],
  });
  return { decision, decidedOn, contractEndsOn: contractEndsOn ?? null };
}

/** Workflow step: tells HR what happened. Mails carry names and dates, never the assessment text. */
export async function notifyHrStep(
  deps: ProbationDeps,
  input: { caseId: string; event: "probation.decided" | "probation.failed"; error?: string },
) {
  const probation = await getProbation(deps, input.caseId);
  const employee = await deps.store.getEmployee(probation.subjectId);
  const who = employee?.name ?? probation.subjectId;
  // A page HR can open from the mail: the read-only record behind a signed link.
  const link = recordLinkUrl(deps, probation.id);
  const hr = hrRecipient(deps.config);
  if (input.event === "probation.decided") {
    const result = probation.outcome;
    if (!result) throw new DomainError("conflict", `probation ${probation.id} has no outcome yet`);
    const outcome =
      result.decision === "end" ? "ended" : result.decision === "lapsed" ? "lapsed" : "confirmed";
    const facts = {
      subjectName: who,
      outcome,
      endDate: probation.data.endDate,
      decidedOn: result.decidedOn,
      contractEndsOn: result.contractEndsOn,
      regime: probation.data.regime,
      acknowledgement: result.summaryAcknowledgement,
      notes: (result.missedTasks ?? []).map(lapseMeaningOf),
    } as const;
    // Keyed by case and reader: a retried step (or a replay after a crash) queues no second mail.
    await deps.mailer.send({
      ...probationOutcomeMail(hr, { ...facts, link }),
      key: `${probation.id}:outcome:hr`,
    });
    // A lapse is news to the lead too: the decision was theirs to make.
    const lead = outcome === "lapsed" && employee ? await leadOf(deps.store, employee) : undefined;
    if (lead)
      await deps.mailer.send({ ...probationOutcomeMail(lead, facts), key: `${probation.id}:outcome:lead` });
  } else {
    await failCase(deps, probation.id);
    await deps.mailer.send({
      ...probationStoppedMail(hr, { subjectName: who, reason: input.error ?? "unknown", link }),
      key: `${probation.id}:stopped:hr`,
    });
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
  for (const listed of await deps.store.listCases(employee.id, "probation")) {
    if (listed.status !== "active") continue;
    const period = await computePeriod(deps, employee);
    const lead = await leadOf(deps.store, employee);
    const { before: probation, after: updated } = await changeCase(
      deps,
      listed.id,
      readProbation,
      (current) =>
        current.status !== "active" || period.endDate === current.data.endDate
          ? undefined
          : {
              ...current,
              data: { ...current.data, endDate: period.endDate, extensionDays: period.extensionDays },
              updatedAt: deps.clock.now().toISOString(),
            },
      // The lead and HR learn of the new last day with the change itself (one write).
      (before, after) =>
        [...(lead ? [lead] : []), hrRecipient(deps.config)].map((to) =>
          probationMovedMail(to, employee.name, before.data.endDate, after.data.endDate),
        ),
    );
    // Timers and tasks follow the case's dates even when the case did not change now: a crash
    // after an earlier change of the case and before they moved is repaired by the next call.
    await alignToDates(deps, updated ?? probation);
    if (!updated) continue;
    // Attributed to whoever entered the absence that moved it.
    await audit(deps, {
      entityType: "case",
      entityId: probation.id,
      actor,
      action: "probation.extended",
      changes: ["data.endDate", "data.extensionDays"],
    });
    changed.push(updated);
  }
  return changed;
}

/** Moves the waiting timers and open tasks' due dates of a probation to its current dates. */
async function alignToDates(deps: ProbationDeps, probation: Probation): Promise<void> {
  for (const timer of await deps.store.listTimers({ caseId: probation.id, status: "waiting" })) {
    const dueAt = probationTimerDueAt(timer.purpose, probation);
    if (dueAt === timer.dueAt) continue;
    await deps.store
      .updateTimer({ ...timer, dueAt }, { status: "waiting", callback: "waiting" })
      .catch((error: unknown) => {
        if (!(error instanceof ConditionFailed)) throw error; // it fired meanwhile: nothing to move
      });
  }
  for (const task of await deps.store.listTasks({ caseId: probation.id, status: "open" })) {
    // A due date counted from the day the task opened stays counted from that day.
    const dueDate = dueDateFor(task.kind, probation, tallinnDate(new Date(task.createdAt)));
    const lapseAt = probationTaskRules[task.kind as keyof typeof probationTaskRules].lapsesAt(
      probation,
      dueDate,
    );
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
}

/** HR stops a probation (the hire left, or was registered by mistake): tasks and timers are cancelled. */
export async function cancelProbation(deps: ProbationDeps, actor: Actor, probationId: string) {
  await getProbation(deps, probationId);
  return readProbation(await cancelCase(deps, actor, probationId));
}

/** An employee's probations (one per employment), where their outcomes live; 404 for nobody. */
export async function probationsOf(deps: Pick<Deps, "store">, employeeId: string): Promise<Probation[]> {
  if (!(await deps.store.getEmployee(employeeId))) throw notFound("employee", employeeId);
  return (await deps.store.listCases(employeeId, "probation"))
    .map(readProbation)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function probationView(deps: Pick<Deps, "store">, probationId: string) {
  const probation = await getProbation(deps, probationId);
  const tasks = await deps.store.listTasks({ caseId: probationId });
  const timers = await deps.store.listTimers({ caseId: probationId });
  return {
    probation,
    schedule: probationSchedule(probation.data),
    tasks: tasks.map(({ answers: _a, callback: _c, links: _l, ...t }) => t),
    timers: timers.map(({ callback: _c, ...t }) => t),
  };
}
