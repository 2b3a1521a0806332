// Recording and reading the access log (core/access-log.ts): every read of a review's content is
// recorded with who read it, whose review it was, how and when; HR lists the log by the person read
// about, by the reader and by a date range, as a page or CSV. Nothing of the review's content is
// ever written here.
import { type AccessAction, type AccessRecord, accessMonthOf } from "../access-log";
import { addDays, tallinnDate } from "../calendar";
import type { Deps } from "../deps";
import { DomainError, invalid } from "../errors";
import type { Case } from "../model";
import type { User } from "../policy";

/** The workflows whose cases hold a review's content (answers, goals, comments). */
const REVIEW_WORKFLOWS: ReadonlySet<string> = new Set(["annualReview", "midtermReview"]);

export const isReviewCase = (c: Pick<Case, "workflow"> | undefined) =>
  c !== undefined && REVIEW_WORKFLOWS.has(c.workflow);

/** Records that `reader` read the content of the review `review` (a case), and how. */
export async function recordReviewRead(
  deps: Pick<Deps, "store" | "clock">,
  reader: { employeeId?: string | undefined; name?: string | undefined },
  review: Pick<Case, "id" | "subjectId">,
  action: AccessAction,
): Promise<void> {
  await deps.store.appendAccess({
    at: deps.clock.now().toISOString(),
    reader: { id: reader.employeeId ?? "hr", ...(reader.name ? { name: reader.name } : {}) },
    subjectId: review.subjectId,
    entityType: "case",
    entityId: review.id,
    action,
  });
}

export interface AccessFilter {
  /** The person read about. */
  subjectId?: string | undefined;
  readerId?: string | undefined;
  /** Tallinn dates, inclusive; by default the last 31 days. */
  from?: string | undefined;
  to?: string | undefined;
}

/** A range longer than this is split by HR into several downloads (each month is one read). */
export const MAX_ACCESS_RANGE_DAYS = 366;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The access log for HR, newest first; anyone else is refused. */
export async function accessLog(
  deps: Pick<Deps, "store" | "clock">,
  user: User,
  filter: AccessFilter = {},
): Promise<{ from: string; to: string; records: AccessRecord[] }> {
  if (!user.roles.includes("hr")) throw new DomainError("forbidden", "Only HR reads the access log.");
  const today = tallinnDate(deps.clock.now());
  const to = filter.to || today;
  const from = filter.from || addDays(to, -30);
  if (!DATE.test(from) || Number.isNaN(Date.parse(from))) throw invalid("from", "must be a date");
  if (!DATE.test(to) || Number.isNaN(Date.parse(to))) throw invalid("to", "must be a date");
  if (to < from) throw invalid("to", `must not be before from (${from})`);
  if (addDays(from, MAX_ACCESS_RANGE_DAYS) < to)
    throw invalid("to", `at most ${MAX_ACCESS_RANGE_DAYS} days after from`);
  // The months that may hold records of Tallinn days from..to (a day starts 2-3 h before UTC's).
  const months: string[] = [];
  for (let m = accessMonthOf(addDays(from, -1)); m <= accessMonthOf(to); ) {
    months.push(m);
    const [y, mm] = m.split("-").map(Number) as [number, number];
    m = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, "0")}`;
  }
  const all = (await Promise.all(months.map((m) => deps.store.listAccess(m)))).flat();
  const records = all
    .filter((r) => {
      const day = tallinnDate(new Date(r.at));
      return (
        day >= from &&
        day <= to &&
        (!filter.subjectId || r.subjectId === filter.subjectId) &&
        (!filter.readerId || r.reader.id === filter.readerId)
      );
    })
    // Months in order, each oldest first (by when it was written): reversed, newest first.
    .reverse();
  return { from, to, records };
}

const cell = (v: string) => (/[",\r\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The access log as CSV (UTF-8 with a byte order mark, for spreadsheets); names resolved by `nameOf`. */
export function accessLogCsv(
  records: readonly AccessRecord[],
  nameOf: (id: string) => string,
  headers: [string, string, string, string, string, string, string],
  actionName: (action: string) => string,
): string {
  const lines = [headers.map(cell).join(",")];
  for (const r of records)
    lines.push(
      [
        r.at,
        r.reader.id,
        r.reader.name ?? nameOf(r.reader.id),
        r.subjectId,
        nameOf(r.subjectId),
        r.entityId,
        actionName(r.action),
      ]
        .map(cell)
        .join(","),
    );
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
