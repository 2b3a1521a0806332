// The parts of a job description and how their headings are recognised. Templates differ: the
// seed numbers "3. TEENISTUSKOHUSTUSED", others write "III TÖÖÜLESANDED", "## Põhiülesanded" or
// leave out sections they do not need. A heading is known by its words, never by its number.

/** One non-blank line of the file: 1-based number, trimmed text, and the text as written. */
export interface Line {
  no: number;
  text: string;
  raw: string;
  /** A table row's place in its table, from 1 (the header); 0 for a line that is not a row. */
  tableRow: number;
}

/** Reads the lines of one part of the file; `end` runs when the part is over. */
export interface SectionReader {
  line(line: Line): void;
  end(): void;
}

export type SectionKind =
  | "general"
  | "purpose"
  | "duties"
  | "rights"
  | "responsibilities"
  | "tools"
  | "requirements"
  | "coreCompetencies"
  | "additionalCompetencies";

/**
 * How the seed names and numbers each part, for messages, and the words that identify it in any
 * template. The product needs the general part, the duties, the requirements and competencies;
 * the rest is kept when present.
 */
export const SECTIONS: Record<SectionKind, { name: string; words: RegExp; required: boolean }> = {
  general: { name: "section 1 (ÜLDOSA)", words: /(?<!\p{L})üld/iu, required: true },
  purpose: { name: "section 2 (EESMÄRK)", words: /eesmärk/iu, required: false },
  duties: { name: "section 3 (KOHUSTUSED)", words: /ülesanded|ülesanne|kohustused/iu, required: true },
  rights: { name: "section 4 (ÕIGUSED)", words: /õigused/iu, required: false },
  responsibilities: { name: "section 5 (VASTUTUS)", words: /vastutus/iu, required: false },
  tools: { name: "section 6 (TÖÖVAHENDID)", words: /vahendid/iu, required: false },
  requirements: { name: "section 7 (NÕUDED)", words: /nõuded|nõudmised/iu, required: true },
  coreCompetencies: {
    name: "the competencies ('Tööks vajalikud kompetentsid')",
    words: /(?<!\p{L})kompetentsid(?!\p{L})/iu,
    required: true,
  },
  additionalCompetencies: {
    name: "'Täiendavad kompetentsid'",
    words: /täiendavad kompetentsid|(?<!\p{L})isikuomadused(?!\p{L})/iu,
    required: false,
  },
};
const KINDS = Object.keys(SECTIONS) as SectionKind[];

export interface Heading {
  /** Undefined for a section this parser does not read ("8. TÖÖTINGIMUSED"). */
  kind: SectionKind | undefined;
}

const MARKDOWN_HEADING = /^#{1,6}\s+/;
const NUMBER = /^(?:\d{1,2}|[IVX]{1,5})(?:[.)]\s*|\s+)/;
const MAX_TITLE_WORDS = 8;

/**
 * "3. TEENISTUSKOHUSTUSED", "III Tööülesanded", "## ÕIGUSED", "**Tööks vajalikud kompetentsid:**".
 * A title in running case needs a number or a Markdown '#' to count, except the competency
 * parts, which the seed writes that way; otherwise "Omab vastutust:" would start section 5.
 */
export function sectionHeading(line: string): Heading | undefined {
  const markdown = MARKDOWN_HEADING.exec(line);
  let rest = unwrapBold(markdown ? line.slice(markdown[0].length) : line);
  const numbered = NUMBER.exec(rest);
  if (numbered) rest = rest.slice(numbered[0].length);
  const title = unwrapBold(rest.endsWith(":") ? rest.slice(0, -1) : rest);
  if (!looksLikeTitle(title)) return undefined;

  const kind = kindOf(title);
  const capitals = title === title.toUpperCase() && title !== title.toLowerCase();
  if (kind && (numbered || markdown || capitals)) return { kind };
  if (kind === "coreCompetencies" || kind === "additionalCompetencies") return { kind };
  // An unknown section is only trusted when it looks like the template's own headings.
  if (!kind && numbered && capitals) return { kind };
  return undefined;
}

/** The kind whose words come first: "ÕIGUSED JA KOHUSTUSED" are rights, "TÖÖÜLESANDED JA VASTUTUS" duties. */
function kindOf(title: string): SectionKind | undefined {
  let best: { kind: SectionKind; at: number } | undefined;
  for (const kind of KINDS) {
    const at = SECTIONS[kind].words.exec(title)?.index;
    if (at !== undefined && (!best || at < best.at)) best = { kind, at };
  }
  return best?.kind;
}

function looksLikeTitle(title: string): boolean {
  if (title.length === 0 || title.length > 80 || !/^\p{Lu}/u.test(title) || /[.;|:*]/.test(title))
    return false;
  let words = 1;
  for (const char of title) if (char === " " && ++words > MAX_TITLE_WORDS) return false;
  return true;
}

const unwrapBold = (text: string) =>
  text.startsWith("**") && text.endsWith("**") && text.length > 4 ? text.slice(2, -2).trim() : text;
