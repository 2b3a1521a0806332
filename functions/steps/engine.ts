// The case engine's steps, shared by every workflow: durable timers and human tasks.
import { z } from "zod";
import { MAX_TASK_GROUP, TaskKind, TimerPurpose } from "../core/model";
import { reportCaseFailureStep, waitUntilStep } from "../core/usecases/cases";
import { createHumanTask as create } from "../core/usecases/tasks";
import { defineStep } from "./define";

export const engineSteps = {
  waitUntil: defineStep({
    input: z.object({
      taskToken: z.string().min(1),
      executionId: z.string().min(1),
      /** The ASL state's own name: with the execution it names the timer. */
      state: z.string().min(1).max(80),
      caseId: z.string().min(1),
      purpose: TimerPurpose,
    }),
    run: (deps, input) => waitUntilStep(deps, input),
  }),

  createHumanTask: defineStep({
    input: z.object({
      taskToken: z.string().min(1),
      executionId: z.string().min(1),
      /** The ASL state's own name: with the execution it names the task. */
      state: z.string().min(1).max(80),
      caseId: z.string().min(1),
      /** One task, or several opened together (fan-out); the workflow resumes when all are done or lapsed. */
      kind: TaskKind.optional(),
      kinds: z.array(TaskKind).min(2).max(MAX_TASK_GROUP).optional(),
    }),
    // Creates the task and mails its holder a signed link.
    needs: { mail: true, signsLinks: true },
    run: (deps, input) => create(deps, input),
  }),

  reportCaseFailure: defineStep({
    input: z.object({ caseId: z.string().min(1), error: z.string().max(200).optional() }),
    needs: { mail: true },
    run: (deps, input) => reportCaseFailureStep(deps, input),
  }),
};
