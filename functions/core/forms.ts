// The form behind each task kind: what the page renders and what a submission must contain.
// The same definition drives the HTML page, the answers' validation and the JSON API.
import { z } from "zod";
import { formatCount, formatDate, formatList, quote } from "./i18n";
import { EARLIEST_DATE, type FormDefinition, LATEST_DATE, type Locale, type TaskKind } from "./model";
import { parseInput } from "./validation";

const forms: Partial<Record<TaskKind, FormDefinition>> = {
  "probation.midConversation": {
    title: { et: "Katseaja vahevestlus", en: "Mid-probation conversation" },
    intro: {
      et: "Pidage töötajaga silmast-silma vestlus ja kirjutage üles kokkuvõte: kuidas töö on sujunud, mis vajab tähelepanu ja millised on eesmärgid katseaja lõpuni.",
      en: "Hold a face-to-face conversation with the employee and record a summary: how the work has gone, what needs attention and the goals until the end of probation.",
    },
    fields: [
      {
        name: "heldOn",
        type: "date",
        required: true,
        label: { et: "Vestluse kuupäev", en: "Date of the conversation" },
      },
      { name: "summary", type: "textarea", required: true, label: { et: "Kokkuvõte", en: "Summary" } },
      {
        name: "goals",
        type: "textarea",
        required: false,
        label: { et: "Eesmärgid katseaja lõpuni", en: "Goals until the end of probation" },
      },
    ],
  },
  "probation.finalAssessment": {
    title: { et: "Katseaja lõpphinnang", en: "Final probation assessment" },
    intro: {
      et: "Otsustage, kas töötaja jätkab. Katseaja ebarahuldava tulemuse tõttu ütlemisel tuleb etteteatamisest teatada hiljemalt katseaja viimasel päeval, vähemalt 15 kalendripäeva ette (TLS § 96), ja põhjendus peab olema seotud katseaja eesmärgiga.",
      en: "Decide whether the employee continues. Ending the contract for an unsatisfactory probation needs notice given at the latest on the last day of probation, at least 15 calendar days ahead (TLS § 96), with reasons tied to the purpose of probation.",
    },
    fields: [
      {
        name: "summary",
        type: "textarea",
        required: true,
        label: { et: "Katseaja vestluse kokkuvõte", en: "Summary of the probation interview" },
      },
      {
        name: "decision",
        type: "choice",
        required: true,
        label: { et: "Otsus", en: "Decision" },
        options: [
          {
            value: "confirm",
            label: { et: "Töötaja on katseaja läbinud", en: "The employee has passed probation" },
          },
          {
            value: "end",
            label: { et: "Lõpetan lepingu katseajal", en: "End the contract during probation" },
          },
        ],
      },
      {
        name: "reasons",
        type: "textarea",
        required: false,
        label: { et: "Lõpetamise põhjused", en: "Reasons for ending" },
        help: { et: "Kohustuslik, kui leping lõpetatakse.", en: "Required when the contract is ended." },
      },
    ],
  },
  "probation.summaryAcknowledgement": {
    title: { et: "Katseaja vestluse kokkuvõte", en: "Summary of your probation interview" },
    intro: {
      et: "Teie vahetu juht on kirja pannud katseaja vestluse kokkuvõtte. Kinnitage, et olete sellega tutvunud, või lisage oma kommentaar (ATS § 24 lg 7).",
      en: "Your manager has written down the summary of your probation interview. Confirm that you have read it, or add your comments (ATS § 24(7)).",
    },
    fields: [
      {
        name: "response",
        type: "choice",
        required: true,
        label: { et: "Vastus", en: "Response" },
        options: [
          { value: "acknowledged", label: { et: "Olen tutvunud", en: "I have read it" } },
          { value: "commented", label: { et: "Lisan kommentaari", en: "I add comments" } },
        ],
      },
      { name: "comment", type: "textarea", required: false, label: { et: "Kommentaar", en: "Comments" } },
    ],
  },
};

export type { FormDefinition, FormField } from "./model";

/** The fixed form of a task kind; kinds whose form is generated per case (reviews) have none here. */
export const formFor = (kind: TaskKind): FormDefinition | undefined => forms[kind];

/** The longest free-text answer, in characters. */
export const MAX_ANSWER_CHARS = 10_000;

/** What is wrong with one answer; the page says it in the reader's language, naming the field's label. */
export type AnswerProblem =
  | { problem: "required" }
  | { problem: "notADate" }
  | { problem: "outOfRange"; min: string; max: string }
  | { problem: "tooLong"; max: number }
  | { problem: "notAnOption"; options: string[] }
  | { problem: "notText" }
  // TLS § 96 / ATS § 24: ending in probation needs reasons tied to the purpose of probation.
  | { problem: "reasonsRequired" }
  // ATS § 24(7): choosing to comment means writing the comment.
  | { problem: "commentRequired" };
export type AnswerIssue = AnswerProblem & { field: string };

/** Form dates lie where every stored date lies (model.ts): a year 20260 is a typo, not a date. */
const formDate = z.iso
  .date({ error: "must be a date as YYYY-MM-DD" })
  .refine((d) => d >= EARLIEST_DATE && d <= LATEST_DATE, {
    message: `must be a date between ${EARLIEST_DATE} and ${LATEST_DATE}`,
    params: { problem: "outOfRange", min: EARLIEST_DATE, max: LATEST_DATE },
  });
const text = z
  .string({ error: "must be text" })
  .trim()
  .max(MAX_ANSWER_CHARS, `must be at most ${MAX_ANSWER_CHARS} characters`);
const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(", ")}` });

const answerSchemas = {
  "probation.midConversation": z.object({
    heldOn: formDate,
    summary: text.min(1),
    goals: text.optional(),
  }),
  "probation.finalAssessment": z
    .object({ summary: text.min(1), decision: choice(["confirm", "end"]), reasons: text.optional() })
    .refine((a) => a.decision !== "end" || (a.reasons ?? "").length > 0, {
      path: ["reasons"],
      // TLS § 96 / ATS § 24: ending in probation needs reasons tied to the purpose of probation.
      message: "reasons are required when the contract is ended",
      params: { problem: "reasonsRequired" },
    }),
  "probation.summaryAcknowledgement": z
    .object({ response: choice(["acknowledged", "commented"]), comment: text.optional() })
    .refine((a) => a.response !== "commented" || (a.comment ?? "").length > 0, {
      path: ["comment"],
      message: "a comment is required when you choose to comment",
      params: { problem: "commentRequired" },
    }),
} satisfies Partial<Record<TaskKind, z.ZodType>>;

/**
 * The answers' schema of a form kept on a task, derived from its fields: required fields must be
 * there, dates are dates, choices one of the options, texts bounded; fields of one `group` (a goal:
 * what, how measured, by when) are given all together or not at all.
 */
export function derivedSchema(form: FormDefinition): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of form.fields) {
    const base =
      field.type === "date"
        ? formDate
        : field.type === "choice"
          ? choice((field.options ?? []).map((o) => o.value) as [string, ...string[]])
          : field.type === "text"
            ? text.max(1000, "must be at most 1000 characters")
            : text;
    shape[field.name] = field.required
      ? field.type === "choice" || field.type === "date"
        ? base
        : (base as typeof text).min(1)
      : base.optional();
  }
  const groups = new Map<string, string[]>();
  for (const field of form.fields) {
    if (field.group) groups.set(field.group, [...(groups.get(field.group) ?? []), field.name]);
  }
  return z.object(shape).superRefine((answers, ctx) => {
    for (const names of groups.values()) {
      const given = names.filter((n) => answers[n] !== undefined);
      if (given.length === 0 || given.length === names.length) continue;
      for (const missing of names.filter((n) => answers[n] === undefined)) {
        ctx.addIssue({
          code: "custom",
          path: [missing],
          message: `is required with ${given.join(", ")}`,
          params: { problem: "required" },
        });
      }
    }
  }) as z.ZodType<Record<string, unknown>>;
}

const derived = new WeakMap<FormDefinition, z.ZodType<Record<string, unknown>>>();
const schemaFor = (kind: TaskKind, form: FormDefinition | undefined): z.ZodType => {
  const fixed = (answerSchemas as Partial<Record<TaskKind, z.ZodType>>)[kind];
  if (fixed) return fixed;
  if (!form) throw new Error(`no form for ${kind}`);
  const known = derived.get(form);
  if (known) return known;
  const schema = derivedSchema(form);
  derived.set(form, schema);
  return schema;
};

/** Empty strings count as missing: a browser sends every field of the form, filled or not. */
const withoutEmpty = (raw: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(raw).filter(([, v]) => !(typeof v === "string" && v.trim() === "")));

/** Validates a submission; empty strings count as missing. Throws a DomainError naming the field. */
export function parseAnswers(
  kind: TaskKind,
  raw: Record<string, unknown>,
  form?: FormDefinition,
): Record<string, unknown> {
  return parseInput(schemaFor(kind, form), withoutEmpty(raw)) as Record<string, unknown>;
}

function problemOf(issue: z.core.$ZodIssue): AnswerProblem {
  const params = (issue as { params?: Record<string, unknown> }).params;
  if (params?.problem === "outOfRange")
    return { problem: "outOfRange", min: String(params.min), max: String(params.max) };
  if (params?.problem === "reasonsRequired" || params?.problem === "commentRequired")
    return { problem: params.problem };
  if (params?.problem === "required") return { problem: "required" };
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? { problem: "required" } : { problem: "notText" };
    case "invalid_format":
      return issue.format === "date" ? { problem: "notADate" } : { problem: "notText" };
    case "too_small":
      return { problem: "required" };
    case "too_big":
      return { problem: "tooLong", max: Number(issue.maximum) };
    case "invalid_value":
      return { problem: "notAnOption", options: issue.values.map(String) };
    default:
      return { problem: "notText" };
  }
}

/**
 * Everything wrong with a submission, the first problem of each field, in the form's field order:
 * what a page shows beside each field. Empty when the answers are valid.
 */
export function answerIssues(
  kind: TaskKind,
  raw: Record<string, unknown>,
  form?: FormDefinition,
): AnswerIssue[] {
  const result = schemaFor(kind, form).safeParse(withoutEmpty(raw));
  if (result.success) return [];
  const byField = new Map<string, AnswerIssue>();
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    if (!byField.has(field)) byField.set(field, { field, ...problemOf(issue) });
  }
  const order = (form ?? forms[kind])?.fields.map((f) => f.name) ?? [];
  return [...byField.values()].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/** One answer's problem in the reader's language, naming the field by its label. */
export function answerMessage(form: FormDefinition, issue: AnswerIssue, locale: Locale): string {
  const field = form.fields.find((f) => f.name === issue.field);
  const label = field?.label[locale] ?? issue.field;
  const et = locale === "et";
  const optionLabel = (value: string) =>
    quote(field?.options?.find((o) => o.value === value)?.label[locale] ?? value, locale);
  switch (issue.problem) {
    case "required":
      return et ? `${label}: kohustuslik väli` : `${label}: required`;
    case "notADate":
      return et
        ? `${label}: see ei ole kuupäev; valige kuupäev kalendrist või kirjutage see kujul AAAA-KK-PP`
        : `${label}: this is not a date; pick one from the calendar or write it as YYYY-MM-DD`;
    case "outOfRange":
      return et
        ? `${label}: kuupäev peab jääma vahemikku ${formatDate(issue.min, locale)} kuni ${formatDate(issue.max, locale)}`
        : `${label}: the date must lie between ${formatDate(issue.min, locale)} and ${formatDate(issue.max, locale)}`;
    case "tooLong":
      return et
        ? `${label}: vastus on liiga pikk, lubatud on kuni ${formatCount(issue.max, locale)} märki`
        : `${label}: the answer is too long; at most ${formatCount(issue.max, locale)} characters are allowed`;
    case "notAnOption":
      return et
        ? `${label}: valige ${formatList(issue.options.map(optionLabel), locale, "or")}`
        : `${label}: choose ${formatList(issue.options.map(optionLabel), locale, "or")}`;
    case "notText":
      return et ? `${label}: vigane väärtus` : `${label}: the value is not valid`;
    case "reasonsRequired":
      return et
        ? `${label}: kohustuslik, kui leping lõpetatakse; põhjused peavad olema seotud katseaja eesmärgiga`
        : `${label}: required when the contract is ended; the reasons must relate to the purpose of probation`;
    case "commentRequired":
      return et
        ? `${label}: kirjutage kommentaar, kui valisite kommentaari lisamise`
        : `${label}: write your comments, as you chose to add comments`;
  }
}

/** What goes back to the workflow: ids and the decision only, never free text (it lands in history). */
export function callbackOutput(taskId: string, kind: TaskKind, answers: Record<string, unknown>) {
  if (kind === "probation.finalAssessment") return { taskId, decision: answers.decision as string };
  return { taskId };
}
