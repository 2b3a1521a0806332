// The form behind each task kind: what the page renders and what a submission must contain.
// The same definition drives the HTML page, the answers' validation and the JSON API.
import { z } from "zod";
import type { FormDefinition, TaskKind } from "./model";
import { parseInput } from "./validation";

const forms: Record<TaskKind, FormDefinition> = {
  "probation.midConversation": {
    title: { et: "Katseaja vahevestlus", en: "Mid-probation conversation" },
    intro: {
      et: "Pidage töötajaga silmast-silma vestlus ja kirjutage üles kokkuvõte: kuidas töö on sujunud, mis vajab tähelepanu ja millised on eesmärgid katseaja lõpuni.",
      en: "Hold a face-to-face conversation with the employee and record a summary: how the work has gone, what needs attention and the goals until the end of probation.",
    },
    fields: [
      {
        name: "heldOn",
        type: "date",
        required: true,
        label: { et: "Vestluse kuupäev", en: "Date of the conversation" },
      },
      { name: "summary", type: "textarea", required: true, label: { et: "Kokkuvõte", en: "Summary" } },
      {
        name: "goals",
        type: "textarea",
        required: false,
        label: { et: "Eesmärgid katseaja lõpuni", en: "Goals until the end of probation" },
      },
    ],
  },
  "probation.finalAssessment": {
    title: { et: "Katseaja lõpphinnang", en: "Final probation assessment" },
    intro: {
      et: "Otsustage, kas töötaja jätkab. Katseaja ebarahuldava tulemuse tõttu ütlemisel tuleb etteteatamisest teatada hiljemalt katseaja viimasel päeval, vähemalt 15 kalendripäeva ette (TLS § 96), ja põhjendus peab olema seotud katseaja eesmärgiga.",
      en: "Decide whether the employee continues. Ending the contract for an unsatisfactory probation needs notice given at the latest on the last day of probation, at least 15 calendar days ahead (TLS § 96), with reasons tied to the purpose of probation.",
    },
    fields: [
      {
        name: "summary",
        type: "textarea",
        required: true,
        label: { et: "Katseaja vestluse kokkuvõte", en: "Summary of the probation interview" },
      },
      {
        name: "decision",
        type: "choice",
        required: true,
        label: { et: "Otsus", en: "Decision" },
        options: [
          {
            value: "confirm",
            label: { et: "Töötaja on katseaja läbinud", en: "The employee has passed probation" },
          },
          {
            value: "end",
            label: { et: "Lõpetan lepingu katseajal", en: "End the contract during probation" },
          },
        ],
      },
      {
        name: "reasons",
        type: "textarea",
        required: false,
        label: { et: "Lõpetamise põhjused", en: "Reasons for ending" },
        help: { et: "Kohustuslik, kui leping lõpetatakse.", en: "Required when the contract is ended." },
      },
    ],
  },
  "probation.summaryAcknowledgement": {
    title: { et: "Katseaja vestluse kokkuvõte", en: "Summary of your probation interview" },
    intro: {
      et: "Teie vahetu juht on kirja pannud katseaja vestluse kokkuvõtte. Kinnitage, et olete sellega tutvunud, või lisage oma kommentaar (ATS § 24 lg 7).",
      en: "Your manager has written down the summary of your probation interview. Confirm that you have read it, or add your comments (ATS § 24(7)).",
    },
    fields: [
      {
        name: "response",
        type: "choice",
        required: true,
        label: { et: "Vastus", en: "Response" },
        options: [
          { value: "acknowledged", label: { et: "Olen tutvunud", en: "I have read it" } },
          { value: "commented", label: { et: "Lisan kommentaari", en: "I add comments" } },
        ],
      },
      { name: "comment", type: "textarea", required: false, label: { et: "Kommentaar", en: "Comments" } },
    ],
  },
};

export type { FormDefinition, FormField } from "./model";

export const formFor = (kind: TaskKind): FormDefinition => forms[kind];

const text = z.string().trim().max(10_000);
const answerSchemas = {
  "probation.midConversation": z.object({
    heldOn: z.iso.date(),
    summary: text.min(1),
    goals: text.optional(),
  }),
  "probation.finalAssessment": z
    .object({ summary: text.min(1), decision: z.enum(["confirm", "end"]), reasons: text.optional() })
    .refine((a) => a.decision !== "end" || (a.reasons ?? "").length > 0, {
      path: ["reasons"],
      // TLS § 96 / ATS § 24: ending in probation needs reasons tied to the purpose of probation.
      message: "reasons are required when the contract is ended",
    }),
  "probation.summaryAcknowledgement": z
    .object({ response: z.enum(["acknowledged", "commented"]), comment: text.optional() })
    .refine((a) => a.response !== "commented" || (a.comment ?? "").length > 0, {
      path: ["comment"],
      message: "a comment is required when you choose to comment",
    }),
} satisfies Record<TaskKind, z.ZodType>;

/** Validates a submission; empty strings count as missing. Throws a DomainError naming the field. */
export function parseAnswers(kind: TaskKind, raw: Record<string, unknown>): Record<string, unknown> {
  const cleaned = Object.fromEntries(
    Object.entries(raw).filter(([, v]) => !(typeof v === "string" && v.trim() === "")),
  );
  return parseInput(answerSchemas[kind], cleaned) as Record<string, unknown>;
}

/** What goes back to the workflow: ids and the decision only, never free text (it lands in history). */
export function callbackOutput(taskId: string, kind: TaskKind, answers: Record<string, unknown>) {
  if (kind === "probation.finalAssessment") return { taskId, decision: answers.decision as string };
  return { taskId };
}
