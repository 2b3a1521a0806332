// HR routes for the organisation: units, positions (with job descriptions), employees, and /me.
import { createRoute, z } from "@hono/zod-openapi";
import { notFound } from "../../core/errors";
import { Employee, JobDescription, Position, Unit } from "../../core/model";
import {
  deleteEmployee,
  deletePosition,
  deleteUnit,
  directReports,
  EmployeeInput,
  importJobDescription,
  PositionInput,
  saveEmployee,
  savePosition,
  saveUnit,
  UnitInput,
} from "../../core/usecases/org";
import { parseInput } from "../../core/validation";
import { requireRole } from "../auth";
import type { ApiDeps } from "../deps";
import { jsonError } from "../errors";
import { actorOf, bearer, errorResponses, IdParam, json, newRouter } from "./shared";

const JobDescriptionDocument = z.object({ markdown: z.string().max(1024 * 1024) });

// biome-ignore lint/suspicious/noExplicitAny: the generic CRUD helper loses the route's input types
const validJson = (c: any): unknown => c.req.valid("json");

export function orgRoutes(deps: ApiDeps) {
  const app = newRouter();
  const hr = requireRole(deps.auth, "hr");
  const reader = requireRole(deps.auth, "hr", "lead");
  for (const path of ["/units", "/units/*", "/positions", "/positions/*"]) {
    app.on(["POST", "PUT", "DELETE"], path, hr);
    app.on("GET", path, reader);
  }
  app.use("/employees", hr);
  app.use("/employees/:id", hr);
  app.use("/me", requireRole(deps.auth, "hr", "lead", "employee"));

  const crud = <Out extends z.ZodType, In extends z.ZodType>(
    name: string,
    path: string,
    schemas: { out: Out; in: In },
    ops: {
      list(): Promise<unknown[]>;
      get(id: string): Promise<unknown>;
      save(actor: { id: string }, body: unknown, id?: string): Promise<unknown>;
      remove(actor: { id: string }, id: string): Promise<void>;
    },
  ) => {
    const security = bearer;
    app.openapi(
      createRoute({
        method: "get",
        path,
        summary: `List ${name}s`,
        security,
        responses: { 200: json(z.array(schemas.out)), ...errorResponses },
      }),
      async (c) => c.json((await ops.list()) as never, 200),
    );
    app.openapi(
      createRoute({
        method: "post",
        path,
        summary: `Create a ${name}`,
        security,
        request: { body: { content: { "application/json": { schema: schemas.in } }, required: true } },
        responses: { 201: json(schemas.out, "Created"), ...errorResponses },
      }),
      async (c) => c.json((await ops.save(actorOf(c), validJson(c))) as never, 201),
    );
    app.openapi(
      createRoute({
        method: "get",
        path: `${path}/{id}`,
        summary: `Get a ${name}`,
        security,
        request: { params: IdParam },
        responses: { 200: json(schemas.out), ...errorResponses },
      }),
      async (c) => {
        const found = await ops.get(c.req.valid("param").id);
        if (!found) throw notFound(name, c.req.valid("param").id);
        return c.json(found as never, 200);
      },
    );
    app.openapi(
      createRoute({
        method: "put",
        path: `${path}/{id}`,
        summary: `Replace a ${name}`,
        security,
        request: {
          params: IdParam,
          body: { content: { "application/json": { schema: schemas.in } }, required: true },
        },
        responses: { 200: json(schemas.out), ...errorResponses },
      }),
      async (c) => c.json((await ops.save(actorOf(c), validJson(c), c.req.param("id"))) as never, 200),
    );
    app.openapi(
      createRoute({
        method: "delete",
        path: `${path}/{id}`,
        summary: `Delete a ${name}`,
        security,
        request: { params: IdParam },
        responses: { 204: { description: "Deleted" }, ...errorResponses },
      }),
      async (c) => {
        await ops.remove(actorOf(c), c.req.valid("param").id);
        return c.body(null, 204);
      },
    );
  };

  crud(
    "unit",
    "/units",
    { out: Unit, in: UnitInput },
    {
      list: () => deps.store.listUnits(),
      get: (id) => deps.store.getUnit(id),
      save: (actor, body, id) => saveUnit(deps, actor, body, id),
      remove: (actor, id) => deleteUnit(deps, actor, id),
    },
  );
  crud(
    "position",
    "/positions",
    { out: Position, in: PositionInput },
    {
      list: () => deps.store.listPositions(),
      get: (id) => deps.store.getPosition(id),
      save: (actor, body, id) => savePosition(deps, actor, body, id),
      remove: (actor, id) => deletePosition(deps, actor, id),
    },
  );
  crud(
    "employee",
    "/employees",
    { out: Employee, in: EmployeeInput },
    {
      list: () => deps.store.listEmployees(),
      get: (id) => deps.store.getEmployee(id),
      save: (actor, body, id) => saveEmployee(deps, actor, body, id),
      remove: (actor, id) => deleteEmployee(deps, actor, id),
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/positions/{id}/direct-reports",
      summary: "Positions whose line manager (1.3) is this position (1.6)",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: json(z.array(Position)), ...errorResponses },
    }),
    async (c) => c.json(await directReports(deps, c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/positions/{id}/job-description",
      summary: "The position's job description",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: json(JobDescription), ...errorResponses },
    }),
    async (c) => {
      const jd = await deps.store.getJobDescription(c.req.valid("param").id);
      if (!jd) throw notFound("job description of position", c.req.valid("param").id);
      return c.json(jd, 200);
    },
  );

  // Plain Hono route: the body is Markdown (or JSON {markdown}), which the parser validates line by line.
  // Documented here; the handler below reads the body itself.
  app.openAPIRegistry.registerPath({
    method: "put",
    path: "/positions/{id}/job-description",
    summary: "Import a position's job description (Markdown in the seed's format, or JSON {markdown})",
    description:
      "The body is the job description as Markdown (text/markdown or text/plain), or JSON {markdown}; at most 1 MB. " +
      "It is parsed line by line and stored only when it has no errors; a 400 lists every problem with its line in `issues`.",
    security: bearer,
    request: {
      params: IdParam,
      body: {
        required: true,
        content: {
          "text/markdown": { schema: z.string().openapi({ description: "The job description as Markdown" }) },
          "text/plain": { schema: z.string().openapi({ description: "The same Markdown" }) },
          "application/json": { schema: JobDescriptionDocument },
        },
      },
    },
    responses: {
      200: json(JobDescription, "Imported; the parsed job description"),
      ...errorResponses,
      413: json(jsonError, "Larger than 1 MB"),
      415: json(jsonError, "Not text/markdown, text/plain or application/json"),
    },
  });
  app.put("/positions/:id/job-description", async (c) => {
    const { id } = parseInput(IdParam, { id: c.req.param("id") });
    const type = c.req.header("content-type") ?? "";
    const markdown = type.includes("json")
      ? parseInput(JobDescriptionDocument, await c.req.json()).markdown
      : await c.req.text();
    return c.json(await importJobDescription(deps, actorOf(c), id, markdown), 200);
  });

  app.openapi(
    createRoute({
      method: "get",
      path: "/me",
      summary: "Who is signed in",
      security: bearer,
      responses: {
        200: json(z.object({ principal: z.any(), employee: Employee.optional() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const principal = c.get("principal");
      const employee = principal.employeeId ? await deps.store.getEmployee(principal.employeeId) : undefined;
      return c.json({ principal, employee }, 200);
    },
  );

  return app;
}
