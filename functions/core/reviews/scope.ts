// Who a review cycle is for: the employees its scope selects, and of those, who is left out and
// why. HR previews this before launching, so every exclusion carries its reason; employees the
// scope does not reach at all are simply not listed.
import { z } from "zod";
import { addDays } from "../calendar";
import { invalid } from "../errors";
import { type Absence, Employee, OPEN_END_PLACEHOLDER, type Position, type Unit } from "../model";
import type { CycleDefinition } from "./cycle";
import { fieldPath } from "./parse";

/**
 * Why someone in scope gets no review in this cycle.
 * - no_position: a review is held with the lead of the employee's position (1.3); without a
 *   position there is no lead and no job description to generate the form from.
 * - unknown_position: the employee's position is not in the organisation (deleted or mistyped).
 * - not_started: starts after the cycle's deadline.
 * - contract_ended: a fixed-term contract ended before the cycle opens.
 * - on_probation: has probation conversations instead (setting `excludeOnProbation`).
 * - absent_whole_window: away every day from opening to deadline (setting `excludeAbsentWholeWindow`).
 */
export const ExclusionReason = z.enum([
  "no_position",
  "unknown_position",
  "not_started",
  "contract_ended",
  "on_probation",
  "absent_whole_window",
]);
export type ExclusionReason = z.infer<typeof ExclusionReason>;

export const ScopeSelection = z.object({
  included: z.array(Employee),
  excluded: z.array(z.object({ employee: Employee, reason: ExclusionReason })),
});
export type ScopeSelection = z.infer<typeof ScopeSelection>;

/** What selection reads of the organisation; the use case loads it from the store. */
export interface ScopeOrganisation {
  units: readonly Unit[];
  positions: readonly Position[];
  employees: readonly Employee[];
  absencesOf(employeeId: string): ReadonlyArray<Pick<Absence, "from" | "to">>;
  activeProbationEmployeeIds: ReadonlySet<string>;
}

/**
 * The units named and, when asked, every unit below them however deep. A parent chain that loops
 * (a data error: A under B under A) is walked once, never for ever.
 */
export function unitsWithin(
  units: readonly Unit[],
  rootIds: readonly string[],
  includeSubUnits: boolean,
): Set<string> {
  const selected = new Set(rootIds);
  if (!includeSubUnits) return selected;
  const children = new Map<string, string[]>();
  for (const unit of units) {
    if (unit.parentUnitId === undefined) continue;
    const list = children.get(unit.parentUnitId) ?? [];
    list.push(unit.id);
    children.set(unit.parentUnitId, list);
  }
  const queue = [...selected];
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const child of children.get(id) ?? []) {
      if (selected.has(child)) continue; // seen already: also what stops a cycle
      selected.add(child);
      queue.push(child);
    }
  }
  return selected;
}

/**
 * Whether the absences cover every day from `from` to `to` (both included). Absences may
 * overlap, touch or come in any order; an absence without an end (or with the 9999-12-31
 * placeholder) is open-ended and covers every day from its start.
 */
export function absentWholeWindow(
  absences: ReadonlyArray<Pick<Absence, "from" | "to">>,
  from: string,
  to: string,
): boolean {
  if (to < from) return false;
  const sorted = [...absences].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  /** The first day not yet known to be covered. */
  let uncovered = from;
  for (const absence of sorted) {
    if (absence.from > uncovered) return false; // a gap: `uncovered` is a day at work
    const end = absence.to === undefined || absence.to === OPEN_END_PLACEHOLDER ? undefined : absence.to;
    if (end === undefined) return true;
    if (end >= uncovered) uncovered = addDays(end, 1);
    if (uncovered > to) return true;
  }
  return false;
}

/** Throws a validation error naming the first id the organisation does not know. */
function requireKnown(ids: readonly string[], known: ReadonlySet<string>, field: string, what: string) {
  ids.forEach((id, i) => {
    if (!known.has(id)) throw invalid(fieldPath(["scope", field, i]), `no ${what} ${id}`);
  });
}

/**
 * The employees the cycle's scope selects, split into those who get a review and those left out
 * with the reason. Employees appear in the organisation's order. Unknown units or positions in
 * the scope are an error naming the id's place (`scope.unitIds[1]`).
 */
export function selectScope(
  definition: Pick<CycleDefinition, "scope" | "opensOn" | "deadline" | "exclusions">,
  org: ScopeOrganisation,
): ScopeSelection {
  const { scope, opensOn, deadline, exclusions } = definition;
  const positions = new Map(org.positions.map((p) => [p.id, p]));

  let inScope: (position: Position) => boolean;
  if (scope.kind === "organisation") {
    inScope = () => true;
  } else if (scope.kind === "units") {
    requireKnown(scope.unitIds, new Set(org.units.map((u) => u.id)), "unitIds", "unit");
    const units = unitsWithin(org.units, scope.unitIds, scope.includeSubUnits);
    inScope = (position) => units.has(position.unitId);
  } else {
    requireKnown(scope.positionIds, new Set(positions.keys()), "positionIds", "position");
    const ids = new Set(scope.positionIds);
    inScope = (position) => ids.has(position.id);
  }

  const selection: ScopeSelection = { included: [], excluded: [] };
  for (const employee of org.employees) {
    const reason = exclusionOf(employee);
    if (reason === null) continue;
    if (reason === undefined) selection.included.push(employee);
    else selection.excluded.push({ employee, reason });
  }
  return selection;

  /** null: out of scope; undefined: included; else why they are left out. */
  function exclusionOf(employee: Employee): ExclusionReason | null | undefined {
    // Without a (known) position nobody can tell whether the scope reaches them: HR is shown
    // them, so that a missing position is fixed rather than a review silently skipped.
    if (employee.positionId === undefined) return "no_position";
    const position = positions.get(employee.positionId);
    if (!position) return "unknown_position";
    if (!inScope(position)) return null;
    if (employee.startDate > deadline) return "not_started";
    if (employee.contractEndDate !== undefined && employee.contractEndDate < opensOn) return "contract_ended";
    if (exclusions.excludeOnProbation && org.activeProbationEmployeeIds.has(employee.id))
      return "on_probation";
    if (
      exclusions.excludeAbsentWholeWindow &&
      absentWholeWindow(org.absencesOf(employee.id), opensOn, deadline)
    )
      return "absent_whole_window";
    return undefined;
  }
}

/**
 * A cycle that selects nobody is HR's mistake (a wrong unit, every member excluded), not an
 * empty success: refused naming `scope`, with how many were left out and why.
 */
export function requireNonEmptyScope(selection: ScopeSelection): ScopeSelection {
  if (selection.included.length > 0) return selection;
  const counts = new Map<ExclusionReason, number>();
  for (const { reason } of selection.excluded) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const why =
    counts.size === 0
      ? "no employee holds a position in it"
      : `all ${selection.excluded.length} in it are excluded (${[...counts].map(([r, n]) => `${r}: ${n}`).join(", ")})`;
  throw invalid("scope", `selects nobody: ${why}`);
}
