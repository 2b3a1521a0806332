// The reader's language and how dates and times read in it. A page or a mail is in one language:
// Estonian (et) or English (en). Dates read as 25.11.2026 (et) and 25 November 2026 (en); times
// are Tallinn's wall clock (Europe/Tallinn), never UTC.
import type { Locale } from "./model";

export type { Locale } from "./model";

export const LOCALES: readonly Locale[] = ["et", "en"];

export const isLocale = (value: unknown): value is Locale => value === "et" || value === "en";

/**
 * The first of our languages the browser asks for, by q-value (RFC 9110 § 12.5.4): `en-GB,en;q=0.9,
 * et;q=0.8` → en. A range with q=0 is refused; `*` names no language of its own. Undefined when
 * the header names neither et nor en.
 */
export function negotiateLocale(acceptLanguage: string | undefined): Locale | undefined {
  if (!acceptLanguage) return undefined;
  let best: { locale: Locale; q: number } | undefined;
  for (const part of acceptLanguage.slice(0, 1000).split(",")) {
    const [range, ...params] = part.trim().split(";");
    const primary = (range ?? "").trim().toLowerCase().split("-")[0];
    if (!isLocale(primary)) continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split("=").map((s) => s.trim());
      if (name?.toLowerCase() === "q")
        q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value ?? "") ? Number(value) : 0;
    }
    // Stable: of equal q-values the first listed wins.
    if (q > 0 && (!best || q > best.q)) best = { locale: primary, q };
  }
  return best?.locale;
}

/**
 * The page's language: `?lang=` if given, else the reader's stored preference, else what the
 * browser asks for (Accept-Language), else Estonian.
 */
export function pickLocale(choice: {
  requested?: string | undefined;
  stored?: Locale | undefined;
  acceptLanguage?: string | undefined;
}): Locale {
  if (isLocale(choice.requested)) return choice.requested;
  if (choice.stored) return choice.stored;
  return negotiateLocale(choice.acceptLanguage) ?? "et";
}

const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** A calendar date (YYYY-MM-DD) as its reader writes it; anything else is returned as given. */
export function formatDate(iso: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const month = MONTHS_EN[Number(m) - 1];
  if (!month) return iso;
  return locale === "et" ? `${d}.${m}.${y}` : `${Number(d)} ${month} ${y}`;
}

const tallinnParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Tallinn",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** An instant on Tallinn's wall clock: "02.03.2026 kell 10:00" (et), "2 March 2026 at 10:00" (en). */
export function formatDateTime(instant: string | Date, locale: Locale): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return typeof instant === "string" ? instant : "";
  const part = Object.fromEntries(tallinnParts.formatToParts(date).map((p) => [p.type, p.value]));
  const day = formatDate(`${part.year}-${part.month}-${part.day}`, locale);
  const time = `${part.hour}:${part.minute}`;
  return locale === "et" ? `${day} kell ${time}` : `${day} at ${time}`;
}

/** A whole number with the reader's digit grouping: 10 000 (et, a no-break space), 10,000 (en). */
export const formatCount = (n: number, locale: Locale): string =>
  String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, locale === "et" ? "\u00a0" : ",");

const CONJUNCTIONS = { and: { et: "ja", en: "and" }, or: { et: "või", en: "or" } } as const;

/** A list with the reader's last conjunction: "a, b ja c" / "a, b or c". */
export function formatList(items: string[], locale: Locale, conjunction: "and" | "or" = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${CONJUNCTIONS[conjunction][locale]} ${items.at(-1)}`;
}

/** Quotation marks as each language uses them: „Otsus“ (et), “Decision” (en). */
export const quote = (text: string, locale: Locale) => (locale === "et" ? `„${text}“` : `“${text}”`);
