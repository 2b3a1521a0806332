// A training end to end on DynamoDB Local and the local engine running the real
// training.asl.json: HR defines a mandatory training for the demo unit's specialists with two
// sessions and a follow-up after 8 weeks; Olga is on sick leave on the first session's day and is
// moved to the second and told; both confirm through their links; the trainer records each
// session's attendance by link; Mari's completion lands on her record with the follow-up due
// 8 weeks later, Olga's no-show (with no later session) puts her on the waiting list; history and
// compliance show it as JSON and CSV. Bad input names its field and creates nothing; cancelling a
// training sends cancel .ics files and cancels what is open.
import { beforeAll, describe, expect, it } from "vitest";
import { sweep } from "../../functions/core/usecases/scheduler";
import { sessionCaseIdOf } from "../../functions/core/usecases/trainings";
import { createHarness, type Harness } from "../support/api-harness";
import { nonceIn, submit } from "../support/link-tasks";

let h: Harness;
let trainingId: string;

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const fieldOf = async (res: Response) => (await json<{ error: { field: string } }>(res)).error.field;

const settle = async () => {
  for (let i = 0; i < 3; i++) {
    await sweep(h.deps);
    await h.engine.whenIdle();
  }
};

/** The path of the latest link in a mail to `to` that starts with `prefix` (/t/, /ics/training/, /l/). */
const linkIn = (to: string, prefix: string, about?: string) => {
  const mail = h.mails.findLast(
    (m) => m.to === to && m.text.includes(prefix) && (!about || m.text.includes(about)),
  );
  if (!mail)
    throw new Error(`no ${prefix} mail to ${to}: ${h.mails.map((m) => `${m.to} ${m.tag}`).join("; ")}`);
  const url = new RegExp(`https?://\\S+${prefix.replace(/\//g, "\\/")}\\S+`).exec(mail.text)![0];
  return new URL(url).pathname;
};

const definition = {
  title: { et: "Menetluspraktika", en: "Procedural practice" },
  topic: { et: "Haldusmenetluse seadus", en: "Administrative Procedure Act" },
  kind: "mandatory",
  mandatoryForPositionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2"],
  trainer: { kind: "employee", employeeId: "tiina-tamm" },
  sessions: [
    { date: "2026-03-10", start: "10:00", end: "12:00", place: "Tallinn, Endla 8, ruum 101", capacity: 5 },
    { date: "2026-03-17", start: "10:00", end: "12:00", videoUrl: "https://meet.example.ee/ka", capacity: 5 },
  ],
  followUp: { kind: "afterWeeks", weeks: 8 },
};

const post = (path: string, body: unknown, token = h.tokens.hr) =>
  h.call(path, { method: "POST", token, body: JSON.stringify(body) });

beforeAll(async () => {
  // Monday 2 March 2026, 10:00 in Tallinn.
  h = await createHarness("training", { start: "2026-03-02T08:00:00Z" });
});

describe("training", () => {
  it("refuses bad definitions naming the field, and stores nothing", async () => {
    const before = await h.deps.store.listTrainings();
    const session = definition.sessions[0]!;
    const cases: Array<[unknown, string]> = [
      [{ ...definition, sessions: [{ ...session, date: "2026-02-27" }] }, "sessions[0].date"],
      [{ ...definition, sessions: [{ ...session, end: "09:00" }] }, "sessions[0].end"],
      [{ ...definition, sessions: [session, { ...session, capacity: 0 }] }, "sessions[1].capacity"],
      [{ ...definition, trainer: { kind: "employee", employeeId: "nobody" } }, "trainer.employeeId"],
    ];
    for (const [body, field] of cases) {
      const res = await post("/api/trainings", body);
      expect(res.status, field).toBe(400);
      expect(await fieldOf(res)).toBe(field);
    }
    expect(await h.deps.store.listTrainings()).toEqual(before);
  });

  it("HR creates the training and previews the specialists", async () => {
    const res = await post("/api/trainings", definition);
    expect(res.status).toBe(201);
    trainingId = (await json<{ id: string }>(res)).id;
    const preview = await json<{ included: Array<{ id: string }> }>(
      await post(`/api/trainings/${trainingId}/preview`, {
        positionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2"],
      }),
    );
    expect(preview.included.map((e) => e.id).sort()).toEqual(["mari-maasikas", "olga-ivanova"]);
  });

  it("naming someone twice is refused naming the field, and seats nobody", async () => {
    const res = await post(`/api/trainings/${trainingId}/assign`, {
      employeeIds: ["mari-maasikas", "mari-maasikas"],
    });
    expect(res.status).toBe(400);
    expect(await fieldOf(res)).toBe("employeeIds[1]");
    expect(await h.deps.store.getCase(sessionCaseIdOf(trainingId, "s1"))).toBeUndefined();
  });

  it("assigns: Olga, on sick leave on the first day, is moved to the second session and told", async () => {
    const sick = await post("/api/employees/olga-ivanova/absences", {
      type: "sick_leave",
      from: "2026-03-09",
      to: "2026-03-12",
    });
    expect(sick.status).toBe(201);
    const res = await post(`/api/trainings/${trainingId}/assign`, {
      positionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2"],
    });
    expect(res.status).toBe(200);
    const result = await json<{
      sessions: Array<{ sessionId: string; employeeIds: string[] }>;
      moves: Array<{ employeeId: string; fromSessionId: string; toSessionId: string }>;
    }>(res);
    expect(result.sessions).toEqual([
      { sessionId: "s1", employeeIds: ["mari-maasikas"] },
      { sessionId: "s2", employeeIds: ["olga-ivanova"] },
    ]);
    expect(result.moves).toEqual([{ employeeId: "olga-ivanova", fromSessionId: "s1", toSessionId: "s2" }]);
    await h.engine.whenIdle();
    const olga = h.mails.findLast((m) => m.to === "olga.ivanova@example.ee")!;
    expect(olga.subject).toMatch(/Procedural practice/);
    expect(olga.text).toMatch(/moved to this session because you are away/);
    expect(olga.text).toMatch(/\/t\//);
    // The calendar file behind the link: Tallinn time, the participant's own event.
    const ics = await h.app.request(linkIn("olga.ivanova@example.ee", "/ics/training/"));
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toMatch(/text\/calendar.*method=REQUEST/);
    const text = await ics.text();
    expect(text).toMatch(/DTSTART;TZID=Europe\/Tallinn:20260317T100000/);
    expect(text).toMatch(/UID:training-.*-s2-olga-ivanova@/);
    // Naming someone already on it is refused naming the field.
    const again = await post(`/api/trainings/${trainingId}/assign`, { employeeIds: ["mari-maasikas"] });
    expect(again.status).toBe(400);
    expect(await fieldOf(again)).toBe("employeeIds[0]");
  });

  it("participants confirm through their links; GET changes nothing", async () => {
    for (const to of ["mari.maasikas@example.ee", "olga.ivanova@example.ee"]) {
      const path = linkIn(to, "/t/");
      const page = await h.app.request(path);
      expect(page.status).toBe(200);
      const blind = await submit(h, path, { answer: "confirm" });
      expect(blind.status).toBe(400);
      const res = await submit(h, path, { answer: "confirm", nonce: nonceIn(await page.text()) });
      expect(res.status).toBe(200);
    }
    const training = await json<{
      sessions: Array<{ seats: Array<{ employeeId: string; confirmation: string }> }>;
    }>(await h.call(`/api/trainings/${trainingId}`, { token: h.tokens.hr }));
    expect(training.sessions.flatMap((s) => s.seats.map((x) => x.confirmation))).toEqual([
      "confirmed",
      "confirmed",
    ]);
  });

  it("the trainer sees their own training; an employee does not", async () => {
    expect((await h.call(`/api/trainings/${trainingId}`, { token: h.tokens.lead })).status).toBe(200);
    const list = await json<Array<{ id: string }>>(await h.call("/api/trainings", { token: h.tokens.lead }));
    expect(list.map((t) => t.id)).toContain(trainingId);
    expect((await h.call(`/api/trainings/${trainingId}`, { token: h.tokens.employee })).status).toBe(403);
  });

  it("after the first session the trainer records attendance by link; Mari's completion lands on her record", async () => {
    h.setNow("2026-03-10T10:30:00Z"); // 12:30 in Tallinn: the session has ended
    await settle();
    const path = linkIn("tiina.tamm@example.ee", "/l/");
    const page = await (await h.app.request(path)).text();
    expect(page).toMatch(/Mari Maasikas/);
    const res = await submit(h, path, {
      "p_mari-maasikas": "attended",
      materialsUrl: "https://intra.example.ee/menetlus",
      nonce: nonceIn(page),
    });
    expect(res.status).toBe(200);
    await h.engine.whenIdle();
    await settle();
    const s1 = await h.deps.store.getCase(sessionCaseIdOf(trainingId, "s1"));
    expect(s1?.status).toBe("closed");
    expect(s1?.outcome).toMatchObject({ recorded: true, attended: ["mari-maasikas"], noShow: [] });
    const training = await h.deps.store.getTraining(trainingId);
    expect(training?.attendance).toEqual([
      { employeeId: "mari-maasikas", trainingId, sessionId: "s1", status: "attended" },
    ]);
    // 10 March + 8 weeks = 5 May 2026, a Tuesday.
    expect(training?.followUps).toEqual([
      { employeeId: "mari-maasikas", basedOn: "2026-03-10", dueOn: "2026-05-05" },
    ]);
  });

  it("Olga does not come to the second session: with no later session she waits and is told", async () => {
    h.setNow("2026-03-17T10:30:00Z");
    await settle();
    const tasks = await h.deps.store.listTasks({ caseId: sessionCaseIdOf(trainingId, "s2") });
    const task = tasks.find((t) => t.kind === "training.attendance")!;
    expect(task.assigneeId).toBe("tiina-tamm");
    const path = linkIn("tiina.tamm@example.ee", "/l/", task.id);
    const page = await (await h.app.request(path)).text();
    const res = await submit(h, path, { "p_olga-ivanova": "no_show", nonce: nonceIn(page) });
    expect(res.status).toBe(200);
    await h.engine.whenIdle();
    await settle();
    const training = await h.deps.store.getTraining(trainingId);
    expect(training?.waitingList).toEqual([{ employeeId: "olga-ivanova", reason: "no_show" }]);
    expect(h.mails.findLast((m) => m.to === "olga.ivanova@example.ee")?.subject).toMatch(/waiting list/);
  });

  it("history and compliance show it, as JSON and CSV", async () => {
    const history = await json<
      Array<{ employeeId: string; hours: number; followUpDueOn?: string; status: string }>
    >(await h.call("/api/trainings/history?employeeId=mari-maasikas", { token: h.tokens.hr }));
    expect(history).toMatchObject([
      { employeeId: "mari-maasikas", status: "attended", hours: 2, followUpDueOn: "2026-05-05" },
    ]);
    const csv = await h.call("/api/trainings/history?format=csv&lang=en", { token: h.tokens.hr });
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/Employee ID,Employee,Training ID/);
    expect(lines.some((l) => l.includes("mari-maasikas") && l.includes("2026-05-05"))).toBe(true);
    const compliance = await json<Array<{ employeeId: string; trainingId: string; status: string }>>(
      await h.call("/api/trainings/compliance", { token: h.tokens.hr }),
    );
    const mine = compliance.filter((r) => r.trainingId === trainingId);
    expect(mine).toEqual([expect.objectContaining({ employeeId: "olga-ivanova", status: "missing" })]);
    // Reports are HR's.
    expect((await h.call("/api/trainings/compliance", { token: h.tokens.lead })).status).toBe(403);
  });

  it("a participant who asks for another session is moved to the next one with room, with a cancel .ics for the first", async () => {
    const res = await post("/api/trainings", {
      ...definition,
      kind: "optional",
      mandatoryForPositionIds: [],
      sessions: [
        { date: "2026-04-07", start: "09:00", end: "10:30", place: "Tallinn", capacity: 3 },
        { date: "2026-04-21", start: "09:00", end: "10:30", place: "Tallinn", capacity: 3 },
      ],
      followUp: { kind: "none" },
    });
    const { id } = await json<{ id: string }>(res);
    await post(`/api/trainings/${id}/assign`, { employeeIds: ["olga-ivanova"] });
    await h.engine.whenIdle();
    const path = linkIn("olga.ivanova@example.ee", "/t/", "7 April 2026");
    const page = await (await h.app.request(path)).text();
    const moved = await submit(h, path, { answer: "another", nonce: nonceIn(page) });
    expect(moved.status).toBe(200);
    expect(await moved.text()).toMatch(/moved to the next session/);
    const mails = h.mails.filter((m) => m.to === "olga.ivanova@example.ee").slice(-2);
    expect(mails.map((m) => m.tag).sort()).toEqual(["training:invited", "training:movedAway"]);
    expect(mails.find((m) => m.tag === "training:invited")?.text).toMatch(
      /21 April 2026[\s\S]*at your request/,
    );
    const cancel = await h.app.request(linkIn("olga.ivanova@example.ee", "/ics/training/", "Your seat at"));
    expect(await cancel.text()).toMatch(/METHOD:CANCEL/);
    // The old page now says the session is no longer open.
    expect((await h.app.request(path)).status).toBe(410);
    await post(`/api/trainings/${id}/cancel`, {});
  });

  it("cancelling a training mails cancel .ics files and cancels what is open", async () => {
    const res = await post("/api/trainings", {
      ...definition,
      kind: "optional",
      mandatoryForPositionIds: [],
      sessions: [{ date: "2026-04-14", start: "13:00", end: "15:00", place: "Tallinn", capacity: 1 }],
      followUp: { kind: "none" },
    });
    const { id } = await json<{ id: string }>(res);
    const assigned = await json<{ waitingList: Array<{ employeeId: string; reason: string }> }>(
      await post(`/api/trainings/${id}/assign`, { employeeIds: ["mari-maasikas", "olga-ivanova"] }),
    );
    // Capacity 1: the second waits for a seat.
    expect(assigned.waitingList).toEqual([{ employeeId: "olga-ivanova", reason: "no_room" }]);
    await h.engine.whenIdle();
    const cancel = await post(`/api/trainings/${id}/cancel`, {});
    expect(cancel.status).toBe(200);
    const c = await h.deps.store.getCase(sessionCaseIdOf(id, "s1"));
    expect(c?.status).toBe("cancelled");
    const mail = h.mails.findLast((m) => m.to === "mari.maasikas@example.ee")!;
    expect(mail.tag).toBe("training:cancelled");
    const ics = await h.app.request(linkIn("mari.maasikas@example.ee", "/ics/training/", "14.04.2026"));
    expect(await ics.text()).toMatch(/METHOD:CANCEL[\s\S]*STATUS:CANCELLED/);
    expect((await post(`/api/trainings/${id}/cancel`, {})).status).toBe(409);
  });
});
