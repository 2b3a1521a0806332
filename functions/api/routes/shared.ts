// What every route module shares: the router with the one validation hook, OpenAPI response
// shapes, and the signed-in actor.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { Id } from "../../core/model";
import { jsonError, validationHook } from "../errors";

export const newRouter = () => new OpenAPIHono({ defaultHook: validationHook });

const errorBody = (description: string) => ({
  description,
  content: { "application/json": { schema: jsonError } },
});
export const errorResponses = {
  400: errorBody("Invalid input; `error.field` names the field"),
  401: errorBody("No or invalid bearer token"),
  403: errorBody("Signed in without the needed role"),
  404: errorBody("Not found"),
  409: errorBody("Conflict"),
} as const;

export const json = <T extends z.ZodType>(schema: T, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});

export const IdParam = z.object({ id: Id });
export const bearer = [{ bearer: [] }];

/** The signed-in person as the actor of a change (requireRole has set the principal). */
export function actorOf(c: Context): { id: string; roles: string[] } {
  const principal = c.get("principal");
  return { id: principal.employeeId ?? principal.subject, roles: principal.roles };
}
