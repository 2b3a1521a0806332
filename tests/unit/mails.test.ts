// The mails' templates: one language per mail, the recipient's; dates as that reader writes them.
import { describe, expect, it } from "vitest";
import { formFor } from "../../functions/core/forms";
import {
  hrRecipient,
  probationMovedMail,
  probationOutcomeMail,
  probationStoppedMail,
  reminderMail,
  taskAssignedMail,
} from "../../functions/core/mails";
import type { HumanTask } from "../../functions/core/model";

const hrEt = { name: "", email: "hr@example.ee", locale: "et" as const };
const hrEn = { ...hrEt, locale: "en" as const };
const task = {
  id: "task-1",
  kind: "probation.finalAssessment",
  dueDate: "2026-11-25",
  form: formFor("probation.finalAssessment"),
} as HumanTask;

describe("HR's outcome mail", () => {
  it("says a confirmed probation with its dates, in Estonian or in English", () => {
    const input = {
      subjectName: "Olga Ivanova",
      outcome: "confirmed",
      endDate: "2026-11-30",
      decidedOn: "2026-11-25",
      regime: "TLS",
      link: "https://hr.example.ee/r/x",
    } as const;
    const et = probationOutcomeMail(hrEt, input);
    expect(et.tag).toBe("probation:outcome");
    expect(et.subject).toBe("Katseaeg läbitud: Olga Ivanova");
    expect(et.text).toContain("Olga Ivanova (töötaja) on katseaja läbinud; otsus tehti 25.11.2026.");
    expect(et.text).toContain("Katseaja viimane päev: 30.11.2026.");
    expect(et.text.endsWith("\n\nhttps://hr.example.ee/r/x")).toBe(true);
    expect(et.html).toContain('<html lang="et">');
    expect(et.html).toContain('<a href="https://hr.example.ee/r/x">');
    const en = probationOutcomeMail(hrEn, input);
    expect(en.subject).toBe("Probation passed: Olga Ivanova");
    expect(en.text).toContain("Olga Ivanova (employee) has passed probation; decided 25 November 2026.");
    expect(en.text).toContain("Last day of probation: 30 November 2026.");
    expect(en.html).toContain('<html lang="en">');
  });

  it("says an ended contract with the notice day and the last day of the contract (TLS § 96)", () => {
    const input = {
      subjectName: "Olga Ivanova",
      outcome: "ended",
      endDate: "2026-11-30",
      decidedOn: "2026-11-20",
      contractEndsOn: "2026-12-05",
      regime: "TLS",
    } as const;
    const et = probationOutcomeMail(hrEt, input).text;
    expect(et).toContain("Olga Ivanova tööleping lõpetatakse katseajal; etteteatamise päev 20.11.2026.");
    expect(et).toContain("Tööleping lõpeb 05.12.2026.");
    expect(et).toContain("TLS § 96");
    const en = probationOutcomeMail(hrEn, input).text;
    expect(en).toContain("notice given 20 November 2026");
    expect(en).toContain("The employment contract ends 5 December 2026.");
  });

  it("says a lapsed probation has been passed by law and the contract or service continues", () => {
    const tls = probationOutcomeMail(hrEt, {
      subjectName: "Olga Ivanova",
      outcome: "lapsed",
      endDate: "2026-11-30",
      regime: "TLS",
    });
    expect(tls.subject).toBe("Katseaeg läbitud otsuseta: Olga Ivanova");
    expect(tls.text).toContain(
      "Katseaja viimaseks päevaks (30.11.2026) otsust ei tehtud: Olga Ivanova on katseaja seaduse järgi läbinud ja tööleping jätkub (TLS § 86).",
    );
    const ats = probationOutcomeMail(hrEn, {
      subjectName: "Mart Mets",
      outcome: "lapsed",
      endDate: "2026-11-30",
      regime: "ATS",
      acknowledgement: "not_acknowledged",
      notes: [{ et: "vahevestlust ei peetud", en: "the mid-probation conversation was not held" }],
    });
    expect(ats.text).toContain("the service relationship continues (ATS § 24)");
    expect(ats.text).toContain("did not comment on the summary by its due date");
    expect(ats.text).toContain("– the mid-probation conversation was not held");
    expect(ats.text).not.toContain("vahevestlust");
  });

  it("says what the official did with the summary (ATS § 24(7))", () => {
    const base = {
      subjectName: "Mart Mets",
      outcome: "confirmed",
      endDate: "2026-11-30",
      regime: "ATS",
    } as const;
    expect(probationOutcomeMail(hrEt, { ...base, acknowledgement: "acknowledged" }).text).toContain(
      "Ametnik kinnitas, et on katseaja vestluse kokkuvõttega tutvunud",
    );
    expect(probationOutcomeMail(hrEt, { ...base, acknowledgement: "commented" }).text).toContain(
      "Ametnik lisas katseaja vestluse kokkuvõttele oma kommentaari",
    );
    expect(probationOutcomeMail(hrEn, { ...base, acknowledgement: "commented" }).text).toContain(
      "The official added comments",
    );
  });
});

describe("HR's stopped-workflow mail", () => {
  it("shows the error code as a code, in a sentence of HR's language, escaped in HTML", () => {
    const et = probationStoppedMail(hrEt, {
      subjectName: "Olga Ivanova",
      reason: "States.Timeout",
      link: "https://hr.example.ee/r/x",
    });
    expect(et.tag).toBe("probation:stopped");
    expect(et.subject).toBe("Katseaja töövoog vajab sekkumist: Olga Ivanova");
    expect(et.text).toContain("Veakood: States.Timeout");
    const en = probationStoppedMail(hrEn, { subjectName: "O", reason: "<b>x</b>\nsecond line" });
    expect(en.text).toContain("Error code: <b>x</b> second line");
    expect(en.html).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(en.html).not.toContain("<b>");
  });
});

describe("the other mails", () => {
  it("write the due date as the recipient reads it", () => {
    const to = { name: "Tiina Tamm", email: "t@example.ee", locale: "et" as const };
    expect(taskAssignedMail(to, task, "Olga", "https://l").text).toContain("Tähtaeg: 25.11.2026.");
    expect(reminderMail({ ...to, locale: "en" }, task, "Olga", "https://l").text).toContain(
      "is due on 25 November 2026",
    );
    expect(probationMovedMail({ ...to, locale: "en" }, "Olga", "2026-07-31", "2026-08-10").text).toContain(
      "the last day is now 10 August 2026 (was 31 July 2026)",
    );
  });

  it("HR's mailbox is greeted without a name, in HR's language (Estonian unless configured)", () => {
    expect(hrRecipient({ hrEmail: "hr@example.ee" })).toEqual(hrEt);
    expect(hrRecipient({ hrEmail: "hr@example.ee", hrLocale: "en" }).locale).toBe("en");
    expect(probationMovedMail(hrEt, "Olga", "2026-07-31", "2026-08-10").text.startsWith("Tere!\n")).toBe(
      true,
    );
  });
});
