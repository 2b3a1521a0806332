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
  /** Later lines with the same problem, reported with this one: the first few, and how many in all. */
  others: number[];
  otherCount: number;
  lastLine: number;
}

const OTHERS_LISTED = 5;

export class IssueLog {
  private readonly issues: Pending[] = [];
  /**
   * Problems by what was expected. A badly shaped part (a table without its closing pipes, a list
   * of odd bullets, competencies under the wrong heading) is one problem to its author, however
   * many lines show it; fifty identical messages would bury the other problems.
   */
  private readonly byExpected = new Map<string, Pending>();

  constructor(private readonly lines: readonly string[]) {}

  readonly at: Report = (line, expected) => {
    const same = this.byExpected.get(expected);
    if (!same) {
      const issue = { line, expected, others: [], otherCount: 0, lastLine: line };
      this.byExpected.set(expected, issue);
      this.issues.push(issue);
      return;
    }
    if (line === same.line || line === same.lastLine) return;
    same.lastLine = line;
    same.otherCount++;
    // Readers mostly report in file order; a check made at a section's end may point back.
    const [first, other] = line < same.line ? [line, same.line] : [same.line, line];
    same.line = first;
    if (same.others.length < OTHERS_LISTED) same.others.push(other);
  };

  /** A problem no line shows, such as a missing section: reported on the file's last line. */
  atEnd(expected: string) {
    this.issues.push({
      line: this.lastLine(),
      expected,
      found: END_OF_FILE,
      others: [],
      otherCount: 0,
      lastLine: 0,
    });
  }

  /** One problem that makes the rest meaningless (a file that is not text): the only one reported. */
  only(line: number, expected: string, found: string) {
    this.issues.length = 0;
    this.issues.push({
      line: Math.min(line, this.lastLine()),
      expected,
      found,
      others: [],
      otherCount: 0,
      lastLine: 0,
    });
  }

  get count() {
    return this.issues.length;
  }

  /** In file order (issues on one line keep the order they were found in), the first few in full. */
  result(): { errors: ParseIssue[]; omitted: number } {
    const sorted = [...this.issues].sort((a, b) => a.line - b.line);
    const errors = sorted.slice(0, MAX_REPORTED_ISSUES).map((issue) => ({
      line: issue.line,
      expected: issue.otherCount === 0 ? issue.expected : `${issue.expected} (also on ${alsoOn(issue)})`,
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

function alsoOn({ others: unsorted, otherCount }: Pending): string {
  const others = [...unsorted].sort((a, b) => a - b);
  if (otherCount === 1) return `line ${others[0]}`;
  if (otherCount === others.length) return `lines ${others.slice(0, -1).join(", ")} and ${others.at(-1)}`;
  return `lines ${others.join(", ")} and ${otherCount - others.length} more`;
}

export function formatParseIssues(issues: readonly ParseIssue[], omitted = 0): string {
  const listed = issues.map((i) => `line ${i.line}: expected ${i.expected}, found ${i.found}`);
  if (omitted > 0) listed.push(`and ${omitted} more problem${omitted === 1 ? "" : "s"} after these`);
  return listed.join("\n");
}
