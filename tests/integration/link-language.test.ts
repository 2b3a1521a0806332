// Email-link pages in one language on DynamoDB Local: ?lang= first and kept through the form's
// POST, else the reader's stored preference, else Accept-Language (a forged link has no reader),
// else Estonian; a switch to the other language keeps the link; every validation message in the
// page's language naming the field by its label; dates and times as the reader writes them, in
// Tallinn time.
import { beforeAll, describe, expect, it } from "vitest";
import type { Probation } from "../../functions/core/workflows/probation";
import { createHarness, type Harness } from "../support/api-harness";
import { nonceIn, noWorkflows, openTask, probationOf, submit } from "../support/link-tasks";

let h: Harness;
let probation: Probation;

beforeAll(async () => {
  h = await createHarness("linklang", { ...noWorkflows, start: "2026-03-02T08:00:00Z" });
  // Olga (locale en) is on probation; her lead Tiina reads Estonian.
  probation = await probationOf(h, "olga-ivanova", { startDate: "2026-01-05", endDate: "2026-05-04" });
});

const page = async (path: string, headers: Record<string, string> = {}) => {
  const res = await h.app.request(path, { headers });
  return { status: res.status, html: await res.text() };
};
const langOf = (html: string) => /<html lang="(\w+)"/.exec(html)?.[1];
const actionOf = (html: string) =>
  /<form method="post" action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");

describe("which language a link page is in", () => {
  it("is the reader's stored language, with the form posting back in it and a switch that keeps the link", async () => {
    const { path } = await openTask(h, probation.id, "probation.midConversation");
    const et = await page(path, { "accept-language": "en-GB,en;q=0.9" });
    expect(et.status).toBe(200);
    // Tiina's stored preference (et) wins over her browser's.
    expect(langOf(et.html)).toBe("et");
    expect(et.html).toContain("Katseaja vahevestlus");
    expect(actionOf(et.html)).toBe(`${path}?lang=et`);
    expect(et.html).toContain(`<a href="${path}?lang=en" hreflang="en" lang="en">In English</a>`);
    expect(et.html).toMatch(/<span lang="et" aria-current="page">Eesti keeles<\/span>/);

    const en = await page(`${path}?lang=en`);
    expect(langOf(en.html)).toBe("en");
    expect(en.html).toContain("Mid-probation conversation");
    expect(actionOf(en.html)).toBe(`${path}?lang=en`);
    expect(en.html).toContain(`<a href="${path}?lang=et" hreflang="et" lang="et">Eesti keeles</a>`);
    // An unknown ?lang= is ignored, not an error.
    expect(langOf((await page(`${path}?lang=fr`)).html)).toBe("et");
  });

  it("keeps ?lang= through the POST: a refused answer comes back in the language the form was read in", async () => {
    const { path } = await openTask(h, probation.id, "probation.midConversation");
    const form = await page(`${path}?lang=en`);
    const res = await submit(h, actionOf(form.html)!, {
      heldOn: "2026-03-01",
      summary: "",
      nonce: nonceIn(form.html),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(langOf(html)).toBe("en");
    expect(html).toContain("Summary: required");
    expect(html).not.toContain("kohustuslik");
    expect(actionOf(html)).toBe(`${path}?lang=en`);
  });

  it("follows Accept-Language where no reader is known (a forged link), else Estonian", async () => {
    const forged = "/l/task-x.abc.zzzzzz.forgedsignature";
    const en = await page(forged, { "accept-language": "en-US,en;q=0.9,et;q=0.5" });
    expect(en.status).toBe(404);
    expect(langOf(en.html)).toBe("en");
    expect(en.html).toContain("This link is not valid");
    const preferEt = await page(forged, { "accept-language": "en;q=0.4, et;q=0.8" });
    expect(preferEt.html).toContain("Link ei kehti");
    const none = await page(forged);
    expect(langOf(none.html)).toBe("et");
    expect(none.html).toContain("Link ei kehti");
    expect((await page(`${forged}?lang=en`, { "accept-language": "et" })).html).toContain(
      "This link is not valid",
    );
    // The switch on a dead link's page leads to the same link in the other language.
    expect(none.html).toContain(`href="${forged}?lang=en"`);
  });

  it("follows the subject's own preference on the official's or employee's own task", async () => {
    const { path } = await openTask(h, probation.id, "probation.summaryAcknowledgement");
    const res = await page(path, { "accept-language": "et" });
    expect(langOf(res.html)).toBe("en"); // Olga's stored locale
    expect(res.html).toContain("Summary of your probation interview");
  });
});

describe("validation messages on a link page", () => {
  const refused = async (
    kind: Parameters<typeof openTask>[2],
    lang: "et" | "en",
    fields: Record<string, string>,
  ) => {
    const { path } = await openTask(h, probation.id, kind);
    const form = await page(`${path}?lang=${lang}`);
    const res = await submit(h, actionOf(form.html)!, { ...fields, nonce: nonceIn(form.html) });
    return { status: res.status, html: await res.text() };
  };

  it("says a date that is not one, and a missing answer, beside each field and in a summary", async () => {
    const et = await refused("probation.midConversation", "et", { heldOn: "31.12.2026", summary: "" });
    expect(et.status).toBe(422);
    expect(et.html).toContain("Vestluse kuupäev: see ei ole kuupäev");
    expect(et.html).toContain("Kokkuvõte: kohustuslik väli");
    expect(et.html).toContain("Palun parandage vormis järgmist:");
    expect(et.html).toMatch(
      /id="f-heldOn" name="heldOn" required="" aria-invalid="true" aria-describedby="f-heldOn-error"/,
    );
    expect(et.html).not.toMatch(/Invalid|required when|must be/);
    // What was typed comes back.
    expect(et.html).toContain('value="31.12.2026"');
    const en = await refused("probation.midConversation", "en", { heldOn: "garbage", summary: "ok" });
    expect(en.html).toContain("Date of the conversation: this is not a date");
    expect(en.html).not.toContain("Kokkuvõte");
  });

  it("says a date out of range with the range, and a too long answer with the limit", async () => {
    const et = await refused("probation.midConversation", "et", {
      heldOn: "2300-01-01",
      summary: "x".repeat(10_001),
    });
    expect(et.html).toContain("Vestluse kuupäev: kuupäev peab jääma vahemikku 01.01.1900 kuni 31.12.2199");
    expect(et.html).toContain("Kokkuvõte: vastus on liiga pikk, lubatud on kuni 10\u00a0000 märki");
    const en = await refused("probation.midConversation", "en", { heldOn: "1899-12-31", summary: "ok" });
    expect(en.html).toContain("the date must lie between 1 January 1900 and 31 December 2199");
  });

  it("lists the options by their labels, and asks for reasons when ending (TLS § 96)", async () => {
    const et = await refused("probation.finalAssessment", "et", { summary: "s", decision: "maybe" });
    expect(et.html).toContain("Otsus: valige „Töötaja on katseaja läbinud“ või „Lõpetan lepingu katseajal“");
    expect(et.html).not.toContain("Invalid option");
    const en = await refused("probation.finalAssessment", "en", {
      summary: "s",
      decision: "end",
      reasons: "",
    });
    expect(en.html).toContain("Reasons for ending: required when the contract is ended");
    expect(en.html).not.toContain("reasons are required");
  });

  it("asks for the comment when the official chose to comment (ATS § 24(7))", async () => {
    const et = await refused("probation.summaryAcknowledgement", "et", { response: "commented" });
    expect(et.html).toContain("Kommentaar: kirjutage kommentaar, kui valisite kommentaari lisamise");
    const en = await refused("probation.summaryAcknowledgement", "en", {
      response: "commented",
      comment: " ",
    });
    expect(en.html).toContain("Comments: write your comments, as you chose to add comments");
  });

  it("says a stale form in the page's language (403), with a fresh nonce to send again", async () => {
    const { path } = await openTask(h, probation.id, "probation.midConversation");
    const res = await submit(h, `${path}?lang=en`, { heldOn: "2026-03-01", summary: "ok", nonce: "stale" });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain("The form has expired or did not come from this page.");
    expect(html).not.toContain("nonce:");
    const again = await submit(h, actionOf(html)!, {
      heldOn: "2026-03-01",
      summary: "ok",
      nonce: nonceIn(html),
    });
    expect(again.status).toBe(200);
  });

  it("says, in the page's language, that the contract can no longer be ended after the last day (TLS § 96)", async () => {
    const past = await probationOf(h, "mari-maasikas", { startDate: "2025-10-27", endDate: "2026-02-26" });
    const { path } = await openTask(h, past.id, "probation.finalAssessment");
    const form = await page(path);
    const res = await submit(h, actionOf(form.html)!, {
      summary: "s",
      decision: "end",
      reasons: "r",
      nonce: nonceIn(form.html),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Otsus: katseaja viimane päev oli 26.02.2026; lepingut ei saa enam");
    expect(html).not.toContain("probation ended on");
  });
});

describe("dates and times on link pages", () => {
  it("shows due dates as the reader writes them and a completion in Tallinn time, never UTC", async () => {
    const { path, taskId } = await openTask(h, probation.id, "probation.midConversation");
    const task = (await h.deps.store.getTask(taskId))!;
    const [y, m, d] = task.dueDate.split("-");
    const form = await page(path);
    expect(form.html).toContain(`Tähtaeg: ${d}.${m}.${y}`);
    expect(form.html).toContain("Katseaja viimane päev: 04.05.2026");
    expect((await page(`${path}?lang=en`)).html).toContain("Last day of probation: 4 May 2026");

    h.setNow("2026-03-02T08:05:00Z"); // 10:05 in Tallinn (UTC+2 in March)
    const done = await submit(h, actionOf(form.html)!, {
      heldOn: "2026-03-02",
      summary: "ok",
      nonce: nonceIn(form.html),
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Vastus on salvestatud");
    const et = await page(path);
    expect(et.status).toBe(409);
    expect(et.html).toContain("Selle ülesande täitis Tiina Tamm, 02.03.2026 kell 10:05.");
    expect(et.html).not.toContain("UTC");
    const en = await page(`${path}?lang=en`);
    expect(en.html).toContain("It was completed by Tiina Tamm, 2 March 2026 at 10:05.");
  });

  it("says who has a handed-over task and until when, as the reader writes the date", async () => {
    const { path, taskId } = await openTask(h, probation.id, "probation.midConversation");
    const task = (await h.deps.store.getTask(taskId))!;
    const link = { ...task.links[0]!, id: "newlink", assigneeId: "peeter-parn" };
    await h.deps.store.updateTask(
      {
        ...task,
        links: [...task.links, link],
        linkId: link.id,
        assigneeId: "peeter-parn",
        delegatedUntil: "2026-03-12",
        version: task.version + 1,
      },
      task.version,
    );
    const et = await page(path);
    expect(et.status).toBe(410);
    expect(et.html).toContain("Seda ülesannet täidab nüüd Peeter Pärn (kuni 12.03.2026).");
    expect((await page(`${path}?lang=en`)).html).toContain(
      "The task is now with Peeter Pärn (until 12 March 2026).",
    );
  });
});
