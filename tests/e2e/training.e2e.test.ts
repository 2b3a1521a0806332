// A training on the whole local system (`npm start`'s entry as a child process, its outbox and
// virtual clock): HR creates a mandatory training for the demo unit with a follow-up after 8
// weeks; participants confirm by the link in their invitation; Olga falls ill after being invited
// and is moved to the next session and told; the trainer records attendance by link; 8 weeks
// later (virtual clock) the follow-up comes: HR is told who waits, adds its session, and the
// completers are invited to it. Then a lead's info-session series on the same system: the staff
// invited, the summary task after a session, escalated when late, the summary mailed to the staff
// and the department's other leads.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followUpDueDate } from "../../functions/core/trainings/follow-up";
import {
  localClient,
  nonceIn,
  type OutboxMail,
  type RunningSystem,
  startLocalProcess,
} from "../support/local-process";

let system: RunningSystem;
const dataDir = mkdtempSync(join(tmpdir(), "hr-e2e-training-"));
const { api, mails, signIn, waitFor, submitForm: submit } = localClient(() => system);

const pathIn = (mail: OutboxMail, prefix: string) => {
  const m = new RegExp(`(http://\\S+${prefix}\\S+)`).exec(mail.text);
  if (!m) throw new Error(`no ${prefix} link in ${mail.subject}`);
  return new URL(m[1]!).pathname;
};
const waitForMail = (what: string, predicate: (m: OutboxMail) => boolean) =>
  waitFor(what, async () => (await mails()).findLast(predicate));
const setClock = async (to: string) => {
  const res = await api("/dev/clock", { method: "POST", body: JSON.stringify({ to }) });
  expect(res.status, await res.clone().text()).toBe(200);
};
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

let hr: string;
let trainingId: string;
let firstDay: string;

beforeAll(async () => {
  system = await startLocalProcess(dataDir);
  hr = await signIn("helena-org");
}, 120_000);

afterAll(async () => {
  await system?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("training end to end on the local system", () => {
  it("HR creates a mandatory training for the demo unit and assigns the unit", async () => {
    const { now } = (await (await api("/dev/clock")).json()) as { now: string };
    firstDay = addDays(now.slice(0, 10), 7);
    const res = await api("/api/trainings", {
      method: "POST",
      token: hr,
      body: JSON.stringify({
        title: { et: "Menetluspraktika", en: "Procedural practice" },
        topic: { et: "Haldusmenetluse seadus", en: "Administrative Procedure Act" },
        kind: "mandatory",
        mandatoryForPositionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2"],
        trainer: { kind: "employee", employeeId: "tiina-tamm" },
        sessions: [
          { date: firstDay, start: "10:00", end: "12:00", place: "Tallinn, Endla 8", capacity: 5 },
          {
            date: addDays(firstDay, 7),
            start: "10:00",
            end: "12:00",
            place: "Tallinn, Endla 8",
            capacity: 5,
          },
        ],
        followUp: { kind: "afterWeeks", weeks: 8 },
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    trainingId = ((await res.json()) as { id: string }).id;
    const assigned = await api(`/api/trainings/${trainingId}/assign`, {
      method: "POST",
      token: hr,
      body: JSON.stringify({ units: [{ unitId: "klienditeenindus" }] }),
    });
    expect(assigned.status, await assigned.clone().text()).toBe(200);
    const body = (await assigned.json()) as { sessions: Array<{ sessionId: string; employeeIds: string[] }> };
    expect(body.sessions[0]?.employeeIds).toContain("olga-ivanova");
    await waitForMail(
      "Mari's invitation",
      (m) => m.to === "mari.maasikas@example.ee" && m.tag === "training:invited",
    );
  });

  it("participants confirm by the link in their invitation", async () => {
    for (const to of ["mari.maasikas@example.ee", "olga.ivanova@example.ee"]) {
      const invitation = (await mails()).findLast((m) => m.to === to && m.tag === "training:invited")!;
      const path = pathIn(invitation, "/t/");
      const page = await api(path);
      expect(page.status).toBe(200);
      const res = await submit(path, { answer: "confirm", nonce: nonceIn(await page.text()) });
      expect(res.status).toBe(200);
    }
  });

  it("Olga falls ill on the first session's day: she is moved to the next session and told", async () => {
    const res = await api("/api/employees/olga-ivanova/absences", {
      method: "POST",
      token: hr,
      body: JSON.stringify({ type: "sick_leave", from: firstDay, to: firstDay }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const moved = await waitForMail(
      "Olga's new invitation",
      (m) => m.to === "olga.ivanova@example.ee" && m.tag === "training:invited" && m.text.includes("/t/"),
    );
    expect(
      (await mails()).some((m) => m.to === "olga.ivanova@example.ee" && m.tag === "training:movedAway"),
    ).toBe(true);
    expect(moved.subject).not.toBe(
      (await mails()).find((m) => m.to === "olga.ivanova@example.ee" && m.tag === "training:invited")
        ?.subject,
    );
  });

  it("after the session the trainer records attendance by link", async () => {
    await setClock(`${firstDay}T11:00:00Z`); // 13:00 in Tallinn: the session has ended
    const mail = await waitForMail(
      "the attendance list",
      (m) => m.to === "tiina.tamm@example.ee" && m.tag === "task:training.attendance",
    );
    const path = pathIn(mail, "/l/");
    const page = await (await api(path)).text();
    const fields = Object.fromEntries(
      [...page.matchAll(/name="(p_[^"]+)"/g)].map(([, name]) => [name!, "attended"] as const),
    );
    expect(Object.keys(fields)).toContain("p_mari-maasikas");
    expect(Object.keys(fields)).not.toContain("p_olga-ivanova");
    const res = await submit(path, { ...fields, nonce: nonceIn(page) });
    expect(res.status, await res.clone().text()).toBe(200);
    const training = await waitFor("the attendance on the record", async () => {
      const t = (await (await api(`/api/trainings/${trainingId}`, { token: hr })).json()) as {
        followUps: Array<{ employeeId: string; dueOn: string }>;
      };
      return t.followUps.length > 0 ? t : undefined;
    });
    expect(training.followUps.map((f) => f.employeeId)).toContain("mari-maasikas");
  });

  it("8 weeks later the follow-up comes: HR adds its session and the completers are invited", async () => {
    // The follow-up's due day: 8 weeks on, moved to a business day; 08:00 or 09:00 in Tallinn.
    await setClock(`${followUpDueDate(firstDay, { kind: "afterWeeks", weeks: 8 })}T06:00:00Z`);
    await waitForMail("HR told the follow-up is due", (m) => m.tag === "training:followUpsDue");
    await waitForMail(
      "Mari told her follow-up is due",
      (m) => m.to === "mari.maasikas@example.ee" && m.tag === "training:followUpDue",
    );
    const { followUpTrainingId } = (await (
      await api(`/api/trainings/${trainingId}`, { token: hr })
    ).json()) as {
      followUpTrainingId: string;
    };
    const { now } = (await (await api("/dev/clock")).json()) as { now: string };
    const res = await api(`/api/trainings/${followUpTrainingId}/sessions`, {
      method: "POST",
      token: hr,
      body: JSON.stringify({
        date: addDays(now.slice(0, 10), 7),
        start: "10:00",
        end: "11:30",
        place: "Tallinn, Endla 8",
        capacity: 10,
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(((await res.json()) as { seated: string[] }).seated).toContain("mari-maasikas");
    const invitation = await waitForMail(
      "Mari's invitation to the follow-up",
      (m) =>
        m.to === "mari.maasikas@example.ee" &&
        m.tag === "training:invited" &&
        m.subject.includes("järelkoolitus"),
    );
    expect((await api(pathIn(invitation, "/ics/training/"))).status).toBe(200);
  });
});

describe("an info-session series on the same running system", () => {
  let lead: string;
  let sessionDay: string;

  it("a lead schedules a series for her unit; the staff are invited with a calendar file", async () => {
    lead = await signIn("tiina-tamm");
    const { now } = (await (await api("/dev/clock")).json()) as { now: string };
    const from = addDays(now.slice(0, 10), 1);
    const res = await api("/api/info-sessions", {
      method: "POST",
      token: lead,
      body: JSON.stringify({
        title: { et: "Osakonna infotund", en: "Department info session" },
        place: "Ruum 214",
        series: {
          rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
          from,
          until: addDays(from, 40),
          time: "10:00",
          durationMinutes: 60,
        },
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as { sessions: Array<{ date: string }> };
    sessionDay = body.sessions[0]!.date;
    const invite = await waitForMail(
      "Mari's invitation",
      (m) => m.to === "mari.maasikas@example.ee" && m.tag === "infoSession:invited",
    );
    expect((await api(pathIn(invite, "/ics/"))).status).toBe(200);
  });

  it("after the session the summary task comes; written late, it escalates to the lead's manager", async () => {
    await setClock(`${sessionDay}T12:00:00Z`);
    const task = await waitForMail(
      "the summary task",
      (m) => m.to === "tiina.tamm@example.ee" && m.tag === "task:infoSession.summary",
    );
    // Three business days on (a week is enough whatever the weekday), nobody has written it.
    await setClock(`${addDays(sessionDay, 7)}T07:00:00Z`);
    await waitForMail(
      "the escalation",
      (m) => m.to === "kadri.kask@example.ee" && m.tag === "escalation:infoSession.summary",
    );
    const path = pathIn(task, "/l/");
    const page = await (await api(path)).text();
    const res = await submit(path, {
      decisions: "Kliendid saavad vastuse kahe tööpäeva jooksul.",
      news: "Uus menetlusjuhend jõustub 1. kuupäeval.",
      links: "https://example.ee/juhend",
      nonce: nonceIn(page),
    });
    expect(res.status, (await res.clone().text()).slice(0, 300)).toBe(200);
  });

  it("the summary reaches the unit's staff and the department's other leads", async () => {
    for (const to of ["mari.maasikas@example.ee", "olga.ivanova@example.ee", "kadri.kask@example.ee"]) {
      const mail = await waitForMail(
        `the summary to ${to}`,
        (m) => m.to === to && m.tag === "infoSession:summary",
      );
      expect(mail.text).toContain("kahe tööpäeva");
    }
  });
});
