// The workflow steps: one Lambda function each in AWS, one local handler each in the local engine.
// The ASL files refer to them only through `${<Pascal>FunctionArn}` placeholders, filled by CDK's
// definitionSubstitutions in AWS and by `localSubstitutions` here, so both read the same file.

import { allStepNames, workflowNames, workflowRegistry } from "../core/workflows/registry";

/** Every step any workflow calls (core/workflows/registry.ts). */
export const stepNames = allStepNames;
export type StepName = (typeof stepNames)[number];

/** `startProbation` -> `StartProbationFunctionArn`, the placeholder used in workflows/*.asl.json. */
export function substitutionKey(step: StepName): string {
  return `${step[0]!.toUpperCase()}${step.slice(1)}FunctionArn`;
}

/** Function name of a step in the local engine; the ARN is never called, only mapped back to the step. */
export const localFunctionArn = (step: StepName) =>
  `arn:aws:lambda:eu-north-1:000000000000:function:hr-local-${step}`;

export function localSubstitutions(): Record<string, string> {
  return Object.fromEntries(stepNames.map((step) => [substitutionKey(step), localFunctionArn(step)]));
}

export function stepForLocalArn(arn: string): StepName | undefined {
  return stepNames.find((step) => localFunctionArn(step) === arn);
}

export const workflowFiles = Object.fromEntries(workflowNames.map((w) => [w, workflowRegistry[w].file])) as {
  [W in (typeof workflowNames)[number]]: string;
};
