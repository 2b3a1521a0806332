// Step name -> handler: the Lambda of each step and the local engine both dispatch through here.
import type { Deps } from "../core/deps";
import type { StepName } from "./catalog";
import { createHumanTask } from "./create-human-task";
import { runStep, type Step } from "./define";
import { notifyHr } from "./notify-hr";
import { recordProbationOutcome } from "./record-probation-outcome";
import { startProbation } from "./start-probation";
import { waitUntil } from "./wait-until";

// biome-ignore lint/suspicious/noExplicitAny: each step has its own input schema
const steps: Record<StepName, Step<any>> = {
  startProbation,
  waitUntil,
  createHumanTask,
  recordProbationOutcome,
  notifyHr,
};

export function invokeStep(deps: Deps, name: StepName, input: unknown): Promise<unknown> {
  return runStep(steps[name], deps, input);
}
