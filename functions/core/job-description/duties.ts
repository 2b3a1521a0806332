// The duties section (3. TEENISTUSKOHUSTUSED in the seed): two-column tables, "| 3.N duty |
// expected results |", or three columns with the code in a column of its own. A row whose duty
// cell is empty adds expected results to the duty above it; word processors split a long row
// that way when the table breaks across pages.
import type { Duty } from "../model";
import type { Report } from "./issues";
import { cellsOf, isTableRow, listItems, plainText, textAndList, withoutListPunctuation } from "./markdown";
import type { Line, SectionReader } from "./sections";

const HEADER_CELL = /^(nr\.?|jrk\.?|\p{L}*ülesan\p{L}*|\p{L}*kohustused|oodatavad tulemused|tulemused)$/iu;
const isHeaderCell = (cell: string) => cell.length <= 40 && HEADER_CELL.test(plainText(cell));
const CODE = /^(\d{1,2})\.(\d{1,3})\.?(?=\s|$)/;

export interface DutyTable extends SectionReader {
  duties: Duty[];
  /** The line each duty starts on, by index in `duties`. */
  lines: number[];
}

export function dutyTableReader(report: Report): DutyTable {
  const duties: Duty[] = [];
  const lines: number[] = [];
  const sequence = dutySequence(report);

  const checkResults = () => {
    const last = duties.at(-1);
    if (last && last.expectedResults.length === 0)
      report(lines.at(-1)!, `expected results for duty ${last.code} in its second cell`);
  };

  /** The duty and results cells; a code in a column of its own joins the duty. */
  const dutyCells = (no: number, cells: string[]): [string, string] | undefined => {
    if (cells.length === 2) return cells as [string, string];
    if (cells.length === 3 && /^\d{1,2}\.\d{1,3}\.?$/.test(plainText(cells[0]!)))
      return [`${plainText(cells[0]!)} ${cells[1]}`, cells[2]!];
    if (cells.length === 3 && !plainText(cells[0]!)) return [cells[1]!, cells[2]!];
    report(no, `a duty row with two cells, the duty and its expected results, not ${cells.length}`);
    return undefined;
  };

  return {
    duties,
    lines,
    line({ no, text }: Line) {
      if (!isTableRow(text)) {
        report(
          no,
          "a duty table row '| 3.N duty | expected results |', or a section heading above this line",
        );
        return;
      }
      const cells = cellsOf(text);
      if (cells.some(isHeaderCell)) return;
      const pair = dutyCells(no, cells);
      if (!pair) {
        sequence.skip(); // most likely a duty with a stray '|', so later codes still line up
        return;
      }
      const duty = textAndList(pair[0]);
      const results = listItems(pair[1]);
      if (!duty.text && results.length === 0) return; // spacer, or the empty header of a table
      if (!duty.text) {
        const previous = duties.at(-1);
        // Not push(...results): spreading 200k items into arguments overflows the stack.
        if (previous) for (const result of results) previous.expectedResults.push(result);
        else
          report(no, "a duty row starting with a code like 3.1 before rows that only add expected results");
        return;
      }
      const code = CODE.exec(duty.text);
      if (!code) {
        report(no, "a duty row starting with a code like 3.1");
        sequence.skip();
        return;
      }
      checkResults();
      const dutyText = duty.text.slice(code[0].length).trim();
      const codeText = `${code[1]}.${code[2]}`;
      sequence.check(no, Number(code[1]), Number(code[2]));
      const details = duty.items.map(withoutListPunctuation).filter(Boolean);
      if (!dutyText && details.length === 0) {
        report(
          no,
          results.length === 0
            ? `a duty and its expected results after the code ${codeText}: the row is empty`
            : `the text of duty ${codeText} after its code`,
        );
        return;
      }
      // A duty written only as a list ("3.2 <ul>▪ a ▪ b</ul>") is that list.
      duties.push({
        code: codeText,
        text: dutyText || details.join("; "),
        details: dutyText ? details : [],
        expectedResults: results,
      });
      lines.push(no);
    },
    end() {
      checkResults();
    },
  };
}

/**
 * Duty codes run N.1, N.2, ... with no gaps or repeats; N is the first code's, since templates
 * number the section differently. One wrong code is reported once: after a wrong row, the next
 * row may continue from either its code or its position, so a typo (3.7 written 3.9) and a
 * missing duty (no 3.6) both stop at the row that is wrong.
 */
function dutySequence(report: Report) {
  let prefix: number | undefined;
  let position = 0;
  let accepted = new Set([1]);
  const firstSeen = new Map<number, number>();
  const reported = new Set<number>();
  const next = () => Math.min(...accepted);

  return {
    /** A row that should have been the next duty but whose code cannot be read. */
    skip() {
      position++;
      accepted = new Set([position + 1]);
    },
    check(no: number, written: number, number: number) {
      prefix ??= written;
      position++;
      const earlier = firstSeen.get(number);
      let wrong = true;
      if (written !== prefix)
        report(
          no,
          `duty code ${prefix}.${next()}: all duties are numbered ${prefix}.1, ${prefix}.2, ..., not ${written}.N`,
        );
      else if (earlier !== undefined && !reported.has(number))
        report(no, `each duty code once: ${prefix}.${number} is a duplicate of the duty on line ${earlier}`);
      else if (!accepted.has(number))
        report(
          no,
          `duty code ${prefix}.${next()} (codes run ${prefix}.1, ${prefix}.2, ... without gaps), not ${prefix}.${number}`,
        );
      else wrong = false;
      if (wrong) {
        reported.add(number);
        accepted = new Set([number + 1, position + 1]);
      } else {
        accepted = new Set([number + 1]);
        position = number;
      }
      if (!firstSeen.has(number)) firstSeen.set(number, no);
    },
  };
}
