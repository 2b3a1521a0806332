// A crawl of the console as each role (HR, a lead, a lead's substitute holding her tasks, an
// employee): from /console/ every same-origin link is opened and every form is sent with its
// hidden fields (CSRF token included) and nothing else; none may answer 404 or 5xx, and no page
// may link (GET) to a page that refuses its reader. Sign-out is pressed last, on its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, tallinnDate } from "../../functions/core/calendar";
import type { JobDescription } from "../../functions/core/model";
import { recordAbsence } from "../../functions/core/usecases/absences";
import { createCycle, launchCycle } from "../../functions/core/usecases/cycles";
import { infoSessionCaseIdOf, scheduleInfoSessions } from "../../functions/core/usecases/info-sessions";
import { assignParticipants, createTraining, triggerFollowUp } from "../../functions/core/usecases/trainings";
import { infoSessionGroup } from "../../functions/core/workflows/info-session";
import type { LocalSystem } from "../../functions/local/system";
import { startTestSystem } from "../support/local-system";

let system: LocalSystem;

beforeAll(async () => {
  system = await startTestSystem("console-crawl");
  const form = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } };
  await fetch(`${system.url}/dev/demo-hire`, { ...form, redirect: "manual" });
  // The new workflow parks on its first timer a moment after the hire: until then there is
  // nothing for the clock to jump to (409).
  let status = 0;
  for (let i = 0; i < 120 && status !== 302; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 250));
    status = (await fetch(`${system.url}/dev/clock/next`, { ...form, redirect: "manual" })).status;
  }
  expect(status).toBe(302);
  // The lead is away today: her task moves to the substitute, who sees it marked so.
  const today = tallinnDate(system.clock.now());
  await recordAbsence(system.deps, { id: "test" }, "tiina-tamm", {
    type: "annual_leave",
    from: today,
    to: addDays(today, 3),
  });
  await system.sweepNow();
  // Review cycles: one launched for the two specialists (their positions get a job description),
  // one still a draft (its preview), so every cycle page and "my reviews" have something to show.
  const jd: JobDescription = {
    positionTitle: "Klienditeeninduse spetsialist",
    unitName: "Tallinna klienditeenindus",
    duties: [
      { code: "3.1", text: "Klientide nõustamine", details: [], expectedResults: ["Vastus 2 päevaga"] },
    ],
    rights: [],
    responsibilities: [],
    requirements: { languages: [] },
    competencies: [{ name: "Koostöö", kind: "core", behaviours: ["Jagab infot"] }],
  };
  for (const id of ["tallinn-spetsialist-1", "tallinn-spetsialist-2"])
    await system.deps.store.putJobDescription(id, jd);
  const hr = { id: "helena-org", name: "Helena Org" };
  const definition = {
    type: "annual",
    title: { et: "Arenguvestlused", en: "Development conversations" },
    opensOn: today,
    deadline: addDays(today, 30),
  };
  const launched = await createCycle(system.deps, hr, {
    ...definition,
    scope: { kind: "positions", positionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2"] },
  });
  await launchCycle(system.deps, hr, launched.id);
  await createCycle(system.deps, hr, {
    ...definition,
    scope: { kind: "units", unitIds: ["klienditeenindus"], includeSubUnits: true },
  });
  // A training Tiina gives, with both specialists seated: the training pages, "my trainings" and
  // the trainer's list have something to show.
  const training = await createTraining(system.deps, hr, {
    title: { et: "Menetluspraktika", en: "Procedural practice" },
    topic: { et: "Haldusmenetlus", en: "Administrative procedure" },
    kind: "optional",
    trainer: { kind: "employee", employeeId: "tiina-tamm" },
    sessions: [{ date: addDays(today, 10), start: "10:00", end: "12:00", place: "Endla 8", capacity: 5 }],
  });
  await assignParticipants(system.deps, hr, training.id, {
    positionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2"],
  });
  // A training held last week that Mari completed (written as its attendance list left it): HR's
  // follow-up call opens its follow-up training, which has no session yet (every training page
  // and list must render it).
  const held = await createTraining(system.deps, hr, {
    title: { et: "Menetluspraktika alused", en: "Procedural basics" },
    topic: { et: "Haldusmenetlus", en: "Administrative procedure" },
    kind: "optional",
    trainer: { kind: "employee", employeeId: "tiina-tamm" },
    sessions: [{ date: addDays(today, 1), start: "10:00", end: "12:00", place: "Endla 8", capacity: 5 }],
  });
  await system.deps.store.updateTraining(
    {
      ...held,
      definition: {
        ...held.definition,
        sessions: held.definition.sessions.map((x) => ({ ...x, date: addDays(today, -7) })),
      },
      attendance: [{ employeeId: "mari-maasikas", trainingId: held.id, sessionId: "s1", status: "attended" }],
      version: held.version + 1,
    },
    held.version,
  );
  await triggerFollowUp(system.deps, hr, held.id);
  // Tiina's info sessions for her unit (a series), and one summary already in its archive.
  await scheduleInfoSessions(
    system.deps,
    { employeeId: "tiina-tamm", roles: ["lead"] },
    {
      title: { et: "Infotund", en: "Info session" },
      place: "Endla 8",
      series: {
        rrule: "FREQ=WEEKLY;BYDAY=TU",
        from: addDays(today, 1),
        until: addDays(today, 21),
        time: "10:00",
      },
    },
  );
  const at = system.clock.now().toISOString();
  await system.deps.store.createCase({
    id: infoSessionCaseIdOf("series-crawl", addDays(today, -7)),
    workflow: "infoSession",
    subjectId: "tiina-tamm",
    groupId: infoSessionGroup("klienditeenindus"),
    status: "closed",
    data: {
      seriesId: "series-crawl",
      unitId: "klienditeenindus",
      title: { et: "Infotund", en: "Info session" },
      session: {
        id: addDays(today, -7),
        date: addDays(today, -7),
        start: "10:00",
        end: "11:00",
        place: "Endla 8",
      },
      summaryBusinessDays: 2,
      invitees: [],
      invited: true,
    },
    outcome: {
      submitted: true,
      decisions: "Vastuvõtt algab kell 9.",
      links: ["https://intra.example.ee/juhend"],
      writtenBy: "tiina-tamm",
      closedOn: today,
      mailedTo: 4,
    },
    createdAt: at,
    updatedAt: at,
    version: 1,
  });
  await system.sweepNow();
});

afterAll(async () => {
  await system?.stop();
});

async function crawlAs(employeeId: string) {
  const origin = new URL(system.url).origin;
  let cookie = "";
  const send = async (method: "GET" | "POST", url: string, fields?: Record<string, string>) => {
    let res: Response;
    let target = url;
    for (let hops = 0; ; hops++) {
      res = await fetch(target, {
        method,
        headers: {
          origin,
          ...(cookie ? { cookie } : {}),
          ...(method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        },
        body: method === "POST" ? new URLSearchParams(fields).toString() : undefined,
        redirect: "manual",
      });
      const session = res.headers.getSetCookie().find((c) => c.startsWith("hr_session="));
      if (session) cookie = session.split(";")[0]!;
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location || hops > 5) break;
      target = new URL(location, target).href;
      method = "GET";
    }
    return { res, url: target };
  };
  const signIn = await send("POST", `${origin}/console/dev-sign-in`, { employeeId });
  expect(signIn.res.status).toBe(200);

  const seen = new Map<string, number>();
  const queue: Array<{ method: "GET" | "POST"; url: string; fields?: Record<string, string> }> = [
    { method: "GET", url: `${origin}/console/` },
  ];
  let logout: { url: string; fields: Record<string, string> } | undefined;
  while (queue.length && seen.size < 400) {
    const next = queue.shift()!;
    const key = `${next.method} ${next.url}`;
    if (seen.has(key)) continue;
    const { res, url } = await send(next.method, next.url, next.fields);
    seen.set(key, res.status);
    const path = new URL(url).pathname;
    // Follow links only on console pages (the dev pages have their own crawl).
    if (
      !(path === "/" || path.startsWith("/console")) ||
      !(res.headers.get("content-type") ?? "").includes("html")
    )
      continue;
    const html = await res.text();
    for (const m of html.matchAll(/href="([^"#]+)"/g)) {
      const link = new URL(m[1]!.replaceAll("&amp;", "&"), url);
      if (link.origin === origin && !/\/raw$/.test(link.pathname))
        queue.push({ method: "GET", url: link.href });
    }
    for (const f of html.matchAll(/<form[^>]*method="post"[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)) {
      const action = new URL(f[1]!.replaceAll("&amp;", "&"), url);
      const fields = Object.fromEntries(
        [...f[2]!.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((i) => [i[1]!, i[2]!]),
      );
      if (action.pathname === "/console/logout") logout = { url: action.href, fields };
      else if (action.origin === origin) queue.push({ method: "POST", url: action.href, fields });
    }
  }
  return { seen, logout, send };
}

/** Pages each role's crawl must reach (answering 200): the menu's and those they link to. */
const mustReach: Record<string, RegExp[]> = {
  "helena-org": [
    /^GET \/console\/dashboard$/,
    /^GET \/console\/hires$/,
    /^GET \/console\/org$/,
    /^GET \/console\/positions\/tallinn-juht$/,
    /^GET \/console\/delegations$/,
    /^GET \/console\/absences$/,
    /^GET \/console\/audit\/employee\/[^/]+$/,
    /^GET \/console\/audit\/case\/[^/]+$/,
    /^GET \/console\/cycles$/,
    /^GET \/console\/cycles\/new$/,
    /^GET \/console\/cycles\/cycle_[^/]+$/,
    /^GET \/console\/cycles\/cycle_[^/]+\/status\.csv$/,
    /^GET \/console\/reviews\/review_[^/]+$/,
    /^GET \/console\/trainings$/,
    /^GET \/console\/trainings\/new$/,
    /^GET \/console\/trainings\/training_[^/]+$/,
    /^GET \/console\/trainings\/history$/,
    /^GET \/console\/trainings\/compliance\.csv$/,
    /^GET \/console\/access-log$/,
    /^GET \/console\/access-log\.csv$/,
    /^GET \/console\/my-trainings$/,
    /^GET \/console\/info-summaries$/,
  ],
  "tiina-tamm": [
    /^GET \/console\/team$/,
    /^GET \/console\/delegations$/,
    /^GET \/console\/probations\/[^/]+$/,
    /^GET \/console\/reviews$/,
    /^GET \/console\/reviews\/review_[^/]+$/,
    /^GET \/console\/trainings$/,
    /^GET \/console\/trainings\/training_[^/]+$/,
    /^GET \/console\/my-trainings$/,
    /^GET \/console\/info-sessions$/,
    /^GET \/console\/info-summaries$/,
    /^GET \/console\/info-summaries\/infoSession_[^/]+$/,
  ],
  "peeter-parn": [
    /^GET \/console\/team$/,
    /^GET \/console\/delegations$/,
    /^GET \/console\/info-sessions$/,
    /^GET \/console\/info-summaries\/infoSession_[^/]+$/,
  ],
  "mari-maasikas": [
    /^GET \/console\/people\/mari-maasikas$/,
    /^GET \/console\/reviews$/,
    /^GET \/console\/reviews\/review_[^/]+$/,
    /^GET \/console\/my-trainings$/,
    /^GET \/console\/info-summaries$/,
    /^GET \/console\/info-summaries\/infoSession_[^/]+$/,
  ],
};

describe("every console link and form, as each role", () => {
  for (const [role, employeeId] of [
    ["HR", "helena-org"],
    ["a lead (away today)", "tiina-tamm"],
    ["the substitute lead", "peeter-parn"],
    ["an employee", "mari-maasikas"],
  ] as const) {
    it(`answers without 404 or 5xx as ${role}`, async () => {
      const { seen, logout, send } = await crawlAs(employeeId);
      const reached = [...seen]
        .filter(([, status]) => status === 200)
        .map(([key]) => key.replace(/^(\w+) https?:\/\/[^/]+/, "$1 ").replace(/\?.*$/, ""));
      for (const pattern of mustReach[employeeId]!)
        expect(
          reached.some((k) => pattern.test(k)),
          String(pattern),
        ).toBe(true);
      const broken = [...seen].filter(([, status]) => status === 404 || status >= 500);
      expect(broken).toEqual([]);
      const refusedLinks = [...seen].filter(([key, status]) => key.startsWith("GET") && status === 403);
      expect(refusedLinks).toEqual([]);
      expect(seen.size).toBeGreaterThan(5);
      expect(logout).toBeDefined();
      const out = await send("POST", logout!.url, logout!.fields);
      expect(new URL(out.url).pathname).toBe("/");
      expect(out.res.status).toBe(200);
    }, 120_000);
  }

  it("the substitute sees the lead's task, marked as held for her", async () => {
    const { send } = await crawlAs("peeter-parn");
    const { res } = await send("GET", `${system.url}/console/tasks?lang=et`);
    const html = await res.text();
    expect(html).toContain("Katseaja vahevestlus");
    expect(html).toContain("asendajana, Tiina Tamm eest");
  }, 60_000);
});
