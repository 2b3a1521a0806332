// A training session (koolitus; the job description makes the lead responsible for "koolituste,
// järelkoolituste läbiviimine") as a case: its participants, invited with a calendar file, and,
// once the session has ended, the trainer's attendance list.
//
// One case per (training, session), not per participant: the trainer gets one task per session
// with the whole attendance list (one field per participant), which a per-participant case could
// only give as N tasks; and the session is what moves as a whole (cancelled, its trainer away).
// The case's subject is the trainer, and the attendance list is the trainer's own work (holder
// `self`): while the trainer is away on the day it opens, it goes to whoever acts for them by the
// same chain as any lead task (their delegation, their position's substitutes (1.4), their
// manager, HR). Participants' confirmations do not hold the workflow back: they are answers on
// the participant's seat through a signed link, and a participant who never confirms is still
// invited ("did not confirm" on the attendance list), so no task of theirs needs a lapse rule.
//
// Deadlines win: the attendance list is due two business days after the session; the sweep
// escalates it when late (to the trainer's lead) and five business days later it lapses as
// "not recorded": nobody's record changes, and the case closes saying so.
import { z } from "zod";
import { addBusinessDays, endOfTallinnDay } from "../calendar";
import { invalid } from "../errors";
import { Case, type FormDefinition, Id, type TimerPurpose } from "../model";
import { tallinnWallClockInstant } from "../reviews/ics";
import { LocalisedText, TrainingSession } from "../trainings/training";
import type { workflowRegistry } from "./registry";
import type { TaskRule, WorkflowModule } from "./rules";

type TrainingTaskKind = (typeof workflowRegistry.training.taskKinds)[number];

/** Business days after the session by which the attendance list is due. */
export const ATTENDANCE_DUE_BUSINESS_DAYS = 2;
/** Business days after the due date at which an unrecorded list lapses as not recorded. */
export const ATTENDANCE_GRACE_BUSINESS_DAYS = 5;

/**
 * A participant's place in the session. seated: invited (confirmed or not); moved: went to
 * another session (asked to, or a no-show offered the next one); cancelled: the training was
 * called off. Moved and cancelled seats are kept so the participant's calendar link can still
 * serve the cancellation with the next sequence number.
 */
export const SessionSeat = z.object({
  employeeId: Id,
  name: z.string().min(1).max(200),
  status: z.enum(["seated", "moved", "cancelled"]),
  confirmation: z.enum(["invited", "confirmed", "asked_to_move"]),
  /** Seated here because absent on an earlier session (or a no-show there): they were told. */
  movedFromSessionId: Id.optional(),
  movedBecause: z.enum(["absent", "asked", "no_show", "session_cancelled"]).optional(),
  /** The invitation's SEQUENCE last sent (RFC 5546): an update or cancel sends the next. */
  sequence: z.number().int().min(0),
});
export type SessionSeat = z.infer<typeof SessionSeat>;

export const TrainingSessionData = z.object({
  trainingId: Id,
  title: LocalisedText,
  topic: LocalisedText,
  session: TrainingSession,
  seats: z.array(SessionSeat).max(1000),
});
export type TrainingSessionData = z.infer<typeof TrainingSessionData>;

export const TrainingSessionOutcome = z.object({
  /** false: the list lapsed unrecorded (nobody's record changed). */
  recorded: z.boolean(),
  attended: z.array(Id).default([]),
  noShow: z.array(Id).default([]),
  note: z.string().max(10_000).optional(),
  materialsUrl: z.string().max(2000).optional(),
  closedOn: z.string(),
});
export type TrainingSessionOutcome = z.infer<typeof TrainingSessionOutcome>;

export const TrainingSessionCase = Case.extend({
  workflow: z.literal("training"),
  data: TrainingSessionData,
  outcome: TrainingSessionOutcome.optional(),
});
export type TrainingSessionCase = z.infer<typeof TrainingSessionCase>;

export const asTrainingSession = (c: Case | undefined): TrainingSessionCase | undefined =>
  c?.workflow === "training" ? TrainingSessionCase.parse(c) : undefined;

export const seated = (c: Pick<TrainingSessionCase, "data">) =>
  c.data.seats.filter((s) => s.status === "seated");

/** The attendance list's field of a participant. */
export const attendanceField = (employeeId: string) => `p_${employeeId}`;

const CONFIRMATION: Record<SessionSeat["confirmation"], { et: string; en: string }> = {
  invited: { et: "ei kinnitanud", en: "did not confirm" },
  confirmed: { et: "kinnitas", en: "confirmed" },
  asked_to_move: { et: "palus muud aega", en: "asked for another session" },
};

export function attendanceForm(c: TrainingSessionCase): FormDefinition {
  const { session, title } = c.data;
  return {
    title: {
      et: `Osalejate nimekiri: ${title.et}, ${session.date} ${session.start}`,
      en: `Attendance list: ${title.en}, ${session.date} ${session.start}`,
    },
    intro: {
      et: "Märkige iga osaleja kohta, kas ta osales. Osalemine kantakse tema koolitusandmetesse; puudunutele pakutakse järgmist koolitusaega.",
      en: "Mark for each participant whether they took part. Attendance lands on their training record; those who did not come are offered the next session.",
    },
    fields: [
      ...seated(c).map((seat, i) => ({
        name: attendanceField(seat.employeeId),
        type: "choice" as const,
        required: true,
        label: {
          et: `${seat.name} (${CONFIRMATION[seat.confirmation].et})`,
          en: `${seat.name} (${CONFIRMATION[seat.confirmation].en})`,
        },
        options: [
          { value: "attended", label: { et: "Osales", en: "Attended" } },
          { value: "no_show", label: { et: "Ei osalenud", en: "Did not attend" } },
        ],
        ...(i === 0 ? { section: { et: "Osalejad", en: "Participants" } } : {}),
      })),
      {
        name: "materialsUrl",
        type: "text",
        required: false,
        label: { et: "Materjalide link", en: "Link to the materials" },
        section: { et: "Materjalid", en: "Materials" },
      },
      { name: "note", type: "textarea", required: false, label: { et: "Märkus", en: "Note" } },
    ],
  };
}

export const trainingTaskRules: Record<TrainingTaskKind, TaskRule<TrainingSessionCase>> = {
  "training.attendance": {
    holder: "self",
    dueDate: (c) => addBusinessDays(c.data.session.date, ATTENDANCE_DUE_BUSINESS_DAYS),
    lapsesAt: (_c, due) => endOfTallinnDay(addBusinessDays(due, ATTENDANCE_GRACE_BUSINESS_DAYS)),
    lapsedOutput: (taskId) => ({ taskId, recorded: false }),
    lapseMeaning: {
      et: "koolitaja ei esitanud osalejate nimekirja",
      en: "the trainer did not record attendance",
    },
    form: attendanceForm,
    checkAnswers: (_c, answers) => {
      const url = String(answers.materialsUrl ?? "").trim();
      if (url && !/^https?:\/\/\S+$/.test(url))
        throw invalid("materialsUrl", "must be an http(s) link, e.g. https://intra.example.ee/materials");
    },
  },
};

/** The attendance list opens when the session has ended (Tallinn wall-clock end on its date). */
export const trainingTimerDueAt = (_purpose: TimerPurpose, c: TrainingSessionCase): string =>
  tallinnWallClockInstant(c.data.session.date, c.data.session.end, "session.end").toISOString();

export const trainingWorkflow: WorkflowModule<TrainingSessionCase> = {
  parseCase: (c) => TrainingSessionCase.parse(c),
  taskRules: trainingTaskRules,
  timerDueAt: trainingTimerDueAt,
  endsOn: (c) => addBusinessDays(c.data.session.date, ATTENDANCE_DUE_BUSINESS_DAYS),
};
