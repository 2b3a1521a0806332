// Review cycles that HR triggers (ATS § 30(1): a development conversation with every official at
// least once a year): define, preview who is in scope, launch, extend, cancel, close, and see
// where every review stands. A launch is idempotent and resumable: one review case per employee
// per cycle, its id (and so its execution's name) following from the two, so launching again after
// a crash or a partial failure creates and starts only what is missing; the sweep finishes a launch
// that ran out of time (a large cycle).
import { audit } from "../audit";
import { addDays, tallinnDate } from "../calendar";
import { forEachConcurrently } from "../concurrency";
import type { Deps } from "../deps";
import { DomainError, invalid, notFound } from "../errors";
import { idFor, newId } from "../ids";
import type { Actor, Employee, HumanTask } from "../model";
import { ConditionFailed } from "../ports";
import { parseCycleDefinition } from "../reviews/cycle";
import { type Cycle, cycleGroup } from "../reviews/cycle-record";
import { buildAnnualForms, buildMidtermForm, type Goal } from "../reviews/form";
import { requireNonEmptyScope, type ScopeSelection, selectScope } from "../reviews/scope";
import { ruleFor } from "../workflows";
import { asReview, type Review } from "../workflows/annual-review";
import { asMidterm, type Midterm } from "../workflows/midterm-review";
import { cancelCase, changeCase, ensureStarted } from "./cases";
import { lapseTask } from "./tasks";

type CycleDeps = Pick<Deps, "store" | "clock" | "mailer" | "engine" | "logger" | "config">;

/** How long one launch request creates and starts reviews before leaving the rest to the sweep. */
export const LAUNCH_BUDGET_MS = 20_000;
/** Executions started at once: well inside Step Functions' StartExecution rate in AWS. */
const START_CONCURRENCY = 8;
/** Transactions of 50 reviews written at once. */
const WRITE_CONCURRENCY = 8;

const now = (deps: Pick<Deps, "clock">) => deps.clock.now().toISOString();

export async function getCycle(deps: Pick<Deps, "store">, id: string): Promise<Cycle> {
  const cycle = await deps.store.getCycle(id);
  if (!cycle) throw notFound("cycle", id);
  return cycle;
}

/** HR defines a cycle; nothing starts until it is launched. */
export async function createCycle(deps: CycleDeps, actor: Actor, input: unknown): Promise<Cycle> {
  const definition = parseCycleDefinition(input);
  const cycle: Cycle = {
    id: newId("cycle", deps.clock.now().getTime()),
    definition,
    status: "draft",
    createdBy: actor.id,
    createdAt: now(deps),
    updatedAt: now(deps),
    version: 1,
  };
  await deps.store.createCycle(cycle);
  await audit(deps, {
    entityType: "case",
    entityId: cycle.id,
    actor,
    action: "cycle.created",
    changes: ["definition"],
  });
  return cycle;
}

/** A cycle's scope now: who gets a review, who is left out and why. */
async function scopeOf(
  deps: Pick<Deps, "store">,
  cycle: Cycle,
): Promise<ScopeSelection & { withoutJd: Employee[] }> {
  const [units, positions, employees] = await Promise.all([
    deps.store.listUnits(),
    deps.store.listPositions(),
    deps.store.listEmployees(),
  ]);
  const org = { units, positions, employees };
  const { exclusions } = cycle.definition;
  // The scope first, with nobody on probation or away: then who of those it reaches is.
  const candidates = selectScope(cycle.definition, {
    ...org,
    absencesOf: () => [],
    activeProbationEmployeeIds: new Set(),
  }).included;
  // Two queries, however many people the scope reaches: everyone's absences that reach into the
  // window, and everyone on probation now.
  const reached = new Set(candidates.map((e) => e.id));
  const [away, probations] = await Promise.all([
    exclusions.excludeAbsentWholeWindow ? deps.store.listAbsencesEndingFrom(cycle.definition.opensOn) : [],
    exclusions.excludeOnProbation ? deps.store.listActiveCases("probation") : [],
  ]);
  const absences = new Map<string, typeof away>();
  for (const a of away)
    if (reached.has(a.employeeId)) absences.set(a.employeeId, [...(absences.get(a.employeeId) ?? []), a]);
  const onProbation = new Set(probations.filter((c) => c.status === "active").map((c) => c.subjectId));
  const selection = selectScope(cycle.definition, {
    ...org,
    absencesOf: (id) => absences.get(id) ?? [],
    activeProbationEmployeeIds: onProbation,
  });
  // The forms come from the position's job description: without one there is nothing to assess.
  const jds = new Map<string, boolean>();
  const withoutJd: Employee[] = [];
  const included: Employee[] = [];
  for (const e of selection.included) {
    const positionId = e.positionId!;
    if (!jds.has(positionId))
      jds.set(positionId, (await deps.store.getJobDescription(positionId)) !== undefined);
    (jds.get(positionId) ? included : withoutJd).push(e);
  }
  return { included, excluded: selection.excluded, withoutJd };
}

const person = (e: Employee) => ({ id: e.id, name: e.name, positionId: e.positionId });

export async function previewCycle(deps: CycleDeps, id: string) {
  const cycle = await getCycle(deps, id);
  const scope = await scopeOf(deps, cycle);
  return {
    included: scope.included.map(person),
    excluded: [
      ...scope.excluded.map(({ employee, reason }) => ({ ...person(employee), reason })),
      ...scope.withoutJd.map((e) => ({ ...person(e), reason: "no_job_description" })),
    ],
  };
}

async function setCycle(
  deps: CycleDeps,
  id: string,
  change: (c: Cycle) => Cycle | undefined,
): Promise<Cycle> {
  for (let attempt = 1; ; attempt++) {
    const current = await getCycle(deps, id);
    const next = change(current);
    if (!next) return current;
    const written = { ...next, version: current.version + 1, updatedAt: now(deps) };
    try {
      await deps.store.updateCycle(written, current.version);
      return written;
    } catch (error) {
      if (!(error instanceof ConditionFailed) || attempt >= 5) throw error;
    }
  }
}

/** The review case of one employee in a cycle: always the same id, so a relaunch finds it. */
export const reviewIdOf = (cycleId: string, employeeId: string) => idFor("review", cycleId, employeeId);

/**
 * HR launches: the scope must select someone; the cycle becomes `launching` and as many reviews
 * as fit in the request are created and started; the sweep does the rest. Launching twice at once,
 * or again later, creates nothing twice.
 */
export async function launchCycle(deps: CycleDeps, actor: Actor, id: string) {
  const cycle = await getCycle(deps, id);
  if (cycle.status !== "draft" && cycle.status !== "launching" && cycle.status !== "open")
    throw new DomainError(
      "conflict",
      `status: the cycle is ${cycle.status}; it cannot be launched`,
      "status",
    );
  const scope = await scopeOf(deps, cycle);
  requireNonEmptyScope({ included: scope.included, excluded: scope.excluded });
  const launching = await setCycle(deps, id, (c) =>
    c.status === "draft"
      ? { ...c, status: "launching" }
      : c.status === "launching" || c.status === "open"
        ? undefined
        : c,
  );
  if (launching.status !== "launching" && launching.status !== "open")
    throw new DomainError("conflict", `status: the cycle is ${launching.status}`, "status");
  await audit(deps, {
    entityType: "case",
    entityId: id,
    actor,
    action: "cycle.launched",
    changes: ["status"],
  });
  return continueLaunch(deps, launching, LAUNCH_BUDGET_MS, scope.included);
}

/**
 * Creates and starts what is missing of a launch, until done or out of time. The reviews are
 * written first, 50 to a transaction (a launch is bounded by DynamoDB's write rate, not by one
 * round trip per review), each queued to start; then their workflows start, a bounded number at
 * once (in AWS, inside StartExecution's rate). Whatever the budget leaves is carried on by the
 * sweep: a review not started yet is on the table's "unstarted" index.
 */
export async function continueLaunch(deps: CycleDeps, given: Cycle, budgetMs: number, included?: Employee[]) {
  const started = Date.now();
  const inBudget = () => Date.now() - started < budgetMs;
  const owner = newId("launch");
  const cycle = await takeLaunchLease(deps, given.id, owner, budgetMs);
  if (!cycle) {
    // Another request or sweep writes this cycle's reviews now: it finishes, or its lease runs out.
    const current = await getCycle(deps, given.id);
    const { selected = 0, created = 0, started: running = 0 } = current.launch ?? {};
    return { cycle: current, selected, created, started: running, done: false };
  }
  const employees = included ?? (await scopeOf(deps, cycle)).included;
  const group = cycleGroup(cycle.id);
  // What an earlier holder of the lease wrote is skipped: the bulk write never overwrites.
  const existing = new Set(await deps.store.listCaseIdsInGroup(group));
  const missing = employees.filter((e) => !existing.has(reviewIdOf(cycle.id, e.id)));
  const forms = new Map<string, Promise<AnnualForms | undefined>>();
  const formsOf = (positionId: string) => {
    // One read of each job description and one form per position, however many hold it.
    if (!forms.has(positionId))
      forms.set(
        positionId,
        deps.store.getJobDescription(positionId).then((jd) => jd && buildAnnualForms(jd, cycle.definition)),
      );
    return forms.get(positionId)!;
  };
  const chunks: Employee[][] = [];
  for (let i = 0; i < missing.length; i += 50) chunks.push(missing.slice(i, i + 50));
  const createdNow: AnyReview[] = [];
  let skipped = 0;
  await forEachConcurrently(
    chunks,
    WRITE_CONCURRENCY,
    async (chunk) => {
      const reviews: AnyReview[] = [];
      for (const employee of chunk) {
        const review = await newReview(deps, cycle, employee, formsOf);
        if (review) reviews.push(review);
        else skipped++;
      }
      await deps.store.createCases(reviews);
      createdNow.push(...reviews);
    },
    inBudget,
  );
  // What this call wrote, and what an earlier one wrote but did not get to start.
  const earlier =
    existing.size > 0
      ? (await deps.store.listUnstartedCases("9999-12-31T23:59:59.999Z")).flatMap((c) =>
          c.groupId === group ? (asAnyReview(c) ?? []) : [],
        )
      : [];
  const waiting = [...new Map([...earlier, ...createdNow].map((r) => [r.id, r])).values()];
  let startedNow = 0;
  let refused = false;
  await forEachConcurrently(
    waiting,
    START_CONCURRENCY,
    async (r) => {
      try {
        await ensureStarted(deps, r);
        startedNow++;
      } catch (error) {
        // Step Functions throttled us past the client's own backoff (or is down): the reviews are
        // stored and on the unstarted index, so stop here and let the sweep carry on later.
        refused = true;
        deps.logger.warn("cycle launch: a workflow start was refused; the sweep carries on", {
          cycleId: cycle.id,
          error: (error as Error).name,
        });
      }
    },
    () => inBudget() && !refused,
  );
  const created = existing.size + createdNow.length;
  const running = created - (waiting.length - startedNow);
  // An employee whose job description went missing meanwhile cannot get a review: not done, but
  // not retried forever either (the preview shows them as without a job description).
  const done = created + skipped >= employees.length && running === created;
  // The counts, and the lease given back.
  const written = await setCycle(deps, cycle.id, (c) => ({
    ...c,
    status: done && c.status === "launching" ? "open" : c.status,
    launch: { selected: employees.length, created, started: running },
  }));
  return { cycle: written, selected: employees.length, created, started: running, done };
}

/** A writer's lease outlives its budget by this much: a slow last batch still ends inside it. */
const LEASE_MARGIN_MS = 60_000;

/** The cycle with this writer's lease on its launch, or undefined while another writer holds one. */
async function takeLaunchLease(
  deps: CycleDeps,
  id: string,
  owner: string,
  budgetMs: number,
): Promise<Cycle | undefined> {
  const at = deps.clock.now();
  const until = new Date(at.getTime() + budgetMs + LEASE_MARGIN_MS).toISOString();
  const cycle = await setCycle(deps, id, (c) => {
    const held = c.launch?.lease;
    if (held && held.owner !== owner && held.until > at.toISOString()) return undefined;
    return {
      ...c,
      launch: { ...(c.launch ?? { selected: 0, created: 0, started: 0 }), lease: { owner, until } },
    };
  });
  return cycle.launch?.lease?.owner === owner ? cycle : undefined;
}

/** A review of either kind: the annual conversation or the mid-term check-in. */
type AnyReview = Review | Midterm;
const asAnyReview = (c: Parameters<typeof asReview>[0]): AnyReview | undefined => asReview(c) ?? asMidterm(c);
type AnnualForms = ReturnType<typeof buildAnnualForms>;

/** The goals agreed in the employee's last annual conversation that was held. */
async function lastAnnualGoals(deps: Pick<Deps, "store">, employeeId: string): Promise<Goal[]> {
  const held = (await deps.store.listCases(employeeId, "annualReview"))
    .flatMap((c) => asReview(c) ?? [])
    .filter((r) => r.outcome?.conversationHeld)
    .sort((a, b) => (a.outcome!.closedOn < b.outcome!.closedOn ? -1 : 1));
  return held.at(-1)?.outcome?.goals ?? [];
}

/** The employee's review in the cycle as it is created (forms from the job description), not stored yet. */
async function newReview(
  deps: CycleDeps,
  cycle: Cycle,
  employee: Employee,
  formsOf: (positionId: string) => Promise<AnnualForms | undefined>,
): Promise<AnyReview | undefined> {
  const id = reviewIdOf(cycle.id, employee.id);
  const at = now(deps);
  const { definition } = cycle;
  const common = {
    id,
    subjectId: employee.id,
    groupId: cycleGroup(cycle.id),
    status: "active" as const,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const data = {
    cycleId: cycle.id,
    title: definition.title,
    opensOn: definition.opensOn,
    deadline: definition.deadline,
    positionId: employee.positionId,
  };
  if (definition.type === "midterm") {
    const previousGoals = await lastAnnualGoals(deps, employee.id);
    const midterm: Midterm = {
      ...common,
      workflow: "midtermReview",
      data: { ...data, previousGoals, form: buildMidtermForm("lead", previousGoals, definition) },
    };
    return asMidterm(midterm);
  }
  const forms = employee.positionId ? await formsOf(employee.positionId) : undefined;
  if (!forms) return undefined;
  return asReview({ ...common, workflow: "annualReview", data: { ...data, forms } } satisfies Review);
}

/** Sweep: resumes every launch a crash or the request's time limit left unfinished. */
export async function continueLaunches(
  deps: CycleDeps,
  budgetMs = 60_000,
  cycles?: readonly Cycle[],
): Promise<number> {
  let resumed = 0;
  for (const cycle of cycles ?? (await deps.store.listCycles())) {
    if (cycle.status !== "launching") continue;
    await continueLaunch(deps, cycle, budgetMs);
    resumed++;
  }
  return resumed;
}

const reviewsOf = async (deps: Pick<Deps, "store">, cycle: Cycle): Promise<AnyReview[]> =>
  (await deps.store.listCasesInGroup(cycleGroup(cycle.id))).flatMap((c) => asAnyReview(c) ?? []);

/** HR moves the deadline later: every running review's dates and its open tasks' due dates follow. */
export async function extendCycle(deps: CycleDeps, actor: Actor, id: string, input: unknown) {
  const deadline = (input as { deadline?: unknown })?.deadline;
  const cycle = await getCycle(deps, id);
  if (cycle.status === "closed" || cycle.status === "cancelled")
    throw new DomainError("conflict", `status: the cycle is ${cycle.status}`, "status");
  const definition = parseCycleDefinition({ ...cycle.definition, deadline });
  if (definition.deadline <= cycle.definition.deadline)
    throw invalid("deadline", `must be after the current deadline ${cycle.definition.deadline}`);
  const updated = await setCycle(deps, id, (c) => ({
    ...c,
    definition: { ...c.definition, deadline: definition.deadline },
  }));
  for (const review of await reviewsOf(deps, updated)) {
    if (review.status !== "active") continue;
    const { after } = await changeCase(
      deps,
      review.id,
      (c): AnyReview => asAnyReview(c)!,
      (current) =>
        ({
          ...current,
          data: { ...current.data, deadline: definition.deadline },
          updatedAt: now(deps),
        }) as AnyReview,
    );
    if (after) await realignTasks(deps, after);
  }
  await audit(deps, {
    entityType: "case",
    entityId: id,
    actor,
    action: "cycle.extended",
    changes: ["definition.deadline"],
  });
  return updated;
}

/** Open tasks' due dates and lapse instants from the case's current dates (counted from the day each opened). */
async function realignTasks(deps: CycleDeps, review: AnyReview): Promise<void> {
  for (const task of await deps.store.listTasks({ caseId: review.id, status: "open" })) {
    const rule = ruleFor(task.kind, review);
    const dueDate = rule.dueDate(tallinnDate(new Date(task.createdAt)));
    const lapseAt = rule.lapsesAt(dueDate);
    if (dueDate === task.dueDate && lapseAt === task.lapseAt) continue;
    await deps.store
      .updateTask(
        { ...task, dueDate, lapseAt, escalatedAt: undefined, version: task.version + 1 },
        task.version,
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionFailed)) throw error;
      });
  }
}

/** HR cancels: every running review stops, its open tasks are cancelled (their links say so). */
export async function cancelCycle(deps: CycleDeps, actor: Actor, id: string) {
  const cycle = await setCycle(deps, id, (c) => {
    if (c.status === "closed" || c.status === "cancelled")
      throw new DomainError("conflict", `status: the cycle is ${c.status}`, "status");
    return { ...c, status: "cancelled" };
  });
  for (const review of await reviewsOf(deps, cycle)) {
    if (review.status === "active") await cancelCase(deps, actor, review.id).catch(ignoreConflict);
  }
  await audit(deps, {
    entityType: "case",
    entityId: id,
    actor,
    action: "cycle.cancelled",
    changes: ["status"],
  });
  return cycle;
}

/**
 * HR closes: what is still open lapses now, so every review is recorded as it stands (a
 * conversation not held shows as not held in compliance) rather than left open.
 */
export async function closeCycle(deps: CycleDeps, actor: Actor, id: string) {
  const cycle = await setCycle(deps, id, (c) => {
    if (c.status !== "open" && c.status !== "launching")
      throw new DomainError(
        "conflict",
        `status: the cycle is ${c.status}; only an open cycle closes`,
        "status",
      );
    return { ...c, status: "closed" };
  });
  const closedAt = now(deps);
  for (const review of await reviewsOf(deps, cycle)) {
    if (review.status !== "active") continue;
    // Kept on the case: the tasks its workflow opens from now on lapse at once too (lapseWhenClosed).
    await changeCase(
      deps,
      review.id,
      (c): AnyReview => asAnyReview(c)!,
      (current) =>
        current.status === "active" && !current.data.closedAt
          ? ({ ...current, data: { ...current.data, closedAt }, updatedAt: closedAt } as AnyReview)
          : undefined,
    );
    for (const task of await deps.store.listTasks({ caseId: review.id, status: "open" })) {
      await lapseTask(deps, task);
    }
  }
  await audit(deps, {
    entityType: "cycle",
    entityId: id,
    actor,
    action: "cycle.closed",
    changes: ["status"],
  });
  return cycle;
}

function ignoreConflict(error: unknown) {
  if (!(error instanceof DomainError && error.code === "conflict")) throw error;
}

const STAGES = ["assessments", "meeting", "conversation", "checkIn", "signOff"] as const;
const stageOf = (review: AnyReview, open: HumanTask[]): string => {
  if (review.status === "closed") return review.outcome?.conversationHeld ? "completed" : "notHeld";
  if (review.status !== "active") return review.status;
  const kinds = new Set(open.map((t) => t.kind));
  if (kinds.has("review.selfAssessment") || kinds.has("review.leadAssessment")) return "assessments";
  if (kinds.has("review.meeting")) return "meeting";
  if (kinds.has("review.conversation")) return "conversation";
  if (kinds.has("midterm.checkIn")) return "checkIn";
  if (kinds.has("review.signOff") || kinds.has("midterm.signOff")) return "signOff";
  return "waiting";
};

/** Where every review of the cycle stands: counts by stage, completion per unit, overdue tasks. */
export async function cycleStatus(deps: CycleDeps, id: string) {
  const cycle = await getCycle(deps, id);
  const reviews = await reviewsOf(deps, cycle);
  const today = tallinnDate(deps.clock.now());
  const [positions, employees] = await Promise.all([deps.store.listPositions(), deps.store.listEmployees()]);
  const unitOf = new Map(positions.map((p) => [p.id, p.unitId]));
  const names = new Map(employees.map((e) => [e.id, e.name]));
  const byStage: Record<string, number> = {};
  const units = new Map<string, { unitId: string; total: number; completed: number }>();
  const overdue: Array<{
    reviewId: string;
    employeeId: string;
    kind: string;
    dueDate: string;
    holderId: string;
    holderName: string;
  }> = [];
  const rows: Array<{
    reviewId: string;
    employeeId: string;
    employeeName: string;
    unitId: string;
    stage: string;
  }> = [];
  for (const review of reviews) {
    const open =
      review.status === "active" ? await deps.store.listTasks({ caseId: review.id, status: "open" }) : [];
    const stage = stageOf(review, open);
    byStage[stage] = (byStage[stage] ?? 0) + 1;
    const unitId = unitOf.get(review.data.positionId ?? "") ?? "?";
    const unit = units.get(unitId) ?? { unitId, total: 0, completed: 0 };
    unit.total++;
    if (stage === "completed") unit.completed++;
    units.set(unitId, unit);
    rows.push({
      reviewId: review.id,
      employeeId: review.subjectId,
      employeeName: names.get(review.subjectId) ?? review.subjectId,
      unitId,
      stage,
    });
    for (const task of open.filter((t) => t.dueDate < today)) {
      overdue.push({
        reviewId: review.id,
        employeeId: review.subjectId,
        kind: task.kind,
        dueDate: task.dueDate,
        holderId: task.assigneeId,
        holderName: names.get(task.assigneeId) ?? task.assigneeId,
      });
    }
  }
  const completed = byStage.completed ?? 0;
  return {
    cycle: {
      id: cycle.id,
      status: cycle.status,
      title: cycle.definition.title,
      deadline: cycle.definition.deadline,
      launch: cycle.launch,
    },
    total: reviews.length,
    completed,
    completionPercent: reviews.length === 0 ? 0 : Math.round((completed / reviews.length) * 1000) / 10,
    byStage,
    stages: STAGES,
    byUnit: [...units.values()].map((u) => ({
      ...u,
      completionPercent: Math.round((u.completed / u.total) * 1000) / 10,
    })),
    overdue,
    rows,
  };
}

/** RFC 4180: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
const csvCell = (value: string) => {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export async function cycleStatusCsv(deps: CycleDeps, id: string): Promise<string> {
  const status = await cycleStatus(deps, id);
  const overdueBy = new Map<string, string>();
  for (const o of status.overdue) overdueBy.set(o.reviewId, `${o.kind} (${o.dueDate}, ${o.holderName})`);
  const lines = [
    ["review", "employee", "name", "unit", "stage", "overdue"].join(","),
    ...status.rows.map((r) =>
      [r.reviewId, r.employeeId, r.employeeName, r.unitId, r.stage, overdueBy.get(r.reviewId) ?? ""]
        .map(csvCell)
        .join(","),
    ),
  ];
  return `${lines.join("\r\n")}\r\n`;
}

/** Training needs the reviews produced: HR's training requests. */
export async function trainingRequests(deps: Pick<Deps, "store">, cycleId?: string) {
  const cycles = cycleId ? [await getCycle(deps, cycleId)] : await deps.store.listCycles();
  const out: Array<{
    cycleId: string;
    reviewId: string;
    employeeId: string;
    topic: string;
    closedOn: string;
  }> = [];
  for (const cycle of cycles) {
    for (const review of await reviewsOf(deps, cycle)) {
      if (review.workflow !== "annualReview") continue;
      for (const topic of review.outcome?.trainingNeeds ?? []) {
        out.push({
          cycleId: cycle.id,
          reviewId: review.id,
          employeeId: review.subjectId,
          topic,
          closedOn: review.outcome!.closedOn,
        });
      }
    }
  }
  return out;
}

/** ATS § 30(1): who has had no completed development conversation in the last 12 months. */
export async function complianceReport(deps: Pick<Deps, "store" | "clock">) {
  const since = addDays(tallinnDate(deps.clock.now()), -365);
  const employees = await deps.store.listEmployees();
  const missing: Array<{ employeeId: string; name: string; lastHeldOn?: string }> = [];
  for (const e of employees) {
    const reviews = (await deps.store.listCases(e.id, "annualReview")).flatMap((c) => asReview(c) ?? []);
    const held = reviews
      .filter((r) => r.outcome?.conversationHeld && r.outcome.heldOn)
      .map((r) => r.outcome!.heldOn!)
      .sort();
    const last = held.at(-1);
    if (!last || last < since)
      missing.push({ employeeId: e.id, name: e.name, ...(last ? { lastHeldOn: last } : {}) });
  }
  return { since, missing };
}
