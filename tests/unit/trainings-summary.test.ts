// Info-session summaries: due dates in business days, who receives a summary (the unit's staff
// and the department's other leads) and who may read the archive (those, and nobody else).
import { describe, expect, it } from "vitest";
import {
  departmentOf,
  mayReadSummary,
  summaryDeadlines,
  summaryRecipients,
} from "../../functions/core/trainings/summary";
import { employees, positions, units } from "../support/trainings";

const org = { units, positions, employees };
const TODAY = "2026-03-16";
const byId = (id: string) => employees.find((e) => e.id === id)!;

describe("summary deadlines", () => {
  it("is due two business days after the session, reminded the day before, escalated the day after", () => {
    expect(summaryDeadlines("2026-03-10")).toEqual({
      dueOn: "2026-03-12",
      remindOn: "2026-03-11",
      escalateOn: "2026-03-13",
    });
    // A Friday session: the weekend does not count.
    expect(summaryDeadlines("2026-03-13")).toEqual({
      dueOn: "2026-03-17",
      remindOn: "2026-03-16",
      escalateOn: "2026-03-18",
    });
  });

  it("skips Estonian public holidays (Midsummer, Christmas)", () => {
    expect(summaryDeadlines("2026-06-22")).toEqual({
      dueOn: "2026-06-26",
      remindOn: "2026-06-25",
      escalateOn: "2026-06-29",
    });
    expect(summaryDeadlines("2026-12-23")).toEqual({
      dueOn: "2026-12-29",
      remindOn: "2026-12-28",
      escalateOn: "2026-12-30",
    });
  });

  it("reminds on the due day itself when it is due the next business day, and takes other N", () => {
    expect(summaryDeadlines("2026-03-13", 1)).toEqual({
      dueOn: "2026-03-16",
      remindOn: "2026-03-16",
      escalateOn: "2026-03-17",
    });
    expect(summaryDeadlines("2026-03-10", 5).dueOn).toBe("2026-03-17");
    expect(() => summaryDeadlines("2026-03-10", 0)).toThrow(RangeError);
  });
});

describe("departments", () => {
  it("is the unit's ancestor directly below the root", () => {
    expect(departmentOf(units, "tallinn-east")).toBe("cs");
    expect(departmentOf(units, "tallinn")).toBe("cs");
    expect(departmentOf(units, "cs")).toBe("cs");
    expect(departmentOf(units, "board")).toBe("board");
    expect(departmentOf(units, "it")).toBe("it");
    // A parent chain that loops has no root: the unit is its own department.
    expect(departmentOf(units, "loop-a")).toBe("loop-a");
    expect(departmentOf([...units, { id: "x", name: "x", parentUnitId: "loop-a" }], "x")).toBe("x");
  });
});

describe("summary recipients", () => {
  it("are the unit's staff (sub-units included), then the department's other leads", () => {
    const recipients = summaryRecipients(org, { unitId: "tallinn", authorId: "tiina", today: TODAY });
    expect(recipients.map((r) => [r.employee.id, r.as])).toEqual([
      ["mari", "staff"],
      ["jaan", "staff"],
      // liis starts in September and ott's contract ended: neither gets it.
      ["eva", "staff"],
      ["peeter", "staff"],
      ["carl", "department_lead"],
      ["tom", "department_lead"],
    ]);
  });

  it("count the authoring lead out and another unit's lead in", () => {
    const recipients = summaryRecipients(org, { unitId: "tartu", authorId: "tom", today: TODAY });
    expect(recipients.map((r) => [r.employee.id, r.as])).toEqual([
      ["kati", "staff"],
      ["carl", "department_lead"],
      ["tiina", "department_lead"],
      ["eva", "department_lead"],
    ]);
  });
});

describe("who may read a unit's summaries", () => {
  it("is the unit's staff and the department's leads, and nobody else (HR included)", () => {
    const readers = employees.filter((e) => mayReadSummary(e, "tallinn", org)).map((e) => e.id);
    expect(readers).toEqual(["carl", "tiina", "mari", "jaan", "liis", "ott", "eva", "peeter", "tom"]);
    expect(mayReadSummary(byId("kati"), "tallinn", org)).toBe(false); // Tartu staff, not a lead
    expect(mayReadSummary(byId("ivo"), "tallinn", org)).toBe(false); // a lead of another department
    expect(mayReadSummary(byId("dina"), "tallinn", org)).toBe(false); // above the department
    expect(mayReadSummary(byId("hr"), "tallinn", org)).toBe(false);
    expect(mayReadSummary(byId("mari"), "tartu", org)).toBe(false);
    expect(mayReadSummary(byId("tiina"), "tartu", org)).toBe(true);
    expect(mayReadSummary(byId("mari"), "no-such-unit", org)).toBe(false);
    expect(mayReadSummary(byId("lena"), "loop-a", org)).toBe(true);
    expect(mayReadSummary(byId("mari"), "loop-a", org)).toBe(false);
  });

  it("with today, excludes people not employed that day", () => {
    const readers = employees.filter((e) => mayReadSummary(e, "tallinn", org, TODAY)).map((e) => e.id);
    expect(readers).toEqual(["carl", "tiina", "mari", "jaan", "eva", "peeter", "tom"]);
  });
});
