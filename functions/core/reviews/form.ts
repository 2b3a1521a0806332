// Review forms as data. A form is generated once from the employee's job description and the
// cycle's rating scale and kept on the task, so a later change of the job description or of the
// cycle never changes what someone is filling in; the answers' schema is derived from the stored
// form. ATS § 30(1) names what a development conversation covers: work results, development,
// training needs, next goals and feedback to the manager. Each has its place below.
import { z } from "zod";
import { addMonthsClamped } from "../calendar";
import { IsoDate, type JobDescription } from "../model";
import { CycleType, type RatingScale, RatingScale as RatingScaleSchema } from "./cycle";
import { parseOrThrow } from "./parse";

export const LocalText = z.object({ et: z.string(), en: z.string() });
export type LocalText = z.infer<typeof LocalText>;
/** A text that exists in one language only (a job description is written in Estonian). */
const same = (text: string): LocalText => ({ et: text, en: text });

/** Field names are keys in stored answers and in HTML forms: plain identifiers only. */
const FieldName = z
  .string()
  .max(64)
  .regex(/^[a-z][A-Za-z0-9_]*$/, "must be an identifier");

/** The longest free-text answer, in characters (as core/forms.ts). */
export const MAX_TEXT_CHARS = 10_000;
export const MAX_SHORT_TEXT_CHARS = 1_000;
/** A year's goals fit on a page; more than 20 are a list, not goals. */
export const MAX_GOALS = 20;
export const MAX_TOPICS = 20;

const fieldBase = {
  name: FieldName,
  label: LocalText,
  help: LocalText.optional(),
  required: z.boolean(),
};

/** A block of context shown with an item: a duty's expected results, a competency's behaviours. */
export const ItemContext = z.object({ title: LocalText, items: z.array(z.string()).min(1) });
export type ItemContext = z.infer<typeof ItemContext>;

/** Rates one duty or competency on the scale, with an optional comment. Answer: `{rating, comment?}`. */
export const RatingField = z.object({
  type: z.literal("rating"),
  ...fieldBase,
  scale: RatingScaleSchema,
  context: z.array(ItemContext).default([]),
  /** Where the item comes from in the job description (duty 3.2, competency "Meeskonnatöö"). */
  source: z.object({ kind: z.enum(["duty", "competency"]), ref: z.string() }).optional(),
});
export const TextField = z.object({
  type: z.literal("text"),
  ...fieldBase,
  maxLength: z.number().int().min(1).max(MAX_SHORT_TEXT_CHARS),
});
export const TextareaField = z.object({
  type: z.literal("textarea"),
  ...fieldBase,
  maxLength: z.number().int().min(1).max(MAX_TEXT_CHARS),
});
export const DateField = z.object({ type: z.literal("date"), ...fieldBase, min: IsoDate, max: IsoDate });
/** A list of short topics (training needs), each a line. Answer: `string[]`. */
export const ListField = z.object({
  type: z.literal("list"),
  ...fieldBase,
  maxItems: z.number().int().min(1).max(MAX_TOPICS),
});
/** Measurable goals with due dates. Answer: `Goal[]`. */
export const GoalsField = z.object({
  type: z.literal("goals"),
  ...fieldBase,
  minItems: z.number().int().min(0).max(MAX_GOALS),
  maxItems: z.number().int().min(1).max(MAX_GOALS),
  /** Goals are for the next period: due from the cycle's opening, within two years of it. */
  dueFrom: IsoDate,
  dueUntil: IsoDate,
});

/** A goal: what, how its achievement is measured, and by when. */
export const Goal = z.object({
  text: z.string().trim().min(1, "is required").max(MAX_SHORT_TEXT_CHARS),
  measure: z.string().trim().min(1, "is required").max(MAX_SHORT_TEXT_CHARS),
  dueDate: IsoDate,
});
export type Goal = z.infer<typeof Goal>;

export const GoalStatus = z.enum(["on_track", "at_risk", "done", "dropped"]);
export type GoalStatus = z.infer<typeof GoalStatus>;
export const GOAL_STATUS_LABELS: Record<GoalStatus, LocalText> = {
  on_track: { et: "Graafikus", en: "On track" },
  at_risk: { et: "Ohus", en: "At risk" },
  done: { et: "Täidetud", en: "Done" },
  dropped: { et: "Loobutud", en: "Dropped" },
};
/** A goal at risk or dropped needs a word on why: it is what the check-in is for. */
export const STATUSES_NEEDING_COMMENT: readonly GoalStatus[] = ["at_risk", "dropped"];

/** Mid-term: progress on one goal of the last annual conversation. Answer: `{status, comment?}`. */
export const GoalReviewField = z.object({ type: z.literal("goalReview"), ...fieldBase, goal: Goal });

export const ReviewFormField = z.discriminatedUnion("type", [
  RatingField,
  TextField,
  TextareaField,
  DateField,
  ListField,
  GoalsField,
  GoalReviewField,
]);
export type ReviewFormField = z.infer<typeof ReviewFormField>;

export const ReviewFormSection = z.object({
  id: FieldName,
  title: LocalText,
  intro: LocalText.optional(),
  fields: z.array(ReviewFormField).min(1),
});
export type ReviewFormSection = z.infer<typeof ReviewFormSection>;

/** self: the employee's self-assessment; lead: the lead's assessment. Both share their items. */
export const ReviewRole = z.enum(["self", "lead"]);
export type ReviewRole = z.infer<typeof ReviewRole>;

export const ReviewForm = z
  .object({
    version: z.literal(1),
    cycleType: CycleType,
    role: ReviewRole,
    title: LocalText,
    intro: LocalText,
    sections: z.array(ReviewFormSection).min(1),
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    form.sections.forEach((section, s) => {
      section.fields.forEach((field, f) => {
        if (seen.has(field.name))
          ctx.addIssue({
            code: "custom",
            path: ["sections", s, "fields", f, "name"],
            message: `field ${field.name} appears twice`,
          });
        seen.add(field.name);
      });
    });
  });
export type ReviewForm = z.infer<typeof ReviewForm>;

export const formFields = (form: ReviewForm): ReviewFormField[] => form.sections.flatMap((s) => s.fields);

// ---------------------------------------------------------------------------------------------
// Generation

/** What a form needs of its cycle. */
export interface FormCycle {
  ratingScale: RatingScale;
  opensOn: string;
  deadline: string;
}

/** Goals are for the next period: due after the cycle opens, within two years (a typo guard). */
const goalWindow = (cycle: FormCycle) => ({
  dueFrom: cycle.opensOn,
  dueUntil: addMonthsClamped(cycle.opensOn, 24),
});

const TEXT = {
  expectedResults: { et: "Oodatavad tulemused", en: "Expected results" },
  includes: { et: "Sealhulgas", en: "Including" },
  behaviours: { et: "Käitumine", en: "Behaviours" },
  description: { et: "Kirjeldus", en: "Description" },
  duties: { et: "Tööülesanded ja oodatavad tulemused", en: "Duties and expected results" },
  competencies: { et: "Kompetentsid", en: "Competencies" },
  goals: { et: "Eesmärgid järgmiseks perioodiks", en: "Goals for the next period" },
  goalsHelp: {
    et: "Iga eesmärk on mõõdetav ja tähtajaga: mida, millest on näha, et see on saavutatud, ja mis kuupäevaks.",
    en: "Each goal is measurable and has a due date: what, how you can tell it is achieved, and by when.",
  },
  development: { et: "Areng ja koolitus", en: "Development and training" },
  developmentNeeds: { et: "Arenguvajadused", en: "Development needs" },
  trainingNeeds: { et: "Koolitusvajadused", en: "Training needs" },
  trainingNeedsHelp: {
    et: "Üks teema rea kohta; personaliosakond saab need koolitussoovidena.",
    en: "One topic a line; HR receives them as training requests.",
  },
  feedback: { et: "Tagasiside juhile", en: "Feedback to the lead" },
  overall: { et: "Üldine kommentaar", en: "Overall comment" },
} as const;

/** Duty 3.2 → `duty_1`-style names: by position, so a job description's odd codes never clash. */
function dutyFields(jd: JobDescription, scale: RatingScale): ReviewFormField[] {
  return jd.duties.map((duty, i) => {
    const context: ItemContext[] = [];
    if (duty.details.length > 0) context.push({ title: TEXT.includes, items: duty.details });
    if (duty.expectedResults.length > 0)
      context.push({ title: TEXT.expectedResults, items: duty.expectedResults });
    return {
      type: "rating",
      name: `duty_${i + 1}`,
      label: same(`${duty.code} ${duty.text}`),
      required: true,
      scale,
      context,
      source: { kind: "duty", ref: duty.code },
    };
  });
}

function competencyFields(jd: JobDescription, scale: RatingScale): ReviewFormField[] {
  return jd.competencies.map((competency, i) => ({
    type: "rating",
    name: `competency_${i + 1}`,
    label: same(competency.name),
    required: true,
    scale,
    // A core competency lists behaviours; an additional one carries one description (model.ts).
    context:
      competency.behaviours.length > 0
        ? [
            {
              title: competency.kind === "core" ? TEXT.behaviours : TEXT.description,
              items: competency.behaviours,
            },
          ]
        : [],
    source: { kind: "competency", ref: competency.name },
  }));
}

const goalsField = (cycle: FormCycle, minItems: number, label: LocalText = TEXT.goals): ReviewFormField => ({
  type: "goals",
  name: "goals",
  label,
  help: TEXT.goalsHelp,
  required: minItems > 0,
  minItems,
  maxItems: MAX_GOALS,
  ...goalWindow(cycle),
});

const textarea = (name: string, label: LocalText, required = false, help?: LocalText): ReviewFormField => ({
  type: "textarea",
  name,
  label,
  required,
  maxLength: MAX_TEXT_CHARS,
  ...(help ? { help } : {}),
});

/**
 * The annual development conversation's two forms from the employee's job description: the
 * employee's self-assessment and the lead's assessment share every rated item (so they can be
 * shown side by side); the self-assessment adds feedback to the lead, and the lead, who records
 * the agreed goals, must give at least one.
 */
export function buildAnnualForms(
  jd: JobDescription,
  cycle: FormCycle,
): { self: ReviewForm; lead: ReviewForm } {
  const scale = cycle.ratingScale;
  const rated: ReviewFormSection[] = [{ id: "duties", title: TEXT.duties, fields: dutyFields(jd, scale) }];
  const competencies = competencyFields(jd, scale);
  if (competencies.length > 0)
    rated.push({ id: "competencies", title: TEXT.competencies, fields: competencies });

  const development = (): ReviewFormSection => ({
    id: "development",
    title: TEXT.development,
    fields: [
      textarea("developmentNeeds", TEXT.developmentNeeds),
      {
        type: "list",
        name: "trainingNeeds",
        label: TEXT.trainingNeeds,
        help: TEXT.trainingNeedsHelp,
        required: false,
        maxItems: MAX_TOPICS,
      },
    ],
  });

  const self: ReviewForm = {
    version: 1,
    cycleType: "annual",
    role: "self",
    title: { et: "Arenguvestlus: enesehinnang", en: "Development conversation: self-assessment" },
    intro: {
      et: `Hinnake oma tööd ametijuhendi „${jd.positionTitle}“ ülesannete ja kompetentside järgi. Juht näeb teie enesehinnangut alles siis, kui mõlemad hinnangud on esitatud.`,
      en: `Assess your work against the duties and competencies of the job description “${jd.positionTitle}”. Your lead sees your self-assessment only once both assessments are in.`,
    },
    sections: [
      ...rated,
      { id: "goals", title: TEXT.goals, fields: [goalsField(cycle, 0)] },
      development(),
      { id: "feedback", title: TEXT.feedback, fields: [textarea("feedbackToLead", TEXT.feedback)] },
    ],
  };
  const lead: ReviewForm = {
    version: 1,
    cycleType: "annual",
    role: "lead",
    title: { et: "Arenguvestlus: juhi hinnang", en: "Development conversation: lead's assessment" },
    intro: {
      et: `Hinnake töötaja tööd ametijuhendi „${jd.positionTitle}“ ülesannete ja kompetentside järgi ning pange kirja kokkulepitud eesmärgid. Töötaja enesehinnangut näete siis, kui mõlemad hinnangud on esitatud.`,
      en: `Assess the employee's work against the duties and competencies of the job description “${jd.positionTitle}” and record the agreed goals. You see the employee's self-assessment once both assessments are in.`,
    },
    sections: [
      ...rated,
      { id: "goals", title: TEXT.goals, fields: [goalsField(cycle, 1)] },
      development(),
      { id: "overall", title: TEXT.overall, fields: [textarea("overallComment", TEXT.overall)] },
    ],
  };
  return { self: ReviewForm.parse(self), lead: ReviewForm.parse(lead) };
}

/**
 * The mid-term check-in: per goal of the last annual conversation its status and a comment, plus
 * new or changed goals. Someone with no annual goals yet (a recent hire) gets the goals part only.
 */
export function buildMidtermForm(
  role: ReviewRole,
  previousGoals: readonly Goal[],
  cycle: FormCycle,
): ReviewForm {
  const goals = previousGoals.map((g) => Goal.parse(g));
  const sections: ReviewFormSection[] = [];
  if (goals.length > 0)
    sections.push({
      id: "goalProgress",
      title: { et: "Eesmärkide täitmine", en: "Progress on goals" },
      intro: {
        et: "Eesmärgid eelmisest arenguvestlusest. Ohus või loobutud eesmärgi juurde kirjutage, miks.",
        en: "Goals from the last development conversation. For a goal at risk or dropped, write why.",
      },
      fields: goals.map((goal, i) => ({
        type: "goalReview",
        name: `goal_${i + 1}`,
        label: same(goal.text),
        required: true,
        goal,
      })),
    });
  sections.push(
    {
      id: "goals",
      title: { et: "Uued või muudetud eesmärgid", en: "New or changed goals" },
      fields: [goalsField(cycle, 0, { et: "Uued või muudetud eesmärgid", en: "New or changed goals" })],
    },
    {
      id: "comments",
      title: { et: "Kommentaarid", en: "Comments" },
      fields: [textarea("comment", TEXT.overall)],
    },
  );
  const who = role === "self" ? { et: "töötaja", en: "employee" } : { et: "juht", en: "lead" };
  return ReviewForm.parse({
    version: 1,
    cycleType: "midterm",
    role,
    title: { et: `Vahevestlus (${who.et})`, en: `Mid-term check-in (${who.en})` },
    intro: {
      et: "Vaadake koos üle, kuidas eelmise arenguvestluse eesmärgid edenevad, ja leppige vajadusel kokku uued.",
      en: "Review together how the goals of the last development conversation are going, and agree new ones where needed.",
    },
    sections,
  } satisfies ReviewForm);
}

// ---------------------------------------------------------------------------------------------
// Answers

/** A browser sends every field, filled or not: an empty string is a missing answer. */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** Form posts carry numbers as text: "4" is 4, anything else stays as sent (and is refused). */
const wholeNumber = (v: unknown) => (typeof v === "string" && /^\s*-?\d{1,4}\s*$/.test(v) ? Number(v) : v);

const text = (max: number) =>
  z.preprocess(
    blank,
    z.string({ error: "must be text" }).trim().max(max, `must be at most ${max} characters`).optional(),
  );
const requiredText = (max: number) =>
  z.preprocess(
    blank,
    z.string({ error: "must be text" }).trim().max(max, `must be at most ${max} characters`),
  );

const dateWithin = (min: string, max: string) =>
  z.preprocess(
    blank,
    z.iso
      .date({ error: "must be a date as YYYY-MM-DD" })
      .refine((d) => d >= min && d <= max, `must be a date between ${min} and ${max}`),
  );

function ratingSchema(scale: RatingScale) {
  const message = `must be a whole number from ${scale.min} to ${scale.max}`;
  return z.object({
    rating: z.preprocess(
      wholeNumber,
      z.number({ error: message }).int(message).min(scale.min, message).max(scale.max, message),
    ),
    comment: text(MAX_TEXT_CHARS),
  });
}

function fieldSchema(field: ReviewFormField): z.ZodType {
  switch (field.type) {
    case "rating":
      return ratingSchema(field.scale);
    case "text":
    case "textarea":
      return field.required ? requiredText(field.maxLength) : text(field.maxLength);
    case "date":
      return dateWithin(field.min, field.max);
    case "list":
      return z.preprocess(
        // One topic a line, as a textarea sends them; blank lines are no topics.
        (v) =>
          typeof v === "string"
            ? v
                .split(/\r?\n/)
                .map((s) => s.trim())
                .filter(Boolean)
            : v,
        z
          .array(
            z
              .string({ error: "must be text" })
              .trim()
              .min(1, "is required")
              .max(200, "must be at most 200 characters"),
            {
              error: "must be a list of topics",
            },
          )
          .max(field.maxItems, `at most ${field.maxItems} topics`),
      );
    case "goals":
      return z
        .array(
          z.object({
            text: requiredText(MAX_SHORT_TEXT_CHARS),
            measure: requiredText(MAX_SHORT_TEXT_CHARS),
            dueDate: dateWithin(field.dueFrom, field.dueUntil),
          }),
          { error: "must be a list of goals" },
        )
        .min(field.minItems, `at least ${field.minItems} goal${field.minItems === 1 ? "" : "s"}`)
        .max(field.maxItems, `at most ${field.maxItems} goals`);
    case "goalReview":
      return z
        .object({
          status: z.preprocess(
            blank,
            z.enum(GoalStatus.options, { error: `must be one of ${GoalStatus.options.join(", ")}` }),
          ),
          comment: text(MAX_TEXT_CHARS),
        })
        .refine((a) => !STATUSES_NEEDING_COMMENT.includes(a.status) || (a.comment ?? "") !== "", {
          path: ["comment"],
          message: "a comment is required for a goal at risk or dropped",
        });
  }
}

/**
 * Building the schema of a full annual form takes a few milliseconds; a form object is data that
 * nobody changes once generated or read, so its schema is built once per object.
 */
const schemaCache = new WeakMap<ReviewForm, z.ZodObject<Record<string, z.ZodType>>>();

/**
 * The schema of a form's answers, derived from the stored form: one key per field, each with the
 * rules its type and settings imply (a rating within the form's scale, a goal's due date within
 * its window). Unknown keys are dropped. Text answers are trimmed; empty text is a missing answer.
 */
export function answerSchemaFor(form: ReviewForm) {
  const cached = schemaCache.get(form);
  if (cached) return cached;
  const shape: Record<string, z.ZodType> = {};
  for (const field of formFields(form)) {
    const schema = fieldSchema(field);
    // An empty goal list or topic list is as good as none when the field is optional.
    shape[field.name] = field.required ? schema : z.preprocess(blank, schema.optional());
  }
  const schema = z.object(shape);
  schemaCache.set(form, schema);
  return schema;
}

export type ReviewAnswers = Record<string, unknown>;

/** Validates a submission against its stored form; throws a DomainError naming the field (`goals[0].dueDate`). */
export function parseReviewAnswers(form: ReviewForm, raw: unknown): ReviewAnswers {
  const answers = parseOrThrow(answerSchemaFor(form), raw) as ReviewAnswers;
  // Unanswered optional fields are absent, not `undefined`: what is stored is what was said.
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined));
}
