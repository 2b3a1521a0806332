// Who does a task. This is the only place that decides, and every decision says why.
//
// The lead of the subject's position (1.3 vahetu juht) acts, unless absent or the position is
// vacant; then, in this order: the lead's explicit delegation for that kind of task, the holders of
// the substitute positions (1.4 kes asendab) in their order, following their own substitutes while
// they are absent (a bounded chain that never visits a position twice), the lead's own manager,
// and finally HR's queue.
import type { Absence, Delegation, Employee, Position, TaskKind } from "./model";
import type { OrgStore } from "./ports";
import { holderOf } from "./workflows";

/** Tasks nobody can take go to HR's shared queue, mailed to the HR address. */
export const HR_QUEUE = "hr";

/** How far substitutes of substitutes are followed. */
export const MAX_SUBSTITUTE_DEPTH = 3;

export interface Assignment {
  assigneeId: string;
  /** The lead the assignee acts for, when it is not the lead. */
  onBehalfOfId?: string;
  /** While the lead is away: the last day of their absence, when known. */
  until?: string;
  /** Why, step by step, in plain words (ids, dates and roles; nothing personal). */
  reasons: string[];
}

/** What the decision reads: the organisation as of now. The store provides it; tests fake it. */
export interface OrgView {
  position(id: string): Promise<Position | undefined>;
  holders(positionId: string): Promise<Employee[]>;
  absences(employeeId: string): Promise<Absence[]>;
  delegations(employeeId: string): Promise<Delegation[]>;
}

/** Reads through the store, once per question (a decision asks about the same people repeatedly). */
export function orgViewOf(store: OrgStore): OrgView {
  const memo = <T>(fn: (id: string) => Promise<T>) => {
    const cache = new Map<string, Promise<T>>();
    return (id: string) => {
      let hit = cache.get(id);
      if (!hit) {
        hit = fn(id);
        cache.set(id, hit);
      }
      return hit;
    };
  };
  return {
    position: memo((id) => store.getPosition(id)),
    holders: memo((id) => store.listEmployeesInPosition(id)),
    absences: memo((id) => store.listAbsences(id)),
    delegations: memo((id) => store.listDelegations(id)),
  };
}

/** The absence that covers the date, if any. Open-ended absences last until closed. */
export async function absenceOn(
  org: OrgView,
  employeeId: string,
  date: string,
): Promise<Absence | undefined> {
  return (await org.absences(employeeId)).find((a) => a.from <= date && (a.to === undefined || date <= a.to));
}

const describeAbsence = (a: Absence) => `${a.type} ${a.from}..${a.to ?? "open-ended"}`;

/** The first holder of a position who is there on the date; the reasons say who was skipped. */
async function presentHolder(
  org: OrgView,
  positionId: string,
  date: string,
  exclude: string,
  reasons: string[],
) {
  const holders = (await org.holders(positionId)).filter((h) => h.id !== exclude);
  if (holders.length === 0) reasons.push(`position ${positionId} is vacant`);
  for (const holder of holders) {
    const away = await absenceOn(org, holder.id, date);
    if (!away) return holder;
    reasons.push(`${holder.id} (${positionId}) is absent: ${describeAbsence(away)}`);
  }
  return undefined;
}

export async function actingAssignee(
  org: OrgView,
  kind: TaskKind,
  subject: Employee,
  date: string,
): Promise<Assignment> {
  const holds = holderOf(kind);
  if (holds === "subject") {
    return {
      assigneeId: subject.id,
      reasons: [`${kind} is answered by the employee ${subject.id} in person`],
    };
  }
  const reasons: string[] = [];
  // `self`: the subject's own work (a trainer's attendance list). The subject stands where the
  // lead stands for lead tasks, so while they are away the same chain acts for them: their
  // delegation, their position's substitutes (1.4), their manager, HR.
  const self = holds === "self";
  const subjectPosition = subject.positionId ? await org.position(subject.positionId) : undefined;
  const leadPositionId = self ? subject.positionId : subjectPosition?.managerPositionId;
  if (!leadPositionId) {
    return {
      assigneeId: HR_QUEUE,
      reasons: [
        self
          ? `${subject.id} holds no position: HR queue`
          : `${subject.id}'s position has no manager position (1.3): HR queue`,
      ],
    };
  }
  const leadPosition = self ? subjectPosition : await org.position(leadPositionId);
  const holders = self ? [subject] : (await org.holders(leadPositionId)).filter((h) => h.id !== subject.id);
  const lead = holders[0];
  if (lead && self) {
    const away = await absenceOn(org, lead.id, date);
    if (!away)
      return { assigneeId: lead.id, reasons: [`${kind} is done by ${lead.id} in person, who is present`] };
    reasons.push(`${lead.id} (${leadPositionId}) does ${kind} but is absent: ${describeAbsence(away)}`);
  } else if (lead) {
    const away = await absenceOn(org, lead.id, date);
    if (!away)
      return {
        assigneeId: lead.id,
        reasons: [
          `${lead.id} holds ${leadPositionId}, the manager position of ${subject.positionId} (1.3), and is present`,
        ],
      };
    reasons.push(`${lead.id} holds ${leadPositionId} (1.3) but is absent: ${describeAbsence(away)}`);
  } else {
    reasons.push(`${leadPositionId}, the manager position of ${subject.positionId} (1.3), is vacant`);
  }
  const until = lead ? (await absenceOn(org, lead.id, date))?.to : undefined;
  const acting = (assigneeId: string, why: string): Assignment => ({
    assigneeId,
    onBehalfOfId: lead?.id,
    until,
    reasons: [...reasons, why],
  });

  // An explicit delegation overrides the job description's default.
  if (lead) {
    for (const d of await org.delegations(lead.id)) {
      if (d.from > date || d.to < date || (d.kinds.length > 0 && !d.kinds.includes(kind))) continue;
      const away = await absenceOn(org, d.toEmployeeId, date);
      if (!away && d.toEmployeeId !== subject.id) {
        return acting(
          d.toEmployeeId,
          `${lead.id} delegated ${d.kinds.length ? d.kinds.join(", ") : "all tasks"} to ${d.toEmployeeId} for ${d.from}..${d.to}`,
        );
      }
      reasons.push(
        `delegation ${d.id} to ${d.toEmployeeId} skipped: ${away ? `absent, ${describeAbsence(away)}` : "the delegate is the subject"}`,
      );
    }
  }

  // Substitute positions (1.4) in their order, then theirs, breadth first, never twice.
  const visited = new Set([leadPositionId]);
  let level = leadPosition?.substitutePositionIds ?? [];
  for (let depth = 1; depth <= MAX_SUBSTITUTE_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const positionId of level) {
      if (visited.has(positionId)) {
        reasons.push(`substitute ${positionId} already considered (cycle guard)`);
        continue;
      }
      visited.add(positionId);
      const holder = await presentHolder(org, positionId, date, subject.id, reasons);
      if (holder)
        return acting(
          holder.id,
          `${holder.id} holds ${positionId}, substitute ${depth > 1 ? `(level ${depth}) ` : ""}of ${leadPositionId} (1.4)`,
        );
      next.push(...((await org.position(positionId))?.substitutePositionIds ?? []));
    }
    level = next;
  }
  if (level.length > 0) reasons.push(`substitute chain stopped after ${MAX_SUBSTITUTE_DEPTH} levels`);

  // The lead's own manager (1.3 of the lead's position).
  const managerPositionId = leadPosition?.managerPositionId;
  if (managerPositionId) {
    const manager = await presentHolder(org, managerPositionId, date, subject.id, reasons);
    if (manager)
      return acting(manager.id, `${manager.id} holds ${managerPositionId}, the manager of ${leadPositionId}`);
  }
  return acting(HR_QUEUE, "nobody in the chain is present: HR queue");
}

/** Why a person may take over someone's tasks by an explicit delegation (besides HR approving it). */
export type DelegateBasis = "lead" | "substitute";

/**
 * Whether `to` may receive `from`'s delegated tasks on their own standing: they hold the lead role,
 * or a position that `from`'s position lists as its substitute (1.4 kes asendab). Anyone else
 * needs HR's approval: a lead's tasks show colleagues' probation records.
 */
export async function delegateBasis(
  org: Pick<OrgView, "position">,
  from: Employee,
  to: Employee,
): Promise<DelegateBasis | undefined> {
  if (to.roles.includes("lead")) return "lead";
  const fromPosition = from.positionId ? await org.position(from.positionId) : undefined;
  if (to.positionId && fromPosition?.substitutePositionIds.includes(to.positionId)) return "substitute";
  return undefined;
}

/** The holder of the subject's manager position (vahetu juht, 1.3), if the position is filled. */
export async function leadOf(org: OrgStore, subject: Employee): Promise<Employee | undefined> {
  if (!subject.positionId) return undefined;
  const position = await org.getPosition(subject.positionId);
  if (!position?.managerPositionId) return undefined;
  const holders = await org.listEmployeesInPosition(position.managerPositionId);
  return holders.find((h) => h.id !== subject.id);
}

/** The lead's own manager: where escalations of overdue tasks go, whoever holds the task now. */
export async function escalationTarget(org: OrgStore, subject: Employee): Promise<Employee | undefined> {
  const lead = await leadOf(org, subject);
  return lead ? leadOf(org, lead) : undefined;
}

/** The decision for a task at a moment, read from the store. */
export function resolveAssignee(
  org: OrgStore,
  kind: TaskKind,
  subject: Employee,
  date: string,
): Promise<Assignment> {
  return actingAssignee(orgViewOf(org), kind, subject, date);
}
