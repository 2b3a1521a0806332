// Trainings (HR; a trainer reads the trainings they give): define, preview, assign, cancel, and
// each employee's training history and the compliance view, as JSON or CSV. The use cases parse
// the bodies, so every refusal names its field as the training's own schema has it.
import { createRoute, z } from "@hono/zod-openapi";
import { Id } from "../../core/model";
import { TrainingRecord } from "../../core/trainings/record";
import {
  addTrainingSession,
  assignParticipants,
  cancelTraining,
  cancelTrainingSession,
  changeTrainingSession,
  createTraining,
  listTrainings,
  previewTraining,
  readTraining,
  trainingComplianceReport,
  trainingHistoryReport,
  triggerFollowUp,
} from "../../core/usecases/trainings";
import { requireRole } from "../auth";
import type { ApiDeps } from "../deps";
import { actorOf, bearer, errorResponses, IdParam, json, newRouter } from "./shared";

/** Parsed by the use case (core/trainings/training.ts), which names the offending field. */
const TrainingBody = z.looseObject({}).openapi("TrainingInput", {
  description:
    "title {et,en}, topic {et,en}, kind (mandatory|optional), mandatoryForPositionIds, trainer {kind: employee, employeeId} or {kind: external, name, email?} with organiserEmployeeId (the employee who records attendance for an external provider, e.g. the lead who ordered it, or HR), sessions [{id?, date, start, end, place|videoUrl, capacity}], followUp {kind: none|afterWeeks|everyMonths, weeks|months}",
});
const SelectionBody = z.looseObject({}).openapi("ParticipantSelection", {
  description: "positionIds, units [{unitId, includeSubUnits}], employeeIds, requests [{employeeId, topic}]",
});
const Report = z.object({
  format: z.enum(["json", "csv"]).default("json"),
  lang: z.enum(["et", "en"]).default("et"),
});

export function trainingRoutes(deps: ApiDeps) {
  const app = newRouter();
  const hr = requireRole(deps.auth, "hr");
  const hrOrLead = requireRole(deps.auth, "hr", "lead");
  // Reading is the trainer's too (the use case decides whose); everything else is HR's.
  // ("/trainings/*" matches "/trainings" too.) Reports are HR's.
  app.use("/trainings/*", async (c, next) => {
    const reads =
      c.req.method === "GET" && /^\/api\/trainings(\/(?!history$|compliance$)[^/]+)?$/.test(c.req.path);
    return (reads ? hrOrLead : hr)(c, next);
  });

  app.openapi(
    createRoute({
      method: "post",
      path: "/trainings",
      summary:
        "Define a training: title, topic, kind, trainer, sessions, follow-up rule; nobody is invited yet",
      security: bearer,
      request: { body: { content: { "application/json": { schema: TrainingBody } }, required: true } },
      responses: { 201: json(TrainingRecord, "The training"), ...errorResponses },
    }),
    async (c) => c.json(await createTraining(deps, actorOf(c), c.req.valid("json")), 201),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/trainings",
      summary: "Trainings: every one for HR, the ones they give for a trainer",
      security: bearer,
      responses: { 200: json(z.array(TrainingRecord), "Trainings"), ...errorResponses },
    }),
    async (c) => c.json(await listTrainings(deps, c.get("principal")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/trainings/history",
      summary:
        "Each employee's training history (dates, hours, follow-up due); ?employeeId= for one; ?format=csv",
      security: bearer,
      request: { query: Report.extend({ employeeId: Id.optional() }) },
      responses: {
        200: {
          description: "History rows",
          content: { "application/json": { schema: z.any() }, "text/csv": { schema: z.string() } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { format, lang, employeeId } = c.req.valid("query");
      const out = await trainingHistoryReport(deps, { employeeId, format, locale: lang });
      return typeof out === "string"
        ? c.body(out, 200, {
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": 'attachment; filename="training-history.csv"',
          })
        : c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/trainings/compliance",
      summary: "Who lacks a mandatory training or is overdue for a refresher or follow-up; ?format=csv",
      security: bearer,
      request: { query: Report },
      responses: {
        200: {
          description: "Compliance rows",
          content: { "application/json": { schema: z.any() }, "text/csv": { schema: z.string() } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { format, lang } = c.req.valid("query");
      const out = await trainingComplianceReport(deps, { format, locale: lang });
      return typeof out === "string"
        ? c.body(out, 200, {
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": 'attachment; filename="training-compliance.csv"',
          })
        : c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/trainings/{id}",
      summary:
        "One training with its sessions' seats, attendance records and follow-ups due (HR, its trainer)",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: json(z.any(), "The training"), ...errorResponses },
    }),
    async (c) => c.json(await readTraining(deps, c.get("principal"), c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/trainings/{id}/preview",
      summary: "Who a selection reaches, who is left out and why; nothing is sent",
      security: bearer,
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: SelectionBody } }, required: true },
      },
      responses: { 200: json(z.any(), "Included and excluded employees"), ...errorResponses },
    }),
    async (c) => c.json(await previewTraining(deps, c.req.valid("param").id, c.req.valid("json")), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/trainings/{id}/assign",
      summary:
        "Seat the selection in the sessions (capacity enforced; absent on a session's day: the next one); invitations with .ics go out",
      security: bearer,
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: SelectionBody } }, required: true },
      },
      responses: { 200: json(z.any(), "Seats, moves and the waiting list"), ...errorResponses },
    }),
    async (c) =>
      c.json(await assignParticipants(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/trainings/{id}/cancel",
      summary: "Cancel the training: cancel .ics to every participant, open tasks cancelled",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: json(TrainingRecord, "The training"), ...errorResponses },
    }),
    async (c) => c.json(await cancelTraining(deps, actorOf(c), c.req.valid("param").id), 200),
  );

  const SessionBody = z.looseObject({}).openapi("TrainingSessionInput", {
    description: "id?, date, start, end, place|videoUrl, capacity (a change gives only what changes)",
  });
  const SessionParam = z.object({ id: Id, sessionId: Id });

  app.openapi(
    createRoute({
      method: "post",
      path: "/trainings/{id}/sessions",
      summary: "Add a session: the waiting list (incl. follow-ups due) is seated in it and invited",
      security: bearer,
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: SessionBody } }, required: true },
      },
      responses: { 201: json(z.any(), "The session, who was seated, who still waits"), ...errorResponses },
    }),
    async (c) =>
      c.json(await addTrainingSession(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 201),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/trainings/{id}/sessions/{sessionId}",
      summary:
        "Change a session's time, place, link or capacity before it begins: participants get the updated .ics (SEQUENCE + 1)",
      security: bearer,
      request: {
        params: SessionParam,
        body: { content: { "application/json": { schema: SessionBody } }, required: true },
      },
      responses: { 200: json(z.any(), "The session as it is now"), ...errorResponses },
    }),
    async (c) => {
      const { id, sessionId } = c.req.valid("param");
      return c.json(await changeTrainingSession(deps, actorOf(c), id, sessionId, c.req.valid("json")), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/trainings/{id}/sessions/{sessionId}/cancel",
      summary:
        "Cancel one session: cancel .ics to its participants, each moved to the next session with room (or waits)",
      security: bearer,
      request: { params: SessionParam },
      responses: { 200: json(z.any(), "Who moved where, the waiting list"), ...errorResponses },
    }),
    async (c) => {
      const { id, sessionId } = c.req.valid("param");
      return c.json(await cancelTrainingSession(deps, actorOf(c), id, sessionId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/trainings/{id}/follow-up",
      summary:
        "Call a follow-up for everyone who completed the training (e.g. the law changed): they go on its follow-up training once; HR adds a session",
      security: bearer,
      request: { params: IdParam },
      responses: {
        200: json(z.any(), "The follow-up training, who was added, who was on it already"),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await triggerFollowUp(deps, actorOf(c), c.req.valid("param").id), 200),
  );

  return app;
}
