import { z } from "zod";
import { startProbationStep } from "../core/usecases/probation";
import { defineStep } from "./define";

export const startProbation = defineStep({
  input: z.object({ caseId: z.string().min(1), executionId: z.string().min(1) }),
  run: (deps, input) => startProbationStep(deps, input),
});
