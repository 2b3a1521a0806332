// Section 1 (ÜLDOSA): the position, its unit and the positions around it. The seed writes tables
// whose label row holds "1.1 Ametnimetus"-style cells and whose next row holds the values,
// column by column; other templates put "| 1.1 Ametnimetus | Jurist |" pairs in one row, or
// write "1.1 Ametnimetus: Jurist" lines.
import type { JobDescription } from "../model";
import type { Report } from "./issues";
import { bulletText, cellsOf, isTableRow, plainText, unbold } from "./markdown";
import { meansNone } from "./position-titles";
import type { Line, SectionReader } from "./sections";

export type GeneralField =
  | "positionTitle"
  | "unitName"
  | "managerTitle"
  | "substitutedBy"
  | "substitutes"
  | "directReports";

interface FieldInfo {
  field: GeneralField;
  label: string;
  /** Templates number the fields differently; the words of the label decide when they are known. */
  words: RegExp;
  /** Whether "Puuduvad", "—" or an empty cell is an answer (nobody) rather than a gap. */
  mayBeNone: boolean;
}

/** Most specific words first: "Struktuuriüksuse nimetus" is the unit, "Keda asendab" not "Kes asendab". */
const FIELDS: readonly FieldInfo[] = [
  { field: "substitutes", label: "1.5 Keda asendab", words: /keda asendab/iu, mayBeNone: true },
  { field: "substitutedBy", label: "1.4 Kes asendab", words: /kes asendab|asendaja/iu, mayBeNone: true },
  { field: "directReports", label: "1.6 Vahetud alluvad", words: /alluv/iu, mayBeNone: true },
  { field: "managerTitle", label: "1.3 Vahetu juht", words: /vahetu juht|allub/iu, mayBeNone: true },
  { field: "unitName", label: "1.2 Struktuuriüksus", words: /üksus|osakond/iu, mayBeNone: false },
  {
    field: "positionTitle",
    label: "1.1 Ametnimetus",
    words: /nimetus|ametikoht|teenistuskoht/iu,
    mayBeNone: false,
  },
];
const BY_CODE: Record<string, FieldInfo> = Object.fromEntries(
  FIELDS.map((info) => [info.label.slice(0, 3), info]),
);
export const FIELD_LABELS = Object.fromEntries(FIELDS.map((info) => [info.field, info.label])) as Record<
  GeneralField,
  string
>;

const CODE = /^(1\.\d{1,2})\.?(?:\s|$)/;
const LABEL_LINE = /^(1\.\d{1,2}\.?\s[^:]*):(.*)$/;

/** The field a label cell names; undefined with `known: false` for a label this parser does not read. */
function fieldOfLabel(label: string): { code: string; info?: FieldInfo } | undefined {
  const code = CODE.exec(label)?.[1];
  if (!code) return undefined;
  const words = label.slice(code.length);
  return { code, info: FIELDS.find((info) => info.words.test(words)) ?? BY_CODE[code] };
}

export interface GeneralPart extends SectionReader {
  /** Fields whose value names nobody are absent here and present in `given`. */
  values: Partial<Pick<JobDescription, GeneralField>>;
  given: Set<GeneralField>;
  /** Where each value was read, for pointing at it later. */
  lines: Partial<Record<GeneralField, number>>;
  /** Whether a label row was malformed, which makes a missing field an echo of that problem. */
  hadLabelProblems(): boolean;
}

export function generalPartReader(report: Report): GeneralPart {
  const values: GeneralPart["values"] = {};
  const given = new Set<GeneralField>();
  const lines: GeneralPart["lines"] = {};
  /**
   * Labels waiting for their row of values; undefined columns hold no field. `pairs` keeps a row
   * that may also be read as label/value pairs with empty values ("| 1.6 Vahetud alluvad | |"),
   * which only the row after it can tell.
   */
  let labelRow:
    | { no: number; fields: Array<FieldInfo | undefined>; unplaced: boolean; pairs?: string[] }
    | undefined;
  let labelProblems = false;

  const store = (no: number, info: FieldInfo, value: string) => {
    if (given.has(info.field)) {
      report(no, `${info.label} only once`);
      return;
    }
    given.add(info.field);
    lines[info.field] = no;
    if (!meansNone(value)) values[info.field] = value;
    else if (!info.mayBeNone) report(no, `a value for ${info.label} under its label`);
  };

  const readLabels = (no: number, cells: string[]) => {
    const inRow = new Set<GeneralField>();
    const fields = cells.map((cell) => {
      if (!cell) return undefined;
      const label = fieldOfLabel(cell);
      if (!label) {
        report(no, "a label with its number, like '1.1 Ametnimetus'");
        labelProblems = true;
        return undefined;
      }
      if (label.info && (given.has(label.info.field) || inRow.has(label.info.field))) {
        report(no, `${label.info.label} only once`);
        return undefined;
      }
      if (label.info) inRow.add(label.info.field);
      return label.info;
    });
    const pairs =
      cells.length % 2 === 0 && cells.every((cell, i) => (i % 2 === 0) === CODE.test(cell) || !cell);
    labelRow = { no, fields, unplaced: false, pairs: pairs ? cells : undefined };
  };

  /** Labels that got no row of values: empty pairs if they can be, else a problem. */
  const closeLabels = () => {
    const pending = labelRow;
    labelRow = undefined;
    if (!pending || pending.unplaced) return;
    if (pending.pairs) readPairs(pending.no, pending.pairs);
    else report(pending.no, "a row of values under these labels");
  };

  const readValues = (no: number, cells: string[]) => {
    const { fields, unplaced } = labelRow!;
    labelRow = undefined;
    if (unplaced) return;
    if (cells.length > fields.length && cells.slice(fields.length).some(Boolean)) {
      report(no, `a row of ${fields.length} values under the ${fields.length} labels above it`);
      return;
    }
    fields.forEach((info, column) => {
      if (info) store(no, info, cells[column] ?? "");
    });
  };

  /** "| 1.1 Ametnimetus | Jurist | 1.2 Struktuuriüksus | Õigusosakond |" */
  const readPairs = (no: number, cells: string[]) => {
    for (let i = 0; i + 1 < cells.length; i += 2) {
      const info = fieldOfLabel(cells[i]!)?.info;
      if (info) store(no, info, cells[i + 1]!);
    }
  };

  const readRow = (no: number, text: string) => {
    const cells = cellsOf(text).map((cell) => unbold(plainText(cell)));
    const labelled = cells.map((cell) => CODE.test(cell));
    const anyLabel = labelled.some(Boolean);
    // Pairs need every value filled in: "| 1.1 Ametnimetus | |" may be a label row with an empty column.
    const pairs =
      cells.length % 2 === 0 &&
      anyLabel &&
      cells.every((cell, i) => (i % 2 === 0 ? labelled[i] : cell && !labelled[i]));
    const allLabels = anyLabel && cells.every((cell, i) => labelled[i] || !cell);

    if (allLabels || pairs) closeLabels();
    if (pairs) readPairs(no, cells);
    else if (labelRow && !(anyLabel && labelRow.unplaced)) readValues(no, cells);
    else if (anyLabel) readLabels(no, cells);
    else if (cells.some(Boolean)) {
      report(no, "a label row like '| 1.1 Ametnimetus | 1.2 Struktuuriüksus |' above the values");
      labelProblems = true;
      // The row under it holds values nobody can place; reporting them too would repeat this.
      labelRow = { no, fields: [], unplaced: true };
    }
  };

  const readLine = (no: number, text: string) => {
    const line = LABEL_LINE.exec(unbold(bulletText(text) ?? text));
    const info = line && fieldOfLabel(line[1]!.trim())?.info;
    if (info) store(no, info, unbold(plainText(line[2]!)));
    else if (!line)
      report(
        no,
        "a table row of section 1 (1.1 to 1.6) or a line like '1.1 Ametnimetus: Jurist', or a section heading above this line",
      );
  };

  return {
    values,
    given,
    lines,
    hadLabelProblems: () => labelProblems,
    line({ no, text }: Line) {
      if (isTableRow(text)) readRow(no, text);
      else readLine(no, text);
    },
    end: closeLabels,
  };
}
