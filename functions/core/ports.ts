// What the domain needs from the outside world. Adapters in functions/adapters implement these;
// nothing here may name AWS, DynamoDB or Hono.
import type {
  Absence,
  AuditRecord,
  Case,
  Delegation,
  Employee,
  HumanTask,
  JobDescription,
  MailMessage,
  Position,
  QueuedMail,
  Timer,
  Unit,
} from "./model";

export interface Clock {
  now(): Date;
}

export interface Logger {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export interface OutgoingMail {
  /**
   * Makes the mail idempotent: a second mail with the same key is not queued again (a retried
   * workflow step). Without it, every mail is new.
   */
  key?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  tag: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  /**
   * Mails already stored with the write that caused them: try them once now (the sweep retries).
   * Without it (a mailer with no queue, in tests), they are sent with `send`.
   */
  deliverQueued?(mails: QueuedMail[]): Promise<void>;
}

/** The workflow engine: AWS Step Functions, or the local engine running the same ASL. */
export interface WorkflowEngine {
  start(
    workflow: WorkflowName,
    name: string,
    input: Record<string, unknown>,
  ): Promise<{ executionId: string }>;
  /** Idempotent: a token already completed is not an error. */
  sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void>;
  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void>;
  stop(executionId: string, cause: string): Promise<void>;
}

import type { AccessRecord } from "./access-log";
import type { Cycle } from "./reviews/cycle-record";
import type { TrainingRecord } from "./trainings/record";
import type { WorkflowName } from "./workflows/registry";

export type { WorkflowName };

/**
 * create: the record must be new; replace: it must exist; upsert: either (seeding, migrations).
 * A create or replace that finds it otherwise throws ConditionFailed.
 */
export type WriteMode = "create" | "replace" | "upsert";

/** A day on which open tasks must be re-decided, and what causes it (for clearing it once done). */
export interface ReassignTrigger {
  on: string;
  ref: string;
}

/** Everything a hire writes at once: all of it lands, or none. */
export interface NewHire {
  employee: Employee;
  /** The hire's probation case. */
  case: Case;
  audits: AuditRecord[];
}

/**
 * What goes out with a write, in the same transaction: the mails a change causes are stored with
 * it (the sweep delivers them), so a crash right after a change can never lose its mail.
 */
export interface Effects {
  mails?: QueuedMail[];
}

/** Result of a conditional write that lost to another writer. */
export class ConditionFailed extends Error {
  constructor(what: string) {
    super(`condition failed: ${what}`);
    this.name = "ConditionFailed";
  }
}

export interface OrgStore {
  putUnit(unit: Unit, mode?: WriteMode): Promise<void>;
  getUnit(id: string): Promise<Unit | undefined>;
  listUnits(): Promise<Unit[]>;
  deleteUnit(id: string): Promise<void>;

  putPosition(position: Position, mode?: WriteMode): Promise<void>;
  getPosition(id: string): Promise<Position | undefined>;
  listPositions(): Promise<Position[]>;
  deletePosition(id: string): Promise<void>;

  putJobDescription(positionId: string, jd: JobDescription): Promise<void>;
  getJobDescription(positionId: string): Promise<JobDescription | undefined>;

  /** Claims the email in the same write; throws ConditionFailed if another employee holds it. */
  putEmployee(employee: Employee, mode?: WriteMode): Promise<void>;
  createHire(hire: NewHire): Promise<void>;
  getEmployee(id: string): Promise<Employee | undefined>;
  findEmployeeByEmail(email: string): Promise<Employee | undefined>;
  listEmployees(): Promise<Employee[]>;
  /** The people who hold a position now (usually one; none when vacant). */
  listEmployeesInPosition(positionId: string): Promise<Employee[]>;
  deleteEmployee(id: string): Promise<void>;

  /** Unguarded writes for seeding and tests; use cases change absences with changeAbsences. */
  putAbsence(absence: Absence): Promise<void>;
  listAbsences(employeeId: string): Promise<Absence[]>;
  /** Everyone's absences that end on or after the date (open-ended ones included). */
  listAbsencesEndingFrom(date: string): Promise<Absence[]>;
  /** A person's absences with the version of the set, for changeAbsences. */
  absenceSet(employeeId: string): Promise<{ absences: Absence[]; version: number }>;
  /**
   * Applies the change only if the set is still at `expectedVersion`; else throws ConditionFailed.
   * The days on which the new absences start and end are kept as reassignment triggers, in the same write.
   */
  changeAbsences(
    employeeId: string,
    expectedVersion: number,
    change: { put?: Absence[]; delete?: Absence[]; audits?: AuditRecord[] },
  ): Promise<void>;
  /** Days on which who acts for whom may change (an absence or delegation starts or ends). */
  listReassignTriggersDue(date: string): Promise<ReassignTrigger[]>;
  clearReassignTriggers(triggers: ReassignTrigger[]): Promise<void>;
  deleteAbsence(absence: Absence): Promise<void>;

  /** A person's delegations with the version of the set, for addDelegation. */
  delegationSet(fromEmployeeId: string): Promise<{ delegations: Delegation[]; version: number }>;
  /**
   * Stores a delegation (and its first and day-after-last days as reassignment triggers) only if
   * the person's delegations are still at `expectedVersion`; else throws ConditionFailed.
   */
  addDelegation(delegation: Delegation, expectedVersion: number): Promise<void>;
  /** Delegations given by a person, any dates. */
  listDelegations(fromEmployeeId: string): Promise<Delegation[]>;
  deleteDelegation(delegation: Delegation): Promise<void>;
}

export interface CaseStore {
  /** Creates the case unless one with this id exists; returns the stored one either way. */
  createCase(c: Case): Promise<Case>;
  getCase(id: string): Promise<Case | undefined>;
  /** Writes the case if the stored version is still `c.version`; returns it with the next version. */
  updateCase(c: Case, effects?: Effects): Promise<Case>;
  /** A person's cases, oldest first; of one workflow when given. */
  listCases(subjectId: string, workflow?: Case["workflow"]): Promise<Case[]>;
  /**
   * Writes many new cases of one group at once (a cycle's reviews), with their group pointers,
   * without a per-item condition: the caller knows the ids are new and is their only writer
   * (a launch holds its cycle's lease). Answers how many were written.
   */
  createCases(cases: readonly Case[]): Promise<number>;
  /** The cases launched together under `groupId` (a review cycle's reviews). */
  listCasesInGroup(groupId: string): Promise<Case[]>;
  /** Only the ids of a group's cases: what a resumed launch needs to know. */
  listCaseIdsInGroup(groupId: string): Promise<string[]>;
  /** Records the case's workflow execution, touching no other field. */
  linkExecution(caseId: string, executionId: string, at: string, workflow: Case["workflow"]): Promise<void>;
  /** The running (active, started) cases of one workflow: e.g. everyone on probation now. */
  listActiveCases(workflow: Case["workflow"]): Promise<Case[]>;
  /** Active cases created before the instant whose workflow execution was never linked. */
  listUnstartedCases(createdBefore: string): Promise<Case[]>;
}

export interface TaskStore {
  /** Idempotent on `task.callback.tokenHash`: a retry of the same step returns the first task. */
  createTask(
    task: HumanTask,
    taskToken: string,
    effects?: Effects,
  ): Promise<{ task: HumanTask; created: boolean }>;
  /**
   * Fan-out: creates the tasks of one workflow state in one write, all bound to one token.
   * Idempotent like createTask: the same token returns them; a new token re-binds them.
   */
  createTaskGroup(
    tasks: HumanTask[],
    taskToken: string,
    effects?: Effects,
  ): Promise<{ tasks: HumanTask[]; created: boolean }>;
  getTask(id: string): Promise<HumanTask | undefined>;
  /** Writes `task` if the stored version equals `expectedVersion`; throws ConditionFailed otherwise. */
  updateTask(task: HumanTask, expectedVersion: number, effects?: Effects): Promise<void>;
  listTasks(filter: {
    assigneeId?: string;
    subjectId?: string;
    caseId?: string;
    status?: HumanTask["status"];
  }): Promise<HumanTask[]>;
  /** Open tasks due on or before `date` (for reminders and escalations). */
  listOpenTasksDueBy(date: string): Promise<HumanTask[]>;

  createTimer(timer: Timer, taskToken: string): Promise<{ timer: Timer; created: boolean }>;
  getTimer(id: string): Promise<Timer | undefined>;
  /**
   * Writes the timer if its stored status and callback status are still those given, so a fired
   * timer is never put back to waiting by a reschedule that read it before it fired.
   */
  updateTimer(
    timer: Timer,
    expected: { status: Timer["status"]; callback: Timer["callback"]["status"] },
  ): Promise<void>;
  listTimers(filter: { caseId?: string; status?: Timer["status"] }): Promise<Timer[]>;
  listWaitingTimersDueBy(instant: string): Promise<Timer[]>;

  /** Callbacks recorded but not yet delivered to the engine (the outbox). */
  listPendingCallbacks(): Promise<Array<{ kind: "task"; item: HumanTask } | { kind: "timer"; item: Timer }>>;
  /** The Step Functions token behind a callback; server-side only. */
  getTaskToken(tokenHash: string): Promise<string | undefined>;
}

export interface CycleStore {
  /** Throws ConditionFailed if a cycle with this id exists. */
  createCycle(cycle: Cycle): Promise<void>;
  getCycle(id: string): Promise<Cycle | undefined>;
  listCycles(): Promise<Cycle[]>;
  /** Writes the cycle if the stored version is `expectedVersion`; throws ConditionFailed otherwise. */
  updateCycle(cycle: Cycle, expectedVersion: number): Promise<void>;
}

export interface TrainingStore {
  /** Throws ConditionFailed if a training with this id exists. */
  createTraining(training: TrainingRecord): Promise<void>;
  getTraining(id: string): Promise<TrainingRecord | undefined>;
  listTrainings(): Promise<TrainingRecord[]>;
  /** Writes the training if the stored version is `expectedVersion`; throws ConditionFailed otherwise. */
  updateTraining(training: TrainingRecord, expectedVersion: number, effects?: Effects): Promise<void>;
  /** Active trainings with a completer's follow-up due by `date` and not yet scheduled. */
  listTrainingsWithFollowUpsDueBy(date: string): Promise<TrainingRecord[]>;
}

export interface AuditStore {
  appendAudit(record: AuditRecord): Promise<void>;
  listAudit(entityType: AuditRecord["entityType"], entityId: string): Promise<AuditRecord[]>;
  /**
   * A read of a review's content: its audit record (under the review) and its access-log record
   * (under the month) in one write; both land or neither.
   */
  appendAccess(record: AccessRecord): Promise<void>;
  /** The access log of one month (yyyy-mm), oldest first. */
  listAccess(month: string): Promise<AccessRecord[]>;
}

export interface MailStore {
  putMail(mail: MailMessage): Promise<void>;
  listMails(): Promise<MailMessage[]>;
  getMail(id: string): Promise<MailMessage | undefined>;
}

export interface MailQueueStore {
  queueMail(mail: QueuedMail): Promise<void>;
  /** Pending mails whose next attempt is due by the instant, oldest first, at most `limit`. */
  listMailsDue(instant: string, limit: number): Promise<QueuedMail[]>;
  /** Writes the mail's new state if it is still pending at `attempts`; false if another sweep got there. */
  /**
   * Writes the mail's new state if it is still pending as read (same attempts and next attempt
   * time); false if another sender claimed or changed it first.
   */
  updateQueuedMail(
    mail: QueuedMail,
    expected: Pick<QueuedMail, "attempts" | "nextAttemptAt">,
  ): Promise<boolean>;
}

export interface LeaseStore {
  /** Takes the named lease until `until` unless someone else holds it past `now`; true if taken. */
  acquireLease(name: string, owner: string, now: string, until: string): Promise<boolean>;
  /** Releases the lease if `owner` still holds it; without an owner, whoever holds it (a restart of the only process). */
  releaseLease(name: string, owner?: string): Promise<void>;
}

export interface SettingsStore {
  getSetting<T>(key: string): Promise<T | undefined>;
  putSetting<T>(key: string, value: T): Promise<void>;
}

export type Store = OrgStore &
  CaseStore &
  CycleStore &
  TrainingStore &
  TaskStore &
  AuditStore &
  SettingsStore &
  MailQueueStore &
  LeaseStore;
