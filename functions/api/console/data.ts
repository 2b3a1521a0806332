// Every read the console makes of probation, task and timer records, in one module. The console's
// pages see only the shapes below (a "case" with its dates and outcome, tasks and timers of a
// case), never the stored records, so when probation becomes one kind of generic case record
// (its fields under `data`/`outcome`, `probationId` on tasks and timers becoming `caseId`) this
// file is the one to change. Writes go through the core use cases, which own the records.
import type { Deps } from "../../core/deps";
import type { Absence, FormDefinition, HumanTask, Locale, Timer } from "../../core/model";
import { policy } from "../../core/policy";
import type { Cycle } from "../../core/reviews/cycle-record";
import { trainingGroup } from "../../core/trainings/record";
import { isReviewCase, recordReviewRead } from "../../core/usecases/access-log";
import { probationView } from "../../core/usecases/probation";
import { readableReview } from "../../core/usecases/reviews";
import { type TaskUser, taskForUser } from "../../core/usecases/tasks";
import { ruleFor } from "../../core/workflows";
import { asReview, type Review } from "../../core/workflows/annual-review";
import { asMidterm, type Midterm } from "../../core/workflows/midterm-review";
import { asProbation, type Probation } from "../../core/workflows/probation";
import { asTrainingSession } from "../../core/workflows/training";

type LocalText = Record<Locale, string>;

/** A running or finished process about one person (today: a probation). */
export interface CaseView {
  id: string;
  subjectId: string;
  regime: "TLS" | "ATS";
  startDate: string;
  /** The last day as the law computes it without absences. */
  baseEndDate: string;
  /** The last day after extensions for days not worked. */
  endDate: string;
  extensionDays: number;
  status: "active" | "closed" | "cancelled" | "failed";
  outcome?: {
    decision: string;
    decidedOn?: string;
    contractEndsOn?: string;
    acknowledgement?: string;
    missedTasks: string[];
    decidedBy?: string;
    decidedOnBehalfOf?: string;
  };
  createdAt: string;
}

export interface TaskView {
  id: string;
  kind: string;
  caseId?: string;
  subjectId: string;
  assigneeId: string;
  /** Whom the holder acts for (a substitute holding the lead's task). */
  onBehalfOfId?: string;
  /** While a substitute holds it: the last day of the lead's absence, when known. */
  delegatedUntil?: string;
  dueDate: string;
  status: "open" | "completed" | "cancelled" | "lapsed";
  title: LocalText;
  form: FormDefinition;
  createdAt: string;
  completedById?: string;
  completedByName?: string;
  completedAt?: string;
  lapsedAt?: string;
  /** When a fresh link was last mailed on request. */
  linkReissuedAt?: string;
}

/** An annual review (development conversation) of one person, as the console shows it. */
export interface ReviewView {
  id: string;
  cycleId: string;
  subjectId: string;
  title: LocalText;
  opensOn: string;
  deadline: string;
  status: "active" | "closed" | "cancelled" | "failed";
  /** Where it stands: assessments, meeting, conversation, signOff, waiting (to open), completed, notHeld, cancelled, failed. */
  stage: string;
  heldOn?: string;
  signOff?: string;
  /** The final record can be downloaded (the employee signed it off). */
  final: boolean;
  /** Its open tasks (who holds each, due when). */
  openTasks: TaskView[];
  /** Every task of it, for its page. */
  tasks: TaskView[];
  createdAt: string;
}

/** One person's seat in one training session. */
export interface TrainingSeatView {
  trainingId: string;
  trainingStatus: "active" | "cancelled";
  title: LocalText;
  caseId: string;
  caseStatus: string;
  session: {
    id: string;
    date: string;
    start: string;
    end: string;
    place?: string;
    videoUrl?: string;
    capacity: number;
  };
  trainerId: string;
  seat: { status: string; confirmation: string; movedBecause?: string };
}

/** Earlier answers a task's holder sees with its form (both assessments beside the meeting's form). */
export type TaskContext = Array<{ label: LocalText; value: LocalText }>;

export interface TimerView {
  id: string;
  purpose: string;
  dueAt: string;
  status: "waiting" | "fired" | "cancelled";
}

const caseOf = (p: Probation): CaseView => ({
  id: p.id,
  subjectId: p.subjectId,
  ...p.data,
  status: p.status,
  outcome: p.outcome
    ? {
        decision: p.outcome.decision,
        decidedOn: p.outcome.decidedOn,
        contractEndsOn: p.outcome.contractEndsOn,
        acknowledgement: p.outcome.summaryAcknowledgement,
        missedTasks: p.outcome.missedTasks ?? [],
        decidedBy: p.outcome.decidedBy,
        decidedOnBehalfOf: p.outcome.decidedOnBehalfOf,
      }
    : undefined,
  createdAt: p.createdAt,
});

const probations = (cases: Parameters<typeof asProbation>[0][]) =>
  cases.map(asProbation).filter((p): p is Probation => p !== undefined);

const taskOf = (t: Omit<HumanTask, "callback" | "links" | "answers">): TaskView => ({
  id: t.id,
  kind: t.kind,
  caseId: t.caseId,
  subjectId: t.subjectId,
  assigneeId: t.assigneeId,
  onBehalfOfId: t.onBehalfOfId,
  delegatedUntil: t.delegatedUntil,
  dueDate: t.dueDate,
  status: t.status,
  title: t.form.title,
  form: t.form,
  createdAt: t.createdAt,
  completedById: t.completedBy?.id,
  completedByName: t.completedBy?.name,
  completedAt: t.completedAt,
  lapsedAt: t.lapsedAt,
  linkReissuedAt: t.linkReissuedAt,
});

const timerOf = (t: Pick<Timer, "id" | "purpose" | "dueAt" | "status">): TimerView => ({
  id: t.id,
  purpose: t.purpose,
  dueAt: t.dueAt,
  status: t.status,
});

const stageOf = (review: Review | Midterm, open: TaskView[]): string => {
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

const reviewOf = (review: Review | Midterm, tasks: TaskView[]): ReviewView => {
  const open = tasks.filter((t) => t.status === "open");
  const signOff = review.outcome?.signOff;
  return {
    id: review.id,
    cycleId: review.data.cycleId,
    subjectId: review.subjectId,
    title: review.data.title,
    opensOn: review.data.opensOn,
    deadline: review.data.deadline,
    status: review.status,
    stage: stageOf(review, open),
    heldOn: review.outcome?.heldOn,
    signOff,
    final:
      (signOff === "agreed" || signOff === "disagreed") &&
      tasks.some(
        (t) => (t.kind === "review.signOff" || t.kind === "midterm.signOff") && t.status === "completed",
      ),
    openTasks: open,
    tasks,
    createdAt: review.createdAt,
  };
};

/** Far enough ahead that every open task is due before it. */
const ALL_OPEN = "2199-12-31";

export function consoleData(deps: Pick<Deps, "store" | "clock">) {
  const { store } = deps;
  return {
    /** Every case of every person, newest first. Reads one index page per person. */
    async allCases(): Promise<CaseView[]> {
      const people = await store.listEmployees();
      const lists = await Promise.all(people.map((p) => store.listCases(p.id, "probation")));
      return probations(lists.flat())
        .map(caseOf)
        .sort((a, b) => b.startDate.localeCompare(a.startDate));
    },

    async casesOf(employeeId: string): Promise<CaseView[]> {
      return probations(await store.listCases(employeeId, "probation"))
        .map(caseOf)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },

    async caseById(id: string): Promise<CaseView | undefined> {
      const p = asProbation(await store.getCase(id));
      return p && caseOf(p);
    },

    /** A case with its tasks and timers (answers, links and tokens are never read out). */
    async caseTimeline(
      id: string,
    ): Promise<{ case: CaseView; tasks: TaskView[]; timers: TimerView[] } | undefined> {
      if (!asProbation(await store.getCase(id))) return undefined;
      const view = await probationView(deps, id);
      return {
        case: caseOf(view.probation),
        tasks: view.tasks.map(taskOf),
        timers: view.timers.map(timerOf),
      };
    },

    /** Every open task, soonest due first. */
    async openTasks(): Promise<TaskView[]> {
      return (await store.listOpenTasksDueBy(ALL_OPEN)).map(taskOf).sort(byDue);
    },

    /** The open tasks a person holds now (their own and those held as a substitute). */
    async openTasksHeldBy(assigneeId: string): Promise<TaskView[]> {
      return (await store.listTasks({ assigneeId, status: "open" })).map(taskOf).sort(byDue);
    },

    /** One task as the user may see it (theirs, or any for HR); undefined for none or not theirs. */
    async taskFor(user: TaskUser, taskId: string): Promise<TaskView | undefined> {
      const task = await taskRecordFor(deps, user, taskId);
      return task && taskOf(task);
    },

    /**
     * What the holder of an open task sees beside its form (the workflow's own rule: e.g. both
     * assessments beside the meeting's form); only for the task's holder, never for HR reading it.
     */
    async taskContext(user: TaskUser, taskId: string): Promise<TaskContext> {
      const task = await taskRecordFor(deps, user, taskId);
      if (task?.status !== "open" || !policy.mayCompleteTask(user, task)) return [];
      const stored = await store.getCase(task.caseId);
      if (!stored) return [];
      const context = ruleFor(task.kind, stored).context(await store.listTasks({ caseId: task.caseId }));
      // A review's answers shown beside the form are a read of the review: in the access log.
      if (context.length > 0 && isReviewCase(stored))
        await recordReviewRead(deps, user, stored, "review.read.task");
      return context;
    },

    /** A person's reviews (development conversations), newest first. */
    async reviewsOf(employeeId: string): Promise<ReviewView[]> {
      const reviews = (await store.listCases(employeeId)).flatMap((c) => asReview(c) ?? asMidterm(c) ?? []);
      const views = await Promise.all(
        reviews.map(async (r) =>
          reviewOf(r, (await store.listTasks({ caseId: r.id })).map(taskOf).sort(byDue)),
        ),
      );
      return views.sort(
        (a, b) => b.opensOn.localeCompare(a.opensOn) || b.createdAt.localeCompare(a.createdAt),
      );
    },

    /**
     * One review for someone who may read it (HR, the employee, their lead, whoever holds one of
     * its tasks for the lead: policy.mayReadReview); undefined for none or not theirs.
     */
    async reviewFor(user: TaskUser, id: string, readerName?: string): Promise<ReviewView | undefined> {
      const readable = await readableReview(deps, user, id).catch(() => undefined);
      if (!readable) return undefined;
      // Its page shows the review's content: every read is in the access log.
      await recordReviewRead(
        deps,
        { employeeId: user.employeeId, name: readerName },
        readable.review,
        "review.read.page",
      );
      return reviewOf(readable.review, readable.tasks.map(taskOf).sort(byDue));
    },

    /**
     * A person's seats in training sessions (any status), soonest first: the session, the seat and
     * the training it belongs to. Reads every training's session group (a small table in practice).
     */
    async trainingSeatsOf(employeeId: string): Promise<TrainingSeatView[]> {
      const out: TrainingSeatView[] = [];
      for (const training of await store.listTrainings()) {
        for (const stored of await store.listCasesInGroup(trainingGroup(training.id))) {
          const c = asTrainingSession(stored);
          const seat = c?.data.seats.find((x) => x.employeeId === employeeId);
          if (!c || !seat) continue;
          out.push({
            trainingId: training.id,
            trainingStatus: training.status,
            title: training.definition.title,
            caseId: c.id,
            caseStatus: c.status,
            session: c.data.session,
            trainerId: c.subjectId,
            seat: { status: seat.status, confirmation: seat.confirmation, movedBecause: seat.movedBecause },
          });
        }
      }
      return out.sort(
        (a, b) =>
          a.session.date.localeCompare(b.session.date) || a.session.start.localeCompare(b.session.start),
      );
    },

    /** Every review cycle, newest first. */
    async cycles(): Promise<Cycle[]> {
      return (await store.listCycles()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
  };
}

/** The stored task, for the use cases that take one (reissuing a link); never rendered directly. */
export async function taskRecordFor(
  deps: Pick<Deps, "store">,
  user: TaskUser,
  taskId: string,
): Promise<HumanTask | undefined> {
  try {
    return await taskForUser(deps, user, taskId);
  } catch {
    return undefined;
  }
}

const byDue = (a: TaskView, b: TaskView) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id);

/** Absences that fall (partly) inside a case's period: the ones that may have moved its end. */
export const absencesWithin = (absences: Absence[], c: Pick<CaseView, "startDate" | "endDate">) =>
  absences.filter((a) => a.from <= c.endDate && (a.to === undefined || a.to >= c.startDate));
