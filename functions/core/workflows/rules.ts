// What a workflow module declares about its tasks and timers. The case engine (tasks, timers, the
// sweep) reads these and nothing workflow-specific, so a new workflow brings its own rules.
import type { Case, FormDefinition, HumanTask, Locale, TimerPurpose } from "../model";
import type { Window } from "../plausibility";

export type LocalText = Record<Locale, string>;

export type Holder = "lead" | "subject" | "self";

export interface TaskRule<C extends Case> {
  /**
   * Who holds the task: the subject's lead (or whoever acts for them), the subject in person, or
   * `self`: the subject while present, and while they are away whoever acts for them, by the same
   * chain as for an absent lead (a trainer's attendance list is their own work, not their lead's).
   */
  holder: Holder;
  dueDate(c: C, today: string): string;
  /** The instant after which the task no longer holds the case back: it lapses. */
  lapsesAt(c: C, dueDate: string): string;
  /**
   * The day its holder is reminded, when not the system's default (a few days before the due
   * date): a task due two business days after it opens would otherwise be reminded as it opens.
   */
  remindOn?(c: C, dueDate: string): string;
  /** What the workflow gets when the task lapsed: ids and facts only (it lands in history). */
  lapsedOutput(taskId: string): Record<string, unknown>;
  /** What a lapse means, for the record and the people told. */
  lapseMeaning: LocalText;
  /** Date answers that must lie in a window only the case knows (e.g. not before the start). */
  answerWindows?(c: C, today: string): Record<string, Window>;
  /** A legal limit on the answers (throws a DomainError naming the field); sign-in rules included. */
  checkAnswers?(c: C, answers: Record<string, unknown>, context: AnswerContext): void;
  /** The task's form when it is made for the case (a review's items from the job description). */
  form?(c: C): FormDefinition;
  /** Earlier answers of the case that the holder needs to see beside the form. */
  context?(caseTasks: HumanTask[]): Array<{ label: LocalText; value: LocalText }>;
}

export interface AnswerContext {
  today: string;
  viaLink: boolean;
  requireSignInForContractEnd: boolean;
}

export interface WorkflowModule<C extends Case> {
  /** Reads a stored case of this workflow with its own data and outcome shapes. */
  parseCase(c: Case): C;
  taskRules: Record<string, TaskRule<C>>;
  timerDueAt(purpose: TimerPurpose, c: C): string;
  /** The day the case must be settled by, shown beside its tasks (e.g. probation's last day). */
  endsOn?(c: C): string | undefined;
}
