// Validation errors of the review domain: the repo's one error type (DomainError "validation"),
// with the field named as a reader writes it: `goals[0].dueDate`, `ratingScale.labels[2].et`.
import type { z } from "zod";
import { invalid } from "../errors";

/** `["goals", 0, "dueDate"]` → `goals[0].dueDate`; an empty path is the whole input. */
export function fieldPath(path: ReadonlyArray<PropertyKey>, root = "body"): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out || root;
}

/** The message of one issue; a missing value reads "is required", as elsewhere in the API. */
export const issueMessage = (issue: z.core.$ZodIssue): string =>
  issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message;

/**
 * Parses outside input; the first problem becomes a DomainError that names the field (the same
 * contract as core/validation.ts's parseInput, with array positions in brackets).
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw invalid(fieldPath(issue.path), issueMessage(issue));
}
