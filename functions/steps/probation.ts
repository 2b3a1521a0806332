// The probation workflow's own steps (workflows/probation.asl.json); the engine's shared steps
// (timers, human tasks) are in engine.ts.
import { z } from "zod";
import {
  notifyHrStep,
  recordProbationOutcome as record,
  startProbationStep,
} from "../core/usecases/probation";
import { defineStep } from "./define";

export const probationSteps = {
  startProbation: defineStep({
    input: z.object({ caseId: z.string().min(1), executionId: z.string().min(1) }),
    run: (deps, input) => startProbationStep(deps, input),
  }),

  recordProbationOutcome: defineStep({
    input: z.object({ caseId: z.string().min(1), finalAssessmentTaskId: z.string().min(1) }),
    run: (deps, input) => record(deps, input),
  }),

  notifyHr: defineStep({
    input: z.object({
      caseId: z.string().min(1),
      event: z.enum(["probation.decided", "probation.failed"]),
      error: z.string().optional(),
    }),
    // Mails HR a link to the read-only record page, which is signed.
    needs: { mail: true, signsLinks: true },
    run: (deps, input) => notifyHrStep(deps, input),
  }),
};
