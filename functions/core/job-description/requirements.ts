// The requirements section (7. NÕUDED in the seed): one-column tables, a header row (Haridus,
// Töökogemus, Keeleoskus, Arvutikasutamise oskus) and the requirement's text in the row under
// it. "| Haridus | text |" rows and "Haridus: text" lines are read the same way.
import type { Requirements } from "../model";
import type { Report } from "./issues";
import { parseLanguageRequirements } from "./languages";
import { bulletText, cellsOf, isTableRow, plainText, unbold } from "./markdown";
import type { Line, SectionReader } from "./sections";

type TextField = "education" | "experience" | "languageText" | "itSkills";

const HEADERS: Array<[RegExp, TextField]> = [
  [/^haridus(nõuded)?$/iu, "education"],
  [/^(töö)?kogemus(ed)?$/iu, "experience"],
  [/^(keeleoskus|keelteoskus|keeled)$/iu, "languageText"],
  [/^(arvutikasutamise oskus|arvutioskus(ed)?|it-oskus(ed)?|digioskus(ed)?)$/iu, "itSkills"],
];
const HEADER_LIST = "Haridus, Töökogemus, Keeleoskus, Arvutikasutamise oskus";
const MAX_HEADER_WORDS = 4;

const headerOf = (cell: string | undefined): TextField | undefined => {
  const text = unbold(cell ?? "").replace(/:$/, "");
  return text.length > 40 ? undefined : HEADERS.find(([words]) => words.test(text))?.[1];
};

/** A requirement this parser has no field for ("Teadmised", "Muud nõuded"): a few words, not a sentence. */
const looksLikeHeader = (cell: string) =>
  cell.length <= 40 &&
  !/[.;]$/.test(cell) &&
  cell.split(" ", MAX_HEADER_WORDS + 1).length <= MAX_HEADER_WORDS;

export interface RequirementTables extends SectionReader {
  requirements: Requirements;
  /** The line of each text, for pointing at it later. */
  lines: Partial<Record<TextField | "languages", number>>;
}

export function requirementTablesReader(report: Report): RequirementTables {
  const requirements: Requirements = { languages: [] };
  const lines: RequirementTables["lines"] = {};
  /**
   * The header whose text the next rows or lines hold; `field` is absent for a requirement this
   * parser does not keep. Its text may run over several rows, so it is stored when the next header comes.
   */
  let open:
    | { no: number; header: string; field?: TextField; texts: string[]; textLine?: number; inTable: boolean }
    | undefined;

  const close = () => {
    const header = open;
    open = undefined;
    if (!header?.field) return;
    if (header.texts.length === 0) {
      report(header.no, `the text of '${header.header}' in the row under it`);
      return;
    }
    const text = header.texts.join(" ");
    const no = header.textLine ?? header.no;
    requirements[header.field] = text;
    lines[header.field] = no;
    if (header.field !== "languageText") return;
    const parsed = parseLanguageRequirements(text);
    requirements.languages = parsed.languages;
    lines.languages = no;
    for (const problem of parsed.problems) report(no, problem);
  };

  const start = (
    no: number,
    header: string,
    field: TextField | undefined,
    inTable: boolean,
    text?: string,
  ) => {
    close();
    if (field && lines[field] !== undefined) {
      report(no, `'${header}' only once in the requirements`);
      field = undefined;
    }
    open = { no, header, field, texts: [], inTable };
    if (text) add(no, text);
  };

  const add = (no: number, text: string) => {
    open!.texts.push(text);
    open!.textLine ??= no;
  };

  /** "Haridus: Kõrgharidus." in a line or a cell of its own. */
  const labelled = (text: string) => {
    const colon = text.indexOf(":");
    if (colon === -1) return undefined;
    const header = unbold(text.slice(0, colon));
    const field = headerOf(header);
    return field ? { field, header, text: plainText(text.slice(colon + 1)) } : undefined;
  };

  const readRow = (no: number, text: string, tableRow: number) => {
    // A requirement's text may run over rows of its table, never into the next table.
    if (tableRow === 1 || !open?.inTable) close();
    const cells = cellsOf(text).map(plainText);
    const field = headerOf(cells[0]);
    const inCell = cells.length === 1 ? labelled(cells[0]!) : undefined;
    const value = cells.filter(Boolean).join(" ");
    if (field && cells.length <= 2) start(no, unbold(cells[0]!), field, true, cells[1]);
    else if (inCell) start(no, inCell.header, inCell.field, true, inCell.text);
    else if (!value) return;
    else if (open) add(no, value);
    else if (cells.length === 1 && looksLikeHeader(value)) start(no, value, undefined, true);
    else report(no, `a requirement header (${HEADER_LIST}) above this text`);
  };

  /** "Haridus: kõrgharidus", or the lines under a "Haridus:" line. */
  const readLine = (no: number, text: string) => {
    if (open?.inTable) close();
    const item = bulletText(text) ?? text;
    const entry = labelled(item);
    if (entry) start(no, entry.header, entry.field, false, entry.text);
    else if (open) add(no, plainText(item));
    else if (!text.endsWith(":"))
      report(
        no,
        "a requirements table row or a line like 'Haridus: kõrgharidus', or a section heading above this line",
      );
  };

  return {
    requirements,
    lines,
    line({ no, text, tableRow }: Line) {
      if (isTableRow(text)) readRow(no, text, tableRow);
      else readLine(no, text);
    },
    end: close,
  };
}
