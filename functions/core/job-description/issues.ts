// Problems found in a job description file, each tied to the line a person has to fix.

export interface ParseIssue {
  /** 1-based, and always a line of the file. */
  line: number;
  /** What the parser wanted there, phrased to follow "expected". */
  expected: string;
  /** The offending line quoted and cut to 80 characters, or a description such as "end of file". */
  found: string;
}

const END_OF_FILE = "end of file";
/** Enough to fix a file by; a broken upload must not produce a megabyte of errors. */
export const MAX_REPORTED_ISSUES = 50;
const MAX_EXCERPT = 80;

function excerpt(line: string | undefined): string {
  if (line === undefined) return END_OF_FILE;
  const text = line.trim();
  return `'${text.length <= MAX_EXCERPT ? text : `${text.slice(0, MAX_EXCERPT - 1)}…`}'`;
}

/** A piece of the file quoted inside a message, cut so that one long word cannot make the message long. */
export const shortened = (text: string, max = 40) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** Reports a problem at a 1-based line number. */
export type Report = (line: number, expected: string) => void;

interface Pending {
  line: number;
  expected: string;
  found?: string;
  /** How many lines right after this one had the same problem (reported as one issue). */
  repeats: number;
  lastLine: number;
}

export class IssueLog {
  private readonly issues: Pending[] = [];
  /** Problems reported on the line of the last report: readers report by line, so this is enough to report each once. */
  private readonly onLine = { line: 0, expected: new Set<string>() };
  /** The line before each line that is not blank, so that a run of identical problems is reported once. */
  private readonly previousContent: Int32Array;

  constructor(private readonly lines: readonly string[]) {
    this.previousContent = new Int32Array(lines.length + 2);
    let previous = 0;
    for (let i = 0; i < lines.length; i++) {
      this.previousContent[i + 1] = previous;
      if (lines[i]!.trim()) previous = i + 1;
    }
  }

  readonly at: Report = (line, expected) => {
    if (line !== this.onLine.line) {
      this.onLine.line = line;
      this.onLine.expected.clear();
    }
    if (this.onLine.expected.has(expected)) return;
    this.onLine.expected.add(expected);
    const last = this.issues.at(-1);
    // One badly shaped block (a table without its closing pipes, a list of odd bullets) is one
    // problem to its author; fifty identical lines would bury the other problems.
    if (last && last.expected === expected && this.previousContent[line] === last.lastLine) {
      last.repeats++;
      last.lastLine = line;
      return;
    }
    this.issues.push({ line, expected, repeats: 0, lastLine: line });
  };

  /** A problem no line shows, such as a missing section: reported on the file's last line. */
  atEnd(expected: string) {
    this.issues.push({ line: this.lastLine(), expected, found: END_OF_FILE, repeats: 0, lastLine: -1 });
  }

  /** One problem that makes the rest meaningless (a file that is not text): the only one reported. */
  only(line: number, expected: string, found: string) {
    this.issues.length = 0;
    this.issues.push({ line: Math.min(line, this.lastLine()), expected, found, repeats: 0, lastLine: -1 });
  }

  get count() {
    return this.issues.length;
  }

  /** In file order (issues on one line keep the order they were found in), the first few in full. */
  result(): { errors: ParseIssue[]; omitted: number } {
    const sorted = [...this.issues].sort((a, b) => a.line - b.line);
    const errors = sorted.slice(0, MAX_REPORTED_ISSUES).map((issue) => ({
      line: issue.line,
      expected:
        issue.repeats === 0
          ? issue.expected
          : `${issue.expected} (the same on the ${issue.repeats} line${issue.repeats === 1 ? "" : "s"} after it)`,
      found: issue.found ?? excerpt(this.lines[issue.line - 1]),
    }));
    return { errors, omitted: sorted.length - errors.length };
  }

  /** A trailing newline does not start a line a reader would count. */
  private lastLine() {
    const last = this.lines.at(-1) === "" ? this.lines.length - 1 : this.lines.length;
    return Math.max(last, 1);
  }
}

export function formatParseIssues(issues: readonly ParseIssue[], omitted = 0): string {
  const listed = issues.map((i) => `line ${i.line}: expected ${i.expected}, found ${i.found}`);
  if (omitted > 0) listed.push(`and ${omitted} more problem${omitted === 1 ? "" : "s"} after these`);
  return listed.join("\n");
}
