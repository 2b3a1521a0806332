// HR and lead routes of the workflows: hires, probations, tasks, audit. Handlers are
// thin: parse, call one use case, map the result.
import { createRoute, z } from "@hono/zod-openapi";
import { DomainError } from "../../core/errors";
import { AuditRecord, Case, Employee, HumanTask } from "../../core/model";
import { policy } from "../../core/policy";
import { isReviewCase, recordReviewRead } from "../../core/usecases/access-log";
import { cancelCase, casesOf, caseView } from "../../core/usecases/cases";
import { cancelProbation, probationsOf, probationView, registerHire } from "../../core/usecases/probation";
import { completeAsUser, reissueLink, taskForUser } from "../../core/usecases/tasks";
import { Probation } from "../../core/workflows/probation";
import { workflowNames } from "../../core/workflows/registry";
import { requireRole } from "../auth";
import type { ApiDeps } from "../deps";
import { actorOf, bearer, errorResponses, IdParam, json, newRouter } from "./shared";

const HireBody = Employee.omit({ roles: true }).extend({ id: Employee.shape.id.optional() }).openapi("Hire");
const PublicTask = HumanTask.omit({ callback: true, links: true, answers: true }).openapi("Task");
const publicTask = ({ callback: _c, links: _l, answers: _a, ...task }: HumanTask) => task;

export function workflowRoutes(deps: ApiDeps) {
  const app = newRouter();
  const hr = requireRole(deps.auth, "hr");
  const signedIn = requireRole(deps.auth, "hr", "lead", "employee");

  app.use("/hires", hr);
  app.use("/probations/*", hr);
  app.use("/employees/:id/probations", hr);
  app.use("/cases/*", hr);
  app.use("/employees/:id/cases", hr);
  app.use("/audit/*", hr);
  app.use("/tasks", signedIn);
  app.use("/tasks/*", signedIn);

  app.openapi(
    createRoute({
      method: "post",
      path: "/hires",
      summary: "Register a hire and start the probation workflow",
      security: bearer,
      request: { body: { content: { "application/json": { schema: HireBody } }, required: true } },
      responses: {
        200: json(
          z.object({ employee: Employee, probation: Probation }),
          "A repeated request: the same hire",
        ),
        201: json(z.object({ employee: Employee, probation: Probation }), "The employee and the probation"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { replayed, ...hire } = await registerHire(deps, actorOf(c), c.req.valid("json"));
      return replayed ? c.json(hire, 200) : c.json(hire, 201);
    },
  );

  // Every running process is a case; these routes serve any workflow's cases alike.
  app.openapi(
    createRoute({
      method: "get",
      path: "/cases/{id}",
      summary: "A case of any workflow with its tasks and timers (no answers, tokens or links)",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: json(z.any(), "The case"), ...errorResponses },
    }),
    async (c) => {
      const view = await caseView(deps, c.req.valid("param").id);
      // A review's data and outcome are its content: every read is in the access log.
      if (isReviewCase(view.case))
        await recordReviewRead(deps, c.get("principal"), view.case, "review.read.api");
      return c.json(view, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/employees/{id}/cases",
      summary: "A person's cases, of one workflow when asked, oldest first",
      security: bearer,
      request: { params: IdParam, query: z.object({ workflow: z.enum(workflowNames).optional() }) },
      responses: { 200: json(z.array(Case), "Cases"), ...errorResponses },
    }),
    async (c) => {
      const cases = await casesOf(deps, c.req.valid("param").id, c.req.valid("query").workflow);
      for (const read of cases.filter((x) => isReviewCase(x)))
        await recordReviewRead(deps, c.get("principal"), read, "review.read.api");
      return c.json(cases, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/cases/{id}/cancel",
      summary: "Stop a case: its open tasks and timers are cancelled, its workflow stopped",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: json(Case, "Cancelled"), ...errorResponses },
    }),
    async (c) => c.json(await cancelCase(deps, actorOf(c), c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/probations/{id}",
      summary: "A probation with its schedule, tasks and timers",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: json(z.any(), "The probation"), ...errorResponses },
    }),
    async (c) => c.json(await probationView(deps, c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/employees/{id}/probations",
      summary: "An employee's probations with their outcomes, oldest first",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: json(z.array(Probation), "Probations"), ...errorResponses },
    }),
    async (c) => c.json(await probationsOf(deps, c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/probations/{id}/cancel",
      summary: "Stop a probation: its tasks and timers are cancelled",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: json(Probation, "Cancelled"), ...errorResponses },
    }),
    async (c) => c.json(await cancelProbation(deps, actorOf(c), c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/audit/{entityType}/{id}",
      summary: "Audit trail of one record",
      security: bearer,
      request: {
        params: z.object({ entityType: AuditRecord.shape.entityType, id: z.string().min(1).max(200) }),
      },
      responses: { 200: json(z.array(AuditRecord), "Audit records, oldest first"), ...errorResponses },
    }),
    async (c) => {
      const { entityType, id } = c.req.valid("param");
      return c.json(await deps.store.listAudit(entityType, id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/tasks",
      summary: "Open tasks of the signed-in person (HR: of anyone, with ?assigneeId=)",
      security: bearer,
      request: {
        query: z.object({
          assigneeId: z.string().optional(),
          status: z.enum(["open", "completed", "cancelled"]).optional(),
        }),
      },
      responses: { 200: json(z.array(PublicTask), "Tasks"), ...errorResponses },
    }),
    async (c) => {
      const principal = c.get("principal");
      const query = c.req.valid("query");
      const assigneeId = policy.taskListOwner(principal, query.assigneeId);
      if (!assigneeId)
        throw new DomainError("validation", "assigneeId: required for this sign-in", "assigneeId");
      const tasks = await deps.store.listTasks({ assigneeId, status: query.status ?? "open" });
      return c.json(tasks.map(publicTask), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/tasks/{id}",
      summary: "One task (its assignee, or HR)",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: json(PublicTask, "The task"), ...errorResponses },
    }),
    async (c) =>
      c.json(publicTask(await taskForUser(deps, c.get("principal"), c.req.valid("param").id)), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tasks/{id}/complete",
      summary: "Complete a task signed in (needed to end a contract when sign-in is required)",
      security: bearer,
      request: {
        params: IdParam,
        body: {
          content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
          required: true,
        },
      },
      responses: { 200: json(PublicTask, "Completed"), ...errorResponses },
    }),
    async (c) => {
      const { task } = await completeAsUser(
        deps,
        c.get("principal"),
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json(publicTask(task), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tasks/{id}/reissue-link",
      summary: "Mail a fresh link to the task's holder (HR; at most once an hour per task)",
      security: bearer,
      request: { params: IdParam },
      responses: {
        200: json(z.object({ sent: z.boolean(), sentAt: z.string() }), "Sent, or when it was last sent"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const principal = c.get("principal");
      if (!policy.mayReissueLinks(principal)) throw new DomainError("forbidden", "Only HR reissues links.");
      const task = await taskForUser(deps, principal, c.req.valid("param").id);
      return c.json(await reissueLink(deps, task, actorOf(c)), 200);
    },
  );

  return app;
}
