// Info sessions (infotunnid) that a lead holds for their unit: schedule a series (an RRULE, public
// holidays skipped, core/trainings/recurrence.ts) or a single session, the unit's staff invited
// with a calendar file per session; after each session the lead's summary
// (core/workflows/info-session.ts), mailed on submission to the unit's staff and the
// department's other leads and kept in an archive only they can read (core/trainings/summary.ts);
// cancelling a session or the rest of a series cancels its open tasks and mails cancel .ics files.
//
// Each session is a case of the `infoSession` workflow in the unit's case group, so the archive
// is one group read. Everything is checked before anything is written: a bad input creates nothing.
import { z } from "zod";
import { audit, SYSTEM } from "../audit";
import { tallinnDate } from "../calendar";
import type { Deps } from "../deps";
import { DomainError, invalid, notFound } from "../errors";
import { idFor, newId } from "../ids";
import {
  infoSessionCancelledMail,
  infoSessionInvitationMail,
  infoSessionSummaryMail,
} from "../info-session-mails";
import { Email, type Employee } from "../model";
import { policy, type User } from "../policy";
import type { OutgoingMail } from "../ports";
import { signSeatLink, verifySeatLink } from "../record-links";
import { type IcsFile, tallinnWallClockInstant } from "../reviews/ics";
import { parseOrThrow } from "../reviews/parse";
import { unitsWithin } from "../reviews/scope";
import { sessionCancellation, sessionRequest } from "../trainings/invites";
import { planSeries, SeriesDefinition } from "../trainings/recurrence";
import { DEFAULT_SUMMARY_BUSINESS_DAYS, summaryRecipients } from "../trainings/summary";
import { ClockTime, LocalisedText } from "../trainings/training";
import {
  asInfoSession,
  type InfoSessionCase,
  type InfoSessionSlot,
  type Invitee,
  infoSessionGroup,
  summaryLinks,
} from "../workflows/info-session";
import { cancelCase, changeCase, ensureStarted } from "./cases";

type InfoSessionDeps = Pick<Deps, "store" | "clock" | "mailer" | "engine" | "logger" | "config">;

const now = (deps: Pick<Deps, "clock">) => deps.clock.now().toISOString();
const todayOf = (deps: Pick<Deps, "clock">) => tallinnDate(deps.clock.now());

/** An invitee's calendar file of one session (`/ics/info-session/{token}`). */
export const INFO_SESSION_INVITE_PURPOSE = "info-session-invite";

export const infoSessionCaseIdOf = (seriesId: string, sessionId: string) =>
  idFor("infoSession", seriesId, sessionId);

export const InfoSessionInput = z.object({
  title: LocalisedText,
  /** The lead's own unit when left out; else it or a unit below it. */
  unitId: z.string().optional(),
  place: z.string().trim().min(1, "must not be empty").max(500).optional(),
  videoUrl: z
    .url({ protocol: /^https?$/, error: "must be an http(s) link" })
    .max(2000)
    .optional(),
  /** One session... */
  single: z
    .object({ date: z.iso.date({ error: "must be a date as YYYY-MM-DD" }), start: ClockTime, end: ClockTime })
    .optional(),
  /** ...or a series: an RRULE between two days at a Tallinn time. */
  series: z.unknown().optional(),
  summaryBusinessDays: z.number().int().min(1).max(20).default(DEFAULT_SUMMARY_BUSINESS_DAYS),
  /** People outside the unit's staff (a guest speaker): a name and an address each. */
  guests: z
    .array(z.object({ name: z.string().trim().min(1, "must not be empty").max(200), email: Email }))
    .max(50)
    .default([]),
});
export type InfoSessionInput = z.infer<typeof InfoSessionInput>;

/** A validation error of `planSeries` names the series' own field; here it sits under `series`. */
function underSeries<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof DomainError && error.code === "validation" && error.field)
      throw invalid(
        error.field === "body" ? "series" : `series.${error.field}`,
        error.message.replace(/^[\w.[\]]+: /, ""),
      );
    throw error;
  }
}

async function organisation(deps: Pick<Deps, "store">) {
  const [units, positions, employees] = await Promise.all([
    deps.store.listUnits(),
    deps.store.listPositions(),
    deps.store.listEmployees(),
  ]);
  return { units, positions, employees };
}

const employedOn = (e: Employee, date: string) =>
  e.startDate <= date && (e.contractEndDate === undefined || e.contractEndDate >= date);

/** The sessions a valid input gives, with the holidays a series skipped; refused naming the field. */
function plannedSlots(
  deps: Pick<Deps, "clock">,
  input: InfoSessionInput,
): { slots: InfoSessionSlot[]; skipped: string[] } {
  if ((input.single === undefined) === (input.series === undefined))
    throw invalid("series", "give either single (one session) or series (a recurrence rule), not both");
  if (input.place === undefined && input.videoUrl === undefined)
    throw invalid("place", "give a place or a video link (videoUrl)");
  const where = {
    ...(input.place ? { place: input.place } : {}),
    ...(input.videoUrl ? { videoUrl: input.videoUrl } : {}),
  };
  const nowMs = deps.clock.now().getTime();
  if (input.single) {
    const { date, start, end } = input.single;
    if (end <= start) throw invalid("single.end", `must be after the start (${start})`);
    const startsAt = tallinnWallClockInstant(date, start, "single.start");
    tallinnWallClockInstant(date, end, "single.end");
    if (startsAt.getTime() <= nowMs)
      throw invalid("single.date", `${date} ${start} is in the past (now is ${todayOf(deps)})`);
    return { slots: [{ id: date, date, start, end, ...where }], skipped: [] };
  }
  const series = underSeries(() => parseOrThrow(SeriesDefinition, input.series));
  const plan = underSeries(() => planSeries(series, todayOf(deps)));
  const first = plan.occurrences[0]!;
  if (new Date(first.start).getTime() <= nowMs)
    throw invalid("series.time", `the first session (${first.date} ${series.time}) has already begun`);
  const endTime = (iso: string) =>
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Tallinn",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(new Date(iso));
  return {
    slots: plan.occurrences.map((o) => {
      const end = endTime(o.end);
      // Sessions do not run past midnight: a late time with a long duration is a typo.
      if (end <= series.time) throw invalid("series.durationMinutes", "a session must end on its own day");
      return { id: o.date, date: o.date, start: series.time, end, ...where };
    }),
    skipped: plan.skipped.map((s) => s.date),
  };
}

/**
 * A lead schedules a single info session or a series for their unit. The unit's staff (sub-units
 * included, employed on the first session's day) and any guests are invited: one mail each,
 * every session with its calendar file. Every check comes before the first write.
 */
export async function scheduleInfoSessions(deps: InfoSessionDeps, user: User, raw: unknown) {
  const input = parseOrThrow(InfoSessionInput, raw ?? {});
  const lead = user.employeeId ? await deps.store.getEmployee(user.employeeId) : undefined;
  if (!lead?.positionId)
    throw new DomainError("forbidden", "only a lead with a position schedules info sessions");
  const org = await organisation(deps);
  const leadUnit = org.positions.find((p) => p.id === lead.positionId)?.unitId;
  if (!leadUnit) throw new DomainError("forbidden", "only a lead with a position schedules info sessions");
  const unitId = input.unitId ?? leadUnit;
  if (!unitsWithin(org.units, [leadUnit], true).has(unitId))
    throw invalid("unitId", `${unitId} is neither your unit nor one below it`);
  const { slots, skipped } = plannedSlots(deps, input);

  const staffUnits = unitsWithin(org.units, [unitId], true);
  const staffPositions = new Set(org.positions.filter((p) => staffUnits.has(p.unitId)).map((p) => p.id));
  const invitees: Invitee[] = org.employees
    .filter(
      (e) =>
        e.id !== lead.id &&
        e.positionId !== undefined &&
        staffPositions.has(e.positionId) &&
        employedOn(e, slots[0]!.date),
    )
    .map((e) => ({ key: e.id, employeeId: e.id, name: e.name, email: e.email, locale: e.locale }));
  const addresses = new Set([lead.email, ...invitees.map((i) => i.email)].map((a) => a.toLowerCase()));
  for (const [i, guest] of input.guests.entries()) {
    if (addresses.has(guest.email.toLowerCase()))
      throw invalid(`guests[${i}].email`, `${guest.email} is invited already`);
    addresses.add(guest.email.toLowerCase());
    invitees.push({ key: `guest-${i + 1}`, name: guest.name, email: guest.email, locale: "et" });
  }
  if (invitees.length === 0) throw invalid("unitId", `${unitId} has nobody to invite`);

  const seriesId = newId("series", deps.clock.now().getTime());
  const at = now(deps);
  const cases: InfoSessionCase[] = [];
  for (const session of slots) {
    const stored = await deps.store.createCase({
      id: infoSessionCaseIdOf(seriesId, session.id),
      workflow: "infoSession",
      subjectId: lead.id,
      groupId: infoSessionGroup(unitId),
      status: "active",
      data: {
        seriesId,
        unitId,
        title: input.title,
        session,
        summaryBusinessDays: input.summaryBusinessDays,
        invitees,
        invited: false,
      },
      createdAt: at,
      updatedAt: at,
      version: 1,
    });
    cases.push(asInfoSession(stored)!);
  }
  // The invitations go with a write (the first session marked invited): a crash cannot lose them,
  // and they are keyed, so no retry sends them twice.
  await changeCase(
    deps,
    cases[0]!.id,
    readInfoSession,
    (current) =>
      current.data.invited
        ? undefined
        : { ...current, data: { ...current.data, invited: true }, updatedAt: at },
    (_before, after) =>
      invitees.map((to) => ({
        ...infoSessionInvitationMail(to, {
          title: after.data.title,
          leadName: lead.name,
          place: input.place ?? input.videoUrl,
          sessions: cases.map((c) => ({ ...c.data.session, icsUrl: icsUrl(deps, c.id, to.key) })),
          skippedHolidays: skipped,
        }),
        key: `${seriesId}:invited:${to.key}`,
      })),
  );
  for (const c of cases) await ensureStarted(deps, c);
  await audit(deps, {
    entityType: "case",
    entityId: seriesId,
    actor: { id: lead.id },
    action: "infoSession.scheduled",
    changes: ["sessions", "invitees"],
  });
  return {
    seriesId,
    unitId,
    sessions: cases.map((c) => ({ caseId: c.id, ...c.data.session })),
    skippedHolidays: skipped,
    invited: invitees.map((i) => i.employeeId ?? i.key),
  };
}

const readInfoSession = (c: Parameters<typeof asInfoSession>[0]) => {
  const session = asInfoSession(c);
  if (!session) throw notFound("info session", c?.id ?? "?");
  return session;
};

function icsUrl(deps: Pick<Deps, "config" | "clock">, caseId: string, key: string) {
  // Valid well past any session of a five-year series' first year; the file says what is current.
  const expiresAt = new Date(deps.clock.now().getTime() + 2 * 365 * 86_400_000);
  const token = signSeatLink(
    deps.config.linkSigningKey,
    { caseId, employeeId: key, expiresAt },
    INFO_SESSION_INVITE_PURPOSE,
  );
  return `${deps.config.publicBaseUrl}/ics/info-session/${token}`;
}

/** An invitee's calendar file: the invitation while the session stands, its cancellation once called off. */
export async function infoSessionInvite(
  deps: Pick<Deps, "store" | "clock" | "config">,
  token: string,
): Promise<IcsFile | undefined> {
  const claims = verifySeatLink(deps.config.linkSigningKey, token, INFO_SESSION_INVITE_PURPOSE);
  if (!claims || claims.expiresAt.getTime() < deps.clock.now().getTime()) return undefined;
  const c = asInfoSession(await deps.store.getCase(claims.caseId));
  const invitee = c?.data.invitees.find((i) => i.key === claims.employeeId);
  if (!c || !invitee) return undefined;
  const lead = await deps.store.getEmployee(c.subjectId);
  const invite = {
    trainingId: c.data.seriesId,
    session: { ...c.data.session, capacity: Math.max(1, c.data.invitees.length) },
    title: c.data.title,
    organizer: lead ? { name: lead.name, email: lead.email } : { name: "HR", email: deps.config.hrEmail },
    attendee: { name: invitee.name, email: invitee.email, employeeId: invitee.key, locale: invitee.locale },
    sequence: 0,
    stamp: c.createdAt,
  };
  return c.status === "cancelled"
    ? sessionCancellation({ ...invite, stamp: c.updatedAt })
    : sessionRequest(invite);
}

/**
 * The lead (or HR) cancels a session, or with `scope: "series"` it and every later session of its
 * series still open: their open tasks and timers are cancelled, the workflows stopped, and every
 * invitee gets one mail with the cancel .ics of each session.
 */
export async function cancelInfoSessions(
  deps: InfoSessionDeps,
  user: User & { id: string },
  caseId: string,
  raw: unknown,
) {
  const { scope } = parseOrThrow(
    z.object({ scope: z.enum(["session", "series"]).default("session") }),
    raw ?? {},
  );
  const c = asInfoSession(await deps.store.getCase(caseId));
  if (!c || !policy.mayManageInfoSession(user, { leadId: c.subjectId }))
    throw notFound("info session", caseId);
  if (c.status !== "active")
    throw new DomainError("conflict", `status: the session is ${c.status}`, "status");
  const targets =
    scope === "session"
      ? [c]
      : (await deps.store.listCasesInGroup(infoSessionGroup(c.data.unitId)))
          .flatMap((x) => asInfoSession(x) ?? [])
          .filter(
            (x) =>
              x.data.seriesId === c.data.seriesId &&
              x.status === "active" &&
              x.data.session.date >= c.data.session.date,
          )
          .sort((a, b) => a.data.session.date.localeCompare(b.data.session.date));
  const cancelled: InfoSessionCase[] = [];
  for (const target of targets) {
    // The summary of a session already held is still wanted: only sessions not yet over go.
    if (target.id !== c.id && (await summaryOpened(deps, target))) continue;
    await cancelCase(deps, { id: user.id }, target.id).catch((error: unknown) => {
      if (!(error instanceof DomainError && error.code === "conflict")) throw error;
    });
    cancelled.push(target);
  }
  // One mail per invitee naming every cancelled session, keyed by what was cancelled: a retry of
  // the request (which finds the sessions cancelled and stops above) cannot send it twice.
  const key = `${cancelled[0]?.id}:${cancelled.length}`;
  const mails: OutgoingMail[] = cancelled.length
    ? c.data.invitees.map((to) => ({
        ...infoSessionCancelledMail(to, {
          title: c.data.title,
          sessions: cancelled.map((x) => ({ ...x.data.session, icsUrl: icsUrl(deps, x.id, to.key) })),
        }),
        key: `${key}:cancelled:${to.key}`,
      }))
    : [];
  for (const mail of mails) await deps.mailer.send(mail);
  return { cancelled: cancelled.map((x) => ({ caseId: x.id, date: x.data.session.date })) };
}

/** Whether the session is over and its summary task exists (its timer fired). */
async function summaryOpened(deps: Pick<Deps, "store">, c: InfoSessionCase) {
  return (await deps.store.listTasks({ caseId: c.id })).length > 0;
}

/**
 * Workflow step: the summary is in (or lapsed). A written summary is mailed to the unit's staff
 * and the department's other leads (each in their language, keyed per case and person so a
 * retried step mails nobody twice) and the case closes with it: that is its archive entry. A
 * lapsed one closes the case as not written.
 */
export async function sendInfoSessionSummaryStep(
  deps: InfoSessionDeps,
  input: { caseId: string; summaryTaskId: string },
) {
  const c = readInfoSession(await deps.store.getCase(input.caseId));
  const task = await deps.store.getTask(input.summaryTaskId);
  const submitted = task?.status === "completed" && task.caseId === c.id;
  const answers = submitted ? (task.answers ?? {}) : {};
  const text = (name: string) => (typeof answers[name] === "string" ? (answers[name] as string).trim() : "");
  const summary = {
    ...(text("decisions") ? { decisions: text("decisions") } : {}),
    ...(text("guidance") ? { guidance: text("guidance") } : {}),
    ...(text("news") ? { news: text("news") } : {}),
    links: submitted ? summaryLinks(answers.links) : [],
  };
  let mailedTo = 0;
  if (submitted) {
    const org = await organisation(deps);
    const author = (await deps.store.getEmployee(task.completedBy?.id ?? c.subjectId)) ?? undefined;
    const recipients = summaryRecipients(org, {
      unitId: c.data.unitId,
      authorId: c.subjectId,
      today: todayOf(deps),
    });
    for (const { employee, as } of recipients) {
      await deps.mailer.send({
        ...infoSessionSummaryMail(employee, {
          title: c.data.title,
          date: c.data.session.date,
          authorName: author?.name ?? c.subjectId,
          as,
          ...summary,
          archiveUrl: `${deps.config.publicBaseUrl}/api/info-sessions/archive?unitId=${c.data.unitId}`,
        }),
        key: `${c.id}:summary:${employee.id}`,
      });
    }
    mailedTo = recipients.length;
  }
  await changeCase(deps, c.id, readInfoSession, (current) =>
    current.status !== "active"
      ? undefined
      : {
          ...current,
          status: "closed" as const,
          outcome: {
            submitted,
            ...summary,
            ...(submitted && task.completedBy ? { writtenBy: task.completedBy.id } : {}),
            closedOn: todayOf(deps),
            mailedTo,
          },
          updatedAt: now(deps),
        },
  );
  await audit(deps, {
    entityType: "case",
    entityId: c.id,
    actor: SYSTEM,
    action: submitted ? "infoSession.summarySent" : "infoSession.summaryNotWritten",
    changes: ["status", "outcome"],
  });
  return { submitted, mailedTo };
}

const archiveEntry = (c: InfoSessionCase) => ({
  caseId: c.id,
  seriesId: c.data.seriesId,
  unitId: c.data.unitId,
  title: c.data.title,
  date: c.data.session.date,
  start: c.data.session.start,
  leadId: c.subjectId,
  ...c.outcome!,
});

/** Whether the user may read `unitId`'s summaries: its staff and the department's leads, employed today. */
async function mayRead(deps: Pick<Deps, "store" | "clock">, user: User, unitId: string) {
  const reader = user.employeeId ? await deps.store.getEmployee(user.employeeId) : undefined;
  if (!reader) return false;
  return policy.mayReadInfoSessionSummary(reader, unitId, await organisation(deps), todayOf(deps));
}

/** The unit's summaries, newest first; anyone else is told the unit has none to show (404). */
export async function infoSessionArchive(deps: Pick<Deps, "store" | "clock">, user: User, unitId: string) {
  if (!(await mayRead(deps, user, unitId))) throw notFound("info session archive", unitId);
  return (await deps.store.listCasesInGroup(infoSessionGroup(unitId)))
    .flatMap((c) => asInfoSession(c) ?? [])
    .filter((c) => c.status === "closed" && c.outcome?.submitted)
    .sort((a, b) => b.data.session.date.localeCompare(a.data.session.date))
    .map(archiveEntry);
}

/** One summary, for the same readers as its unit's archive. */
export async function infoSessionSummary(deps: Pick<Deps, "store" | "clock">, user: User, caseId: string) {
  const c = asInfoSession(await deps.store.getCase(caseId));
  if (c?.status !== "closed" || !c.outcome?.submitted || !(await mayRead(deps, user, c.data.unitId)))
    throw notFound("info session summary", caseId);
  return archiveEntry(c);
}

/**
 * The unit's info sessions still to come (not cancelled, not over), soonest first, for the same
 * readers as its archive (its staff, its lead among them, and the department's leads); anyone
 * else is told the unit has none to show (404). Each says how many later sessions of its series
 * are still open, so a page can offer "cancel the rest of the series".
 */
export async function listInfoSessions(deps: Pick<Deps, "store" | "clock">, user: User, unitId: string) {
  if (!(await mayRead(deps, user, unitId))) throw notFound("info sessions", unitId);
  const today = todayOf(deps);
  const open = (await deps.store.listCasesInGroup(infoSessionGroup(unitId)))
    .flatMap((c) => asInfoSession(c) ?? [])
    .filter((c) => c.status === "active" && c.data.session.date >= today)
    .sort(
      (a, b) =>
        a.data.session.date.localeCompare(b.data.session.date) ||
        a.data.session.start.localeCompare(b.data.session.start),
    );
  return open.map((c) => ({
    caseId: c.id,
    seriesId: c.data.seriesId,
    unitId: c.data.unitId,
    title: c.data.title,
    leadId: c.subjectId,
    ...c.data.session,
    summaryBusinessDays: c.data.summaryBusinessDays,
    invited: c.data.invitees.length,
    laterInSeries: open.filter(
      (x) => x.data.seriesId === c.data.seriesId && x.data.session.date > c.data.session.date,
    ).length,
  }));
}
