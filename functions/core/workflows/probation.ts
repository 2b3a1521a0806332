// The probation workflow's rules (TLS § 86, § 96; ATS § 24): its task kinds with who holds them,
// when they are due, when they lapse and what the workflow then gets; and its timers.
// Deadlines are the employer's, not a person's: every task lapses, so no probation ever waits on a
// person past its legal date.
import { z } from "zod";
import { addBusinessDays, endOfTallinnDay, minDate, tallinnInstant } from "../calendar";
import { DomainError } from "../errors";
import { Case, type HumanTask, IsoDate, Regime, type TimerPurpose } from "../model";
import { happenedWindow } from "../plausibility";
import { canEndContractOn, probationSchedule } from "../probation-rules";
import type { workflowRegistry } from "./registry";
import type { AnswerContext, LocalText, TaskRule, WorkflowModule } from "./rules";

type ProbationTaskKind = (typeof workflowRegistry.probation.taskKinds)[number];

/** A probation's own data: its period as the law computes it (TLS § 86, ATS § 24). */
export const ProbationData = z.object({
  regime: Regime,
  startDate: IsoDate,
  /** Last day of probation as the law computes it without absences. */
  baseEndDate: IsoDate,
  /** Last day of probation after extensions for days not worked. */
  endDate: IsoDate,
  extensionDays: z.number().int().min(0),
});
export type ProbationData = z.infer<typeof ProbationData>;

export const ProbationOutcome = z.object({
  /** lapsed: no decision by the last day, so the probation was passed by law (TLS § 86, ATS § 24). */
  decision: z.enum(["confirm", "end", "lapsed"]),
  /** ATS § 24(7): what became of the summary given to the official for comment. */
  summaryAcknowledgement: z.enum(["acknowledged", "commented", "not_acknowledged"]).optional(),
  /** Tasks nobody did before they lapsed (e.g. the mid-probation conversation): facts to report. */
  missedTasks: z.array(z.string()).optional(),
  decidedOn: IsoDate,
  contractEndsOn: IsoDate.optional(),
  /** Who decided, and for whom when a substitute decided in the lead's place. */
  decidedBy: z.string().optional(),
  decidedOnBehalfOf: z.string().optional(),
});
export type ProbationOutcome = z.infer<typeof ProbationOutcome>;

/** A probation is one kind of case. */
export const Probation = Case.extend({
  workflow: z.literal("probation"),
  data: ProbationData,
  outcome: ProbationOutcome.optional(),
});
export type Probation = z.infer<typeof Probation>;

/** Reads a stored case as a probation; undefined when it is some other kind of case. */
export const asProbation = (c: Case | undefined): Probation | undefined =>
  c?.workflow === "probation" ? Probation.parse(c) : undefined;

/** Timers open the windows at 09:00 Tallinn time. */
const opensAt = (date: string) => tallinnInstant(date, 9).toISOString();

const schedule = (p: Probation) => probationSchedule(p.data);

/** TLS § 96: notice during probation must be given at the latest on its last day. */
function checkContractMayEnd(p: Probation, answers: Record<string, unknown>, context: AnswerContext): void {
  if (answers.decision !== "end") return;
  if (context.viaLink && context.requireSignInForContractEnd) {
    throw new DomainError(
      "forbidden",
      "decision: ending a contract needs sign-in; complete this task in the HR console",
      "decision",
    );
  }
  // An official's release (ATS) is HR's administrative act; the final assessment lapses at the
  // end of the last day anyway, so the TLS notice rule is not applied to officials.
  if (p.data.regime === "TLS" && !canEndContractOn(context.today, p.data.endDate)) {
    throw new DomainError(
      "validation",
      `decision: probation ended on ${p.data.endDate}; the contract can no longer be ended for failed probation (TLS § 96)`,
      "decision",
    );
  }
}

/** ATS § 24(7): the official sees the written summary of the probation interview they comment on. */
function assessmentSummary(tasks: HumanTask[]): Array<{ label: LocalText; value: LocalText }> {
  const assessment = tasks.find((t) => t.kind === "probation.finalAssessment" && t.status === "completed");
  const answers = assessment?.answers ?? {};
  const entries: Array<{ label: LocalText; value: LocalText }> = [];
  for (const field of assessment?.form.fields ?? []) {
    const value = answers[field.name];
    if (typeof value !== "string" || !value) continue;
    const option = field.options?.find((o) => o.value === value);
    entries.push({ label: field.label, value: option ? option.label : { et: value, en: value } });
  }
  return entries;
}

export const probationTaskRules: Record<ProbationTaskKind, TaskRule<Probation>> = {
  "probation.midConversation": {
    holder: "lead",
    dueDate: (p) => schedule(p).midConversationDueOn,
    // Missed is a fact to record, never a reason to hold back the final assessment: it lapses
    // when the final assessment's window opens.
    lapsesAt: (p) => opensAt(schedule(p).finalAssessmentOpensOn),
    lapsedOutput: (taskId) => ({ taskId, lapsed: true }),
    lapseMeaning: { et: "vahevestlust ei peetud", en: "the mid-probation conversation was not held" },
    // A conversation that was held: not before the probation began, not in the future.
    answerWindows: (p, today) => ({ heldOn: happenedWindow(p.data.startDate, today) }),
  },
  "probation.finalAssessment": {
    holder: "lead",
    // TLS § 96: notice must be given at the latest on the last day of probation.
    dueDate: (p) => schedule(p).finalAssessmentDueOn,
    // If the last day passes with no decision, the probation has been passed and the contract
    // simply continues (TLS § 86, ATS § 24).
    lapsesAt: (p) => endOfTallinnDay(p.data.endDate),
    lapsedOutput: (taskId) => ({ taskId, decision: "lapsed" }),
    lapseMeaning: {
      et: "katseaja viimaseks päevaks otsust ei tehtud: katseaeg loetakse läbituks",
      en: "no decision by the last day of probation: the probation has been passed",
    },
    checkAnswers: checkContractMayEnd,
  },
  "probation.summaryAcknowledgement": {
    holder: "subject",
    // ATS § 24(7): the official gets the summary for comment before probation ends.
    dueDate: (p, today) => minDate(addBusinessDays(today, 5), p.data.endDate),
    // An official who does not comment by the due date has had the chance.
    lapsesAt: (_p, dueDate) => endOfTallinnDay(dueDate),
    lapsedOutput: (taskId) => ({ taskId, acknowledged: false }),
    lapseMeaning: {
      et: "ametnik ei kommenteerinud kokkuvõtet tähtajaks",
      en: "the official did not comment on the summary by its due date",
    },
    context: assessmentSummary,
  },
};

export const probationTimerDueAt = (purpose: TimerPurpose, probation: Probation): string => {
  const s = schedule(probation);
  return opensAt(purpose === "midConversationOpens" ? s.midConversationOpensOn : s.finalAssessmentOpensOn);
};

export const probationWorkflow: WorkflowModule<Probation> = {
  parseCase: (c) => Probation.parse(c),
  taskRules: probationTaskRules,
  timerDueAt: probationTimerDueAt,
  endsOn: (p) => p.data.endDate,
};
