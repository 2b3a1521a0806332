import { z } from "zod";
import { recordProbationOutcome as record } from "../core/usecases/probation";
import { defineStep } from "./define";

export const recordProbationOutcome = defineStep({
  input: z.object({ caseId: z.string().min(1), finalAssessmentTaskId: z.string().min(1) }),
  run: (deps, input) => record(deps, input),
});
