import type { z } from "zod";
import type { Deps } from "../core/deps";
import { DomainError } from "../core/errors";
import { ConditionFailed } from "../core/ports";

/**
 * What a step's function may reach beyond the table, so CDK grants each step only that: mail
 * (SES), and the link-signing secret for steps that mail signed links.
 */
export interface StepNeeds {
  mail?: true;
  signsLinks?: true;
}

/** A workflow step: its input is validated before anything runs, as any outside input is. */
export interface Step<S extends z.ZodType> {
  input: S;
  needs?: StepNeeds;
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
    if (isTransient(error)) {
      // The workflows retry `Step.Transient` with backoff; anything else goes to their Catch.
      const named = new Error((error as Error).name);
      named.name = TRANSIENT;
      throw named;
    }
    throw error;
  }
}

export const TRANSIENT = "Step.Transient";

/**
 * Errors that a later attempt of the same step may not meet: throttling and server-side errors
 * of AWS services (the SDK marks them), network failures, and an optimistic-concurrency write
 * that lost to another writer (the step reads again on its retry).
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof ConditionFailed) return true;
  const e = error as {
    name?: string;
    code?: string;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  if (e?.$retryable) return true;
  if ((e?.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return TRANSIENT_NAMES.has(e?.name ?? "") || TRANSIENT_NAMES.has(e?.code ?? "");
}

const TRANSIENT_NAMES = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "TransactionConflictException",
  "InternalServerError",
  "ServiceUnavailable",
  "TimeoutError",
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
]);
