import { z } from "zod";
import { TimerPurpose } from "../core/model";
import { waitUntilStep } from "../core/usecases/cases";
import { defineStep } from "./define";

export const waitUntil = defineStep({
  input: z.object({
    taskToken: z.string().min(1),
    executionId: z.string().min(1),
    /** The ASL state's own name: with the execution it names the timer. */
    state: z.string().min(1).max(80),
    caseId: z.string().min(1),
    purpose: TimerPurpose,
  }),
  run: (deps, input) => waitUntilStep(deps, input),
});
