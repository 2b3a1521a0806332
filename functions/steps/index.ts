// Step name -> handler: the Lambda of each step and the local engine both dispatch through here.
// A workflow brings its steps as one module (steps/<workflow>.ts) and is listed once below.
import type { Deps } from "../core/deps";
import { annualReviewSteps, midtermReviewSteps } from "./annual-review";
import type { StepName } from "./catalog";
import { runStep, type Step, type StepNeeds } from "./define";
import { engineSteps } from "./engine";
import { infoSessionSteps } from "./info-session";
import { probationSteps } from "./probation";
import { trainingSteps } from "./training";

// biome-ignore lint/suspicious/noExplicitAny: each step has its own input schema
const steps: Record<StepName, Step<any>> = {
  ...engineSteps,
  ...probationSteps,
  ...annualReviewSteps,
  ...midtermReviewSteps,
  ...trainingSteps,
  ...infoSessionSteps,
};

export function invokeStep(deps: Deps, name: StepName, input: unknown): Promise<unknown> {
  return runStep(steps[name], deps, input);
}

/** What a step's function needs granted (mail, the link-signing secret), from its definition. */
export const stepNeeds = (name: StepName): StepNeeds => steps[name].needs ?? {};
