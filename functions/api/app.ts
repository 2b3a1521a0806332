// The HTTP app: the same routes in AWS (behind the HTTP API) and locally (on @hono/node-server).
import { randomUUID } from "node:crypto";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Hono } from "hono";
import { matchedRoutes } from "hono/route";
import { secureHeaders } from "hono/secure-headers";
import { INVITE_PURPOSE, verifyRecordLink } from "../core/record-links";
import { reviewInvite } from "../core/usecases/reviews";
import { apiBodyPolicy } from "./body-policy";
import { type ConsoleOptions, consoleRoutes } from "./console/routes";
import type { ApiDeps } from "./deps";
import { errorHandler, validationHook } from "./errors";
import { infoSessionPages } from "./info-session-pages";
import { linkPages } from "./link-pages";
import { apiDocsPage, type OpenApiDocument } from "./pages/api-docs";
import { PAGE_CSP } from "./pages/headers";
import { recordPages } from "./record-pages";
import { cycleRoutes } from "./routes/cycles";
import { delegationRoutes } from "./routes/delegation";
import { infoSessionRoutes } from "./routes/info-sessions";
import { orgRoutes } from "./routes/org";
import { trainingRoutes } from "./routes/trainings";
import { workflowRoutes } from "./routes/workflow";
import { trainingPages } from "./training-pages";

declare module "hono" {
  interface ContextVariableMap {
    requestId: string;
  }
}

export function createApp(deps: ApiDeps, options: { devRoutes?: Hono; console?: ConsoleOptions } = {}) {
  // Not strict: "/dev/" and "/dev" are the same page, as a person typing a URL expects.
  const app = new OpenAPIHono({ defaultHook: validationHook, strict: false });

  app.use("*", async (c, next) => {
    const given = c.req.header("x-request-id");
    const requestId = given && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : randomUUID();
    c.set("requestId", requestId);
    const started = performance.now();
    await next();
    c.header("X-Request-Id", requestId);
    // The route's pattern (/api/employees/:id/absences, /l/:token), never the raw path: ids name
    // people, and links and queries carry secrets. The last matched route that is not
    // middleware is the handler's, whether or not it ran (a 401 still names the route).
    const handler = matchedRoutes(c).findLast((r) => r.method !== "ALL");
    deps.logger.info("request", {
      requestId,
      method: c.req.method,
      route: handler?.path ?? "(no route)",
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  app.use("*", async (c, next) => {
    // No route takes a URL this long; DynamoDB keys built from it would pass 2,048 bytes anyway.
    if (c.req.url.length > 4096)
      return c.json(
        { error: { code: "uri_too_long", message: "url: longer than 4,096 characters", field: "url" } },
        414,
      );
    return next();
  });
  app.use("/api/*", secureHeaders());
  app.use("/api/*", apiBodyPolicy());

  app.get("/health", (c) => c.json({ status: "ok" }));

  const api = new OpenAPIHono({ defaultHook: validationHook });
  api.route("/", orgRoutes(deps));
  api.route("/", workflowRoutes(deps));
  api.route("/", delegationRoutes(deps));
  api.route("/", cycleRoutes(deps));
  api.route("/", trainingRoutes(deps));
  api.route("/", infoSessionRoutes(deps));
  app.route("/api", api);
  app.route("/l", linkPages(deps));
  app.route("/r", recordPages(deps));
  // A training participant's calendar file and confirm page (signed links from the invitation).
  app.route("/", trainingPages(deps));
  // An info-session invitee's calendar file (signed link from the invitation or cancellation).
  app.route("/", infoSessionPages(deps));
  // A review meeting's calendar file behind a signed link from the invitation mail.
  app.get("/ics/:token", async (c) => {
    const claims = verifyRecordLink(deps.config.linkSigningKey, c.req.param("token"), INVITE_PURPOSE);
    if (!claims || claims.expiresAt.getTime() < deps.clock.now().getTime())
      return c.text("This link is not valid.", 404);
    const ics = await reviewInvite(deps, claims.caseId);
    if (!ics) return c.text("No meeting is planned.", 404);
    return c.body(ics.content, 200, {
      "Content-Type": ics.contentType,
      "Content-Disposition": `attachment; filename="${ics.filename}"`,
      "Cache-Control": "no-store",
    });
  });

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });
  const document = {
    openapi: "3.1.0",
    info: {
      title: "HR workflows API",
      version: "0.1.0",
      description: "Probation and review workflows driven by email-link tasks.",
    },
  };
  app.doc31("/openapi.json", document);
  // The API reference, rendered from the same document (no scripts, nothing from a CDN).
  let docsHtml: string | undefined;
  app.get("/api/docs", (c) => {
    docsHtml ??= apiDocsPage(app.getOpenAPI31Document(document) as OpenApiDocument);
    c.header("Content-Security-Policy", PAGE_CSP.replace("form-action 'self'", "form-action 'none'"));
    return c.html(docsHtml);
  });

  // The HR console at /console/*, and the start page at / (locally with the developer menu).
  app.route("/", consoleRoutes(deps, { ...options.console, developerMenu: !!options.devRoutes }));
  if (options.devRoutes) app.route("/dev", options.devRoutes);
  app.notFound((c) =>
    c.json({ error: { code: "not_found", message: `No route ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.onError(errorHandler(deps.logger));
  return app;
}
