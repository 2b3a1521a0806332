// Session invitations parsed back with ical.js: REQUEST, update (same UID, next SEQUENCE) and
// CANCEL, with Tallinn times landing on the right instants across daylight saving changes.
import ICAL from "ical.js";
import { afterEach, describe, expect, it } from "vitest";
import {
  type SessionInviteInput,
  sessionCancellation,
  sessionInviteUid,
  sessionRequest,
  sessionUpdate,
} from "../../functions/core/trainings/invites";
import { fieldOf } from "../support/trainings";

const invite = (over: Partial<SessionInviteInput> = {}): SessionInviteInput => ({
  trainingId: "tr_menetlus",
  session: {
    id: "s1",
    date: "2026-03-27",
    start: "10:00",
    end: "13:00",
    place: "Endla 8, ruum 3.14",
    videoUrl: "https://teams.example/s1",
    capacity: 12,
  },
  title: { et: "Haldusmenetluse praktikum", en: "Administrative procedure workshop" },
  topic: { et: "Haldusmenetlus", en: "Administrative procedure" },
  organizer: { name: "Tiina Tamm", email: "tiina.tamm@example.ee" },
  attendee: { employeeId: "mari", name: "Mari Maasikas", email: "mari.maasikas@example.ee", locale: "et" },
  confirmUrl: "https://hr.example/l/abc123",
  stamp: "2026-03-02T08:15:00Z",
  ...over,
});

function parse(content: string) {
  const calendar = new ICAL.Component(ICAL.parse(content));
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(vtimezone);
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

afterEach(() => {
  ICAL.TimezoneService.reset();
});

describe("training session invitations (.ics)", () => {
  it("is a REQUEST for one participant, in their language, with the link to confirm", () => {
    const file = sessionRequest(invite());
    expect(file.contentType).toBe("text/calendar; charset=utf-8; method=REQUEST");
    const { calendar, vevent, event } = parse(file.content);
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(event.uid).toBe(sessionInviteUid("tr_menetlus", "s1", "mari"));
    expect(event.sequence).toBe(0);
    expect(event.summary).toBe("Haldusmenetluse praktikum");
    expect(event.location).toBe("Endla 8, ruum 3.14");
    expect(event.description).toContain("Teema: Haldusmenetlus");
    expect(event.description).toContain("https://hr.example/l/abc123");
    expect(String(vevent.getFirstPropertyValue("url"))).toBe("https://teams.example/s1");
    const attendees = vevent.getAllProperties("attendee");
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0]!.getFirstValue()).toLowerCase()).toBe("mailto:mari.maasikas@example.ee");
    expect(attendees[0]!.getParameter("cn")).toBe("Mari Maasikas");
    expect(file.content).toContain("DTSTART;TZID=Europe/Tallinn:20260327T100000");
    expect(file.content).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Tallinn");
    const english = parse(
      sessionRequest(invite({ attendee: { ...invite().attendee, locale: "en" } })).content,
    );
    expect(english.event.summary).toBe("Administrative procedure workshop");
    expect(english.event.description).toContain("Topic: Administrative procedure");
  });

  it("places Tallinn times on the right instants on both sides of daylight saving changes", () => {
    const at = (date: string) => {
      const { event } = parse(sessionRequest(invite({ session: { ...invite().session, date } })).content);
      return [event.startDate.toJSDate().toISOString(), event.endDate.toJSDate().toISOString()];
    };
    // Summer time 2026: from Sunday 29 March to Sunday 25 October.
    expect(at("2026-03-27")).toEqual(["2026-03-27T08:00:00.000Z", "2026-03-27T11:00:00.000Z"]);
    expect(at("2026-03-30")).toEqual(["2026-03-30T07:00:00.000Z", "2026-03-30T10:00:00.000Z"]);
    expect(at("2026-10-23")).toEqual(["2026-10-23T07:00:00.000Z", "2026-10-23T10:00:00.000Z"]);
    expect(at("2026-10-26")).toEqual(["2026-10-26T08:00:00.000Z", "2026-10-26T11:00:00.000Z"]);
  });

  it("updates a moved session as the same event with the next SEQUENCE", () => {
    const first = invite();
    const { file, sent } = sessionUpdate(first, {
      session: {
        ...invite().session,
        date: "2026-03-31",
        start: "14:00",
        end: "16:30",
        place: "Pärnu mnt 8",
      },
      stamp: "2026-03-20T09:00:00Z",
    });
    expect(sent.sequence).toBe(1);
    const { event, calendar } = parse(file.content);
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(event.uid).toBe(parse(sessionRequest(first).content).event.uid);
    expect(event.sequence).toBe(1);
    expect(event.location).toBe("Pärnu mnt 8");
    // 31 March is summer time: 14:00 in Tallinn is 11:00Z.
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-03-31T11:00:00.000Z");
    expect(sessionUpdate(sent, { session: sent.session, stamp: "2026-03-21T09:00:00Z" }).sent.sequence).toBe(
      2,
    );
    expect(() =>
      sessionUpdate(first, { session: { ...invite().session, id: "s2" }, stamp: "2026-03-20T09:00:00Z" }),
    ).toThrow(/same session/);
  });

  it("cancels with METHOD:CANCEL, the same UID and the next SEQUENCE, without the confirm link", () => {
    const sent = invite({ sequence: 2 });
    const cancel = sessionCancellation(sent);
    expect(cancel.filename).toBe("cancel.ics");
    expect(cancel.contentType).toBe("text/calendar; charset=utf-8; method=CANCEL");
    const { calendar, event, vevent } = parse(cancel.content);
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(event.uid).toBe(sessionInviteUid("tr_menetlus", "s1", "mari"));
    expect(event.sequence).toBe(3);
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event.description ?? "").not.toContain("abc123");
  });

  it("gives each participant their own event, and a video-only session its link as the location", () => {
    const other = invite({ attendee: { employeeId: "jaan", name: "Jaan Kask", email: "jaan@example.ee" } });
    expect(parse(sessionRequest(other).content).event.uid).not.toBe(
      parse(sessionRequest(invite()).content).event.uid,
    );
    const video = { ...invite().session, place: undefined };
    expect(parse(sessionRequest(invite({ session: video })).content).event.location).toBe(
      "https://teams.example/s1",
    );
  });

  it("refuses bad input naming the field", () => {
    expect(fieldOf(() => sessionRequest(invite({ attendee: { ...invite().attendee, email: "nope" } })))).toBe(
      "attendee.email",
    );
    expect(fieldOf(() => sessionRequest(invite({ session: { ...invite().session, end: "09:00" } })))).toBe(
      "session.end",
    );
    expect(fieldOf(() => sessionRequest(invite({ session: { ...invite().session, capacity: 0 } })))).toBe(
      "session.capacity",
    );
    expect(fieldOf(() => sessionRequest(invite({ confirmUrl: "ftp://x" })))).toBe("confirmUrl");
  });
});
