import { describe, expect, it } from "vitest";
import { DomainError } from "../../functions/core/errors";
import { callbackOutput, formFor, parseAnswers } from "../../functions/core/forms";
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
  it("every task kind has a form in both languages", () => {
    for (const kind of TaskKind.options) {
      const form = formFor(kind);
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
