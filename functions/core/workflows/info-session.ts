// An info session (infotund; the job description makes the lead responsible for "regulaarsete
// osakonnasiseste infotundide läbiviimine ja kokkuvõtete tegemine") as a case: the unit's staff
// invited with a calendar file, and, once the session has ended, the lead's summary.
//
// One case per session, not per series: each session has its own summary task, deadline and
// archive entry, and a single session of a series can be cancelled on its own. The sessions of a
// series share a `seriesId` in their data; all of a unit's sessions share the case group
// `info-session:<unit>`, which is what the archive reads.
//
// The case's subject is the lead and the summary is the lead's own work (holder `self`): while the
// lead is away it goes to whoever acts for them by the same chain as any lead task. Deadlines
// win: the summary is due N business days after the session (core/trainings/summary.ts); the
// sweep reminds the holder, escalates to the lead's manager once it is late, and ten business
// days after its due date it lapses as "not written": the case closes saying so and nobody is mailed
// a summary.
import { z } from "zod";
import { addBusinessDays, endOfTallinnDay } from "../calendar";
import { invalid } from "../errors";
import { Case, Email, type FormDefinition, Id, IsoDate, Locale, type TimerPurpose } from "../model";
import { tallinnWallClockInstant } from "../reviews/ics";
import { summaryDeadlines } from "../trainings/summary";
import { ClockTime, LocalisedText } from "../trainings/training";
import type { workflowRegistry } from "./registry";
import type { TaskRule, WorkflowModule } from "./rules";

type InfoSessionTaskKind = (typeof workflowRegistry.infoSession.taskKinds)[number];

/** Business days after the due date at which an unwritten summary lapses as not written. */
export const SUMMARY_GRACE_BUSINESS_DAYS = 10;
/** A summary's links: a few documents, not a library. */
export const MAX_SUMMARY_LINKS = 20;

export const InfoSessionSlot = z.object({
  id: Id,
  /** Tallinn calendar date; start and end are Tallinn wall-clock times on that date. */
  date: IsoDate,
  start: ClockTime,
  end: ClockTime,
  place: z.string().trim().min(1).max(500).optional(),
  videoUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});
export type InfoSessionSlot = z.infer<typeof InfoSessionSlot>;

/** Who is invited: the unit's staff (employeeId set) and guests the lead named (name and address only). */
export const Invitee = z.object({
  /** The key of the invitee's calendar link: the employee id, or `guest-<n>`. */
  key: Id,
  employeeId: Id.optional(),
  name: z.string().min(1).max(200),
  email: Email,
  locale: Locale,
});
export type Invitee = z.infer<typeof Invitee>;

export const InfoSessionData = z.object({
  seriesId: Id,
  unitId: Id,
  title: LocalisedText,
  session: InfoSessionSlot,
  summaryBusinessDays: z.number().int().min(1).max(20),
  invitees: z.array(Invitee).max(1000),
  /** The invitations went out (marked on the series' first session, with the mails in the same write). */
  invited: z.boolean().default(false),
});
export type InfoSessionData = z.infer<typeof InfoSessionData>;

export const InfoSessionOutcome = z.object({
  /** false: the summary lapsed unwritten, or the session was cancelled (nothing was mailed). */
  submitted: z.boolean(),
  decisions: z.string().max(20_000).optional(),
  guidance: z.string().max(20_000).optional(),
  news: z.string().max(20_000).optional(),
  links: z.array(z.string().max(2000)).max(MAX_SUMMARY_LINKS).default([]),
  /** Who wrote it: the lead, or whoever acted for them. */
  writtenBy: Id.optional(),
  closedOn: IsoDate,
  /** How many people it was mailed to (staff and the department's other leads). */
  mailedTo: z.number().int().min(0).default(0),
});
export type InfoSessionOutcome = z.infer<typeof InfoSessionOutcome>;

export const InfoSessionCase = Case.extend({
  workflow: z.literal("infoSession"),
  data: InfoSessionData,
  outcome: InfoSessionOutcome.optional(),
});
export type InfoSessionCase = z.infer<typeof InfoSessionCase>;

export const asInfoSession = (c: Case | undefined): InfoSessionCase | undefined =>
  c?.workflow === "infoSession" ? InfoSessionCase.parse(c) : undefined;

/** The case group of a unit's info sessions: the archive of its summaries. */
export const infoSessionGroup = (unitId: string) => `info-session:${unitId}`;

/** The summary's links, one per line; every one an http(s) link. */
export function summaryLinks(raw: unknown): string[] {
  const lines = String(raw ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  if (lines.length > MAX_SUMMARY_LINKS) throw invalid("links", `at most ${MAX_SUMMARY_LINKS} links`);
  for (const line of lines)
    if (!/^https?:\/\/\S+$/.test(line) || line.length > 2000)
      throw invalid("links", "one http(s) link per line, e.g. https://intra.example.ee/juhend");
  return lines;
}

const SUMMARY_PARTS = ["decisions", "guidance", "news"] as const;

export function summaryForm(c: InfoSessionCase): FormDefinition {
  const { session, title } = c.data;
  return {
    title: {
      et: `Infotunni kokkuvõte: ${title.et}, ${session.date} ${session.start}`,
      en: `Info session summary: ${title.en}, ${session.date} ${session.start}`,
    },
    intro: {
      et: "Kokkuvõte saadetakse üksuse töötajatele ja osakonna teistele juhtidele ning jääb arhiivi, mida nemad saavad lugeda.",
      en: "The summary is mailed to the unit's staff and the department's other leads, and kept in an archive they can read.",
    },
    fields: [
      {
        name: "decisions",
        type: "textarea",
        required: false,
        label: { et: "Töökorralduse otsused", en: "Decisions about work organisation" },
        section: { et: "Kokkuvõte", en: "Summary" },
        help: {
          et: "Täitke vähemalt üks kolmest väljast.",
          en: "Fill in at least one of the three fields.",
        },
      },
      {
        name: "guidance",
        type: "textarea",
        required: false,
        label: { et: "Juhendmaterjalid", en: "Guidance material" },
      },
      { name: "news", type: "textarea", required: false, label: { et: "Uudised", en: "News" } },
      {
        name: "links",
        type: "textarea",
        required: false,
        label: { et: "Manuste lingid (üks rea kohta)", en: "Links to attachments (one per line)" },
        section: { et: "Manused", en: "Attachments" },
      },
    ],
  };
}

export const infoSessionTaskRules: Record<InfoSessionTaskKind, TaskRule<InfoSessionCase>> = {
  "infoSession.summary": {
    holder: "self",
    dueDate: (c) => summaryDeadlines(c.data.session.date, c.data.summaryBusinessDays).dueOn,
    lapsesAt: (_c, due) => endOfTallinnDay(addBusinessDays(due, SUMMARY_GRACE_BUSINESS_DAYS)),
    // The business day before it is due (summary.ts), not as soon as the task opens.
    remindOn: (c) => summaryDeadlines(c.data.session.date, c.data.summaryBusinessDays).remindOn,
    lapsedOutput: (taskId) => ({ taskId, submitted: false }),
    lapseMeaning: {
      et: "juht ei kirjutanud infotunni kokkuvõtet",
      en: "the lead did not write the info session's summary",
    },
    form: summaryForm,
    checkAnswers: (_c, answers) => {
      if (SUMMARY_PARTS.every((p) => String(answers[p] ?? "").trim() === ""))
        throw invalid("decisions", "write at least one of decisions, guidance or news");
      summaryLinks(answers.links);
    },
  },
};

/** The summary task opens when the session has ended (Tallinn wall-clock end on its date). */
export const infoSessionTimerDueAt = (_purpose: TimerPurpose, c: InfoSessionCase): string =>
  tallinnWallClockInstant(c.data.session.date, c.data.session.end, "session.end").toISOString();

export const infoSessionWorkflow: WorkflowModule<InfoSessionCase> = {
  parseCase: (c) => InfoSessionCase.parse(c),
  taskRules: infoSessionTaskRules,
  timerDueAt: infoSessionTimerDueAt,
  endsOn: (c) => summaryDeadlines(c.data.session.date, c.data.summaryBusinessDays).dueOn,
};
