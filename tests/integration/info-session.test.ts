// Info sessions through the HTTP API on DynamoDB Local and the local engine: bad input is refused
// naming its field and creates nothing; a series every second Tuesday skips Independence Day and
// invites the unit's staff with a calendar file per session; cancelling the rest of the series
// sends cancel .ics files; the summaries' archive is read by the unit's staff and the
// department's leads, and an employee of another unit (or HR) gets 404.
import { beforeAll, describe, expect, it } from "vitest";
import { sweep } from "../../functions/core/usecases/scheduler";
import { infoSessionGroup } from "../../functions/core/workflows/info-session";
import { createHarness, type Harness } from "../support/api-harness";
import { splitDemoOrganisation } from "../support/info-sessions";

let h: Harness;
let tokens: { kati: string; kadri: string; toomas: string };
let sessions: Array<{ caseId: string; date: string }>;

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const fieldOf = async (res: Response) => (await json<{ error: { field: string } }>(res)).error.field;
const post = (path: string, body: unknown, token = h.tokens.lead) =>
  h.call(path, { method: "POST", token, body: JSON.stringify(body) });
const get = (path: string, token: string) => h.call(path, { token });
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    await sweep(h.deps);
    await h.engine.whenIdle();
  }
};
const icsLinks = (text: string) =>
  [...text.matchAll(/http:\/\/hr\.test(\/ics\/info-session\/\S+)/g)].map((m) => m[1]!);

const series = {
  title: { et: "Tallinna infotund", en: "Tallinn info session" },
  place: "Tallinn, Endla 8",
  series: {
    rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
    from: "2026-02-10",
    until: "2026-03-24",
    time: "10:00",
  },
};

beforeAll(async () => {
  // Monday 2 February 2026, 10:00 in Tallinn.
  h = await createHarness("infosession-api", { start: "2026-02-02T08:00:00Z" });
  await splitDemoOrganisation(h.deps.store);
  tokens = {
    kati: await h.issueToken({
      employeeId: "kati-kuusk",
      email: "kati.kuusk@example.ee",
      roles: ["employee"],
    }),
    kadri: await h.issueToken({ employeeId: "kadri-kask", email: "kadri.kask@example.ee", roles: ["lead"] }),
    toomas: await h.issueToken({
      employeeId: "toomas-tali",
      email: "toomas.tali@example.ee",
      roles: ["lead"],
    }),
  };
});

describe("info sessions API", () => {
  it("refuses bad input naming the field, and creates nothing", async () => {
    const single = { date: "2026-02-12", start: "10:00", end: "11:00" };
    const base = { title: series.title, place: series.place };
    const cases: Array<[unknown, string]> = [
      [{ ...base, single: { ...single, date: "2026-01-30" } }, "single.date"],
      [{ ...base, single: { ...single, end: "09:30" } }, "single.end"],
      [
        { ...base, series: { ...series.series, rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" } },
        "series.rrule",
      ],
      [{ ...base, series: { ...series.series, rrule: "FREQ=FORTNIGHTLY" } }, "series.rrule"],
      [{ ...base, series: { ...series.series, until: "2026-02-01" } }, "series.until"],
      [{ ...base, series: { ...series.series, from: "2026-01-27" } }, "series.from"],
      [{ ...base, single, guests: [{ name: "Külaline" }] }, "guests[0].email"],
      [{ ...base, single, guests: [{ name: "Mari", email: "mari.maasikas@example.ee" }] }, "guests[0].email"],
      [{ ...base, single, series: series.series }, "series"],
      [{ title: series.title, single }, "place"],
      [{ ...base, single, unitId: "tartu" }, "unitId"],
      [{ ...base, single, title: { et: "Infotund" } }, "title.en"],
    ];
    for (const [body, field] of cases) {
      const res = await post("/api/info-sessions", body);
      expect(res.status, field).toBe(400);
      expect(await fieldOf(res), field).toBe(field);
    }
    expect(await h.deps.store.listCasesInGroup(infoSessionGroup("tallinn"))).toEqual([]);
    expect(h.mails).toEqual([]);
    // Scheduling is a lead's.
    expect((await post("/api/info-sessions", { ...base, single }, h.tokens.employee)).status).toBe(403);
  });

  it("a series every second Tuesday skips Independence Day and invites the unit's staff, once each", async () => {
    const res = await post("/api/info-sessions", series);
    expect(res.status).toBe(201);
    const created = await json<{
      sessions: Array<{ caseId: string; date: string; start: string; end: string }>;
      skippedHolidays: string[];
      invited: string[];
    }>(res);
    expect(created.sessions.map((s) => [s.date, s.start, s.end])).toEqual([
      ["2026-02-10", "10:00", "11:00"],
      ["2026-03-10", "10:00", "11:00"],
      ["2026-03-24", "10:00", "11:00"],
    ]);
    expect(created.skippedHolidays).toEqual(["2026-02-24"]);
    expect(created.invited.sort()).toEqual(["mari-maasikas", "olga-ivanova"]);
    sessions = created.sessions;
    await h.engine.whenIdle();
    const invitations = h.mails.filter((m) => m.tag === "infoSession:invited");
    expect(invitations.map((m) => m.to).sort()).toEqual([
      "mari.maasikas@example.ee",
      "olga.ivanova@example.ee",
    ]);
    const mari = invitations.find((m) => m.to === "mari.maasikas@example.ee")!;
    expect(mari.text).toMatch(/Riigipühadel infotundi ei toimu: 24\.02\.2026/);
    const links = icsLinks(mari.text);
    expect(links).toHaveLength(3);
    // Summer time starts 29 March: both files say 10:00 in Tallinn.
    const march = await (await h.app.request(links[2]!)).text();
    expect(march).toMatch(/METHOD:REQUEST[\s\S]*DTSTART;TZID=Europe\/Tallinn:20260324T100000/);
    expect(march).toMatch(/ORGANIZER;CN="?Tiina Tamm"?:mailto:tiina\.tamm@example\.ee/);
    // A forged link opens nothing.
    expect((await h.app.request(`${links[0]!.slice(0, -3)}xyz`)).status).toBe(404);
    for (const s of sessions) expect((await h.deps.store.getCase(s.caseId))?.executionId).toBeDefined();
  });

  it("cancelling from the second session cancels the rest of the series with cancel .ics files", async () => {
    expect(
      (await post(`/api/info-sessions/${sessions[1]!.caseId}/cancel`, { scope: "series" }, h.tokens.employee))
        .status,
    ).toBe(403);
    expect(
      (await post(`/api/info-sessions/${sessions[1]!.caseId}/cancel`, { scope: "series" }, tokens.toomas))
        .status,
    ).toBe(404);
    const res = await post(`/api/info-sessions/${sessions[1]!.caseId}/cancel`, { scope: "series" });
    expect(res.status).toBe(200);
    expect((await json<{ cancelled: Array<{ date: string }> }>(res)).cancelled.map((c) => c.date)).toEqual([
      "2026-03-10",
      "2026-03-24",
    ]);
    const statuses = await Promise.all(
      sessions.map(async (s) => (await h.deps.store.getCase(s.caseId))?.status),
    );
    expect(statuses).toEqual(["active", "cancelled", "cancelled"]);
    expect(await h.deps.store.listTimers({ caseId: sessions[2]!.caseId, status: "waiting" })).toEqual([]);
    const olga = h.mails.findLast((m) => m.to === "olga.ivanova@example.ee")!;
    expect(olga.tag).toBe("infoSession:cancelled");
    expect(olga.subject).toBe("Cancelled: Tallinn info session (2 sessions)");
    const cancel = await (await h.app.request(icsLinks(olga.text)[0]!)).text();
    expect(cancel).toMatch(/METHOD:CANCEL[\s\S]*STATUS:CANCELLED/);
    expect(cancel).toMatch(/DTSTART;TZID=Europe\/Tallinn:20260310T100000/);
    expect((await post(`/api/info-sessions/${sessions[1]!.caseId}/cancel`, {})).status).toBe(409);
  });

  it("the archive: the unit's staff and the department's leads read the summary; another unit's employee and HR get 404", async () => {
    const first = sessions[0]!.caseId;
    // Nothing written yet: an empty archive for a reader, still a 404 for others.
    expect(await json(await get("/api/info-sessions/archive?unitId=tallinn", h.tokens.employee))).toEqual([]);
    h.setNow("2026-02-10T09:30:00Z");
    await settle();
    const [task] = await h.deps.store.listTasks({ caseId: first });
    expect(task?.kind).toBe("infoSession.summary");
    const done = await post(`/api/tasks/${task!.id}/complete`, {
      guidance: "Uus juhend: https://intra.example.ee/juhend",
      links: "https://intra.example.ee/juhend",
    });
    expect(done.status).toBe(200);
    await h.engine.whenIdle();
    await settle();
    for (const token of [h.tokens.employee, h.tokens.lead, tokens.kadri, tokens.toomas]) {
      const archive = await get("/api/info-sessions/archive?unitId=tallinn", token);
      expect(archive.status).toBe(200);
      expect(await json(archive)).toMatchObject([
        { caseId: first, date: "2026-02-10", submitted: true, links: ["https://intra.example.ee/juhend"] },
      ]);
      expect((await get(`/api/info-sessions/${first}/summary`, token)).status).toBe(200);
    }
    for (const token of [tokens.kati, h.tokens.hr]) {
      expect((await get("/api/info-sessions/archive?unitId=tallinn", token)).status).toBe(404);
      expect((await get(`/api/info-sessions/${first}/summary`, token)).status).toBe(404);
    }
    // Kati reads her own unit's (empty) archive.
    expect((await get("/api/info-sessions/archive?unitId=tartu", tokens.kati)).status).toBe(200);
  });
});
