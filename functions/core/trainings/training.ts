// A training as HR defines it: what it is about (in both languages, since every mail and page is
// in its reader's language), for whom it is mandatory, who trains, when and where its sessions
// are, and whether a follow-up training comes after it. The job description behind this product
// makes the lead responsible for "koolituste, järelkoolituste läbiviimine" and gives every
// employee the right to the trainings their position needs and the duty to keep their
// qualification: a mandatory training names the positions that need it, and a refresher rule
// ("every N months") is how HR keeps that qualification current.
import { z } from "zod";
import { invalid } from "../errors";
import { Email, Id, IsoDate } from "../model";
import { tallinnWallClockInstant } from "../reviews/ics";
import { fieldPath, parseOrThrow } from "../reviews/parse";

const Text = z.string().trim().min(1, "must not be empty").max(200);
/** A text HR writes in both languages. */
export const LocalisedText = z.object({ et: Text, en: Text });
export type LocalisedText = z.infer<typeof LocalisedText>;

/** A Tallinn wall-clock time of day. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time as HH:MM");
export type ClockTime = z.infer<typeof ClockTime>;

/** A room of 1,000 is already a conference; more is a typo, and it bounds every allocation. */
export const MAX_CAPACITY = 1000;

export const TrainingSession = z
  .object({
    id: Id,
    /** Tallinn calendar date; start and end are Tallinn wall-clock times on that date. */
    date: IsoDate,
    start: ClockTime,
    end: ClockTime,
    /** Where people meet; a session needs a place or a video link, or both (hybrid). */
    place: z.string().trim().min(1, "must not be empty").max(500).optional(),
    videoUrl: z
      .url({ protocol: /^https?$/, error: "must be an http(s) link" })
      .max(2000)
      .optional(),
    capacity: z
      .number({ error: "must be a whole number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(MAX_CAPACITY),
  })
  .superRefine((session, ctx) => {
    // Sessions do not run past midnight: a session that ends "before" it starts is a typo.
    if (session.end <= session.start)
      ctx.addIssue({ code: "custom", path: ["end"], message: `must be after the start (${session.start})` });
    if (session.place === undefined && session.videoUrl === undefined)
      ctx.addIssue({ code: "custom", path: ["place"], message: "give a place or a video link (videoUrl)" });
    // 03:00-03:59 on the last Sunday of March does not exist in Tallinn: no invitation could name it.
    for (const field of ["start", "end"] as const) {
      try {
        tallinnWallClockInstant(session.date, session[field], field);
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: (error as Error).message.replace(/^\w+: /, ""),
        });
      }
    }
  });
export type TrainingSession = z.infer<typeof TrainingSession>;

/** An employee (usually a lead) or an external provider, who may have no address we mail. */
export const Trainer = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("employee"), employeeId: Id }),
    z.object({ kind: z.literal("external"), name: Text, email: Email.optional() }),
  ],
  { error: "must be an employee or an external provider" },
);
export type Trainer = z.infer<typeof Trainer>;

/**
 * When a follow-up training (järelkoolitus) comes: never, once N weeks after the training, or as
 * a refresher every N months after the last completion. Bounds: two years of weeks, ten years of
 * months; anything longer is not a follow-up anyone would plan.
 */
export const FollowUpRule = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("none") }),
    z.object({ kind: z.literal("afterWeeks"), weeks: z.number().int().min(1).max(104) }),
    z.object({ kind: z.literal("everyMonths"), months: z.number().int().min(1).max(120) }),
  ],
  { error: "must be none, afterWeeks or everyMonths" },
);
export type FollowUpRule = z.infer<typeof FollowUpRule>;

export const TrainingKind = z.enum(["mandatory", "optional"]);
export type TrainingKind = z.infer<typeof TrainingKind>;

/** Enough for a year of weekly sessions; more is a series that should be split. */
export const MAX_SESSIONS = 100;

export const Training = z
  .object({
    id: Id,
    title: LocalisedText,
    topic: LocalisedText,
    kind: TrainingKind,
    /** The positions that need it (mandatory only). */
    mandatoryForPositionIds: z.array(Id).max(1000).default([]),
    trainer: Trainer,
    /**
     * The employee who answers for the training in the organisation: for an external provider (no
     * mailbox or substitute chain of ours) the attendance list is theirs, e.g. the lead who ordered
     * the training or someone in HR. Required with an external trainer, unused otherwise.
     */
    organiserEmployeeId: Id.optional(),
    /**
     * HR gives at least one (parseTraining); a follow-up training the system opens for the
     * completers of another one starts with none, until HR adds its first session.
     */
    sessions: z.array(TrainingSession).max(MAX_SESSIONS),
    followUp: FollowUpRule.default({ kind: "none" }),
  })
  .superRefine((training, ctx) => {
    // A mandatory training for nobody would never show up as missing; an optional one that is
    // mandatory for someone is a contradiction the compliance report could not resolve.
    if (training.kind === "mandatory" && training.mandatoryForPositionIds.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["mandatoryForPositionIds"],
        message: "a mandatory training names at least one position",
      });
    if (training.kind === "optional" && training.mandatoryForPositionIds.length > 0)
      ctx.addIssue({
        code: "custom",
        path: ["mandatoryForPositionIds"],
        message: "an optional training is mandatory for no position",
      });
    if (training.trainer.kind === "external" && training.organiserEmployeeId === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["organiserEmployeeId"],
        message:
          "an external trainer needs an organiser: the employee who records attendance (e.g. the lead who ordered it, or HR)",
      });
    const seenPositions = new Set<string>();
    training.mandatoryForPositionIds.forEach((id, i) => {
      if (seenPositions.has(id))
        ctx.addIssue({
          code: "custom",
          path: ["mandatoryForPositionIds", i],
          message: `${id} is named twice`,
        });
      seenPositions.add(id);
    });
    // Session ids name invitations (the .ics UID) and attendance lists: they must be unique.
    const seenSessions = new Set<string>();
    training.sessions.forEach((session, i) => {
      if (seenSessions.has(session.id))
        ctx.addIssue({
          code: "custom",
          path: ["sessions", i, "id"],
          message: `${session.id} is named twice`,
        });
      seenSessions.add(session.id);
    });
  });
export type Training = z.infer<typeof Training>;
export type TrainingInput = z.input<typeof Training>;

/**
 * Parses a training HR submits. Besides the schema, no session may lie in the past: nobody can be
 * invited to yesterday. `today` is the Tallinn date (the clock port's, not the machine's). The
 * first problem is thrown as a validation error naming its field (`sessions[1].capacity`).
 */
export function parseTraining(input: unknown, today: string): Training {
  const training = parseOrThrow(Training, input);
  if (training.sessions.length === 0) throw invalid("sessions", "needs at least one session");
  training.sessions.forEach((session, i) => {
    if (session.date < today)
      throw invalid(fieldPath(["sessions", i, "date"]), `${session.date} is in the past (today is ${today})`);
  });
  return training;
}

/** Sessions in the order they take place (date, then start time); equal ones keep their order. */
export const sessionsInOrder = <S extends Pick<TrainingSession, "date" | "start">>(
  sessions: readonly S[],
): S[] =>
  [...sessions].sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.start < b.start ? -1 : a.start > b.start ? 1 : 0,
  );

/**
 * How long a session lasts, in hours (two decimals), as time actually passes: a session across
 * the October change (03:00 shown twice) lasts an hour longer than its wall-clock times say.
 */
export function sessionHours(session: Pick<TrainingSession, "date" | "start" | "end">): number {
  const start = tallinnWallClockInstant(session.date, session.start, "start");
  const end = tallinnWallClockInstant(session.date, session.end, "end");
  return Math.round((end.getTime() - start.getTime()) / 36_000) / 100;
}

/** The training's title or topic in the reader's language. */
export const localised = (text: LocalisedText, locale: "et" | "en") => text[locale];
