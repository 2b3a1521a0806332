// Absences, explicit delegations, and "why does X act now".
import { createRoute, z } from "@hono/zod-openapi";
import { notFound } from "../../core/errors";
import { Absence, Delegation, Id, TaskKind } from "../../core/model";
import { policy } from "../../core/policy";
import {
  AbsenceInput,
  deleteAbsence,
  importAbsencesCsv,
  listAbsencesOf,
  recordAbsence,
  updateAbsence,
} from "../../core/usecases/absences";
import {
  createDelegation,
  DelegationInput,
  deleteDelegation,
  explainAssignment,
} from "../../core/usecases/delegation";
import { Probation } from "../../core/workflows/probation";
import { requireRole } from "../auth";
import type { ApiDeps } from "../deps";
import { jsonError } from "../errors";
import { actorOf, bearer, errorResponses, IdParam, json, newRouter } from "./shared";

const Explanation = z
  .object({
    date: z.string(),
    kind: TaskKind,
    subjectId: z.string(),
    assigneeId: z.string(),
    assigneeName: z.string().optional(),
    onBehalfOfId: z.string().optional(),
    onBehalfOfName: z.string().optional(),
    until: z.string().optional(),
    reasons: z.array(z.string()),
  })
  .openapi("ActingAssignee");
const AbsenceParams = z.object({ id: Id, absenceId: Id });

export function delegationRoutes(deps: ApiDeps) {
  const app = newRouter();
  const hr = requireRole(deps.auth, "hr");
  app.use("/employees/:id/absences", hr);
  app.use("/employees/:id/absences/*", hr);
  app.use("/employees/:id/acting", hr);
  app.use("/absences/*", hr);
  app.use("/delegations", requireRole(deps.auth, "hr", "lead"));
  app.use("/delegations/*", requireRole(deps.auth, "hr", "lead"));
  app.use("/tasks/:id/acting", hr);

  app.openapi(
    createRoute({
      method: "get",
      path: "/employees/{id}/absences",
      summary: "Absences of an employee",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: json(z.array(Absence)), ...errorResponses },
    }),
    async (c) => c.json(await listAbsencesOf(deps, c.req.valid("param").id), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/employees/{id}/absences",
      summary: "Record an absence: probation extends (TLS § 86) and tasks move to the acting substitute",
      security: bearer,
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: AbsenceInput } }, required: true },
      },
      responses: {
        201: json(z.object({ absence: Absence, probations: z.array(Probation) }), "Recorded"),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(await recordAbsence(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 201),
  );
  app.openapi(
    createRoute({
      method: "put",
      path: "/employees/{id}/absences/{absenceId}",
      summary: "Change an absence (close an open-ended one, correct a past one); audited",
      security: bearer,
      request: {
        params: AbsenceParams,
        body: { content: { "application/json": { schema: AbsenceInput } }, required: true },
      },
      responses: {
        200: json(z.object({ absence: Absence, probations: z.array(Probation) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, absenceId } = c.req.valid("param");
      return c.json(await updateAbsence(deps, actorOf(c), id, absenceId, c.req.valid("json")), 200);
    },
  );
  app.openapi(
    createRoute({
      method: "delete",
      path: "/employees/{id}/absences/{absenceId}",
      summary: "Remove an absence recorded by mistake; audited",
      security: bearer,
      request: { params: AbsenceParams },
      responses: { 204: { description: "Removed" }, ...errorResponses },
    }),
    async (c) => {
      const { id, absenceId } = c.req.valid("param");
      await deleteAbsence(deps, actorOf(c), id, absenceId);
      return c.body(null, 204);
    },
  );
  // CSV body: validated row by row by the use case, which names each bad line.
  // Documented here; the handler below reads the body itself.
  app.openAPIRegistry.registerPath({
    method: "post",
    path: "/absences/import",
    summary: "Import absences from CSV: probations extend (TLS § 86) and tasks move to the acting substitute",
    description:
      "Header `employee,type,from,to,note` (employee: id or e-mail; `,` `;` or tab between cells), at most 2,000 rows " +
      "and 1 MB. When any row is wrong nothing is imported, and the 400 lists every bad row in `errors` " +
      "({line, field, message}).",
    security: bearer,
    request: {
      body: {
        required: true,
        content: {
          "text/csv": {
            schema: z.string().openapi({
              description: "CSV with the header employee,type,from,to,note",
              example: "employee,type,from,to,note\nmari-maasikas,sick_leave,2026-03-02,2026-03-06,",
            }),
          },
          "text/plain": { schema: z.string().openapi({ description: "The same CSV" }) },
        },
      },
    },
    responses: {
      201: json(z.object({ imported: z.number().int(), absences: z.array(Absence) }), "Imported"),
      ...errorResponses,
      400: json(
        z.object({
          error: z.object({
            code: z.string(),
            message: z.string(),
            field: z.string().optional(),
            errors: z
              .array(z.object({ line: z.number().int(), field: z.string(), message: z.string() }))
              .optional(),
          }),
        }),
        "Nothing imported; `errors` lists each bad row with its line",
      ),
      413: json(jsonError, "Larger than 1 MB"),
      415: json(jsonError, "Not text/csv or text/plain"),
    },
  });
  app.post("/absences/import", async (c) =>
    c.json(await importAbsencesCsv(deps, actorOf(c), await c.req.text()), 201),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/employees/{id}/acting",
      summary: "Who acts now as this employee's lead for a kind of task, and why",
      security: bearer,
      request: {
        params: IdParam,
        query: z.object({
          kind: TaskKind.default("probation.finalAssessment"),
          date: z.iso.date().optional(),
        }),
      },
      responses: { 200: json(Explanation), ...errorResponses },
    }),
    async (c) => {
      const { kind, date } = c.req.valid("query");
      return c.json(await explainAssignment(deps, c.req.valid("param").id, kind, date), 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/tasks/{id}/acting",
      summary: "Why the task's assignee acts now",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: json(Explanation), ...errorResponses },
    }),
    async (c) => {
      const task = await deps.store.getTask(c.req.valid("param").id);
      if (!task) throw notFound("task", c.req.valid("param").id);
      return c.json(await explainAssignment(deps, task.subjectId, task.kind), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/delegations",
      summary:
        "Delegate all or some kinds of one's tasks to a colleague for a period (HR may do it for anyone)",
      security: bearer,
      request: { body: { content: { "application/json": { schema: DelegationInput } }, required: true } },
      responses: { 201: json(Delegation, "Created"), ...errorResponses },
    }),
    async (c) => c.json(await createDelegation(deps, actorOf(c), c.req.valid("json")), 201),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/delegations",
      summary: "Delegations given by a person (default: the signed-in person)",
      security: bearer,
      request: { query: z.object({ employeeId: Id.optional() }) },
      responses: { 200: json(z.array(Delegation)), ...errorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const asked = c.req.valid("query").employeeId;
      const employeeId =
        policy.delegationListOwner({ employeeId: actor.id, roles: actor.roles }, asked) ?? actor.id;
      return c.json(await deps.store.listDelegations(employeeId), 200);
    },
  );
  app.openapi(
    createRoute({
      method: "delete",
      path: "/delegations/{fromEmployeeId}/{id}",
      summary: "End a delegation",
      security: bearer,
      request: { params: z.object({ fromEmployeeId: Id, id: Id }) },
      responses: { 204: { description: "Ended" }, ...errorResponses },
    }),
    async (c) => {
      const { fromEmployeeId, id } = c.req.valid("param");
      await deleteDelegation(deps, actorOf(c), fromEmployeeId, id);
      return c.body(null, 204);
    },
  );
  return app;
}
