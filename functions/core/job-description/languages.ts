// Language requirements written as prose ("Valdab eesti keelt vähemalt tasemel C1. Oskab
// võõrkeeli (soovitavalt inglise ja vene keelt) vähemalt tasemel B1.") turned into CEFR levels.
import { CefrLevel, type LanguageRequirement } from "../model";
import { shortened } from "./issues";

/** Estonian language names (stems, as they appear before "keel") to ISO 639-1. */
const LANGUAGE_CODES: Record<string, string> = {
  eesti: "et",
  inglise: "en",
  vene: "ru",
  soome: "fi",
  saksa: "de",
  prantsuse: "fr",
  läti: "lv",
  leedu: "lt",
  rootsi: "sv",
  ukraina: "uk",
};
const KNOWN = new RegExp(`(?<!\\p{L})(${Object.keys(LANGUAGE_CODES).join("|")})(?!\\p{L})`, "giu");
/** A language we have no code for keeps its name as written ("hispaania keelt" -> "hispaania"). */
const OTHER = /(?<!\p{L})(\p{L}+)\s+keel/giu;
/** "any foreign language", common in civil-service templates; kept as written. */
const ANY_FOREIGN = /(?<!\p{L})võõrkeel/iu;
/** Both "tasemel C1" and "C1-tasemel"/"C1 taseme" occur. */
const LEVEL = /(?<!\p{L})([A-Za-z]\d)[\s-]+tasem\p{L}*|(?<!\p{L})tasem\p{L}*(?:\s+([^\s.,;:)]+))?/giu;
const PREFERABLY = /soovita(?:ta)?valt/giu;
const LEVELS = CefrLevel.options;

export interface LanguageParse {
  languages: LanguageRequirement[];
  /** Each phrased to follow "expected". */
  problems: string[];
}

export function parseLanguageRequirements(text: string): LanguageParse {
  const languages: LanguageRequirement[] = [];
  const problems: string[] = [];
  let clauseStart = 0;
  for (const match of text.matchAll(LEVEL)) {
    const clause = text.slice(clauseStart, match.index + match[0].length);
    clauseStart = match.index + match[0].length;
    const written = match[1] ?? match[2];
    // Not CefrLevel.safeParse: a failed zod parse builds an error object, slow for thousands of them.
    const level = LEVELS.find((known) => known === written?.toUpperCase());
    if (!level) {
      problems.push(
        written
          ? `a CEFR level A1-C2 after 'tasemel', not '${shortened(written, 12)}'`
          : "a CEFR level A1-C2 after 'tasemel'",
      );
      continue;
    }
    const named = languagesIn(clause);
    if (named.length === 0)
      problems.push(`a language name (eesti, inglise, vene, ...) before 'tasemel ${written}'`);
    for (const { language, preferred } of named) languages.push({ language, level, required: !preferred });
  }
  // A language named after the last level has none of its own: a level cannot be guessed.
  for (const { language } of languagesIn(text.slice(clauseStart), false))
    problems.push(`a level like 'tasemel B1' for the language '${shortened(language)}'`);
  return { languages, problems };
}

function languagesIn(clause: string, generic = true): Array<{ language: string; preferred: boolean }> {
  const preferred = preferredAt(clause);
  const known = [...clause.matchAll(KNOWN)].map((m) => ({
    language: LANGUAGE_CODES[m[1]!.toLowerCase()]!,
    preferred: preferred(m.index),
  }));
  if (known.length > 0 || !generic) return known;
  const other = [...clause.matchAll(OTHER)].filter(
    (m) => !/^(ja|või|ning|vähemalt|ühte|mõnda|kahte)$/i.test(m[1]!),
  );
  if (other.length > 0)
    return other.map((m) => ({ language: m[1]!.toLowerCase(), preferred: preferred(m.index) }));
  const anyForeign = ANY_FOREIGN.exec(clause);
  return anyForeign ? [{ language: "võõrkeel", preferred: preferred(anyForeign.index) }] : [];
}

/**
 * Whether "soovitavalt" applies at a position: to the end of its parentheses when it stands
 * inside them ("võõrkeeli (soovitavalt inglise ja vene keelt)"), else to the end of the clause.
 * Asked for positions in increasing order, and answered in one pass over the clause however
 * many "soovitavalt"s it holds: a search per word would make a long line quadratic, and even a
 * match object per word costs more than the rest of the parse.
 */
function preferredAt(clause: string): (at: number) => boolean {
  // Two arrays of numbers rather than an array of pairs: no allocation per range.
  const starts: number[] = [];
  const ends: number[] = [];
  let depth = 0;
  let scanned = 0;
  let nextClose = 0;
  PREFERABLY.lastIndex = 0;
  while (PREFERABLY.test(clause)) {
    const after = PREFERABLY.lastIndex;
    for (; scanned < after; scanned++) {
      if (clause[scanned] === "(") depth++;
      else if (clause[scanned] === ")") depth = Math.max(0, depth - 1);
    }
    // -1 stays: no ")" after an earlier position means none after this one either.
    if (depth > 0 && nextClose !== -1 && nextClose < after) nextClose = clause.indexOf(")", after);
    const end = depth > 0 && nextClose !== -1 ? nextClose : clause.length;
    starts.push(after);
    ends.push(end);
    if (end === clause.length) break; // every later range lies inside this one
  }
  let next = 0;
  let reach = -1;
  return (at) => {
    for (; next < starts.length && starts[next]! <= at; next++) reach = Math.max(reach, ends[next]!);
    return at < reach;
  };
}
