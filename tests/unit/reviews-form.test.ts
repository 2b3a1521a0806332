// Review forms generated from job descriptions (the seed's and differently shaped ones), kept as
// data, and the answer schema derived from the stored form.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../functions/core/errors";
import {
  formatParseIssues,
  parseJobDescriptionMarkdown,
} from "../../functions/core/job-description/parse-markdown";
import { JobDescription } from "../../functions/core/model";
import { DEFAULT_RATING_SCALE, type RatingScale } from "../../functions/core/reviews/cycle";
import {
  answerSchemaFor,
  buildAnnualForms,
  buildMidtermForm,
  type FormCycle,
  formFields,
  parseReviewAnswers,
  ReviewForm,
  type ReviewFormField,
} from "../../functions/core/reviews/form";

const seedText = readFileSync(
  new URL("../../functions/local/demo/ametijuhend-tallinna-klienditeeninduse-juht.md", import.meta.url),
  "utf8",
);
const parsed = parseJobDescriptionMarkdown(seedText);
if (!parsed.ok) throw new Error(formatParseIssues(parsed.errors));
const seed = parsed.value;

const cycle: FormCycle = { ratingScale: DEFAULT_RATING_SCALE, opensOn: "2026-02-02", deadline: "2026-03-31" };

/** A JD unlike the seed: no competencies, a duty without expected results, codes that repeat. */
const otherShape = JobDescription.parse({
  positionTitle: "Andmeanalüütik",
  unitName: "Analüüsiosakond",
  duties: [
    { code: "1.1", text: "Aruannete koostamine", expectedResults: ["Aruanded on õigeaegsed"] },
    { code: "1.2", text: "Ad hoc päringud", expectedResults: [] },
    {
      code: "1.2",
      text: "Päringute dokumenteerimine (kood korduvalt)",
      details: ["Confluence"],
      expectedResults: [],
    },
  ],
  requirements: {},
});

function refusedField(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("validation");
    return (error as DomainError).field;
  }
  throw new Error("expected a validation error");
}

const ratings = (form: ReviewForm) => formFields(form).filter((f) => f.type === "rating");

/** A complete, valid submission for a form: every rating at its scale's top. */
function answersFor(form: ReviewForm): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const field of formFields(form)) {
    if (field.type === "rating") answers[field.name] = { rating: field.scale.max, comment: "Hästi tehtud" };
    if (field.type === "goals")
      answers[field.name] = [
        { text: "Lühendada ooteaega", measure: "Keskmine ooteaeg alla 5 min", dueDate: "2026-12-31" },
      ];
    if (field.type === "goalReview") answers[field.name] = { status: "on_track" };
  }
  return answers;
}

describe("annual forms from the seed job description", () => {
  const { self, lead } = buildAnnualForms(seed, cycle);

  it("rates each of the 17 duties, with its expected results, and each of the 13 competencies", () => {
    const duties = ratings(lead).filter((f) => f.source?.kind === "duty");
    expect(duties.map((f) => f.source?.ref)).toEqual(seed.duties.map((d) => d.code));
    expect(duties).toHaveLength(17);
    const d32 = duties[1]!;
    expect(d32.label.et).toBe("3.2 Klienditeeninduse klienditeenindajate juhtimine ja arendamine, sh");
    expect(d32.context.map((c) => [c.title.en, c.items.length])).toEqual([
      ["Including", 5],
      ["Expected results", 7],
    ]);
    const competencies = ratings(lead).filter((f) => f.source?.kind === "competency");
    expect(competencies.map((f) => f.label.et)).toContain("Meeskonnatöö");
    expect(competencies).toHaveLength(13);
    expect(competencies.find((f) => f.label.et === "Eestvedamine")?.context[0]?.items).toHaveLength(6);
    expect(competencies.find((f) => f.label.et === "Korrektus")?.context[0]?.title.et).toBe("Kirjeldus");
    for (const field of ratings(lead)) expect(field.scale).toEqual(DEFAULT_RATING_SCALE);
  });

  it("self-assessment and lead assessment share their rated items", () => {
    expect(ratings(self)).toEqual(ratings(lead));
    expect(self.role).toBe("self");
    expect(lead.role).toBe("lead");
  });

  it("asks for goals, development and training needs (ATS § 30(1)), and the employee's feedback to the lead", () => {
    const names = (form: ReviewForm) => formFields(form).map((f) => `${f.type}:${f.name}`);
    expect(names(self)).toEqual(
      expect.arrayContaining([
        "goals:goals",
        "textarea:developmentNeeds",
        "list:trainingNeeds",
        "textarea:feedbackToLead",
      ]),
    );
    expect(names(lead)).toEqual(
      expect.arrayContaining(["goals:goals", "textarea:developmentNeeds", "list:trainingNeeds"]),
    );
    expect(names(lead)).not.toContain("textarea:feedbackToLead");
    const goals = (form: ReviewForm) =>
      formFields(form).find((f) => f.name === "goals") as Extract<ReviewFormField, { type: "goals" }>;
    // The lead records the agreed goals: at least one; the employee may propose some.
    expect(goals(lead)).toMatchObject({
      required: true,
      minItems: 1,
      dueFrom: "2026-02-02",
      dueUntil: "2028-02-02",
    });
    expect(goals(self)).toMatchObject({ required: false, minItems: 0 });
  });

  it("is data: stored as JSON and read back, it derives the same answer rules", () => {
    const stored = ReviewForm.parse(JSON.parse(JSON.stringify(lead)));
    expect(stored).toEqual(lead);
    const answers = answersFor(stored);
    expect(parseReviewAnswers(stored, answers)).toEqual(parseReviewAnswers(lead, answers));
    expect(refusedField(() => parseReviewAnswers(stored, { ...answers, duty_5: { rating: 6 } }))).toBe(
      "duty_5.rating",
    );
  });

  it("refuses a form whose field names repeat", () => {
    const twice = structuredClone(lead);
    twice.sections[0]!.fields.push(twice.sections[0]!.fields[0]!);
    expect(ReviewForm.safeParse(twice).success).toBe(false);
  });
});

describe("annual forms from a job description of another shape", () => {
  const { self, lead } = buildAnnualForms(otherShape, cycle);

  it("has no competency section when there are no competencies", () => {
    expect(lead.sections.map((s) => s.id)).toEqual(["duties", "goals", "development", "overall"]);
    expect(self.sections.map((s) => s.id)).toEqual(["duties", "goals", "development", "feedback"]);
  });

  it("rates a duty without expected results with no empty context, and names repeated codes apart", () => {
    const fields = ratings(lead);
    expect(fields.map((f) => f.name)).toEqual(["duty_1", "duty_2", "duty_3"]);
    expect(fields.map((f) => f.source?.ref)).toEqual(["1.1", "1.2", "1.2"]);
    expect(fields[0]!.context).toEqual([
      { title: { et: "Oodatavad tulemused", en: "Expected results" }, items: ["Aruanded on õigeaegsed"] },
    ]);
    expect(fields[1]!.context).toEqual([]);
    expect(fields[2]!.context.map((c) => c.title.en)).toEqual(["Including"]);
  });

  it("uses the cycle's own scale", () => {
    const fourSteps: RatingScale = {
      min: 0,
      max: 3,
      labels: [
        { value: 0, et: "Puudub", en: "None" },
        { value: 1, et: "Algtase", en: "Basic" },
        { value: 2, et: "Hea", en: "Good" },
        { value: 3, et: "Väga hea", en: "Very good" },
      ],
    };
    const form = buildAnnualForms(otherShape, { ...cycle, ratingScale: fourSteps }).lead;
    const answers = answersFor(form);
    expect(parseReviewAnswers(form, { ...answers, duty_2: { rating: 0 } })).toMatchObject({
      duty_2: { rating: 0 },
    });
    expect(refusedField(() => parseReviewAnswers(form, { ...answers, duty_2: { rating: 4 } }))).toBe(
      "duty_2.rating",
    );
  });
});

describe("answers derived from the stored form", () => {
  const { self, lead } = buildAnnualForms(seed, cycle);
  const valid = answersFor(lead);

  it("accepts a complete submission, trims text, reads form numbers and one-topic-a-line lists", () => {
    const parsed = parseReviewAnswers(lead, {
      ...valid,
      duty_1: { rating: "4", comment: "  Tubli  " },
      trainingNeeds: "Haldusmenetlus\n\n  Konfliktide lahendamine \n",
      developmentNeeds: "",
      unexpected: "dropped",
    });
    expect(parsed.duty_1).toEqual({ rating: 4, comment: "Tubli" });
    expect(parsed.trainingNeeds).toEqual(["Haldusmenetlus", "Konfliktide lahendamine"]);
    expect(parsed).not.toHaveProperty("developmentNeeds");
    expect(parsed).not.toHaveProperty("unexpected");
  });

  it("refuses a rating outside the scale, naming the field", () => {
    for (const rating of [0, 6, 2.5, "5.0", "viis", -1, null]) {
      expect(refusedField(() => parseReviewAnswers(lead, { ...valid, competency_3: { rating } }))).toBe(
        "competency_3.rating",
      );
    }
    expect(() => parseReviewAnswers(lead, { ...valid, duty_2: { rating: 9 } })).toThrowError(
      "duty_2.rating: must be a whole number from 1 to 5",
    );
    expect(refusedField(() => parseReviewAnswers(lead, { ...valid, duty_17: undefined }))).toBe("duty_17");
  });

  it("refuses a goal without a due date, naming goals[i].dueDate", () => {
    const goals = [
      { text: "Juhendada kahte uut töötajat", measure: "Mõlemad iseseisvad", dueDate: "2026-09-30" },
      { text: "Lühendada ooteaega", measure: "Keskmine alla 5 minuti" },
    ];
    expect(() => parseReviewAnswers(lead, { ...valid, goals })).toThrowError(
      expect.objectContaining({ field: "goals[1].dueDate", message: "goals[1].dueDate: is required" }),
    );
    expect(
      refusedField(() => parseReviewAnswers(lead, { ...valid, goals: [{ ...goals[0], dueDate: "" }] })),
    ).toBe("goals[0].dueDate");
    expect(
      refusedField(() =>
        parseReviewAnswers(lead, { ...valid, goals: [{ ...goals[0], dueDate: "30.09.2026" }] }),
      ),
    ).toBe("goals[0].dueDate");
    // Goals are for the next period: not before the cycle opened, not decades ahead.
    expect(
      refusedField(() =>
        parseReviewAnswers(lead, { ...valid, goals: [{ ...goals[0], dueDate: "2025-12-31" }] }),
      ),
    ).toBe("goals[0].dueDate");
    expect(
      refusedField(() =>
        parseReviewAnswers(lead, { ...valid, goals: [{ ...goals[0], dueDate: "2062-09-30" }] }),
      ),
    ).toBe("goals[0].dueDate");
    expect(
      refusedField(() => parseReviewAnswers(lead, { ...valid, goals: [{ ...goals[0], measure: "  " }] })),
    ).toBe("goals[0].measure");
  });

  it("the lead must record at least one goal; the employee need not propose any", () => {
    expect(refusedField(() => parseReviewAnswers(lead, { ...valid, goals: [] }))).toBe("goals");
    expect(refusedField(() => parseReviewAnswers(lead, { ...valid, goals: undefined }))).toBe("goals");
    const selfAnswers = { ...answersFor(self), goals: [] };
    expect(parseReviewAnswers(self, selfAnswers)).toMatchObject({ goals: [] });
  });

  it("answerSchemaFor returns a zod schema with the field paths of its issues", () => {
    const result = answerSchemaFor(lead).safeParse({ ...valid, duty_3: { rating: 7 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["duty_3", "rating"]);
  });
});

describe("mid-term check-in form", () => {
  const previous = [
    { text: "Juhendada kahte uut töötajat", measure: "Mõlemad töötavad iseseisvalt", dueDate: "2026-09-30" },
    { text: "Viia läbi infotunnid", measure: "Igal kuul üks", dueDate: "2026-12-31" },
  ];
  const form = buildMidtermForm("lead", previous, {
    ...cycle,
    opensOn: "2026-08-03",
    deadline: "2026-09-15",
  });

  it("asks per previous goal its status and a comment, then new or changed goals", () => {
    expect(form.cycleType).toBe("midterm");
    expect(form.sections.map((s) => s.id)).toEqual(["goalProgress", "goals", "comments"]);
    const reviews = formFields(form).filter((f) => f.type === "goalReview");
    expect(reviews.map((f) => [f.name, f.goal.text])).toEqual([
      ["goal_1", previous[0]!.text],
      ["goal_2", previous[1]!.text],
    ]);
    expect(formFields(form).find((f) => f.name === "goals")).toMatchObject({ required: false, minItems: 0 });
    expect(formFields(form).some((f) => f.type === "rating")).toBe(false);
  });

  it("a goal at risk or dropped needs a comment; an unknown status is refused", () => {
    const ok = { goal_1: { status: "done" }, goal_2: { status: "at_risk", comment: "Ruumid puuduvad" } };
    expect(parseReviewAnswers(form, ok)).toMatchObject({ goal_2: { status: "at_risk" } });
    expect(refusedField(() => parseReviewAnswers(form, { ...ok, goal_2: { status: "dropped" } }))).toBe(
      "goal_2.comment",
    );
    expect(refusedField(() => parseReviewAnswers(form, { ...ok, goal_1: { status: "late" } }))).toBe(
      "goal_1.status",
    );
    expect(refusedField(() => parseReviewAnswers(form, { goal_2: ok.goal_2 }))).toBe("goal_1");
    expect(
      refusedField(() => parseReviewAnswers(form, { ...ok, goals: [{ text: "Uus", measure: "Mõõdik" }] })),
    ).toBe("goals[0].dueDate");
  });

  it("without goals from an annual conversation it asks for goals only", () => {
    const fresh = buildMidtermForm("self", [], cycle);
    expect(fresh.sections.map((s) => s.id)).toEqual(["goals", "comments"]);
    expect(parseReviewAnswers(fresh, {})).toEqual({});
  });
});
