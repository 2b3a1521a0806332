// The one error mapping: domain errors to status codes, validation failures naming the field.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { DomainError } from "../core/errors";
import type { Logger } from "../core/ports";
import { ConditionFailed } from "../core/ports";

export const jsonError = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi("Error");

const STATUS = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
} as const;

/** For @hono/zod-openapi's defaultHook: a failed request schema becomes a 400 naming the field. */
export function validationHook(
  result: {
    success: boolean;
    error?: { issues: Array<{ path: PropertyKey[]; message: string }> };
    target?: string;
  },
  c: Context,
) {
  if (result.success) return;
  const issue = result.error!.issues[0]!;
  const field =
    issue.path.map(String).join(".") || (result.target === "json" ? "body" : (result.target ?? "input"));
  return c.json(
    {
      error: {
        code: "validation",
        message: `${field}: ${issue.message}`,
        field,
        issues: result.error!.issues.map((i) => ({
          field: i.path.map(String).join("."),
          message: i.message,
        })),
      },
    },
    400,
  );
}

export function errorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    const requestId = c.get("requestId" as never) as string | undefined;
    if (error instanceof DomainError) {
      return c.json(
        { error: { code: error.code, message: error.message, field: error.field, ...error.details } },
        STATUS[error.code],
      );
    }
    if (error instanceof ConditionFailed) {
      return c.json(
        { error: { code: "conflict", message: "Someone else changed this first; reload and try again." } },
        409,
      );
    }
    if (error instanceof HTTPException) {
      if (error.status === 400) {
        return c.json(
          { error: { code: "validation", message: "body: malformed request body", field: "body" } },
          400,
        );
      }
      return error.getResponse();
    }
    if (error instanceof SyntaxError) {
      return c.json({ error: { code: "validation", message: "body: not valid JSON", field: "body" } }, 400);
    }
    logger.error("unhandled error", {
      requestId,
      error: error.name,
      stack: error.stack?.split("\n").slice(0, 4).join(" | "),
    });
    return c.json({ error: { code: "internal", message: "Internal error", requestId } }, 500);
  };
}
