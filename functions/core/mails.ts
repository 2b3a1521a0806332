// The mails the system sends, in the recipient's language. Plain text is the source; the HTML
// part is the same text with the link made clickable, escaped.
import { formFor } from "./forms";
import type { HumanTask, Locale } from "./model";
import type { OutgoingMail } from "./ports";

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function mail(to: string, subject: string, lines: string[], tag: string, link?: string): OutgoingMail {
  const text = [...lines, ...(link ? ["", link] : [])].join("\n");
  const body = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n");
  const button = link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` : "";
  return { to, subject, text, tag, html: `<!doctype html><html><body>${body}${button}</body></html>` };
}

const formatDate = (iso: string, locale: Locale) => {
  const [y, m, d] = iso.split("-");
  return locale === "et" ? `${d}.${m}.${y}` : iso;
};

interface Person {
  name: string;
  email: string;
  locale: Locale;
}

export function taskAssignedMail(
  to: Person,
  task: HumanTask,
  subjectName: string,
  link: string,
  onBehalfOf?: string,
) {
  const title = formFor(task.kind).title[to.locale];
  const due = formatDate(task.dueDate, to.locale);
  const lines =
    to.locale === "et"
      ? [
          `Tere, ${to.name}!`,
          `Teile on ülesanne: ${title} (${subjectName}). Tähtaeg: ${due}.`,
          ...(onBehalfOf ? [`Täidate seda ${onBehalfOf} eest.`] : []),
          "Avage vorm alloleva lingi kaudu. Link on isiklik: ärge seda edasi saatke.",
        ]
      : [
          `Hello ${to.name},`,
          `You have a task: ${title} (${subjectName}). Due: ${due}.`,
          ...(onBehalfOf ? [`You act on behalf of ${onBehalfOf}.`] : []),
          "Open the form with the link below. The link is personal: do not forward it.",
        ];
  return mail(to.email, `${title}: ${subjectName}`, lines, `task:${task.kind}`, link);
}

export function reminderMail(to: Person, task: HumanTask, subjectName: string, link: string) {
  const title = formFor(task.kind).title[to.locale];
  const due = formatDate(task.dueDate, to.locale);
  const lines =
    to.locale === "et"
      ? [`Tere, ${to.name}!`, `Meeldetuletus: ${title} (${subjectName}) tähtaeg on ${due}.`]
      : [`Hello ${to.name},`, `Reminder: ${title} (${subjectName}) is due on ${due}.`];
  const subject = to.locale === "et" ? `Meeldetuletus: ${title}` : `Reminder: ${title}`;
  return mail(to.email, subject, lines, `reminder:${task.kind}`, link);
}

export function escalationMail(to: Person, task: HumanTask, subjectName: string, assigneeName: string) {
  const title = formFor(task.kind).title[to.locale];
  const due = formatDate(task.dueDate, to.locale);
  const lines =
    to.locale === "et"
      ? [
          `Tere, ${to.name}!`,
          `${title} (${subjectName}) tähtaeg ${due} on möödas. Ülesanne on ${assigneeName} käes.`,
          "Palun võtke ühendust või andke ülesanne edasi personaliosakonna kaudu.",
        ]
      : [
          `Hello ${to.name},`,
          `${title} (${subjectName}) was due on ${due} and is still open with ${assigneeName}.`,
          "Please follow up, or ask HR to reassign it.",
        ];
  const subject = to.locale === "et" ? `Tähtaeg ületatud: ${title}` : `Overdue: ${title}`;
  return mail(to.email, subject, lines, `escalation:${task.kind}`);
}

export function hrMail(hrEmail: string, subject: string, lines: string[], tag: string, link?: string) {
  return mail(hrEmail, subject, lines, tag, link);
}

export function probationMovedMail(to: Person, subjectName: string, oldEnd: string, newEnd: string) {
  const lines =
    to.locale === "et"
      ? [
          `Tere, ${to.name}!`,
          `${subjectName} katseaeg pikenes puudumise tõttu: viimane päev on nüüd ${formatDate(newEnd, "et")} (varem ${formatDate(oldEnd, "et")}).`,
          "Katseaja hulka ei arvata aega, mil töötaja tööd tegelikult ei teinud (TLS § 86).",
        ]
      : [
          `Hello ${to.name},`,
          `The probation of ${subjectName} was extended for an absence: the last day is now ${newEnd} (was ${oldEnd}).`,
          "Days the employee did not actually work do not count towards probation (TLS § 86).",
        ];
  const subject =
    to.locale === "et" ? `Katseaeg pikenes: ${subjectName}` : `Probation extended: ${subjectName}`;
  return mail(to.email, subject, lines, "probation:extended");
}

/** Both sides of a substitute's completion are told: the lead, and the substitute as a receipt. */
export function completedOnBehalfMail(
  to: Person,
  task: HumanTask,
  subjectName: string,
  names: { substitute: string; lead: string },
  role: "lead" | "substitute",
) {
  const title = formFor(task.kind).title[to.locale];
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
      ? [`Tere, ${to.name}!`, et, "Vastused on kirjas töötaja toimikus."]
      : [`Hello ${to.name},`, en, "The answers are in the employee's record."];
  const subject = to.locale === "et" ? `Asendaja täitis: ${title}` : `Done on behalf: ${title}`;
  return mail(to.email, subject, lines, `onbehalf:${task.kind}`);
}
