// Switching open tasks to whoever acts now: when an absence starts the substitute gets the task
// with a new link (the old one stops working), and when it ends the task returns to the lead.

import type { z } from "zod";
import {
  type Assignment,
  absenceOn,
  actingAssignee,
  delegateBasis,
  HR_QUEUE,
  leadOf,
  type OrgView,
  orgViewOf,
} from "../assignment";
import { audit } from "../audit";
import { tallinnDate } from "../calendar";
import type { Deps } from "../deps";
import { DomainError, invalid, notFound } from "../errors";
import { newId } from "../ids";
import { type Actor, Delegation, type Employee, type HumanTask, TaskKind } from "../model";
import { delegationEndWindow, delegationStartWindow, requireWithin } from "../plausibility";
import { policy } from "../policy";
import { ConditionFailed } from "../ports";
import { parseInput } from "../validation";
import { newLink, updateTaskAndMailLink } from "./tasks";

type DelegationDeps = Pick<Deps, "store" | "clock" | "mailer" | "engine" | "logger" | "config">;

/** Re-decides every open task; moves those whose acting assignee changed. Returns how many moved. */
export async function reconcileAssignments(deps: DelegationDeps): Promise<number> {
  const today = tallinnDate(deps.clock.now());
  const view = orgViewOf(deps.store);
  let moved = 0;
  for (const listed of await deps.store.listOpenTasksDueBy("9999-12-31")) {
    const subject = await deps.store.getEmployee(listed.subjectId);
    if (!subject) continue;
    // A harmless concurrent write (the assignment mail marked sent, a reminder noted) bumps the
    // version between the listing and our write; re-read and decide again rather than leave the
    // task with an absent lead until the next trigger day.
    let task: HumanTask | undefined = listed;
    for (let attempt = 0; task && task.status === "open" && attempt < 5; attempt++) {
      const outcome = await reconcileOne(deps, view, task, subject, today);
      if (outcome !== "conflict") {
        if (outcome === "moved") moved++;
        break;
      }
      task = await deps.store.getTask(task.id);
    }
  }
  return moved;
}

async function reconcileOne(
  deps: DelegationDeps,
  view: OrgView,
  task: HumanTask,
  subject: Employee,
  today: string,
): Promise<"moved" | "kept" | "conflict"> {
  const decision = await actingAssignee(view, task.kind, subject, today);
  if (decision.assigneeId === task.assigneeId) return "kept";
  const leadIsBack = task.onBehalfOfId !== undefined && decision.assigneeId === task.onBehalfOfId;
  if (
    leadIsBack &&
    deps.config.keepTasksWithSubstituteAfterReturn &&
    !(await absenceOn(view, task.assigneeId, today))
  ) {
    return "kept"; // the setting keeps tasks with a substitute who is still there
  }
  return (await reassign(deps, task, decision, subject)) ? "moved" : "conflict";
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
    remindedAt: undefined,
    version: task.version + 1,
  };
  try {
    // The new holder's mail is written with the move: a crash cannot leave it unsent.
    await updateTaskAndMailLink(deps, moved, task.version, subject);
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
export type DelegationInput = z.infer<typeof DelegationInput>;

/** Two delegations of one person clash when their days and their kinds of task (none = all) meet. */
const overlapsDelegation = (
  a: Pick<Delegation, "from" | "to" | "kinds">,
  b: Pick<Delegation, "from" | "to" | "kinds">,
) =>
  a.from <= b.to &&
  b.from <= a.to &&
  (a.kinds.length === 0 || b.kinds.length === 0 || a.kinds.some((k) => b.kinds.includes(k)));

/**
 * Refuses a delegate who would receive tasks about themselves: an open task of the delegator's
 * with them as its subject, or their own probation led by the delegator.
 */
async function assertNotTheirOwnCase(deps: DelegationDeps, draft: DelegationInput, delegate: Employee) {
  const covers = (kind: TaskKind) => draft.kinds.length === 0 || draft.kinds.includes(kind);
  const aboutThem = (await deps.store.listTasks({ subjectId: delegate.id, status: "open" })).some(
    (t) =>
      covers(t.kind) && (t.assigneeId === draft.fromEmployeeId || t.onBehalfOfId === draft.fromEmployeeId),
  );
  const inProbationUnder =
    (await deps.store.listCases(delegate.id, "probation")).some((c) => c.status === "active") &&
    (await leadOf(deps.store, delegate))?.id === draft.fromEmployeeId;
  if (aboutThem || inProbationUnder) {
    throw invalid(
      "toEmployeeId",
      `${delegate.id} is the subject of probation tasks this delegation would hand over; nobody assesses themselves`,
    );
  }
}

/**
 * A person (or HR for them) hands tasks to a colleague for a period. The delegate must be able to
 * see what the tasks show (a colleague's probation): someone with the lead role, or a holder of a
 * substitute position (1.4) of the delegator's position. Anyone else only when HR creates the
 * delegation, which counts as HR's approval and is audited as such.
 */
export async function createDelegation(
  deps: DelegationDeps,
  actor: Actor & { roles: string[] },
  input: unknown,
): Promise<Delegation> {
  const draft = parseInput(DelegationInput, input);
  const byHr = policy.approvesDelegations({ employeeId: actor.id, roles: actor.roles });
  if (!policy.mayDelegateFor({ employeeId: actor.id, roles: actor.roles }, draft.fromEmployeeId)) {
    throw new DomainError(
      "forbidden",
      "fromEmployeeId: you can only delegate your own tasks",
      "fromEmployeeId",
    );
  }
  const today = tallinnDate(deps.clock.now());
  requireWithin("from", draft.from, delegationStartWindow(today));
  requireWithin("to", draft.to, delegationEndWindow(draft.from));
  if (draft.toEmployeeId === draft.fromEmployeeId)
    throw invalid("toEmployeeId", "cannot delegate to oneself");
  const from = await deps.store.getEmployee(draft.fromEmployeeId);
  if (!from) throw invalid("fromEmployeeId", `no such employee ${draft.fromEmployeeId}`);
  const to = await deps.store.getEmployee(draft.toEmployeeId);
  if (!to) throw invalid("toEmployeeId", `no such employee ${draft.toEmployeeId}`);
  await assertNotTheirOwnCase(deps, draft, to);
  const basis = await delegateBasis(orgViewOf(deps.store), from, to);
  if (!basis && !byHr) {
    throw new DomainError(
      "forbidden",
      `toEmployeeId: ${to.id} cannot take over your tasks: they hold neither the lead role nor a substitute position (1.4) of your position; HR can create this delegation if it approves`,
      "toEmployeeId",
    );
  }
  const delegation: Delegation = { ...draft, id: newId("deleg") };
  // Checked and written against one version of the person's delegations: of two identical
  // delegations sent at once, one is stored and the other is refused as an overlap. Its first day
  // and the day after its last are stored with it as days on which the sweep re-decides who acts.
  for (let attempt = 1; ; attempt++) {
    const { delegations, version } = await deps.store.delegationSet(draft.fromEmployeeId);
    const clash = delegations.find((d) => overlapsDelegation(d, draft));
    if (clash) {
      throw new DomainError(
        "conflict",
        `from: overlaps the delegation ${clash.from}..${clash.to} to ${clash.toEmployeeId} (${clash.id}) for the same tasks; end that one first`,
        "from",
      );
    }
    try {
      await deps.store.addDelegation(delegation, version);
      break;
    } catch (error) {
      if (!(error instanceof ConditionFailed) || attempt >= 5) throw error;
    }
  }
  await audit(deps, {
    entityType: "delegation",
    entityId: delegation.id,
    actor,
    action: "delegation.created",
    changes: Object.keys(draft),
  });
  if (!basis) {
    // HR created a delegation to someone not eligible on their own standing: that is its approval.
    await audit(deps, {
      entityType: "delegation",
      entityId: delegation.id,
      actor,
      onBehalfOf: { id: draft.fromEmployeeId },
      action: "delegation.approvedByHr",
      changes: ["toEmployeeId"],
    });
  }
  await reconcileAssignments(deps);
  return delegation;
}

export async function deleteDelegation(
  deps: DelegationDeps,
  actor: Actor & { roles: string[] },
  fromEmployeeId: string,
  id: string,
) {
  if (!policy.mayDelegateFor({ employeeId: actor.id, roles: actor.roles }, fromEmployeeId))
    throw new DomainError("forbidden", "You can only end your own delegations.");
  const delegation = (await deps.store.listDelegations(fromEmployeeId)).find((d) => d.id === id);
  if (!delegation) throw notFound("delegation", id);
  await deps.store.deleteDelegation(delegation);
  await audit(deps, { entityType: "delegation", entityId: id, actor, action: "delegation.deleted" });
  await reconcileAssignments(deps);
}
