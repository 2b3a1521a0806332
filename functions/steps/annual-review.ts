// The annual review's own steps (workflows/annual-review.asl.json); timers and human tasks are the
// engine's shared steps (engine.ts).
import { z } from "zod";
import {
  recordMidtermOutcomeStep,
  recordReviewOutcomeStep,
  sendReviewInvitationStep,
} from "../core/usecases/reviews";
import { defineStep } from "./define";

export const annualReviewSteps = {
  sendReviewInvitation: defineStep({
    input: z.object({ caseId: z.string().min(1), meetingTaskId: z.string().min(1) }),
    // Mails both people the link to the meeting's calendar file, which is signed.
    needs: { mail: true, signsLinks: true },
    run: (deps, input) => sendReviewInvitationStep(deps, input),
  }),

  recordReviewOutcome: defineStep({
    input: z.object({ caseId: z.string().min(1) }),
    run: (deps, input) => recordReviewOutcomeStep(deps, input),
  }),
};

/** The mid-term check-in's own step (workflows/midterm-review.asl.json). */
export const midtermReviewSteps = {
  recordMidtermOutcome: defineStep({
    input: z.object({ caseId: z.string().min(1) }),
    run: (deps, input) => recordMidtermOutcomeStep(deps, input),
  }),
};
