import type { z } from "zod";
import type { Deps } from "../core/deps";
import { DomainError } from "../core/errors";

/** A workflow step: its input is validated before anything runs, as any outside input is. */
export interface Step<S extends z.ZodType> {
  input: S;
  run(deps: Deps, input: z.infer<S>): Promise<unknown>;
}

export const defineStep = <S extends z.ZodType>(step: Step<S>) => step;

/** Thrown for step input that does not match: the workflow catches it as `InvalidStepInput`. */
export class InvalidStepInput extends Error {
  override name = "InvalidStepInput";
}

export async function runStep<S extends z.ZodType>(
  step: Step<S>,
  deps: Deps,
  raw: unknown,
): Promise<unknown> {
  const parsed = step.input.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // Field path and message only: the payload may hold a task token.
    throw new InvalidStepInput(`${issue.path.join(".") || "input"}: ${issue.message}`);
  }
  try {
    return await step.run(deps, parsed.data);
  } catch (error) {
    if (error instanceof DomainError) {
      const named = new Error(error.message);
      named.name = `Domain.${error.code}`;
      throw named;
    }
    throw error;
  }
}
