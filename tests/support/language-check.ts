// One language per page and per mail, checked by word lists: no English word on an Estonian page
// or mail, no Estonian word (nor a letter only Estonian uses) on an English one. Proper names,
// the law's abbreviations and the values a test typed are taken out first; so is anything marked
// as another language (`lang="en"` on an Estonian page: the language switch).
//
// Words that are both Estonian and English ("on", "link", "see", "last", "must", "hall") are in
// neither list.
import { demoEmployees } from "../../functions/local/demo/org";

export const ENGLISH_WORDS = new Set(
  (
    "the is are was were be been your you task tasks due please has have had this that these with for of to " +
    "and or not by at from it its an form date dates employee employees probation decision record reason " +
    "reasons error valid required summary day days open submit thank thanks hello reminder answer answers " +
    "contract ended passed official comments comment expired cancelled completed done handed over now only " +
    "read sent send website email page again check which who when what until later allowed larger " +
    "could cannot can no yes new ask should will would by mid final interview conversation goals end"
  ).split(/\s+/),
);

export const ESTONIAN_WORDS = new Set(
  (
    "ja ei teie te teile ülesanne ülesande ülesandeid tähtaeg tähtaja palun tere kell katseaeg katseaja " +
    "töötaja töötajaga vestlus vestluse kokkuvõte kokkuvõtte otsus otsuse leping lepingu kuni või kui oli " +
    "olete saatke vastus vastused vastuse aitäh päev päeva päeval kuupäev nüüd enam seda selle mis veakood " +
    "kohustuslik väli andmed lehte lehe vormi vorm täitis täidetud tühistatud aegunud kehtib kehti " +
    "juba keegi vaja lõpetamise põhjused kommentaar olek tulemus algus viimane lõpeb jätkub ametnik " +
    "teenistussuhe tööleping personaliosakond personaliosakonnale avage lingi kaudu"
  ).split(/\s+/),
);

/** Letters Estonian has and English does not. */
const ESTONIAN_LETTERS = /[õäöüšžÕÄÖÜŠŽ]/;

const PROPER_NAMES = [
  ...demoEmployees.map((e) => e.name),
  "Mart Mets",
  "TLS",
  "ATS",
  "HR",
  "KB",
  "YYYY-MM-DD",
  "AAAA-KK-PP",
];

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&");

/** The words a reader sees on an HTML page, without what is marked as another language. */
export function visibleText(html: string, locale: "et" | "en"): string {
  const other = locale === "et" ? "en" : "et";
  let s = html.replace(/<style[\s\S]*?<\/style>/g, " ");
  // Elements marked as the other language (no nesting inside them on our pages).
  s = s.replace(new RegExp(`<(\\w+)[^>]*\\blang="${other}"[^>]*>[\\s\\S]*?<\\/\\1>`, "g"), " ");
  // Attribute values a reader sees or hears (aria-label), then the text between tags.
  const labels = [...s.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]);
  return decode(`${labels.join(" ")} ${s.replace(/<[^>]+>/g, " ")}`);
}

/**
 * Words of the other language in the text: empty when the text is all in `locale`. `values` are
 * taken out first (names, typed answers, codes); URLs and dates always are.
 */
export function foreignWords(text: string, locale: "et" | "en", values: string[] = []): string[] {
  let s = text.replace(/https?:\/\/\S+/g, " ").replace(/\/[lr]\/\S+/g, " ");
  for (const v of [...values, ...PROPER_NAMES].sort((a, b) => b.length - a.length)) s = s.split(v).join(" ");
  const words = s.match(/\p{L}+/gu) ?? [];
  const found = new Set<string>();
  for (const word of words) {
    const w = word.toLowerCase();
    if (locale === "et" && ENGLISH_WORDS.has(w)) found.add(word);
    if (locale === "en" && (ESTONIAN_WORDS.has(w) || ESTONIAN_LETTERS.test(w))) found.add(word);
  }
  return [...found];
}
