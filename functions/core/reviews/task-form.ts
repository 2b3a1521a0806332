// A review form as a task's form: the generated review form (sections, ratings on the cycle's
// scale, goals) laid out as the plain fields every task page, mail and API already renders and
// validates (choices, dates, texts). A rating is a choice of the scale's values with a comment;
// goals are numbered groups (what, measure, due date) answered all together or not at all; a list
// of topics is one line each. `structuredAnswers` turns a submission back into the review's shape.
import type { FormDefinition, FormField } from "../model";
import type { Goal, ReviewForm, ReviewFormField } from "./form";
import { MAX_GOALS } from "./form";

/** Goal groups shown on a page: a year's goals fit in five; the form's own maximum caps it. */
export const GOALS_ON_PAGE = 5;

const COMMENT = { et: "Kommentaar", en: "Comment" };
const GOAL = (n: number) => ({ et: `Eesmärk ${n}`, en: `Goal ${n}` });
const MEASURE = (n: number) => ({ et: `Eesmärk ${n}: mõõdik`, en: `Goal ${n}: measure` });
const DUE = (n: number) => ({ et: `Eesmärk ${n}: tähtaeg`, en: `Goal ${n}: due date` });

function fieldsOf(field: ReviewFormField): FormField[] {
  switch (field.type) {
    case "rating": {
      const help = field.context.map((c) => ({
        et: `${c.title.et}: ${c.items.join("; ")}`,
        en: `${c.title.en}: ${c.items.join("; ")}`,
      }));
      return [
        {
          name: field.name,
          type: "choice",
          required: field.required,
          label: field.label,
          ...(help.length
            ? { help: { et: help.map((h) => h.et).join(" · "), en: help.map((h) => h.en).join(" · ") } }
            : {}),
          options: field.scale.labels.map((l) => ({
            value: String(l.value),
            label: { et: `${l.value} – ${l.et}`, en: `${l.value} – ${l.en}` },
          })),
        },
        { name: `${field.name}_comment`, type: "textarea", required: false, label: COMMENT },
      ];
    }
    case "goals": {
      const count = Math.min(field.maxItems, GOALS_ON_PAGE, MAX_GOALS);
      return Array.from({ length: count }, (_, i): FormField[] => {
        const n = i + 1;
        const required = i < field.minItems;
        const group = `${field.name}_${n}`;
        return [
          {
            name: `${group}_text`,
            type: "text",
            required,
            label: GOAL(n),
            group,
            ...(i === 0 && field.help ? { help: field.help } : {}),
          },
          { name: `${group}_measure`, type: "text", required, label: MEASURE(n), group },
          { name: `${group}_due`, type: "date", required, label: DUE(n), group },
        ];
      }).flat();
    }
    case "goalReview":
      return [
        {
          name: `${field.name}_status`,
          type: "choice",
          required: field.required,
          label: { et: `${field.goal.text}: seis`, en: `${field.goal.text}: status` },
          options: [
            { value: "on_track", label: { et: "Graafikus", en: "On track" } },
            { value: "at_risk", label: { et: "Ohus", en: "At risk" } },
            { value: "done", label: { et: "Täidetud", en: "Done" } },
            { value: "dropped", label: { et: "Loobutud", en: "Dropped" } },
          ],
        },
        { name: `${field.name}_comment`, type: "textarea", required: false, label: COMMENT },
      ];
    case "list":
      return [
        {
          name: field.name,
          type: "textarea",
          required: field.required,
          label: field.label,
          ...(field.help ? { help: field.help } : {}),
        },
      ];
    case "text":
    case "textarea":
    case "date":
      return [
        {
          name: field.name,
          type: field.type,
          required: field.required,
          label: field.label,
          ...(field.help ? { help: field.help } : {}),
        },
      ];
  }
}

/** The task form of a review form: every section's fields in order, each section's title on its first field. */
export function taskFormOf(form: ReviewForm): FormDefinition {
  const fields: FormField[] = [];
  for (const section of form.sections) {
    const own = section.fields.flatMap(fieldsOf);
    if (own[0]) own[0] = { ...own[0], section: section.title };
    fields.push(...own);
  }
  return { title: form.title, intro: form.intro, fields };
}

export interface StructuredAnswers {
  ratings: Array<{ name: string; rating?: number; comment?: string }>;
  goals: Goal[];
  /** Free texts by field name (development needs, feedback to the lead, overall comment). */
  texts: Record<string, string>;
  /** One topic a line. */
  trainingNeeds: string[];
}

/** A submission of a review task read back in the review's own shape. */
export function structuredAnswers(form: ReviewForm, answers: Record<string, unknown>): StructuredAnswers {
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
  const out: StructuredAnswers = { ratings: [], goals: [], texts: {}, trainingNeeds: [] };
  for (const field of form.sections.flatMap((s) => s.fields)) {
    if (field.type === "rating") {
      const rating = str(answers[field.name]);
      out.ratings.push({
        name: field.name,
        ...(rating ? { rating: Number(rating) } : {}),
        ...(str(answers[`${field.name}_comment`]) ? { comment: str(answers[`${field.name}_comment`]) } : {}),
      });
    } else if (field.type === "goals") {
      for (let n = 1; n <= GOALS_ON_PAGE; n++) {
        const text = str(answers[`${field.name}_${n}_text`]);
        const measure = str(answers[`${field.name}_${n}_measure`]);
        const dueDate = str(answers[`${field.name}_${n}_due`]);
        if (text && measure && dueDate) out.goals.push({ text, measure, dueDate });
      }
    } else if (field.type === "list" && field.name === "trainingNeeds") {
      out.trainingNeeds = String(answers[field.name] ?? "")
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .slice(0, field.maxItems);
    } else if (field.type === "textarea" || field.type === "text") {
      const value = str(answers[field.name]);
      if (value) out.texts[field.name] = value;
    }
  }
  return out;
}

/** A flat submission in the review form's own answer shapes (ratings, goal lists, topic lists), for the PDF. */
export function reviewAnswersOf(form: ReviewForm, flat: Record<string, unknown>): Record<string, unknown> {
  const structured = structuredAnswers(form, flat);
  const out: Record<string, unknown> = {};
  for (const field of form.sections.flatMap((s) => s.fields)) {
    if (field.type === "rating") {
      const r = structured.ratings.find((x) => x.name === field.name);
      if (r?.rating !== undefined)
        out[field.name] = { rating: r.rating, ...(r.comment ? { comment: r.comment } : {}) };
    } else if (field.type === "goals") out[field.name] = structured.goals;
    else if (field.type === "goalReview") {
      // A goal of the last conversation: its status and why, kept as the form's two inputs.
      const status = flat[`${field.name}_status`];
      const comment = flat[`${field.name}_comment`];
      if (typeof status === "string" && status)
        out[field.name] = { status, ...(typeof comment === "string" && comment ? { comment } : {}) };
    } else if (field.type === "list")
      out[field.name] = field.name === "trainingNeeds" ? structured.trainingNeeds : [];
    else if (typeof flat[field.name] === "string" && flat[field.name]) out[field.name] = flat[field.name];
  }
  return out;
}
