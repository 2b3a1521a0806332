// Review cycles (HR) and the review record's PDF (HR, the employee, their lead).
import { createRoute, z } from "@hono/zod-openapi";
import { Id, IsoDate } from "../../core/model";
import { CycleDefinition } from "../../core/reviews/cycle";
import { Cycle } from "../../core/reviews/cycle-record";
import {
  cancelCycle,
  closeCycle,
  complianceReport,
  createCycle,
  cycleStatus,
  cycleStatusCsv,
  extendCycle,
  getCycle,
  launchCycle,
  previewCycle,
  trainingRequests,
} from "../../core/usecases/cycles";
import { reviewPdf } from "../../core/usecases/reviews";
import { requireRole } from "../auth";
import type { ApiDeps } from "../deps";
import { actorOf, bearer, errorResponses, IdParam, json, newRouter } from "./shared";

export function cycleRoutes(deps: ApiDeps) {
  const app = newRouter();
  const hr = requireRole(deps.auth, "hr");
  const signedIn = requireRole(deps.auth, "hr", "lead", "employee");
  app.use("/cycles", hr);
  app.use("/cycles/*", hr);
  app.use("/training-requests", hr);
  app.use("/compliance/*", hr);
  app.use("/reviews/*", signedIn);

  app.openapi(
    createRoute({
      method: "post",
      path: "/cycles",
      summary: "Define a review cycle (annual development conversations); nothing starts until launched",
      security: bearer,
      request: { body: { content: { "application/json": { schema: CycleDefinition } }, required: true } },
      responses: { 201: json(Cycle, "The cycle, as a draft"), ...errorResponses },
    }),
    async (c) => c.json(await createCycle(deps, actorOf(c), c.req.valid("json")), 201),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/cycles",
      summary: "Every review cycle",
      security: bearer,
      responses: { 200: json(z.array(Cycle), "Cycles"), ...errorResponses },
    }),
    async (c) => c.json(await deps.store.listCycles(), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/cycles/{id}",
      summary: "One review cycle",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: json(Cycle, "The cycle"), ...errorResponses },
    }),
    async (c) => c.json(await getCycle(deps, c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/cycles/{id}/preview",
      summary: "Who the cycle reaches now: who gets a review, who is left out and why",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: json(z.any(), "Included and excluded employees"), ...errorResponses },
    }),
    async (c) => c.json(await previewCycle(deps, c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/cycles/{id}/launch",
      summary:
        "Create and start one review per employee in scope; idempotent and resumable (a large cycle is finished by the scheduler)",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: json(z.any(), "How far the launch got"), ...errorResponses },
    }),
    async (c) => c.json(await launchCycle(deps, actorOf(c), c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/cycles/{id}/extend",
      summary: "Move the deadline later; open tasks' due dates follow",
      security: bearer,
      request: {
        params: IdParam,
        body: {
          content: { "application/json": { schema: z.object({ deadline: IsoDate }) } },
          required: true,
        },
      },
      responses: { 200: json(Cycle, "The cycle"), ...errorResponses },
    }),
    async (c) =>
      c.json(await extendCycle(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );

  for (const [path, summary, run] of [
    [
      "cancel",
      "Stop every review of the cycle; open tasks are cancelled and their links say so",
      cancelCycle,
    ],
    [
      "close",
      "Close the cycle: what is still open lapses, conversations not held are recorded so",
      closeCycle,
    ],
  ] as const) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/cycles/{id}/${path}`,
        summary,
        security: bearer,
        request: { params: IdParam },
        responses: { 200: json(Cycle, "The cycle"), ...errorResponses },
      }),
      async (c) => c.json(await run(deps, actorOf(c), c.req.valid("param").id), 200),
    );
  }

  app.openapi(
    createRoute({
      method: "get",
      path: "/cycles/{id}/status",
      summary:
        "Counts by stage, completion per unit, overdue tasks with who holds them; ?format=csv for a spreadsheet",
      security: bearer,
      request: { params: IdParam, query: z.object({ format: z.enum(["json", "csv"]).default("json") }) },
      responses: {
        200: {
          description: "The status",
          content: { "application/json": { schema: z.any() }, "text/csv": { schema: z.string() } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      if (c.req.valid("query").format === "csv") {
        return c.body(await cycleStatusCsv(deps, id), 200, {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="cycle-${id}.csv"`,
        });
      }
      return c.json(await cycleStatus(deps, id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/training-requests",
      summary: "Training needs the reviews recorded: HR's training requests",
      security: bearer,
      request: { query: z.object({ cycleId: Id.optional() }) },
      responses: { 200: json(z.any(), "Requests"), ...errorResponses },
    }),
    async (c) => c.json(await trainingRequests(deps, c.req.valid("query").cycleId), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/compliance/development-conversations",
      summary: "ATS § 30(1): employees without a development conversation held in the last 12 months",
      security: bearer,
      responses: { 200: json(z.any(), "Who is missing one"), ...errorResponses },
    }),
    async (c) => c.json(await complianceReport(deps), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/reviews/{id}/pdf",
      summary:
        "The signed-off review record as a PDF for DigiDoc4 (HR, the employee, their lead); every read is logged",
      security: bearer,
      request: { params: IdParam },
      responses: {
        200: { description: "The PDF", content: { "application/pdf": { schema: z.string() } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const pdf = await reviewPdf(deps, c.get("principal"), c.req.valid("param").id);
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="review-${c.req.valid("param").id}.pdf"`,
        "Cache-Control": "no-store",
      });
    },
  );

  return app;
}
