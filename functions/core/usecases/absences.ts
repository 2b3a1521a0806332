// Absences: recorded, changed (past ones too, by HR, audited), closed when an open-ended one ends,
// and imported from CSV. Each change re-plans probations (TLS § 86) and who acts for whom.
import { z } from "zod";
import { audit } from "../audit";
import type { Deps } from "../deps";
import { DomainError, invalid, notFound } from "../errors";
import { newId } from "../ids";
import { type Absence, AbsenceType, type Actor, type Employee, IsoDate } from "../model";
import { parseInput } from "../validation";
import { reconcileAssignments } from "./delegation";
import { rescheduleProbations } from "./probation";

type AbsenceDeps = Pick<Deps, "store" | "clock" | "mailer" | "engine" | "logger" | "config">;

export const AbsenceInput = z.object({
  type: AbsenceType,
  from: IsoDate,
  /** Inclusive. Leave out for an absence whose end is not known yet (sick leave). */
  to: IsoDate.optional(),
  note: z.string().max(500).optional(),
});
export type AbsenceInput = z.infer<typeof AbsenceInput>;

const END = "9999-12-31";
const overlaps = (a: { from: string; to?: string }, b: { from: string; to?: string }) =>
  a.from <= (b.to ?? END) && (a.to ?? END) >= b.from;

/** The absence must make sense and must not overlap another of the same person. */
function checkAbsence(absence: AbsenceInput, others: Absence[]): void {
  if (absence.to && absence.to < absence.from) throw invalid("to", "must not be before from");
  const clash = others.find((a) => overlaps(absence, a));
  if (clash) {
    throw new DomainError(
      "conflict",
      `from: overlaps the absence ${clash.from}..${clash.to ?? "open-ended"} (${clash.id}); change that one instead`,
      "from",
    );
  }
}

async function afterChange(deps: AbsenceDeps, employee: Employee) {
  const probations = await rescheduleProbations(deps, employee);
  await reconcileAssignments(deps);
  return probations;
}

async function employeeOrFail(deps: AbsenceDeps, employeeId: string): Promise<Employee> {
  const employee = await deps.store.getEmployee(employeeId);
  if (!employee) throw notFound("employee", employeeId);
  return employee;
}

/** Records an absence; a TLS probation in progress is extended and tasks move to substitutes. */
export async function recordAbsence(deps: AbsenceDeps, actor: Actor, employeeId: string, input: unknown) {
  const absence = parseInput(AbsenceInput, input);
  const employee = await employeeOrFail(deps, employeeId);
  checkAbsence(absence, await deps.store.listAbsences(employeeId));
  const stored: Absence = { id: newId("abs"), employeeId, ...absence };
  await deps.store.putAbsence(stored);
  await audit(deps, {
    entityType: "absence",
    entityId: stored.id,
    actor,
    action: "absence.recorded",
    changes: Object.keys(absence),
  });
  return { absence: stored, probations: await afterChange(deps, employee) };
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
  const all = await deps.store.listAbsences(employeeId);
  const current = all.find((a) => a.id === absenceId);
  if (!current) throw notFound("absence", absenceId);
  checkAbsence(
    changes,
    all.filter((a) => a.id !== absenceId),
  );
  const updated: Absence = { id: absenceId, employeeId, ...changes };
  // The sort key holds the start date, so a moved start is a delete and a put.
  if (current.from !== updated.from) await deps.store.deleteAbsence(current);
  await deps.store.putAbsence(updated);
  const changed = (Object.keys({ ...current, ...updated }) as Array<keyof Absence>).filter(
    (k) => current[k] !== updated[k],
  );
  await audit(deps, {
    entityType: "absence",
    entityId: absenceId,
    actor,
    action: "absence.changed",
    changes: changed,
  });
  return { absence: updated, probations: await afterChange(deps, employee) };
}

export async function deleteAbsence(deps: AbsenceDeps, actor: Actor, employeeId: string, absenceId: string) {
  const employee = await employeeOrFail(deps, employeeId);
  const current = (await deps.store.listAbsences(employeeId)).find((a) => a.id === absenceId);
  if (!current) throw notFound("absence", absenceId);
  await deps.store.deleteAbsence(current);
  await audit(deps, { entityType: "absence", entityId: absenceId, actor, action: "absence.deleted" });
  await afterChange(deps, employee);
}

export interface CsvRowError {
  line: number;
  field: string;
  message: string;
}

const CSV_COLUMNS = ["employee", "type", "from", "to", "note"] as const;

/** Splits one CSV line; quoted fields may hold commas and doubled quotes. */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === "," && !quoted) {
      cells.push(cell.trim());
      cell = "";
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * Imports absences from CSV with the header `employee,type,from,to,note` (employee: id or email).
 * Every bad row is reported with its line number; when any row is bad, nothing is imported.
 */
export async function importAbsencesCsv(deps: AbsenceDeps, actor: Actor, csv: string) {
  const lines = csv
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
  const header = csvCells(lines[0] ?? "").map((h) => h.toLowerCase());
  const missing = CSV_COLUMNS.slice(0, 3).filter((c) => !header.includes(c));
  if (missing.length) {
    throw new DomainError(
      "validation",
      `line 1: the header needs the columns ${CSV_COLUMNS.join(",")}; missing ${missing.join(", ")}`,
      "body",
      {
        errors: [{ line: 1, field: "header", message: `missing ${missing.join(", ")}` }],
      },
    );
  }
  const errors: CsvRowError[] = [];
  const rows: Array<{ line: number; employee: Employee; absence: AbsenceInput }> = [];
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]!.trim()) continue;
    const cells = csvCells(lines[i]!);
    const value = (column: string) => cells[header.indexOf(column)] || undefined;
    const ref = value("employee") ?? "";
    const employee = ref.includes("@")
      ? await deps.store.findEmployeeByEmail(ref)
      : ref
        ? await deps.store.getEmployee(ref)
        : undefined;
    if (!employee)
      errors.push({ line: i + 1, field: "employee", message: ref ? `no employee '${ref}'` : "is required" });
    const parsed = AbsenceInput.safeParse({
      type: value("type"),
      from: value("from"),
      to: value("to"),
      note: value("note"),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({
          line: i + 1,
          field: issue.path.join("."),
          message: issue.input === undefined ? "is required" : issue.message,
        });
      }
      continue;
    }
    if (!employee) continue;
    try {
      const sameFile = rows
        .filter((r) => r.employee.id === employee.id)
        .map((r) => ({ ...r.absence, id: `line ${r.line}`, employeeId: employee.id }));
      checkAbsence(parsed.data, [...(await deps.store.listAbsences(employee.id)), ...sameFile]);
      rows.push({ line: i + 1, employee, absence: parsed.data });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors.push({
        line: i + 1,
        field: error.field ?? "from",
        message: error.message.replace(/^[^:]*:\s*/, ""),
      });
    }
  }
  if (errors.length) {
    const summary = errors.map((e) => `line ${e.line}: ${e.field}: ${e.message}`).join("\n");
    throw new DomainError("validation", `body: nothing imported; fix these rows:\n${summary}`, "body", {
      errors,
    });
  }
  const imported: Absence[] = [];
  for (const row of rows) {
    const stored: Absence = { id: newId("abs"), employeeId: row.employee.id, ...row.absence };
    await deps.store.putAbsence(stored);
    await audit(deps, {
      entityType: "absence",
      entityId: stored.id,
      actor,
      action: "absence.imported",
      changes: Object.keys(row.absence),
    });
    imported.push(stored);
  }
  for (const employee of new Map(rows.map((r) => [r.employee.id, r.employee])).values()) {
    await rescheduleProbations(deps, employee);
  }
  await reconcileAssignments(deps);
  return { imported: imported.length, absences: imported };
}
