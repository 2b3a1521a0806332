// The meeting invitation for a review conversation (silmast-silma vestlus) as an iCalendar file
// (RFC 5545) sent by mail as an iTIP request (RFC 5546): the lead organises, the employee
// attends. Times are Tallinn wall-clock times with TZID=Europe/Tallinn and its VTIMEZONE, so a
// meeting at 10:00 stays at 10:00 in Tallinn on either side of a daylight saving change. One
// review has one UID: a new time is the same event with a higher SEQUENCE, and a cancellation
// names that UID with the next SEQUENCE, so calendars update or remove the one event.
import { TZDate } from "@date-fns/tz";
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from "ical-generator";
import { z } from "zod";
import { invalid } from "../errors";
import { Email, Id, Instant, IsoDate } from "../model";
import { parseOrThrow } from "./parse";

export const TALLINN = "Europe/Tallinn";

/**
 * Europe/Tallinn as a VTIMEZONE: EET (UTC+2) with EU summer time (EEST, UTC+3) from the last
 * Sunday of March at 03:00 to the last Sunday of October at 04:00 local time (01:00 UTC both,
 * EU Directive 2000/84/EC). Estonia has kept these rules since 2002. Written out rather than
 * generated from a time zone database: it is the one zone the product uses, and a test checks
 * it against the platform's time zone data over decades of dates.
 */
export const TALLINN_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  `TZID:${TALLINN}`,
  `X-LIC-LOCATION:${TALLINN}`,
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0300",
  "TZNAME:EEST",
  "DTSTART:19700329T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0300",
  "TZOFFSETTO:+0200",
  "TZNAME:EET",
  "DTSTART:19701025T040000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

const wallClock = new Intl.DateTimeFormat("en-CA", {
  timeZone: TALLINN,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const readWallClock = (instant: Date) => {
  const p = Object.fromEntries(wallClock.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
};

/**
 * The instant when Tallinn's clocks show `time` (HH:MM) on `date`. A time the clocks skip (03:00
 * to 03:59 on the last Sunday of March) does not exist and is refused naming `field`; a time
 * they show twice (the October change) is the first, summer-time one.
 */
export function tallinnWallClockInstant(date: string, time: string, field = "time"): Date {
  for (const offsetHours of [3, 2]) {
    const candidate = new Date(`${date}T${time}:00Z`);
    candidate.setTime(candidate.getTime() - offsetHours * 3_600_000);
    if (readWallClock(candidate) === `${date}T${time}`) return candidate;
  }
  throw invalid(field, `${date} ${time} does not exist in Tallinn (the clocks move forward then)`);
}

const MeetingParticipant = z.object({ name: z.string().trim().min(1).max(200), email: Email });
export type MeetingParticipant = z.infer<typeof MeetingParticipant>;

export const MeetingInvite = z.object({
  /** The review the meeting is for: its UID follows from it. */
  reviewId: Id,
  /** 0 for the first invitation; each change of time or place sends the next. */
  sequence: z.number().int().min(0).max(1000).default(0),
  /** Tallinn wall-clock date and time of the meeting. */
  date: IsoDate,
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time as HH:MM"),
  /** A conversation takes a quarter of an hour to a working day. */
  durationMinutes: z.number().int().min(15).max(480).default(60),
  summary: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  location: z.string().trim().max(500).optional(),
  /** The lead, who proposed the time. */
  organizer: MeetingParticipant,
  /** The employee. */
  attendee: MeetingParticipant,
  /** When this version of the invitation was made (DTSTAMP). */
  stamp: Instant,
  /** Right-hand side of the UID, the product's mail domain. */
  uidDomain: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/)
    .default("hr-workflows"),
});
export type MeetingInvite = z.infer<typeof MeetingInvite>;
export type MeetingInviteInput = z.input<typeof MeetingInvite>;

export interface IcsFile {
  method: "REQUEST" | "CANCEL";
  /** For the mail part: RFC 6047 wants the method on the content type as well. */
  contentType: string;
  filename: string;
  content: string;
}

/** One review, one UID, whatever is sent about its meeting. */
export const meetingUid = (reviewId: string, uidDomain = "hr-workflows") => `review-${reviewId}@${uidDomain}`;

function build(invite: MeetingInvite, method: "REQUEST" | "CANCEL"): IcsFile {
  const start = tallinnWallClockInstant(invite.date, invite.time);
  const end = new Date(start.getTime() + invite.durationMinutes * 60_000);
  const calendar = ical({
    prodId: { company: "hr-workflows", product: "reviews", language: "ET" },
    method: method === "REQUEST" ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  // No calendar-wide zone name: ical-generator would write DTSTAMP as a floating local time,
  // which RFC 5545 forbids (it must be UTC). The generator adds the event zone's VTIMEZONE.
  calendar.timezone({ name: null, generator: (tz) => (tz === TALLINN ? TALLINN_VTIMEZONE : null) });
  calendar.createEvent({
    id: meetingUid(invite.reviewId, invite.uidDomain),
    sequence: method === "CANCEL" ? invite.sequence + 1 : invite.sequence,
    stamp: new Date(invite.stamp),
    // TZDate reads back Tallinn's wall clock whatever the process's own time zone is.
    start: new TZDate(start.getTime(), TALLINN),
    end: new TZDate(end.getTime(), TALLINN),
    timezone: TALLINN,
    summary: invite.summary,
    description: invite.description ?? null,
    location: invite.location ?? null,
    status: method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: invite.organizer.name, email: invite.organizer.email },
    attendees: [
      {
        name: invite.attendee.name,
        email: invite.attendee.email,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
        rsvp: method === "REQUEST",
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

/** The invitation (METHOD:REQUEST); a changed time is the same call with the next sequence. */
export const meetingRequest = (input: MeetingInviteInput): IcsFile =>
  build(parseOrThrow(MeetingInvite, input), "REQUEST");

/**
 * The cancellation (METHOD:CANCEL, STATUS:CANCELLED) of the invitation last sent as `input`:
 * same UID, SEQUENCE one higher, as RFC 5546 § 3.2.5 asks.
 */
export const meetingCancellation = (input: MeetingInviteInput): IcsFile =>
  build(parseOrThrow(MeetingInvite, input), "CANCEL");
