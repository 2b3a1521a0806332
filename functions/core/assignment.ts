// Who does a task. This is the only place that decides; substitute delegation extends it here.
import type { Employee, TaskKind } from "./model";
import type { OrgStore } from "./ports";

/** Tasks nobody can take go to HR's shared queue, mailed to the HR address. */
export const HR_QUEUE = "hr";

export interface Assignment {
  assigneeId: string;
  /** Whom the assignee acts for, when it is not the person the rules name first. */
  onBehalfOfId?: string;
  /** Why, step by step, in plain words (shown to HR; no personal data beyond ids). */
  reasons: string[];
}

const employeeTasks: ReadonlySet<TaskKind> = new Set(["probation.summaryAcknowledgement"]);

export async function resolveAssignee(org: OrgStore, kind: TaskKind, subject: Employee): Promise<Assignment> {
  if (employeeTasks.has(kind)) {
    return { assigneeId: subject.id, reasons: [`${kind} is answered by the employee ${subject.id}`] };
  }
  const lead = await leadOf(org, subject);
  if (lead) {
    return {
      assigneeId: lead.id,
      reasons: [`${lead.id} holds the position that manages ${subject.positionId} (1.3)`],
    };
  }
  return {
    assigneeId: HR_QUEUE,
    reasons: [`no holder of the manager position of ${subject.positionId ?? "(none)"}: HR queue`],
  };
}

/** The holder of the subject's manager position (vahetu juht, 1.3), if the position is filled. */
export async function leadOf(org: OrgStore, subject: Employee): Promise<Employee | undefined> {
  if (!subject.positionId) return undefined;
  const position = await org.getPosition(subject.positionId);
  if (!position?.managerPositionId) return undefined;
  const holders = await org.listEmployeesInPosition(position.managerPositionId);
  return holders.find((h) => h.id !== subject.id);
}

/** The lead's own manager: where escalations of overdue tasks go. */
export async function escalationTarget(org: OrgStore, subject: Employee): Promise<Employee | undefined> {
  const lead = await leadOf(org, subject);
  return lead ? leadOf(org, lead) : undefined;
}
