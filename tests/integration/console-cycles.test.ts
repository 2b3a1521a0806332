// The console's review-cycle forms through app.request: a new cycle refused with the reason beside
// the field (in the page's language) and nothing created; every cycle form refused without the
// session's CSRF token or from another site, with nothing changed; HR creates, previews and
// launches; extend, cancel and close need their box ticked. Then the review itself in the console:
// the employee and the lead complete their forms on the task page (its sections and help shown,
// the lead sees both assessments beside the meeting's form), the employee signs off, and "my
// reviews" offers the record as a PDF, to her and to nobody else.
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, tallinnDate } from "../../functions/core/calendar";
import type { JobDescription } from "../../functions/core/model";
import { reviewIdOf } from "../../functions/core/usecases/cycles";
import { sweep } from "../../functions/core/usecases/scheduler";
import { createHarness, type Harness } from "../support/api-harness";
import { CONSOLE_BASE, type ConsoleSession, consoleClient } from "../support/console-client";

const base = CONSOLE_BASE;
type Client = Awaited<ReturnType<typeof consoleClient>>;
let h: Harness;
let app: Client["app"];
let signIn: Client["signIn"];
let get: Client["get"];
let post: Client["post"];
let today: string;

const jd: JobDescription = {
  positionTitle: "Klienditeeninduse spetsialist",
  unitName: "Tallinna klienditeenindus",
  duties: [
    {
      code: "3.1",
      text: "Klientide nõustamine",
      details: [],
      expectedResults: ["Klient saab vastuse 2 tööpäeva jooksul"],
    },
  ],
  rights: [],
  responsibilities: [],
  requirements: { languages: [] },
  competencies: [{ name: "Koostöö", kind: "core", behaviours: ["Jagab infot õigel ajal"] }],
};

type Session = ConsoleSession;

beforeAll(async () => {
  h = await createHarness("console-cycles", { start: "2026-11-25T08:00:00Z" });
  ({ app, signIn, get, post } = await consoleClient(h));
  today = tallinnDate(h.now());
  await h.deps.store.putJobDescription("tallinn-spetsialist-1", jd);
  await h.deps.store.putJobDescription("tallinn-spetsialist-2", jd);
});

const settle = async () => {
  for (let i = 0; i < 3; i++) {
    await sweep(h.deps);
    await h.engine.whenIdle();
  }
};

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

const cycleForm = (overrides: Record<string, string | string[]> = {}) => ({
  title_et: "Arenguvestlused 2026",
  title_en: "Development conversations 2026",
  scopeKind: "positions",
  positionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2"],
  opensOn: today,
  deadline: addDays(today, 36),
  excludeOnProbation: "true",
  excludeAbsentWholeWindow: "true",
  businessDaysBefore: "3",
  escalateAfterDeadline: "true",
  ...overrides,
});

let cycleId: string;

describe("a new review cycle", () => {
  it("is refused with the reason beside the field, and nothing is created", async () => {
    const refused = async (overrides: Record<string, string | string[]>, field: string, text: string) => {
      const res = await post(hr, "/console/cycles?lang=et", cycleForm(overrides));
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain(text);
      expect(html).toContain(`id="c-${field}-error"`);
      return html;
    };
    const html = await refused({ title_et: "  " }, "title_et", "Pealkiri eesti keeles: palun täitke.");
    // What was typed stays in the form.
    expect(html).toContain('value="Development conversations 2026"');
    expect(html).toMatch(/id="c-position-tallinn-spetsialist-2"[^>]*checked/);
    await refused(
      { deadline: addDays(today, -3) },
      "deadline",
      "Tähtaeg: ei saa olla enne välja „Avamise päev” päeva.",
    );
    await refused({ deadline: addDays(today, 500) }, "deadline", "Tähtaeg: kõige rohkem 12 kuud");
    await refused({ opensOn: "" }, "opensOn", "Avamise päev: palun täitke.");
    await refused({ scopeKind: "units", positionIds: [] }, "unitIds", "Valige vähemalt üks struktuuriüksus.");
    await refused({ positionIds: [] }, "positionIds", "Valige vähemalt üks ametikoht.");
    await refused({ scopeKind: "" }, "scopeKind", "Keda tsükkel hõlmab: palun täitke.");
    await refused({ businessDaysBefore: "99" }, "businessDaysBefore", "täisarv 0–20");
    expect(await h.deps.store.listCycles()).toEqual([]);
  });

  it("every cycle form is refused without the session's token or from another site", async () => {
    for (const options of [{ csrf: null }, { csrf: "x".repeat(32) }, { origin: "https://evil.example" }]) {
      const res = await post(hr, "/console/cycles", cycleForm(), options);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Vormi ei saanud vastu võtta");
    }
    expect(await h.deps.store.listCycles()).toEqual([]);
  });

  it("only HR opens the cycle pages", async () => {
    for (const session of [mari, tiina]) {
      expect((await get(session, "/console/cycles")).status).toBe(403);
      expect((await get(session, "/console/cycles/new")).status).toBe(403);
      expect((await post(session, "/console/cycles", cycleForm())).status).toBe(403);
    }
    expect(await h.deps.store.listCycles()).toEqual([]);
  });

  it("HR creates it, sees who it reaches and launches it", async () => {
    const form = await get(hr, "/console/cycles/new?lang=en");
    expect(form.status).toBe(200);
    const created = await post(hr, "/console/cycles", cycleForm());
    expect(created.status).toBe(303);
    const location = created.headers.get("location")!;
    expect(location).toMatch(/^\/console\/cycles\/[^/?]+\?notice=cycleCreated$/);
    cycleId = location.split("/")[3]!.split("?")[0]!;
    const cycle = await h.deps.store.getCycle(cycleId);
    expect(cycle?.definition.scope).toEqual({
      kind: "positions",
      positionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2"],
    });
    expect(cycle?.definition.reminders.businessDaysBefore).toBe(3);

    const page = await (await get(hr, `/console/cycles/${cycleId}?lang=et&notice=cycleCreated`)).text();
    expect(page).toContain("Tsükkel on loodud.");
    expect(page).toContain("Hõlmatud (2)");
    expect(page).toContain("Mari Maasikas");
    expect(page).toContain("Olga Ivanova");
    expect(page).toContain("Käivita tsükkel");

    for (const options of [{ csrf: null }, { origin: "https://evil.example" }]) {
      expect((await post(hr, `/console/cycles/${cycleId}/launch`, {}, options)).status).toBe(403);
    }
    expect((await h.deps.store.getCycle(cycleId))?.status).toBe("draft");

    const launch = await post(hr, `/console/cycles/${cycleId}/launch`, {});
    expect(launch.status).toBe(303);
    await h.engine.whenIdle();
    await settle();
    const after = await (await get(hr, `/console/cycles/${cycleId}?lang=et`)).text();
    expect(after).toContain("loodud 2, käivitatud 2 / 2");
    expect(after).toMatch(/<svg role="img" aria-labelledby="chart-stage-title chart-stage-desc"/);
    expect(after).toContain('<th scope="row">hinnangud</th><td>2</td>');
    expect(after).toContain(`href="/console/cycles/${cycleId}/status.csv"`);
    // The dashboard lists it among the cycles in progress, with its completion.
    const dashboard = await (await get(hr, "/console/dashboard?lang=et")).text();
    expect(dashboard).toContain("Käimasolevad arenguvestlused");
    expect(dashboard).toContain(`href="/console/cycles/${cycleId}"`);
    expect(dashboard).toContain("0 / 2");
    const csv = await get(hr, `/console/cycles/${cycleId}/status.csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(await csv.text()).toContain("Mari Maasikas");
  });

  it("extend, cancel and close need their box ticked and the session's token", async () => {
    const later = addDays(today, 50);
    const unconfirmed = await post(hr, `/console/cycles/${cycleId}/extend?lang=et`, { deadline: later });
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.text()).toContain("Kinnitage, et olete kindel");
    for (const action of ["extend", "cancel", "close"]) {
      const res = await post(
        hr,
        `/console/cycles/${cycleId}/${action}`,
        { deadline: later, confirm: "yes" },
        {
          csrf: null,
        },
      );
      expect(res.status).toBe(403);
      expect((await post(hr, `/console/cycles/${cycleId}/${action}`, {})).status).toBe(422);
    }
    const earlier = await post(hr, `/console/cycles/${cycleId}/extend?lang=et`, {
      deadline: addDays(today, 10),
      confirm: "yes",
    });
    expect(earlier.status).toBe(422);
    expect(await earlier.text()).toContain("Uus tähtaeg: peab olema pärast praegust tähtaega.");
    const cycle = await h.deps.store.getCycle(cycleId);
    expect(cycle?.status).toBe("open");
    expect(cycle?.definition.deadline).toBe(addDays(today, 36));

    const ok = await post(hr, `/console/cycles/${cycleId}/extend`, { deadline: later, confirm: "yes" });
    expect(ok.status).toBe(303);
    expect((await h.deps.store.getCycle(cycleId))?.definition.deadline).toBe(later);
  });
});

describe("a review in the console", () => {
  const openTask = async (session: Session, title: RegExp) => {
    const list = await (await get(session, "/console/tasks?lang=et")).text();
    const m = new RegExp(`${title.source}[\\s\\S]*?href="/console/tasks/([^"]+)"`).exec(list);
    expect(m, `${title} in ${list}`).not.toBeNull();
    return m![1]!;
  };

  it("the employee's form shows its sections and help; she and her lead complete theirs", async () => {
    const selfId = await openTask(mari, /enesehinnang/);
    const page = await (await get(mari, `/console/tasks/${selfId}?lang=et`)).text();
    expect(page).toMatch(/<section class="form-section" aria-labelledby="part-0"><h2 id="part-0">/);
    expect(page).toContain("Klient saab vastuse 2 tööpäeva jooksul");
    expect(page).toMatch(/aria-describedby="f-duty_1-help"/);
    const refused = await post(mari, `/console/tasks/${selfId}?lang=et`, { duty_1: "9" });
    expect(refused.status).toBe(422);
    expect(
      (
        await post(mari, `/console/tasks/${selfId}`, {
          duty_1: "4",
          competency_1: "4",
          trainingNeeds: "Excel",
        })
      ).status,
    ).toBe(303);

    const leadId = await openTask(tiina, /juhi hinnang<\/td><td>Mari Maasikas/);
    expect(
      (
        await post(tiina, `/console/tasks/${leadId}`, {
          duty_1: "4",
          competency_1: "5",
          goals_1_text: "Vastused kiiremaks",
          goals_1_measure: "90% 2 tööpäevaga",
          goals_1_due: "2027-06-30",
        })
      ).status,
    ).toBe(303);
    await settle();

    // Both in: the lead sees them side by side beside the meeting's form.
    const meetingId = await openTask(tiina, /Arenguvestluse aeg<\/td><td>Mari Maasikas/);
    const meeting = await (await get(tiina, `/console/tasks/${meetingId}?lang=et`)).text();
    expect(meeting).toContain("töötaja: 4 – Ületab ootusi · juht: 4 – Ületab ootusi");
    expect(
      (
        await post(tiina, `/console/tasks/${meetingId}`, {
          date: addDays(today, 3),
          time: "10:00",
          place: "214",
        })
      ).status,
    ).toBe(303);
    await settle();
    const conversationId = await openTask(tiina, /Arenguvestlus<\/td><td>Mari Maasikas/);
    expect(
      (await post(tiina, `/console/tasks/${conversationId}`, { heldOn: today, summary: "Hea aasta." }))
        .status,
    ).toBe(303);
    await settle();

    // Not signed off yet: no PDF.
    const reviewId = reviewIdOf(cycleId, "mari-maasikas");
    expect((await get(mari, `/console/reviews/${reviewId}/pdf`)).status).toBe(409);
    const signOffId = await openTask(mari, /kinnitamine/);
    expect((await post(mari, `/console/tasks/${signOffId}`, { response: "agreed" })).status).toBe(303);
    await settle();
  });

  it("'my reviews' offers the signed-off record as a PDF, to her and not to a colleague", async () => {
    const reviewId = reviewIdOf(cycleId, "mari-maasikas");
    const mine = await (await get(mari, "/console/reviews?lang=et")).text();
    expect(mine).toContain("Arenguvestlused 2026");
    expect(mine).toContain("lõpetatud; kinnitatud");
    expect(mine).toContain(`href="/console/reviews/${reviewId}/pdf"`);
    const pdf = await get(mari, `/console/reviews/${reviewId}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");

    // Olga's own review is still in its assessments; Mari's is not hers to read.
    const hers = await (await get(olga, "/console/reviews?lang=en")).text();
    expect(hers).toContain("assessments");
    expect(hers).not.toContain("/pdf");
    expect((await get(olga, `/console/reviews/${reviewId}/pdf`)).status).toBe(404);
    expect((await get(olga, `/console/reviews/${reviewId}`)).status).toBe(403);

    // The lead sees each report's stage on "my team", and may read the record.
    const team = await (await get(tiina, "/console/team?lang=et")).text();
    expect(team).toContain("Arenguvestlused 2026: lõpetatud; kinnitatud");
    expect(team).toContain("Arenguvestlused 2026: hinnangud");
    expect((await get(tiina, `/console/reviews/${reviewId}/pdf`)).status).toBe(200);
    const audit = await h.deps.store.listAudit("case", reviewId);
    expect(audit.filter((a) => a.action === "review.read.pdf")).toHaveLength(2);
  });

  it("the email-link page renders the same form's sections, help and goal groups", async () => {
    const mail = h.mails.findLast((m) => m.to === "olga.ivanova@example.ee" && /\/l\//.test(m.text));
    const path = new URL(/https?:\/\/\S+\/l\/\S+/.exec(mail!.text)![0]).pathname;
    const page = await (await app.request(`${base}${path}`)).text();
    expect(page).toMatch(/<section class="form-section" aria-labelledby="part-0"><h2 id="part-0">/);
    expect(page).toMatch(/<div class="help" id="f-duty_1-help">[^<]*Klient saab vastuse 2 tööpäeva jooksul/);
    expect(page).toMatch(/<fieldset aria-describedby="f-duty_1-help"><legend>/);
    expect(page).toMatch(/<fieldset class="group" aria-label="Goal 1">/);
  });

  it("cancelling needs the box; then the cycle is cancelled and close is refused", async () => {
    expect((await post(hr, `/console/cycles/${cycleId}/cancel`, {})).status).toBe(422);
    expect((await post(hr, `/console/cycles/${cycleId}/cancel`, { confirm: "yes" })).status).toBe(303);
    await h.engine.whenIdle();
    expect((await h.deps.store.getCycle(cycleId))?.status).toBe("cancelled");
    const close = await post(hr, `/console/cycles/${cycleId}/close?lang=et`, { confirm: "yes" });
    expect(close.status).toBe(409);
    expect(await close.text()).toContain("tsükkel on tühistatud");
  });
});
