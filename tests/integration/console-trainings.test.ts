// The console's training pages and HR's access log through app.request: a new training refused
// with the reason beside the field (in the page's language) and nothing created; the HR pages
// refused to a lead and an employee, and every form without the session's token; HR creates,
// previews and assigns; the employee sees the session in "my trainings" with her links, the
// trainer sees the training she gives, a colleague learns nothing; history, compliance and their
// CSV; cancel needs its box. The access log lists reads of reviews by person, reader and dates.
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, tallinnDate } from "../../functions/core/calendar";
import { recordReviewRead } from "../../functions/core/usecases/access-log";
import { demoPositions, demoUnits } from "../../functions/local/demo/org";
import { createHarness, type Harness } from "../support/api-harness";
import { CONSOLE_BASE, type ConsoleSession, consoleClient } from "../support/console-client";
import { foreignWords, visibleText } from "../support/language-check";

const base = CONSOLE_BASE;
type Client = Awaited<ReturnType<typeof consoleClient>>;
let h: Harness;
let app: Client["app"];
let signIn: Client["signIn"];
let get: Client["get"];
let post: Client["post"];
let today: string;

type Session = ConsoleSession;

beforeAll(async () => {
  h = await createHarness("console-trainings", { start: "2026-11-25T08:00:00Z" });
  ({ app, signIn, get, post } = await consoleClient(h));
  today = tallinnDate(h.now());
});

/** The page is all in one language (typed values and names aside). */
async function oneLanguage(res: Response, locale: "et" | "en", values: string[] = []) {
  const html = await res.text();
  // The organisation's own names (units, positions) are data, as typed.
  const data = [...demoUnits.map((u) => u.name), ...demoPositions.map((p) => p.title)];
  expect(foreignWords(visibleText(html, locale), locale, [...values, ...data]), html.slice(0, 300)).toEqual(
    [],
  );
  return html;
}

let hr: Session;
let mari: Session;
let tiina: Session;
let olga: Session;
beforeAll(async () => {
  hr = await signIn("helena-org");
  mari = await signIn("mari-maasikas");
  tiina = await signIn("tiina-tamm");
  olga = await signIn("olga-ivanova");
});

const TITLES = [
  "Menetluspraktika",
  "Procedural practice",
  "Haldusmenetluse seadus",
  "Administrative Procedure Act",
];
const trainingForm = (overrides: Record<string, string | string[]> = {}) => ({
  title_et: "Menetluspraktika",
  title_en: "Procedural practice",
  topic_et: "Haldusmenetluse seadus",
  topic_en: "Administrative Procedure Act",
  kind: "mandatory",
  mandatoryForPositionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2"],
  trainerEmployeeId: "tiina-tamm",
  s1_date: addDays(today, 7),
  s1_start: "10:00",
  s1_end: "12:00",
  s1_place: "Endla 8, ruum 101",
  s1_capacity: "5",
  followUpKind: "afterWeeks",
  followUpWeeks: "8",
  ...overrides,
});

let trainingId: string;

describe("a new training", () => {
  it("is refused with the reason beside the field, and nothing is created", async () => {
    const refused = async (overrides: Record<string, string | string[]>, field: string, text: string) => {
      const res = await post(hr, "/console/trainings?lang=et", trainingForm(overrides));
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain(text);
      expect(html).toContain(`id="t-${field}-error"`);
      return html;
    };
    const html = await refused({ title_et: " " }, "title_et", "Pealkiri eesti keeles: palun täitke.");
    // What was typed stays in the form.
    expect(html).toContain('value="Procedural practice"');
    expect(html).toMatch(/id="t-mpos-tallinn-spetsialist-2"[^>]*checked/);
    await refused({ s1_date: addDays(today, -1) }, "s1_date", "Toimumiskord 1, Kuupäev: kuupäev on möödas.");
    await refused({ s1_end: "09:00" }, "s1_end", "Toimumiskord 1, Lõpeb: peab olema hiljem kui algus.");
    await refused({ s1_capacity: "0" }, "s1_capacity", "Toimumiskord 1, Kohti: vähemalt 1.");
    await refused(
      { s2_date: addDays(today, 9), s2_start: "10:00", s2_end: "11:00", s2_place: "Tartu" },
      "s2_capacity",
      "Toimumiskord 2, Kohti: palun täitke.",
    );
    await refused({ s1_place: "" }, "s1_place", "märkige koht või videolink");
    await refused({ trainerEmployeeId: "" }, "trainerEmployeeId", "Koolitaja: palun täitke.");
    await refused({ mandatoryForPositionIds: [] }, "mandatoryForPositionIds", "vähemalt ühte ametikohta");
    const en = await post(hr, "/console/trainings?lang=en", trainingForm({ s1_capacity: "0" }));
    expect(await en.text()).toContain("Session 1, Seats: at least 1.");
    expect(await h.deps.store.listTrainings()).toEqual([]);
  });

  it("only HR opens the HR pages; every form needs the session's token and this site", async () => {
    for (const session of [mari, tiina]) {
      for (const path of [
        "/console/trainings/new",
        "/console/trainings/history",
        "/console/trainings/history.csv",
        "/console/trainings/compliance",
        "/console/trainings/compliance.csv",
        "/console/access-log",
        "/console/access-log.csv",
      ])
        expect((await get(session, path)).status, path).toBe(403);
      expect((await post(session, "/console/trainings", trainingForm())).status).toBe(403);
    }
    for (const options of [{ csrf: null }, { csrf: "x".repeat(32) }, { origin: "https://evil.example" }]) {
      const res = await post(hr, "/console/trainings", trainingForm(), options);
      expect(res.status).toBe(403);
    }
    expect(await h.deps.store.listTrainings()).toEqual([]);
  });

  it("HR creates it, previews who a choice reaches and assigns them", async () => {
    const form = await get(hr, "/console/trainings/new?lang=en");
    expect(form.status).toBe(200);
    await oneLanguage(form, "en");
    await oneLanguage(await get(hr, "/console/trainings/new?lang=et"), "et");
    const created = await post(hr, "/console/trainings", trainingForm());
    expect(created.status).toBe(303);
    const location = created.headers.get("location")!;
    expect(location).toMatch(/^\/console\/trainings\/[^/?]+\?notice=trCreated$/);
    trainingId = location.split("/")[3]!.split("?")[0]!;
    const stored = await h.deps.store.getTraining(trainingId);
    expect(stored?.definition.sessions).toEqual([
      expect.objectContaining({ id: "s1", date: addDays(today, 7), capacity: 5, place: "Endla 8, ruum 101" }),
    ]);
    expect(stored?.definition.followUp).toEqual({ kind: "afterWeeks", weeks: 8 });

    const page = await get(hr, `/console/trainings/${trainingId}?lang=et&notice=trCreated`);
    const html = await oneLanguage(page, "et", [...TITLES, "Endla 8, ruum 101"]);
    expect(html).toContain("Koolitus on loodud.");
    expect(html).toContain("järelkoolitus 8 nädala pärast");
    expect(html).toContain("Osalejaid veel ei ole.");

    // Nothing chosen: told so, nothing sent.
    const empty = await post(hr, `/console/trainings/${trainingId}/preview?lang=et`, {});
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Valige osalejad ametikoha");
    // Naming someone twice.
    const twice = await post(hr, `/console/trainings/${trainingId}/preview?lang=et`, {
      employeeIds: ["mari-maasikas", "mari-maasikas"],
    });
    expect(twice.status).toBe(422);

    const preview = await post(hr, `/console/trainings/${trainingId}/preview?lang=en`, {
      positionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2"],
    });
    expect(preview.status).toBe(200);
    const previewHtml = await oneLanguage(preview, "en", [...TITLES, "Endla 8, ruum 101"]);
    expect(previewHtml).toContain("To be invited (2)");
    expect(previewHtml).toContain("Mari Maasikas");
    expect(previewHtml).toContain("Olga Ivanova");
    expect(previewHtml).toContain('<input type="hidden" name="positionIds" value="tallinn-spetsialist-1"');
    // The preview sent nothing.
    expect((await h.deps.store.getTraining(trainingId))?.waitingList).toEqual([]);
    expect(h.mails.filter((m) => m.to === "mari.maasikas@example.ee")).toEqual([]);

    expect(
      (
        await post(
          hr,
          `/console/trainings/${trainingId}/assign`,
          { positionIds: ["tallinn-spetsialist-1"] },
          { csrf: null },
        )
      ).status,
    ).toBe(403);
    const assigned = await post(hr, `/console/trainings/${trainingId}/assign`, {
      positionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2"],
    });
    expect(assigned.status).toBe(303);
    await h.engine.whenIdle();
    const after = await (await get(hr, `/console/trainings/${trainingId}?lang=et&notice=trAssigned`)).text();
    expect(after).toContain("Kutsed on saadetud.");
    expect(after).toContain("2 / 5");
    expect(after).toContain("kutsutud, pole veel kinnitanud");
    expect(h.mails.some((m) => m.to === "mari.maasikas@example.ee")).toBe(true);
    const list = await get(hr, "/console/trainings?lang=et");
    const listHtml = await oneLanguage(list, "et", TITLES);
    expect(listHtml).toContain(`href="/console/trainings/${trainingId}"`);
  });
});

describe("trainings for the employee, the trainer and a colleague", () => {
  it("the employee sees the session in 'my trainings' with her links", async () => {
    for (const locale of ["et", "en"] as const) {
      const res = await get(mari, `/console/my-trainings?lang=${locale}`);
      expect(res.status).toBe(200);
      const html = await oneLanguage(res, locale, [...TITLES, "Endla 8, ruum 101", "Tiina Tamm"]);
      expect(html).toContain(locale === "et" ? "Menetluspraktika" : "Procedural practice");
      expect(html).toMatch(/href="\/t\/[^"]+"/);
      expect(html).toMatch(/href="\/ics\/training\/[^"]+"/);
    }
    const et = await (await get(mari, "/console/my-trainings?lang=et")).text();
    const [, y, m, d] = /^(\d{4})-(\d{2})-(\d{2})$/.exec(addDays(today, 7))!;
    expect(et).toContain(`${d}.${m}.${y} 10:00–12:00`);
    // The confirm link answers.
    const confirm = /href="(\/t\/[^"]+)"/.exec(et)![1]!;
    expect((await app.request(`${base}${confirm.replace(/&amp;/g, "&")}`)).status).toBe(200);
  });

  it("a colleague cannot open the training or anyone's trainings; nothing is leaked", async () => {
    for (const path of [`/console/trainings/${trainingId}`, "/console/trainings/nope"]) {
      const res = await get(olga, `${path}?lang=et`);
      expect(res.status).toBe(403);
      const html = await res.text();
      expect(html).not.toContain("Menetluspraktika");
      expect(html).not.toContain("Mari Maasikas");
    }
    // Her own list of trainings she gives is empty.
    expect(await (await get(olga, "/console/trainings?lang=et")).text()).not.toContain("Menetluspraktika");
    for (const action of ["preview", "assign", "cancel"])
      expect(
        (await post(olga, `/console/trainings/${trainingId}/${action}`, { confirm: "yes" })).status,
      ).toBe(403);
    expect((await h.deps.store.getTraining(trainingId))?.status).toBe("active");
  });

  it("the trainer sees the training she gives and her team's trainings, but changes nothing", async () => {
    const list = await (await get(tiina, "/console/trainings?lang=et")).text();
    expect(list).toContain("Minu läbiviidavad koolitused");
    expect(list).toContain(`href="/console/trainings/${trainingId}"`);
    const page = await get(tiina, `/console/trainings/${trainingId}?lang=et`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Mari Maasikas");
    expect(html).not.toContain(`/console/trainings/${trainingId}/assign`);
    expect(html).not.toContain(`/console/trainings/${trainingId}/cancel`);
    expect((await post(tiina, `/console/trainings/${trainingId}/cancel`, { confirm: "yes" })).status).toBe(
      403,
    );
    const team = await get(tiina, "/console/team?lang=et");
    const teamHtml = await oneLanguage(team, "et");
    expect(teamHtml).toContain("1 tulemas, 0 t läbitud");
  });

  it("HR reads history and compliance, as pages and CSV", async () => {
    const history = await get(hr, "/console/trainings/history?lang=et&employeeId=mari-maasikas");
    expect(history.status).toBe(200);
    expect(await oneLanguage(history, "et")).toContain("Koolitusi ei ole veel läbitud.");
    const compliance = await get(hr, "/console/trainings/compliance?lang=en");
    const html = await oneLanguage(compliance, "en", TITLES);
    expect(html).toContain("Mari Maasikas");
    expect(html).toContain("missing");
    for (const path of ["/console/trainings/history.csv", "/console/trainings/compliance.csv"]) {
      const csv = await get(hr, path);
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toContain("text/csv");
    }
    expect(await (await get(hr, "/console/trainings/compliance.csv")).text()).toContain("Olga Ivanova");
  });

  it("cancelling needs its box; then the training is cancelled and its seats with it", async () => {
    const unconfirmed = await post(hr, `/console/trainings/${trainingId}/cancel?lang=et`, {});
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.text()).toContain("Kinnitage, et olete kindel");
    expect((await post(hr, `/console/trainings/${trainingId}/cancel`, { confirm: "yes" })).status).toBe(303);
    await h.engine.whenIdle();
    expect((await h.deps.store.getTraining(trainingId))?.status).toBe("cancelled");
    const again = await post(hr, `/console/trainings/${trainingId}/cancel?lang=et`, { confirm: "yes" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("koolitus on tühistatud");
    const mine = await (await get(mari, "/console/my-trainings?lang=et")).text();
    expect(mine).toContain("Tulevasi toimumiskordi ei ole.");
  });
});

describe("the access log", () => {
  it("lists reads of reviews by person, reader and dates, as a page and CSV, and holds no content", async () => {
    const deps = { store: h.deps.store, clock: h.deps.clock };
    await recordReviewRead(
      deps,
      { employeeId: "tiina-tamm", name: "Tiina Tamm" },
      { id: "review-x", subjectId: "mari-maasikas" },
      "review.read.page",
    );
    await recordReviewRead(
      deps,
      { employeeId: "helena-org" },
      { id: "review-y", subjectId: "olga-ivanova" },
      "review.read.pdf",
    );
    for (const locale of ["et", "en"] as const) {
      const res = await get(hr, `/console/access-log?lang=${locale}`);
      expect(res.status).toBe(200);
      const html = await oneLanguage(res, locale, ["review-x", "review-y", "PDF"]);
      expect(html).toContain("review-x");
      expect(html).toContain("review-y");
    }
    const aboutMari = await (await get(hr, "/console/access-log?lang=et&subjectId=mari-maasikas")).text();
    expect(aboutMari).toContain("review-x");
    expect(aboutMari).not.toContain("review-y");
    expect(aboutMari).toContain("avas lehe");
    const byHelena = await (await get(hr, "/console/access-log?lang=en&readerId=helena-org")).text();
    expect(byHelena).toContain("review-y");
    expect(byHelena).not.toContain("review-x");
    const before = await (
      await get(hr, `/console/access-log?lang=en&from=${addDays(today, -40)}&to=${addDays(today, -1)}`)
    ).text();
    expect(before).not.toContain("review-x");
    const bad = await get(hr, `/console/access-log?lang=et&from=${today}&to=${addDays(today, -5)}`);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Vahemik ei sobi");
    const csv = await get(hr, "/console/access-log.csv?subjectId=olga-ivanova&lang=en");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("review-y");
    expect(text).not.toContain("review-x");
    // Each read also sits in the review's own audit trail.
    expect((await h.deps.store.listAudit("case", "review-x")).map((a) => a.action)).toEqual([
      "review.read.page",
    ]);
  });
});
