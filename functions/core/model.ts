// The domain's types. Each is one zod schema; the TypeScript type is always `z.infer` of it.
import { z } from "zod";
import { allTaskKinds, allTimerPurposes, workflowNames } from "./workflows/registry";

/**
 * Every date the system stores lies in this range. Dates past year 9999 do not even format as
 * YYYY-MM-DD (`+010000-01-01` sorts below `9999-…`), and no HR fact needs centuries: bounding
 * dates at the schema keeps every date computation finite. Per-field plausibility (a hire's
 * start, an absence's length) is checked by the use cases, which know today's date.
 */
export const EARLIEST_DATE = "1900-01-01";
export const LATEST_DATE = "2199-12-31";
const DATE_RANGE = `must be a date between ${EARLIEST_DATE} and ${LATEST_DATE}`;

/** A calendar date in Europe/Tallinn, as YYYY-MM-DD. Legal deadlines are whole calendar days. */
export const IsoDate = z.iso
  .date({ error: "must be a date as YYYY-MM-DD" })
  .refine((d) => d >= EARLIEST_DATE && d <= LATEST_DATE, DATE_RANGE);
export type IsoDate = z.infer<typeof IsoDate>;
/** An instant, as an ISO 8601 timestamp with its offset. */
export const Instant = z.iso
  .datetime({ offset: true, error: "must be a timestamp as YYYY-MM-DDTHH:MM:SSZ" })
  .refine((t) => t.slice(0, 10) >= EARLIEST_DATE && t.slice(0, 10) <= LATEST_DATE, DATE_RANGE);
export type Instant = z.infer<typeof Instant>;

/**
 * E-mail addresses: RFC 5321 caps a path at 254 characters; the cap also keeps every key built
 * from an address far below DynamoDB's 2,048-byte limit.
 */
export const Email = z.email({ error: "must be an e-mail address" }).max(254);

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "use letters, digits, '-' and '_' only");

export const Locale = z.enum(["et", "en"]);
export type Locale = z.infer<typeof Locale>;

/** TLS: employee under the Employment Contracts Act; ATS: official under the Civil Service Act. */
export const Regime = z.enum(["TLS", "ATS"]);
export type Regime = z.infer<typeof Regime>;

export const Role = z.enum(["hr", "lead", "employee"]);
export type Role = z.infer<typeof Role>;

export const Unit = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  parentUnitId: Id.optional(),
});
export type Unit = z.infer<typeof Unit>;

export const Position = z.object({
  id: Id,
  title: z.string().min(1).max(200),
  unitId: Id,
  /** vahetu juht (1.3): the position of this position's line manager. */
  managerPositionId: Id.optional(),
  /** kes asendab (1.4): who substitutes this position's holder, in order of preference. */
  substitutePositionIds: z.array(Id).max(10).default([]),
  /** Several people hold it (e.g. specialists); otherwise a second holder is refused. */
  multipleHolders: z.boolean().optional(),
});
export type Position = z.infer<typeof Position>;

export const Duty = z.object({
  code: z.string().regex(/^\d+\.\d+$/),
  text: z.string().min(1),
  /** Sub-items listed under the duty itself ("sh ..."). */
  details: z.array(z.string()).default([]),
  expectedResults: z.array(z.string()),
});
export type Duty = z.infer<typeof Duty>;

export const Competency = z.object({
  name: z.string().min(1),
  /** "core" competencies list behaviours; "additional" ones carry one description. */
  kind: z.enum(["core", "additional"]),
  behaviours: z.array(z.string()),
});
export type Competency = z.infer<typeof Competency>;

/** Common European Framework of Reference for Languages levels. */
export const CefrLevel = z.enum(["A1", "A2", "B1", "B2", "C1", "C2"]);
export const LanguageRequirement = z.object({
  /** ISO 639-1 code where known (et, en, ru, ...), otherwise the name as written. */
  language: z.string().min(1),
  level: CefrLevel,
  /** false when the description says "soovitavalt" (preferably). */
  required: z.boolean(),
});
export type LanguageRequirement = z.infer<typeof LanguageRequirement>;

export const Requirements = z.object({
  education: z.string().optional(),
  experience: z.string().optional(),
  languages: z.array(LanguageRequirement).default([]),
  languageText: z.string().optional(),
  itSkills: z.string().optional(),
});
export type Requirements = z.infer<typeof Requirements>;

export const JobDescription = z.object({
  positionTitle: z.string().min(1),
  unitName: z.string().min(1),
  managerTitle: z.string().optional(),
  substitutedBy: z.string().optional(),
  substitutes: z.string().optional(),
  directReports: z.string().optional(),
  purpose: z.string().optional(),
  duties: z.array(Duty).min(1),
  rights: z.array(z.string()).default([]),
  responsibilities: z.array(z.string()).default([]),
  tools: z.string().optional(),
  requirements: Requirements,
  competencies: z.array(Competency).default([]),
});
export type JobDescription = z.infer<typeof JobDescription>;

export const Employee = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  email: Email,
  locale: Locale.default("et"),
  positionId: Id.optional(),
  startDate: IsoDate,
  regime: Regime,
  /** Fixed-term contracts only: the last day of the contract. */
  contractEndDate: IsoDate.optional(),
  /** Date the contract was signed; TLS probation extension applies to contracts from 2022-08-01. */
  contractDate: IsoDate.optional(),
  /** Agreed probation length in months when shorter than the legal maximum. */
  agreedProbationMonths: z.number().int().min(0).max(6).optional(),
  /** The contract says absences do not extend probation (TLS § 86 allows agreeing otherwise). */
  probationExtensionWaived: z.boolean().default(false),
  roles: z.array(Role).default(["employee"]),
  // Outcomes live with their case (a probation's decision is on the probation), not here.
});
export type Employee = z.infer<typeof Employee>;

export const AbsenceType = z.enum([
  "annual_leave",
  "sick_leave",
  "business_trip",
  "training",
  "parental_leave",
  "other",
]);
export type AbsenceType = z.infer<typeof AbsenceType>;

/** "9999-12-31", the usual placeholder for "end not known yet", means just that: open-ended. */
export const OPEN_END_PLACEHOLDER = "9999-12-31";
const EndDateOrOpen = z.preprocess((v) => (v === OPEN_END_PLACEHOLDER ? undefined : v), IsoDate.optional());

export const Absence = z.object({
  id: Id,
  employeeId: Id,
  type: AbsenceType,
  from: IsoDate,
  /** Inclusive; absent while the end is not known yet (open-ended sick leave). */
  to: EndDateOrOpen,
  note: z.string().max(500).optional(),
});
export type Absence = z.infer<typeof Absence>;

/**
 * A running HR process: one probation, one review, one training assignment. Its workflow's module
 * (core/workflows/<name>.ts) gives `data` and `outcome` their shape; tasks and timers belong to it.
 */
export const CaseStatus = z.enum(["active", "closed", "cancelled", "failed"]);
export type CaseStatus = z.infer<typeof CaseStatus>;
export const Case = z.object({
  id: Id,
  workflow: z.enum(workflowNames),
  /** The person the case is about. */
  subjectId: Id,
  /** What launched it with others (a review cycle, a training), for listing them together. */
  groupId: z.string().min(1).max(100).optional(),
  status: CaseStatus,
  /** The workflow execution that drives it; absent until started (the sweep starts what a crash left). */
  executionId: z.string().optional(),
  /** The process's own data, as its workflow declares it. */
  data: z.record(z.string(), z.unknown()),
  /** What the case came to, once closed. Outcomes live with the case, not on the employee. */
  outcome: z.record(z.string(), z.unknown()).optional(),
  createdAt: Instant,
  updatedAt: Instant,
  /** Optimistic concurrency: every write must name the version it read. */
  version: z.number().int().min(0).optional(),
});
export type Case = z.infer<typeof Case>;

/** Every workflow's task kinds (core/workflows/registry.ts). */
export const TaskKind = z.enum(allTaskKinds);
export type TaskKind = z.infer<typeof TaskKind>;

/** A person hands all or some kinds of their tasks to a colleague for a period (Workday-style). */
export const Delegation = z.object({
  id: Id,
  fromEmployeeId: Id,
  toEmployeeId: Id,
  /** Empty: every kind of task. */
  kinds: z.array(TaskKind).default([]),
  from: IsoDate,
  to: IsoDate,
  note: z.string().max(500).optional(),
});
export type Delegation = z.infer<typeof Delegation>;

/** lapsed: its deadline passed undone and the case went on without it (deadlines win). */
/** A group's tasks are written in one transaction (100 items: the token, and a task with two pointers each). */
export const MAX_TASK_GROUP = 30;

export const TaskStatus = z.enum(["open", "completed", "cancelled", "lapsed"]);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const Actor = z.object({
  /** Employee id, or "hr", "system", "scheduler". */
  id: z.string(),
  name: z.string().optional(),
});
export type Actor = z.infer<typeof Actor>;

/** A pause in a workflow that a person or the calendar ends. */
export const Callback = z.object({
  /** Hash of the Step Functions task token: the token itself is kept apart and never leaves the server. */
  tokenHash: z.string(),
  /** pending: the outcome is recorded but not yet delivered to the engine; delivered: done. */
  status: z.enum(["waiting", "pending", "delivered"]),
  attempts: z.number().int().default(0),
});

const LocalText = z.object({ et: z.string(), en: z.string() });

/** The form a task shows, kept on the task so that a later change of forms does not alter open tasks. */
export const FormField = z.object({
  name: z.string(),
  type: z.enum(["date", "text", "textarea", "choice"]),
  label: LocalText,
  required: z.boolean(),
  help: LocalText.optional(),
  options: z.array(z.object({ value: z.string(), label: LocalText })).optional(),
  /** Fields of one group are answered all together or not at all (a goal: what, measure, due date). */
  group: z.string().optional(),
  /** A heading shown above the field: where a section of the form begins. */
  section: LocalText.optional(),
});
export type FormField = z.infer<typeof FormField>;

export const FormDefinition = z.object({ title: LocalText, intro: LocalText, fields: z.array(FormField) });
export type FormDefinition = z.infer<typeof FormDefinition>;

export const TaskLink = z.object({
  id: z.string(),
  assigneeId: z.string(),
  issuedAt: Instant,
  expiresAt: Instant,
});
export type TaskLink = z.infer<typeof TaskLink>;

export const HumanTask = z.object({
  id: Id,
  kind: TaskKind,
  subjectId: Id,
  caseId: Id,
  assigneeId: z.string(),
  /** Whom the assignee acts for, when it is not the position's own lead. */
  onBehalfOfId: z.string().optional(),
  dueDate: IsoDate,
  status: TaskStatus,
  form: FormDefinition,
  /** The link currently valid for this task; earlier links are refused. */
  linkId: z.string(),
  /** Every link ever issued for the task, oldest first, so an old link can say what became of it. */
  links: z.array(TaskLink).min(1),
  /** When a fresh link was last mailed on request (at most one an hour). */
  linkReissuedAt: Instant.optional(),
  /**
   * Fan-out: the tasks one workflow state opened together (this one included). They share one
   * callback, delivered once every one of them is completed or lapsed.
   */
  group: z.object({ taskIds: z.array(Id).min(2).max(MAX_TASK_GROUP) }).optional(),
  /** While a substitute holds the task: the day the lead's absence ends, if known. */
  delegatedUntil: IsoDate.optional(),
  /** When the assignee was mailed the current link; unset until the mail went out (retry-safe). */
  notifiedAt: Instant.optional(),
  answers: z.record(z.string(), z.unknown()).optional(),
  completedBy: Actor.optional(),
  completedAt: Instant.optional(),
  /** When the task stops holding its case back (its workflow's lapse rule); moved with the dates. */
  lapseAt: Instant.optional(),
  lapsedAt: Instant.optional(),
  /** The day the holder is reminded, when the workflow sets one (else a few days before due). */
  remindOn: IsoDate.optional(),
  remindedAt: Instant.optional(),
  escalatedAt: Instant.optional(),
  callback: Callback,
  createdAt: Instant,
  version: z.number().int(),
});
export type HumanTask = z.infer<typeof HumanTask>;

export const TimerPurpose = z.enum(allTimerPurposes);
export type TimerPurpose = z.infer<typeof TimerPurpose>;

export const Timer = z.object({
  id: Id,
  purpose: TimerPurpose,
  caseId: Id,
  dueAt: Instant,
  status: z.enum(["waiting", "fired", "cancelled"]),
  callback: Callback,
  createdAt: Instant,
});
export type Timer = z.infer<typeof Timer>;

export const AuditRecord = z.object({
  entityType: z.enum([
    "task",
    "case",
    "employee",
    "position",
    "unit",
    "absence",
    "timer",
    "jobDescription",
    "delegation",
    "cycle",
  ]),
  entityId: z.string(),
  at: Instant,
  actor: Actor,
  onBehalfOf: Actor.optional(),
  action: z.string(),
  /** Which fields changed, never their personal values. */
  changes: z.array(z.string()).default([]),
  correlationId: z.string().optional(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export const MailMessage = z.object({
  id: Id,
  to: Email,
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  sentAt: Instant,
  /** What the mail is about, for the outbox listing. */
  tag: z.string(),
});
export type MailMessage = z.infer<typeof MailMessage>;

/**
 * A mail waiting to go out, or gone. Mail is a side effect: it is queued with (or right after) the
 * change that causes it and delivered by the sweep with backoff, so a mail server that is down
 * never fails a request, a step or a workflow.
 */
export const QueuedMail = z.object({
  id: Id,
  to: Email,
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  tag: z.string(),
  status: z.enum(["pending", "sent", "given_up"]),
  attempts: z.number().int().min(0),
  /** When the next delivery attempt is due (pending only). */
  nextAttemptAt: Instant,
  /** The transport's error name of the last failed attempt; never its text, which may hold addresses. */
  lastError: z.string().max(200).optional(),
  createdAt: Instant,
  sentAt: Instant.optional(),
});
export type QueuedMail = z.infer<typeof QueuedMail>;
