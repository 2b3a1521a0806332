// Info sessions: a lead schedules a single session or a series for their unit and cancels them;
// the unit's staff and the department's leads read the summaries' archive. The use cases parse
// the bodies and decide who may do what, so every refusal names its field.
import { createRoute, z } from "@hono/zod-openapi";
import { Id } from "../../core/model";
import {
  cancelInfoSessions,
  infoSessionArchive,
  infoSessionSummary,
  scheduleInfoSessions,
} from "../../core/usecases/info-sessions";
import { requireRole } from "../auth";
import type { ApiDeps } from "../deps";
import { actorOf, bearer, errorResponses, IdParam, json, newRouter } from "./shared";

/** Parsed by the use case (core/usecases/info-sessions.ts), which names the offending field. */
const InfoSessionBody = z.looseObject({}).openapi("InfoSessionInput", {
  description:
    "title {et,en}, unitId? (default: the lead's unit), place|videoUrl, either single {date, start, end} or series {rrule, from, until, time, durationMinutes}, summaryBusinessDays (default 2), guests [{name, email}]",
});
const CancelBody = z.looseObject({}).openapi("InfoSessionCancel", {
  description: 'scope: "session" (default) or "series" (this session and every later one of its series)',
});

export function infoSessionRoutes(deps: ApiDeps) {
  const app = newRouter();
  const lead = requireRole(deps.auth, "lead");
  const hrOrLead = requireRole(deps.auth, "hr", "lead");
  const anyone = requireRole(deps.auth, "hr", "lead", "employee");
  // Reading the archive is for anyone signed in (the use case decides who: 404 for the rest);
  // cancelling for the session's lead or HR; scheduling for leads. ("/info-sessions/*" matches
  // "/info-sessions" too.)
  app.use("/info-sessions/*", async (c, next) => {
    if (c.req.method === "GET") return anyone(c, next);
    if (/\/cancel$/.test(c.req.path)) return hrOrLead(c, next);
    return lead(c, next);
  });

  app.openapi(
    createRoute({
      method: "post",
      path: "/info-sessions",
      summary:
        "Schedule an info session or a series (RRULE; Estonian public holidays skipped) for the lead's unit; the staff get invitations with .ics",
      security: bearer,
      request: { body: { content: { "application/json": { schema: InfoSessionBody } }, required: true } },
      responses: {
        201: json(z.any(), "The series: its sessions, skipped holidays, who was invited"),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await scheduleInfoSessions(deps, c.get("principal"), c.req.valid("json")), 201),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/info-sessions/archive",
      summary:
        "A unit's info-session summaries, newest first (its staff and the department's leads; 404 for anyone else)",
      security: bearer,
      request: { query: z.object({ unitId: Id }) },
      responses: { 200: json(z.any(), "Summaries"), ...errorResponses },
    }),
    async (c) => c.json(await infoSessionArchive(deps, c.get("principal"), c.req.valid("query").unitId), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/info-sessions/{id}/summary",
      summary: "One info session's summary (the same readers as its unit's archive)",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: json(z.any(), "The summary"), ...errorResponses },
    }),
    async (c) => c.json(await infoSessionSummary(deps, c.get("principal"), c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/info-sessions/{id}/cancel",
      summary:
        "Cancel a session (or, with scope series, it and the later ones): open tasks cancelled, cancel .ics to every invitee",
      security: bearer,
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: CancelBody } }, required: false },
      },
      responses: { 200: json(z.any(), "The cancelled sessions"), ...errorResponses },
    }),
    async (c) => {
      const principal = c.get("principal");
      const body = c.req.header("content-type")?.includes("json") ? await c.req.json().catch(() => ({})) : {};
      return c.json(
        await cancelInfoSessions(deps, { ...principal, id: actorOf(c).id }, c.req.valid("param").id, body),
        200,
      );
    },
  );

  return app;
}
