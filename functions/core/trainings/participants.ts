// Who takes part in a training, and in which session. HR selects participants by position, by
// unit (with its sub-units), by name, or from the training requests that review cycles produce
// (a development conversation records training needs, ATS § 30(1)); the preview shows who is in,
// who is left out and why, before anything is sent. Allocation then seats them session by
// session up to each session's capacity; whoever is absent on a session's day moves on to the
// next session they can attend, and whoever finds no seat waits for the next session HR adds.
import { z } from "zod";
import { invalid } from "../errors";
import { type Absence, Employee, Id, OPEN_END_PLACEHOLDER, type Position, type Unit } from "../model";
import { fieldPath, parseOrThrow } from "../reviews/parse";
import { unitsWithin } from "../reviews/scope";
import { sessionsInOrder, type TrainingSession } from "./training";

/** A training need recorded in a review (e.g. "menetluspraktika"), as the review cycle hands it over. */
export const TrainingRequest = z.object({
  employeeId: Id,
  topic: z.string().trim().min(1, "must not be empty").max(500),
});
export type TrainingRequest = z.infer<typeof TrainingRequest>;

export const ParticipantSelection = z
  .object({
    positionIds: z.array(Id).max(10_000).default([]),
    units: z
      .array(z.object({ unitId: Id, includeSubUnits: z.boolean().default(true) }))
      .max(1000)
      .default([]),
    employeeIds: z.array(Id).max(10_000).default([]),
    requests: z.array(TrainingRequest).max(10_000).default([]),
  })
  .refine(
    (s) => s.positionIds.length + s.units.length + s.employeeIds.length + s.requests.length > 0,
    "select participants by position, unit, person or training request",
  );
export type ParticipantSelection = z.infer<typeof ParticipantSelection>;
export type ParticipantSelectionInput = z.input<typeof ParticipantSelection>;

/** How a participant came to be selected; one person may be reached several ways. */
export const SelectedVia = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("position"), positionId: Id }),
  z.object({ kind: z.literal("unit"), unitId: Id }),
  z.object({ kind: z.literal("individual") }),
  z.object({ kind: z.literal("request"), topic: z.string() }),
]);
export type SelectedVia = z.infer<typeof SelectedVia>;

/**
 * Why someone the selection reaches is not invited.
 * - already_assigned: on this training already (reached by a position or unit; naming them
 *   individually is an error instead, since then HR meant to assign them twice).
 * - trainer: gives the training.
 * - not_started: starts work after the last session.
 * - contract_ended: a fixed-term contract ends before the first session.
 * There is no "no e-mail address": the Employee schema requires one.
 */
export const ParticipantExclusion = z.enum(["already_assigned", "trainer", "not_started", "contract_ended"]);
export type ParticipantExclusion = z.infer<typeof ParticipantExclusion>;

export const ParticipantPreview = z.object({
  included: z.array(z.object({ employee: Employee, via: z.array(SelectedVia).min(1) })),
  excluded: z.array(z.object({ employee: Employee, reason: ParticipantExclusion })),
});
export type ParticipantPreview = z.infer<typeof ParticipantPreview>;

export interface ParticipantOrganisation {
  units: readonly Unit[];
  positions: readonly Position[];
  employees: readonly Employee[];
}

export interface PreviewContext {
  /** The sessions the participants are for: their dates decide not_started / contract_ended. */
  sessions: ReadonlyArray<Pick<TrainingSession, "date">>;
  /** The trainer, when an employee. */
  trainerEmployeeId?: string | undefined;
  /** Who is on this training already. */
  alreadyAssigned?: ReadonlySet<string>;
}

/**
 * The participants a selection reaches, in the organisation's order, and those left out with the
 * reason. An unknown position, unit or employee id, and a person named individually twice
 * (by id or request) or named who is on the training already, is a validation error naming the
 * id's place (`employeeIds[2]`, `requests[0].employeeId`): nothing is half-selected.
 */
export function previewParticipants(
  selectionInput: ParticipantSelectionInput,
  org: ParticipantOrganisation,
  context: PreviewContext,
): ParticipantPreview {
  const selection = parseOrThrow(ParticipantSelection, selectionInput);
  if (context.sessions.length === 0) throw invalid("sessions", "needs at least one session");
  const employees = new Map(org.employees.map((e) => [e.id, e]));
  const positions = new Map(org.positions.map((p) => [p.id, p]));
  const unitIds = new Set(org.units.map((u) => u.id));
  const already = context.alreadyAssigned ?? new Set<string>();
  const via = new Map<string, SelectedVia[]>();
  const reach = (employeeId: string, how: SelectedVia) => {
    const list = via.get(employeeId) ?? [];
    list.push(how);
    via.set(employeeId, list);
  };

  selection.positionIds.forEach((positionId, i) => {
    if (!positions.has(positionId)) throw invalid(fieldPath(["positionIds", i]), `no position ${positionId}`);
  });
  selection.units.forEach(({ unitId }, i) => {
    if (!unitIds.has(unitId)) throw invalid(fieldPath(["units", i, "unitId"]), `no unit ${unitId}`);
  });

  // Explicit names: each person at most once, and never someone already on the training.
  const named = new Map<string, string>();
  const nameExplicitly = (employeeId: string, field: string) => {
    const employee = employees.get(employeeId);
    if (!employee) throw invalid(field, `no employee ${employeeId}`);
    const earlier = named.get(employeeId);
    if (earlier !== undefined) throw invalid(field, `${employee.name} is already named at ${earlier}`);
    if (already.has(employeeId)) throw invalid(field, `${employee.name} is on this training already`);
    named.set(employeeId, field);
  };
  selection.employeeIds.forEach((employeeId, i) => {
    nameExplicitly(employeeId, fieldPath(["employeeIds", i]));
    reach(employeeId, { kind: "individual" });
  });
  selection.requests.forEach((request, i) => {
    nameExplicitly(request.employeeId, fieldPath(["requests", i, "employeeId"]));
    reach(request.employeeId, { kind: "request", topic: request.topic });
  });

  const byPosition = new Set(selection.positionIds);
  // Each selected unit with (when asked) its sub-units; a unit reached twice is counted once.
  const unitOf = new Map<string, string>();
  for (const { unitId, includeSubUnits } of selection.units)
    for (const id of unitsWithin(org.units, [unitId], includeSubUnits))
      if (!unitOf.has(id)) unitOf.set(id, unitId);
  for (const employee of org.employees) {
    const position = employee.positionId === undefined ? undefined : positions.get(employee.positionId);
    if (!position) continue;
    if (byPosition.has(position.id)) reach(employee.id, { kind: "position", positionId: position.id });
    const selectedUnit = unitOf.get(position.unitId);
    if (selectedUnit !== undefined) reach(employee.id, { kind: "unit", unitId: selectedUnit });
  }

  const dates = context.sessions.map((s) => s.date).sort();
  const first = dates[0]!;
  const last = dates.at(-1)!;
  const preview: ParticipantPreview = { included: [], excluded: [] };
  for (const employee of org.employees) {
    const how = via.get(employee.id);
    if (!how) continue;
    const reason: ParticipantExclusion | undefined = already.has(employee.id)
      ? "already_assigned"
      : employee.id === context.trainerEmployeeId
        ? "trainer"
        : employee.startDate > last
          ? "not_started"
          : employee.contractEndDate !== undefined && employee.contractEndDate < first
            ? "contract_ended"
            : undefined;
    if (reason) preview.excluded.push({ employee, reason });
    else preview.included.push({ employee, via: how });
  }
  return preview;
}

/**
 * Whether a training request is about this training's topic: one text contains the other in
 * either language, ignoring case and diacritics ("Menetlus" matches "menetluspraktika").
 */
export function requestMatchesTopic(requestTopic: string, topic: { et: string; en: string }): boolean {
  const norm = (s: string) =>
    s.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("et").replace(/\s+/g, " ").trim();
  const asked = norm(requestTopic);
  if (asked === "") return false;
  return [topic.et, topic.en].some((t) => {
    const n = norm(t);
    return n !== "" && (n.includes(asked) || asked.includes(n));
  });
}

type AbsenceSpan = Pick<Absence, "from" | "to">;

/** Whether an absence covers the date; no end (or the 9999-12-31 placeholder) is open-ended. */
export const absentOn = (absences: readonly AbsenceSpan[], date: string): boolean =>
  absences.some(
    (a) => a.from <= date && (a.to === undefined || a.to === OPEN_END_PLACEHOLDER || date <= a.to),
  );

export type AllocationSession = Pick<TrainingSession, "id" | "date" | "start" | "capacity">;

export const Seat = z.object({
  employeeId: Id,
  /** Absent on an earlier session that had room, so seated here instead (and told so). */
  movedBecauseAbsent: z.boolean(),
});
export type Seat = z.infer<typeof Seat>;

export const Allocation = z.object({
  /** Every session, in the order they take place, with who sits in it, in seating order. */
  sessions: z.array(z.object({ sessionId: Id, seats: z.array(Seat) })),
  /**
   * Who has no seat: no_room when every session they could attend is full, absent when they are
   * away on every session that still had room. They wait for the next session HR adds.
   */
  waitingList: z.array(z.object({ employeeId: Id, reason: z.enum(["no_room", "absent"]) })),
  /** Who was moved past a session because of an absence: from the first such session to the one they got. */
  moves: z.array(z.object({ employeeId: Id, fromSessionId: Id, toSessionId: Id })),
});
export type Allocation = z.infer<typeof Allocation>;

/**
 * Seats participants first come, first served: each in the first session (in date and time
 * order) that has a free seat and whose date they are not absent on. Capacity is never exceeded.
 * A session a participant skips because they are away (an absence record covering its date) is
 * reported as a move; one that is merely full is not (they were never in it). Everyone ends up in
 * exactly one session or on the waiting list. `capacity` is the seats still free, so a caller
 * re-seating movers passes what is left.
 */
export function allocate(
  sessions: readonly AllocationSession[],
  participantIds: readonly string[],
  absencesOf: (employeeId: string) => readonly AbsenceSpan[],
): Allocation {
  const seen = new Set<string>();
  participantIds.forEach((id, i) => {
    if (seen.has(id)) throw invalid(fieldPath(["participants", i]), `${id} is named twice`);
    seen.add(id);
  });
  const ordered = sessionsInOrder(sessions).map((s) => ({ session: s, seats: [] as Seat[] }));
  const result: Allocation = { sessions: [], waitingList: [], moves: [] };
  for (const employeeId of participantIds) {
    const absences = absencesOf(employeeId);
    let skippedBecauseAbsent: string | undefined;
    let seated = false;
    for (const slot of ordered) {
      if (slot.seats.length >= slot.session.capacity) continue;
      if (absentOn(absences, slot.session.date)) {
        skippedBecauseAbsent ??= slot.session.id;
        continue;
      }
      slot.seats.push({ employeeId, movedBecauseAbsent: skippedBecauseAbsent !== undefined });
      if (skippedBecauseAbsent !== undefined)
        result.moves.push({ employeeId, fromSessionId: skippedBecauseAbsent, toSessionId: slot.session.id });
      seated = true;
      break;
    }
    if (!seated)
      result.waitingList.push({
        employeeId,
        reason: skippedBecauseAbsent !== undefined ? "absent" : "no_room",
      });
  }
  result.sessions = ordered.map((slot) => ({ sessionId: slot.session.id, seats: slot.seats }));
  return result;
}
