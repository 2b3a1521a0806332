// HR's read-only probation record behind a signed 30-day link (/r/{token}) on DynamoDB Local: the
// summary in HR's language with the tasks' kinds, statuses, due dates, who completed them and when
// (Tallinn time), never the answers' text; the link pages' security headers; forged 404 and
// expired 410 in the reader's language; GET and HEAD only, nothing written.
import { beforeAll, describe, expect, it } from "vitest";
import { recordLinkUrl, signRecordLink } from "../../functions/core/record-links";
import { createHarness, type Harness } from "../support/api-harness";
import { nonceIn, noWorkflows, openTask, probationOf, submit } from "../support/link-tasks";

let h: Harness;
let caseId: string;
let recordPath: string;
let taskPath: string;

const SECRET = "Salajane vastuse tekst 7f3a";

beforeAll(async () => {
  h = await createHarness("recordpage", { ...noWorkflows, start: "2026-03-02T08:00:00Z" });
  const probation = await probationOf(
    h,
    "olga-ivanova",
    { startDate: "2026-01-05", endDate: "2026-05-14" },
    { data: { baseEndDate: "2026-05-04", extensionDays: 10 } },
  );
  caseId = probation.id;
  const done = await openTask(h, caseId, "probation.midConversation");
  const form = await (await h.app.request(done.path)).text();
  h.setNow("2026-03-02T12:30:00Z"); // 14:30 in Tallinn
  const res = await submit(h, done.path, {
    heldOn: "2026-03-02", // today in Tallinn: a conversation is held, not planned
    summary: SECRET,
    goals: SECRET,
    nonce: nonceIn(form),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  taskPath = (await openTask(h, caseId, "probation.finalAssessment")).path;
  recordPath = new URL(recordLinkUrl(h.deps, caseId)).pathname;
});

const get = (path: string, headers: Record<string, string> = {}) => h.app.request(path, { headers });

describe("HR's record page", () => {
  it("shows the probation's summary and its tasks in HR's language (Estonian by default), never the answers", async () => {
    const res = await get(recordPath);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="et">');
    expect(html).toContain("Katseaja andmed: Olga Ivanova");
    expect(html).toContain("töölepingu seadus (TLS)");
    expect(html).toContain("<dt>Katseaja algus</dt><dd>05.01.2026</dd>");
    expect(html).toContain("<dt>Viimane päev ilma pikenduseta</dt><dd>04.05.2026</dd>");
    expect(html).toContain("<dt>Katseaja viimane päev</dt><dd>14.05.2026</dd>");
    expect(html).toContain("<dt>Pikendus puudumiste tõttu</dt><dd>10 päeva</dd>");
    expect(html).toContain("<dt>Olek</dt><dd>käimas</dd>");
    expect(html).toContain("<dt>Tulemus</dt><dd>otsust veel ei ole</dd>");
    // The completed task: kind, status, who and when (Tallinn time); the open one: who holds it.
    expect(html).toMatch(
      /<td>Katseaja vahevestlus<\/td><td>täidetud<\/td><td>\d\d\.\d\d\.2026<\/td><td>Tiina Tamm<\/td><td>02\.03\.2026 kell 14:30<\/td>/,
    );
    expect(html).toMatch(
      /<td>Katseaja lõpphinnang<\/td><td>avatud<\/td><td>\d\d\.\d\d\.2026<\/td><td>Tiina Tamm<\/td><td><\/td>/,
    );
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain("UTC");
    expect(html).not.toContain("<script");
  });

  it("is in English with ?lang=en, with config.hrLocale = en, or for an English browser when HR's language is not set", async () => {
    const en = await (await get(`${recordPath}?lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("Probation record: Olga Ivanova");
    expect(en).toContain("<dt>Last day of probation</dt><dd>14 May 2026</dd>");
    expect(en).toContain("2 March 2026 at 14:30");
    expect(en).toContain(`href="${recordPath}?lang=et"`);
    expect(await (await get(recordPath, { "accept-language": "en-GB,en" })).text()).toContain(
      "Probation record",
    );
    h.deps.config.hrLocale = "en";
    try {
      expect(await (await get(recordPath)).text()).toContain("Probation record");
      expect(await (await get(`${recordPath}?lang=et`)).text()).toContain("Katseaja andmed");
    } finally {
      h.deps.config.hrLocale = undefined;
    }
  });

  it("shows the outcome once decided", async () => {
    const decided = await probationOf(
      h,
      "mari-maasikas",
      { startDate: "2025-11-03", endDate: "2026-03-02" },
      {
        status: "closed",
        outcome: { decision: "end", decidedOn: "2026-02-20", contractEndsOn: "2026-03-07" },
      },
    );
    const html = await (await get(new URL(recordLinkUrl(h.deps, decided.id)).pathname)).text();
    expect(html).toContain(
      "<dt>Tulemus</dt><dd>leping lõpetatakse katseajal; otsus 20.02.2026; leping lõpeb 07.03.2026</dd>",
    );
    expect(html).toContain("<dd>otsustatud</dd>");
    expect(html).toContain("Ülesandeid veel ei ole.");
  });

  it("has the link pages' security headers", async () => {
    const res = await get(recordPath);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-robots-tag")).toBe("noindex");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await res.text()).toContain('<meta name="robots" content="noindex"/>');
  });

  it("answers HEAD, refuses other methods with 405, and writes nothing", async () => {
    const before = JSON.stringify([
      await h.deps.store.getCase(caseId),
      await h.deps.store.listTasks({ caseId }),
    ]);
    const head = await h.app.request(recordPath, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const res = await h.app.request(recordPath, {
        method,
        body: "a=b",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(res.status, method).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD");
      expect(await res.text()).toContain("Seda lehte saab ainult vaadata");
    }
    const after = JSON.stringify([
      await h.deps.store.getCase(caseId),
      await h.deps.store.listTasks({ caseId }),
    ]);
    expect(after).toBe(before);
  });
});

describe("a record link that does not open a record", () => {
  it("forged or damaged: 404 in the reader's language", async () => {
    const [, , id, exp, sig] = recordPath.split(/[/.]/);
    const forged = `/r/${id}.${exp}.${sig!.slice(0, -3)}abc`;
    const et = await get(forged);
    expect(et.status).toBe(404);
    expect(await et.text()).toContain("Link ei kehti");
    const en = await get(forged, { "accept-language": "en" });
    expect(en.status).toBe(404);
    expect(await en.text()).toContain("This link is not valid");
    expect((await get("/r/garbage")).status).toBe(404);
    expect((await get(forged)).headers.get("cache-control")).toBe("no-store");
  });

  it("signed for a probation that does not exist: 404", async () => {
    const token = signRecordLink(h.deps.config.linkSigningKey, {
      caseId: "no-such-probation",
      expiresAt: new Date("2027-01-01T00:00:00Z"),
    });
    expect((await get(`/r/${token}`)).status).toBe(404);
  });

  it("expired after 30 days: 410", async () => {
    const now = h.now();
    h.setNow(new Date(now.getTime() + 31 * 86_400_000));
    try {
      const et = await get(recordPath);
      expect(et.status).toBe(410);
      expect(await et.text()).toContain("Link on aegunud");
      const en = await get(`${recordPath}?lang=en`);
      expect(await en.text()).toContain("This link has expired");
    } finally {
      h.setNow(now);
    }
  });

  it("a task link is not a record link, nor a record link a task link", async () => {
    const taskToken = taskPath.split("/").pop()!;
    expect((await get(`/r/${taskToken}`)).status).toBe(404);
    const recordToken = recordPath.split("/").pop()!;
    const asTask = await get(`/l/${recordToken}`);
    expect(asTask.status).toBe(404);
    expect(await asTask.text()).toContain("Link ei kehti");
  });
});
