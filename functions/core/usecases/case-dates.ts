// Some case dates depend on what is not known yet: an open-ended absence extends a TLS probation
// day by day for as long as it lasts (TLS § 86), but its end is only known when it is closed. So
// before a timer fires or a task lapses on such a date, the date is brought up to today: a
// probation never lapses, nor its final assessment opens, on an end date the absence has moved.
import type { Deps } from "../deps";
import type { Case } from "../model";
import { asProbation } from "../workflows/probation";
import { rescheduleProbations } from "./probation";

type RefreshDeps = Pick<Deps, "store" | "clock" | "mailer" | "engine" | "logger" | "config">;

/** Per workflow whose dates move with the calendar: how to bring a case's dates up to today. */
const refreshers: Partial<Record<Case["workflow"], (deps: RefreshDeps, c: Case) => Promise<void>>> = {
  probation: async (deps, c) => {
    const probation = asProbation(c);
    const employee =
      probation?.status === "active" ? await deps.store.getEmployee(probation.subjectId) : undefined;
    if (employee) await rescheduleProbations(deps, employee);
  },
};

/** Brings the case's dates up to today, once per case per sweep (`seen`). */
export async function refreshCaseDates(deps: RefreshDeps, caseId: string, seen: Set<string>): Promise<void> {
  if (seen.has(caseId)) return;
  seen.add(caseId);
  const c = await deps.store.getCase(caseId);
  const refresh = c && refreshers[c.workflow];
  if (c && refresh) await refresh(deps, c);
}
