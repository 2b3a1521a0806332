// The training workflow's own step (workflows/training.asl.json); the session's timer and the
// attendance list are the engine's shared steps (engine.ts).
import { z } from "zod";
import { recordTrainingAttendanceStep } from "../core/usecases/trainings";
import { defineStep } from "./define";

export const trainingSteps = {
  recordTrainingAttendance: defineStep({
    input: z.object({ caseId: z.string().min(1), attendanceTaskId: z.string().min(1) }),
    // Mails no-shows their next session's signed calendar and confirm links, or tells them they wait.
    needs: { mail: true, signsLinks: true },
    run: (deps, input) => recordTrainingAttendanceStep(deps, input),
  }),
};
