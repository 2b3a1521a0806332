// The annual review's own steps: the meeting invitation (a calendar file both people can add)
// and the outcome (held or not, signed off or not, goals and training needs), kept on the case.
import { leadOf } from "../assignment";
import { audit, SYSTEM } from "../audit";
import { tallinnDate } from "../calendar";
import type { Deps } from "../deps";
import { DomainError, notFound } from "../errors";
import { reviewMeetingMail } from "../mails";
import type { Case, HumanTask } from "../model";
import { policy } from "../policy";
import { inviteLinkUrl } from "../record-links";
import { GoalStatus } from "../reviews/form";
import { type IcsFile, meetingRequest } from "../reviews/ics";
import { renderReviewPdf } from "../reviews/pdf";
import { reviewAnswersOf, structuredAnswers } from "../reviews/task-form";
import { asReview, type Review, type ReviewOutcome } from "../workflows/annual-review";
import { asMidterm, type Midterm, type MidtermOutcome } from "../workflows/midterm-review";
import { recordReviewRead } from "./access-log";
import { changeCase } from "./cases";

type ReviewDeps = Pick<Deps, "store" | "clock" | "mailer" | "engine" | "logger" | "config">;

async function getReview(deps: Pick<Deps, "store">, caseId: string): Promise<Review> {
  const review = asReview(await deps.store.getCase(caseId));
  if (!review) throw notFound("review", caseId);
  return review;
}

const readReview = (c: Parameters<typeof asReview>[0]) => {
  const review = asReview(c);
  if (!review) throw notFound("review", c?.id ?? "?");
  return review;
};

/**
 * Workflow step: the lead proposed a time. The meeting is kept on the case (each change a new
 * sequence number, so calendars update the one event) and both people are mailed the link to
 * the calendar file, in the same write.
 */
export async function sendReviewInvitationStep(
  deps: ReviewDeps,
  input: { caseId: string; meetingTaskId: string },
) {
  const review = await getReview(deps, input.caseId);
  const task = await deps.store.getTask(input.meetingTaskId);
  if (task?.status !== "completed" || task.caseId !== review.id) return { invited: false };
  const answers = task.answers ?? {};
  const meeting = {
    date: String(answers.date),
    time: String(answers.time).padStart(5, "0"),
    place: String(answers.place ?? ""),
  };
  const employee = await deps.store.getEmployee(review.subjectId);
  const lead = employee ? await deps.store.getEmployee(task.completedBy?.id ?? "") : undefined;
  if (!employee) throw notFound("employee", review.subjectId);
  const link = inviteLinkUrl(deps, review.id);
  await changeCase(
    deps,
    review.id,
    readReview,
    (current) =>
      current.data.meeting?.date === meeting.date && current.data.meeting.time === meeting.time
        ? undefined
        : {
            ...current,
            data: {
              ...current.data,
              meeting: { ...meeting, sequence: (current.data.meeting?.sequence ?? -1) + 1 },
            },
            updatedAt: deps.clock.now().toISOString(),
          },
    (before) =>
      [{ to: employee, other: lead?.name ?? "" }, ...(lead ? [{ to: lead, other: employee.name }] : [])].map(
        ({ to, other }) =>
          reviewMeetingMail(
            { name: to.name, email: to.email, locale: to.locale },
            {
              ...meeting,
              otherName: other,
              title: review.data.title,
              changed: before.data.meeting !== undefined,
            },
            link,
          ),
      ),
  );
  return { invited: true };
}

/** The meeting's calendar file for the `/ics` link; undefined while no time is proposed. */
export async function reviewInvite(
  deps: Pick<Deps, "store" | "clock">,
  caseId: string,
): Promise<IcsFile | undefined> {
  const review = asReview(await deps.store.getCase(caseId));
  const meeting = review?.data.meeting;
  if (!review || !meeting) return undefined;
  const employee = await deps.store.getEmployee(review.subjectId);
  const lead = employee ? await leadOf(deps.store, employee) : undefined;
  if (!employee) return undefined;
  return meetingRequest({
    reviewId: review.id,
    sequence: meeting.sequence,
    date: meeting.date,
    time: meeting.time,
    summary: `${review.data.title.et}: ${employee.name}`,
    location: meeting.place || undefined,
    organizer: lead ? { name: lead.name, email: lead.email } : { name: employee.name, email: employee.email },
    attendee: { name: employee.name, email: employee.email },
    stamp: review.updatedAt,
  });
}

/**
 * Workflow step: what the review came to. Held or not (a conversation nobody held by the grace
 * day lapsed), signed off, disagreed or not answered; the agreed goals and both people's training
 * needs (HR's training requests). The case is then closed and read-only.
 */
export async function recordReviewOutcomeStep(deps: ReviewDeps, input: { caseId: string }) {
  const review = await getReview(deps, input.caseId);
  const tasks = await deps.store.listTasks({ caseId: review.id });
  const of = (kind: string) => tasks.find((t) => t.kind === kind);
  const conversation = of("review.conversation");
  const signOff = of("review.signOff");
  const self = of("review.selfAssessment");
  const lead = of("review.leadAssessment");
  const held = conversation?.status === "completed";
  const leadAnswers =
    lead?.status === "completed" ? structuredAnswers(review.data.forms.lead, lead.answers ?? {}) : undefined;
  const selfAnswers =
    self?.status === "completed" ? structuredAnswers(review.data.forms.self, self.answers ?? {}) : undefined;
  const outcome: ReviewOutcome = {
    conversationHeld: held,
    ...(held && typeof conversation.answers?.heldOn === "string"
      ? { heldOn: conversation.answers.heldOn }
      : {}),
    ...signOffOf(held, signOff),
    goals: leadAnswers?.goals ?? [],
    trainingNeeds: [
      ...new Set([...(selfAnswers?.trainingNeeds ?? []), ...(leadAnswers?.trainingNeeds ?? [])]),
    ],
    missedTasks: tasks.filter((t) => t.status === "lapsed").map((t) => t.kind),
    closedOn: tallinnDate(deps.clock.now()),
  };
  await closeWithOutcome(deps, review.id, readReview, outcome, held ? "review.closed" : "review.notHeld");
  return { held, signOff: outcome.signOff };
}

/** Closes an active review of either kind with its outcome (once), and audits it. */
async function closeWithOutcome<C extends Review | Midterm>(
  deps: ReviewDeps,
  caseId: string,
  read: (c: Case) => C,
  outcome: C["outcome"],
  action: string,
): Promise<void> {
  await changeCase(deps, caseId, read, (current) =>
    current.status !== "active"
      ? undefined
      : ({ ...current, status: "closed" as const, outcome, updatedAt: deps.clock.now().toISOString() } as C),
  );
  await audit(deps, {
    entityType: "case",
    entityId: caseId,
    actor: SYSTEM,
    action,
    changes: ["status", "outcome"],
  });
}

/** What the employee's sign-off task says: agreed, disagreed (with the comment), not signed, or nothing held to sign. */
function signOffOf(held: boolean, task: HumanTask | undefined) {
  const signed = task?.status === "completed";
  const comment = signed && typeof task.answers?.comment === "string" ? task.answers.comment : "";
  return {
    signOff: !held
      ? ("not_held" as const)
      : signed
        ? task.answers?.response === "disagreed"
          ? ("disagreed" as const)
          : ("agreed" as const)
        : ("not_signed" as const),
    ...(comment ? { signOffComment: comment } : {}),
  };
}

/**
 * An annual review with what its readers see, for someone who may read it (HR, the employee,
 * their lead, whoever holds one of its tasks for the lead: policy.mayReadReview); undefined for
 * none or not theirs. The one place that decides who reads a review.
 */
export async function readableReview(
  deps: Pick<Deps, "store">,
  user: { employeeId?: string; roles: readonly string[] },
  reviewId: string,
) {
  const stored = await deps.store.getCase(reviewId);
  const review: Review | Midterm | undefined = asReview(stored) ?? asMidterm(stored);
  if (!review) return undefined;
  const employee = await deps.store.getEmployee(review.subjectId);
  if (!employee) return undefined;
  const lead = await leadOf(deps.store, employee);
  const tasks = await deps.store.listTasks({ caseId: review.id });
  const actingLead = tasks.some((t) => t.assigneeId === user.employeeId && t.subjectId === review.subjectId);
  if (!policy.mayReadReview(user, { subjectId: review.subjectId, leadId: lead?.id, actingLead }))
    return undefined;
  return { review, employee, lead, tasks };
}

/**
 * The final record as a PDF laid out for signing in DigiDoc4: for HR, the employee and their lead
 * (or whoever acts for the lead now). Every read is in the access log; nothing of it in the logs.
 */
export async function reviewPdf(
  deps: Pick<Deps, "store" | "clock">,
  user: { employeeId?: string; roles: readonly string[] },
  reviewId: string,
): Promise<Uint8Array> {
  const readable = await readableReview(deps, user, reviewId);
  // "Not yours" reads as "does not exist".
  if (!readable) throw notFound("review", reviewId);
  const { review, employee, lead, tasks } = readable;
  const outcome = review.outcome;
  const signOff = tasks.find(
    (t) => (t.kind === "review.signOff" || t.kind === "midterm.signOff") && t.status === "completed",
  );
  if (!outcome || !signOff) {
    throw new DomainError(
      "conflict",
      "status: the record is final, and can be downloaded, once the employee signed it off",
      "status",
    );
  }
  const position = review.data.positionId ? await deps.store.getPosition(review.data.positionId) : undefined;
  const unit = position ? await deps.store.getUnit(position.unitId) : undefined;
  const completedAnswers = (kind: string) => {
    const task = tasks.find((t) => t.kind === kind && t.status === "completed");
    return task ? (task.answers ?? {}) : undefined;
  };
  // The annual record has both assessments; the mid-term check-in has one form, filled in together.
  const content =
    review.workflow === "annualReview"
      ? (() => {
          const self = completedAnswers("review.selfAssessment");
          return {
            forms: { self: review.data.forms.self, lead: review.data.forms.lead },
            answers: {
              ...(self ? { self: reviewAnswersOf(review.data.forms.self, self) } : {}),
              lead: reviewAnswersOf(review.data.forms.lead, completedAnswers("review.leadAssessment") ?? {}),
            },
          };
        })()
      : {
          forms: { lead: review.data.form },
          answers: { lead: reviewAnswersOf(review.data.form, completedAnswers("midterm.checkIn") ?? {}) },
        };
  // The access log (and the review's audit trail) in one write.
  await recordReviewRead(deps, user, review, "review.read.pdf");
  return renderReviewPdf(
    {
      reviewId: review.id,
      cycle: {
        type: review.workflow === "annualReview" ? "annual" : "midterm",
        title: review.data.title,
        opensOn: review.data.opensOn,
        deadline: review.data.deadline,
      },
      employee: { name: employee.name },
      lead: { name: lead?.name ?? "—" },
      positionTitle: position?.title ?? review.data.positionId ?? "—",
      ...(unit ? { unitName: unit.name } : {}),
      ...content,
      ...(outcome.heldOn ? { meetingHeldOn: outcome.heldOn } : {}),
      signOff: {
        agreement: signOff.answers?.response === "disagreed" ? "disagreed" : "agreed",
        ...(typeof signOff.answers?.comment === "string" && signOff.answers.comment
          ? { comment: signOff.answers.comment }
          : {}),
        on: tallinnDate(new Date(signOff.completedAt ?? review.updatedAt)),
      },
      finalisedAt: review.updatedAt,
    },
    "et",
  );
}

/** Workflow step: what the mid-term check-in came to: goal by goal progress, new goals, sign-off. */
export async function recordMidtermOutcomeStep(deps: ReviewDeps, input: { caseId: string }) {
  const midterm = asMidterm(await deps.store.getCase(input.caseId));
  if (!midterm) throw notFound("review", input.caseId);
  const tasks = await deps.store.listTasks({ caseId: midterm.id });
  const checkIn = tasks.find((t) => t.kind === "midterm.checkIn");
  const signOff = tasks.find((t) => t.kind === "midterm.signOff");
  const held = checkIn?.status === "completed";
  const answers = held ? (checkIn.answers ?? {}) : {};
  const outcome: MidtermOutcome = {
    conversationHeld: held,
    ...(held && typeof answers.heldOn === "string" ? { heldOn: answers.heldOn } : {}),
    ...signOffOf(held, signOff),
    goalProgress: midterm.data.previousGoals.map((goal, i) => {
      const status = GoalStatus.safeParse(answers[`goal_${i + 1}_status`]);
      const comment = answers[`goal_${i + 1}_comment`];
      return {
        goal,
        ...(status.success ? { status: status.data } : {}),
        ...(typeof comment === "string" && comment ? { comment } : {}),
      };
    }),
    goals: held ? structuredAnswers(midterm.data.form, answers).goals : [],
    missedTasks: tasks.filter((t) => t.status === "lapsed").map((t) => t.kind),
    closedOn: tallinnDate(deps.clock.now()),
  };
  await closeWithOutcome(
    deps,
    midterm.id,
    (c) => asMidterm(c)!,
    outcome,
    held ? "midterm.closed" : "midterm.notHeld",
  );
  return { held, signOff: outcome.signOff };
}
