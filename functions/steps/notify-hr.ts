import { z } from "zod";
import { notifyHrStep } from "../core/usecases/probation";
import { defineStep } from "./define";

export const notifyHr = defineStep({
  input: z.object({
    caseId: z.string().min(1),
    event: z.enum(["probation.decided", "probation.failed"]),
    error: z.string().optional(),
  }),
  run: (deps, input) => notifyHrStep(deps, input),
});
