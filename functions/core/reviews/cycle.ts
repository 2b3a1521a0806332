// A review cycle as HR defines it: which conversations (annual development conversation or
// mid-term check-in), for whom, in which window, on which rating scale, who is left out and how
// holders of its tasks are reminded. ATS § 30(1) requires a development conversation with the
// direct manager at least once a year; the annual cycle is how HR makes sure it happens.
import { z } from "zod";
import { addMonthsClamped } from "../calendar";
import { Id, IsoDate } from "../model";
import { parseOrThrow } from "./parse";

/** annual: aastavestlus / arenguvestlus; midterm: vahevestlus on the annual conversation's goals. */
export const CycleType = z.enum(["annual", "midterm"]);
export type CycleType = z.infer<typeof CycleType>;

const Title = z.string().trim().min(1, "must not be empty").max(200);
/** A text HR writes in both languages, since every mail and page is in its reader's language. */
export const CycleTitle = z.object({ et: Title, en: Title });
export type CycleTitle = z.infer<typeof CycleTitle>;

/**
 * Who the cycle is for. Units may include their sub-units (a department with its service
 * offices); positions name exact posts (e.g. every lead position).
 */
export const CycleScope = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("organisation") }),
    z.object({
      kind: z.literal("units"),
      unitIds: z.array(Id).min(1, "name at least one unit").max(1000),
      includeSubUnits: z.boolean().default(true),
    }),
    z.object({
      kind: z.literal("positions"),
      positionIds: z.array(Id).min(1, "name at least one position").max(10_000),
    }),
  ],
  { error: "must be organisation, units or positions" },
);
export type CycleScope = z.infer<typeof CycleScope>;

const Label = z.string().trim().min(1, "must not be empty").max(80);
export const RatingLabel = z.object({ value: z.number().int(), et: Label, en: Label });
export type RatingLabel = z.infer<typeof RatingLabel>;

/** Fewer than 2 steps rates nothing; more than 10 stops meaning anything to the people rating. */
export const MIN_SCALE_STEPS = 2;
export const MAX_SCALE_STEPS = 10;

/**
 * The rating scale of every item in the cycle's forms: whole numbers min..max, each with a label
 * in both languages, in order. It is copied onto every form, so changing a cycle's scale later
 * never changes what someone already rated.
 */
export const RatingScale = z
  .object({
    min: z.number().int().min(0).max(100),
    max: z.number().int().min(0).max(100),
    labels: z.array(RatingLabel).min(MIN_SCALE_STEPS).max(MAX_SCALE_STEPS),
  })
  .superRefine((scale, ctx) => {
    const steps = scale.max - scale.min + 1;
    if (steps < MIN_SCALE_STEPS || steps > MAX_SCALE_STEPS) {
      ctx.addIssue({
        code: "custom",
        path: ["max"],
        message: `the scale must have ${MIN_SCALE_STEPS} to ${MAX_SCALE_STEPS} steps (min ${scale.min}, max ${scale.max})`,
      });
      return;
    }
    if (scale.labels.length !== steps) {
      ctx.addIssue({
        code: "custom",
        path: ["labels"],
        message: `needs one label for each value ${scale.min} to ${scale.max} (${steps}), got ${scale.labels.length}`,
      });
      return;
    }
    scale.labels.forEach((label, i) => {
      if (label.value !== scale.min + i)
        ctx.addIssue({
          code: "custom",
          path: ["labels", i, "value"],
          message: `must be ${scale.min + i}: labels go in order from ${scale.min} to ${scale.max}`,
        });
    });
  });
export type RatingScale = z.infer<typeof RatingScale>;

/** The usual Estonian public-sector five-step scale, worded for ratings against expectations. */
export const DEFAULT_RATING_SCALE: RatingScale = {
  min: 1,
  max: 5,
  labels: [
    { value: 1, et: "Ei vasta ootustele", en: "Does not meet expectations" },
    { value: 2, et: "Vastab ootustele osaliselt", en: "Partly meets expectations" },
    { value: 3, et: "Vastab ootustele", en: "Meets expectations" },
    { value: 4, et: "Ületab ootusi", en: "Exceeds expectations" },
    { value: 5, et: "Ületab ootusi oluliselt", en: "Far exceeds expectations" },
  ],
};

/** The label of a value on the scale, in the reader's language; undefined off the scale. */
export const ratingLabel = (scale: RatingScale, value: number, locale: "et" | "en") =>
  scale.labels.find((l) => l.value === value)?.[locale];

/**
 * Who is left out even when in scope. Both default on: a person in probation has their
 * probation conversations instead, and someone away for the whole window (parental leave, long
 * sickness) cannot hold a conversation in it.
 */
export const ExclusionSettings = z.object({
  excludeOnProbation: z.boolean().default(true),
  excludeAbsentWholeWindow: z.boolean().default(true),
});
export type ExclusionSettings = z.infer<typeof ExclusionSettings>;

/**
 * Reminders go to whoever holds a task N business days before it is due and on the due date;
 * after the deadline the lead's manager is told (escalation). Business days skip weekends and
 * Estonian public holidays (calendar.ts). 20 business days is about a month: more is no reminder.
 */
export const ReminderSettings = z.object({
  businessDaysBefore: z.number().int().min(0).max(20).default(3),
  escalateAfterDeadline: z.boolean().default(true),
});
export type ReminderSettings = z.infer<typeof ReminderSettings>;

/** A window longer than a year would overlap the next annual cycle (ATS § 30(1): yearly). */
export const MAX_WINDOW_MONTHS = 12;

export const CycleDefinition = z
  .object({
    type: CycleType,
    title: CycleTitle,
    scope: CycleScope,
    /** The first day forms can be filled in (Tallinn date). */
    opensOn: IsoDate,
    /** The last day of the cycle: conversations not held by then are escalated, then recorded as not held. */
    deadline: IsoDate,
    ratingScale: RatingScale.default(DEFAULT_RATING_SCALE),
    exclusions: ExclusionSettings.default({ excludeOnProbation: true, excludeAbsentWholeWindow: true }),
    reminders: ReminderSettings.default({ businessDaysBefore: 3, escalateAfterDeadline: true }),
  })
  .superRefine((cycle, ctx) => {
    if (cycle.deadline < cycle.opensOn) {
      ctx.addIssue({
        code: "custom",
        path: ["deadline"],
        message: `must not be before opensOn (${cycle.opensOn}); got ${cycle.deadline}`,
      });
    } else if (cycle.deadline > addMonthsClamped(cycle.opensOn, MAX_WINDOW_MONTHS)) {
      ctx.addIssue({
        code: "custom",
        path: ["deadline"],
        message: `must be at most ${MAX_WINDOW_MONTHS} months after opensOn (${cycle.opensOn}): a longer window overlaps the next yearly cycle; got ${cycle.deadline}`,
      });
    }
  });
export type CycleDefinition = z.infer<typeof CycleDefinition>;
/** What HR sends: the defaults may be left out. */
export type CycleDefinitionInput = z.input<typeof CycleDefinition>;

/** Parses HR's cycle definition; the first problem is a validation DomainError naming its field. */
export const parseCycleDefinition = (input: unknown): CycleDefinition => parseOrThrow(CycleDefinition, input);
