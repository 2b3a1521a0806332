// One language per page and per mail, on DynamoDB Local: every link page (each form, each state of
// a link, each refusal, each validation message), HR's record page and every mail template, in
// Estonian and in English, checked by word lists (tests/support/language-check.ts): no English
// word on an Estonian one, no Estonian word on an English one.
import { beforeAll, describe, expect, it } from "vitest";
import { formFor } from "../../functions/core/forms";
import {
  completedOnBehalfMail,
  escalationMail,
  probationMovedMail,
  probationOutcomeMail,
  probationStoppedMail,
  reminderMail,
  taskAssignedMail,
} from "../../functions/core/mails";
import type { HumanTask, TaskKind } from "../../functions/core/model";
import type { OutgoingMail } from "../../functions/core/ports";
import { recordLinkUrl } from "../../functions/core/record-links";
import { cancelTask } from "../../functions/core/usecases/tasks";
import type { Probation } from "../../functions/core/workflows/probation";
import { createHarness, type Harness } from "../support/api-harness";
import { ENGLISH_WORDS, ESTONIAN_WORDS, foreignWords, visibleText } from "../support/language-check";
import { nonceIn, noWorkflows, openTask, probationOf, submit } from "../support/link-tasks";

const LOCALES = ["et", "en"] as const;
type Locale = (typeof LOCALES)[number];

let h: Harness;
let probation: Probation;
let past: Probation;

beforeAll(async () => {
  h = await createHarness("language", { ...noWorkflows, start: "2026-03-02T08:00:00Z" });
  probation = await probationOf(h, "olga-ivanova", { startDate: "2026-01-05", endDate: "2026-05-04" });
  past = await probationOf(h, "mari-maasikas", { startDate: "2025-10-27", endDate: "2026-02-26" });
});

/** A page must be in its language: html lang, and no word of the other one. */
function expectOneLanguage(label: string, html: string, locale: Locale, values: string[] = []) {
  expect(html, label).toContain(`<html lang="${locale}">`);
  expect(foreignWords(visibleText(html, locale), locale, values), label).toEqual([]);
}

const get = async (path: string) => (await h.app.request(path)).text();
const withLang = (path: string, locale: Locale) => `${path}?lang=${locale}`;

describe("the word lists themselves", () => {
  it("catch the other language and let the page's own through", () => {
    expect(foreignWords("Tähtaeg: 25.11.2026. Please submit the form.", "et")).toEqual([
      "Please",
      "submit",
      "the",
      "form",
    ]);
    expect(foreignWords("Due: 25 November 2026. Palun saatke vorm; väli.", "en")).toEqual([
      "Palun",
      "saatke",
      "vorm",
      "väli",
    ]);
    expect(foreignWords("Peeter Pärn (TLS § 96)", "en")).toEqual([]);
    // Words both languages write alike are in neither list.
    for (const both of ["on", "link", "see", "last"]) {
      expect(ENGLISH_WORDS.has(both) || ESTONIAN_WORDS.has(both), both).toBe(false);
    }
    expect(visibleText('<html lang="et"><a lang="en">In English</a> Tere</html>', "et").trim()).toBe("Tere");
  });
});

describe("link pages, in Estonian and in English", () => {
  it("every form", async () => {
    for (const kind of [
      "probation.midConversation",
      "probation.finalAssessment",
      "probation.summaryAcknowledgement",
    ] as const) {
      const { path } = await openTask(h, probation.id, kind);
      for (const locale of LOCALES)
        expectOneLanguage(`${kind} ${locale}`, await get(withLang(path, locale)), locale);
    }
  });

  it("every state of a link: invalid, expired, cancelled, handed over, completed, and the thank-you page", async () => {
    for (const locale of LOCALES) {
      expectOneLanguage(`invalid ${locale}`, await get(withLang("/l/a.b.c.d", locale)), locale);
    }

    const expired = await openTask(h, probation.id, "probation.midConversation");
    const now = h.now();
    h.setNow(new Date(now.getTime() + 400 * 86_400_000));
    try {
      for (const locale of LOCALES)
        expectOneLanguage(`expired ${locale}`, await get(withLang(expired.path, locale)), locale);
    } finally {
      h.setNow(now);
    }

    const cancelled = await openTask(h, probation.id, "probation.midConversation");
    await cancelTask(h.deps, (await h.deps.store.getTask(cancelled.taskId))!, { id: "hr" });
    for (const locale of LOCALES)
      expectOneLanguage(`cancelled ${locale}`, await get(withLang(cancelled.path, locale)), locale);

    const handedOver = await openTask(h, probation.id, "probation.midConversation");
    const task = (await h.deps.store.getTask(handedOver.taskId))!;
    const link = { ...task.links[0]!, id: "handed", assigneeId: "peeter-parn" };
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
    for (const locale of LOCALES)
      expectOneLanguage(`superseded ${locale}`, await get(withLang(handedOver.path, locale)), locale);

    for (const locale of LOCALES) {
      const { path } = await openTask(h, probation.id, "probation.midConversation");
      const form = await get(withLang(path, locale));
      const done = await submit(h, withLang(path, locale), {
        heldOn: "2026-03-01",
        summary: "Qq",
        nonce: nonceIn(form),
      });
      expect(done.status).toBe(200);
      expectOneLanguage(`done ${locale}`, await done.text(), locale);
      const completed = await h.app.request(withLang(path, locale));
      expect(completed.status).toBe(409);
      expectOneLanguage(`completed ${locale}`, await completed.text(), locale);
    }
  });

  it("every refusal of a POST: another site, too large, not a form", async () => {
    const { path } = await openTask(h, probation.id, "probation.midConversation");
    for (const locale of LOCALES) {
      const at = withLang(path, locale);
      const foreign = await submit(
        h,
        at,
        { heldOn: "2026-03-01", summary: "Qq", nonce: "n" },
        { origin: "https://evil.example" },
      );
      expect(foreign.status).toBe(403);
      expectOneLanguage(`foreign ${locale}`, await foreign.text(), locale);
      const large = await submit(h, at, { summary: "x".repeat(70 * 1024) });
      expect(large.status).toBe(413);
      expectOneLanguage(`tooLarge ${locale}`, await large.text(), locale);
      const unreadable = await h.app.request(at, {
        method: "POST",
        body: "x",
        headers: { "content-type": "text/plain" },
      });
      expect(unreadable.status).toBe(415);
      expectOneLanguage(`unreadable ${locale}`, await unreadable.text(), locale);
    }
  });

  it("every validation message, the stale form and the missed last day (TLS § 96)", async () => {
    const cases: Array<[TaskKind, Record<string, string>, string?]> = [
      ["probation.midConversation", { heldOn: "31.12.2026", summary: "" }],
      ["probation.midConversation", { heldOn: "2300-01-01", summary: "x".repeat(10_001) }],
      ["probation.finalAssessment", { summary: "Qq", decision: "maybe" }],
      ["probation.finalAssessment", { summary: "Qq", decision: "end" }],
      ["probation.summaryAcknowledgement", { response: "commented" }],
      ["probation.midConversation", { heldOn: "2026-03-01", summary: "Qq" }, "stale"],
      ["probation.finalAssessment", { summary: "Qq", decision: "end", reasons: "Qq" }, "past"],
    ];
    for (const [kind, fields, special] of cases) {
      const { path } = await openTask(h, special === "past" ? past.id : probation.id, kind);
      for (const locale of LOCALES) {
        const form = await get(withLang(path, locale));
        const nonce = special === "stale" ? "stale" : nonceIn(form);
        const res = await submit(h, withLang(path, locale), { ...fields, nonce });
        const label = `${kind} ${JSON.stringify(fields).slice(0, 60)} ${special ?? ""} ${locale}`;
        expect(res.status, label).toBeGreaterThanOrEqual(400);
        const html = await res.text();
        expect(html, label).toContain('role="alert"');
        expectOneLanguage(label, html, locale, ["31.12.2026", "maybe"]);
      }
    }
  });
});

describe("HR's record page, in Estonian and in English", () => {
  it("the record, a forged link, an expired one, and a refused method", async () => {
    const path = new URL(recordLinkUrl(h.deps, probation.id)).pathname;
    for (const locale of LOCALES) {
      expectOneLanguage(`record ${locale}`, await get(withLang(path, locale)), locale);
      expectOneLanguage(`record forged ${locale}`, await get(withLang("/r/a.b.c", locale)), locale);
      const refused = await h.app.request(withLang(path, locale), { method: "POST" });
      expect(refused.status).toBe(405);
      expectOneLanguage(`record 405 ${locale}`, await refused.text(), locale);
    }
    const now = h.now();
    h.setNow(new Date(now.getTime() + 31 * 86_400_000));
    try {
      for (const locale of LOCALES)
        expectOneLanguage(`record expired ${locale}`, await get(withLang(path, locale)), locale);
    } finally {
      h.setNow(now);
    }
  });
});

describe("every mail template, in Estonian and in English", () => {
  const task = (kind: TaskKind) =>
    ({ id: "task-1", kind, dueDate: "2026-11-25", form: formFor(kind) }) as HumanTask;

  function mailsIn(locale: Locale): Array<[string, OutgoingMail]> {
    const to = { name: "Tiina Tamm", email: "tiina.tamm@example.ee", locale };
    const hr = { name: "", email: "hr@example.ee", locale };
    const list: Array<[string, OutgoingMail]> = [];
    for (const kind of [
      "probation.midConversation",
      "probation.finalAssessment",
      "probation.summaryAcknowledgement",
    ] as const) {
      list.push(
        [
          `assigned ${kind}`,
          taskAssignedMail(to, task(kind), "Olga Ivanova", "https://hr.example.ee/l/x", "Peeter Pärn"),
        ],
        [`reminder ${kind}`, reminderMail(to, task(kind), "Olga Ivanova", "https://hr.example.ee/l/x")],
        [`escalation ${kind}`, escalationMail(to, task(kind), "Olga Ivanova", "Peeter Pärn")],
        [
          `onbehalf lead ${kind}`,
          completedOnBehalfMail(
            to,
            task(kind),
            "Olga Ivanova",
            { substitute: "Peeter Pärn", lead: "Tiina Tamm" },
            "lead",
          ),
        ],
        [
          `onbehalf substitute ${kind}`,
          completedOnBehalfMail(
            to,
            task(kind),
            "Olga Ivanova",
            { substitute: "Peeter Pärn", lead: "Tiina Tamm" },
            "substitute",
          ),
        ],
      );
    }
    list.push(["moved", probationMovedMail(hr, "Olga Ivanova", "2026-07-31", "2026-08-10")]);
    for (const regime of ["TLS", "ATS"] as const) {
      for (const outcome of ["confirmed", "ended", "lapsed"] as const) {
        for (const acknowledgement of [undefined, "acknowledged", "commented", "not_acknowledged"] as const) {
          list.push([
            `outcome ${regime} ${outcome} ${acknowledgement ?? "-"}`,
            probationOutcomeMail(hr, {
              subjectName: "Olga Ivanova",
              outcome,
              endDate: "2026-11-30",
              decidedOn: "2026-11-20",
              contractEndsOn: outcome === "ended" ? "2026-12-05" : undefined,
              regime,
              acknowledgement,
              notes: [{ et: "vahevestlust ei peetud", en: "the mid-probation conversation was not held" }],
              link: "https://hr.example.ee/r/x",
            }),
          ]);
        }
      }
      list.push([
        `outcome ${regime} ended without an end date`,
        probationOutcomeMail(hr, {
          subjectName: "Olga Ivanova",
          outcome: "ended",
          endDate: "2026-11-30",
          regime,
        }),
      ]);
    }
    list.push(
      [
        "stopped",
        probationStoppedMail(hr, {
          subjectName: "Olga Ivanova",
          reason: "States.Timeout",
          link: "https://hr.example.ee/r/x",
        }),
      ],
      [
        "stopped without link",
        probationStoppedMail(hr, { subjectName: "Olga Ivanova", reason: "Engine.Failed" }),
      ],
    );
    return list;
  }

  it("has no word of the other language in the subject, the text or the HTML", () => {
    for (const locale of LOCALES) {
      for (const [label, mail] of mailsIn(locale)) {
        const values = ["States.Timeout", "Engine.Failed"];
        expect(foreignWords(`${mail.subject}\n${mail.text}`, locale, values), `${label} ${locale}`).toEqual(
          [],
        );
        expect(mail.html, label).toContain(`<html lang="${locale}">`);
        expect(
          foreignWords(visibleText(mail.html, locale), locale, values),
          `${label} ${locale} html`,
        ).toEqual([]);
      }
    }
  });

  it("the mails the system sent while these pages were made are in their recipients' languages", async () => {
    // Tiina reads Estonian; Olga (the official's own task) reads English.
    expect(h.mails.length).toBeGreaterThan(5);
    for (const mail of h.mails) {
      const locale: Locale = mail.to === "olga.ivanova@example.ee" ? "en" : "et";
      expect(foreignWords(`${mail.subject}\n${mail.text}`, locale), `${mail.tag} to ${mail.to}`).toEqual([]);
    }
  });
});
