// The info-session workflow's rules: the summary's due date in business days, when it lapses,
// when the summary task opens (the session's end in Tallinn, across daylight saving), and the
// answer checks (at least one part written; links are http(s), one per line).
import { describe, expect, it } from "vitest";
import type { Case } from "../../functions/core/model";
import { ruleFor, timerDueAtFor } from "../../functions/core/workflows";
import { type InfoSessionCase, summaryLinks } from "../../functions/core/workflows/info-session";
import { fieldOf } from "../support/trainings";

const session = (date: string, over: Partial<InfoSessionCase["data"]> = {}): Case => ({
  id: "infoSession_x",
  workflow: "infoSession",
  subjectId: "tiina",
  groupId: "info-session:tallinn",
  status: "active",
  data: {
    seriesId: "series_x",
    unitId: "tallinn",
    title: { et: "Infotund", en: "Info session" },
    session: { id: date, date, start: "10:00", end: "11:00", place: "Tallinn" },
    summaryBusinessDays: 2,
    invitees: [],
    invited: true,
    ...over,
  },
  createdAt: "2026-01-05T08:00:00.000Z",
  updatedAt: "2026-01-05T08:00:00.000Z",
  version: 1,
});
const context = { today: "2026-03-16", viaLink: true, requireSignInForContractEnd: false };

describe("info-session summary task", () => {
  it("is due N business days after the session, weekends and holidays not counted", () => {
    // Friday 13 March: due Tuesday 17 March.
    expect(ruleFor("infoSession.summary", session("2026-03-13")).dueDate("2026-03-13")).toBe("2026-03-17");
    // Monday 22 June: Võidupüha (23rd) and Jaanipäev (24th) do not count.
    expect(ruleFor("infoSession.summary", session("2026-06-22")).dueDate("2026-06-22")).toBe("2026-06-26");
    const five = session("2026-03-10", { summaryBusinessDays: 5 });
    expect(ruleFor("infoSession.summary", five).dueDate("2026-03-10")).toBe("2026-03-17");
  });

  it("lapses ten business days after its due date, at the end of that Tallinn day", () => {
    const rule = ruleFor("infoSession.summary", session("2026-03-13"));
    // 17 March + 10 business days = 31 March; midnight Tallinn (UTC+3 from 29 March).
    expect(rule.lapsesAt("2026-03-17")).toBe("2026-03-31T21:00:00.000Z");
    expect(rule.holder).toBe("self");
  });

  it("opens when the session has ended, in Tallinn time on both sides of the clock change", () => {
    expect(timerDueAtFor("infoSessionEnds", session("2026-03-24"))).toBe("2026-03-24T09:00:00.000Z");
    expect(timerDueAtFor("infoSessionEnds", session("2026-03-31"))).toBe("2026-03-31T08:00:00.000Z");
  });

  it("needs at least one of decisions, guidance or news, and http(s) links one per line", () => {
    const rule = ruleFor("infoSession.summary", session("2026-03-13"));
    expect(fieldOf(() => rule.checkAnswers({ links: "https://intra.example.ee/a" }, context))).toBe(
      "decisions",
    );
    expect(fieldOf(() => rule.checkAnswers({ news: "Uudis", links: "intra/a" }, context))).toBe("links");
    expect(() =>
      rule.checkAnswers({ guidance: "Juhend", links: "https://a.ee/x\n\nhttp://b.ee/y" }, context),
    ).not.toThrow();
    expect(summaryLinks(" https://a.ee/x \r\n\nhttp://b.ee/y\n")).toEqual([
      "https://a.ee/x",
      "http://b.ee/y",
    ]);
    expect(
      fieldOf(() => summaryLinks(Array.from({ length: 21 }, (_, i) => `https://a.ee/${i}`).join("\n"))),
    ).toBe("links");
  });
});
