// A training as HR submits it: every bad input is refused naming its field, as a reader writes it
// (`sessions[1].capacity`), and the first problem is the one reported.
import { describe, expect, it } from "vitest";
import {
  parseTraining,
  sessionHours,
  sessionsInOrder,
  type TrainingInput,
} from "../../functions/core/trainings/training";
import { fieldOf } from "../support/trainings";

const TODAY = "2026-03-02";

const training = (over: Partial<TrainingInput> = {}): TrainingInput => ({
  id: "tr_menetlus",
  title: { et: "Haldusmenetluse praktikum", en: "Administrative procedure workshop" },
  topic: { et: "Haldusmenetlus", en: "Administrative procedure" },
  kind: "mandatory",
  mandatoryForPositionIds: ["tallinn-spetsialist"],
  trainer: { kind: "employee", employeeId: "tiina" },
  sessions: [
    { id: "s1", date: "2026-03-10", start: "10:00", end: "13:00", place: "Endla 8, ruum 3.14", capacity: 12 },
    {
      id: "s2",
      date: "2026-03-24",
      start: "10:00",
      end: "13:00",
      videoUrl: "https://teams.example/s2",
      capacity: 12,
    },
  ],
  followUp: { kind: "afterWeeks", weeks: 8 },
  ...over,
});

const withSession = (i: number, change: Record<string, unknown>) => {
  const base = training();
  const sessions = base.sessions!.map((s, j) => (j === i ? { ...s, ...change } : s));
  return training({ sessions } as Partial<TrainingInput>);
};

describe("training", () => {
  it("parses a valid training with its defaults", () => {
    const t = parseTraining(training({ followUp: undefined }), TODAY);
    expect(t.followUp).toEqual({ kind: "none" });
    expect(t.sessions).toHaveLength(2);
    expect(t.trainer).toEqual({ kind: "employee", employeeId: "tiina" });
    // An external provider has no mailbox of ours: the organiser HR names records attendance.
    expect(
      fieldOf(() =>
        parseTraining(training({ trainer: { kind: "external", name: "Õigusakadeemia OÜ" } }), TODAY),
      ),
    ).toBe("organiserEmployeeId");
    const external = parseTraining(
      training({ trainer: { kind: "external", name: "Õigusakadeemia OÜ" }, organiserEmployeeId: "tiina" }),
      TODAY,
    );
    expect(external.trainer).toEqual({ kind: "external", name: "Õigusakadeemia OÜ" });
    expect(external.organiserEmployeeId).toBe("tiina");
  });

  it("refuses each bad session naming the session and field", () => {
    expect(fieldOf(() => parseTraining(withSession(1, { capacity: 0 }), TODAY))).toBe("sessions[1].capacity");
    expect(fieldOf(() => parseTraining(withSession(1, { capacity: 2.5 }), TODAY))).toBe(
      "sessions[1].capacity",
    );
    expect(fieldOf(() => parseTraining(withSession(0, { end: "09:30" }), TODAY))).toBe("sessions[0].end");
    expect(fieldOf(() => parseTraining(withSession(0, { end: "10:00" }), TODAY))).toBe("sessions[0].end");
    expect(fieldOf(() => parseTraining(withSession(0, { start: "9:00" }), TODAY))).toBe("sessions[0].start");
    expect(fieldOf(() => parseTraining(withSession(1, { videoUrl: undefined }), TODAY))).toBe(
      "sessions[1].place",
    );
    expect(fieldOf(() => parseTraining(withSession(1, { videoUrl: "javascript:alert(1)" }), TODAY))).toBe(
      "sessions[1].videoUrl",
    );
    expect(fieldOf(() => parseTraining(withSession(0, { date: "2026-02-30" }), TODAY))).toBe(
      "sessions[0].date",
    );
    expect(fieldOf(() => parseTraining(withSession(1, { id: "s1" }), TODAY))).toBe("sessions[1].id");
    // 03:30 on 29 March 2026 does not exist in Tallinn (the clocks jump from 03:00 to 04:00).
    expect(fieldOf(() => parseTraining(withSession(0, { date: "2026-03-29", start: "03:30" }), TODAY))).toBe(
      "sessions[0].start",
    );
  });

  it("refuses a session in the past, relative to the given today", () => {
    expect(fieldOf(() => parseTraining(withSession(1, { date: "2026-03-01" }), TODAY))).toBe(
      "sessions[1].date",
    );
    // Today itself is not the past.
    expect(parseTraining(withSession(0, { date: TODAY }), TODAY).sessions[0]!.date).toBe(TODAY);
    expect(() => parseTraining(withSession(1, { date: "2026-03-01" }), TODAY)).toThrow(/in the past/);
  });

  it("refuses a training that contradicts itself or misses a part", () => {
    expect(fieldOf(() => parseTraining(training({ sessions: [] }), TODAY))).toBe("sessions");
    expect(fieldOf(() => parseTraining(training({ mandatoryForPositionIds: [] }), TODAY))).toBe(
      "mandatoryForPositionIds",
    );
    expect(fieldOf(() => parseTraining(training({ kind: "optional" }), TODAY))).toBe(
      "mandatoryForPositionIds",
    );
    expect(fieldOf(() => parseTraining(training({ mandatoryForPositionIds: ["a", "b", "a"] }), TODAY))).toBe(
      "mandatoryForPositionIds[2]",
    );
    expect(fieldOf(() => parseTraining(training({ title: { et: " ", en: "x" } }), TODAY))).toBe("title.et");
    expect(
      fieldOf(() => parseTraining(training({ followUp: { kind: "afterWeeks", weeks: 0 } }), TODAY)),
    ).toBe("followUp.weeks");
    expect(
      fieldOf(() =>
        parseTraining(training({ trainer: { kind: "external", name: "X", email: "no" } }), TODAY),
      ),
    ).toBe("trainer.email");
    expect(fieldOf(() => parseTraining({ ...training(), topic: undefined }, TODAY))).toBe("topic");
  });

  it("orders sessions by date and time and measures them in real hours", () => {
    const ordered = sessionsInOrder([
      { id: "c", date: "2026-04-01", start: "09:00" },
      { id: "b", date: "2026-03-10", start: "14:00" },
      { id: "a", date: "2026-03-10", start: "09:00" },
    ]);
    expect(ordered.map((s) => s.id)).toEqual(["a", "b", "c"]);
    expect(sessionHours({ date: "2026-03-10", start: "10:00", end: "13:30" })).toBe(3.5);
    expect(sessionHours({ date: "2026-03-10", start: "10:00", end: "10:40" })).toBe(0.67);
    // The night the clocks go back (25 Oct 2026) 02:00-05:00 lasts four hours; going forward, two.
    expect(sessionHours({ date: "2026-10-25", start: "02:00", end: "05:00" })).toBe(4);
    expect(sessionHours({ date: "2026-03-29", start: "02:00", end: "05:00" })).toBe(2);
  });
});
