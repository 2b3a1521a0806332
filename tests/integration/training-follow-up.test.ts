// Trainings after the invitations went out, on DynamoDB Local and the local engine running the real
// training.asl.json: follow-up trainings that come due in the sweep (after N weeks) and that HR
// calls for everyone who completed a training (idempotent); sessions added (the waiting list is
// seated), changed (update .ics, SEQUENCE one higher) and cancelled (people moved on); absences
// recorded after the invitation (where recorded, and repaired by the sweep); an external trainer,
// whose attendance list goes to the organiser HR names.
import { beforeAll, describe, expect, it } from "vitest";
import { sweep } from "../../functions/core/usecases/scheduler";
import { followUpTrainingIdOf, sessionCaseIdOf } from "../../functions/core/usecases/trainings";
import { createHarness, type Harness } from "../support/api-harness";
import { nonceIn, submit } from "../support/link-tasks";

let h: Harness;
let trainingId: string;
let followUpId: string;

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const fieldOf = async (res: Response) => (await json<{ error: { field: string } }>(res)).error.field;
const post = (path: string, body: unknown, token = h.tokens.hr) =>
  h.call(path, { method: "POST", token, body: JSON.stringify(body) });
const patch = (path: string, body: unknown) =>
  h.call(path, { method: "PATCH", token: h.tokens.hr, body: JSON.stringify(body) });

const settle = async () => {
  for (let i = 0; i < 3; i++) {
    await sweep(h.deps);
    await h.engine.whenIdle();
  }
};

const MARI = "mari.maasikas@example.ee";
const OLGA = "olga.ivanova@example.ee";

const linkIn = (to: string, prefix: string, about?: string) => {
  const mail = h.mails.findLast(
    (m) => m.to === to && m.text.includes(prefix) && (!about || m.text.includes(about)),
  );
  if (!mail)
    throw new Error(`no ${prefix} mail to ${to}: ${h.mails.map((m) => `${m.to} ${m.tag}`).join("; ")}`);
  const url = new RegExp(`https?://\\S+${prefix.replace(/\//g, "\\/")}\\S+`).exec(mail.text)![0];
  return new URL(url).pathname;
};

/** The attendance task of a session, completed by its holder through the link in their mail. */
async function recordAttendance(holderEmail: string, caseId: string, answers: Record<string, string>) {
  const task = (await h.deps.store.listTasks({ caseId })).find((t) => t.kind === "training.attendance")!;
  const path = linkIn(holderEmail, "/l/", task.id);
  const page = await (await h.app.request(path)).text();
  const res = await submit(h, path, { ...answers, nonce: nonceIn(page) });
  expect(res.status).toBe(200);
  await h.engine.whenIdle();
  await settle();
  return task;
}

/** Who is seated in a session's case, sorted. */
async function seatedIn(caseId: string) {
  const c = await h.deps.store.getCase(caseId);
  const seats = (c?.data ?? { seats: [] }) as { seats: Array<{ employeeId: string; status: string }> };
  return seats.seats
    .filter((s) => s.status === "seated")
    .map((s) => s.employeeId)
    .sort();
}

async function confirmationOf(caseId: string, employeeId: string) {
  const c = await h.deps.store.getCase(caseId);
  const seats = (c?.data ?? { seats: [] }) as { seats: Array<{ employeeId: string; confirmation: string }> };
  return seats.seats.find((s) => s.employeeId === employeeId)?.confirmation;
}

const base = {
  title: { et: "Menetluspraktika", en: "Procedural practice" },
  topic: { et: "Haldusmenetluse seadus", en: "Administrative Procedure Act" },
  kind: "mandatory",
  mandatoryForPositionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2"],
  trainer: { kind: "employee", employeeId: "tiina-tamm" },
};

beforeAll(async () => {
  // Monday 2 March 2026, 10:00 in Tallinn.
  h = await createHarness("trainingfu", { start: "2026-03-02T08:00:00Z" });
});

describe("training follow-ups and session changes", () => {
  it("an external trainer needs an organiser, who holds the attendance list", async () => {
    const external = {
      ...base,
      kind: "optional",
      mandatoryForPositionIds: [],
      trainer: { kind: "external", name: "Koolitus OÜ" },
      sessions: [{ date: "2026-03-05", start: "10:00", end: "12:00", place: "Tallinn", capacity: 3 }],
    };
    const refused = await post("/api/trainings", external);
    expect(refused.status).toBe(400);
    expect(await fieldOf(refused)).toBe("organiserEmployeeId");
    const unknown = await post("/api/trainings", { ...external, organiserEmployeeId: "nobody" });
    expect(await fieldOf(unknown)).toBe("organiserEmployeeId");
    const res = await post("/api/trainings", { ...external, organiserEmployeeId: "helena-org" });
    expect(res.status).toBe(201);
    const { id } = await json<{ id: string }>(res);
    await post(`/api/trainings/${id}/assign`, { employeeIds: ["mari-maasikas"] });
    h.setNow("2026-03-05T10:30:00Z");
    await settle();
    const task = await recordAttendance("helena.org@example.ee", sessionCaseIdOf(id, "s1"), {
      "p_mari-maasikas": "attended",
    });
    expect(task.assigneeId).toBe("helena-org");
    expect((await h.deps.store.getTraining(id))?.attendance).toHaveLength(1);
  });

  it("completions after 8 weeks: the sweep puts the completers on the follow-up training on the due day, once", async () => {
    const res = await post("/api/trainings", {
      ...base,
      sessions: [{ date: "2026-03-10", start: "10:00", end: "12:00", place: "Tallinn", capacity: 5 }],
      followUp: { kind: "afterWeeks", weeks: 8 },
    });
    trainingId = (await json<{ id: string }>(res)).id;
    followUpId = followUpTrainingIdOf(trainingId);
    await post(`/api/trainings/${trainingId}/assign`, { employeeIds: ["mari-maasikas", "olga-ivanova"] });
    h.setNow("2026-03-10T10:30:00Z");
    await settle();
    await recordAttendance("tiina.tamm@example.ee", sessionCaseIdOf(trainingId, "s1"), {
      "p_mari-maasikas": "attended",
      "p_olga-ivanova": "attended",
    });
    expect((await h.deps.store.getTraining(trainingId))?.followUps.map((f) => f.dueOn)).toEqual([
      "2026-05-05",
      "2026-05-05",
    ]);
    h.setNow("2026-05-04T06:00:00Z"); // the day before: nothing yet
    expect((await sweep(h.deps)).followUpsScheduled).toBe(0);
    expect(await h.deps.store.getTraining(followUpId)).toBeUndefined();
    h.setNow("2026-05-05T05:00:00Z");
    expect((await sweep(h.deps)).followUpsScheduled).toBe(1);
    const followUp = await h.deps.store.getTraining(followUpId);
    expect(followUp?.definition.title.en).toBe("Procedural practice (follow-up)");
    expect(followUp?.followUpOf).toBe(trainingId);
    expect(followUp?.waitingList).toEqual([
      { employeeId: "mari-maasikas", reason: "follow_up" },
      { employeeId: "olga-ivanova", reason: "follow_up" },
    ]);
    expect(h.mails.filter((m) => m.tag === "training:followUpsDue")).toHaveLength(1);
    expect(h.mails.findLast((m) => m.to === MARI)?.tag).toBe("training:followUpDue");
    // A second sweep that day (or a retried one) does nothing more.
    expect((await sweep(h.deps)).followUpsScheduled).toBe(0);
    expect(h.mails.filter((m) => m.tag === "training:followUpsDue")).toHaveLength(1);
    expect((await h.deps.store.getTraining(followUpId))?.waitingList).toHaveLength(2);
  });

  it("HR adds a session to the follow-up: the waiting list is seated up to its capacity and invited", async () => {
    const past = await post(`/api/trainings/${followUpId}/sessions`, {
      date: "2026-05-01",
      start: "10:00",
      end: "12:00",
      place: "Tallinn",
      capacity: 1,
    });
    expect(past.status).toBe(400);
    expect(await fieldOf(past)).toBe("date");
    const res = await post(`/api/trainings/${followUpId}/sessions`, {
      date: "2026-05-12",
      start: "10:00",
      end: "12:00",
      place: "Tallinn, Endla 8",
      capacity: 1,
    });
    expect(res.status).toBe(201);
    const added = await json<{ session: { id: string }; seated: string[] }>(res);
    expect(added.session.id).toBe("s1");
    expect(added.seated).toEqual(["mari-maasikas"]);
    await h.engine.whenIdle();
    // Mari reads Estonian.
    expect(h.mails.findLast((m) => m.to === MARI)?.subject).toMatch(/Menetluspraktika \(järelkoolitus\)/);
    expect((await h.deps.store.getTraining(followUpId))?.waitingList).toEqual([
      { employeeId: "olga-ivanova", reason: "follow_up" },
    ]);
  });

  it("HR calls a follow-up for everyone who completed: triggering twice adds nobody twice", async () => {
    const first = await json<{ followUpTrainingId: string; added: string[]; already: string[] }>(
      await post(`/api/trainings/${trainingId}/follow-up`, {}),
    );
    // Both are on the follow-up already (one seated, one waiting).
    expect(first).toMatchObject({ followUpTrainingId: followUpId, added: [] });
    expect(first.already.sort()).toEqual(["mari-maasikas", "olga-ivanova"]);
    // A training without a follow-up rule: the law changed.
    const res = await post("/api/trainings", {
      ...base,
      kind: "optional",
      mandatoryForPositionIds: [],
      sessions: [{ date: "2026-05-06", start: "09:00", end: "10:00", place: "Tallinn", capacity: 5 }],
    });
    const { id } = await json<{ id: string }>(res);
    expect((await post(`/api/trainings/${id}/follow-up`, {})).status).toBe(409); // nobody completed it yet
    await post(`/api/trainings/${id}/assign`, { employeeIds: ["mari-maasikas"] });
    h.setNow("2026-05-06T07:30:00Z");
    await settle();
    await recordAttendance("tiina.tamm@example.ee", sessionCaseIdOf(id, "s1"), {
      "p_mari-maasikas": "attended",
    });
    const mailsBefore = h.mails.length;
    const once = await json<{ added: string[] }>(await post(`/api/trainings/${id}/follow-up`, {}));
    expect(once.added).toEqual(["mari-maasikas"]);
    const twice = await json<{ added: string[]; already: string[] }>(
      await post(`/api/trainings/${id}/follow-up`, {}),
    );
    expect(twice).toMatchObject({ added: [], already: ["mari-maasikas"] });
    const fu = await h.deps.store.getTraining(followUpTrainingIdOf(id));
    expect(fu?.waitingList).toEqual([{ employeeId: "mari-maasikas", reason: "follow_up" }]);
    // Told once.
    expect(
      h.mails.slice(mailsBefore).filter((m) => m.to === MARI && m.tag === "training:followUpDue"),
    ).toHaveLength(1);
  });

  it("HR changes the session's time and place: the participant gets the update, SEQUENCE one higher", async () => {
    const tooSmall = await patch(`/api/trainings/${followUpId}/sessions/s1`, { capacity: 0 });
    expect(tooSmall.status).toBe(400);
    expect(await fieldOf(tooSmall)).toBe("capacity");
    const confirm = linkIn(MARI, "/t/", "12.05.2026");
    // (she confirms the session first)
    const page = await (await h.app.request(confirm)).text();
    expect((await submit(h, confirm, { answer: "confirm", nonce: nonceIn(page) })).status).toBe(200);
    expect(await confirmationOf(sessionCaseIdOf(followUpId, "s1"), "mari-maasikas")).toBe("confirmed");
    const res = await patch(`/api/trainings/${followUpId}/sessions/s1`, {
      date: "2026-05-13",
      start: "13:00",
      end: "15:00",
      place: "Tallinn, Endla 8, ruum 204",
    });
    expect(res.status).toBe(200);
    const mail = h.mails.findLast((m) => m.to === MARI)!;
    expect(mail.tag).toBe("training:updated");
    expect(mail.text).toMatch(/ruum 204/);
    // A new day or time: she is asked to confirm again.
    expect(await confirmationOf(sessionCaseIdOf(followUpId, "s1"), "mari-maasikas")).toBe("invited");
    const ics = await (await h.app.request(linkIn(MARI, "/ics/training/", "ruum 204"))).text();
    expect(ics).toMatch(/METHOD:REQUEST/);
    expect(ics).toMatch(/SEQUENCE:1/);
    expect(ics).toMatch(/DTSTART;TZID=Europe\/Tallinn:20260513T130000/);
    // The attendance list opens when the session, as it is now, has ended.
    const timers = await h.deps.store.listTimers({
      caseId: sessionCaseIdOf(followUpId, "s1"),
      status: "waiting",
    });
    expect(timers.map((t) => t.dueAt)).toEqual(["2026-05-13T12:00:00.000Z"]);
  });

  it("HR cancels a session: its participants get the cancel .ics and move to the next session with room", async () => {
    const added = await json<{ seated: string[] }>(
      await post(`/api/trainings/${followUpId}/sessions`, {
        date: "2026-05-19",
        start: "10:00",
        end: "12:00",
        place: "Tallinn",
        capacity: 5,
      }),
    );
    expect(added.seated).toEqual(["olga-ivanova"]);
    const res = await post(`/api/trainings/${followUpId}/sessions/s1/cancel`, {});
    expect(res.status).toBe(200);
    expect((await json<{ moved: unknown[] }>(res)).moved).toEqual([
      { employeeId: "mari-maasikas", toSessionId: "s2" },
    ]);
    await h.engine.whenIdle();
    expect((await h.deps.store.getCase(sessionCaseIdOf(followUpId, "s1")))?.status).toBe("cancelled");
    const mine = h.mails.filter((m) => m.to === MARI).slice(-2);
    expect(mine.map((m) => m.tag).sort()).toEqual(["training:cancelled", "training:invited"]);
    const cancel = await (await h.app.request(linkIn(MARI, "/ics/training/", "13.05.2026"))).text();
    expect(cancel).toMatch(/METHOD:CANCEL/);
    expect(await seatedIn(sessionCaseIdOf(followUpId, "s2"))).toEqual(["mari-maasikas", "olga-ivanova"]);
  });

  it("an absence recorded after the invitation moves the participant on (here: no later session, so they wait) and tells them", async () => {
    const res = await post("/api/employees/olga-ivanova/absences", {
      type: "sick_leave",
      from: "2026-05-18",
      to: "2026-05-20",
    });
    expect(res.status).toBe(201);
    const fu = await h.deps.store.getTraining(followUpId);
    expect(fu?.waitingList).toEqual([{ employeeId: "olga-ivanova", reason: "absent" }]);
    const olga = h.mails.filter((m) => m.to === OLGA).slice(-2);
    expect(olga.map((m) => m.tag).sort()).toEqual(["training:movedAway", "training:waiting"]);
    // A later session seats her from the waiting list.
    const added = await json<{ seated: string[] }>(
      await post(`/api/trainings/${followUpId}/sessions`, {
        date: "2026-05-26",
        start: "10:00",
        end: "12:00",
        place: "Tallinn",
        capacity: 5,
      }),
    );
    expect(added.seated).toEqual(["olga-ivanova"]);
  });

  it("an absence whose recording stopped short is repaired by the sweep on its first day", async () => {
    // Written straight to the store, as a crash after the absence's write would leave it.
    const { version } = await h.deps.store.absenceSet("mari-maasikas");
    await h.deps.store.changeAbsences("mari-maasikas", version, {
      put: [
        {
          id: "abs-crash",
          employeeId: "mari-maasikas",
          type: "annual_leave",
          from: "2026-05-19",
          to: "2026-05-19",
        },
      ],
    });
    const before = h.mails.filter((m) => m.to === MARI).length;
    expect(await seatedIn(sessionCaseIdOf(followUpId, "s2"))).toContain("mari-maasikas"); // not moved yet
    h.setNow("2026-05-18T22:30:00Z"); // 00:30 on the absence's first day
    await sweep(h.deps);
    await h.engine.whenIdle();
    expect(await seatedIn(sessionCaseIdOf(followUpId, "s3"))).toEqual(["mari-maasikas", "olga-ivanova"]);
    expect(
      h.mails
        .filter((m) => m.to === MARI)
        .slice(before)
        .map((m) => m.tag)
        .sort(),
    ).toEqual(["training:invited", "training:movedAway"]);
  });

  it("a refresher every 2 months: completing its follow-up restarts the clock and brings them back to the same follow-up training", async () => {
    const res = await post("/api/trainings", {
      ...base,
      title: { et: "Isikuandmete kaitse", en: "Data protection" },
      sessions: [{ date: "2026-05-27", start: "10:00", end: "12:00", place: "Tallinn", capacity: 5 }],
      followUp: { kind: "everyMonths", months: 2 },
    });
    const { id } = await json<{ id: string }>(res);
    const refresherId = followUpTrainingIdOf(id);
    await post(`/api/trainings/${id}/assign`, { employeeIds: ["mari-maasikas"] });
    h.setNow("2026-05-27T10:30:00Z");
    await settle();
    await recordAttendance("tiina.tamm@example.ee", sessionCaseIdOf(id, "s1"), {
      "p_mari-maasikas": "attended",
    });
    expect((await h.deps.store.getTraining(id))?.followUps).toEqual([
      { employeeId: "mari-maasikas", basedOn: "2026-05-27", dueOn: "2026-07-27" },
    ]);
    h.setNow("2026-07-27T05:00:00Z");
    await sweep(h.deps);
    const refresher = await h.deps.store.getTraining(refresherId);
    expect(refresher?.definition.followUp).toEqual({ kind: "everyMonths", months: 2 });
    expect(refresher?.waitingList).toEqual([{ employeeId: "mari-maasikas", reason: "follow_up" }]);
    await post(`/api/trainings/${refresherId}/sessions`, {
      date: "2026-08-04",
      start: "10:00",
      end: "12:00",
      place: "Tallinn",
      capacity: 5,
    });
    h.setNow("2026-08-04T10:30:00Z");
    await settle();
    await recordAttendance("tiina.tamm@example.ee", sessionCaseIdOf(refresherId, "s1"), {
      "p_mari-maasikas": "attended",
    });
    // 4 October 2026 is a Sunday: due the Monday after.
    expect((await h.deps.store.getTraining(refresherId))?.followUps).toEqual([
      { employeeId: "mari-maasikas", basedOn: "2026-08-04", dueOn: "2026-10-05" },
    ]);
    // The refresher counts as the training's: Mari is not overdue for it.
    const compliance = await json<Array<{ employeeId: string; trainingId: string }>>(
      await h.call("/api/trainings/compliance", { token: h.tokens.hr }),
    );
    expect(compliance.filter((r) => r.trainingId === id || r.trainingId === refresherId)).toEqual([
      expect.objectContaining({ employeeId: "olga-ivanova", trainingId: id }),
    ]);
    h.setNow("2026-10-05T05:00:00Z");
    expect((await sweep(h.deps)).followUpsScheduled).toBeGreaterThanOrEqual(1);
    expect((await h.deps.store.getTraining(refresherId))?.waitingList).toEqual([
      { employeeId: "mari-maasikas", reason: "follow_up" },
    ]);
    expect(await h.deps.store.getTraining(followUpTrainingIdOf(refresherId))).toBeUndefined();
  });
});
