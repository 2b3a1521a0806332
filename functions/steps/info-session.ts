// The info-session workflow's own step (workflows/info-session.asl.json); the session's timer and
// the summary task are the engine's shared steps (engine.ts).
import { z } from "zod";
import { sendInfoSessionSummaryStep } from "../core/usecases/info-sessions";
import { defineStep } from "./define";

export const infoSessionSteps = {
  sendInfoSessionSummary: defineStep({
    input: z.object({ caseId: z.string().min(1), summaryTaskId: z.string().min(1) }),
    // Mails the summary (with its archive link) to the unit's staff and the department's other leads.
    needs: { mail: true },
    run: (deps, input) => sendInfoSessionSummaryStep(deps, input),
  }),
};
