// The annual development conversation (aastavestlus; ATS § 30(1): at least once a year with the
// direct manager): self-assessment and lead assessment side by side, neither seeing the other's
// until both are in; the lead proposes the meeting; the conversation; the employee's sign-off.
// Deadlines win here too: assessments lapse so the conversation still opens, a conversation not
// held by the cycle's deadline is escalated by the sweep and, at the latest two weeks later (or
// when HR closes the cycle), recorded as not held.
import { z } from "zod";
import {
  addBusinessDays,
  addDays,
  daysBetweenInclusive,
  endOfTallinnDay,
  maxDate,
  minDate,
  tallinnDate,
  tallinnInstant,
} from "../calendar";
import { invalid } from "../errors";
import { Case, type FormDefinition, type HumanTask, Id, Instant, IsoDate, type TimerPurpose } from "../model";
import { happenedWindow, type Window } from "../plausibility";
import { CycleTitle } from "../reviews/cycle";
import { Goal, ReviewForm } from "../reviews/form";
import { taskFormOf } from "../reviews/task-form";
import type { workflowRegistry } from "./registry";
import type { LocalText, TaskRule, WorkflowModule } from "./rules";

type ReviewTaskKind = (typeof workflowRegistry.annualReview.taskKinds)[number];

export const ReviewData = z.object({
  cycleId: Id,
  title: CycleTitle,
  /** The first day forms can be filled in, and the day conversations must be held by. */
  opensOn: IsoDate,
  deadline: IsoDate,
  positionId: Id.optional(),
  /** Generated once at launch from the job description: later changes never alter open forms. */
  forms: z.object({ self: ReviewForm, lead: ReviewForm }),
  /** When HR closed the cycle: every task of the review lapses then, so the review is recorded as it stands. */
  closedAt: Instant.optional(),
  /** The meeting the lead proposed (the invitation's sequence grows with each change). */
  meeting: z
    .object({
      date: IsoDate,
      time: z.string().regex(/^\d{2}:\d{2}$/),
      place: z.string().max(300),
      sequence: z.number().int(),
    })
    .optional(),
});
export type ReviewData = z.infer<typeof ReviewData>;

export const ReviewOutcome = z.object({
  conversationHeld: z.boolean(),
  heldOn: IsoDate.optional(),
  /** not_signed: the employee did not answer by the due date; not_held: there was nothing to sign. */
  signOff: z.enum(["agreed", "disagreed", "not_signed", "not_held"]),
  signOffComment: z.string().max(10_000).optional(),
  goals: z.array(Goal).default([]),
  trainingNeeds: z.array(z.string()).default([]),
  missedTasks: z.array(z.string()).default([]),
  closedOn: IsoDate,
});
export type ReviewOutcome = z.infer<typeof ReviewOutcome>;

export const Review = Case.extend({
  workflow: z.literal("annualReview"),
  data: ReviewData,
  outcome: ReviewOutcome.optional(),
});
export type Review = z.infer<typeof Review>;

export const asReview = (c: Case | undefined): Review | undefined =>
  c?.workflow === "annualReview" ? Review.parse(c) : undefined;

/** Assessments are due two thirds into the window: time left for the meeting and the conversation. */
export const assessmentsDueOn = (r: Pick<ReviewData, "opensOn" | "deadline">) =>
  addDays(r.opensOn, Math.floor(((daysBetweenInclusive(r.opensOn, r.deadline) - 1) * 2) / 3));

/** A conversation not held by the deadline is escalated; two weeks on it is recorded as not held. */
export const CONVERSATION_GRACE_DAYS = 14;

const opensAt = (date: string) => tallinnInstant(date, 9).toISOString();

function answersOf(tasks: HumanTask[], kind: string): Record<string, unknown> | undefined {
  return tasks.find((t) => t.kind === kind && t.status === "completed")?.answers;
}

/** Both assessments side by side, item by item: what the conversation is about. */
function bothAssessments(tasks: HumanTask[]): Array<{ label: LocalText; value: LocalText }> {
  const self = tasks.find((t) => t.kind === "review.selfAssessment");
  const lead = tasks.find((t) => t.kind === "review.leadAssessment");
  const form = lead?.form ?? self?.form;
  if (!form) return [];
  const show = (task: HumanTask | undefined, name: string, locale: "et" | "en") => {
    if (task?.status !== "completed") return locale === "et" ? "(ei esitatud)" : "(not given)";
    const value = task.answers?.[name];
    if (typeof value !== "string" || !value) return "–";
    const field = task.form.fields.find((f) => f.name === name);
    return field?.options?.find((o) => o.value === value)?.label[locale] ?? value;
  };
  const names = new Set([...(self?.form.fields ?? []), ...(lead?.form.fields ?? [])].map((f) => f.name));
  const entries: Array<{ label: LocalText; value: LocalText }> = [];
  for (const name of names) {
    const field =
      lead?.form.fields.find((f) => f.name === name) ?? self?.form.fields.find((f) => f.name === name);
    if (!field) continue;
    const both = {
      et: `töötaja: ${show(self, name, "et")} · juht: ${show(lead, name, "et")}`,
      en: `employee: ${show(self, name, "en")} · lead: ${show(lead, name, "en")}`,
    };
    if (both.et.includes("(ei esitatud)") && both.et.split("–").length > 2) continue;
    entries.push({ label: field.label, value: both });
  }
  return entries;
}

/** What the employee signs: the conversation's summary and the agreed goals. */
function conversationRecord(tasks: HumanTask[]): Array<{ label: LocalText; value: LocalText }> {
  const held = answersOf(tasks, "review.conversation");
  if (!held) return [];
  const entries: Array<{ label: LocalText; value: LocalText }> = [];
  const summary = typeof held.summary === "string" ? held.summary : "";
  if (summary)
    entries.push({ label: { et: "Kokkuvõte", en: "Summary" }, value: { et: summary, en: summary } });
  const lead = answersOf(tasks, "review.leadAssessment") ?? {};
  for (let n = 1; n <= 5; n++) {
    const text = lead[`goals_${n}_text`];
    if (typeof text !== "string" || !text) continue;
    const line = `${text} (${String(lead[`goals_${n}_measure`] ?? "")}; ${String(lead[`goals_${n}_due`] ?? "")})`;
    entries.push({ label: { et: `Eesmärk ${n}`, en: `Goal ${n}` }, value: { et: line, en: line } });
  }
  return entries;
}

const goalWindows = (r: Review): Record<string, Window> => {
  const window: Window = {
    earliest: r.data.opensOn,
    latest: addDays(r.data.opensOn, 730),
    why: "goals are for the next period",
  };
  return Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`goals_${n}_due`, window]));
};

const MEETING_FORM: FormDefinition = {
  title: { et: "Arenguvestluse aeg", en: "Time of the development conversation" },
  intro: {
    et: "Pakkuge kohtumise aeg ja koht. Teie ja töötaja saate kalendrikutse (.ics).",
    en: "Propose the meeting's time and place. You and the employee get a calendar invitation (.ics).",
  },
  fields: [
    { name: "date", type: "date", required: true, label: { et: "Kuupäev", en: "Date" } },
    {
      name: "time",
      type: "text",
      required: true,
      label: { et: "Kellaaeg (Tallinna aeg, TT:MM)", en: "Time (Tallinn time, HH:MM)" },
    },
    {
      name: "place",
      type: "text",
      required: true,
      label: { et: "Koht või videolink", en: "Place or video link" },
    },
  ],
};

const CONVERSATION_FORM: FormDefinition = {
  title: { et: "Arenguvestlus", en: "Development conversation" },
  intro: {
    et: "Pange kirja, millal vestlus toimus, ja selle kokkuvõte. Kokkulepitud eesmärgid on teie hinnangus; töötaja kinnitab kokkuvõtte.",
    en: "Record when the conversation was held and its summary. The agreed goals are in your assessment; the employee signs the record off.",
  },
  fields: [
    {
      name: "heldOn",
      type: "date",
      required: true,
      label: { et: "Vestluse kuupäev", en: "Date of the conversation" },
    },
    { name: "summary", type: "textarea", required: true, label: { et: "Kokkuvõte", en: "Summary" } },
  ],
};

export const SIGN_OFF_FORM: FormDefinition = {
  title: { et: "Arenguvestluse kinnitamine", en: "Signing off the development conversation" },
  intro: {
    et: "Lugege vestluse kokkuvõte läbi. Nõustuge sellega või kirjutage, milles te ei nõustu; seejärel on kokkuvõte lõplik.",
    en: "Read the record of the conversation. Agree with it, or write what you disagree with; the record is then final.",
  },
  fields: [
    {
      name: "response",
      type: "choice",
      required: true,
      label: { et: "Vastus", en: "Response" },
      options: [
        { value: "agreed", label: { et: "Nõustun", en: "I agree" } },
        { value: "disagreed", label: { et: "Ei nõustu", en: "I disagree" } },
      ],
    },
    { name: "comment", type: "textarea", required: false, label: { et: "Kommentaar", en: "Comment" } },
  ],
};

/**
 * Closing the cycle makes every task of its reviews lapse at once, those still to come too (each
 * step then lapses at the next sweep), so a review is recorded as it stands, never left open.
 */
export function lapseWhenClosed<C extends Case & { data: { closedAt?: string } }, K extends string>(
  rules: Record<K, TaskRule<C>>,
): Record<K, TaskRule<C>> {
  return Object.fromEntries(
    Object.entries<TaskRule<C>>(rules).map(([kind, rule]) => [
      kind,
      {
        ...rule,
        // Due the day it closed too, so the sweep (which looks at tasks due by now) lapses it.
        dueDate: (c: C, today: string) =>
          c.data.closedAt ? tallinnDate(new Date(c.data.closedAt)) : rule.dueDate(c, today),
        lapsesAt: (c: C, due: string) => c.data.closedAt ?? rule.lapsesAt(c, due),
      },
    ]),
  ) as Record<K, TaskRule<C>>;
}

export const reviewTaskRules: Record<ReviewTaskKind, TaskRule<Review>> = {
  "review.selfAssessment": {
    holder: "subject",
    dueDate: (r) => assessmentsDueOn(r.data),
    // A missing self-assessment never holds the lead back: it lapses on its due date.
    lapsesAt: (_r, due) => endOfTallinnDay(due),
    lapsedOutput: (taskId) => ({ taskId, lapsed: true }),
    lapseMeaning: { et: "töötaja ei esitanud enesehinnangut", en: "the employee gave no self-assessment" },
    form: (r) => taskFormOf(r.data.forms.self),
    answerWindows: goalWindows,
  },
  "review.leadAssessment": {
    holder: "lead",
    dueDate: (r) => assessmentsDueOn(r.data),
    lapsesAt: (_r, due) => endOfTallinnDay(due),
    lapsedOutput: (taskId) => ({ taskId, lapsed: true }),
    lapseMeaning: { et: "juht ei esitanud hinnangut", en: "the lead gave no assessment" },
    form: (r) => taskFormOf(r.data.forms.lead),
    answerWindows: goalWindows,
  },
  "review.meeting": {
    holder: "lead",
    // Proposed soon after the assessments, so the meeting fits before the deadline.
    dueDate: (r, today) => minDate(r.data.deadline, maxDate(today, addBusinessDays(today, 3))),
    lapsesAt: (r) => endOfTallinnDay(r.data.deadline),
    lapsedOutput: (taskId) => ({ taskId, lapsed: true }),
    lapseMeaning: { et: "juht ei pakkunud kohtumise aega", en: "the lead proposed no meeting time" },
    form: () => MEETING_FORM,
    context: bothAssessments,
    checkAnswers: (_r, answers) => {
      const time = String(answers.time ?? "");
      const m = /^(\d{1,2}):(\d{2})$/.exec(time);
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59)
        throw invalid("time", "must be a time of day as HH:MM, e.g. 10:00");
    },
    answerWindows: (r, today) => ({
      date: {
        earliest: today,
        latest: addDays(r.data.deadline, CONVERSATION_GRACE_DAYS),
        why: "the meeting is before the cycle ends",
      },
    }),
  },
  "review.conversation": {
    holder: "lead",
    dueDate: (r) => r.data.deadline,
    lapsesAt: (r) => endOfTallinnDay(addDays(r.data.deadline, CONVERSATION_GRACE_DAYS)),
    lapsedOutput: (taskId) => ({ taskId, held: false }),
    lapseMeaning: { et: "arenguvestlust ei peetud", en: "the development conversation was not held" },
    form: () => CONVERSATION_FORM,
    context: bothAssessments,
    answerWindows: (r, today) => ({ heldOn: happenedWindow(r.data.opensOn, today) }),
  },
  "review.signOff": {
    holder: "subject",
    dueDate: (_r, today) => addBusinessDays(today, 5),
    lapsesAt: (_r, due) => endOfTallinnDay(due),
    lapsedOutput: (taskId) => ({ taskId, lapsed: true }),
    lapseMeaning: { et: "töötaja ei kinnitanud kokkuvõtet", en: "the employee did not sign off" },
    form: () => SIGN_OFF_FORM,
    context: conversationRecord,
    // Disagreement is recorded with its reasons, or it says nothing.
    checkAnswers: (_r, answers) => {
      if (answers.response === "disagreed" && !String(answers.comment ?? "").trim())
        throw invalid("comment", "write what you disagree with when you do not agree");
    },
  },
};

export const reviewTimerDueAt = (_purpose: TimerPurpose, r: Review): string => opensAt(r.data.opensOn);

export const annualReviewWorkflow: WorkflowModule<Review> = {
  parseCase: (c) => Review.parse(c),
  taskRules: lapseWhenClosed(reviewTaskRules),
  timerDueAt: reviewTimerDueAt,
  endsOn: (r) => r.data.deadline,
};
