// Training history (hours, dates, follow-ups due), compliance (missing mandatory trainings,
// overdue refreshers and follow-ups) and their CSV, parsed back with csv-parse.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  type AttendanceRecord,
  complianceCsv,
  complianceReport,
  historyCsv,
  hoursByEmployee,
  toCsv,
  trainingHistory,
} from "../../functions/core/trainings/history";
import { parseTraining, type Training } from "../../functions/core/trainings/training";
import { fieldOf, person } from "../support/trainings";

const base = {
  trainer: { kind: "employee", employeeId: "tiina" },
  topic: { et: "Teema", en: "Topic" },
} as const;
const menetlus: Training = parseTraining(
  {
    ...base,
    id: "menetlus",
    title: { et: "Haldusmenetlus", en: "Administrative procedure" },
    kind: "mandatory",
    mandatoryForPositionIds: ["spets"],
    sessions: [
      { id: "m1", date: "2025-03-10", start: "10:00", end: "13:30", place: "Endla 8", capacity: 10 },
      { id: "m2", date: "2026-01-20", start: "09:00", end: "12:00", place: "Endla 8", capacity: 10 },
    ],
    followUp: { kind: "everyMonths", months: 12 },
  },
  "2025-01-01",
);
const suhtlus: Training = parseTraining(
  {
    ...base,
    id: "suhtlus",
    title: { et: 'Klienditeenindus, "raske" klient', en: "Difficult customers" },
    kind: "optional",
    sessions: [{ id: "k1", date: "2026-01-12", start: "13:00", end: "15:00", place: "Tartu", capacity: 10 }],
    followUp: { kind: "afterWeeks", weeks: 8 },
  },
  "2025-01-01",
);
const trainings = [menetlus, suhtlus];
const employees = [
  person("mari", "spets", { name: "Mari Maasikas" }),
  person("jaan", "spets", { name: "Jaan Õunapuu" }),
  person("kati", "spets", { name: "Kati Käär", startDate: "2026-06-01" }),
  person("anu", "other", { name: "Anu Ümar" }),
];
const attendance: AttendanceRecord[] = [
  { employeeId: "mari", trainingId: "menetlus", sessionId: "m1", status: "attended" },
  { employeeId: "mari", trainingId: "suhtlus", sessionId: "k1", status: "attended" },
  { employeeId: "jaan", trainingId: "menetlus", sessionId: "m2", status: "no_show" },
  { employeeId: "anu", trainingId: "suhtlus", sessionId: "k1", status: "attended" },
];
const TODAY = "2026-03-16";

describe("training history", () => {
  it("lists each employee's sessions with hours, dates and the follow-up due", () => {
    const rows = trainingHistory({ employees, trainings, attendance, today: TODAY });
    expect(
      rows.map((r) => [r.employeeId, r.sessionId, r.date, r.hours, r.followUpStatus, r.followUpDueOn]),
    ).toEqual([
      ["mari", "m1", "2025-03-10", 3.5, "overdue", "2026-03-10"],
      ["mari", "k1", "2026-01-12", 2, "overdue", "2026-03-09"],
      ["jaan", "m2", "2026-01-20", 0, "none", undefined],
      ["anu", "k1", "2026-01-12", 2, "overdue", "2026-03-09"],
    ]);
    expect(hoursByEmployee(rows)).toEqual(
      new Map([
        ["mari", 5.5],
        ["jaan", 0],
        ["anu", 2],
      ]),
    );
    // One person's history is the same call with one employee.
    expect(trainingHistory({ employees: [employees[1]!], trainings, attendance, today: TODAY })).toHaveLength(
      1,
    );
  });

  it("refuses attendance that names a training or session it was not given", () => {
    const bad = [
      ...attendance,
      { employeeId: "mari", trainingId: "menetlus", sessionId: "zz", status: "attended" } as const,
    ];
    expect(fieldOf(() => trainingHistory({ employees, trainings, attendance: bad, today: TODAY }))).toBe(
      "attendance[4].sessionId",
    );
    const unknown = [
      { employeeId: "mari", trainingId: "nope", sessionId: "m1", status: "attended" } as const,
    ];
    expect(fieldOf(() => trainingHistory({ employees, trainings, attendance: unknown, today: TODAY }))).toBe(
      "attendance[0].trainingId",
    );
  });
});

describe("compliance", () => {
  it("finds who lacks a mandatory training and who is overdue for a refresher or follow-up", () => {
    const rows = complianceReport({ employees, trainings, attendance, today: TODAY });
    expect(rows.map((r) => [r.employeeId, r.trainingId, r.status, r.dueOn, r.daysOverdue])).toEqual([
      ["mari", "menetlus", "refresher_overdue", "2026-03-10", 6],
      ["mari", "suhtlus", "follow_up_overdue", "2026-03-09", 7],
      // A no-show has not completed it; someone starting in June lacks nothing yet.
      ["jaan", "menetlus", "missing", undefined, 0],
      ["anu", "suhtlus", "follow_up_overdue", "2026-03-09", 7],
    ]);
  });

  it("is clear once the refresher and the follow-up are done", () => {
    const done: AttendanceRecord[] = [
      ...attendance,
      { employeeId: "mari", trainingId: "menetlus", sessionId: "m2", status: "attended" },
      { employeeId: "jaan", trainingId: "menetlus", sessionId: "m2", status: "attended" },
    ];
    const later = parseTraining(
      {
        ...suhtlus,
        sessions: [
          ...suhtlus.sessions,
          { id: "k2", date: "2026-03-09", start: "13:00", end: "15:00", place: "Tartu", capacity: 10 },
        ],
      },
      "2026-01-01",
    );
    done.push({ employeeId: "mari", trainingId: "suhtlus", sessionId: "k2", status: "attended" });
    done.push({ employeeId: "anu", trainingId: "suhtlus", sessionId: "k2", status: "attended" });
    expect(
      complianceReport({ employees, trainings: [menetlus, later], attendance: done, today: TODAY }),
    ).toEqual([]);
  });
  it("counts a follow-up training's completions as the training it follows up", () => {
    // The follow-up training the system made for "suhtlus" and "menetlus": one session each.
    const followUpOf = (t: Training, id: string, date: string) =>
      parseTraining(
        {
          ...t,
          id,
          kind: "optional",
          mandatoryForPositionIds: [],
          sessions: [{ id: "f1", date, start: "13:00", end: "15:00", place: "Tartu", capacity: 10 }],
        },
        "2026-01-01",
      );
    const suhtlusFu = followUpOf(suhtlus, "suhtlus-fu", "2026-03-11");
    const menetlusFu = followUpOf(menetlus, "menetlus-fu", "2026-03-12");
    const countsFor = new Map([
      ["suhtlus-fu", "suhtlus"],
      ["menetlus-fu", "menetlus"],
    ]);
    const done: AttendanceRecord[] = [
      ...attendance,
      { employeeId: "mari", trainingId: "suhtlus-fu", sessionId: "f1", status: "attended" },
      { employeeId: "mari", trainingId: "menetlus-fu", sessionId: "f1", status: "attended" },
    ];
    const all = [menetlus, suhtlus, suhtlusFu, menetlusFu];
    const rows = complianceReport({ employees, trainings: all, attendance: done, today: TODAY, countsFor });
    // Mari's follow-up and refresher are done; the follow-up trainings are no trainings of their own.
    expect(rows.map((r) => [r.employeeId, r.trainingId, r.status])).toEqual([
      ["jaan", "menetlus", "missing"],
      ["anu", "suhtlus", "follow_up_overdue"],
    ]);
    // Without countsFor, the follow-ups would not count: Mari still overdue.
    expect(
      complianceReport({ employees, trainings: all, attendance: done, today: TODAY }).some(
        (r) => r.employeeId === "mari" && r.trainingId === "suhtlus",
      ),
    ).toBe(true);
    const history = trainingHistory({ employees, trainings: all, attendance: done, today: TODAY, countsFor });
    const mari = history.filter((r) => r.employeeId === "mari");
    expect(mari.find((r) => r.trainingId === "suhtlus-fu")?.followUpStatus).toBe("done");
    // The refresher renewed on 12 March 2026: next due a year later (a Friday).
    expect(mari.find((r) => r.trainingId === "menetlus")).toMatchObject({
      followUpStatus: "not_due",
      followUpDueOn: "2027-03-12",
    });
  });
});

describe("CSV", () => {
  it("quotes commas, quotes and newlines as RFC 4180 says, and keeps Estonian letters", () => {
    const tricky = 'Õun, "pirn"\nja šokolaad žürii';
    const csv = toCsv(
      ["a", "b", "c"],
      [
        [tricky, 3.5, undefined],
        ["=SUM(A1)", "-1", "ÄÖÜ õ"],
      ],
    );
    expect(csv).toBe('a,b,c\r\n"Õun, ""pirn""\nja šokolaad žürii",3.5,\r\n\'=SUM(A1),\'-1,ÄÖÜ õ\r\n');
    expect(parse(csv)).toEqual([
      ["a", "b", "c"],
      [tricky, "3.5", ""],
      ["'=SUM(A1)", "'-1", "ÄÖÜ õ"],
    ]);
    expect(toCsv(["x"], [], { bom: true }).startsWith("\uFEFFx\r\n")).toBe(true);
  });

  it("serialises history and compliance with headers in the reader's language", () => {
    const history = trainingHistory({ employees, trainings, attendance, today: TODAY });
    const et = parse(historyCsv(history, "et"), { columns: true }) as Record<string, string>[];
    expect(et).toHaveLength(4);
    expect(et[1]).toMatchObject({
      Töötaja: "Mari Maasikas",
      Koolitus: 'Klienditeenindus, "raske" klient',
      Tunnid: "2",
      Osales: "jah",
      "Järelkoolituse tähtaeg": "2026-03-09",
    });
    const en = parse(
      complianceCsv(complianceReport({ employees, trainings, attendance, today: TODAY }), "en"),
      {
        columns: true,
        bom: true,
      },
    ) as Record<string, string>[];
    expect(en[2]).toMatchObject({
      Employee: "Jaan Õunapuu",
      Training: "Administrative procedure",
      Status: "missing",
      Due: "",
    });
  });
});
