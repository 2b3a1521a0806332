import { describe, expect, it } from "vitest";
import { DomainError } from "../../functions/core/errors";
import {
  answerIssues,
  answerMessage,
  callbackOutput,
  formFor,
  parseAnswers,
} from "../../functions/core/forms";
import { TaskKind } from "../../functions/core/model";

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).field;
  }
  throw new Error("expected a validation error");
};

describe("task forms", () => {
  it("every task kind with a fixed form has it in both languages (review forms are made per case)", () => {
    for (const kind of TaskKind.options.filter((k) => formFor(k))) {
      const form = formFor(kind)!;
      expect(form.title.et && form.title.en).toBeTruthy();
      for (const f of form.fields) expect(f.label.et && f.label.en).toBeTruthy();
    }
  });

  it("requires the answers and names the missing field", () => {
    expect(fieldOf(() => parseAnswers("probation.midConversation", { heldOn: "2026-03-01" }))).toBe(
      "summary",
    );
    expect(
      fieldOf(() => parseAnswers("probation.midConversation", { heldOn: "1.3.2026", summary: "ok" })),
    ).toBe("heldOn");
    expect(
      fieldOf(() => parseAnswers("probation.midConversation", { heldOn: "2026-03-01", summary: "   " })),
    ).toBe("summary");
  });

  it("ending a contract needs written reasons (TLS § 96)", () => {
    expect(fieldOf(() => parseAnswers("probation.finalAssessment", { summary: "s", decision: "end" }))).toBe(
      "reasons",
    );
    expect(
      parseAnswers("probation.finalAssessment", { summary: "s", decision: "end", reasons: "r" }),
    ).toMatchObject({ decision: "end" });
    expect(
      fieldOf(() => parseAnswers("probation.finalAssessment", { summary: "s", decision: "maybe" })),
    ).toBe("decision");
  });

  it("an official's comment needs text (ATS § 24(7))", () => {
    expect(fieldOf(() => parseAnswers("probation.summaryAcknowledgement", { response: "commented" }))).toBe(
      "comment",
    );
    expect(parseAnswers("probation.summaryAcknowledgement", { response: "acknowledged" })).toEqual({
      response: "acknowledged",
    });
  });

  it("hands the workflow ids and the decision only, never free text", () => {
    const answers = { summary: "private text", decision: "confirm" };
    expect(callbackOutput("t1", "probation.finalAssessment", answers)).toEqual({
      taskId: "t1",
      decision: "confirm",
    });
    expect(
      JSON.stringify(callbackOutput("t1", "probation.midConversation", { summary: "private" })),
    ).not.toContain("private");
  });
});

describe("what is wrong with an answer, in the reader's language", () => {
  const messages = (kind: Parameters<typeof answerIssues>[0], raw: Record<string, unknown>) =>
    Object.fromEntries(
      (["et", "en"] as const).map((locale) => [
        locale,
        answerIssues(kind, raw).map((issue) => answerMessage(formFor(kind)!, issue, locale)),
      ]),
    );

  it("names each field by its label: required, not a date, out of range, too long", () => {
    expect(answerIssues("probation.midConversation", { heldOn: "1.3.2026", summary: "" })).toEqual([
      { field: "heldOn", problem: "notADate" },
      { field: "summary", problem: "required" },
    ]);
    expect(messages("probation.midConversation", { heldOn: "1.3.2026" })).toEqual({
      et: [
        "Vestluse kuupäev: see ei ole kuupäev; valige kuupäev kalendrist või kirjutage see kujul AAAA-KK-PP",
        "Kokkuvõte: kohustuslik väli",
      ],
      en: [
        "Date of the conversation: this is not a date; pick one from the calendar or write it as YYYY-MM-DD",
        "Summary: required",
      ],
    });
    expect(
      messages("probation.midConversation", {
        heldOn: "2300-01-01",
        summary: "x",
        goals: "g".repeat(10_001),
      }),
    ).toEqual({
      et: [
        "Vestluse kuupäev: kuupäev peab jääma vahemikku 01.01.1900 kuni 31.12.2199",
        "Eesmärgid katseaja lõpuni: vastus on liiga pikk, lubatud on kuni 10\u00a0000 märki",
      ],
      en: [
        "Date of the conversation: the date must lie between 1 January 1900 and 31 December 2199",
        "Goals until the end of probation: the answer is too long; at most 10,000 characters are allowed",
      ],
    });
  });

  it("lists the options by their labels when a choice is not one of them", () => {
    expect(messages("probation.finalAssessment", { summary: "s", decision: "maybe" })).toEqual({
      et: ["Otsus: valige „Töötaja on katseaja läbinud“ või „Lõpetan lepingu katseajal“"],
      en: ["Decision: choose “The employee has passed probation” or “End the contract during probation”"],
    });
  });

  it("says the reasons are needed when ending (TLS § 96), and the comment when commenting (ATS § 24(7))", () => {
    expect(messages("probation.finalAssessment", { summary: "s", decision: "end", reasons: " " })).toEqual({
      et: [
        "Lõpetamise põhjused: kohustuslik, kui leping lõpetatakse; põhjused peavad olema seotud katseaja eesmärgiga",
      ],
      en: [
        "Reasons for ending: required when the contract is ended; the reasons must relate to the purpose of probation",
      ],
    });
    expect(messages("probation.summaryAcknowledgement", { response: "commented" })).toEqual({
      et: ["Kommentaar: kirjutage kommentaar, kui valisite kommentaari lisamise"],
      en: ["Comments: write your comments, as you chose to add comments"],
    });
  });

  it("finds nothing wrong with valid answers, and agrees with parseAnswers on the field", () => {
    expect(answerIssues("probation.midConversation", { heldOn: "2026-03-01", summary: "ok" })).toEqual([]);
    const raw = { summary: "s", decision: "end" };
    expect(fieldOf(() => parseAnswers("probation.finalAssessment", raw))).toBe(
      answerIssues("probation.finalAssessment", raw)[0]!.field,
    );
  });
});
