// The access log: who read whose review, what of it and when. Every read of a review's content
// (its page in the console, its PDF, its answers beside a task's form, the API's case read) is one
// record here, written in the same write as its audit record; nothing of the content is in it.
// The log is kept per month (ACCESSLOG#yyyy-mm in the store) so HR can list it across people.
import { z } from "zod";
import { Actor, Instant } from "./model";

/** How a review's content was read. */
export const AccessAction = z.enum([
  "review.read.page",
  "review.read.pdf",
  "review.read.task",
  "review.read.api",
  /** The training needs reviews recorded, shown to HR when choosing a training's participants. */
  "review.read.trainingNeeds",
]);
export type AccessAction = z.infer<typeof AccessAction>;

export const AccessRecord = z.object({
  at: Instant,
  /** Who read it. */
  reader: Actor,
  /** The person the review is about. */
  subjectId: z.string().min(1).max(200),
  /** The review (a case). */
  entityType: z.literal("case"),
  entityId: z.string().min(1).max(300),
  action: AccessAction,
});
export type AccessRecord = z.infer<typeof AccessRecord>;

/** The month an access record is kept under (yyyy-mm of its instant, UTC). */
export const accessMonthOf = (at: string) => at.slice(0, 7);
