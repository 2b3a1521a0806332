// Each employee's training history (what, when, how many hours, which follow-up is due) and the
// compliance view HR and leads need: who lacks a training their position makes mandatory, who is
// overdue for a refresher or a follow-up. The job description gives every employee the right to
// the trainings their position needs and the duty to keep their qualification; this is where both
// become visible. Rows serve the JSON API as they are and become CSV through `toCsv`.
import { z } from "zod";
import { invalid } from "../errors";
import { type Employee, Id, IsoDate, type Locale } from "../model";
import { fieldPath } from "../reviews/parse";
import { followUpState } from "./follow-up";
import { sessionHours, type Training } from "./training";

/** What the trainer's attendance list records for one participant of one session. */
export const AttendanceRecord = z.object({
  employeeId: Id,
  trainingId: Id,
  sessionId: Id,
  status: z.enum(["attended", "no_show"]),
});
export type AttendanceRecord = z.infer<typeof AttendanceRecord>;

const FollowUpStatus = z.enum(["none", "not_due", "due_today", "overdue", "done"]);

export const HistoryRow = z.object({
  employeeId: Id,
  employeeName: z.string(),
  trainingId: Id,
  title: z.object({ et: z.string(), en: z.string() }),
  sessionId: Id,
  date: IsoDate,
  start: z.string(),
  end: z.string(),
  status: z.enum(["attended", "no_show"]),
  /** Hours taken part: the session's length when attended, 0 for a no-show. */
  hours: z.number().min(0),
  /** The training's follow-up for this person as of today (the same on each of its rows). */
  followUpStatus: FollowUpStatus,
  followUpDueOn: IsoDate.optional(),
});
export type HistoryRow = z.infer<typeof HistoryRow>;

interface HistoryInput {
  employees: readonly Employee[];
  trainings: readonly Training[];
  attendance: readonly AttendanceRecord[];
  today: string;
  /**
   * A follow-up training's id → the training it follows up. Attending the follow-up is that
   * training's follow-up (or renewed refresher): its completions count there, its rows show that
   * training's follow-up state, and it is no training of its own in the compliance view.
   */
  countsFor?: ReadonlyMap<string, string>;
}

const ownerOf = (input: Pick<HistoryInput, "countsFor">, trainingId: string) =>
  input.countsFor?.get(trainingId) ?? trainingId;

function index(trainings: readonly Training[]) {
  return new Map(
    trainings.map((t) => [t.id, { training: t, sessions: new Map(t.sessions.map((s) => [s.id, s])) }]),
  );
}

/** Dates each person completed each training: `${employeeId}\u001f${trainingId}` → sorted dates. */
function completionsOf(
  attendance: readonly AttendanceRecord[],
  trainings: ReturnType<typeof index>,
  countsFor?: ReadonlyMap<string, string>,
) {
  const out = new Map<string, string[]>();
  for (const record of attendance) {
    if (record.status !== "attended") continue;
    const session = trainings.get(record.trainingId)?.sessions.get(record.sessionId);
    if (!session) continue;
    const key = `${record.employeeId}\u001f${ownerOf({ countsFor }, record.trainingId)}`;
    const list = out.get(key) ?? [];
    list.push(session.date);
    out.set(key, list);
  }
  for (const list of out.values()) list.sort();
  return out;
}

/**
 * The history of the given employees (one, for a person's own page; a unit's, for a lead), oldest
 * first within each employee, employees in the given order. An attendance record naming a
 * training or session that is not given is refused naming it (`attendance[3].sessionId`): a
 * history that silently drops a training is worse than none.
 */
export function trainingHistory(input: HistoryInput): HistoryRow[] {
  const trainings = index(input.trainings);
  input.attendance.forEach((record, i) => {
    const entry = trainings.get(record.trainingId);
    if (!entry) throw invalid(fieldPath(["attendance", i, "trainingId"]), `no training ${record.trainingId}`);
    if (!entry.sessions.has(record.sessionId))
      throw invalid(
        fieldPath(["attendance", i, "sessionId"]),
        `no session ${record.sessionId} in ${record.trainingId}`,
      );
  });
  const completions = completionsOf(input.attendance, trainings, input.countsFor);
  const rows: HistoryRow[] = [];
  for (const employee of input.employees) {
    const own = input.attendance
      .filter((r) => r.employeeId === employee.id)
      .map((record) => {
        const { training, sessions } = trainings.get(record.trainingId)!;
        return { record, training, session: sessions.get(record.sessionId)! };
      })
      .sort((a, b) =>
        a.session.date !== b.session.date
          ? a.session.date < b.session.date
            ? -1
            : 1
          : a.session.start < b.session.start
            ? -1
            : a.session.start > b.session.start
              ? 1
              : 0,
      );
    for (const { record, training, session } of own) {
      const owner = trainings.get(ownerOf(input, training.id))?.training ?? training;
      const state = followUpState(
        owner.followUp,
        completions.get(`${employee.id}\u001f${owner.id}`) ?? [],
        input.today,
      );
      rows.push({
        employeeId: employee.id,
        employeeName: employee.name,
        trainingId: training.id,
        title: training.title,
        sessionId: session.id,
        date: session.date,
        start: session.start,
        end: session.end,
        status: record.status,
        hours: record.status === "attended" ? sessionHours(session) : 0,
        followUpStatus: state.status,
        followUpDueOn: state.dueOn,
      });
    }
  }
  return rows;
}

/** Hours taken part in, per employee. */
export function hoursByEmployee(rows: readonly HistoryRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows)
    out.set(row.employeeId, Math.round(((out.get(row.employeeId) ?? 0) + row.hours) * 100) / 100);
  return out;
}

/**
 * - missing: the training is mandatory for the employee's position and they never completed it.
 * - refresher_overdue: mandatory for their position, with a refresher every N months, and the
 *   last completion is more than that ago (moved to a business day).
 * - follow_up_overdue: completed a training with a follow-up after N weeks, and that follow-up,
 *   due by now, has not happened (whether or not the training is mandatory for them).
 */
export const ComplianceStatus = z.enum(["missing", "refresher_overdue", "follow_up_overdue"]);
export type ComplianceStatus = z.infer<typeof ComplianceStatus>;

export const ComplianceRow = z.object({
  employeeId: Id,
  employeeName: z.string(),
  positionId: Id.optional(),
  trainingId: Id,
  title: z.object({ et: z.string(), en: z.string() }),
  status: ComplianceStatus,
  lastCompletedOn: IsoDate.optional(),
  dueOn: IsoDate.optional(),
  daysOverdue: z.number().int().min(0),
});
export type ComplianceRow = z.infer<typeof ComplianceRow>;

/**
 * Who is out of line today, employee by employee in the given order and training by training in
 * the given order. Only people employed today count (started, contract not ended): a hire who
 * starts next month lacks nothing yet.
 */
export function complianceReport(input: HistoryInput): ComplianceRow[] {
  const trainings = index(input.trainings);
  const completions = completionsOf(input.attendance, trainings, input.countsFor);
  const { today } = input;
  const rows: ComplianceRow[] = [];
  for (const employee of input.employees) {
    if (employee.startDate > today) continue;
    if (employee.contractEndDate !== undefined && employee.contractEndDate < today) continue;
    for (const training of input.trainings) {
      if (input.countsFor?.has(training.id)) continue; // counted as the training it follows up
      const done = completions.get(`${employee.id}\u001f${training.id}`) ?? [];
      const mandatory =
        training.kind === "mandatory" &&
        employee.positionId !== undefined &&
        training.mandatoryForPositionIds.includes(employee.positionId);
      const base = {
        employeeId: employee.id,
        employeeName: employee.name,
        positionId: employee.positionId,
        trainingId: training.id,
        title: training.title,
      };
      if (mandatory && done.length === 0) {
        rows.push({ ...base, status: "missing", daysOverdue: 0 });
        continue;
      }
      if (training.followUp.kind === "none" || done.length === 0) continue;
      if (training.followUp.kind === "everyMonths" && !mandatory) continue;
      const state = followUpState(training.followUp, done, today);
      if (state.status !== "overdue") continue;
      rows.push({
        ...base,
        status: training.followUp.kind === "everyMonths" ? "refresher_overdue" : "follow_up_overdue",
        lastCompletedOn: done.at(-1),
        dueOn: state.dueOn,
        daysOverdue: state.daysOverdue,
      });
    }
  }
  return rows;
}

type Cell = string | number | boolean | undefined | null;

/**
 * CSV as RFC 4180 has it: CRLF line ends, every field with a comma, quote, CR or LF quoted, quotes
 * doubled. Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR:
 * CSV injection, OWASP) is prefixed with an apostrophe; numbers are written as numbers. `bom`
 * adds the byte-order mark Excel needs to read UTF-8 (õ, ä, ö, ü, š, ž) as such.
 */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<readonly Cell[]>,
  options: { bom?: boolean } = {},
) {
  const field = (cell: Cell): string => {
    if (cell === undefined || cell === null) return "";
    if (typeof cell === "number" || typeof cell === "boolean") return String(cell);
    const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [header, ...rows].map((row) => row.map(field).join(","));
  return `${options.bom ? "\uFEFF" : ""}${lines.join("\r\n")}\r\n`;
}

const HISTORY_HEADER: Record<Locale, string[]> = {
  et: [
    "Töötaja ID",
    "Töötaja",
    "Koolituse ID",
    "Koolitus",
    "Kuupäev",
    "Algus",
    "Lõpp",
    "Osales",
    "Tunnid",
    "Järelkoolitus",
    "Järelkoolituse tähtaeg",
  ],
  en: [
    "Employee ID",
    "Employee",
    "Training ID",
    "Training",
    "Date",
    "Start",
    "End",
    "Attended",
    "Hours",
    "Follow-up",
    "Follow-up due",
  ],
};

export const historyCsv = (rows: readonly HistoryRow[], locale: Locale, options: { bom?: boolean } = {}) =>
  toCsv(
    HISTORY_HEADER[locale],
    rows.map((r) => [
      r.employeeId,
      r.employeeName,
      r.trainingId,
      r.title[locale],
      r.date,
      r.start,
      r.end,
      r.status === "attended" ? (locale === "et" ? "jah" : "yes") : locale === "et" ? "ei" : "no",
      r.hours,
      r.followUpStatus,
      r.followUpDueOn,
    ]),
    options,
  );

const COMPLIANCE_HEADER: Record<Locale, string[]> = {
  et: [
    "Töötaja ID",
    "Töötaja",
    "Ametikoht",
    "Koolituse ID",
    "Koolitus",
    "Olek",
    "Viimati läbitud",
    "Tähtaeg",
    "Päevi üle tähtaja",
  ],
  en: [
    "Employee ID",
    "Employee",
    "Position",
    "Training ID",
    "Training",
    "Status",
    "Last completed",
    "Due",
    "Days overdue",
  ],
};

export const complianceCsv = (
  rows: readonly ComplianceRow[],
  locale: Locale,
  options: { bom?: boolean } = {},
) =>
  toCsv(
    COMPLIANCE_HEADER[locale],
    rows.map((r) => [
      r.employeeId,
      r.employeeName,
      r.positionId,
      r.trainingId,
      r.title[locale],
      r.status,
      r.lastCompletedOn,
      r.dueOn,
      r.daysOverdue,
    ]),
    options,
  );
