// Trainings (koolitused) that HR assigns: define, preview who a selection reaches, assign them to
// sessions (capacity enforced, whoever is away on a session's day moved to the next and told),
// participants confirm or ask for another session through a signed link, the trainer records
// attendance (core/workflows/training.ts), completions land on each participant's training
// record with the follow-up due by the training's rule, no-shows are offered the next session,
// and HR sees each employee's history and who lacks a mandatory training, as JSON and CSV.
//
// Each session is a case of the `training` workflow whose id follows from the training and the
// session, so assigning again (or after a crash) finds the same case and seats nobody twice.
import { audit, SCHEDULER, SYSTEM } from "../audit";
import { tallinnDate } from "../calendar";
import type { Deps } from "../deps";
import { DomainError, invalid, notFound } from "../errors";
import { idFor, newId } from "../ids";
import {
  hrRecipient,
  trainingFollowUpsDueMail,
  trainingNoticeMail,
  trainingNotRecordedMail,
  trainingSessionMail,
} from "../mails";
import type { Actor, Employee } from "../model";
import { policy, type User } from "../policy";
import { ConditionFailed, type OutgoingMail } from "../ports";
import { seatLinkUrls } from "../record-links";
import type { IcsFile } from "../reviews/ics";
import { tallinnWallClockInstant } from "../reviews/ics";
import { parseOrThrow } from "../reviews/parse";
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
import { MAX_SESSIONS, parseTraining, sessionsInOrder, TrainingSession } from "../trainings/training";
import {
  asTrainingSession,
  attendanceField,
  type SessionSeat,
  seated,
  type TrainingSessionCase,
  trainingTimerDueAt,
} from "../workflows/training";
import { cancelCase, changeCase, ensureStarted } from "./cases";
import { composeMail, dispatchMails } from "./mail-queue";

type TrainingDeps = Pick<Deps, "store" | "clock" | "mailer" | "engine" | "logger" | "config">;

const now = (deps: Pick<Deps, "clock">) => deps.clock.now().toISOString();
const todayOf = (deps: Pick<Deps, "clock">) => tallinnDate(deps.clock.now());

/** The case of one session of a training: always the same id, so a second assignment finds it. */
export const sessionCaseIdOf = (trainingId: string, sessionId: string) =>
  idFor("training", trainingId, sessionId);

/**
 * The employee who holds the session's attendance list: the trainer, or for an external provider
 * (no mailbox or substitute chain of ours) the organiser HR named.
 */
const trainerOf = (t: TrainingRecord) =>
  t.definition.trainer.kind === "employee"
    ? t.definition.trainer.employeeId
    : t.definition.organiserEmployeeId;

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
  if (
    definition.trainer.kind === "employee" &&
    !(await deps.store.getEmployee(definition.trainer.employeeId))
  )
    throw invalid("trainer.employeeId", `no employee ${definition.trainer.employeeId}`);
  // An external trainer's attendance list goes to the organiser (the schema requires one).
  if (
    definition.organiserEmployeeId !== undefined &&
    !(await deps.store.getEmployee(definition.organiserEmployeeId))
  )
    throw invalid("organiserEmployeeId", `no employee ${definition.organiserEmployeeId}`);
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
        // A cancelled session is told in its own cancellation mail.
        because: seat.movedBecause === "session_cancelled" ? undefined : seat.movedBecause,
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
          if (to && w.reason === "follow_up")
            return [trainingNoticeMail(to, { event: "followUpDue", title: after.definition.title }, {})];
          return to
            ? [
                trainingSessionMail(
                  to,
                  {
                    event: "waiting",
                    because: w.reason === "follow_up" ? undefined : w.reason,
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
      let followUps = [...t.followUps];
      for (const employeeId of attended) {
        const dueOn = followUpDueDate(session.date, rule);
        const earlier = followUps.find((f) => f.employeeId === employeeId);
        // A later completion restarts a refresher's clock (the earlier one was its follow-up).
        if (dueOn && (!earlier || (earlier.scheduledIn !== undefined && earlier.basedOn < session.date)))
          followUps = [
            ...followUps.filter((f) => f.employeeId !== employeeId),
            { employeeId, basedOn: session.date, dueOn },
          ];
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
      ...trainingNotRecordedMail(hrRecipient(deps.config), {
        title: c.data.title,
        date: session.date,
        start: session.start,
      }),
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
    // A follow-up training's completions are the original's follow-up (or renewed refresher).
    countsFor: new Map(trainings.flatMap((t) => (t.followUpOf ? [[t.id, t.followUpOf] as const] : []))),
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

// --- follow-up trainings, session changes, absences after the invitation -------------------

/**
 * The follow-up training (järelkoolitus) of a training. Design: one standing follow-up training
 * per original, made from it (title "… (follow-up)", same topic, trainer and organiser), that
 * collects the completers whose follow-up has come due on its waiting list; HR is mailed who
 * waits and adds a session when it suits the trainer (the waiting list is seated into it,
 * invitations go out). Why not a session picked by the system: a follow-up needs the trainer's
 * time and a room, which only HR can agree; why not one training per due date: with "every N
 * months" everyone falls due on their own day, and HR would face a new training a week instead
 * of one list that fills up. A follow-up of a refresher (everyMonths) keeps the rule, so its
 * completers fall due again and come back to the same follow-up training. Its completions count
 * as the original's in the compliance view.
 */
export const followUpTrainingIdOf = (trainingId: string) => idFor("training", trainingId, "follow-up");

const withSuffix = (text: string, suffix: string) => `${text.slice(0, 200 - suffix.length)}${suffix}`;

async function ensureFollowUpTraining(
  deps: TrainingDeps,
  actor: Actor,
  original: TrainingRecord,
): Promise<TrainingRecord> {
  if (original.followUpOf !== undefined) return original; // a refresher's follow-up is itself
  const id = followUpTrainingIdOf(original.id);
  if (!(await deps.store.getTraining(id))) {
    const d = original.definition;
    const at = now(deps);
    const followUp: TrainingRecord = {
      id,
      definition: {
        ...d,
        id,
        title: { et: withSuffix(d.title.et, " (järelkoolitus)"), en: withSuffix(d.title.en, " (follow-up)") },
        // Counted as the original's (foldFollowUps): mandatory there, not a second time here.
        kind: "optional",
        mandatoryForPositionIds: [],
        sessions: [],
        followUp: d.followUp.kind === "everyMonths" ? d.followUp : { kind: "none" },
      },
      status: "active",
      waitingList: [],
      attendance: [],
      followUps: [],
      followUpOf: original.id,
      createdBy: actor.id,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    try {
      await deps.store.createTraining(followUp);
      await audit(deps, {
        entityType: "case",
        entityId: id,
        actor,
        action: "training.followUpCreated",
        changes: ["definition"],
      });
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error; // a concurrent sweep or HR made it
    }
  }
  await setTraining(deps, original.id, (t) =>
    t.followUpTrainingId === id ? undefined : { ...t, followUpTrainingId: id },
  );
  return getTrainingRecord(deps, id);
}

const seatedInActive = (cases: readonly TrainingSessionCase[]) =>
  new Set(cases.filter((c) => c.status === "active").flatMap((c) => seated(c).map((s) => s.employeeId)));

/**
 * Seats the waiting list in the upcoming sessions with room (absences respected, nobody seated
 * twice: who already sits in a session is only taken off the list). Returns who got a seat.
 */
async function seatWaitingList(deps: TrainingDeps, trainingId: string): Promise<string[]> {
  const training = await getTrainingRecord(deps, trainingId);
  if (training.status !== "active" || training.waitingList.length === 0) return [];
  const cases = await sessionCasesOf(deps, trainingId);
  const already = seatedInActive(cases);
  const ids = training.waitingList.map((w) => w.employeeId).filter((e) => !already.has(e));
  const sessions = upcoming(deps, training.definition.sessions).filter((s) => {
    const c = cases.find((x) => x.data.session.id === s.id);
    return c === undefined || c.status === "active";
  });
  const seatedNow = new Set(training.waitingList.map((w) => w.employeeId).filter((e) => already.has(e)));
  if (sessions.length > 0 && ids.length > 0) {
    const taken = new Map(cases.map((c) => [c.data.session.id, seated(c).length]));
    const absences = new Map(
      await Promise.all(ids.map(async (e) => [e, await deps.store.listAbsences(e)] as const)),
    );
    const allocation = allocate(
      sessions.map((s) => ({ ...s, capacity: Math.max(0, s.capacity - (taken.get(s.id) ?? 0)) })),
      ids,
      (e) => absences.get(e) ?? [],
    );
    const org = await organisation(deps);
    const ctx: SeatContext = { training, employees: new Map(org.employees.map((e) => [e.id, e])) };
    for (const { sessionId, seats } of allocation.sessions) {
      if (seats.length === 0) continue;
      const session = sessions.find((s) => s.id === sessionId)!;
      const overflow = await seatIn(
        deps,
        ctx,
        session,
        seats.map((x) => ({ employeeId: x.employeeId })),
      );
      for (const x of seats) if (!overflow.includes(x.employeeId)) seatedNow.add(x.employeeId);
    }
  }
  if (seatedNow.size > 0)
    await setTraining(deps, trainingId, (t) =>
      t.waitingList.some((w) => seatedNow.has(w.employeeId))
        ? { ...t, waitingList: t.waitingList.filter((w) => !seatedNow.has(w.employeeId)) }
        : undefined,
    );
  return [...seatedNow];
}

/** Puts people on the follow-up training (waiting list, then seats), once each. */
async function gatherForFollowUp(
  deps: TrainingDeps,
  followUp: TrainingRecord,
  employeeIds: readonly string[],
) {
  const waiting = new Set(followUp.waitingList.map((w) => w.employeeId));
  const inSession = seatedInActive(await sessionCasesOf(deps, followUp.id));
  const unique = [...new Set(employeeIds)];
  const added = unique.filter((e) => !waiting.has(e) && !inSession.has(e));
  const org = await organisation(deps);
  const ctx: SeatContext = { training: followUp, employees: new Map(org.employees.map((e) => [e.id, e])) };
  await addToWaitingList(
    deps,
    ctx,
    added.map((employeeId) => ({ employeeId, reason: "follow_up" as const })),
  );
  const seatedNow = await seatWaitingList(deps, followUp.id);
  return { added, already: unique.filter((e) => !added.includes(e)), seated: seatedNow };
}

function followUpsDueMail(deps: TrainingDeps, followUp: TrainingRecord, waiting: number, key: string) {
  return {
    ...trainingFollowUpsDueMail(hrRecipient(deps.config), {
      title: followUp.definition.title,
      trainingId: followUp.id,
      waiting,
      hasSessions: upcoming(deps, followUp.definition.sessions).length > 0,
    }),
    key,
  };
}

/**
 * Sweep: the completers of `trainingId` whose follow-up has come due go on its follow-up training
 * (seated when a session has room, else waiting) and are told; HR is mailed once a day per
 * training with who waits. Marked scheduled in the same write as HR's mail, so a crash repeats
 * the (idempotent) gathering and never the mail.
 */
export async function scheduleDueFollowUps(deps: TrainingDeps, trainingId: string): Promise<number> {
  const today = todayOf(deps);
  const training = await getTrainingRecord(deps, trainingId);
  const due = training.followUps.filter((f) => f.scheduledIn === undefined && f.dueOn <= today);
  if (training.status !== "active" || due.length === 0) return 0;
  const followUp = await ensureFollowUpTraining(deps, SCHEDULER, training);
  await gatherForFollowUp(
    deps,
    followUp,
    due.map((f) => f.employeeId),
  );
  const after = await getTrainingRecord(deps, followUp.id);
  const ids = new Set(due.map((f) => f.employeeId));
  await setTraining(
    deps,
    trainingId,
    (t) =>
      t.followUps.some((f) => ids.has(f.employeeId) && f.scheduledIn === undefined && f.dueOn <= today)
        ? {
            ...t,
            followUps: t.followUps.map((f) =>
              ids.has(f.employeeId) && f.scheduledIn === undefined && f.dueOn <= today
                ? { ...f, scheduledIn: followUp.id }
                : f,
            ),
          }
        : undefined,
    () =>
      after.waitingList.length > 0
        ? [followUpsDueMail(deps, after, after.waitingList.length, `${trainingId}:followUpsDue:${today}`)]
        : [],
  );
  await audit(deps, {
    entityType: "case",
    entityId: trainingId,
    actor: SCHEDULER,
    action: "training.followUpsScheduled",
    changes: ["followUps"],
  });
  return due.length;
}

/**
 * HR calls a follow-up for everyone who completed the training (e.g. the law changed), whatever
 * their rule says: each goes on the follow-up training once (triggering again adds only who is
 * not waiting or seated there yet), is told, and HR adds a session for them.
 */
export async function triggerFollowUp(deps: TrainingDeps, actor: Actor, trainingId: string) {
  const training = await getTrainingRecord(deps, trainingId);
  const original =
    training.followUpOf !== undefined ? await getTrainingRecord(deps, training.followUpOf) : training;
  if (original.status !== "active")
    throw new DomainError("conflict", `status: the training is ${original.status}`, "status");
  const followUp = await ensureFollowUpTraining(deps, actor, original);
  const completers = [
    ...new Set(
      [...original.attendance, ...(followUp.id !== original.id ? followUp.attendance : [])]
        .filter((a) => a.status === "attended")
        .map((a) => a.employeeId),
    ),
  ];
  if (completers.length === 0)
    throw new DomainError("conflict", "attendance: nobody has completed the training yet", "attendance");
  const result = await gatherForFollowUp(deps, followUp, completers);
  // Their due follow-ups are this one now: the sweep does not gather them a second time.
  await setTraining(deps, original.id, (t) =>
    t.followUps.some((f) => f.scheduledIn === undefined)
      ? {
          ...t,
          followUps: t.followUps.map((f) =>
            f.scheduledIn === undefined && completers.includes(f.employeeId)
              ? { ...f, scheduledIn: followUp.id }
              : f,
          ),
        }
      : undefined,
  );
  await audit(deps, {
    entityType: "case",
    entityId: original.id,
    actor,
    action: "training.followUpTriggered",
    changes: ["followUps"],
  });
  const after = await getTrainingRecord(deps, followUp.id);
  return {
    followUpTrainingId: followUp.id,
    added: result.added,
    already: result.already,
    seated: result.seated,
    waiting: after.waitingList.map((w) => w.employeeId),
  };
}

const begun = (deps: Pick<Deps, "clock">, session: TrainingSession) =>
  tallinnWallClockInstant(session.date, session.start, "start").getTime() <= deps.clock.now().getTime();

/** A session HR submits or changes: the schema, and not in the past (the field named as HR sent it). */
function parseSession(deps: TrainingDeps, input: unknown): TrainingSession {
  const session = parseOrThrow(TrainingSession, input);
  const today = todayOf(deps);
  if (session.date < today) throw invalid("date", `${session.date} is in the past (today is ${today})`);
  return session;
}

/**
 * HR adds a session: the waiting list (no room, absent, no-shows, follow-ups due) is seated in it
 * up to its capacity and invited. Its id may be left out (the next free s<n>).
 */
export async function addTrainingSession(
  deps: TrainingDeps,
  actor: Actor,
  trainingId: string,
  input: unknown,
) {
  const training = await getTrainingRecord(deps, trainingId);
  if (training.status !== "active")
    throw new DomainError("conflict", `status: the training is ${training.status}`, "status");
  const existing = new Set(training.definition.sessions.map((s) => s.id));
  // Ids of cancelled sessions stay taken: their cases (and calendar UIDs) keep them.
  for (const c of await sessionCasesOf(deps, trainingId)) existing.add(c.data.session.id);
  let n = existing.size + 1;
  while (existing.has(`s${n}`)) n++;
  const body = input && typeof input === "object" ? (input as Record<string, unknown>) : {};
  const session = parseSession(deps, { id: `s${n}`, ...body });
  if (existing.has(session.id)) throw invalid("id", `${session.id} is named already`);
  if (training.definition.sessions.length >= MAX_SESSIONS)
    throw invalid("sessions", `a training has at most ${MAX_SESSIONS} sessions`);
  await setTraining(deps, trainingId, (t) =>
    t.definition.sessions.some((s) => s.id === session.id)
      ? undefined
      : { ...t, definition: { ...t.definition, sessions: [...t.definition.sessions, session] } },
  );
  await audit(deps, {
    entityType: "case",
    entityId: trainingId,
    actor,
    action: "training.sessionAdded",
    changes: ["definition.sessions"],
  });
  const seatedNow = await seatWaitingList(deps, trainingId);
  return { session, seated: seatedNow, waitingList: (await getTrainingRecord(deps, trainingId)).waitingList };
}

/**
 * HR changes a session's time, place, link or capacity before it begins. Every participant gets
 * the update (their calendar file's SEQUENCE one higher, the same event); the session-end timer
 * moves with it; whoever is away on a new date moves on; more room seats the waiting list.
 */
export async function changeTrainingSession(
  deps: TrainingDeps,
  actor: Actor,
  trainingId: string,
  sessionId: string,
  input: unknown,
) {
  const training = await getTrainingRecord(deps, trainingId);
  if (training.status !== "active")
    throw new DomainError("conflict", `status: the training is ${training.status}`, "status");
  const current = training.definition.sessions.find((s) => s.id === sessionId);
  if (!current) throw notFound("training session", sessionId);
  if (begun(deps, current)) throw new DomainError("conflict", "date: the session has begun", "date");
  const body = input && typeof input === "object" ? (input as Record<string, unknown>) : {};
  const next = parseSession(deps, { ...current, ...body, id: current.id });
  const caseId = sessionCaseIdOf(trainingId, sessionId);
  const c = asTrainingSession(await deps.store.getCase(caseId));
  if (c && next.capacity < seated(c).length)
    throw invalid("capacity", `${seated(c).length} participants are seated; move some first`);
  await setTraining(deps, trainingId, (t) => ({
    ...t,
    definition: {
      ...t.definition,
      sessions: t.definition.sessions.map((s) => (s.id === sessionId ? next : s)),
    },
  }));
  if (c?.status === "active") {
    const org = await organisation(deps);
    const employees = new Map(org.employees.map((e) => [e.id, e]));
    const { after } = await changeCase(
      deps,
      caseId,
      readSession,
      (cur) =>
        JSON.stringify(cur.data.session) === JSON.stringify(next)
          ? undefined
          : {
              ...cur,
              data: {
                ...cur.data,
                session: next,
                // A new day or time is a new question: they confirm again (a new place is not).
                seats: cur.data.seats.map((s) =>
                  s.status !== "seated"
                    ? s
                    : {
                        ...s,
                        sequence: s.sequence + 1,
                        ...(retimed(cur.data.session, next) ? { confirmation: "invited" as const } : {}),
                      },
                ),
              },
              updatedAt: now(deps),
            },
      (_before, changed) =>
        seated(changed).flatMap((seat) => {
          const to = employees.get(seat.employeeId);
          return to
            ? [
                trainingNoticeMail(
                  to,
                  {
                    event: "updated",
                    title: changed.data.title,
                    date: next.date,
                    start: next.start,
                    end: next.end,
                    place: next.place ?? next.videoUrl,
                  },
                  seatLinkUrls(deps, caseId, seat.employeeId),
                ),
              ]
            : [];
        }),
    );
    if (after) {
      // The attendance list opens when the session, as it is now, has ended.
      const dueAt = trainingTimerDueAt("sessionEnds", after);
      for (const timer of await deps.store.listTimers({ caseId, status: "waiting" }))
        if (timer.dueAt !== dueAt)
          await deps.store
            .updateTimer({ ...timer, dueAt }, { status: "waiting", callback: "waiting" })
            .catch((error: unknown) => {
              if (!(error instanceof ConditionFailed)) throw error; // fired meanwhile
            });
      await reseatAbsentParticipants(deps, { trainingId });
    }
  }
  await audit(deps, {
    entityType: "case",
    entityId: trainingId,
    actor,
    action: "training.sessionChanged",
    changes: Object.keys(body).map((k) => `sessions.${k}`),
  });
  await seatWaitingList(deps, trainingId);
  return next;
}

const retimed = (a: TrainingSession, b: TrainingSession) =>
  a.date !== b.date || a.start !== b.start || a.end !== b.end;

/** Moves a seated participant on: the next session with room they can attend, else the waiting list. */
async function moveOn(
  deps: TrainingDeps,
  ctx: SeatContext,
  c: TrainingSessionCase,
  employeeId: string,
  because: "absent" | "session_cancelled",
) {
  const next = await nextSessionFor(deps, ctx.training, c.data.session, employeeId);
  const overflow = next
    ? await seatIn(deps, ctx, next, [
        { employeeId, movedFromSessionId: c.data.session.id, movedBecause: because },
      ])
    : [employeeId];
  if (overflow.length > 0)
    await addToWaitingList(deps, ctx, [{ employeeId, reason: because === "absent" ? "absent" : "no_room" }]);
  await leaveSession(deps, ctx, c.id, employeeId, because === "absent" ? "movedAway" : "cancelled");
  return next && overflow.length === 0 ? next.id : undefined;
}

/**
 * HR cancels one session before it begins: each participant gets its cancellation (.ics) and is
 * moved to the next session with room (or waits); its workflow stops. Calling it again after a
 * crash finishes what is left.
 */
export async function cancelTrainingSession(
  deps: TrainingDeps,
  actor: Actor,
  trainingId: string,
  sessionId: string,
) {
  const training = await getTrainingRecord(deps, trainingId);
  const caseId = sessionCaseIdOf(trainingId, sessionId);
  const c = asTrainingSession(await deps.store.getCase(caseId));
  const session = training.definition.sessions.find((s) => s.id === sessionId) ?? c?.data.session;
  if (
    !session ||
    (c && c.status !== "active" && !training.definition.sessions.some((s) => s.id === sessionId))
  )
    throw notFound("training session", sessionId);
  if (c && c.status !== "active")
    throw new DomainError("conflict", `status: the session is ${c.status}`, "status");
  if (begun(deps, session)) throw new DomainError("conflict", "date: the session has begun", "date");
  // Out of the definition first: nobody is seated in it again, and the rest are looked at for room.
  const after = await setTraining(deps, trainingId, (t) =>
    t.definition.sessions.some((s) => s.id === sessionId)
      ? {
          ...t,
          definition: { ...t.definition, sessions: t.definition.sessions.filter((s) => s.id !== sessionId) },
        }
      : undefined,
  );
  const moved: Array<{ employeeId: string; toSessionId?: string }> = [];
  if (c) {
    const org = await organisation(deps);
    const ctx: SeatContext = { training: after, employees: new Map(org.employees.map((e) => [e.id, e])) };
    for (const seat of seated(c)) {
      const to = await moveOn(deps, ctx, c, seat.employeeId, "session_cancelled");
      moved.push({ employeeId: seat.employeeId, ...(to ? { toSessionId: to } : {}) });
    }
    await cancelCase(deps, actor, caseId).catch((error: unknown) => {
      if (!(error instanceof DomainError && error.code === "conflict")) throw error;
    });
  }
  await audit(deps, {
    entityType: "case",
    entityId: trainingId,
    actor,
    action: "training.sessionCancelled",
    changes: ["definition.sessions"],
  });
  return { sessionId, moved, waitingList: (await getTrainingRecord(deps, trainingId)).waitingList };
}

/**
 * Absences recorded after the invitation: a participant seated in an upcoming session whose day
 * an absence record now covers is moved to the next session with room (or the waiting list) and
 * told (a cancellation of this seat, an invitation to the next). Called where absences are
 * recorded, and by the sweep on the days absences start (its reassignment triggers), which
 * repairs a recording that crashed before this ran: at the latest on the absence's first day,
 * which is no later than the session. Reads only trainings with upcoming sessions.
 */
export async function reseatAbsentParticipants(
  deps: TrainingDeps,
  only: { employeeId?: string; trainingId?: string } = {},
): Promise<number> {
  let moved = 0;
  const trainings = only.trainingId
    ? [await getTrainingRecord(deps, only.trainingId)]
    : await deps.store.listTrainings();
  const absencesOf = new Map<string, Awaited<ReturnType<typeof deps.store.listAbsences>>>();
  for (const training of trainings) {
    if (training.status !== "active") continue;
    const ahead = new Set(upcoming(deps, training.definition.sessions).map((s) => s.id));
    if (ahead.size === 0) continue;
    let ctx: SeatContext | undefined;
    for (const c of await sessionCasesOf(deps, training.id)) {
      if (c.status !== "active" || !ahead.has(c.data.session.id)) continue;
      for (const seat of seated(c)) {
        if (only.employeeId !== undefined && seat.employeeId !== only.employeeId) continue;
        let absences = absencesOf.get(seat.employeeId);
        if (!absences) {
          absences = await deps.store.listAbsences(seat.employeeId);
          absencesOf.set(seat.employeeId, absences);
        }
        if (!absentOn(absences, c.data.session.date)) continue;
        if (!ctx) {
          const org = await organisation(deps);
          ctx = { training, employees: new Map(org.employees.map((e) => [e.id, e])) };
        }
        await moveOn(deps, ctx, c, seat.employeeId, "absent");
        moved++;
      }
    }
  }
  return moved;
}
