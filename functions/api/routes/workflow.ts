// Placeholder: hires, absences, tasks, probations and audit routes (being written by the lead).
import { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiDeps } from "../deps";

export function workflowRoutes(_deps: ApiDeps) {
  return new OpenAPIHono();
}
