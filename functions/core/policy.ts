// Who may read or do what, in one place. Use cases ask these questions; routes only check that
// someone is signed in with a role at all (requireRole), never who may touch which record.
import { HR_QUEUE } from "./assignment";
import type { Employee, HumanTask } from "./model";
import { mayReadSummary, type SummaryOrganisation } from "./trainings/summary";

/** The signed-in person as the use cases see them. */
export interface User {
  employeeId?: string;
  roles: readonly string[];
}

const isHr = (user: User) => user.roles.includes("hr");
const isSelf = (user: User, employeeId: string | undefined) =>
  employeeId !== undefined && user.employeeId === employeeId;

export const policy = {
  /** A training is read by HR and by its trainer (who sees their own trainings only). */
  mayReadTraining: (user: User, training: { trainerEmployeeId?: string | undefined }) =>
    isHr(user) || isSelf(user, training.trainerEmployeeId),

  /** A task is read by whoever holds it (the lead, or the substitute acting now) and by HR. */
  mayReadTask: (user: User, task: Pick<HumanTask, "assigneeId">) =>
    isHr(user) || isSelf(user, task.assigneeId),

  /** A task is completed by whoever holds it; HR completes the tasks in HR's queue. */
  mayCompleteTask: (user: User, task: Pick<HumanTask, "assigneeId">) =>
    isSelf(user, task.assigneeId) || (task.assigneeId === HR_QUEUE && isHr(user)),

  /** Whose task list a user may see: their own; HR anyone's. */
  taskListOwner: (user: User, asked: string | undefined): string | undefined =>
    asked && isHr(user) ? asked : user.employeeId,

  /** A person hands over their own tasks; HR may do it for anyone (and so approves it). */
  mayDelegateFor: (user: User, fromEmployeeId: string) => isHr(user) || isSelf(user, fromEmployeeId),

  /** Whose delegations a user may list: their own; HR anyone's. */
  delegationListOwner: (user: User, asked: string | undefined): string | undefined =>
    asked && isHr(user) ? asked : user.employeeId,

  /**
   * A person's record (their page, their probation's timeline): HR, the person themself, and the
   * holders of their position's manager position (1.3). Nobody else, not even to learn it exists.
   */
  mayReadPersonRecord: (user: User, person: { employeeId: string; leadIds: readonly string[] }) =>
    isHr(user) ||
    isSelf(user, person.employeeId) ||
    (user.employeeId !== undefined && person.leadIds.includes(user.employeeId)),

  /** HR mails a lost link afresh to whoever holds the task. */
  mayReissueLinks: (user: User) => isHr(user),

  /**
   * A review's content is read by its employee, their lead, whoever holds one of its tasks for
   * the lead (a substitute), and HR (ATS § 30 conversations are between the official and the lead).
   */
  mayReadReview: (user: User, review: { subjectId: string; leadId?: string; actingLead: boolean }) =>
    isHr(user) || isSelf(user, review.subjectId) || isSelf(user, review.leadId) || review.actingLead,

  /** HR approves a delegation to someone not eligible on their own standing by creating it. */
  approvesDelegations: (user: User) => isHr(user),

  /** An info session is changed (cancelled) by its lead and by HR. */
  mayManageInfoSession: (user: User, session: { leadId: string }) =>
    isHr(user) || isSelf(user, session.leadId),

  /**
   * A unit's info-session summaries are read by its staff and the department's leads, employed
   * today, and nobody else, HR included (core/trainings/summary.ts).
   */
  mayReadInfoSessionSummary: (reader: Employee, unitId: string, org: SummaryOrganisation, today: string) =>
    mayReadSummary(reader, unitId, org, today),
};
