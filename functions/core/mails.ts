// The mails the system sends. Every mail is one template in the recipient's language (et or en):
// subject, greeting, facts and dates (25.11.2026 / 25 November 2026) alike. Plain text is the
// source; the HTML part is the same text with the link made clickable, every value escaped.
import type { DomainConfig } from "./deps";
import { formatDate, type Locale } from "./i18n";
import type { HumanTask, Regime } from "./model";
import type { OutgoingMail } from "./ports";

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Who a mail goes to, and in which language it is written. */
export interface MailRecipient {
  /** Empty for a shared mailbox (HR): the greeting then names nobody. */
  name: string;
  email: string;
  locale: Locale;
}
type Person = MailRecipient;

/** HR's shared mailbox, in HR's language (`config.hrLocale`, Estonian unless set). */
export const hrRecipient = (config: Pick<DomainConfig, "hrEmail" | "hrLocale">): MailRecipient => ({
  name: "",
  email: config.hrEmail,
  locale: config.hrLocale ?? "et",
});

function mail(to: Person, subject: string, lines: string[], tag: string, link?: string): OutgoingMail {
  const text = [...lines, ...(link ? ["", link] : [])].join("\n");
  const body = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n");
  const button = link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` : "";
  return {
    to: to.email,
    subject,
    text,
    tag,
    html: `<!doctype html><html lang="${to.locale}"><head><meta charset="utf-8"></head><body>${body}${button}</body></html>`,
  };
}

const greeting = (to: Person) =>
  to.locale === "et" ? (to.name ? `Tere, ${to.name}!` : "Tere!") : to.name ? `Hello ${to.name},` : "Hello,";

/** A one-line value from outside (an error code): no line breaks, bounded. */
const oneLine = (s: string, max = 200) => s.replace(/\s+/g, " ").trim().slice(0, max);

export function taskAssignedMail(
  to: Person,
  task: HumanTask,
  subjectName: string,
  link: string,
  onBehalfOf?: string,
) {
  const title = task.form.title[to.locale];
  const due = formatDate(task.dueDate, to.locale);
  const lines =
    to.locale === "et"
      ? [
          greeting(to),
          `Teile on ülesanne: ${title} (${subjectName}). Tähtaeg: ${due}.`,
          ...(onBehalfOf ? [`Täidate seda ${onBehalfOf} eest.`] : []),
          "Avage vorm alloleva lingi kaudu. Link on isiklik: ärge seda edasi saatke.",
        ]
      : [
          greeting(to),
          `You have a task: ${title} (${subjectName}). Due: ${due}.`,
          ...(onBehalfOf ? [`You act on behalf of ${onBehalfOf}.`] : []),
          "Open the form with the link below. The link is personal: do not forward it.",
        ];
  return mail(to, `${title}: ${subjectName}`, lines, `task:${task.kind}`, link);
}

export function reminderMail(to: Person, task: HumanTask, subjectName: string, link: string) {
  const title = task.form.title[to.locale];
  const due = formatDate(task.dueDate, to.locale);
  const lines =
    to.locale === "et"
      ? [
          greeting(to),
          `Meeldetuletus: ${title} (${subjectName}) tähtaeg on ${due}.`,
          "Avage vorm alloleva lingi kaudu.",
        ]
      : [
          greeting(to),
          `Reminder: ${title} (${subjectName}) is due on ${due}.`,
          "Open the form with the link below.",
        ];
  const subject = to.locale === "et" ? `Meeldetuletus: ${title}` : `Reminder: ${title}`;
  return mail(to, subject, lines, `reminder:${task.kind}`, link);
}

export function escalationMail(to: Person, task: HumanTask, subjectName: string, assigneeName: string) {
  const title = task.form.title[to.locale];
  const due = formatDate(task.dueDate, to.locale);
  const lines =
    to.locale === "et"
      ? [
          greeting(to),
          `${title} (${subjectName}) tähtaeg ${due} on möödas. Ülesanne on ${assigneeName} käes.`,
          "Palun võtke ühendust või andke ülesanne edasi personaliosakonna kaudu.",
        ]
      : [
          greeting(to),
          `${title} (${subjectName}) was due on ${due} and is still open with ${assigneeName}.`,
          "Please follow up, or ask HR to reassign it.",
        ];
  const subject = to.locale === "et" ? `Tähtaeg ületatud: ${title}` : `Overdue: ${title}`;
  return mail(to, subject, lines, `escalation:${task.kind}`);
}

/**
 * @deprecated Free-form lines in one language whatever HR reads: use probationOutcomeMail or
 * probationStoppedMail. Kept so that callers not yet moved keep working.
 */
export function hrMail(hrEmail: string, subject: string, lines: string[], tag: string, link?: string) {
  return mail({ name: "", email: hrEmail, locale: "en" }, subject, lines, tag, link);
}

export function probationMovedMail(to: Person, subjectName: string, oldEnd: string, newEnd: string) {
  const [was, now] = [formatDate(oldEnd, to.locale), formatDate(newEnd, to.locale)];
  const lines =
    to.locale === "et"
      ? [
          greeting(to),
          `${subjectName} katseaeg pikenes puudumise tõttu: viimane päev on nüüd ${now} (varem ${was}).`,
          "Katseaja hulka ei arvata aega, mil töötaja tööd tegelikult ei teinud (TLS § 86).",
        ]
      : [
          greeting(to),
          `The probation of ${subjectName} was extended for an absence: the last day is now ${now} (was ${was}).`,
          "Days the employee did not actually work do not count towards probation (TLS § 86).",
        ];
  const subject =
    to.locale === "et" ? `Katseaeg pikenes: ${subjectName}` : `Probation extended: ${subjectName}`;
  return mail(to, subject, lines, "probation:extended");
}

/** Both sides of a substitute's completion are told: the lead, and the substitute as a receipt. */
export function completedOnBehalfMail(
  to: Person,
  task: HumanTask,
  subjectName: string,
  names: { substitute: string; lead: string },
  role: "lead" | "substitute",
) {
  const title = task.form.title[to.locale];
  const et =
    role === "lead"
      ? `${names.substitute} täitis teie asendajana ülesande: ${title} (${subjectName}).`
      : `Täitsite ${names.lead} asendajana ülesande: ${title} (${subjectName}).`;
  const en =
    role === "lead"
      ? `${names.substitute} completed ${title} (${subjectName}) on your behalf.`
      : `You completed ${title} (${subjectName}) on behalf of ${names.lead}.`;
  const lines =
    to.locale === "et"
      ? [greeting(to), et, "Vastused on kirjas töötaja toimikus."]
      : [greeting(to), en, "The answers are in the employee's record."];
  const subject = to.locale === "et" ? `Asendaja täitis: ${title}` : `Done on behalf: ${title}`;
  return mail(to, subject, lines, `onbehalf:${task.kind}`);
}

export interface ProbationOutcomeInput {
  subjectName: string;
  /** lapsed: no decision by the last day, so probation has been passed by law (TLS § 86, ATS § 24). */
  outcome: "confirmed" | "ended" | "lapsed";
  /** The last day of probation. */
  endDate: string;
  /** The day of the decision (for "ended": the day notice was given). */
  decidedOn?: string;
  /** The last day of the contract or service, when it was ended. */
  contractEndsOn?: string;
  regime: "TLS" | "ATS";
  /** ATS § 24(7): what the official did with the interview summary. */
  acknowledgement?: "acknowledged" | "commented" | "not_acknowledged";
  /** Further facts, e.g. that the mid-probation conversation was not held. */
  notes?: Array<{ et: string; en: string }>;
  /** A read-only page with the probation's record (see core/record-links.ts). */
  link?: string;
}

/** How each regime names its people and the relationship that continues or ends. */
const regimeWords: Record<Regime, Record<Locale, { person: string; relation: string }>> = {
  TLS: {
    et: { person: "töötaja", relation: "tööleping" },
    en: { person: "employee", relation: "employment contract" },
  },
  ATS: {
    et: { person: "ametnik", relation: "teenistussuhe" },
    en: { person: "official", relation: "service relationship" },
  },
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** HR is told how a probation ended: passed, ended, or passed by law for want of a decision. */
export function probationOutcomeMail(to: Person, input: ProbationOutcomeInput): OutgoingMail {
  const l = to.locale;
  const d = (iso: string | undefined) => (iso ? formatDate(iso, l) : undefined);
  const name = input.subjectName;
  const { person, relation } = regimeWords[input.regime][l];
  const law = input.regime === "TLS" ? "TLS § 86" : "ATS § 24";
  const lines = [greeting(to)];
  let subject: string;
  if (l === "et") {
    switch (input.outcome) {
      case "confirmed":
        subject = `Katseaeg läbitud: ${name}`;
        lines.push(
          `${name} (${person}) on katseaja läbinud${input.decidedOn ? `; otsus tehti ${d(input.decidedOn)}` : ""}. ${capitalise(relation)} jätkub.`,
        );
        break;
      case "ended":
        subject = `Katseajal lõpetamine: ${name}`;
        lines.push(
          input.regime === "TLS"
            ? `${name} tööleping lõpetatakse katseajal${input.decidedOn ? `; etteteatamise päev ${d(input.decidedOn)}` : ""}.`
            : `${name} vabastatakse teenistusest katseaja ebarahuldavate tulemuste tõttu${input.decidedOn ? `; otsus tehti ${d(input.decidedOn)}` : ""}.`,
          input.contractEndsOn
            ? `${capitalise(relation)} lõpeb ${d(input.contractEndsOn)}.`
            : `${capitalise(relation)} lõpeb toimikus märgitud päeval.`,
          ...(input.regime === "TLS"
            ? ["Etteteatamisaeg katseajal on vähemalt 15 kalendripäeva (TLS § 96)."]
            : []),
        );
        break;
      case "lapsed":
        subject = `Katseaeg läbitud otsuseta: ${name}`;
        lines.push(
          `Katseaja viimaseks päevaks (${d(input.endDate)}) otsust ei tehtud: ${name} on katseaja seaduse järgi läbinud ja ${relation} jätkub (${law}).`,
        );
        break;
    }
    lines.push(`Katseaja viimane päev: ${d(input.endDate)}.`);
    if (input.acknowledgement === "acknowledged")
      lines.push("Ametnik kinnitas, et on katseaja vestluse kokkuvõttega tutvunud (ATS § 24 lg 7).");
    if (input.acknowledgement === "commented")
      lines.push("Ametnik lisas katseaja vestluse kokkuvõttele oma kommentaari (ATS § 24 lg 7).");
    if (input.acknowledgement === "not_acknowledged")
      lines.push(
        "Ametnik ei kommenteerinud kokkuvõtet tähtajaks; tal oli selleks võimalus ja tulemus on kirjas (ATS § 24 lg 7).",
      );
    if (input.notes?.length) lines.push("Tähelepanuks:", ...input.notes.map((n) => `– ${n.et}`));
    if (input.link)
      lines.push("Katseaja andmed on alloleval lingil (ainult lugemiseks, personaliosakonnale).");
  } else {
    switch (input.outcome) {
      case "confirmed":
        subject = `Probation passed: ${name}`;
        lines.push(
          `${name} (${person}) has passed probation${input.decidedOn ? `; decided ${d(input.decidedOn)}` : ""}. The ${relation} continues.`,
        );
        break;
      case "ended":
        subject = `Ended during probation: ${name}`;
        lines.push(
          input.regime === "TLS"
            ? `The employment contract of ${name} is ended during probation${input.decidedOn ? `; notice given ${d(input.decidedOn)}` : ""}.`
            : `${name} is released from service for unsatisfactory probation results${input.decidedOn ? `; decided ${d(input.decidedOn)}` : ""}.`,
          input.contractEndsOn
            ? `The ${relation} ends ${d(input.contractEndsOn)}.`
            : `The ${relation} ends as stated in the record.`,
          ...(input.regime === "TLS"
            ? ["Notice during probation must be at least 15 calendar days (TLS § 96)."]
            : []),
        );
        break;
      case "lapsed":
        subject = `Probation passed without a decision: ${name}`;
        lines.push(
          `No decision was made by the last day of probation (${d(input.endDate)}): ${name} has passed probation by law and the ${relation} continues (${law}).`,
        );
        break;
    }
    lines.push(`Last day of probation: ${d(input.endDate)}.`);
    if (input.acknowledgement === "acknowledged")
      lines.push("The official confirmed reading the summary of the probation interview (ATS § 24(7)).");
    if (input.acknowledgement === "commented")
      lines.push("The official added comments to the summary of the probation interview (ATS § 24(7)).");
    if (input.acknowledgement === "not_acknowledged")
      lines.push(
        "The official did not comment on the summary by its due date; they had the chance, and the outcome stands (ATS § 24(7)).",
      );
    if (input.notes?.length) lines.push("Note:", ...input.notes.map((n) => `– ${n.en}`));
    if (input.link) lines.push("The probation record is at the link below (read-only, for HR).");
  }
  return mail(to, subject, lines, "probation:outcome", input.link);
}

/** The workflow stopped and a person must finish the probation; `reason` is an error code, shown as such. */
export function probationStoppedMail(
  to: Person,
  input: { subjectName: string; reason: string; link?: string },
): OutgoingMail {
  const name = input.subjectName;
  const code = oneLine(input.reason) || "?";
  const [subject, lines] =
    to.locale === "et"
      ? [
          `Katseaja töövoog vajab sekkumist: ${name}`,
          [
            greeting(to),
            `${name} katseaja töövoog peatus ja vajab inimese sekkumist.`,
            `Veakood: ${code}`,
            "Ülesanded ja tähtajad on katseaja andmetes; viige katseaeg vajadusel lõpule käsitsi.",
            ...(input.link ? ["Katseaja andmed on alloleval lingil (ainult lugemiseks)."] : []),
          ],
        ]
      : [
          `Probation workflow needs attention: ${name}`,
          [
            greeting(to),
            `The probation workflow of ${name} has stopped and needs a person to act.`,
            `Error code: ${code}`,
            "The tasks and their due dates are in the probation record; finish the probation by hand if needed.",
            ...(input.link ? ["The probation record is at the link below (read-only)."] : []),
          ],
        ];
  return mail(to, subject, lines, "probation:stopped", input.link);
}

/** The lead proposed the development conversation's time: both get it, with the calendar file's link. */
export function reviewMeetingMail(
  to: Person,
  input: {
    otherName: string;
    date: string;
    time: string;
    place: string;
    title: Record<Locale, string>;
    changed: boolean;
  },
  icsLink: string,
): OutgoingMail {
  const et = to.locale === "et";
  const when = `${formatDate(input.date, to.locale)} ${input.time}`;
  const subject = et
    ? `${input.changed ? "Muudetud: " : ""}arenguvestlus ${when}`
    : `${input.changed ? "Changed: " : ""}development conversation ${when}`;
  const lines = [
    greeting(to),
    et
      ? `${input.title.et}: arenguvestlus (${oneLine(input.otherName)}) toimub ${when} (Tallinna aeg), koht: ${oneLine(input.place, 300)}.`
      : `${input.title.en}: the development conversation (${oneLine(input.otherName)}) is on ${when} (Tallinn time), place: ${oneLine(input.place, 300)}.`,
    et ? "Kalendrikutse (.ics) on alloleval lingil." : "The calendar invitation (.ics) is at the link below.",
  ];
  return mail(to, subject, lines, "review:meeting", icsLink);
}

/** Any workflow other than probation stopped: HR is told which process of whom, and the error code. */
export function caseStoppedMail(
  to: Person,
  input: { workflowTitle: Record<Locale, string>; subjectName: string; reason: string },
): OutgoingMail {
  const code = oneLine(input.reason) || "?";
  const title = input.workflowTitle[to.locale];
  const [subject, lines] =
    to.locale === "et"
      ? [
          `Töövoog vajab sekkumist: ${title}, ${input.subjectName}`,
          [
            greeting(to),
            `Töövoog „${title}“ (${input.subjectName}) peatus; selle avatud ülesanded tühistati.`,
            `Veakood: ${code}`,
          ],
        ]
      : [
          `Workflow needs attention: ${title}, ${input.subjectName}`,
          [
            greeting(to),
            `The workflow “${title}” of ${input.subjectName} has stopped; its open tasks were cancelled.`,
            `Error code: ${code}`,
          ],
        ];
  return mail(to, subject, lines, "case:stopped");
}

/**
 * A training participant's mail about their session: invited (moved there because of an absence,
 * at their request, or after missing an earlier one), moved away, cancelled, or waiting for a
 * seat. The calendar file is behind the link (a REQUEST, or a CANCEL once the seat is gone).
 */
export function trainingSessionMail(
  to: Person,
  input: {
    event: "invited" | "movedAway" | "cancelled" | "waiting";
    because?: "absent" | "asked" | "no_show" | "no_room" | undefined;
    title: Record<Locale, string>;
    date?: string;
    start?: string;
    end?: string;
    place?: string | undefined;
  },
  links: { ics?: string; confirm?: string },
): OutgoingMail {
  const et = to.locale === "et";
  const title = oneLine(input.title[to.locale]);
  const when = input.date ? `${formatDate(input.date, to.locale)} ${input.start}–${input.end}` : "";
  const where = input.place ? oneLine(input.place, 300) : "";
  const why: Record<string, [string, string]> = {
    absent: [
      "Teid tõsteti sellele ajale, sest olete varasemal koolituspäeval eemal.",
      "You were moved to this session because you are away on the day of an earlier one.",
    ],
    asked: ["Teid tõsteti teie soovil sellele ajale.", "You were moved to this session at your request."],
    no_show: [
      "Te ei osalenud varasemal koolitusel; pakume teile seda aega.",
      "You did not attend an earlier session; we offer you this one.",
    ],
    no_room: [
      "Vabu kohti ei ole; anname teada, kui lisandub uus koolitusaeg.",
      "There is no free seat; you will be told when a session is added.",
    ],
  };
  if (input.event === "waiting")
    why.no_show = [
      "Te ei osalenud koolitusel ja hilisemat koolitusaega veel ei ole; anname teada, kui see lisandub.",
      "You did not attend the session and there is no later one yet; you will be told when one is added.",
    ];
  const reason = input.because ? why[input.because]![et ? 0 : 1] : undefined;
  const [subject, lines]: [string, string[]] =
    input.event === "invited"
      ? [
          et ? `Koolitus: ${title}, ${when}` : `Training: ${title}, ${when}`,
          [
            et
              ? `Olete oodatud koolitusele „${title}“ ${when} (Tallinna aeg)${where ? `, koht: ${where}` : ""}.`
              : `You are invited to the training “${title}” on ${when} (Tallinn time)${where ? `, place: ${where}` : ""}.`,
            ...(reason ? [reason] : []),
            ...(links.confirm
              ? [
                  et
                    ? `Kinnitage osalemine või paluge muud aega: ${links.confirm}`
                    : `Confirm, or ask for another session: ${links.confirm}`,
                ]
              : []),
            et
              ? "Kalendrikutse (.ics) on alloleval lingil."
              : "The calendar invitation (.ics) is at the link below.",
          ],
        ]
      : input.event === "movedAway" || input.event === "cancelled"
        ? [
            et ? `Tühistatud: ${title}, ${when}` : `Cancelled: ${title}, ${when}`,
            [
              input.event === "cancelled"
                ? et
                  ? `Koolitus „${title}“ ${when} jääb ära.`
                  : `The training “${title}” on ${when} is cancelled.`
                : et
                  ? `Teie koht koolitusel „${title}“ ${when} on tühistatud; uus aeg tuleb eraldi kirjaga.`
                  : `Your seat at “${title}” on ${when} is cancelled; the new session comes in a separate mail.`,
              et
                ? "Tühistuse kalendrifail on alloleval lingil."
                : "The calendar cancellation is at the link below.",
            ],
          ]
        : [
            et ? `Koolitus: ${title}, ootenimekirjas` : `Training: ${title}, waiting list`,
            [
              et
                ? `Olete koolituse „${title}“ ootenimekirjas.`
                : `You are on the waiting list of “${title}”.`,
              ...(reason ? [reason] : []),
            ],
          ];
  return mail(to, subject, [greeting(to), ...lines], `training:${input.event}`, links.ics);
}

/**
 * Training notices beyond the invitation: a session's time or place changed (the updated calendar
 * file at the link), or a completer's follow-up training is due and they wait for its session.
 */
export function trainingNoticeMail(
  to: Person,
  input: {
    event: "updated" | "followUpDue";
    title: Record<Locale, string>;
    date?: string;
    start?: string;
    end?: string;
    place?: string | undefined;
  },
  links: { ics?: string; confirm?: string },
): OutgoingMail {
  const et = to.locale === "et";
  const title = oneLine(input.title[to.locale]);
  const when = input.date ? `${formatDate(input.date, to.locale)} ${input.start}–${input.end}` : "";
  const where = input.place ? oneLine(input.place, 300) : "";
  const [subject, lines]: [string, string[]] =
    input.event === "updated"
      ? [
          et ? `Muudetud: ${title}, ${when}` : `Changed: ${title}, ${when}`,
          [
            et
              ? `Koolituse „${title}“ aeg või koht muutus: nüüd ${when} (Tallinna aeg)${where ? `, koht: ${where}` : ""}.`
              : `The time or place of “${title}” changed: now ${when} (Tallinn time)${where ? `, place: ${where}` : ""}.`,
            ...(links.confirm
              ? [
                  et
                    ? `Kinnitage osalemine või paluge muud aega: ${links.confirm}`
                    : `Confirm, or ask for another session: ${links.confirm}`,
                ]
              : []),
            et
              ? "Uuendatud kalendrikutse (.ics) on alloleval lingil."
              : "The updated calendar invitation (.ics) is at the link below.",
          ],
        ]
      : [
          et ? `Järelkoolitus: ${title}` : `Follow-up training: ${title}`,
          [
            et
              ? `Teie järelkoolitus „${title}“ on tähtaegne. Kutse tuleb eraldi kirjaga, kui koolitusaeg on määratud.`
              : `Your follow-up training “${title}” is due. The invitation comes in a separate mail once its session is set.`,
          ],
        ];
  return mail(to, subject, [greeting(to), ...lines], `training:${input.event}`, links.ics);
}

/** HR: completers wait on a follow-up training; HR adds its session (in HR's language). */
export function trainingFollowUpsDueMail(
  to: Person,
  input: { title: Record<Locale, string>; trainingId: string; waiting: number; hasSessions: boolean },
): OutgoingMail {
  const et = to.locale === "et";
  const title = oneLine(input.title[to.locale]);
  const lines = et
    ? [
        `Järelkoolitust „${title}“ (${input.trainingId}) ootab ${input.waiting} töötajat, kes läbisid algse koolituse.`,
        input.hasSessions
          ? "Selle tulevased koolitusajad on täis: lisage ülejäänutele uus koolitusaeg."
          : "Koolitusaega veel ei ole: lisage see (POST /api/trainings/{id}/sessions); ootajad kutsutakse sinna.",
      ]
    : [
        `${input.waiting} completer(s) of the original training wait for the follow-up “${title}” (${input.trainingId}).`,
        input.hasSessions
          ? "Its upcoming sessions are full: add a session for the rest."
          : "It has no session yet: add one (POST /api/trainings/{id}/sessions); those waiting are invited to it.",
      ];
  const subject = et ? `Järelkoolitus ootab koolitusaega: ${title}` : `Follow-up training due: ${title}`;
  return mail(to, subject, [greeting(to), ...lines], "training:followUpsDue");
}

/** HR: a session's attendance list lapsed unrecorded (in HR's language). */
export function trainingNotRecordedMail(
  to: Person,
  input: { title: Record<Locale, string>; date: string; start: string },
): OutgoingMail {
  const et = to.locale === "et";
  const title = oneLine(input.title[to.locale]);
  const when = `${formatDate(input.date, to.locale)} ${input.start}`;
  const [subject, lines] = et
    ? [
        `Osalejate nimekiri esitamata: ${title}, ${when}`,
        [
          `Koolituse „${title}“ ${when} osalejate nimekirja ei esitatud tähtajaks.`,
          "Kellegi koolitusandmed ei muutunud; kui osalemine on teada, kandke see käsitsi.",
        ],
      ]
    : [
        `Training attendance not recorded: ${title}, ${when}`,
        [
          `The attendance list of “${title}” on ${when} was not recorded by its deadline.`,
          "Nobody's training record changed; record the attendance by hand if it is known.",
        ],
      ];
  return mail(to, subject, [greeting(to), ...lines], "training:notRecorded");
}

/** One line of a cycle digest: a task someone holds, or one overdue with someone else. */
export interface DigestLine {
  kind: "reminder" | "escalation";
  title: { et: string; en: string };
  subjectName: string;
  dueDate: string;
  /** The holder's own link (reminders). */
  link?: string;
  /** Who holds it (escalations). */
  holderName?: string;
}

/**
 * A person's reminders and escalations of one day in one review cycle as one mail, so a lead
 * with twelve reports gets one mail, not twelve. Escalations first: they are what needs acting on.
 */
export function cycleDigestMail(to: Person, cycleTitle: { et: string; en: string }, lines: DigestLine[]) {
  const et = to.locale === "et";
  const cycle = cycleTitle[to.locale];
  const escalations = lines.filter((l) => l.kind === "escalation");
  const reminders = lines.filter((l) => l.kind === "reminder");
  const due = (d: string) => formatDate(d, to.locale);
  const body = [
    greeting(to),
    et ? `Ülevaade: ${cycle}.` : `Summary: ${cycle}.`,
    ...(escalations.length
      ? [
          "",
          et ? "Tähtaeg on möödas:" : "Past their due date:",
          ...escalations.map((l) =>
            et
              ? `- ${l.title.et} (${l.subjectName}), tähtaeg ${due(l.dueDate)}, täitja ${l.holderName ?? "—"}`
              : `- ${l.title.en} (${l.subjectName}), due ${due(l.dueDate)}, held by ${l.holderName ?? "—"}`,
          ),
          et
            ? "Palun võtke ühendust või andke ülesanne edasi personaliosakonna kaudu."
            : "Please follow up, or ask HR to reassign it.",
        ]
      : []),
    ...(reminders.length
      ? [
          "",
          et ? "Teie ülesanded, mille tähtaeg läheneb:" : "Your tasks coming due:",
          ...reminders.flatMap((l) => [
            et
              ? `- ${l.title.et} (${l.subjectName}), tähtaeg ${due(l.dueDate)}`
              : `- ${l.title.en} (${l.subjectName}), due ${due(l.dueDate)}`,
            ...(l.link ? [`  ${l.link}`] : []),
          ]),
          et
            ? "Lingid on isiklikud: ärge neid edasi saatke."
            : "The links are personal: do not forward them.",
        ]
      : []),
  ];
  const subject = escalations.length
    ? et
      ? `Tähtaeg ületatud: ${cycle} (${escalations.length})`
      : `Overdue: ${cycle} (${escalations.length})`
    : et
      ? `Meeldetuletus: ${cycle} (${reminders.length})`
      : `Reminder: ${cycle} (${reminders.length})`;
  return digestMail(to, subject, body, escalations.length ? "digest:escalation" : "digest:reminder");
}

/** A mail whose lines may carry links: each link is made clickable in the HTML part. */
function digestMail(to: Person, subject: string, lines: string[], tag: string): OutgoingMail {
  const linkPattern = /^\s*(https?:\/\/\S+)$/;
  const html = lines
    .map((l) => {
      const link = linkPattern.exec(l)?.[1];
      return link
        ? `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`
        : `<p>${escapeHtml(l)}</p>`;
    })
    .join("\n");
  return {
    to: to.email,
    subject,
    text: lines.join("\n"),
    tag,
    html: `<!doctype html><html lang="${to.locale}"><head><meta charset="utf-8"></head><body>${html}</body></html>`,
  };
}
