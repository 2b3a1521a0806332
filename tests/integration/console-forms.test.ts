// The console's HR and lead forms through app.request: a hire, a job description import, an
// absence CSV import and delegations, each refused with the reason beside the field (or the line)
// and accepted when right; every form refused without the session's CSRF token or from another
// site, with nothing written. Also who may open which page, who acts now and why, a lead's team,
// the audit trail and the dashboard's chart.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app";
import { addDays, tallinnDate } from "../../functions/core/calendar";
import { createDevAuth } from "../../functions/local/dev-auth";
import { createHarness, type Harness } from "../support/api-harness";
import { openTask } from "../support/link-tasks";

const base = "http://hr.test";
let h: Harness;
let app: ReturnType<typeof createApp>;
let today: string;

beforeAll(async () => {
  h = await createHarness("console-forms");
  const devAuth = await createDevAuth();
  app = createApp(
    { ...h.deps, auth: devAuth.verifier(h.tables.store) },
    {
      console: {
        devSignIn: async (employeeId) => {
          const person = await h.deps.store.getEmployee(employeeId);
          return person && devAuth.issueToken({ employeeId, email: person.email, roles: person.roles });
        },
      },
    },
  );
  today = tallinnDate(h.now());
});

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(employeeId: string): Promise<Session> {
  const res = await app.request(`${base}/console/dev-sign-in`, {
    method: "POST",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ employeeId }).toString(),
  });
  expect(res.status).toBe(303);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith("hr_session="))!
    .split(";")[0]!;
  const page = await (await app.request(`${base}/console/tasks?lang=et`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  return { cookie, csrf };
}

const get = (session: Session, path: string) =>
  app.request(`${base}${path}`, { headers: { cookie: session.cookie } });

/** A form POST as the browser sends it: our origin and the session's token, unless told otherwise. */
function post(
  session: Session,
  path: string,
  fields: Record<string, string | string[] | File>,
  options: { origin?: string; csrf?: string | null; multipart?: boolean } = {},
) {
  const token = options.csrf === undefined ? session.csrf : options.csrf;
  const entries: Array<[string, string | File]> = Object.entries(fields).flatMap(([k, v]) =>
    Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string | File]],
  );
  if (token !== null) entries.push(["_csrf", token]);
  const headers: Record<string, string> = { cookie: session.cookie, origin: options.origin ?? base };
  let body: string | FormData;
  if (options.multipart) {
    const form = new FormData();
    for (const [k, v] of entries) form.append(k, v);
    body = form;
  } else {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(entries as Array<[string, string]>).toString();
  }
  return app.request(`${base}${path}`, { method: "POST", headers, body });
}

let hr: Session;
let lead: Session;
let employee: Session;
beforeAll(async () => {
  hr = await signIn("helena-org");
  lead = await signIn("tiina-tamm");
  employee = await signIn("mari-maasikas");
});

const hire = (overrides: Record<string, string> = {}) => ({
  name: "Kati Karu",
  email: "kati.karu@example.ee",
  positionId: "tallinn-spetsialist-3",
  startDate: today,
  regime: "TLS",
  contractDate: addDays(today, -10),
  locale: "et",
  ...overrides,
});

describe("register a hire", () => {
  it("shows what is wrong beside the field, in the page's language", async () => {
    const missing = await post(hr, "/console/hires", hire({ name: "" }));
    expect(missing.status).toBe(422);
    const html = await missing.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain("Nimi: palun täitke.");
    expect(html).toMatch(/id="h-name"[^>]*aria-invalid="true"/);
    // What was typed stays in the form.
    expect(html).toContain('value="kati.karu@example.ee"');

    const email = await post(hr, "/console/hires", hire({ email: "not-an-address" }));
    expect(email.status).toBe(422);
    expect(await email.text()).toContain("E-post: see ei ole e-posti aadress.");

    const far = await post(hr, "/console/hires", hire({ startDate: addDays(today, 800) }));
    expect(far.status).toBe(422);
    expect(await far.text()).toMatch(/Tööle asumise päev: kuupäev peab olema vahemikus/);

    const months = await post(hr, "/console/hires", hire({ agreedProbationMonths: "9" }));
    expect(months.status).toBe(422);
    expect(await months.text()).toContain("TLS puhul 1–4");

    const taken = await post(hr, "/console/hires", hire({ email: "olga.ivanova@example.ee" }));
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain("Selle e-posti aadressiga töötaja on juba olemas.");

    expect(await h.deps.store.findEmployeeByEmail("kati.karu@example.ee")).toBeUndefined();
  });

  it("refuses the form without the session's CSRF token, or from another site, and registers nobody", async () => {
    const noToken = await post(hr, "/console/hires", hire(), { csrf: null });
    expect(noToken.status).toBe(403);
    const wrongToken = await post(hr, "/console/hires", hire(), { csrf: "x".repeat(32) });
    expect(wrongToken.status).toBe(403);
    const foreign = await post(hr, "/console/hires", hire(), { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(await h.deps.store.findEmployeeByEmail("kati.karu@example.ee")).toBeUndefined();
  });

  it("is HR's: a lead gets the 403 page", async () => {
    expect((await get(lead, "/console/hires")).status).toBe(403);
    expect((await post(lead, "/console/hires", hire())).status).toBe(403);
    expect(await h.deps.store.findEmployeeByEmail("kati.karu@example.ee")).toBeUndefined();
  });

  it("registers the hire and opens its probation's timeline", async () => {
    const res = await post(hr, "/console/hires", hire());
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/console\/probations\/[^?]+\?notice=hired$/);
    const timeline = await (await get(hr, location)).text();
    expect(timeline).toContain("Töötaja on registreeritud");
    expect(timeline).toContain("Kati Karu");
    expect(timeline).toContain("Katseaeg algas");
    expect((await h.deps.store.findEmployeeByEmail("kati.karu@example.ee"))?.contractDate).toBe(
      addDays(today, -10),
    );
  });
});

describe("job description import", () => {
  const path = "/console/positions/tallinn-spetsialist-1/job-description";

  it("shows the parser's errors with their line numbers, and stores nothing", async () => {
    const res = await post(hr, path, { markdown: "AMETIJUHEND\n\nsome text\n" }, { multipart: true });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Ametijuhendit ei salvestatud");
    expect(html).toMatch(/Rida \d+: oodati/);
    expect(await h.deps.store.getJobDescription("tallinn-spetsialist-1")).toBeUndefined();
  });

  it("says so for an empty form and for a file that is not UTF-8", async () => {
    const empty = await post(hr, path, { markdown: "  " }, { multipart: true });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Kleepige tekst või valige fail.");
    const latin = new File([new Uint8Array([0x41, 0xe4, 0xe4, 0x0a])], "jd.md", { type: "text/markdown" });
    const bad = await post(hr, path, { markdown: "", file: latin }, { multipart: true });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("UTF-8");
  });

  it("refuses the form without the CSRF token", async () => {
    const seed = readFileSync(
      new URL("../../functions/local/demo/ametijuhend-tallinna-klienditeeninduse-juht.md", import.meta.url),
      "utf8",
    );
    const res = await post(hr, path, { markdown: seed }, { multipart: true, csrf: null });
    expect(res.status).toBe(403);
    expect(await h.deps.store.getJobDescription("tallinn-spetsialist-1")).toBeUndefined();
  });

  it("imports a file over 64 KB of form (the seed) and renders it on the position's page", async () => {
    const seed = readFileSync(
      new URL("../../functions/local/demo/ametijuhend-tallinna-klienditeeninduse-juht.md", import.meta.url),
    );
    const file = new File([seed], "ametijuhend.md", { type: "text/markdown" });
    const res = await post(hr, path, { markdown: "", file }, { multipart: true });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/console/positions/tallinn-spetsialist-1?notice=jdImported");
    const html = await (await get(hr, "/console/positions/tallinn-spetsialist-1?lang=en")).text();
    expect(html).toContain("Duties and expected results");
    expect(html).toContain("3.1");
    expect(html).toContain("Klienditeeninduse tegevuse planeerimine");
  });
});

describe("absence CSV import", () => {
  it("lists every bad row with its line, and imports nothing", async () => {
    const csv = [
      "employee,type,from,to,note",
      `mari-maasikas,annual_leave,${addDays(today, 5)},${addDays(today, 9)},`,
      `nobody-here,annual_leave,${addDays(today, 5)},${addDays(today, 9)},`,
      `olga-ivanova,holiday,${addDays(today, 5)},,`,
    ].join("\n");
    const res = await post(hr, "/console/absences/import", { csv }, { multipart: true });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Midagi ei imporditud");
    expect(html).toMatch(/<td>3<\/td><td>employee<\/td>/);
    expect(html).toMatch(/<td>4<\/td><td>type<\/td>/);
    expect(await h.deps.store.listAbsences("mari-maasikas")).toEqual([]);
  });

  it("refuses the form from another site", async () => {
    const csv = `employee,type,from,to\nmari-maasikas,annual_leave,${addDays(today, 5)},${addDays(today, 9)}`;
    const res = await post(hr, "/console/absences/import", { csv }, { multipart: true, origin: "null" });
    expect(res.status).toBe(403);
    expect(await h.deps.store.listAbsences("mari-maasikas")).toEqual([]);
  });

  it("imports good rows and lists them", async () => {
    const csv = `employee;type;from;to\nmari-maasikas;annual_leave;${addDays(today, 5)};${addDays(today, 9)}`;
    const res = await post(hr, "/console/absences/import", { csv }, { multipart: true });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/console/absences?notice=absencesImported");
    expect(await h.deps.store.listAbsences("mari-maasikas")).toHaveLength(1);
  });
});

describe("delegations", () => {
  const window = () => ({ from: addDays(today, 1), to: addDays(today, 10) });

  it("a lead cannot hand her tasks to an employee with neither the lead role nor a substitute position", async () => {
    const res = await post(lead, "/console/delegations", { toEmployeeId: "olga-ivanova", ...window() });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("ainult personaliosakond");
    expect(await h.deps.store.listDelegations("tiina-tamm")).toEqual([]);
  });

  it("names the field: the delegate missing, to oneself, dates the wrong way round", async () => {
    const none = await post(lead, "/console/delegations", { toEmployeeId: "", ...window() });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain("Kellele: palun täitke.");
    const self = await post(lead, "/console/delegations", { toEmployeeId: "tiina-tamm", ...window() });
    expect(self.status).toBe(422);
    expect(await self.text()).toContain("Iseendale ei saa delegeerida.");
    const reversed = await post(lead, "/console/delegations", {
      toEmployeeId: "peeter-parn",
      from: addDays(today, 5),
      to: addDays(today, 1),
    });
    expect(reversed.status).toBe(422);
    expect(await reversed.text()).toMatch(/Kuni \(kaasa arvatud\): kuupäev peab olema vahemikus/);
  });

  it("refuses a delegation without the CSRF token", async () => {
    const res = await post(
      lead,
      "/console/delegations",
      { toEmployeeId: "peeter-parn", ...window() },
      { csrf: null },
    );
    expect(res.status).toBe(403);
    expect(await h.deps.store.listDelegations("tiina-tamm")).toEqual([]);
  });

  it("a lead delegates her own tasks (some kinds), sees it, and HR sees who acts and why", async () => {
    const res = await post(lead, "/console/delegations", {
      // A lead cannot delegate someone else's tasks: the field is ignored for her.
      fromEmployeeId: "peeter-parn",
      toEmployeeId: "peeter-parn",
      kinds: ["probation.midConversation", "probation.finalAssessment"],
      from: today,
      to: addDays(today, 10),
    });
    expect(res.status).toBe(303);
    const [stored] = await h.deps.store.listDelegations("tiina-tamm");
    expect(stored).toMatchObject({
      toEmployeeId: "peeter-parn",
      kinds: ["probation.midConversation", "probation.finalAssessment"],
    });
    const mine = await (await get(lead, "/console/delegations?notice=delegationSaved")).text();
    expect(mine).toContain("Delegeerimine on lisatud");
    expect(mine).toContain("Peeter Pärn");
    // "Who acts now and why" is HR's question (its reasons name absences).
    expect(mine).not.toContain("Põhjused");

    // Tiina is away today: the delegation decides who acts for her report.
    await h.deps.store.putAbsence({
      id: "abs-away",
      employeeId: "tiina-tamm",
      type: "annual_leave",
      from: today,
      to: addDays(today, 3),
    });
    const why = await (
      await get(hr, "/console/delegations?subjectId=olga-ivanova&kind=probation.midConversation&lang=en")
    ).text();
    expect(why).toContain("Acting today: Peeter Pärn");
    expect(why).toContain("acts for the lead Tiina Tamm");
    expect(why).toContain("tiina-tamm delegated");
  });

  it("an overlapping one is refused; another lead cannot end hers; she can", async () => {
    const overlap = await post(lead, "/console/delegations", {
      toEmployeeId: "kadri-kask",
      from: addDays(today, 2),
      to: addDays(today, 4),
    });
    expect(overlap.status).toBe(409);
    expect(await overlap.text()).toContain("kattub");
    const [stored] = await h.deps.store.listDelegations("tiina-tamm");
    const other = await signIn("peeter-parn");
    const refused = await post(other, `/console/delegations/tiina-tamm/${stored!.id}/delete`, {});
    expect(refused.status).toBe(403);
    const noToken = await post(
      lead,
      `/console/delegations/tiina-tamm/${stored!.id}/delete`,
      {},
      { csrf: null },
    );
    expect(noToken.status).toBe(403);
    expect(await h.deps.store.listDelegations("tiina-tamm")).toHaveLength(1);
    const ended = await post(lead, `/console/delegations/tiina-tamm/${stored!.id}/delete`, {});
    expect(ended.status).toBe(303);
    expect(await h.deps.store.listDelegations("tiina-tamm")).toEqual([]);
  });

  it("is not an employee's page", async () => {
    expect((await get(employee, "/console/delegations")).status).toBe(403);
  });
});

describe("pages by role", () => {
  it("a lead's team lists her direct reports with their probations", async () => {
    const html = await (await get(lead, "/console/team?lang=et")).text();
    expect(html).toContain("Mari Maasikas");
    expect(html).toContain("Olga Ivanova");
    expect(html).toContain("Kati Karu");
    expect(html).toMatch(/href="\/console\/probations\/[^"]+"/);
    expect(html).not.toContain("Peeter Pärn");
  });

  it("HR reads a record's audit trail; nobody else does", async () => {
    const kati = await h.deps.store.findEmployeeByEmail("kati.karu@example.ee");
    const html = await (await get(hr, `/console/audit/employee/${kati!.id}`)).text();
    expect(html).toContain("employee.created");
    expect(html).toContain("Helena Org");
    expect((await get(lead, `/console/audit/employee/${kati!.id}`)).status).toBe(403);
    expect((await get(hr, "/console/audit/nonsense/x")).status).toBe(404);
  });

  it("the organisation page shows units, positions with manager, ordered substitutes and holders", async () => {
    const html = await (await get(hr, "/console/org?lang=en")).text();
    expect(html).toContain("Klienditeeninduse osakond");
    expect(html).toMatch(
      /Tallinna klienditeeninduse juht<\/a>[\s\S]*?Klienditeeninduse juht<\/td><td><ol><li>Piirkonna klienditeeninduse juht<\/li><\/ol>/,
    );
    expect(html).toContain('href="/console/people/tiina-tamm"');
    expect((await get(lead, "/console/org")).status).toBe(403);
  });

  it("the dashboard's overdue chart is an image with a title and description, with its numbers in a table", async () => {
    // A task about Kati (a specialist of the customer service unit) that runs overdue.
    const kati = (await h.deps.store.findEmployeeByEmail("kati.karu@example.ee"))!;
    const [probation] = await h.deps.store.listCases(kati.id, "probation");
    const { taskId } = await openTask(h, probation!.id, "probation.midConversation");
    const task = (await h.deps.store.getTask(taskId))!;
    const started = h.now();
    h.setNow(`${addDays(task.dueDate, 2)}T08:00:00Z`);
    try {
      const html = await (await get(hr, "/console/dashboard?lang=en")).text();
      expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-title chart-desc"/);
      expect(html).toContain('<title id="chart-title">Overdue tasks by unit</title>');
      expect(html).toMatch(/<desc id="chart-desc">Overdue and open tasks by unit: .+<\/desc>/);
      expect(html).toMatch(
        /<th scope="row">Klienditeeninduse osakond<\/th><td>[1-9]\d*<\/td><td>[1-9]\d*<\/td>/,
      );
    } finally {
      h.setNow(started);
    }
  });
});
