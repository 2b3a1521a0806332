// The HR console in a real browser (Debian's chromium driven by playwright-core), against the
// local system started as a child process: HR signs in, sees the dashboard, opens a probation's
// timeline and adds an absence (a wrong one first: the error is shown in the page); a lead
// completes a task from "my tasks"; an employee gets a 403 page for someone else's record that
// names nobody. axe-core finds no serious or critical violation on any page (checked in
// Estonian), and every page is photographed in both languages to test-output/screenshots/.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, tallinnDate, tallinnInstant } from "../../functions/core/calendar";
import { chromiumPath } from "../support/chromium";
import { localClient, type RunningSystem, startLocalProcess } from "../support/local-process";

const SHOTS = join(process.cwd(), "test-output", "screenshots");
/** The demo's job description (the Tallinn lead's), imported for the specialists' positions too. */
const SEED_JD = join(
  process.cwd(),
  "functions",
  "local",
  "demo",
  "ametijuhend-tallinna-klienditeeninduse-juht.md",
);

let system: RunningSystem;
let browser: Browser;
let dataDir: string;
let today: string;
const client = localClient(() => system);

beforeAll(async () => {
  if (!chromiumPath) return;
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), "hr-console-browser-"));
  system = await startLocalProcess(dataDir);
  browser = await chromium.launch({ executablePath: chromiumPath });
  // A hire whose lead has one open task: the mid-probation conversation.
  const form = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } };
  expect((await client.api("/dev/demo-hire", form)).status).toBe(302);
  await nextTimer();
  const clock = (await (await client.api("/dev/clock")).json()) as { now: string };
  today = tallinnDate(new Date(clock.now));
}, 180_000);

/**
 * The virtual clock jumps to the next waiting timer and the scheduler runs. A workflow that was
 * just started or resumed parks on its timer a moment later: until then there is nothing to jump to.
 */
async function nextTimer() {
  const form = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } };
  let status = 0;
  for (let i = 0; i < 120 && status !== 302; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 250));
    status = (await client.api("/dev/clock/next", form)).status;
  }
  expect(status).toBe(302);
}

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function newContext(): Promise<BrowserContext> {
  return browser.newContext({ locale: "et-EE", baseURL: system.url });
}

async function signIn(context: BrowserContext, name: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto("/?lang=et");
  await page.getByRole("button", { name: `Sisene: ${name}` }).click();
  await page.waitForURL(/\/console\/(dashboard|tasks)/);
  return page;
}

/** 25.11.2026 -> 2026-11-25 */
const isoOf = (et: string) => {
  const [day, month, year] = et.trim().split(".");
  return `${year}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`;
};

const visible = (locator: Locator) => locator.waitFor({ state: "visible", timeout: 10_000 });
async function containsText(locator: Locator, text: string) {
  await visible(locator);
  expect(await locator.textContent()).toContain(text);
}

/** No serious or critical axe-core violation on the page as it is now. */
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) => `${v.id} (${v.impact}) on ${page.url()}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  expect(bad).toEqual([]);
}

/**
 * The page at `path` in Estonian and in English: each photographed, and checked with axe once, in
 * Estonian (both languages render the same markup; axe is most of this suite's time). Ends on
 * Estonian. Returns the last response's status.
 */
async function inBothLanguages(page: Page, path: string, shot: string): Promise<number> {
  let status = 0;
  for (const lang of ["en", "et"] as const) {
    const response = await page.goto(`${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
    status = response?.status() ?? 0;
    expect(await page.locator("html").getAttribute("lang")).toBe(lang);
    if (lang === "et") await expectAccessible(page);
    await page.screenshot({ path: join(SHOTS, `${shot}-${lang}.png`), fullPage: true });
  }
  return status;
}

describe.skipIf(!chromiumPath)("the HR console in chromium", () => {
  it("the start page is the sign-in chooser with a developer menu", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await inBothLanguages(page, "/", "start");
    await visible(page.getByRole("button", { name: "Sisene: Helena Org" }));
    await visible(page.getByRole("heading", { name: "Arendaja menüü" }));
    await page.getByRole("link", { name: /Arendaja avaleht/ }).click();
    await visible(page.getByText("Advance to the next task"));
    await context.close();
  }, 120_000);

  it("HR signs in, sees the dashboard, opens a timeline and adds an absence", async () => {
    const context = await newContext();
    const page = await signIn(context, "Helena Org");
    expect(new URL(page.url()).pathname).toBe("/console/dashboard");
    await visible(page.getByRole("heading", { level: 1, name: "Ülevaade" }));
    await visible(page.getByRole("cell", { name: "Tiina Tamm" }));
    await inBothLanguages(page, "/console/dashboard", "hr-dashboard");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, "hr-dashboard-phone-et.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole("link", { name: "Katseaja vahevestlus" }).click();
    await visible(page.getByRole("heading", { level: 1, name: /Katseaja ajajoon/ }));
    const timelinePath = new URL(page.url()).pathname;
    await inBothLanguages(page, timelinePath, "hr-timeline");
    await inBothLanguages(page, "/console/probations", "hr-probations");
    await inBothLanguages(page, "/console/tasks", "hr-my-tasks");

    // An absence that ends before it starts: refused, the error shown beside the field.
    await page.goto("/console/absences");
    const hireId = await page.locator('#a-employeeId option[value^="hire-"]').first().getAttribute("value");
    await page.selectOption("#a-employeeId", hireId!);
    await page.selectOption("#a-type", "sick_leave");
    await page.fill("#a-from", addDays(today, 10));
    await page.fill("#a-to", addDays(today, 5));
    await page.getByRole("button", { name: "Lisa", exact: true }).click();
    await visible(page.locator(".field-error"));
    await containsText(page.getByRole("alert"), "Kuni");
    await expectAccessible(page);
    await page.screenshot({ path: join(SHOTS, "hr-absence-error-et.png"), fullPage: true });

    // A valid one: stored, listed, and on the probation's timeline.
    await page.fill("#a-from", addDays(today, 2));
    await page.fill("#a-to", addDays(today, 6));
    await page.getByRole("button", { name: "Lisa", exact: true }).click();
    await containsText(page.getByRole("status"), "Puudumine on lisatud");
    await visible(page.getByRole("cell", { name: "haigusleht" }));
    await inBothLanguages(page, "/console/absences", "hr-absences");
    await page.goto(timelinePath);
    await visible(page.getByText(/Puudumine: haigusleht/));
    await visible(page.getByText("Viimane päev ilma pikenduseta").first());
    await context.close();
  }, 180_000);

  it("HR registers a hire, sees its probation timeline, and an absence moves its last day", async () => {
    const context = await newContext();
    const page = await signIn(context, "Helena Org");
    await inBothLanguages(page, "/console/hires", "hr-hire");
    await inBothLanguages(page, "/console/org", "hr-organisation");
    await inBothLanguages(page, "/console/positions/tallinn-juht", "hr-position-job-description");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/console/hires");
    await page.screenshot({ path: join(SHOTS, "hr-hire-phone-et.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // A first day more than a year ahead: refused by the server, the error beside the field.
    await page.fill("#h-name", "Kati Karu");
    await page.fill("#h-email", "kati.karu@example.ee");
    await page.selectOption("#h-positionId", "tallinn-spetsialist-1");
    await page.fill("#h-startDate", addDays(today, 800));
    await page.selectOption("#h-regime", "TLS");
    // Signed after 2022-08-01: TLS § 86 extends the probation by the days not worked.
    await page.fill("#h-contractDate", addDays(today, -7));
    await page.getByRole("button", { name: "Registreeri" }).click();
    await containsText(page.getByRole("alert"), "Tööle asumise päev: kuupäev peab olema vahemikus");
    await visible(page.locator("#h-startDate-error"));
    await expectAccessible(page);
    await page.screenshot({ path: join(SHOTS, "hr-hire-error-et.png"), fullPage: true });

    await page.fill("#h-startDate", today);
    await page.getByRole("button", { name: "Registreeri" }).click();
    await page.waitForURL(/\/console\/probations\/[^?]+\?notice=hired/);
    await containsText(page.getByRole("status"), "Töötaja on registreeritud");
    await visible(page.getByRole("heading", { level: 1, name: "Katseaja ajajoon: Kati Karu" }));
    await visible(page.getByText("Katseaeg algas").first());
    const timelinePath = new URL(page.url()).pathname;
    const lastDay = page.locator('dt:text-is("Viimane päev") + dd');
    const endBefore = isoOf((await lastDay.textContent())!);
    expect(await page.locator('dt:text-is("Pikendus puudumiste tõttu") + dd').textContent()).toBe("0 päeva");
    await inBothLanguages(page, timelinePath, "hr-new-hire-timeline");
    const personHref = await page.locator('main dd a[href^="/console/people/"]').getAttribute("href");
    const hireId = personHref!.split("/").pop()!;

    // Five days of sick leave inside the probation: the last day moves five days later.
    await page.goto("/console/absences");
    await page.selectOption("#a-employeeId", hireId);
    await page.selectOption("#a-type", "sick_leave");
    await page.fill("#a-from", addDays(today, 3));
    await page.fill("#a-to", addDays(today, 7));
    await page.getByRole("button", { name: "Lisa", exact: true }).click();
    await containsText(page.getByRole("status"), "Puudumine on lisatud");
    await page.goto(timelinePath);
    expect(isoOf((await lastDay.textContent())!)).toBe(addDays(endBefore, 5));
    expect(await page.locator('dt:text-is("Pikendus puudumiste tõttu") + dd').textContent()).toBe("5 päeva");
    await visible(page.locator('dt:text-is("Viimane päev ilma pikenduseta")'));
    await visible(page.getByText(/Puudumine: haigusleht/));
    await inBothLanguages(page, timelinePath, "hr-new-hire-extended");
    await inBothLanguages(page, `/console/audit/case/${timelinePath.split("/").pop()}`, "hr-audit");
    await context.close();
  }, 240_000);

  it("a lead completes a task from 'my tasks'", async () => {
    const context = await newContext();
    const page = await signIn(context, "Tiina Tamm");
    expect(new URL(page.url()).pathname).toBe("/console/tasks");
    await inBothLanguages(page, "/console/tasks", "lead-my-tasks");
    await page
      .getByRole("link", { name: /Ava ja täida/ })
      .first()
      .click();
    await visible(page.getByRole("heading", { level: 1, name: "Katseaja vahevestlus" }));
    await inBothLanguages(page, new URL(page.url()).pathname, "lead-task");
    await page.fill("#f-heldOn", today);
    await page.fill("#f-summary", "Vestlus toimus, eesmärgid on kokku lepitud.");
    await page.getByRole("button", { name: "Saada" }).click();
    await page.waitForURL(/\/console\/tasks\?notice=done/);
    await containsText(page.getByRole("status"), "Aitäh");
    await visible(page.getByText("Teil ei ole avatud ülesandeid."));
    await context.close();
  }, 120_000);

  it("an employee opening another person's record gets a 403 page that names nobody", async () => {
    const context = await newContext();
    const page = await signIn(context, "Mari Maasikas");
    const hr = await signIn(await newContext(), "Helena Org");
    await hr.goto("/console/probations");
    const timeline = await hr
      .getByRole("link", { name: /Uus Töötaja/ })
      .first()
      .getAttribute("href");
    const hireName = (await hr
      .getByRole("link", { name: /Uus Töötaja/ })
      .first()
      .textContent())!;

    for (const path of ["/console/people/olga-ivanova", timeline!, "/console/people/nobody-at-all"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      const html = await page.content();
      expect(html).not.toContain("Olga");
      expect(html).not.toContain(hireName);
      expect(html).not.toContain("nobody-at-all</");
    }
    expect(await inBothLanguages(page, "/console/people/olga-ivanova", "employee-forbidden")).toBe(403);
    expect((await page.goto("/console/dashboard"))?.status()).toBe(403);
    expect(await inBothLanguages(page, "/console/people/mari-maasikas", "employee-own-record")).toBe(200);

    // Signing out ends the session: the console sends you back to the start page.
    await page.goto("/console/tasks");
    await page.getByRole("button", { name: "Logi välja" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/console/tasks");
    expect(new URL(page.url()).pathname).toBe("/");
    await context.close();
  }, 120_000);
  it("HR reassigns a task by delegation while its lead is away, and sees who acts and why", async () => {
    // The next task of the lead's opens (the virtual clock jumps to its timer).
    await nextTimer();
    const clock = (await (await client.api("/dev/clock")).json()) as { now: string };
    const now = tallinnDate(new Date(clock.now));
    const context = await newContext();
    const page = await signIn(context, "Helena Org");
    const taskRow = page.locator("main table tbody tr", { hasText: "Tiina Tamm" }).first();
    await expect
      .poll(
        async () => {
          await page.goto("/console/dashboard");
          return page.locator("main table tbody tr", { hasText: "Tiina Tamm" }).count();
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    const title = (await taskRow.locator("td").first().textContent())!;

    // Tiina is away: the task goes to her substitute (1.4) first.
    await page.goto("/console/absences");
    await page.selectOption("#a-employeeId", "tiina-tamm");
    await page.selectOption("#a-type", "annual_leave");
    await page.fill("#a-from", now);
    await page.fill("#a-to", addDays(now, 3));
    await page.getByRole("button", { name: "Lisa", exact: true }).click();
    await containsText(page.getByRole("status"), "Puudumine on lisatud");
    await page.goto("/console/dashboard");
    await containsText(page.locator("main table tbody tr", { hasText: title }).first(), "Peeter Pärn");

    // HR hands Tiina's tasks to Kadri Kask for those days: the task moves to her.
    await page.goto("/console/delegations");
    await page.selectOption("#d-fromEmployeeId", "tiina-tamm");
    await page.selectOption("#d-toEmployeeId", "kadri-kask");
    await page.fill("#d-from", now);
    await page.fill("#d-to", addDays(now, 3));
    await page.getByRole("button", { name: "Lisa delegeerimine" }).click();
    await containsText(page.getByRole("status"), "Delegeerimine on lisatud");
    await page.goto("/console/dashboard");
    const row = page.locator("main table tbody tr", { hasText: title }).first();
    await containsText(row, "Kadri Kask");
    await containsText(row, "asendajana, Tiina Tamm eest");

    // Who acts now, and why.
    await page.goto("/console/delegations");
    const subject = await page
      .locator("#w-subjectId option", { hasText: "Uus Töötaja" })
      .first()
      .getAttribute("value");
    await page.selectOption("#w-subjectId", subject!);
    await page.selectOption("#w-kind", "probation.finalAssessment");
    await page.getByRole("button", { name: "Näita" }).click();
    await containsText(page.locator("#acting-result"), "Täna tegutseb: Kadri Kask");
    await visible(page.getByText(/tiina-tamm delegated all tasks to kadri-kask/));
    await inBothLanguages(
      page,
      new URL(page.url()).pathname + new URL(page.url()).search.replace(/&?lang=\w+/, ""),
      "hr-delegations",
    );
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, "hr-delegations-phone-et.png"), fullPage: true });
    await context.close();

    // Kadri, a lead, sees the task as held for Tiina; Tiina sees her team and her delegations.
    const kadri = await signIn(await newContext(), "Kadri Kask");
    await containsText(kadri.locator("main"), "asendajana, Tiina Tamm eest");
    const tiina = await signIn(await newContext(), "Tiina Tamm");
    await inBothLanguages(tiina, "/console/team", "lead-team");
    await visible(tiina.getByRole("link", { name: "Kati Karu" }));
    await inBothLanguages(tiina, "/console/delegations", "lead-delegations");
    await visible(tiina.getByRole("cell", { name: "Kadri Kask", exact: true }));
  }, 240_000);

  it("HR creates and launches a review cycle for the specialists and watches it; the employee opens 'my reviews' and fills in her form on a phone", async () => {
    const clock = (await (await client.api("/dev/clock")).json()) as { now: string };
    const now = tallinnDate(new Date(clock.now));
    const context = await newContext();
    const page = await signIn(context, "Helena Org");

    // The specialists' positions get a job description (the forms are made from it).
    for (const position of ["tallinn-spetsialist-1", "tallinn-spetsialist-2"]) {
      await page.goto(`/console/positions/${position}`);
      await page.setInputFiles("#jd-file", SEED_JD);
      await page.getByRole("button", { name: "Impordi" }).click();
      await containsText(page.getByRole("status"), "Ametijuhend on imporditud");
    }

    await inBothLanguages(page, "/console/cycles", "hr-cycles");
    await page.getByRole("link", { name: "Uus tsükkel" }).click();
    await visible(page.getByRole("heading", { level: 1, name: "Uus arenguvestluste tsükkel" }));
    await inBothLanguages(page, "/console/cycles/new", "hr-cycle-new");

    // A deadline before the opening day: refused, the error beside the field.
    await page.fill("#c-title_et", "Arenguvestlused 2026");
    await page.fill("#c-title_en", "Development conversations 2026");
    await page.check("#c-scope-positions");
    await page.check("#c-position-tallinn-spetsialist-1");
    await page.check("#c-position-tallinn-spetsialist-2");
    await page.fill("#c-opensOn", now);
    await page.fill("#c-deadline", addDays(now, -1));
    await page.getByRole("button", { name: "Loo tsükkel" }).click();
    await containsText(page.getByRole("alert"), "Tähtaeg: ei saa olla enne");
    await visible(page.locator("#c-deadline-error"));
    expect(await page.locator("#c-deadline").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);
    await page.screenshot({ path: join(SHOTS, "hr-cycle-new-error-et.png"), fullPage: true });

    await page.fill("#c-deadline", addDays(now, 30));
    await page.getByRole("button", { name: "Loo tsükkel" }).click();
    await page.waitForURL(/\/console\/cycles\/[^/?]+\?notice=cycleCreated/);
    const cyclePath = new URL(page.url()).pathname;
    await containsText(page.getByRole("status"), "Tsükkel on loodud");
    await visible(page.getByRole("heading", { name: "Hõlmatud (2)" }));
    await visible(page.getByRole("link", { name: "Mari Maasikas" }));
    await visible(page.getByRole("link", { name: "Olga Ivanova" }));
    // Kati Karu, hired into a specialist position today, is on probation: left out, and why.
    await containsText(page.locator("tr", { hasText: "Kati Karu" }), "katseajal");
    await inBothLanguages(page, cyclePath, "hr-cycle-preview");

    await page.getByRole("button", { name: "Käivita tsükkel" }).click();
    await page.waitForURL(/notice=launched/);
    await containsText(page.locator("#launch-text"), "loodud 2, käivitatud 2 / 2");
    // The forms open at 9 o'clock of the opening day: the clock is moved there when it is earlier.
    const opens = new Date(tallinnInstant(now, 9).getTime() + 60_000);
    const at = (await (await client.api("/dev/clock")).json()) as { now: string };
    if (new Date(at.now) < opens)
      await client.api("/dev/clock", { method: "POST", body: JSON.stringify({ to: opens.toISOString() }) });
    await expect
      .poll(
        async () => {
          await client.api("/dev/sweep", { method: "POST", headers: { "content-type": "application/json" } });
          await page.goto(cyclePath);
          return page.locator('th[scope="row"]', { hasText: "hinnangud" }).count();
        },
        { timeout: 60_000 },
      )
      .toBeGreaterThan(0);
    await visible(page.getByRole("img", { name: /Arenguvestlused etappide kaupa/ }));
    expect(await page.locator('tr:has(th:text-is("hinnangud")) td').first().textContent()).toBe("2");
    await visible(page.getByText("0 / 2 vestlust lõpetatud (0 %)"));
    const csv = await page.request.get(`${cyclePath}/status.csv`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toContain("Mari Maasikas");
    await inBothLanguages(page, cyclePath, "hr-cycle-status");
    await inBothLanguages(page, "/console/dashboard", "hr-dashboard-cycles");
    await containsText(page.locator("main"), "Käimasolevad arenguvestlused");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, "hr-cycle-status-phone-et.png"), fullPage: true });
    await context.close();

    // Mari: "my reviews" shows the review and her task; she fills in the long form on a phone.
    const mariContext = await browser.newContext({
      locale: "et-EE",
      baseURL: system.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const mari = await signIn(mariContext, "Mari Maasikas");
    await mari.getByRole("link", { name: "Minu arenguvestlused" }).click();
    await visible(mari.getByRole("heading", { level: 1, name: "Minu arenguvestlused" }));
    await containsText(mari.locator("main table"), "Arenguvestlused 2026");
    await containsText(mari.locator("main table"), "hinnangud");
    await inBothLanguages(mari, "/console/reviews", "employee-my-reviews");
    await mari.getByRole("link", { name: /Teie ülesanne: Arenguvestlus: enesehinnang/ }).click();
    await visible(mari.getByRole("heading", { level: 1, name: "Arenguvestlus: enesehinnang" }));
    // The form reads as its parts: duties, competencies, goals, development, feedback, each a heading.
    expect(await mari.locator("main section.form-section > h2").count()).toBeGreaterThanOrEqual(5);
    await visible(mari.locator("main .help").first());
    const formPath = new URL(mari.url()).pathname;
    await inBothLanguages(mari, formPath, "employee-review-form");
    // Nothing wider than the phone's screen.
    expect(await mari.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
    const ratings = mari.locator('main input[type="radio"][value="3"]');
    for (let i = 0, n = await ratings.count(); i < n; i++) await ratings.nth(i).check();
    await mari.fill("#f-trainingNeeds", "Menetlusseadus");
    await mari.getByRole("button", { name: "Saada" }).click();
    await mari.waitForURL(/\/console\/tasks\?notice=done/);
    await containsText(mari.getByRole("status"), "Aitäh");
    await mariContext.close();

    // Her lead sees each report's review stage on "my team".
    const tiina = await signIn(await newContext(), "Tiina Tamm");
    await tiina.goto("/console/team");
    await containsText(tiina.locator("tr", { hasText: "Mari Maasikas" }), "Arenguvestlused 2026: hinnangud");
    await inBothLanguages(tiina, "/console/team", "lead-team-reviews");
  }, 300_000);

  it("HR creates a training, previews and assigns the specialists; the employee sees it in 'my trainings'", async () => {
    const clock = (await (await client.api("/dev/clock")).json()) as { now: string };
    const now = tallinnDate(new Date(clock.now));
    const context = await newContext();
    const page = await signIn(context, "Helena Org");
    await page.getByRole("link", { name: "Koolitused", exact: true }).click();
    await visible(page.getByRole("heading", { level: 1, name: "Koolitused" }));
    await inBothLanguages(page, "/console/trainings", "hr-trainings");
    await page.getByRole("link", { name: "Uus koolitus" }).click();
    await visible(page.getByRole("heading", { level: 1, name: "Uus koolitus" }));
    await inBothLanguages(page, "/console/trainings/new", "hr-training-new");

    // A session in the past: refused, the error beside the field, what was typed kept.
    await page.fill("#t-title_et", "Menetluspraktika");
    await page.fill("#t-title_en", "Procedural practice");
    await page.fill("#t-topic_et", "Haldusmenetluse seadus");
    await page.fill("#t-topic_en", "Administrative Procedure Act");
    await page.selectOption("#t-trainerEmployeeId", "tiina-tamm");
    await page.fill("#t-s1_date", addDays(now, -1));
    await page.fill("#t-s1_start", "10:00");
    await page.fill("#t-s1_end", "12:00");
    await page.fill("#t-s1_place", "Endla 8, ruum 101");
    await page.fill("#t-s1_capacity", "10");
    await page.check("#t-fu-afterWeeks");
    await page.fill("#t-followUpWeeks", "8");
    await page.getByRole("button", { name: "Loo koolitus" }).click();
    await containsText(page.getByRole("alert"), "Kuupäev: kuupäev on möödas");
    await visible(page.locator("#t-s1_date-error"));
    expect(await page.locator("#t-s1_date").getAttribute("aria-invalid")).toBe("true");
    expect(await page.inputValue("#t-title_en")).toBe("Procedural practice");
    await expectAccessible(page);
    await page.screenshot({ path: join(SHOTS, "hr-training-new-error-et.png"), fullPage: true });

    await page.fill("#t-s1_date", addDays(now, 14));
    await page.getByRole("button", { name: "Loo koolitus" }).click();
    await page.waitForURL(/\/console\/trainings\/[^/?]+\?notice=trCreated/);
    const trainingPath = new URL(page.url()).pathname;
    await containsText(page.getByRole("status"), "Koolitus on loodud");

    // Preview by position: nothing is sent yet; then the invitations go out.
    await page.check("#a-pos-tallinn-spetsialist-1");
    await page.check("#a-pos-tallinn-spetsialist-2");
    await page.getByRole("button", { name: "Näita eelvaadet" }).click();
    await visible(page.getByRole("heading", { name: /^Kutsutakse \(\d+\)$/ }));
    await visible(page.getByRole("cell", { name: "Mari Maasikas" }));
    await expectAccessible(page);
    await page.screenshot({ path: join(SHOTS, "hr-training-preview-et.png"), fullPage: true });
    await page.getByRole("button", { name: "Saada kutsed" }).click();
    await page.waitForURL(/notice=trAssigned/);
    await containsText(page.getByRole("status"), "Kutsed on saadetud");
    await containsText(page.locator("main"), "kutsutud, pole veel kinnitanud");
    await inBothLanguages(page, trainingPath, "hr-training");
    await inBothLanguages(page, "/console/trainings/history", "hr-training-history");
    await inBothLanguages(page, "/console/trainings/compliance", "hr-training-compliance");
    await inBothLanguages(page, "/console/access-log", "hr-access-log");
    await context.close();

    // Mari sees the session in "my trainings" with the link to confirm or ask for another one.
    const mariContext = await browser.newContext({
      locale: "et-EE",
      baseURL: system.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const mari = await signIn(mariContext, "Mari Maasikas");
    await mari.getByRole("link", { name: "Minu koolitused" }).click();
    await visible(mari.getByRole("heading", { level: 1, name: "Minu koolitused" }));
    await containsText(mari.locator("main table"), "Menetluspraktika");
    const [y, m, d] = addDays(now, 14).split("-");
    await containsText(mari.locator("main table"), `${d}.${m}.${y} 10:00–12:00`);
    await visible(mari.getByRole("link", { name: "Kinnita või palu teist aega" }));
    await inBothLanguages(mari, "/console/my-trainings", "employee-my-trainings");
    expect(await mari.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
    await mariContext.close();
  }, 240_000);
});
