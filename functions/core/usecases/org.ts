// Units, positions, employees and job descriptions. Every change is validated against the
// organisation's references and leaves an audit record naming the fields that changed.
import { audit } from "../audit";
import { tallinnDate } from "../calendar";
import type { Deps } from "../deps";
import { DomainError, invalid, notFound } from "../errors";
import { newId } from "../ids";
import { linkTitles, type PositionLinks } from "../job-description/link-titles";
import { formatParseIssues, parseJobDescriptionMarkdown } from "../job-description/parse-markdown";
import { type Actor, Employee, Position, Unit } from "../model";
import { contractDateWindow, contractEndWindow, hireStartWindow, requireWithin } from "../plausibility";
import { ConditionFailed } from "../ports";
import { parseInput } from "../validation";

type OrgDeps = Pick<Deps, "store" | "clock">;

export const UnitInput = Unit.extend({ id: Unit.shape.id.optional() });
export const PositionInput = Position.extend({ id: Position.shape.id.optional() });
export const EmployeeInput = Employee.extend({
  id: Employee.shape.id.optional(),
});

function changedFields<T extends object>(before: T | undefined, after: T): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...keys].filter(
    (k) =>
      JSON.stringify((before as Record<string, unknown> | undefined)?.[k]) !==
      JSON.stringify((after as Record<string, unknown>)[k]),
  );
}

/** POST creates (the id must be new); PUT replaces (the record must exist). */
function assertCreateOrReplace(kind: string, id: string, exists: boolean, replacing: boolean): void {
  if (!replacing && exists) throw new DomainError("conflict", `id: ${kind} ${id} exists already`, "id");
  if (replacing && !exists) throw notFound(kind, id);
}

/**
 * Writes with the store's create or replace condition, so that of N identical creates racing
 * past the check above exactly one is stored (and audited); the others get the same 409.
 */
async function writeOnce(kind: string, id: string, replacing: boolean, write: () => Promise<void>) {
  try {
    await write();
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    if (/email/.test(error.message))
      throw new DomainError("conflict", "email: another employee has this address", "email");
    if (replacing) throw new DomainError("conflict", `${kind} ${id} changed meanwhile; reload and try again`);
    assertCreateOrReplace(kind, id, true, false);
  }
}

// --- units ----------------------------------------------------------------------------------

export async function saveUnit(deps: OrgDeps, actor: Actor, input: unknown, id?: string): Promise<Unit> {
  const unit = parseInput(Unit, {
    ...(input as object),
    id: id ?? (input as { id?: string })?.id ?? newId("unit"),
  });
  const before = await deps.store.getUnit(unit.id);
  assertCreateOrReplace("unit", unit.id, Boolean(before), Boolean(id));
  if (unit.parentUnitId && !(await deps.store.getUnit(unit.parentUnitId)))
    throw invalid("parentUnitId", "no such unit");
  await writeOnce("unit", unit.id, Boolean(id), () => deps.store.putUnit(unit, id ? "replace" : "create"));
  await audit(deps, {
    entityType: "unit",
    entityId: unit.id,
    actor,
    action: before ? "unit.updated" : "unit.created",
    changes: changedFields(before, unit),
  });
  return unit;
}

export async function deleteUnit(deps: OrgDeps, actor: Actor, id: string): Promise<void> {
  if (!(await deps.store.getUnit(id))) throw notFound("unit", id);
  const inUse = (await deps.store.listPositions()).filter((p) => p.unitId === id);
  if (inUse.length) throw new DomainError("conflict", `unit ${id} still has ${inUse.length} position(s)`);
  await deps.store.deleteUnit(id);
  await audit(deps, { entityType: "unit", entityId: id, actor, action: "unit.deleted" });
}

// --- positions ------------------------------------------------------------------------------

async function checkPosition(deps: OrgDeps, position: Position): Promise<void> {
  if (!(await deps.store.getUnit(position.unitId)))
    throw invalid("unitId", `no such unit ${position.unitId}`);
  if (position.managerPositionId) {
    // Walk up the manager chain (1.3): it must end, and not come back to this position.
    const seen = new Set([position.id]);
    let current: string | undefined = position.managerPositionId;
    while (current) {
      if (seen.has(current)) throw invalid("managerPositionId", "would make a cycle in the manager chain");
      seen.add(current);
      const manager = await deps.store.getPosition(current);
      if (!manager) throw invalid("managerPositionId", `no such position ${current}`);
      current = manager.managerPositionId;
    }
  }
  const subs = position.substitutePositionIds;
  if (new Set(subs).size !== subs.length) throw invalid("substitutePositionIds", "lists a position twice");
  if (subs.includes(position.id))
    throw invalid("substitutePositionIds", "a position cannot substitute itself");
  for (const sub of subs) {
    if (!(await deps.store.getPosition(sub)))
      throw invalid("substitutePositionIds", `no such position ${sub}`);
  }
}

export async function savePosition(
  deps: OrgDeps,
  actor: Actor,
  input: unknown,
  id?: string,
): Promise<Position> {
  const position = parseInput(Position, {
    ...(input as object),
    id: id ?? (input as { id?: string })?.id ?? newId("pos"),
  });
  const before = await deps.store.getPosition(position.id);
  assertCreateOrReplace("position", position.id, Boolean(before), Boolean(id));
  await checkPosition(deps, position);
  await writeOnce("position", position.id, Boolean(id), () =>
    deps.store.putPosition(position, id ? "replace" : "create"),
  );
  await audit(deps, {
    entityType: "position",
    entityId: position.id,
    actor,
    action: before ? "position.updated" : "position.created",
    changes: changedFields(before, position),
  });
  return position;
}

/** Direct reports (1.6) are derived: the positions whose manager is this one. */
export async function directReports(deps: OrgDeps, positionId: string): Promise<Position[]> {
  if (!(await deps.store.getPosition(positionId))) throw notFound("position", positionId);
  return (await deps.store.listPositions()).filter((p) => p.managerPositionId === positionId);
}

export async function deletePosition(deps: OrgDeps, actor: Actor, id: string): Promise<void> {
  if (!(await deps.store.getPosition(id))) throw notFound("position", id);
  if ((await deps.store.listEmployeesInPosition(id)).length)
    throw new DomainError("conflict", `position ${id} is held by someone`);
  const positions = await deps.store.listPositions();
  if (positions.some((p) => p.managerPositionId === id))
    throw new DomainError("conflict", `position ${id} manages other positions`);
  if (positions.some((p) => p.substitutePositionIds.includes(id)))
    throw new DomainError("conflict", `position ${id} substitutes another position`);
  await deps.store.deletePosition(id);
  await audit(deps, { entityType: "position", entityId: id, actor, action: "position.deleted" });
}

/** Imports a job description in the seed's Markdown format; a malformed file stores nothing. */
export async function importJobDescription(
  deps: OrgDeps,
  actor: Actor,
  positionId: string,
  markdown: string,
) {
  const position = await deps.store.getPosition(positionId);
  if (!position) throw notFound("position", positionId);
  const parsed = parseJobDescriptionMarkdown(markdown);
  if (!parsed.ok) {
    throw new DomainError(
      "validation",
      `body: the job description has errors:\n${formatParseIssues(parsed.errors, parsed.omitted)}`,
      "body",
      { issues: parsed.errors, omittedIssues: parsed.omitted },
    );
  }
  await deps.store.putJobDescription(positionId, parsed.value);
  await audit(deps, {
    entityType: "jobDescription",
    entityId: positionId,
    actor,
    action: "jobDescription.imported",
    changes: ["duties", "competencies", "requirements"],
  });
  const positionLinks = linkTitles(parsed.titles, await deps.store.listPositions(), positionId);
  const applied = await applyLinks(deps, actor, position, positionLinks);
  return { ...parsed.value, positionLinks: { ...positionLinks, ...applied } };
}

/**
 * Fills the position's manager (1.3) and substitutes (1.4) from the job description where the
 * position has none yet and the title names exactly one position; a value that differs from what
 * the position already has is reported, not overwritten (HR decides which is right).
 */
async function applyLinks(deps: OrgDeps, actor: Actor, position: Position, links: PositionLinks) {
  const differs: string[] = [];
  const changes: Partial<Position> = {};
  const managers = links.manager.flatMap((m) => m.positionIds);
  if (managers.length === 1) {
    if (!position.managerPositionId) changes.managerPositionId = managers[0];
    else if (position.managerPositionId !== managers[0]) differs.push("managerPositionId");
  }
  const substitutes = links.substitutedBy
    .filter((m) => m.positionIds.length === 1)
    .map((m) => m.positionIds[0]!);
  if (substitutes.length) {
    if (position.substitutePositionIds.length === 0) changes.substitutePositionIds = substitutes;
    else if (substitutes.some((id) => !position.substitutePositionIds.includes(id)))
      differs.push("substitutePositionIds");
  }
  const updated = Object.keys(changes);
  if (updated.length) {
    const next = Position.parse({ ...position, ...changes });
    // A manager that would make a cycle is reported as differing rather than stored.
    try {
      await checkPosition(deps, next);
      await writeOnce("position", position.id, true, () => deps.store.putPosition(next, "replace"));
      await audit(deps, {
        entityType: "position",
        entityId: position.id,
        actor,
        action: "position.linkedFromJobDescription",
        changes: updated,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { updated: [], differs: [...differs, ...updated] };
    }
  }
  return { updated, differs };
}

// --- employees ------------------------------------------------------------------------------

/** Checks an employee's references and dates; writes nothing. */
export async function checkEmployee(deps: OrgDeps, employee: Employee): Promise<void> {
  const today = tallinnDate(deps.clock.now());
  requireWithin("startDate", employee.startDate, hireStartWindow(today));
  requireWithin("contractEndDate", employee.contractEndDate, contractEndWindow(employee.startDate));
  requireWithin("contractDate", employee.contractDate, contractDateWindow(employee.startDate));
  if (employee.positionId) {
    const position = await deps.store.getPosition(employee.positionId);
    if (!position) throw invalid("positionId", `no such position ${employee.positionId}`);
    const others = (await deps.store.listEmployeesInPosition(position.id)).filter(
      (e) => e.id !== employee.id,
    );
    if (others.length && !position.multipleHolders) {
      throw new DomainError(
        "conflict",
        `positionId: ${position.title} (${position.id}) is held by ${others[0]!.name}; choose another position, or mark this one as having several holders (multipleHolders)`,
        "positionId",
      );
    }
  }
  const sameEmail = await deps.store.findEmployeeByEmail(employee.email);
  if (sameEmail && sameEmail.id !== employee.id)
    throw new DomainError("conflict", "email: another employee has this address", "email");
}

export async function saveEmployee(
  deps: OrgDeps,
  actor: Actor,
  input: unknown,
  id?: string,
): Promise<Employee> {
  const parsed = parseInput(EmployeeInput, input);
  const employeeId = id ?? parsed.id ?? newId("emp");
  const before = await deps.store.getEmployee(employeeId);
  assertCreateOrReplace("employee", employeeId, Boolean(before), Boolean(id));
  const employee: Employee = { ...parsed, id: employeeId };
  await checkEmployee(deps, employee);
  await writeOnce("employee", employee.id, Boolean(id), () =>
    deps.store.putEmployee(employee, id ? "replace" : "create"),
  );
  await audit(deps, {
    entityType: "employee",
    entityId: employee.id,
    actor,
    action: before ? "employee.updated" : "employee.created",
    changes: changedFields(before, employee),
  });
  return employee;
}

export async function deleteEmployee(deps: OrgDeps, actor: Actor, id: string): Promise<void> {
  if (!(await deps.store.getEmployee(id))) throw notFound("employee", id);
  const running = (await deps.store.listCases(id)).find((c) => c.status === "active");
  if (running) {
    throw new DomainError(
      "conflict",
      `employee ${id} has a ${running.workflow} in progress; cancel it first`,
    );
  }
  await deps.store.deleteEmployee(id);
  await audit(deps, { entityType: "employee", entityId: id, actor, action: "employee.deleted" });
}
