// The probation workflow's rules (TLS § 86, § 96; ATS § 24): its task kinds with who holds them,
// when they are due, when they lapse and what the workflow then gets; and its timers.
// Deadlines are the employer's, not a person's: every task lapses, so no probation ever waits on a
// person past its legal date.
import { addBusinessDays, addDays, minDate, tallinnInstant } from "../calendar";
import type { Probation, TaskKind, Timer } from "../model";
import { happenedWindow, type Window } from "../plausibility";
import { probationSchedule } from "../probation-rules";

export interface TaskRule {
  /** Who holds the task: the subject's lead (or whoever acts for them), or the subject. */
  holder: "lead" | "subject";
  dueDate(probation: Probation, today: string): string;
  /** The instant after which the task no longer holds the case back: it lapses. */
  lapsesAt(probation: Probation, dueDate: string): string;
  /** What the workflow gets when the task lapsed: ids and facts only (it lands in history). */
  lapsedOutput(taskId: string): Record<string, unknown>;
  /** What a lapse means, for the record and the people told. */
  lapseMeaning: { et: string; en: string };
  /** Date answers that must lie in a window only the case knows (e.g. not before the start). */
  answerWindows?(probation: Probation, today: string): Record<string, Window>;
}

/** The first instant of the day after `date` in Tallinn: a deadline "on date" holds all that day. */
export const endOfTallinnDay = (date: string) => tallinnInstant(addDays(date, 1), 0).toISOString();

/** Timers open the windows at 09:00 Tallinn time. */
const opensAt = (date: string) => tallinnInstant(date, 9).toISOString();

export const probationTaskRules: Record<TaskKind, TaskRule> = {
  "probation.midConversation": {
    holder: "lead",
    dueDate: (p) => probationSchedule(p).midConversationDueOn,
    // Missed is a fact to record, never a reason to hold back the final assessment: it lapses
    // when the final assessment's window opens.
    lapsesAt: (p) => opensAt(probationSchedule(p).finalAssessmentOpensOn),
    lapsedOutput: (taskId) => ({ taskId, lapsed: true }),
    lapseMeaning: { et: "vahevestlust ei peetud", en: "the mid-probation conversation was not held" },
    // A conversation that was held: not before the probation began, not in the future.
    answerWindows: (p, today) => ({ heldOn: happenedWindow(p.startDate, today) }),
  },
  "probation.finalAssessment": {
    holder: "lead",
    // TLS § 96: notice must be given at the latest on the last day of probation.
    dueDate: (p) => probationSchedule(p).finalAssessmentDueOn,
    // If the last day passes with no decision, the probation has been passed and the contract
    // simply continues (TLS § 86, ATS § 24).
    lapsesAt: (p) => endOfTallinnDay(p.endDate),
    lapsedOutput: (taskId) => ({ taskId, decision: "lapsed" }),
    lapseMeaning: {
      et: "katseaja viimaseks päevaks otsust ei tehtud: katseaeg loetakse läbituks",
      en: "no decision by the last day of probation: the probation has been passed",
    },
  },
  "probation.summaryAcknowledgement": {
    holder: "subject",
    // ATS § 24(7): the official gets the summary for comment before probation ends.
    dueDate: (p, today) => minDate(addBusinessDays(today, 5), p.endDate),
    // An official who does not comment by the due date has had the chance.
    lapsesAt: (_p, dueDate) => endOfTallinnDay(dueDate),
    lapsedOutput: (taskId) => ({ taskId, acknowledged: false }),
    lapseMeaning: {
      et: "ametnik ei kommenteerinud kokkuvõtet tähtajaks",
      en: "the official did not comment on the summary by its due date",
    },
  },
};

export const probationTimerDueAt = (purpose: Timer["purpose"], probation: Probation): string => {
  const schedule = probationSchedule(probation);
  return opensAt(
    purpose === "midConversationOpens" ? schedule.midConversationOpensOn : schedule.finalAssessmentOpensOn,
  );
};
