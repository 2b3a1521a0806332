// The mid-term check-in (vahevestlus): the lead and the employee review progress on the goals of
// the last annual development conversation (status and comment per goal), agree new or changed
// goals, and the employee signs the record off. Same deadlines as the annual conversation: not
// held by the cycle's deadline it is escalated, two weeks later (or at the cycle's close) it is
// recorded as not held.
import { z } from "zod";
import { addBusinessDays, addDays, endOfTallinnDay, tallinnInstant } from "../calendar";
import { invalid } from "../errors";
import { Case, type FormDefinition, type HumanTask, Id, Instant, IsoDate, type TimerPurpose } from "../model";
import { happenedWindow, type Window } from "../plausibility";
import { CycleTitle } from "../reviews/cycle";
import { Goal, GoalStatus, ReviewForm } from "../reviews/form";
import { taskFormOf } from "../reviews/task-form";
import { CONVERSATION_GRACE_DAYS, lapseWhenClosed, SIGN_OFF_FORM } from "./annual-review";
import type { workflowRegistry } from "./registry";
import type { LocalText, TaskRule, WorkflowModule } from "./rules";

type MidtermTaskKind = (typeof workflowRegistry.midtermReview.taskKinds)[number];

export const MidtermData = z.object({
  cycleId: Id,
  title: CycleTitle,
  opensOn: IsoDate,
  deadline: IsoDate,
  positionId: Id.optional(),
  /** The goals of the last annual conversation, as they were agreed. */
  previousGoals: z.array(Goal),
  /** When HR closed the cycle: every task lapses then. */
  closedAt: Instant.optional(),
  /** Generated once at launch: the check-in form (a status per previous goal, new goals). */
  form: ReviewForm,
});
export type MidtermData = z.infer<typeof MidtermData>;

export const MidtermOutcome = z.object({
  conversationHeld: z.boolean(),
  heldOn: IsoDate.optional(),
  signOff: z.enum(["agreed", "disagreed", "not_signed", "not_held"]),
  signOffComment: z.string().max(10_000).optional(),
  goalProgress: z.array(
    z.object({ goal: Goal, status: GoalStatus.optional(), comment: z.string().optional() }),
  ),
  goals: z.array(Goal).default([]),
  missedTasks: z.array(z.string()).default([]),
  closedOn: IsoDate,
});
export type MidtermOutcome = z.infer<typeof MidtermOutcome>;

export const Midterm = Case.extend({
  workflow: z.literal("midtermReview"),
  data: MidtermData,
  outcome: MidtermOutcome.optional(),
});
export type Midterm = z.infer<typeof Midterm>;

export const asMidterm = (c: Case | undefined): Midterm | undefined =>
  c?.workflow === "midtermReview" ? Midterm.parse(c) : undefined;

const HELD_ON = {
  name: "heldOn",
  type: "date" as const,
  required: true,
  label: { et: "Vestluse kuupäev", en: "Date of the check-in" },
};

/** The check-in's task form: when it was held, then the generated form. */
export const checkInForm = (m: Midterm): FormDefinition => {
  const form = taskFormOf(m.data.form);
  return { ...form, fields: [HELD_ON, ...form.fields] };
};

/** What the employee signs: the progress on each goal and the new goals. */
function checkInRecord(tasks: HumanTask[]): Array<{ label: LocalText; value: LocalText }> {
  const task = tasks.find((t) => t.kind === "midterm.checkIn" && t.status === "completed");
  if (!task) return [];
  const entries: Array<{ label: LocalText; value: LocalText }> = [];
  for (const field of task.form.fields) {
    const value = task.answers?.[field.name];
    if (typeof value !== "string" || !value) continue;
    const option = field.options?.find((o) => o.value === value);
    entries.push({ label: field.label, value: option ? option.label : { et: value, en: value } });
  }
  return entries;
}

const goalWindows = (m: Midterm): Record<string, Window> => {
  const window: Window = {
    earliest: m.data.opensOn,
    latest: addDays(m.data.opensOn, 730),
    why: "goals are for the next period",
  };
  return Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`goals_${n}_due`, window]));
};

export const midtermTaskRules: Record<MidtermTaskKind, TaskRule<Midterm>> = {
  "midterm.checkIn": {
    holder: "lead",
    dueDate: (m) => m.data.deadline,
    lapsesAt: (m) => endOfTallinnDay(addDays(m.data.deadline, CONVERSATION_GRACE_DAYS)),
    lapsedOutput: (taskId) => ({ taskId, held: false }),
    lapseMeaning: { et: "vahevestlust ei peetud", en: "the mid-term check-in was not held" },
    form: checkInForm,
    answerWindows: (m, today) => ({ heldOn: happenedWindow(m.data.opensOn, today), ...goalWindows(m) }),
    // A goal at risk or dropped says why: that is what the check-in is for.
    checkAnswers: (m, answers) => {
      m.data.previousGoals.forEach((_goal, i) => {
        const status = answers[`goal_${i + 1}_status`];
        if (
          (status === "at_risk" || status === "dropped") &&
          !String(answers[`goal_${i + 1}_comment`] ?? "").trim()
        )
          throw invalid(`goal_${i + 1}_comment`, "say why, when a goal is at risk or dropped");
      });
    },
  },
  "midterm.signOff": {
    holder: "subject",
    dueDate: (_m, today) => addBusinessDays(today, 5),
    lapsesAt: (_m, due) => endOfTallinnDay(due),
    lapsedOutput: (taskId) => ({ taskId, lapsed: true }),
    lapseMeaning: { et: "töötaja ei kinnitanud kokkuvõtet", en: "the employee did not sign off" },
    form: () => SIGN_OFF_FORM,
    context: checkInRecord,
    checkAnswers: (_m, answers) => {
      if (answers.response === "disagreed" && !String(answers.comment ?? "").trim())
        throw invalid("comment", "write what you disagree with when you do not agree");
    },
  },
};

export const midtermWorkflow: WorkflowModule<Midterm> = {
  parseCase: (c) => Midterm.parse(c),
  taskRules: lapseWhenClosed(midtermTaskRules),
  timerDueAt: (_purpose: TimerPurpose, m) => tallinnInstant(m.data.opensOn, 9).toISOString(),
  endsOn: (m) => m.data.deadline,
};
