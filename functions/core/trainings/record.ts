// A training as the system keeps it (TRAINING#id): HR's definition, whether it still runs, who
// waits for a seat, and what the attendance lists recorded: each participant's training record
// (completion date and hours come from the session attended) and the follow-up due by the rule.
// The sessions themselves run as cases of the `training` workflow (core/workflows/training.ts),
// one per session, in the training's case group.
import { z } from "zod";
import { Id, Instant, IsoDate } from "../model";
import { AttendanceRecord } from "./history";
import { Training } from "./training";

/** active: sessions run; cancelled: HR called it off (open tasks cancelled, cancel .ics sent). */
export const TrainingStatus = z.enum(["active", "cancelled"]);
export type TrainingStatus = z.infer<typeof TrainingStatus>;

export const TrainingRecord = z.object({
  id: Id,
  definition: Training,
  status: TrainingStatus,
  /**
   * Who has no seat yet: no session with room (no_room), away on every session with room
   * (absent), or missed their session with no later one to offer (no_show). They are told, and
   * seated when HR adds a session.
   */
  waitingList: z
    .array(z.object({ employeeId: Id, reason: z.enum(["no_room", "absent", "no_show", "follow_up"]) }))
    .default([]),
  /** The trainers' attendance lists: each participant's training record. */
  attendance: z.array(AttendanceRecord).default([]),
  /**
   * A completer's follow-up training, due by the training's follow-up rule. Once due, the sweep
   * puts them on the follow-up training's waiting list and notes it here (scheduledIn), once.
   */
  followUps: z
    .array(z.object({ employeeId: Id, basedOn: IsoDate, dueOn: IsoDate, scheduledIn: Id.optional() }))
    .default([]),
  /** A follow-up training: the training whose completers it is for (its history counts there). */
  followUpOf: Id.optional(),
  /** The follow-up training its completers are gathered in once their follow-up is due. */
  followUpTrainingId: Id.optional(),
  createdBy: z.string(),
  createdAt: Instant,
  updatedAt: Instant,
  /** Optimistic concurrency: assignments, attendance lists and a cancel never overwrite each other. */
  version: z.number().int().min(1),
});
export type TrainingRecord = z.infer<typeof TrainingRecord>;

/** The case group of a training's sessions. */
export const trainingGroup = (trainingId: string) => `training:${trainingId}`;

/** The first day a completer's follow-up waits to be scheduled, if any: the sweep's index key. */
export const firstUnscheduledFollowUp = (t: TrainingRecord): string | undefined =>
  t.status !== "active"
    ? undefined
    : t.followUps
        .filter((f) => f.scheduledIn === undefined)
        .map((f) => f.dueOn)
        .sort()[0];
