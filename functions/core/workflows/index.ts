// The workflow modules, by name, and the engine's view of them: rules bound to a stored case, so
// tasks, timers and the sweep never need to know which workflow a case belongs to.
import { notFound } from "../errors";
import type { Case, FormDefinition, HumanTask, TaskKind, TimerPurpose } from "../model";
import type { Window } from "../plausibility";
import { annualReviewWorkflow } from "./annual-review";
import { infoSessionWorkflow } from "./info-session";
import { midtermWorkflow } from "./midterm-review";
import { probationWorkflow } from "./probation";
import type { WorkflowName } from "./registry";
import type { AnswerContext, Holder, LocalText, WorkflowModule } from "./rules";
import { trainingWorkflow } from "./training";

// biome-ignore lint/suspicious/noExplicitAny: each module is typed by its own case shape
export const workflowModules: Record<WorkflowName, WorkflowModule<any>> = {
  probation: probationWorkflow,
  annualReview: annualReviewWorkflow,
  midtermReview: midtermWorkflow,
  training: trainingWorkflow,
  infoSession: infoSessionWorkflow,
};

/** A task kind's rule with its case already read: what tasks.ts and the sweep work with. */
export interface BoundTaskRule {
  holder: Holder;
  dueDate(today: string): string;
  lapsesAt(dueDate: string): string;
  remindOn(dueDate: string): string | undefined;
  lapsedOutput(taskId: string): Record<string, unknown>;
  lapseMeaning: LocalText;
  answerWindows(today: string): Record<string, Window>;
  checkAnswers(answers: Record<string, unknown>, context: AnswerContext): void;
  context(caseTasks: HumanTask[]): Array<{ label: LocalText; value: LocalText }>;
  endsOn: string | undefined;
  /** The form made for this case, when the kind has no fixed one. */
  form: FormDefinition | undefined;
}

export function ruleFor(kind: TaskKind, stored: Case): BoundTaskRule {
  const module = workflowModules[stored.workflow];
  const rule = module.taskRules[kind];
  if (!rule) throw notFound("task kind", `${kind} in ${stored.workflow}`);
  const c = module.parseCase(stored);
  return {
    holder: rule.holder,
    dueDate: (today) => rule.dueDate(c, today),
    lapsesAt: (dueDate) => rule.lapsesAt(c, dueDate),
    remindOn: (dueDate) => rule.remindOn?.(c, dueDate),
    lapsedOutput: (taskId) => rule.lapsedOutput(taskId),
    lapseMeaning: rule.lapseMeaning,
    answerWindows: (today) => rule.answerWindows?.(c, today) ?? {},
    checkAnswers: (answers, context) => rule.checkAnswers?.(c, answers, context),
    context: (tasks) => rule.context?.(tasks) ?? [],
    endsOn: module.endsOn?.(c),
    form: rule.form?.(c),
  };
}

/** What a lapse means for a task kind, without a case at hand (reports list missed kinds). */
export function lapseMeaningOf(kind: string): LocalText {
  for (const module of Object.values(workflowModules)) {
    const rule = module.taskRules[kind];
    if (rule) return rule.lapseMeaning;
  }
  return { et: kind, en: kind };
}

export const timerDueAtFor = (purpose: TimerPurpose, stored: Case): string => {
  const module = workflowModules[stored.workflow];
  return module.timerDueAt(purpose, module.parseCase(stored));
};

/** What a lapsed task hands its workflow, by its kind's rule. */
export function lapsedOutputOf(kind: string, taskId: string): Record<string, unknown> {
  for (const module of Object.values(workflowModules)) {
    const rule = module.taskRules[kind];
    if (rule) return rule.lapsedOutput(taskId);
  }
  return { taskId, lapsed: true };
}

/** Who holds a task kind: the subject in person, their lead, or the subject with their own substitutes (`self`). */
export function holderOf(kind: string): Holder {
  for (const module of Object.values(workflowModules)) {
    const rule = module.taskRules[kind];
    if (rule) return rule.holder;
  }
  return "lead";
}
