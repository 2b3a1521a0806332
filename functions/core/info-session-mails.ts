// The mails of info sessions, each in its reader's language (et or en): the invitation (every
// session of a series with its calendar file), the cancellation (with the cancel calendar
// files), and the summary to the unit's staff and the department's other leads. Plain text is the
// source; the HTML part is the same text, every value escaped, links made clickable.
import { formatDate, type Locale } from "./i18n";
import { escapeHtml, type MailRecipient } from "./mails";
import type { OutgoingMail } from "./ports";

/** A one-line value from outside (a title, a place): no line breaks, bounded. */
const oneLine = (s: string, max = 200) => s.replace(/\s+/g, " ").trim().slice(0, max);

const linkify = (line: string) =>
  escapeHtml(line).replace(/https?:\/\/[^\s<&]+/g, (url) => `<a href="${url}">${url}</a>`);

function mail(to: MailRecipient, subject: string, lines: string[], tag: string): OutgoingMail {
  return {
    to: to.email,
    subject,
    text: lines.join("\n"),
    tag,
    html: `<!doctype html><html lang="${to.locale}"><head><meta charset="utf-8"></head><body>${lines
      .map((l) => `<p>${linkify(l)}</p>`)
      .join("\n")}</body></html>`,
  };
}

const greeting = (to: MailRecipient) =>
  to.locale === "et" ? (to.name ? `Tere, ${to.name}!` : "Tere!") : to.name ? `Hello ${to.name},` : "Hello,";

export interface SessionLine {
  date: string;
  start: string;
  end: string;
  /** The reader's own calendar file of this session. */
  icsUrl: string;
}

const when = (s: Pick<SessionLine, "date" | "start" | "end">, locale: Locale) =>
  `${formatDate(s.date, locale)} ${s.start}–${s.end}`;

/** The invitation: every session (of a series, or the one) with its calendar file, holidays named. */
export function infoSessionInvitationMail(
  to: MailRecipient,
  input: {
    title: Record<Locale, string>;
    leadName: string;
    place?: string | undefined;
    sessions: SessionLine[];
    skippedHolidays: string[];
  },
): OutgoingMail {
  const et = to.locale === "et";
  const title = oneLine(input.title[to.locale]);
  const where = input.place ? oneLine(input.place, 300) : "";
  const first = input.sessions[0]!;
  const lines = [
    greeting(to),
    input.sessions.length === 1
      ? et
        ? `${oneLine(input.leadName)} kutsub teid infotundi „${title}“ ${when(first, "et")} (Tallinna aeg)${where ? `, koht: ${where}` : ""}.`
        : `${oneLine(input.leadName)} invites you to the info session “${title}” on ${when(first, "en")} (Tallinn time)${where ? `, place: ${where}` : ""}.`
      : et
        ? `${oneLine(input.leadName)} kutsub teid infotundide sarja „${title}“ (${input.sessions.length} korda, Tallinna aeg)${where ? `, koht: ${where}` : ""}.`
        : `${oneLine(input.leadName)} invites you to the info session series “${title}” (${input.sessions.length} sessions, Tallinn time)${where ? `, place: ${where}` : ""}.`,
    ...(input.skippedHolidays.length > 0
      ? [
          et
            ? `Riigipühadel infotundi ei toimu: ${input.skippedHolidays.map((d) => formatDate(d, "et")).join(", ")}.`
            : `No session on public holidays: ${input.skippedHolidays.map((d) => formatDate(d, "en")).join(", ")}.`,
        ]
      : []),
    et ? "Kalendrikutsed (.ics):" : "Calendar invitations (.ics):",
    ...input.sessions.map((s) => `${when(s, to.locale)}: ${s.icsUrl}`),
  ];
  return mail(
    to,
    input.sessions.length === 1
      ? et
        ? `Infotund: ${title}, ${when(first, "et")}`
        : `Info session: ${title}, ${when(first, "en")}`
      : et
        ? `Infotundide sari: ${title}`
        : `Info session series: ${title}`,
    lines,
    "infoSession:invited",
  );
}

/** Sessions called off: each with its cancellation calendar file. */
export function infoSessionCancelledMail(
  to: MailRecipient,
  input: { title: Record<Locale, string>; sessions: SessionLine[] },
): OutgoingMail {
  const et = to.locale === "et";
  const title = oneLine(input.title[to.locale]);
  const first = input.sessions[0]!;
  return mail(
    to,
    input.sessions.length === 1
      ? et
        ? `Tühistatud: ${title}, ${when(first, "et")}`
        : `Cancelled: ${title}, ${when(first, "en")}`
      : et
        ? `Tühistatud: ${title} (${input.sessions.length} infotundi)`
        : `Cancelled: ${title} (${input.sessions.length} sessions)`,
    [
      greeting(to),
      et ? `Need infotunnid „${title}“ jäävad ära:` : `These sessions of “${title}” are cancelled:`,
      ...input.sessions.map((s) => `${when(s, to.locale)}: ${s.icsUrl}`),
      et ? "Lingid on tühistuse kalendrifailid (.ics)." : "The links are the calendar cancellations (.ics).",
    ],
    "infoSession:cancelled",
  );
}

/** The summary, to a member of the unit's staff or another lead of the department. */
export function infoSessionSummaryMail(
  to: MailRecipient,
  input: {
    title: Record<Locale, string>;
    date: string;
    authorName: string;
    as: "staff" | "department_lead";
    decisions?: string | undefined;
    guidance?: string | undefined;
    news?: string | undefined;
    links: string[];
    archiveUrl: string;
  },
): OutgoingMail {
  const et = to.locale === "et";
  const title = oneLine(input.title[to.locale]);
  const date = formatDate(input.date, to.locale);
  const part = (heading: [string, string], text: string | undefined) =>
    text?.trim() ? [`${et ? heading[0] : heading[1]}:`, text.trim()] : [];
  return mail(
    to,
    et ? `Infotunni kokkuvõte: ${title}, ${date}` : `Info session summary: ${title}, ${date}`,
    [
      greeting(to),
      input.as === "staff"
        ? et
          ? `Infotunni „${title}“ (${date}) kokkuvõte, koostaja ${oneLine(input.authorName)}.`
          : `The summary of the info session “${title}” (${date}), by ${oneLine(input.authorName)}.`
        : et
          ? `Osakonna teise üksuse infotunni „${title}“ (${date}) kokkuvõte, koostaja ${oneLine(input.authorName)}.`
          : `The summary of another unit's info session in your department, “${title}” (${date}), by ${oneLine(input.authorName)}.`,
      ...part(["Töökorralduse otsused", "Decisions about work organisation"], input.decisions),
      ...part(["Juhendmaterjalid", "Guidance material"], input.guidance),
      ...part(["Uudised", "News"], input.news),
      ...(input.links.length > 0 ? [et ? "Manused:" : "Attachments:", ...input.links] : []),
      et ? `Kõik kokkuvõtted (API): ${input.archiveUrl}` : `All summaries (API): ${input.archiveUrl}`,
    ],
    "infoSession:summary",
  );
}
