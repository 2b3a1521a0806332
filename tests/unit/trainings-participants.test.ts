// Who takes part: selection by position, unit (sub-units, loops), person and training request,
// with who is left out and why; then seating by capacity and absences, checked by examples and
// over random sessions, participants and absences.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../../functions/core/calendar";
import type { Absence } from "../../functions/core/model";
import {
  absentOn,
  allocate,
  type ParticipantSelectionInput,
  previewParticipants,
  requestMatchesTopic,
} from "../../functions/core/trainings/participants";
import { employees, fieldOf, positions, units } from "../support/trainings";

const org = { units, positions, employees };
const sessions = [{ date: "2026-03-10" }, { date: "2026-03-24" }];
const preview = (
  selection: ParticipantSelectionInput,
  extra: Partial<Parameters<typeof previewParticipants>[2]> = {},
) => previewParticipants(selection, org, { sessions, trainerEmployeeId: "tiina", ...extra });
const ids = (list: ReadonlyArray<{ employee: { id: string } }>) => list.map((x) => x.employee.id);

describe("participant selection", () => {
  it("selects a unit with its sub-units, leaving out the trainer, a late starter and an ended contract", () => {
    const p = preview({ units: [{ unitId: "tallinn" }] });
    expect(ids(p.included)).toEqual(["mari", "jaan", "eva", "peeter"]);
    expect(p.excluded.map((x) => [x.employee.id, x.reason])).toEqual([
      ["tiina", "trainer"],
      ["liis", "not_started"],
      ["ott", "contract_ended"],
    ]);
    expect(p.included[0]!.via).toEqual([{ kind: "unit", unitId: "tallinn" }]);
    expect(ids(preview({ units: [{ unitId: "tallinn", includeSubUnits: false }] }).included)).toEqual([
      "mari",
      "jaan",
    ]);
  });

  it("survives a unit tree whose parents loop", () => {
    expect(ids(preview({ units: [{ unitId: "loop-b" }] }).included)).toEqual(["lena"]);
  });

  it("merges the ways one person is reached, in the organisation's order", () => {
    const p = preview({
      positionIds: ["east-spetsialist"],
      units: [{ unitId: "tallinn-east" }],
      employeeIds: ["kati"],
      requests: [{ employeeId: "anu", topic: "haldusmenetlus" }],
    });
    expect(ids(p.included)).toEqual(["eva", "peeter", "kati", "anu"]);
    expect(p.included.find((x) => x.employee.id === "peeter")!.via).toEqual([
      { kind: "position", positionId: "east-spetsialist" },
      { kind: "unit", unitId: "tallinn-east" },
    ]);
    expect(p.included.find((x) => x.employee.id === "anu")!.via).toEqual([
      { kind: "request", topic: "haldusmenetlus" },
    ]);
  });

  it("lists someone already on the training as excluded when a position or unit reaches them", () => {
    const p = preview({ positionIds: ["tallinn-spetsialist"] }, { alreadyAssigned: new Set(["mari"]) });
    expect(ids(p.included)).toEqual(["jaan"]);
    expect(p.excluded.find((x) => x.employee.id === "mari")!.reason).toBe("already_assigned");
  });

  it("refuses unknown ids and anyone named twice, naming the field", () => {
    expect(fieldOf(() => preview({ positionIds: ["tallinn-juht", "nope"] }))).toBe("positionIds[1]");
    expect(fieldOf(() => preview({ units: [{ unitId: "nope" }] }))).toBe("units[0].unitId");
    expect(fieldOf(() => preview({ employeeIds: ["mari", "ghost"] }))).toBe("employeeIds[1]");
    expect(fieldOf(() => preview({ requests: [{ employeeId: "ghost", topic: "x" }] }))).toBe(
      "requests[0].employeeId",
    );
    expect(fieldOf(() => preview({ employeeIds: ["mari", "jaan", "mari"] }))).toBe("employeeIds[2]");
    expect(() => preview({ employeeIds: ["mari", "jaan", "mari"] })).toThrow(
      /already named at employeeIds\[0\]/,
    );
    expect(
      fieldOf(() => preview({ employeeIds: ["mari"], requests: [{ employeeId: "mari", topic: "x" }] })),
    ).toBe("requests[0].employeeId");
    expect(
      fieldOf(() => preview({ employeeIds: ["jaan", "mari"] }, { alreadyAssigned: new Set(["mari"]) })),
    ).toBe("employeeIds[1]");
    expect(fieldOf(() => preview({}))).toBe("body");
    expect(fieldOf(() => preview({ employeeIds: ["bad id!"] }))).toBe("employeeIds[0]");
  });

  it("matches training requests to a topic in either language, ignoring case and diacritics", () => {
    const topic = { et: "Haldusmenetlus", en: "Administrative procedure" };
    // An inflected form ("haldusmenetluse koolitus") still contains the topic.
    expect(requestMatchesTopic("haldusmenetluse koolitus", topic)).toBe(true);
    expect(requestMatchesTopic("tööõigus", topic)).toBe(false);
    expect(requestMatchesTopic("HALDUSMENETLUS", topic)).toBe(true);
    expect(requestMatchesTopic("menetlus", topic)).toBe(true);
    expect(requestMatchesTopic("administrative  procedure basics", topic)).toBe(true);
    expect(requestMatchesTopic("Tööõigus", { et: "tooõigus", en: "labour law" })).toBe(true);
    expect(requestMatchesTopic("   ", topic)).toBe(false);
  });
});

const S = [
  { id: "s1", date: "2026-03-10", start: "10:00", capacity: 2 },
  { id: "s2", date: "2026-03-24", start: "10:00", capacity: 2 },
];

describe("allocation", () => {
  it("fills sessions in date order up to capacity; the rest wait", () => {
    const shuffled = [S[1]!, S[0]!];
    const a = allocate(shuffled, ["a", "b", "c", "d", "e"], () => []);
    expect(a.sessions).toEqual([
      {
        sessionId: "s1",
        seats: [
          { employeeId: "a", movedBecauseAbsent: false },
          { employeeId: "b", movedBecauseAbsent: false },
        ],
      },
      {
        sessionId: "s2",
        seats: [
          { employeeId: "c", movedBecauseAbsent: false },
          { employeeId: "d", movedBecauseAbsent: false },
        ],
      },
    ]);
    expect(a.waitingList).toEqual([{ employeeId: "e", reason: "no_room" }]);
    expect(a.moves).toEqual([]);
  });

  it("moves someone absent on a session's day to the next session they can attend", () => {
    const absences: Record<string, Pick<Absence, "from" | "to">[]> = {
      a: [{ from: "2026-03-09", to: "2026-03-13" }], // sick leave over the first session
      c: [{ from: "2026-03-01", to: undefined }], // open-ended: away from both
      d: [{ from: "2026-03-24", to: "9999-12-31" }], // the placeholder is open-ended too
    };
    const a = allocate(S, ["a", "b", "c", "d"], (id) => absences[id] ?? []);
    expect(a.sessions[0]!.seats.map((s) => s.employeeId)).toEqual(["b", "d"]);
    expect(a.sessions[1]!.seats).toEqual([{ employeeId: "a", movedBecauseAbsent: true }]);
    expect(a.moves).toEqual([{ employeeId: "a", fromSessionId: "s1", toSessionId: "s2" }]);
    expect(a.waitingList).toEqual([{ employeeId: "c", reason: "absent" }]);
  });

  it("does not count a full session as a move, and refuses a participant named twice", () => {
    const a = allocate(S, ["a", "b", "c"], (id) =>
      id === "c" ? [{ from: "2026-03-10", to: "2026-03-10" }] : [],
    );
    expect(a.moves).toEqual([]);
    expect(a.sessions[1]!.seats).toEqual([{ employeeId: "c", movedBecauseAbsent: false }]);
    expect(fieldOf(() => allocate(S, ["a", "b", "a"], () => []))).toBe("participants[2]");
  });

  it("reads absences inclusively at both ends", () => {
    expect(absentOn([{ from: "2026-03-10", to: "2026-03-10" }], "2026-03-10")).toBe(true);
    expect(absentOn([{ from: "2026-03-11", to: "2026-03-12" }], "2026-03-10")).toBe(false);
    expect(absentOn([{ from: "2026-03-01", to: "2026-03-09" }], "2026-03-10")).toBe(false);
  });

  it("never overfills a session, and seats everyone exactly once or lists them as waiting", () => {
    const sessionArb = fc.record({
      offset: fc.integer({ min: 0, max: 60 }),
      start: fc.constantFrom("09:00", "13:00"),
      capacity: fc.integer({ min: 1, max: 5 }),
    });
    const absenceArb = fc.record({
      from: fc.integer({ min: -5, max: 65 }),
      length: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(sessionArb, { minLength: 1, maxLength: 6 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }),
        fc.array(fc.array(absenceArb, { maxLength: 2 }), { minLength: 41, maxLength: 41 }),
        (rawSessions, people, absenceTable) => {
          const base = "2026-04-01";
          const sessions = rawSessions.map((s, i) => ({
            id: `s${i}`,
            date: addDays(base, s.offset),
            start: s.start,
            capacity: s.capacity,
          }));
          const participantIds = people.map((p) => `p${p}`);
          const absencesOf = (id: string) =>
            absenceTable[Number(id.slice(1))]!.map((a) => ({
              from: addDays(base, a.from),
              to: a.length === undefined ? undefined : addDays(base, a.from + a.length),
            }));
          const result = allocate(sessions, participantIds, absencesOf);
          const byId = new Map(sessions.map((s) => [s.id, s]));
          const placed: string[] = [];
          for (const slot of result.sessions) {
            const session = byId.get(slot.sessionId)!;
            expect(slot.seats.length).toBeLessThanOrEqual(session.capacity);
            for (const seat of slot.seats) {
              // Nobody is seated in a session on a day they are away.
              expect(absentOn(absencesOf(seat.employeeId), session.date)).toBe(false);
              placed.push(seat.employeeId);
            }
          }
          const waiting = result.waitingList.map((w) => w.employeeId);
          expect([...placed, ...waiting].sort()).toEqual([...participantIds].sort());
          expect(new Set([...placed, ...waiting]).size).toBe(participantIds.length);
          // Every move ends where the person sits, and is flagged there.
          for (const move of result.moves) {
            const slot = result.sessions.find((s) => s.sessionId === move.toSessionId)!;
            expect(slot.seats.find((s) => s.employeeId === move.employeeId)?.movedBecauseAbsent).toBe(true);
          }
          // Someone waits for lack of room only when every session is full.
          if (result.waitingList.some((w) => w.reason === "no_room"))
            for (const slot of result.sessions)
              expect(slot.seats.length).toBe(byId.get(slot.sessionId)!.capacity);
        },
      ),
      { numRuns: 300 },
    );
  });
});
