// The console's session pages through app.request: HR adds, changes and cancels a training's
// session (each refusal beside its field, nothing changed; every form needs the session's token),
// calls a follow-up for everyone who completed (the follow-up training, with no session yet,
// renders and links back), and creates a training with an external trainer and an organiser. A
// lead schedules info sessions (a single one and a series built from weekdays; a bad field shown
// beside it, nothing created), sees them listed and cancels the rest of a series; the summaries'
// archive is read by the unit's staff and a department lead, and is a 404 for an employee of
// another unit and for HR.
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, tallinnDate } from "../../functions/core/calendar";
import { sweep } from "../../functions/core/usecases/scheduler";
import { infoSessionGroup } from "../../functions/core/workflows/info-session";
import { demoPositions, demoUnits } from "../../functions/local/demo/org";
import { createHarness, type Harness } from "../support/api-harness";
import { type ConsoleSession, consoleClient } from "../support/console-client";
import { splitDemoOrganisation } from "../support/info-sessions";
import { foreignWords, visibleText } from "../support/language-check";

type Client = Awaited<ReturnType<typeof consoleClient>>;
let h: Harness;
let signIn: Client["signIn"];
let get: Client["get"];
let post: Client["post"];
let today: string;

type Session = ConsoleSession;

beforeAll(async () => {
  // Wednesday 25 November 2026, 10:00 in Tallinn.
  h = await createHarness("console-sessions", { start: "2026-11-25T08:00:00Z" });
  await splitDemoOrganisation(h.deps.store);
  ({ signIn, get, post } = await consoleClient(h));
  today = tallinnDate(h.now());
});

/** The page is all in one language (typed values and the organisation's names aside). */
async function oneLanguage(res: Response, locale: "et" | "en", values: string[] = []) {
  const html = await res.text();
  const data = [
    ...demoUnits.map((u) => u.name),
    ...demoPositions.map((p) => p.title),
    "Tallinna klienditeenindus",
    "Tartu klienditeenindus",
    "Klienditeeninduse osakond",
    "Kati Kuusk",
    "Toomas Tali",
  ];
  expect(foreignWords(visibleText(html, locale), locale, [...values, ...data]), html.slice(0, 300)).toEqual(
    [],
  );
  return html;
}

/** The same 404 page as any record not theirs, naming nothing of it. */
async function notFound(res: Response, ...secrets: string[]) {
  expect(res.status).toBe(404);
  const html = await res.text();
  expect(html).toContain("Lehte ei leitud");
  for (const secret of secrets) expect(html).not.toContain(secret);
}

const estonian = (iso: string) => iso.split("-").reverse().join(".");

let hr: Session;
let tiina: Session;
let mari: Session;
beforeAll(async () => {
  hr = await signIn("helena-org");
  tiina = await signIn("tiina-tamm");
  mari = await signIn("mari-maasikas");
});

const TITLES = ["Menetluspraktika", "Procedural practice", "Haldusmenetlus", "Administrative procedure"];
const trainingForm = (overrides: Record<string, string | string[]> = {}) => ({
  title_et: "Menetluspraktika",
  title_en: "Procedural practice",
  topic_et: "Haldusmenetlus",
  topic_en: "Administrative procedure",
  kind: "optional",
  trainerEmployeeId: "tiina-tamm",
  s1_date: addDays(today, 7),
  s1_start: "10:00",
  s1_end: "12:00",
  s1_place: "Endla 8",
  s1_capacity: "1",
  followUpKind: "none",
  ...overrides,
});
const sessionForm = (overrides: Record<string, string> = {}) => ({
  date: addDays(today, 14),
  start: "13:00",
  end: "15:00",
  place: "Tartu, Rüütli 1",
  videoUrl: "",
  capacity: "3",
  ...overrides,
});

let trainingId: string;

describe("a training's sessions", () => {
  it("HR adds a session: refused beside the field with nothing added; then the waiting list is seated", async () => {
    const created = await post(hr, "/console/trainings", trainingForm());
    expect(created.status).toBe(303);
    trainingId = created.headers.get("location")!.split("/")[3]!.split("?")[0]!;
    // One seat, two people: Olga (or Mari) waits.
    expect(
      (
        await post(hr, `/console/trainings/${trainingId}/assign`, {
          employeeIds: ["mari-maasikas", "olga-ivanova"],
        })
      ).status,
    ).toBe(303);
    await h.engine.whenIdle();
    expect((await h.deps.store.getTraining(trainingId))?.waitingList).toHaveLength(1);

    const page = await oneLanguage(await get(hr, `/console/trainings/${trainingId}?lang=et`), "et", [
      ...TITLES,
      "Endla 8",
    ]);
    expect(page).toContain("Lisa toimumiskord");
    expect(page).toContain("saavad uuele toimumiskorrale koha automaatselt");
    await oneLanguage(await get(hr, `/console/trainings/${trainingId}?lang=en`), "en", [
      ...TITLES,
      "Endla 8",
    ]);

    const path = `/console/trainings/${trainingId}/sessions?lang=et`;
    for (const [overrides, field, text] of [
      [{ date: addDays(today, -1) }, "n-date", "Kuupäev: kuupäev on möödas."],
      [{ end: "12:00" }, "n-end", "Lõpeb: peab olema hiljem kui algus."],
      [{ capacity: "0" }, "n-capacity", "Kohti: vähemalt 1."],
      [{ capacity: "" }, "n-capacity", "Kohti: palun täitke."],
      [{ place: "" }, "n-place", "Koht: märkige koht või videolink."],
    ] as const) {
      const res = await post(hr, path, sessionForm(overrides));
      expect(res.status, field).toBe(422);
      const html = await res.text();
      expect(html).toContain(`id="${field}-error"`);
      expect(html).toContain(text);
    }
    const en = await post(
      hr,
      `/console/trainings/${trainingId}/sessions?lang=en`,
      sessionForm({ capacity: "0" }),
    );
    expect(await en.text()).toContain("Seats: at least 1.");
    // Without the token, or as the trainer: refused.
    expect((await post(hr, path, sessionForm(), { csrf: null })).status).toBe(403);
    expect((await post(tiina, path, sessionForm())).status).toBe(403);
    expect((await h.deps.store.getTraining(trainingId))?.definition.sessions).toHaveLength(1);

    const added = await post(hr, path, sessionForm());
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe(`/console/trainings/${trainingId}?notice=trSessionAdded`);
    await h.engine.whenIdle();
    const after = await h.deps.store.getTraining(trainingId);
    expect(after?.definition.sessions.map((s) => s.id)).toEqual(["s1", "s2"]);
    expect(after?.waitingList).toEqual([]);
    const html = await (
      await get(hr, `/console/trainings/${trainingId}?lang=et&notice=trSessionAdded`)
    ).text();
    expect(html).toContain("Toimumiskord on lisatud");
    expect(html).toContain(`${estonian(addDays(today, 14))} 13:00–15:00`);
  });

  it("HR changes a session before it begins; a bad value is shown beside its field", async () => {
    const path = `/console/trainings/${trainingId}/sessions/s2?lang=et`;
    const bad = await post(hr, path, sessionForm({ capacity: "0" }));
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('id="c-s2-capacity-error"');
    expect(html).toMatch(/<details open="">\s*<summary id="change-s2-title"/);
    expect((await post(hr, path, sessionForm({ place: "Tartu, Raekoda" }), { csrf: null })).status).toBe(403);
    const changed = await post(hr, path, sessionForm({ place: "Tartu, Raekoda" }));
    expect(changed.status).toBe(303);
    await h.engine.whenIdle();
    const session = (await h.deps.store.getTraining(trainingId))?.definition.sessions.find(
      (s) => s.id === "s2",
    );
    expect(session?.place).toBe("Tartu, Raekoda");
    expect(
      await (await get(hr, `/console/trainings/${trainingId}?lang=en&notice=trSessionChanged`)).text(),
    ).toContain("The session is changed");
  });

  it("HR cancels a session only with its box ticked", async () => {
    const path = `/console/trainings/${trainingId}/sessions/s2/cancel?lang=et`;
    const unconfirmed = await post(hr, path, {});
    expect(unconfirmed.status).toBe(422);
    const html = await unconfirmed.text();
    expect(html).toContain("Kinnitage, et olete kindel");
    expect(html).toContain('id="cancel-s2-confirm-error"');
    expect((await post(hr, path, { confirm: "yes" }, { csrf: null })).status).toBe(403);
    expect((await post(hr, path, { confirm: "yes" })).status).toBe(303);
    await h.engine.whenIdle();
    const after = await h.deps.store.getTraining(trainingId);
    expect(after?.definition.sessions.map((s) => s.id)).toEqual(["s1"]);
    // Whoever sat there waits again (the only other session is full).
    expect(after?.waitingList).toHaveLength(1);
  });

  it("HR calls a follow-up for everyone who completed; the follow-up training has no session and renders", async () => {
    const path = `/console/trainings/${trainingId}/follow-up?lang=et`;
    expect((await post(hr, path, {})).status).toBe(422);
    const nobody = await post(hr, path, { confirm: "yes" });
    expect(nobody.status).toBe(409);
    expect(await nobody.text()).toContain("Keegi ei ole koolitust veel läbinud");
    // Mari completed the first session (as the trainer's attendance list would record it).
    const t = (await h.deps.store.getTraining(trainingId))!;
    await h.deps.store.updateTraining(
      {
        ...t,
        attendance: [{ employeeId: "mari-maasikas", trainingId, sessionId: "s1", status: "attended" }],
        version: t.version + 1,
      },
      t.version,
    );
    expect((await post(hr, path, { confirm: "yes" }, { csrf: null })).status).toBe(403);
    const called = await post(hr, path, { confirm: "yes" });
    expect(called.status).toBe(303);
    const location = called.headers.get("location")!;
    expect(location).toMatch(/^\/console\/trainings\/[^/?]+\?notice=trFollowUpCalled$/);
    const followUpId = location.split("/")[3]!.split("?")[0]!;
    const followUp = await h.deps.store.getTraining(followUpId);
    expect(followUp?.definition.sessions).toEqual([]);
    expect(followUp?.waitingList).toEqual([{ employeeId: "mari-maasikas", reason: "follow_up" }]);

    const values = [...TITLES, "Menetluspraktika (järelkoolitus)", "Procedural practice (follow-up)"];
    for (const locale of ["et", "en"] as const) {
      const res = await get(hr, `/console/trainings/${followUpId}?lang=${locale}&notice=trFollowUpCalled`);
      expect(res.status).toBe(200);
      const html = await oneLanguage(res, locale, values);
      expect(html).toContain(`href="/console/trainings/${trainingId}"`);
      expect(html).toContain(locale === "et" ? "Toimumiskordi veel ei ole." : "No sessions yet.");
    }
    const original = await (await get(hr, `/console/trainings/${trainingId}?lang=et`)).text();
    expect(original).toContain(`href="/console/trainings/${followUpId}"`);
    // Every list renders a training with no session; so does the trainer's page of it.
    const list = await get(hr, "/console/trainings?lang=et");
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(`href="/console/trainings/${followUpId}"`);
    expect((await get(tiina, `/console/trainings/${followUpId}?lang=et`)).status).toBe(200);
    expect((await get(tiina, "/console/trainings?lang=en")).status).toBe(200);
    // Its first session seats who waits.
    const first = await post(
      hr,
      `/console/trainings/${followUpId}/sessions`,
      sessionForm({ date: addDays(today, 21) }),
    );
    expect(first.status).toBe(303);
    await h.engine.whenIdle();
    expect((await h.deps.store.getTraining(followUpId))?.waitingList).toEqual([]);
  });

  it("HR creates a training with an external trainer and the organiser who keeps the attendance list", async () => {
    const external = { trainerKind: "external", trainerEmployeeId: "", trainerName: "Õigusbüroo OÜ" };
    const noName = await post(
      hr,
      "/console/trainings?lang=et",
      trainingForm({ ...external, trainerName: "" }),
    );
    expect(noName.status).toBe(422);
    expect(await noName.text()).toContain('id="t-trainerName-error"');
    const noOrganiser = await post(hr, "/console/trainings?lang=en", trainingForm(external));
    expect(noOrganiser.status).toBe(422);
    const html = await noOrganiser.text();
    expect(html).toContain('id="t-organiserEmployeeId-error"');
    expect(html).toContain("Organiser, who records attendance: please fill in.");
    const before = (await h.deps.store.listTrainings()).length;
    const created = await post(
      hr,
      "/console/trainings",
      trainingForm({ ...external, organiserEmployeeId: "tiina-tamm" }),
    );
    expect(created.status).toBe(303);
    const id = created.headers.get("location")!.split("/")[3]!.split("?")[0]!;
    const stored = await h.deps.store.getTraining(id);
    expect(stored?.definition.trainer).toEqual({ kind: "external", name: "Õigusbüroo OÜ" });
    expect(stored?.definition.organiserEmployeeId).toBe("tiina-tamm");
    expect((await h.deps.store.listTrainings()).length).toBe(before + 1);
    const page = await get(hr, `/console/trainings/${id}?lang=et`);
    expect(await oneLanguage(page, "et", [...TITLES, "Endla 8", "Õigusbüroo OÜ"])).toContain(
      "Õigusbüroo OÜ (väline koolitaja)",
    );
    // The organiser opens it as the one who keeps its list.
    expect((await get(tiina, `/console/trainings/${id}?lang=et`)).status).toBe(200);
  });
});

// --- info sessions ---------------------------------------------------------------------------

const IS_TITLES = ["Tallinna infotund", "Tallinn info session", "Endla 8, saal"];
const single = (overrides: Record<string, string> = {}) => ({
  title_et: "Tallinna infotund",
  title_en: "Tallinn info session",
  kind: "single",
  date: "2026-11-27",
  start: "10:00",
  end: "11:00",
  place: "Endla 8, saal",
  dueDays: "2",
  ...overrides,
});
const series = (overrides: Record<string, string | string[]> = {}) => ({
  title_et: "Tallinna infotund",
  title_en: "Tallinn info session",
  kind: "series",
  weekdays: ["TU"],
  interval: "2",
  from: "2026-12-01",
  until: "2026-12-29",
  time: "10:00",
  duration: "60",
  place: "Endla 8, saal",
  ...overrides,
});
const tallinnSessions = async () =>
  (await h.deps.store.listCasesInGroup(infoSessionGroup("tallinn"))).map((c) => ({
    id: c.id,
    date: (c.data as { session: { date: string } }).session.date,
    status: c.status,
  }));

let singleCaseId: string;

describe("info sessions", () => {
  it("a lead's page, in both languages; not for an employee", async () => {
    for (const locale of ["et", "en"] as const) {
      const res = await get(tiina, `/console/info-sessions?lang=${locale}`);
      expect(res.status).toBe(200);
      const html = await oneLanguage(res, locale);
      expect(html).toContain('action="/console/info-sessions"');
      expect(html).toContain('href="/console/info-sessions" aria-current="page"');
    }
    expect((await get(mari, "/console/info-sessions")).status).toBe(403);
    expect((await post(mari, "/console/info-sessions", single())).status).toBe(403);
    // Her menu has the summaries, not the lead's page.
    const menu = await (await get(mari, "/console/tasks?lang=et")).text();
    expect(menu).toContain('href="/console/info-summaries"');
    expect(menu).not.toContain('href="/console/info-sessions"');
  });

  it("a bad field is shown beside it and nothing is created", async () => {
    for (const [form, field, text] of [
      [single({ date: "2026-11-20" }), "date", "Kuupäev: kuupäev on möödas."],
      [single({ end: "09:00" }), "end", "Lõpeb: peab olema hiljem kui algus."],
      [single({ place: "" }), "place", "märkige koht või videolink"],
      [single({ title_en: "" }), "title_en", "Pealkiri inglise keeles: palun täitke."],
      [series({ weekdays: [] }), "weekdays", "Valige vähemalt üks nädalapäev"],
      [series({ rrule: "FREQ=FORTNIGHTLY" }), "rrule", "Kordusreegel (RRULE, valikuline): väärtus ei sobi."],
      [series({ until: "2026-11-30" }), "until", "Viimane võimalik päev"],
      [series({ interval: "kaks" }), "interval", "sisestage täisarv"],
      [series({ duration: "5" }), "duration", "Kestus: 15 kuni 480 minutit"],
    ] as const) {
      const res = await post(tiina, "/console/info-sessions?lang=et", form);
      expect(res.status, field).toBe(422);
      const html = await res.text();
      expect(html, field).toContain(`id="i-${field}-error"`);
      expect(html, field).toContain(text);
      // What was typed stays in the form.
      expect(html).toContain('value="Tallinna infotund"');
    }
    const en = await post(tiina, "/console/info-sessions?lang=en", single({ date: "2026-11-20" }));
    expect(await en.text()).toContain("Date: the date has passed.");
    expect((await post(tiina, "/console/info-sessions", single(), { csrf: null })).status).toBe(403);
    expect(await tallinnSessions()).toEqual([]);
    expect(h.mails.filter((m) => /infotund|info session/i.test(m.subject))).toEqual([]);
  });

  it("the lead schedules a single session and a series; both are listed", async () => {
    const one = await post(tiina, "/console/info-sessions", single());
    expect(one.status).toBe(303);
    expect(one.headers.get("location")).toBe("/console/info-sessions?notice=isScheduled");
    const many = await post(tiina, "/console/info-sessions", series());
    expect(many.status).toBe(303);
    await h.engine.whenIdle();
    const stored = await tallinnSessions();
    // Every second Tuesday from 1 December to 29 December, and the single one.
    expect(stored.map((s) => s.date).sort()).toEqual([
      "2026-11-27",
      "2026-12-01",
      "2026-12-15",
      "2026-12-29",
    ]);
    singleCaseId = stored.find((s) => s.date === "2026-11-27")!.id;
    expect(h.mails.some((m) => m.to === "mari.maasikas@example.ee")).toBe(true);
    const et = await oneLanguage(
      await get(tiina, "/console/info-sessions?lang=et&notice=isScheduled"),
      "et",
      IS_TITLES,
    );
    expect(et).toContain("Infotunnid on planeeritud ja kutsed saadetud.");
    expect(et).toContain("Tallinna infotund: 27.11.2026 10:00–11:00");
    expect(et).toContain("Tallinna infotund: 01.12.2026 10:00–11:00");
    expect(et).toContain("sarjas veel 2");
    await oneLanguage(await get(tiina, "/console/info-sessions?lang=en"), "en", IS_TITLES);
  });

  it("the lead cancels the rest of the series, only with the box ticked", async () => {
    const second = (await tallinnSessions()).find((s) => s.date === "2026-12-15")!.id;
    const path = `/console/info-sessions/${second}/cancel?lang=et`;
    const unconfirmed = await post(tiina, path, { scope: "series" });
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.text()).toContain(`id="c-${second}-confirm-error"`);
    expect((await post(tiina, path, { scope: "series", confirm: "yes" }, { csrf: null })).status).toBe(403);
    // Another lead's session is not hers to cancel: nothing said about it.
    const kadri = await signIn("kadri-kask");
    await notFound(await post(kadri, path, { scope: "series", confirm: "yes" }));
    expect((await post(tiina, path, { scope: "series", confirm: "yes" })).status).toBe(303);
    await h.engine.whenIdle();
    const byDate = Object.fromEntries((await tallinnSessions()).map((s) => [s.date, s.status]));
    expect(byDate).toEqual({
      "2026-11-27": "active",
      "2026-12-01": "active",
      "2026-12-15": "cancelled",
      "2026-12-29": "cancelled",
    });
    const again = await post(tiina, path, { confirm: "yes" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Seda infotundi ei saa enam tühistada");
    const page = await (await get(tiina, "/console/info-sessions?lang=et")).text();
    expect(page).not.toContain("15.12.2026");
  });

  it("the lead is told which dates a series skipped for public holidays", async () => {
    // Thursdays: Christmas Eve is a public holiday, New Year's Eve is not.
    const res = await post(
      tiina,
      "/console/info-sessions",
      series({ weekdays: ["TH"], interval: "1", from: "2026-12-24", until: "2026-12-31" }),
    );
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    expect(location).toBe("/console/info-sessions?notice=isScheduled&skipped=2026-12-24");
    await h.engine.whenIdle();
    const et = await oneLanguage(await get(tiina, `${location}&lang=et`), "et", IS_TITLES);
    expect(et).toContain("Riigipühadele langenud kordadel infotundi ei toimu: 24.12.2026.");
    expect(et).toContain("Tallinna infotund: 31.12.2026 10:00–11:00");
    const en = await oneLanguage(await get(tiina, `${location}&lang=en`), "en", IS_TITLES);
    expect(en).toContain("No session on these public holidays: 24 December 2026.");
  });

  it("the archive: the unit's staff and a department lead read it; another unit's employee and HR get 404", async () => {
    // The single session is over: its summary task, done as the API would (the task pages do the same).
    h.setNow("2026-11-27T10:00:00Z");
    for (let i = 0; i < 3; i++) {
      await sweep(h.deps);
      await h.engine.whenIdle();
    }
    const [task] = await h.deps.store.listTasks({ caseId: singleCaseId });
    expect(task?.kind).toBe("infoSession.summary");
    const done = await h.call(`/api/tasks/${task!.id}/complete`, {
      method: "POST",
      token: h.tokens.lead,
      body: JSON.stringify({
        decisions: "Vastuvõtt algab kell 9.",
        guidance: "Uus juhend on intranetis.",
        links: "https://intra.example.ee/juhend",
      }),
    });
    expect(done.status).toBe(200);
    for (let i = 0; i < 3; i++) {
      await sweep(h.deps);
      await h.engine.whenIdle();
    }
    const kadri = await signIn("kadri-kask");
    for (const reader of [mari, kadri, tiina]) {
      for (const locale of ["et", "en"] as const) {
        const archive = await get(reader, `/console/info-summaries?unitId=tallinn&lang=${locale}`);
        expect(archive.status).toBe(200);
        const html = await oneLanguage(archive, locale, IS_TITLES);
        expect(html).toContain(`href="/console/info-summaries/${singleCaseId}"`);
        const one = await get(reader, `/console/info-summaries/${singleCaseId}?lang=${locale}`);
        expect(one.status).toBe(200);
        const text = await oneLanguage(one, locale, [
          ...IS_TITLES,
          "Vastuvõtt algab kell 9.",
          "Uus juhend on intranetis.",
        ]);
        expect(text).toContain("Vastuvõtt algab kell 9.");
        expect(text).toContain('href="https://intra.example.ee/juhend"');
      }
    }
    // Mari's own archive is her unit's without asking.
    expect(await (await get(mari, "/console/info-summaries?lang=et")).text()).toContain(
      `/console/info-summaries/${singleCaseId}`,
    );
    const kati = await signIn("kati-kuusk");
    for (const outsider of [kati, hr]) {
      await notFound(
        await get(outsider, "/console/info-summaries?unitId=tallinn&lang=et"),
        "Tallinna infotund",
      );
      await notFound(
        await get(outsider, `/console/info-summaries/${singleCaseId}?lang=et`),
        "Tallinna infotund",
        "Vastuvõtt",
      );
      // Their own page names nothing of Tallinn's.
      const own = await get(outsider, "/console/info-summaries?lang=et");
      expect(own.status).toBe(200);
      expect(await own.text()).not.toContain("Tallinna infotund");
    }
  });
});
