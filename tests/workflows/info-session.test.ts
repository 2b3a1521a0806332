// workflows/info-session.asl.json on the local engine with the virtual clock, on DynamoDB Local:
// Tiina (the Tallinn lead) holds a session on Tuesday 3 March 2026; when it has ended she gets the
// summary task, due two business days later (Thursday); the sweep reminds her, and on Friday,
// still unwritten, escalates it to her manager Kadri; she writes it by link and it is mailed to
// the unit's staff (Mari in Estonian, Olga in English) and the department's other leads (Kadri,
// Peeter, Toomas), and to nobody else. A second session, held while Tiina is on leave, gives its
// summary task to her substitute (Peeter) by the acting-assignee rule.
import { beforeAll, describe, expect, it } from "vitest";
import { sweep } from "../../functions/core/usecases/scheduler";
import { createHarness, type Harness } from "../support/api-harness";
import { splitDemoOrganisation } from "../support/info-sessions";
import { nonceIn, submit } from "../support/link-tasks";

let h: Harness;
let caseId: string;

const settle = async () => {
  for (let i = 0; i < 3; i++) {
    await sweep(h.deps);
    await h.engine.whenIdle();
  }
};
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const mailsTo = (address: string) => h.mails.filter((m) => m.to === address);
const schedule = (body: unknown) =>
  h.call("/api/info-sessions", { method: "POST", token: h.tokens.lead, body: JSON.stringify(body) });

beforeAll(async () => {
  // Monday 2 March 2026, 10:00 in Tallinn.
  h = await createHarness("infosession-wf", { start: "2026-03-02T08:00:00Z" });
  await splitDemoOrganisation(h.deps.store);
});

describe("info-session workflow", () => {
  it("schedules the session: the unit's staff are invited with a calendar file in Tallinn time", async () => {
    const res = await schedule({
      title: { et: "Osakonna infotund", en: "Unit info session" },
      place: "Tallinn, Endla 8, ruum 101",
      single: { date: "2026-03-03", start: "10:00", end: "11:00" },
    });
    expect(res.status).toBe(201);
    const created = await json<{ sessions: Array<{ caseId: string }>; invited: string[] }>(res);
    expect(created.invited.sort()).toEqual(["mari-maasikas", "olga-ivanova"]);
    caseId = created.sessions[0]!.caseId;
    await h.engine.whenIdle();
    const olga = mailsTo("olga.ivanova@example.ee").find((m) => m.tag === "infoSession:invited")!;
    expect(olga.subject).toBe("Info session: Unit info session, 3 March 2026 10:00–11:00");
    const ics = /http:\/\/hr\.test(\/ics\/info-session\/\S+)/.exec(olga.text)![1]!;
    const file = await (await h.app.request(ics)).text();
    expect(file).toMatch(/METHOD:REQUEST/);
    expect(file).toMatch(/DTSTART;TZID=Europe\/Tallinn:20260303T100000/);
    // Nobody outside the unit is invited.
    expect(mailsTo("kati.kuusk@example.ee")).toEqual([]);
    const timers = await h.deps.store.listTimers({ caseId });
    expect(timers.map((t) => [t.purpose, t.status, t.dueAt])).toEqual([
      ["infoSessionEnds", "waiting", "2026-03-03T09:00:00.000Z"],
    ]);
  });

  it("after the session the lead gets the summary task, due in two business days, and is reminded", async () => {
    h.setNow("2026-03-03T09:30:00Z");
    await settle();
    const [task] = await h.deps.store.listTasks({ caseId });
    expect(task).toMatchObject({
      kind: "infoSession.summary",
      assigneeId: "tiina-tamm",
      dueDate: "2026-03-05",
      status: "open",
    });
    const tags = mailsTo("tiina.tamm@example.ee").map((m) => m.tag);
    expect(tags).toContain("task:infoSession.summary");
    // Not reminded as the task opens: on the business day before it is due.
    expect(tags).not.toContain("reminder:infoSession.summary");
    h.setNow("2026-03-04T08:00:00Z");
    await settle();
    expect(mailsTo("tiina.tamm@example.ee").map((m) => m.tag)).toContain("reminder:infoSession.summary");
    expect(mailsTo("kadri.kask@example.ee").filter((m) => m.tag.startsWith("escalation"))).toEqual([]);
  });

  it("still unwritten the day after its due date, it is escalated to the lead's manager", async () => {
    h.setNow("2026-03-06T08:00:00Z");
    await settle();
    const escalations = h.mails.filter((m) => m.tag === "escalation:infoSession.summary").map((m) => m.to);
    expect(escalations).toContain("kadri.kask@example.ee");
    const [task] = await h.deps.store.listTasks({ caseId });
    expect(task?.escalatedAt).toBeDefined();
    expect(task?.status).toBe("open");
  });

  it("the lead writes it by link: mailed to the staff and the department's other leads, archived", async () => {
    const before = h.mails.length;
    const mail = mailsTo("tiina.tamm@example.ee").findLast((m) => m.tag === "task:infoSession.summary")!;
    const path = new URL(/https?:\/\/\S+\/l\/\S+/.exec(mail.text)![0]).pathname;
    const page = await (await h.app.request(path)).text();
    expect(page).toMatch(/Töökorralduse otsused/);
    // None of the three parts: refused, nothing sent.
    const empty = await submit(h, path, { links: "", nonce: nonceIn(page) });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toMatch(/decisions, guidance or news|otsused/);
    const res = await submit(h, path, {
      decisions: "Vastuvõtuajad muutuvad 1. aprillist.",
      news: "Uus infosüsteem tuleb mais.",
      links: "https://intra.example.ee/juhend\nhttps://intra.example.ee/slaidid",
      nonce: nonceIn(await (await h.app.request(path)).text()),
    });
    expect(res.status).toBe(200);
    await h.engine.whenIdle();
    await settle();
    const c = await h.deps.store.getCase(caseId);
    expect(c?.status).toBe("closed");
    expect(c?.outcome).toMatchObject({
      submitted: true,
      decisions: "Vastuvõtuajad muutuvad 1. aprillist.",
      links: ["https://intra.example.ee/juhend", "https://intra.example.ee/slaidid"],
      mailedTo: 5,
    });
    const summaries = h.mails.slice(before).filter((m) => m.tag === "infoSession:summary");
    expect(summaries.map((m) => m.to).sort()).toEqual([
      "kadri.kask@example.ee",
      "mari.maasikas@example.ee",
      "olga.ivanova@example.ee",
      "peeter.parn@example.ee",
      "toomas.tali@example.ee",
    ]);
    const mari = summaries.find((m) => m.to === "mari.maasikas@example.ee")!;
    expect(mari.subject).toBe("Infotunni kokkuvõte: Osakonna infotund, 03.03.2026");
    expect(mari.text).toMatch(/Töökorralduse otsused:\nVastuvõtuajad muutuvad/);
    expect(mari.text).toMatch(/https:\/\/intra\.example\.ee\/slaidid/);
    const olga = summaries.find((m) => m.to === "olga.ivanova@example.ee")!;
    expect(olga.subject).toBe("Info session summary: Unit info session, 3 March 2026");
    expect(olga.text).not.toMatch(/Töökorralduse/);
  });

  it("a session held while the lead is on leave gives the summary to the acting substitute", async () => {
    const leave = await h.call("/api/employees/tiina-tamm/absences", {
      method: "POST",
      token: h.tokens.hr,
      body: JSON.stringify({ type: "annual_leave", from: "2026-03-09", to: "2026-03-20" }),
    });
    expect(leave.status).toBe(201);
    const res = await schedule({
      title: { et: "Infotund", en: "Info session" },
      videoUrl: "https://meet.example.ee/infotund",
      single: { date: "2026-03-10", start: "14:00", end: "15:00" },
    });
    expect(res.status).toBe(201);
    const second = (await json<{ sessions: Array<{ caseId: string }> }>(res)).sessions[0]!.caseId;
    await h.engine.whenIdle();
    h.setNow("2026-03-10T13:30:00Z");
    await settle();
    const [task] = await h.deps.store.listTasks({ caseId: second });
    expect(task).toMatchObject({ kind: "infoSession.summary", assigneeId: "peeter-parn" });
  });
});
