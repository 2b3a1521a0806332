// Trainings (koolitused) that HR assigns: define, preview who a selection reaches, assign them to
// sessions (capacity enforced, whoever is away on a session's day moved to the next and told),
// participants confirm or ask for another session through a signed link, the trainer records
// attendance (core/workflows/training.ts), completions land on each participant's training
// record with the follow-up due by the training's rule, no-shows are offered the next session,
// and HR sees each employee's history and who lacks a mandatory training, as JSON and CSV.
//
// Each session is a case of the `training` workflow whose id follows from the training and the
// session, so assigning again (or after a crash) finds the same case and seats nobody twice.
import { audit, SYSTEM } from "../audit";
import { tallinnDate } from "../calendar";
import type { Deps } from "../deps";
import { DomainError, invalid, notFound } from "../errors";
import { idFor, newId } from "../ids";
import { hrMail, trainingSessionMail } from "../mails";
import type { Actor, Employee } from "../model";
import { policy, type User } from "../policy";
import { ConditionFailed, type OutgoingMail } from "../ports";
import { seatLinkUrls } from "../record-links";
import type { IcsFile } from "../reviews/ics";
import { tallinnWallClockInstant } from "../reviews/ics";
import { followUpDueDate } from "../trainings/follow-up";
import { complianceCsv, complianceReport, historyCsv, trainingHistory } from "../trainings/history";
import { sessionCancellation, sessionRequest } from "../trainings/invites";
import {
  absentOn,
  allocate,
  type ParticipantSelectionInput,
  previewParticipants,
} from "../trainings/participants";
import { type TrainingRecord, trainingGroup } from "../trainings/record";
import { parseTraining, sessionsInOrder, type TrainingSession } from "../trainings/training";
import {
  asTrainingSession,
  attendanceField,
  type SessionSeat,
  seated,
  type TrainingSessionCase,
} from "../workflows/training";
import { cancelCase, changeCase, ensureStarted } from "./cases";
import { composeMail, dispatchMails } from "./mail-queue";

type TrainingDeps = Pick<Deps, "store" | "clock" | "mailer" | "engine" | "logger" | "config">;

const now = (deps: Pick<Deps, "clock">) => deps.clock.now().toISOString();
const todayOf = (deps: Pick<Deps, "clock">) => tallinnDate(deps.clock.now());

/** The case of one session of a training: always the same id, so a second assignment finds it. */
export const sessionCaseIdOf = (trainingId: string, sessionId: string) =>
  idFor("training", trainingId, sessionId);

const trainerOf = (t: TrainingRecord) =>
  t.definition.trainer.kind === "employee" ? t.definition.trainer.employeeId : undefined;

export async function getTrainingRecord(deps: Pick<Deps, "store">, id: string): Promise<TrainingRecord> {
  const training = await deps.store.getTraining(id);
  if (!training) throw notFound("training", id);
  return training;
}

/** HR, or the training's own trainer; anyone else is told it does not exist. */
export async function readTraining(deps: Pick<Deps, "store">, user: User, id: string) {
  const training = await deps.store.getTraining(id);
  if (!training || !policy.mayReadTraining(user, { trainerEmployeeId: trainerOf(training) }))
    throw notFound("training", id);
  const sessions = await sessionCasesOf(deps, id);
  return {
    ...training,
    sessions: sessions.map((c) => ({
      sessionId: c.data.session.id,
      caseId: c.id,
      status: c.status,
      seats: c.data.seats.map(({ employeeId, name, status, confirmation, movedBecause }) => ({
        employeeId,
        name,
        status,
        confirmation,
        ...(movedBecause ? { movedBecause } : {}),
      })),
      ...(c.outcome ? { outcome: c.outcome } : {}),
    })),
  };
}

/** HR sees every training; a trainer the ones they give. */
export async function listTrainings(deps: Pick<Deps, "store">, user: User) {
  return (await deps.store.listTrainings()).filter((t) =>
    policy.mayReadTraining(user, { trainerEmployeeId: trainerOf(t) }),
  );
}

/**
 * HR defines a training. Session ids may be left out (s1, s2, ... in the order given). No session
 * may lie in the past, a session ends after it starts, a capacity is at least 1; the first problem
 * is refused naming its field (`sessions[1].capacity`) and nothing is stored.
 */
export async function createTraining(deps: TrainingDeps, actor: Actor, input: unknown) {
  const body = (input ?? {}) as Record<string, unknown>;
  const sessions = Array.isArray(body.sessions)
    ? body.sessions.map((s, i) =>
        s && typeof s === "object" && !("id" in s) ? { ...(s as object), id: `s${i + 1}` } : s,
      )
    : body.sessions;
  const id = newId("training", deps.clock.now().getTime());
  const definition = parseTraining({ ...body, id, sessions }, todayOf(deps));
  if (definition.trainer.kind === "external")
    // The attendance list needs someone with a mailbox and a substitute chain: an external
    // provider's list is HR's to keep, which is not built yet.
    throw invalid(
      "trainer.kind",
      "an external trainer is not supported yet; name the employee who organises it",
    );
  if (!(await deps.store.getEmployee(definition.trainer.employeeId)))
    throw invalid("trainer.employeeId", `no employee ${definition.trainer.employeeId}`);
  for (const [i, positionId] of definition.mandatoryForPositionIds.entries())
    if (!(await deps.store.getPosition(positionId)))
      throw invalid(`mandatoryForPositionIds[${i}]`, `no position ${positionId}`);
  const training: TrainingRecord = {
    id,
    definition,
    status: "active",
    waitingList: [],
    attendance: [],
    followUps: [],
    createdBy: actor.id,
    createdAt: now(deps),
    updatedAt: now(deps),
    version: 1,
  };
  await deps.store.createTraining(training);
  await audit(deps, {
    entityType: "case",
    entityId: id,
    actor,
    action: "training.created",
    changes: ["definition"],
  });
  return training;
}

async function sessionCasesOf(deps: Pick<Deps, "store">, trainingId: string) {
  return (await deps.store.listCasesInGroup(trainingGroup(trainingId))).flatMap(
    (c) => asTrainingSession(c) ?? [],
  );
}

/** Sessions still ahead: nobody is invited to one that has begun. */
const upcoming = (deps: Pick<Deps, "clock">, sessions: readonly TrainingSession[]) =>
  sessionsInOrder(sessions).filter(
    (s) => tallinnWallClockInstant(s.date, s.start, "start").getTime() > deps.clock.now().getTime(),
  );

/** Who is on the training already: seated in a session (the waiting list may be assigned again). */
const assignedIn = (cases: readonly TrainingSessionCase[]) =>
  new Set(cases.flatMap((c) => seated(c).map((s) => s.employeeId)));

async function organisation(deps: Pick<Deps, "store">) {
  const [units, positions, employees] = await Promise.all([
    deps.store.listUnits(),
    deps.store.listPositions(),
    deps.store.listEmployees(),
  ]);
  return { units, positions, employees };
}

/** Who a selection reaches now, who is left out and why; nothing is sent. */
export async function previewTraining(deps: TrainingDeps, id: string, selection: unknown) {
  const training = await getTrainingRecord(deps, id);
  const org = await organisation(deps);
  const preview = previewParticipants(selection as ParticipantSelectionInput, org, {
    sessions: upcoming(deps, training.definition.sessions),
    trainerEmployeeId: trainerOf(training),
    alreadyAssigned: assignedIn(await sessionCasesOf(deps, id)),
  });
  const person = (e: Employee) => ({ id: e.id, name: e.name, positionId: e.positionId });
  return {
    included: preview.included.map(({ employee, via }) => ({ ...person(employee), via })),
    excluded: preview.excluded.map(({ employee, reason }) => ({ ...person(employee), reason })),
  };
}

interface SeatContext {
  training: TrainingRecord;
  employees: ReadonlyMap<string, Employee>;
}

/** The invitation of a new seat, with the participant's links (calendar file, confirm page). */
function invitationMail(
  deps: TrainingDeps,
  ctx: SeatContext,
  c: TrainingSessionCase,
  seat: SessionSeat,
): OutgoingMail[] {
  const to = ctx.employees.get(seat.employeeId);
  if (!to) return [];
  const { session } = c.data;
  return [
    trainingSessionMail(
      to,
      {
        event: "invited",
        because: seat.movedBecause,
        title: c.data.title,
        date: session.date,
        start: session.start,
        end: session.end,
        place: session.place ?? session.videoUrl,
      },
      seatLinkUrls(deps, c.id, seat.employeeId),
    ),
  ];
}

function seatGoneMail(
  deps: TrainingDeps,
  ctx: SeatContext,
  c: TrainingSessionCase,
  employeeId: string,
  event: "movedAway" | "cancelled",
): OutgoingMail[] {
  const to = ctx.employees.get(employeeId);
  if (!to) return [];
  const { session } = c.data;
  return [
    trainingSessionMail(
      to,
      {
        event,
        title: c.data.title,
        date: session.date,
        start: session.start,
        end: session.end,
        place: session.place ?? session.videoUrl,
      },
      { ics: seatLinkUrls(deps, c.id, employeeId).ics },
    ),
  ];
}

/** The session's case, created (with no seats yet) when missing. */
async function ensureSessionCase(
  deps: TrainingDeps,
  training: TrainingRecord,
  session: TrainingSession,
): Promise<TrainingSessionCase> {
  const trainerId = trainerOf(training)!;
  const at = now(deps);
  const stored = await deps.store.createCase({
    id: sessionCaseIdOf(training.id, session.id),
    workflow: "training",
    subjectId: trainerId,
    groupId: trainingGroup(training.id),
    status: "active",
    data: {
      trainingId: training.id,
      title: training.definition.title,
      topic: training.definition.topic,
      session,
      seats: [],
    },
    createdAt: at,
    updatedAt: at,
    version: 1,
  });
  return asTrainingSession(stored)!;
}

const readSession = (c: Parameters<typeof asTrainingSession>[0]) => {
  const session = asTrainingSession(c);
  if (!session) throw notFound("training session", c?.id ?? "?");
  return session;
};

/**
 * Seats the people in the session (those not seated there yet, up to its capacity), their
 * invitations in the same write; starts the session's workflow. Returns who did not fit.
 */
async function seatIn(
  deps: TrainingDeps,
  ctx: SeatContext,
  session: TrainingSession,
  seats: ReadonlyArray<Pick<SessionSeat, "employeeId" | "movedFromSessionId" | "movedBecause">>,
): Promise<string[]> {
  const c = await ensureSessionCase(deps, ctx.training, session);
  const overflow: string[] = [];
  const { after } = await changeCase(
    deps,
    c.id,
    readSession,
    (current) => {
      if (current.status !== "active") return undefined;
      overflow.length = 0;
      const list = [...current.data.seats];
      let free = current.data.session.capacity - seated(current).length;
      for (const seat of seats) {
        const existing = list.findIndex((s) => s.employeeId === seat.employeeId);
        if (existing >= 0 && list[existing]!.status === "seated") continue; // a retry: seated already
        if (free <= 0) {
          overflow.push(seat.employeeId);
          continue;
        }
        free--;
        const previous = existing >= 0 ? list[existing] : undefined;
        const next: SessionSeat = {
          employeeId: seat.employeeId,
          name: ctx.employees.get(seat.employeeId)?.name ?? seat.employeeId,
          status: "seated",
          confirmation: "invited",
          ...(seat.movedFromSessionId ? { movedFromSessionId: seat.movedFromSessionId } : {}),
          ...(seat.movedBecause ? { movedBecause: seat.movedBecause } : {}),
          // Back in a session they had left: the same calendar event, updated.
          sequence: previous ? previous.sequence + 1 : 0,
        };
        if (existing >= 0) list[existing] = next;
        else list.push(next);
      }
      return list.length === current.data.seats.length && list.every((s, i) => s === current.data.seats[i])
        ? undefined
        : { ...current, data: { ...current.data, seats: list }, updatedAt: now(deps) };
    },
    (before, next) =>
      seated(next)
        .filter((s) => !seated(before).some((b) => b.employeeId === s.employeeId))
        .flatMap((s) => invitationMail(deps, ctx, next, s)),
  );
  const current = after ?? readSession(await deps.store.getCase(c.id));
  if (!current.executionId && current.status === "active" && seated(current).length > 0)
    await ensureStarted(deps, current);
  return overflow;
}

/** Changes the training under its version (a concurrent writer makes it read and decide again). */
async function setTraining(
  deps: TrainingDeps,
  id: string,
  change: (t: TrainingRecord) => TrainingRecord | undefined,
  mailsFor: (before: TrainingRecord, after: TrainingRecord) => OutgoingMail[] = () => [],
): Promise<TrainingRecord> {
  for (let attempt = 1; ; attempt++) {
    const current = await getTrainingRecord(deps, id);
    const next = change(current);
    if (!next) return current;
    const written = { ...next, version: current.version + 1, updatedAt: now(deps) };
    const mails = mailsFor(current, written).map((m) => composeMail(deps.clock, m));
    try {
      await deps.store.updateTraining(written, current.version, { mails });
      await dispatchMails(deps.mailer, mails);
      return written;
    } catch (error) {
      if (!(error instanceof ConditionFailed) || attempt >= 5) throw error;
    }
  }
}

type WaitingReason = TrainingRecord["waitingList"][number]["reason"];

/** Puts people on the waiting list (once each), telling them in the same write. */
async function addToWaitingList(
  deps: TrainingDeps,
  ctx: SeatContext,
  entries: ReadonlyArray<{ employeeId: string; reason: WaitingReason }>,
) {
  if (entries.length === 0) return;
  await setTraining(
    deps,
    ctx.training.id,
    (t) => {
      const fresh = entries.filter((e) => !t.waitingList.some((w) => w.employeeId === e.employeeId));
      return fresh.length === 0 ? undefined : { ...t, waitingList: [...t.waitingList, ...fresh] };
    },
    (before, after) =>
      after.waitingList
        .filter((w) => !before.waitingList.some((b) => b.employeeId === w.employeeId))
        .flatMap((w) => {
          const to = ctx.employees.get(w.employeeId);
          return to
            ? [
                trainingSessionMail(
                  to,
                  {
                    event: "waiting",
                    because: w.reason === "absent" ? "absent" : w.reason,
                    title: after.definition.title,
                  },
                  {},
                ),
              ]
            : [];
        }),
  );
}

/**
 * HR assigns the people a selection reaches. Each is seated in the first upcoming session with a
 * free seat whose day they are not away on (an absence record); whoever skipped a session because
 * of an absence is told so in their invitation; whoever finds no seat goes on the waiting list and
 * is told. Naming someone twice, or someone already on the training, is refused naming the field;
 * a retry seats nobody twice.
 */
export async function assignParticipants(deps: TrainingDeps, actor: Actor, id: string, selection: unknown) {
  const training = await getTrainingRecord(deps, id);
  if (training.status !== "active")
    throw new DomainError("conflict", `status: the training is ${training.status}`, "status");
  const sessions = upcoming(deps, training.definition.sessions);
  if (sessions.length === 0) throw invalid("sessions", "every session has begun; add a session first");
  const cases = await sessionCasesOf(deps, id);
  const org = await organisation(deps);
  const preview = previewParticipants(selection as ParticipantSelectionInput, org, {
    sessions,
    trainerEmployeeId: trainerOf(training),
    alreadyAssigned: assignedIn(cases),
  });
  const ids = preview.included.map((p) => p.employee.id);
  const absences = new Map(
    await Promise.all(ids.map(async (e) => [e, await deps.store.listAbsences(e)] as const)),
  );
  const taken = new Map(cases.map((c) => [c.data.session.id, seated(c).length]));
  const allocation = allocate(
    sessions.map((s) => ({ ...s, capacity: Math.max(0, s.capacity - (taken.get(s.id) ?? 0)) })),
    ids,
    (e) => absences.get(e) ?? [],
  );
  const ctx: SeatContext = { training, employees: new Map(org.employees.map((e) => [e.id, e])) };
  const overflow: string[] = [];
  for (const { sessionId, seats } of allocation.sessions) {
    if (seats.length === 0) continue;
    const session = sessions.find((s) => s.id === sessionId)!;
    const moves = new Map(allocation.moves.map((m) => [m.employeeId, m.fromSessionId]));
    overflow.push(
      ...(await seatIn(
        deps,
        ctx,
        session,
        seats.map((s) => ({
          employeeId: s.employeeId,
          ...(s.movedBecauseAbsent
            ? { movedFromSessionId: moves.get(s.employeeId), movedBecause: "absent" as const }
            : {}),
        })),
      )),
    );
  }
  const waiting = [
    ...allocation.waitingList,
    ...overflow.map((employeeId) => ({ employeeId, reason: "no_room" as const })),
  ];
  await addToWaitingList(deps, ctx, waiting);
  // Seated now: off the waiting list.
  const seatedNow = new Set(allocation.sessions.flatMap((s) => s.seats.map((x) => x.employeeId)));
  await setTraining(deps, id, (t) =>
    t.waitingList.some((w) => seatedNow.has(w.employeeId) && !overflow.includes(w.employeeId))
      ? {
          ...t,
          waitingList: t.waitingList.filter(
            (w) => !seatedNow.has(w.employeeId) || overflow.includes(w.employeeId),
          ),
        }
      : undefined,
  );
  await audit(deps, {
    entityType: "case",
    entityId: id,
    actor,
    action: "training.assigned",
    changes: ["participants"],
  });
  return {
    sessions: allocation.sessions.map((s) => ({
      sessionId: s.sessionId,
      employeeIds: s.seats.map((x) => x.employeeId).filter((e) => !overflow.includes(e)),
    })),
    moves: allocation.moves,
    waitingList: waiting,
    excluded: preview.excluded.map(({ employee, reason }) => ({ employeeId: employee.id, reason })),
  };
}

/**
 * The next session after `fromSession` (date and time order) that has not begun, has a free seat
 * and whose day the participant is not away on; undefined when there is none.
 */
async function nextSessionFor(
  deps: TrainingDeps,
  training: TrainingRecord,
  fromSession: TrainingSession,
  employeeId: string,
): Promise<TrainingSession | undefined> {
  const ordered = sessionsInOrder(training.definition.sessions);
  const later = ordered.slice(ordered.findIndex((s) => s.id === fromSession.id) + 1);
  const candidates = upcoming(deps, later);
  const absences = await deps.store.listAbsences(employeeId);
  for (const session of candidates) {
    if (absentOn(absences, session.date)) continue;
    const c = asTrainingSession(await deps.store.getCase(sessionCaseIdOf(training.id, session.id)));
    if (c?.status !== undefined && c.status !== "active") continue;
    if ((c ? seated(c).length : 0) < session.capacity) return session;
  }
  return undefined;
}

/** What a participant's confirm page shows. */
export async function seatView(deps: Pick<Deps, "store">, caseId: string, employeeId: string) {
  const c = asTrainingSession(await deps.store.getCase(caseId));
  const seat = c?.data.seats.find((s) => s.employeeId === employeeId);
  if (!c || !seat) return undefined;
  const training = await deps.store.getTraining(c.data.trainingId);
  return { case: c, seat, cancelled: training?.status === "cancelled" || seat.status === "cancelled" };
}

/**
 * A participant answers their invitation: confirm, or ask for another session. Asking moves them
 * to the next session with room (a new invitation, and a cancellation of this one, each mailed
 * with its write); with none, the wish is recorded and they stay invited.
 */
export async function answerInvitation(
  deps: TrainingDeps,
  caseId: string,
  employeeId: string,
  answer: "confirm" | "another",
): Promise<{ state: "confirmed" | "moved" | "no_other_session" | "closed"; sessionId?: string }> {
  const view = await seatView(deps, caseId, employeeId);
  if (!view || view.cancelled || view.seat.status !== "seated" || view.case.status !== "active")
    return { state: "closed" };
  const training = await getTrainingRecord(deps, view.case.data.trainingId);
  const org = await organisation(deps);
  const ctx: SeatContext = { training, employees: new Map(org.employees.map((e) => [e.id, e])) };
  const mark = (confirmation: SessionSeat["confirmation"]) =>
    changeCase(deps, caseId, readSession, (current) => {
      const seat = current.data.seats.find((s) => s.employeeId === employeeId);
      if (seat?.status !== "seated" || seat.confirmation === confirmation) return undefined;
      return {
        ...current,
        data: {
          ...current.data,
          seats: current.data.seats.map((s) => (s === seat ? { ...s, confirmation } : s)),
        },
        updatedAt: now(deps),
      };
    });
  if (answer === "confirm") {
    await mark("confirmed");
    return { state: "confirmed" };
  }
  const target = await nextSessionFor(deps, training, view.case.data.session, employeeId);
  if (!target) {
    await mark("asked_to_move");
    return { state: "no_other_session" };
  }
  const overflow = await seatIn(deps, ctx, target, [
    { employeeId, movedFromSessionId: view.case.data.session.id, movedBecause: "asked" },
  ]);
  if (overflow.length > 0) {
    await mark("asked_to_move");
    return { state: "no_other_session" };
  }
  await leaveSession(deps, ctx, caseId, employeeId, "movedAway");
  return { state: "moved", sessionId: target.id };
}

/** The participant's seat is gone (moved, or the training cancelled); the cancellation is mailed with it. */
async function leaveSession(
  deps: TrainingDeps,
  ctx: SeatContext,
  caseId: string,
  employeeId: string,
  event: "movedAway" | "cancelled",
) {
  await changeCase(
    deps,
    caseId,
    readSession,
    (current) => {
      const seat = current.data.seats.find((s) => s.employeeId === employeeId);
      if (seat?.status !== "seated") return undefined;
      const status = event === "movedAway" ? ("moved" as const) : ("cancelled" as const);
      return {
        ...current,
        data: { ...current.data, seats: current.data.seats.map((s) => (s === seat ? { ...s, status } : s)) },
        updatedAt: now(deps),
      };
    },
    (_before, after) => seatGoneMail(deps, ctx, after, employeeId, event),
  );
}

/** A participant's calendar file: the invitation while seated, its cancellation once the seat is gone. */
export async function trainingInvite(
  deps: Pick<Deps, "store" | "clock" | "config">,
  caseId: string,
  employeeId: string,
): Promise<IcsFile | undefined> {
  const view = await seatView(deps, caseId, employeeId);
  if (!view) return undefined;
  const [employee, trainer] = await Promise.all([
    deps.store.getEmployee(employeeId),
    deps.store.getEmployee(view.case.subjectId),
  ]);
  if (!employee) return undefined;
  const invite = {
    trainingId: view.case.data.trainingId,
    session: view.case.data.session,
    title: view.case.data.title,
    topic: view.case.data.topic,
    organizer: trainer
      ? { name: trainer.name, email: trainer.email }
      : { name: "HR", email: deps.config.hrEmail },
    attendee: { name: employee.name, email: employee.email, employeeId, locale: employee.locale },
    sequence: view.seat.sequence,
    confirmUrl: seatLinkUrls(deps, caseId, employeeId).confirm,
    stamp: view.case.updatedAt,
  };
  return view.cancelled || view.seat.status !== "seated"
    ? sessionCancellation(invite)
    : sessionRequest(invite);
}

/**
 * Workflow step: the attendance list is in (or lapsed). Each participant who attended gets the
 * session on their training record (its date and hours) and, by the training's rule, the day
 * their follow-up is due; each no-show is offered the next session with room, or put on the
 * waiting list; both told. The case closes with the list. A list that lapsed changes nobody's
 * record: the case closes as not recorded and HR is told once.
 */
export async function recordTrainingAttendanceStep(
  deps: TrainingDeps,
  input: { caseId: string; attendanceTaskId: string },
) {
  const c = readSession(await deps.store.getCase(input.caseId));
  const task = await deps.store.getTask(input.attendanceTaskId);
  const recorded = task?.status === "completed" && task.caseId === c.id;
  const answers = recorded ? (task.answers ?? {}) : {};
  const participants = seated(c);
  const attended = recorded
    ? participants
        .filter((s) => answers[attendanceField(s.employeeId)] === "attended")
        .map((s) => s.employeeId)
    : [];
  const noShow = recorded
    ? participants
        .filter((s) => answers[attendanceField(s.employeeId)] === "no_show")
        .map((s) => s.employeeId)
    : [];
  const { session, trainingId } = c.data;
  if (recorded) {
    await setTraining(deps, trainingId, (t) => {
      const rule = t.definition.followUp;
      const fresh = [
        ...attended.map((employeeId) => ({ employeeId, status: "attended" as const })),
        ...noShow.map((employeeId) => ({ employeeId, status: "no_show" as const })),
      ].filter((r) => !t.attendance.some((a) => a.employeeId === r.employeeId && a.sessionId === session.id));
      if (fresh.length === 0) return undefined;
      const followUps = [...t.followUps];
      for (const employeeId of attended) {
        const dueOn = followUpDueDate(session.date, rule);
        if (dueOn && !followUps.some((f) => f.employeeId === employeeId))
          followUps.push({ employeeId, basedOn: session.date, dueOn });
      }
      return {
        ...t,
        attendance: [...t.attendance, ...fresh.map((r) => ({ ...r, trainingId, sessionId: session.id }))],
        followUps,
      };
    });
    const training = await getTrainingRecord(deps, trainingId);
    if (training.status === "active" && noShow.length > 0) {
      const org = await organisation(deps);
      const ctx: SeatContext = { training, employees: new Map(org.employees.map((e) => [e.id, e])) };
      const waiting: Array<{ employeeId: string; reason: WaitingReason }> = [];
      for (const employeeId of noShow) {
        const next = await nextSessionFor(deps, training, session, employeeId);
        const overflow = next
          ? await seatIn(deps, ctx, next, [
              { employeeId, movedFromSessionId: session.id, movedBecause: "no_show" },
            ])
          : [employeeId];
        if (overflow.length > 0) waiting.push({ employeeId, reason: "no_show" });
      }
      await addToWaitingList(deps, ctx, waiting);
    }
  } else {
    await deps.mailer.send({
      ...hrMail(
        deps.config.hrEmail,
        `Training attendance not recorded: ${c.data.title.en}, ${session.date}`,
        [
          `The attendance list of “${c.data.title.en}” on ${session.date} ${session.start} was not recorded by its deadline.`,
          "Nobody's training record changed; record the attendance by hand if it is known.",
        ],
        "training:notRecorded",
      ),
      key: `${c.id}:notRecorded:hr`,
    });
  }
  const materialsUrl = typeof answers.materialsUrl === "string" ? answers.materialsUrl.trim() : "";
  const note = typeof answers.note === "string" ? answers.note.trim() : "";
  await changeCase(deps, c.id, readSession, (current) =>
    current.status !== "active"
      ? undefined
      : {
          ...current,
          status: "closed" as const,
          outcome: {
            recorded,
            attended,
            noShow,
            ...(note ? { note } : {}),
            ...(materialsUrl ? { materialsUrl } : {}),
            closedOn: todayOf(deps),
          },
          updatedAt: now(deps),
        },
  );
  await audit(deps, {
    entityType: "case",
    entityId: c.id,
    actor: SYSTEM,
    action: recorded ? "training.attendanceRecorded" : "training.attendanceNotRecorded",
    changes: ["status", "outcome"],
  });
  return { recorded, attended: attended.length, noShow: noShow.length };
}

/** HR cancels: every seat's cancellation (.ics) is mailed, open tasks are cancelled, workflows stop. */
export async function cancelTraining(deps: TrainingDeps, actor: Actor, id: string) {
  const training = await setTraining(deps, id, (t) => {
    if (t.status !== "active")
      throw new DomainError("conflict", `status: the training is ${t.status}`, "status");
    return { ...t, status: "cancelled" };
  });
  const org = await organisation(deps);
  const ctx: SeatContext = { training, employees: new Map(org.employees.map((e) => [e.id, e])) };
  for (const c of await sessionCasesOf(deps, id)) {
    if (c.status !== "active") continue;
    for (const seat of seated(c)) await leaveSession(deps, ctx, c.id, seat.employeeId, "cancelled");
    await cancelCase(deps, actor, c.id).catch((error: unknown) => {
      if (!(error instanceof DomainError && error.code === "conflict")) throw error;
    });
  }
  await audit(deps, {
    entityType: "case",
    entityId: id,
    actor,
    action: "training.cancelled",
    changes: ["status"],
  });
  return training;
}

async function reportInput(deps: Pick<Deps, "store" | "clock">, employeeId?: string) {
  const [trainings, everyone] = await Promise.all([deps.store.listTrainings(), deps.store.listEmployees()]);
  const employees = employeeId ? everyone.filter((e) => e.id === employeeId) : everyone;
  if (employeeId && employees.length === 0) throw notFound("employee", employeeId);
  return {
    employees,
    // A cancelled training makes nobody non-compliant, but what was attended stays on the record.
    trainings: trainings.map((t) => t.definition),
    active: trainings.filter((t) => t.status === "active").map((t) => t.definition),
    attendance: trainings.flatMap((t) => t.attendance),
    today: tallinnDate(deps.clock.now()),
  };
}

/** Each employee's training history (one employee's when given): dates, hours, follow-ups due. */
export async function trainingHistoryReport(
  deps: Pick<Deps, "store" | "clock">,
  options: { employeeId?: string | undefined; format?: "json" | "csv"; locale?: "et" | "en" } = {},
) {
  const input = await reportInput(deps, options.employeeId);
  const rows = trainingHistory(input);
  return options.format === "csv" ? historyCsv(rows, options.locale ?? "et", { bom: true }) : rows;
}

/** Who lacks a mandatory training or is overdue for a refresher or follow-up, today. */
export async function trainingComplianceReport(
  deps: Pick<Deps, "store" | "clock">,
  options: { format?: "json" | "csv"; locale?: "et" | "en" } = {},
) {
  const input = await reportInput(deps);
  const rows = complianceReport({ ...input, trainings: input.active });
  return options.format === "csv" ? complianceCsv(rows, options.locale ?? "et", { bom: true }) : rows;
}
