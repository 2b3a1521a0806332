// Switching open tasks to whoever acts now: when an absence starts the substitute gets the task
// with a new link (the old one stops working), and when it ends the task returns to the lead.
import { type Assignment, absenceOn, actingAssignee, HR_QUEUE, orgViewOf } from "../assignment";
import { audit } from "../audit";
import { tallinnDate } from "../calendar";
import type { Deps } from "../deps";
import { DomainError, invalid, notFound } from "../errors";
import { newId } from "../ids";
import { type Actor, Delegation, type Employee, type HumanTask, TaskKind } from "../model";
import { ConditionFailed } from "../ports";
import { parseInput } from "../validation";
import { newLink, notifyAssignee } from "./tasks";

type DelegationDeps = Pick<Deps, "store" | "clock" | "mailer" | "engine" | "logger" | "config">;

/** Re-decides every open task; moves those whose acting assignee changed. Returns how many moved. */
export async function reconcileAssignments(deps: DelegationDeps): Promise<number> {
  const today = tallinnDate(deps.clock.now());
  const view = orgViewOf(deps.store);
  let moved = 0;
  for (const task of await deps.store.listOpenTasksDueBy("9999-12-31")) {
    const subject = await deps.store.getEmployee(task.subjectId);
    if (!subject) continue;
    const decision = await actingAssignee(view, task.kind, subject, today);
    if (decision.assigneeId === task.assigneeId) continue;
    const leadIsBack = task.onBehalfOfId !== undefined && decision.assigneeId === task.onBehalfOfId;
    if (
      leadIsBack &&
      deps.config.keepTasksWithSubstituteAfterReturn &&
      !(await absenceOn(view, task.assigneeId, today))
    ) {
      continue; // the setting keeps tasks with a substitute who is still there
    }
    if (await reassign(deps, task, decision, subject)) moved++;
  }
  return moved;
}

async function reassign(
  deps: DelegationDeps,
  task: HumanTask,
  decision: Assignment,
  subject: Employee,
): Promise<boolean> {
  const link = newLink(deps, decision.assigneeId, task.dueDate);
  const moved: HumanTask = {
    ...task,
    assigneeId: decision.assigneeId,
    onBehalfOfId: decision.onBehalfOfId,
    delegatedUntil: decision.until,
    linkId: link.id,
    links: [...task.links, link],
    notifiedAt: undefined,
    remindedAt: undefined,
    version: task.version + 1,
  };
  try {
    await deps.store.updateTask(moved, task.version);
  } catch (error) {
    if (error instanceof ConditionFailed) return false; // completed or changed meanwhile
    throw error;
  }
  await audit(deps, {
    entityType: "task",
    entityId: task.id,
    actor: { id: "system" },
    onBehalfOf: decision.onBehalfOfId ? { id: decision.onBehalfOfId } : undefined,
    action: decision.onBehalfOfId ? "task.delegated" : "task.returned",
    changes: ["assigneeId", "linkId"],
  });
  await notifyAssignee(deps, moved, subject);
  return true;
}

/** Why a person acts for a task kind and subject on a date: the decision with its reasons. */
export async function explainAssignment(
  deps: Pick<Deps, "store" | "clock">,
  subjectId: string,
  kind: unknown,
  date?: string,
) {
  const subject = await deps.store.getEmployee(subjectId);
  if (!subject) throw notFound("employee", subjectId);
  const taskKind = parseInput(TaskKind, kind);
  const on = date ?? tallinnDate(deps.clock.now());
  const decision = await actingAssignee(orgViewOf(deps.store), taskKind, subject, on);
  const name = async (id: string | undefined) =>
    id === undefined ? undefined : id === HR_QUEUE ? "HR" : ((await deps.store.getEmployee(id))?.name ?? id);
  return {
    date: on,
    kind: taskKind,
    subjectId,
    assigneeId: decision.assigneeId,
    assigneeName: await name(decision.assigneeId),
    onBehalfOfId: decision.onBehalfOfId,
    onBehalfOfName: await name(decision.onBehalfOfId),
    until: decision.until,
    reasons: decision.reasons,
  };
}

export const DelegationInput = Delegation.omit({ id: true });

/** A person (or HR for them) hands tasks to a colleague for a period. */
export async function createDelegation(
  deps: DelegationDeps,
  actor: Actor & { roles: string[] },
  input: unknown,
): Promise<Delegation> {
  const draft = parseInput(DelegationInput, input);
  if (!actor.roles.includes("hr") && actor.id !== draft.fromEmployeeId) {
    throw new DomainError(
      "forbidden",
      "fromEmployeeId: you can only delegate your own tasks",
      "fromEmployeeId",
    );
  }
  if (draft.to < draft.from) throw invalid("to", "must not be before from");
  if (draft.toEmployeeId === draft.fromEmployeeId)
    throw invalid("toEmployeeId", "cannot delegate to oneself");
  for (const field of ["fromEmployeeId", "toEmployeeId"] as const) {
    if (!(await deps.store.getEmployee(draft[field])))
      throw invalid(field, `no such employee ${draft[field]}`);
  }
  const delegation: Delegation = { ...draft, id: newId("deleg") };
  await deps.store.putDelegation(delegation);
  await audit(deps, {
    entityType: "delegation",
    entityId: delegation.id,
    actor,
    action: "delegation.created",
    changes: Object.keys(draft),
  });
  await reconcileAssignments(deps);
  return delegation;
}

export async function deleteDelegation(
  deps: DelegationDeps,
  actor: Actor & { roles: string[] },
  fromEmployeeId: string,
  id: string,
) {
  if (!actor.roles.includes("hr") && actor.id !== fromEmployeeId)
    throw new DomainError("forbidden", "You can only end your own delegations.");
  const delegation = (await deps.store.listDelegations(fromEmployeeId)).find((d) => d.id === id);
  if (!delegation) throw notFound("delegation", id);
  await deps.store.deleteDelegation(delegation);
  await audit(deps, { entityType: "delegation", entityId: id, actor, action: "delegation.deleted" });
  await reconcileAssignments(deps);
}
