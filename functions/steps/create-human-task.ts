import { z } from "zod";
import { TaskKind } from "../core/model";
import { createHumanTask as create } from "../core/usecases/tasks";
import { defineStep } from "./define";

export const createHumanTask = defineStep({
  input: z.object({
    taskToken: z.string().min(1),
    executionId: z.string().min(1),
    /** The ASL state's own name: with the execution it names the task. */
    state: z.string().min(1).max(80),
    probationId: z.string().min(1),
    kind: TaskKind,
  }),
  run: (deps, input) => create(deps, input),
});
