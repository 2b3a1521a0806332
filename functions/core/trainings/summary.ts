// The summary of an info session (infotunni kokkuvõte): the job description makes the lead
// responsible for "regulaarsete osakonnasiseste infotundide läbiviimine ja kokkuvõtete tegemine",
// with summaries reaching the staff and the department's other leads on time. Here: when it is
// due (N business days after the session; weekends and Estonian public holidays, Pühade ja
// tähtpäevade seadus § 2, do not count), when its author is reminded and when it escalates, who
// receives it, and who may read the archive (the unit's staff and the department's leads, nobody else).
//
// Definitions, all from the unit tree and positions (a unit's "staff" include its sub-units'):
// - department: the unit's ancestor directly below the root (a unit without a parent). A unit
//   directly below the root, or a root itself, is its own department. A parent chain that loops
//   has no root; such a unit is taken as its own department (the narrowest reading).
// - staff of a unit: holders of positions in the unit or any unit below it.
// - lead: an employee whose position is another position's manager position (vahetu juht, 1.3),
//   or who has the `lead` role.
import { z } from "zod";
import { addBusinessDays } from "../calendar";
import { Employee, IsoDate, type Position, type Unit } from "../model";
import { unitsWithin } from "../reviews/scope";

/** The job description's "on time": two business days unless the lead's unit agrees otherwise. */
export const DEFAULT_SUMMARY_BUSINESS_DAYS = 2;

export const SummaryDeadlines = z.object({
  /** The last day the summary may go out. */
  dueOn: IsoDate,
  /** The author is reminded that morning: the business day before the due day, or the due day itself. */
  remindOn: IsoDate,
  /** Not sent by the end of the due day: the lead's manager (and the acting substitute) are told. */
  escalateOn: IsoDate,
});
export type SummaryDeadlines = z.infer<typeof SummaryDeadlines>;

/**
 * Due N business days after the session (a Friday session with N = 2 is due on Tuesday); the
 * reminder goes out the business day before the due day, unless that is the session's own day
 * (N = 1), then on the due day; escalation is the first business day after the due day.
 */
export function summaryDeadlines(
  sessionDate: string,
  businessDays = DEFAULT_SUMMARY_BUSINESS_DAYS,
): SummaryDeadlines {
  if (!Number.isInteger(businessDays) || businessDays < 1 || businessDays > 20)
    throw new RangeError("a summary is due 1 to 20 business days after the session");
  const dueOn = addBusinessDays(sessionDate, businessDays);
  const before = addBusinessDays(dueOn, -1);
  return { dueOn, remindOn: before > sessionDate ? before : dueOn, escalateOn: addBusinessDays(dueOn, 1) };
}

export interface SummaryOrganisation {
  units: readonly Unit[];
  positions: readonly Position[];
  employees: readonly Employee[];
}

/** The department of a unit: its ancestor directly below the root (see the module comment). */
export function departmentOf(units: readonly Unit[], unitId: string): string {
  const parent = new Map(units.map((u) => [u.id, u.parentUnitId]));
  const seen = new Set<string>();
  let current = unitId;
  for (;;) {
    seen.add(current);
    const up = parent.get(current);
    if (up === undefined || !parent.has(up)) return current; // a root, or a parent we do not know
    if (parent.get(up) === undefined) return current; // `up` is the root: `current` is the department
    if (seen.has(up)) return unitId; // a loop: no root to measure from
    current = up;
  }
}

/** The units whose holders are the staff of `unitId`: it and every unit below it. */
const staffUnits = (org: SummaryOrganisation, unitId: string) => unitsWithin(org.units, [unitId], true);

function leadPositionIds(positions: readonly Position[]): Set<string> {
  return new Set(positions.flatMap((p) => (p.managerPositionId === undefined ? [] : [p.managerPositionId])));
}

const isLead = (employee: Pick<Employee, "roles" | "positionId">, leadPositions: ReadonlySet<string>) =>
  employee.roles.includes("lead") ||
  (employee.positionId !== undefined && leadPositions.has(employee.positionId));

function unitOfEmployee(org: SummaryOrganisation, employee: Employee): string | undefined {
  if (employee.positionId === undefined) return undefined;
  return org.positions.find((p) => p.id === employee.positionId)?.unitId;
}

export const SummaryRecipient = z.object({
  employee: Employee,
  /** staff: works in the unit; department_lead: another lead of the department. */
  as: z.enum(["staff", "department_lead"]),
});
export type SummaryRecipient = z.infer<typeof SummaryRecipient>;

/**
 * Who receives the summary of `unitId`'s info session: its staff (sub-units included), then the
 * department's other leads, each once, in the organisation's order. The author (usually the
 * unit's lead) is left out: they wrote it. People not employed on `today` (not started, contract
 * ended) get nothing.
 */
export function summaryRecipients(
  org: SummaryOrganisation,
  input: { unitId: string; authorId: string; today: string },
): SummaryRecipient[] {
  const staff = staffUnits(org, input.unitId);
  const department = unitsWithin(org.units, [departmentOf(org.units, input.unitId)], true);
  const leads = leadPositionIds(org.positions);
  const employed = (e: Employee) =>
    e.startDate <= input.today && (e.contractEndDate === undefined || e.contractEndDate >= input.today);
  const recipients: SummaryRecipient[] = [];
  const departmentLeads: SummaryRecipient[] = [];
  for (const employee of org.employees) {
    if (employee.id === input.authorId || !employed(employee)) continue;
    const unit = unitOfEmployee(org, employee);
    if (unit === undefined) continue;
    if (staff.has(unit)) recipients.push({ employee, as: "staff" });
    else if (department.has(unit) && isLead(employee, leads))
      departmentLeads.push({ employee, as: "department_lead" });
  }
  return [...recipients, ...departmentLeads];
}

/**
 * Whether `user` may read the summaries of `unitId`'s info sessions: the unit's staff (sub-units
 * included) and the leads of its department, as the organisation is now. Nobody else, HR
 * included: the summaries are the unit's working notes, and the job description sends them to
 * these people only. With `today`, someone not employed that day (not started, contract ended)
 * may not read either.
 */
export function mayReadSummary(
  user: Pick<Employee, "id" | "positionId" | "roles"> &
    Partial<Pick<Employee, "startDate" | "contractEndDate">>,
  unitId: string,
  org: Pick<SummaryOrganisation, "units" | "positions">,
  today?: string,
): boolean {
  if (today !== undefined) {
    if (user.startDate === undefined || user.startDate > today) return false;
    if (user.contractEndDate !== undefined && user.contractEndDate < today) return false;
  }
  if (user.positionId === undefined) return false;
  const position = org.positions.find((p) => p.id === user.positionId);
  if (!position) return false;
  if (!org.units.some((u) => u.id === unitId)) return false;
  if (staffUnits({ ...org, employees: [] }, unitId).has(position.unitId)) return true;
  const department = unitsWithin(org.units, [departmentOf(org.units, unitId)], true);
  return department.has(position.unitId) && isLead(user, leadPositionIds(org.positions));
}
