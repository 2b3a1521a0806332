// Invitations to a training session (or an info session) as iCalendar files (RFC 5545) sent by
// mail as iTIP messages (RFC 5546): a REQUEST when someone is invited, the same event with a
// higher SEQUENCE when its time or place changes, and a CANCEL when it is called off or the
// participant is moved to another session. Times are Tallinn wall-clock times with
// TZID=Europe/Tallinn and its VTIMEZONE (the one reviews/ics.ts writes), so 10:00 stays 10:00 in
// Tallinn on either side of a daylight saving change.
//
// One event per participant and session: UID training-<training>-<session>-<employee>. Each
// participant gets their own file, and moving someone to the next session cancels only their
// event, never the colleagues'. The caller keeps the SEQUENCE last sent for that invitation.
import { TZDate } from "@date-fns/tz";
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from "ical-generator";
import { z } from "zod";
import { Email, Id, Instant, Locale } from "../model";
import { type IcsFile, TALLINN, TALLINN_VTIMEZONE, tallinnWallClockInstant } from "../reviews/ics";
import { parseOrThrow } from "../reviews/parse";
import { LocalisedText, TrainingSession } from "./training";

const Person = z.object({ name: z.string().trim().min(1).max(200), email: Email });

export const SessionInvite = z.object({
  /** The training (or info-session series) the session belongs to. */
  trainingId: Id,
  session: TrainingSession,
  title: LocalisedText,
  /** Shown in the description under the title. */
  topic: LocalisedText.optional(),
  /** Who sends the invitation: the trainer, or HR's mailbox for an external trainer. */
  organizer: Person,
  attendee: Person.extend({ employeeId: Id, locale: Locale.default("et") }),
  /** 0 for the first invitation to this session; each change sends the next. */
  sequence: z.number().int().min(0).max(1000).default(0),
  /** The page where the participant confirms or asks for another session. */
  confirmUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** When this version was made (DTSTAMP). */
  stamp: Instant,
  /** Right-hand side of the UID, the product's mail domain. */
  uidDomain: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/)
    .default("hr-workflows"),
});
export type SessionInvite = z.infer<typeof SessionInvite>;
export type SessionInviteInput = z.input<typeof SessionInvite>;

/** One participant's invitation to one session: the same UID whatever is sent about it. */
export const sessionInviteUid = (
  trainingId: string,
  sessionId: string,
  employeeId: string,
  uidDomain = "hr-workflows",
) => `training-${trainingId}-${sessionId}-${employeeId}@${uidDomain}`;

const TEXTS = {
  et: { topic: "Teema", video: "Videolink", confirm: "Kinnita osalemine või vali muu aeg" },
  en: { topic: "Topic", video: "Video link", confirm: "Confirm or ask for another session" },
} as const;

function build(invite: SessionInvite, method: "REQUEST" | "CANCEL"): IcsFile {
  const { session, attendee } = invite;
  const locale = attendee.locale;
  const start = tallinnWallClockInstant(session.date, session.start, "session.start");
  const end = tallinnWallClockInstant(session.date, session.end, "session.end");
  const t = TEXTS[locale];
  const description = [
    invite.topic ? `${t.topic}: ${invite.topic[locale]}` : undefined,
    session.videoUrl ? `${t.video}: ${session.videoUrl}` : undefined,
    method === "REQUEST" && invite.confirmUrl ? `${t.confirm}: ${invite.confirmUrl}` : undefined,
  ]
    .filter((line) => line !== undefined)
    .join("\n");
  const calendar = ical({
    prodId: { company: "hr-workflows", product: "trainings", language: locale.toUpperCase() },
    method: method === "REQUEST" ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  // As in reviews/ics.ts: no calendar-wide zone (DTSTAMP must stay UTC), the event zone's VTIMEZONE.
  calendar.timezone({ name: null, generator: (tz) => (tz === TALLINN ? TALLINN_VTIMEZONE : null) });
  calendar.createEvent({
    id: sessionInviteUid(invite.trainingId, session.id, attendee.employeeId, invite.uidDomain),
    sequence: method === "CANCEL" ? invite.sequence + 1 : invite.sequence,
    stamp: new Date(invite.stamp),
    start: new TZDate(start.getTime(), TALLINN),
    end: new TZDate(end.getTime(), TALLINN),
    timezone: TALLINN,
    summary: invite.title[locale],
    description: description === "" ? null : description,
    // A video-only session shows its link where calendars show the place.
    location: session.place ?? session.videoUrl ?? null,
    url: session.videoUrl ?? null,
    status: method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: invite.organizer.name, email: invite.organizer.email },
    attendees: [
      {
        name: attendee.name,
        email: attendee.email,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
        // Confirmation goes through the link (it records it and offers another session); a
        // calendar's "accept" would only mail the organizer, so no RSVP is asked for.
        rsvp: false,
      },
    ],
  });
  return {
    method,
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    filename: method === "REQUEST" ? "invite.ics" : "cancel.ics",
    content: calendar.toString(),
  };
}

/** The invitation (METHOD:REQUEST). */
export const sessionRequest = (input: SessionInviteInput): IcsFile =>
  build(parseOrThrow(SessionInvite, input), "REQUEST");

/**
 * The update of an invitation last sent as `previous`: the same UID, SEQUENCE one higher, the
 * changed session (time, place, link). Returns the file and the invitation as now sent, which the
 * caller keeps for the next change.
 */
export function sessionUpdate(
  previous: SessionInviteInput,
  changes: Pick<SessionInviteInput, "session" | "stamp"> & Partial<SessionInviteInput>,
): { file: IcsFile; sent: SessionInvite } {
  const before = parseOrThrow(SessionInvite, previous);
  const sent = parseOrThrow(SessionInvite, { ...before, ...changes, sequence: before.sequence + 1 });
  if (sent.session.id !== before.session.id)
    throw new Error("an update is for the same session; moving someone is a cancel and a new request");
  return { file: build(sent, "REQUEST"), sent };
}

/**
 * The cancellation (METHOD:CANCEL, STATUS:CANCELLED) of the invitation last sent as `input`: the
 * same UID, SEQUENCE one higher (RFC 5546 § 3.2.5). Sent when a training is cancelled and when a
 * participant is moved to another session.
 */
export const sessionCancellation = (input: SessionInviteInput): IcsFile =>
  build(parseOrThrow(SessionInvite, input), "CANCEL");
