// Job descriptions (ametijuhend) in Markdown, as word processors export the public-sector
// template our seed uses: a general part, duties with expected results, requirements and
// competencies, and optional parts around them. Strict where the product depends on the
// content: a malformed file gets each problem reported once, with its line, and no result.
import { JobDescription } from "../model";
import { additionalCompetencyReader, coreCompetencyReader } from "./competencies";
import { dutyTableReader } from "./duties";
import { FIELD_LABELS, generalPartReader } from "./general-part";
import { formatParseIssues, IssueLog, type ParseIssue, type Report } from "./issues";
import { isSeparatorRow, isTableRow } from "./markdown";
import { positionTitles } from "./position-titles";
import { requirementTablesReader } from "./requirements";
import { type Line, SECTIONS, type SectionKind, type SectionReader, sectionHeading } from "./sections";
import { encodingProblem, linesOf } from "./text-file";
import { listReader, paragraphReader } from "./text-sections";

export type { ParseIssue };
export { formatParseIssues };

/** Positions the general part names by title, for linking to positions; empty when it names nobody. */
export interface PositionTitles {
  /** 1.3 Vahetu juht */
  manager: string[];
  /** 1.4 Kes asendab, in order of preference */
  substitutedBy: string[];
  /** 1.5 Keda asendab, as written (the partitive: "juhti") */
  substitutes: string[];
  /** 1.6 Vahetud alluvad */
  directReports: string[];
}

export type ParseResult =
  | { ok: true; value: JobDescription; titles: PositionTitles }
  | {
      ok: false;
      /** The first problems in file order, at most MAX_REPORTED_ISSUES. */
      errors: ParseIssue[];
      /** How many more there are. */
      omitted: number;
    };

/** Lines after which nothing belongs to the current section: the signature block. */
const SIGNATURE = /^\(?\s*allkirjastatud|^(ametijuhendiga\s+)?tutvu(nud|sin)\b/i;

export function parseJobDescriptionMarkdown(text: string): ParseResult {
  const lines = linesOf(text);
  const log = new IssueLog(lines);
  const encoding = encodingProblem(text);
  if (encoding) {
    // Every later line would be wrong too, and for the same reason.
    log.only(
      encoding.line,
      "UTF-8 text; the file is not UTF-8: save it as UTF-8 and import it again",
      encoding.found,
    );
    return { ok: false, ...log.result() };
  }

  const sections = readSections(lines, log.at);
  checkCompleteness(sections, log);
  if (log.count > 0) return { ok: false, ...log.result() };

  const { general, duties, requirements, ...readers } = sections.readers;
  const parsed = JobDescription.safeParse({
    ...general.values,
    purpose: readers.purpose.text(),
    duties: duties.duties,
    rights: readers.rights.items(),
    responsibilities: readers.responsibilities.items(),
    tools: readers.tools.text(),
    requirements: requirements.requirements,
    competencies: [...readers.coreCompetencies.competencies, ...readers.additionalCompetencies.competencies],
  });
  if (!parsed.success) {
    // The readers check what the model requires; this is a net for a rule added to one and not the other.
    for (const issue of parsed.error.issues) {
      const where = issue.path[0] === "duties" ? duties.lines[Number(issue.path[1])] : undefined;
      const message = `${issue.path.join(".")}: ${issue.message}`;
      if (where) log.at(where, message);
      else log.atEnd(message);
    }
    return { ok: false, ...log.result() };
  }
  const { values } = general;
  return {
    ok: true,
    value: parsed.data,
    titles: {
      manager: positionTitles(values.managerTitle),
      substitutedBy: positionTitles(values.substitutedBy),
      substitutes: positionTitles(values.substitutes),
      directReports: positionTitles(values.directReports),
    },
  };
}

function createReaders(report: Report) {
  return {
    general: generalPartReader(report),
    purpose: paragraphReader(),
    duties: dutyTableReader(report),
    rights: listReader(),
    responsibilities: listReader(),
    tools: paragraphReader(),
    requirements: requirementTablesReader(report),
    coreCompetencies: coreCompetencyReader(report),
    additionalCompetencies: additionalCompetencyReader(report),
  } satisfies Record<SectionKind, SectionReader>;
}

type Readers = ReturnType<typeof createReaders>;

interface Sections {
  readers: Readers;
  /** The line of each section's heading; the general part may start at its first row instead. */
  started: Map<SectionKind, number>;
  /** Headings of sections the template does not have, in file order. */
  unknownHeadings: number[];
  /** Problems found while reading each section. */
  problems: Map<SectionKind, number>;
}

/** Hands every line to the reader of the section it is in. */
function readSections(lines: readonly string[], report: Report): Sections {
  let current: SectionKind | undefined;
  const problems = new Map<SectionKind, number>();
  const readers = createReaders((line, expected) => {
    if (current) problems.set(current, (problems.get(current) ?? 0) + 1);
    report(line, expected);
  });
  const started = new Map<SectionKind, number>();
  const unknownHeadings: number[] = [];
  /** Table rows before the first heading: a general part whose "1. ÜLDOSA" heading was left out. */
  const preambleRows: Line[] = [];
  let reading = false;
  /** Position of the row in its table: only the second row can be the "|---|" line under the header. */
  let rowInTable = 0;

  const finish = () => {
    if (current && reading) readers[current].end();
    reading = false;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const text = raw.trim();
    rowInTable = isTableRow(text) ? rowInTable + 1 : 0;
    if (!text) continue;
    const no = i + 1;
    // "| - |" further down is a value meaning "nobody", not a separator.
    if (rowInTable <= 2 && isSeparatorRow(text)) continue;

    if (!isTableRow(text)) {
      const heading = sectionHeading(text);
      if (heading) {
        finish();
        current = heading.kind;
        if (!heading.kind) unknownHeadings.push(no);
        else if (started.has(heading.kind))
          report(
            no,
            `${SECTIONS[heading.kind].name} only once; it starts already on line ${started.get(heading.kind)}`,
          );
        else {
          started.set(heading.kind, no);
          reading = true;
        }
        continue;
      }
      if (SIGNATURE.test(text)) {
        finish();
        continue;
      }
    }

    let row = text;
    if (isTableRow(text) && !text.endsWith("|")) {
      const joined = brokenRow(lines, i);
      if (joined) {
        report(no, `a table row on one line; this one goes on until line ${joined.lastLine}`);
        row = joined.text;
        i = joined.lastLine - 1;
      } else {
        report(no, "a table row that ends with '|'");
        row = `${text} |`;
      }
    }

    const line = { no, text: row, raw, tableRow: rowInTable };
    if (reading && current) readers[current].line(line);
    else if (started.size === 0 && unknownHeadings.length === 0 && isTableRow(row)) preambleRows.push(line);
  }
  finish();

  if (!started.has("general") && preambleRows.length > 0) {
    current = "general";
    started.set("general", preambleRows[0]!.no);
    for (const line of preambleRows) readers.general.line(line);
    readers.general.end();
  }
  return { readers, started, unknownHeadings, problems };
}

/**
 * A row cut in two by a line break inside a cell ("| 3.4 text" / "more text | results |"): the
 * lines up to the one that ends with "|", joined. Undefined when no such line follows.
 */
function brokenRow(lines: readonly string[], from: number): { text: string; lastLine: number } | undefined {
  const parts = [lines[from]!.trim()];
  for (let j = from + 1; j < lines.length; j++) {
    const next = lines[j]!.trim();
    if (!next || isTableRow(next) || sectionHeading(next)) return undefined;
    parts.push(next);
    if (next.endsWith("|")) return { text: parts.join(" "), lastLine: j + 1 };
  }
  return undefined;
}

/** The sections and fields the product needs, each missing one reported once. */
function checkCompleteness({ started, unknownHeadings, problems, readers }: Sections, log: IssueLog) {
  const { general, duties, requirements } = readers;
  const missing = (Object.keys(SECTIONS) as SectionKind[]).filter(
    (kind) =>
      SECTIONS[kind].required &&
      !started.has(kind) &&
      !(kind === "coreCompetencies" && started.has("additionalCompetencies")),
  );
  if (started.size === 0 && unknownHeadings.length === 0) {
    log.at(
      1,
      "a job description: no section of one was found, such as '1. ÜLDOSA' or '3. TEENISTUSKOHUSTUSED'",
    );
    return;
  }
  for (const kind of missing) {
    // A heading the parser does not know is most likely this section's, misspelt.
    const unknown = unknownHeadings[0];
    if (unknown) log.at(unknown, `${SECTIONS[kind].name}; this heading is not one of the template's`);
    else log.atEnd(SECTIONS[kind].name);
  }

  const quiet = (kind: SectionKind) => started.has(kind) && !problems.get(kind);
  // A malformed label row already names the field it hides.
  if (started.has("general") && !general.hadLabelProblems()) {
    for (const field of ["positionTitle", "unitName"] as const)
      if (!general.given.has(field)) log.at(started.get("general")!, `${FIELD_LABELS[field]} with a value`);
  }
  if (quiet("duties") && duties.duties.length === 0)
    log.at(started.get("duties")!, "at least one duty, like 3.1");
  const { requirements: found } = requirements;
  if (
    quiet("requirements") &&
    !found.education &&
    !found.experience &&
    !found.languageText &&
    !found.itSkills
  )
    log.at(started.get("requirements")!, "at least one requirement, such as Haridus or Keeleoskus");
  const competencies =
    readers.coreCompetencies.competencies.length + readers.additionalCompetencies.competencies.length;
  const competencyPart = started.has("coreCompetencies") ? "coreCompetencies" : "additionalCompetencies";
  if (quiet(competencyPart) && competencies === 0)
    log.at(started.get(competencyPart)!, "at least one competency");
}
