import type { z } from "zod";
import { invalid } from "./errors";

/** Parses outside input; the first problem becomes a DomainError that names the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join(".") || "body";
  const message = issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message;
  throw invalid(field, message);
}
