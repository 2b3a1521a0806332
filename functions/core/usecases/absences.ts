// Absences: recorded, changed (past ones too, by HR, audited), closed when an open-ended one ends,
// and imported from CSV. Each change re-plans probations (TLS § 86) and who acts for whom.
import { parse } from "csv-parse/sync";
import type { z } from "zod";
import { tallinnDate } from "../calendar";
import type { Deps } from "../deps";
import { DomainError, notFound } from "../errors";
import { newId } from "../ids";
import { Absence, type Actor, type AuditRecord, type Employee } from "../model";
import { absenceEndWindow, absenceStartWindow, requireWithin } from "../plausibility";
import { ConditionFailed } from "../ports";
import { parseInput } from "../validation";
import { reconcileAssignments } from "./delegation";
import { rescheduleProbations } from "./probation";
import { reseatAbsentParticipants } from "./trainings";

type AbsenceDeps = Pick<Deps, "store" | "clock" | "mailer" | "engine" | "logger" | "config">;

/** `to` inclusive; leave it out, or give 9999-12-31, for an absence whose end is not known yet. */
export const AbsenceInput = Absence.pick({ type: true, from: true, to: true, note: true });
export type AbsenceInput = z.infer<typeof AbsenceInput>;

const END = "9999-12-31";
const overlaps = (a: { from: string; to?: string }, b: { from: string; to?: string }) =>
  a.from <= (b.to ?? END) && (a.to ?? END) >= b.from;

/** The absence must be plausible and must not overlap another of the same person. */
function checkAbsence(absence: AbsenceInput, others: Absence[], today: string): void {
  requireWithin("from", absence.from, absenceStartWindow(today));
  requireWithin("to", absence.to, absenceEndWindow(absence.from));
  const clash = others.find((a) => overlaps(absence, a));
  if (clash) {
    throw new DomainError(
      "conflict",
      `from: overlaps the absence ${clash.from}..${clash.to ?? "open-ended"} (${clash.id}); change that one instead`,
      "from",
    );
  }
}

/**
 * Reads a person's absences, lets `plan` check and decide a change, and writes it only if nobody
 * changed them meanwhile; on a lost race it reads again and re-checks, so of two overlapping
 * absences sent at once exactly one is stored and the other is refused as an overlap.
 */
async function changeAbsencesOf<T>(
  deps: AbsenceDeps,
  employeeId: string,
  plan: (absences: Absence[]) => { put?: Absence[]; delete?: Absence[]; audits?: AuditRecord[]; result: T },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const { absences, version } = await deps.store.absenceSet(employeeId);
    const { result, ...change } = plan(absences);
    try {
      await deps.store.changeAbsences(employeeId, version, change);
      return result;
    } catch (error) {
      if (!(error instanceof ConditionFailed) || attempt >= 5) throw error;
    }
  }
}

const auditOf = (
  deps: AbsenceDeps,
  entry: Omit<AuditRecord, "at" | "changes"> & { changes?: string[] },
): AuditRecord => ({ ...entry, changes: entry.changes ?? [], at: deps.clock.now().toISOString() });

async function afterChange(deps: AbsenceDeps, actor: Actor, employee: Employee) {
  const probations = await rescheduleProbations(deps, employee, actor);
  await reconcileAssignments(deps);
  // Seated in a training session whose day the absence now covers: moved on and told (the sweep
  // repeats this on the absence's first day, should this be cut short).
  await reseatAbsentParticipants(deps, { employeeId: employee.id });
  return probations;
}

async function employeeOrFail(deps: AbsenceDeps, employeeId: string): Promise<Employee> {
  const employee = await deps.store.getEmployee(employeeId);
  if (!employee) throw notFound("employee", employeeId);
  return employee;
}

const today = (deps: AbsenceDeps) => tallinnDate(deps.clock.now());

/** A person's absences; an unknown person is a 404, not an empty list. */
export async function listAbsencesOf(deps: Pick<Deps, "store">, employeeId: string): Promise<Absence[]> {
  if (!(await deps.store.getEmployee(employeeId))) throw notFound("employee", employeeId);
  return deps.store.listAbsences(employeeId);
}

/** Records an absence; a TLS probation in progress is extended and tasks move to substitutes. */
export async function recordAbsence(deps: AbsenceDeps, actor: Actor, employeeId: string, input: unknown) {
  const absence = parseInput(AbsenceInput, input);
  const employee = await employeeOrFail(deps, employeeId);
  const stored: Absence = { id: newId("abs"), employeeId, ...absence };
  await changeAbsencesOf(deps, employeeId, (others) => {
    checkAbsence(absence, others, today(deps));
    const audit = auditOf(deps, {
      entityType: "absence",
      entityId: stored.id,
      actor,
      action: "absence.recorded",
      changes: Object.keys(absence),
    });
    return { put: [stored], audits: [audit], result: stored };
  });
  return { absence: stored, probations: await afterChange(deps, actor, employee) };
}

/** Changes an absence, e.g. closes an open-ended sick leave; past absences may be corrected too. */
export async function updateAbsence(
  deps: AbsenceDeps,
  actor: Actor,
  employeeId: string,
  absenceId: string,
  input: unknown,
) {
  const changes = parseInput(AbsenceInput, input);
  const employee = await employeeOrFail(deps, employeeId);
  const updated: Absence = { id: absenceId, employeeId, ...changes };
  await changeAbsencesOf(deps, employeeId, (all) => {
    const current = all.find((a) => a.id === absenceId);
    if (!current) throw notFound("absence", absenceId);
    checkAbsence(
      changes,
      all.filter((a) => a.id !== absenceId),
      today(deps),
    );
    const changed = (Object.keys({ ...current, ...updated }) as Array<keyof Absence>).filter(
      (k) => current[k] !== updated[k],
    );
    const audit = auditOf(deps, {
      entityType: "absence",
      entityId: absenceId,
      actor,
      action: "absence.changed",
      changes: changed,
    });
    // The sort key holds the start date, so a moved start is a delete and a put.
    return { delete: [current], put: [updated], audits: [audit], result: updated };
  });
  return { absence: updated, probations: await afterChange(deps, actor, employee) };
}

export async function deleteAbsence(deps: AbsenceDeps, actor: Actor, employeeId: string, absenceId: string) {
  const employee = await employeeOrFail(deps, employeeId);
  await changeAbsencesOf(deps, employeeId, (all) => {
    const current = all.find((a) => a.id === absenceId);
    if (!current) throw notFound("absence", absenceId);
    const audit = auditOf(deps, {
      entityType: "absence",
      entityId: absenceId,
      actor,
      action: "absence.deleted",
    });
    return { delete: [current], audits: [audit], result: current };
  });
  await afterChange(deps, actor, employee);
}

export interface CsvRowError {
  line: number;
  field: string;
  message: string;
}

const CSV_COLUMNS = ["employee", "type", "from", "to", "note"] as const;
/** One import is one team's or one month's absences; a bigger file is split, so one request stays short. */
export const MAX_CSV_ROWS = 2_000;

/** Excel saves CSV with ";" where the decimal comma is used (Estonian settings), "," elsewhere. */
function delimiterOf(headerLine: string): string {
  const counts = [",", ";", "\t"].map((d) => ({ d, n: headerLine.split(d).length }));
  return counts.sort((a, b) => b.n - a.n)[0]!.d;
}

function csvRecords(csv: string): Array<{ line: number; cells: string[] }> {
  const text = csv.replace(/^\uFEFF/, "");
  const firstLine = text.slice(0, Math.max(0, text.search(/\r?\n|$/)));
  try {
    return (
      parse(text, {
        delimiter: delimiterOf(firstLine),
        info: true,
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
        to: MAX_CSV_ROWS + 2,
      }) as unknown as Array<{ record: string[]; info: { lines: number } }>
    ).map(({ record, info }) => ({ line: info.lines, cells: record }));
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new DomainError(
      "validation",
      `body: line ${line}: not valid CSV (${(error as Error).message})`,
      "body",
      {
        errors: [{ line, field: "body", message: "not valid CSV" }],
      },
    );
  }
}

/**
 * Imports absences from CSV with the header `employee,type,from,to,note` (employee: id or email;
 * "," ";" or tab between cells). Every bad row is reported with its line number; when any row is
 * bad, nothing is imported. Each person's rows are written in one guarded write.
 */
export async function importAbsencesCsv(deps: AbsenceDeps, actor: Actor, csv: string) {
  const [head, ...records] = csvRecords(csv);
  const header = (head?.cells ?? []).map((h) => h.toLowerCase());
  const missing = CSV_COLUMNS.slice(0, 3).filter((c) => !header.includes(c));
  if (missing.length) {
    throw new DomainError(
      "validation",
      `line 1: the header needs the columns ${CSV_COLUMNS.join(",")}; missing ${missing.join(", ")}`,
      "body",
      { errors: [{ line: 1, field: "header", message: `missing ${missing.join(", ")}` }] },
    );
  }
  if (records.length > MAX_CSV_ROWS) {
    throw new DomainError(
      "validation",
      `body: more than ${MAX_CSV_ROWS} rows; split the file and import the parts one after another`,
      "body",
    );
  }
  const errors: CsvRowError[] = [];
  const people = new Map<string, Promise<Employee | undefined>>();
  const lookUp = (ref: string) => {
    const key = ref.toLowerCase();
    if (!people.has(key))
      people.set(key, ref.includes("@") ? deps.store.findEmployeeByEmail(ref) : deps.store.getEmployee(ref));
    return people.get(key)!;
  };
  const rows: Array<{ line: number; employee: Employee; absence: AbsenceInput }> = [];
  for (const { line, cells } of records) {
    const value = (column: string) => cells[header.indexOf(column)] || undefined;
    const ref = value("employee") ?? "";
    const employee = ref && ref.length <= 254 ? await lookUp(ref) : undefined;
    if (!employee)
      errors.push({
        line,
        field: "employee",
        message: ref ? `no employee '${ref.slice(0, 80)}'` : "is required",
      });
    const parsed = AbsenceInput.safeParse({
      type: value("type"),
      from: value("from"),
      to: value("to"),
      note: value("note"),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({
          line,
          field: issue.path.join("."),
          message: issue.input === undefined ? "is required" : issue.message,
        });
      }
      continue;
    }
    if (employee) rows.push({ line, employee, absence: parsed.data });
  }
  const byEmployee = new Map<string, typeof rows>();
  for (const row of rows) byEmployee.set(row.employee.id, [...(byEmployee.get(row.employee.id) ?? []), row]);
  const sets = new Map<string, { absences: Absence[]; version: number }>();
  for (const [employeeId, own] of byEmployee) {
    const set = await deps.store.absenceSet(employeeId);
    sets.set(employeeId, set);
    const accepted: Absence[] = [];
    for (const row of own) {
      try {
        checkAbsence(row.absence, [...set.absences, ...accepted], today(deps));
        accepted.push({ ...row.absence, id: `line ${row.line}`, employeeId });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push({
          line: row.line,
          field: error.field ?? "from",
          message: error.message.replace(/^[^:]*:\s*/, ""),
        });
      }
    }
  }
  if (errors.length) {
    errors.sort((a, b) => a.line - b.line);
    const shown = errors.slice(0, 50).map((e) => `line ${e.line}: ${e.field}: ${e.message}`);
    if (errors.length > 50) shown.push(`... and ${errors.length - 50} more`);
    throw new DomainError(
      "validation",
      `body: nothing imported; fix these rows:\n${shown.join("\n")}`,
      "body",
      {
        errors: errors.slice(0, 500),
      },
    );
  }
  const imported: Absence[] = [];
  for (const [employeeId, own] of byEmployee) {
    const stored = own.map((row): Absence => ({ id: newId("abs"), employeeId, ...row.absence }));
    const audits = stored.map((absence, i) =>
      auditOf(deps, {
        entityType: "absence",
        entityId: absence.id,
        actor,
        action: "absence.imported",
        changes: Object.keys(own[i]!.absence),
      }),
    );
    // Written against the version checked above: a change made meanwhile refuses this person's rows.
    try {
      await deps.store.changeAbsences(employeeId, sets.get(employeeId)!.version, { put: stored, audits });
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      throw new DomainError(
        "conflict",
        `body: the absences of ${employeeId} changed during the import; ${imported.length} rows were imported before it; import the rest again`,
        "body",
      );
    }
    imported.push(...stored);
  }
  for (const rowsOf of byEmployee.values()) await rescheduleProbations(deps, rowsOf[0]!.employee, actor);
  await reconcileAssignments(deps);
  if (imported.length > 0) await reseatAbsentParticipants(deps);
  return { imported: imported.length, absences: imported };
}
