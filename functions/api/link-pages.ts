// The pages behind email links (anonymous). GET and HEAD only render; a POST with the page's
// nonce and the form's answers completes the task. Mail scanners that open links change nothing.
import { Hono } from "hono";
import { DomainError } from "../core/errors";
import { completeByLink, inspectLink, type LinkState } from "../core/usecases/tasks";
import type { ApiDeps } from "./deps";
import { fieldMessage, formPage, messagePage, pageLocale } from "./pages/render";

const statusFor: Record<Exclude<LinkState["state"], "open">, 404 | 409 | 410> = {
  invalid: 404,
  expired: 410,
  cancelled: 410,
  superseded: 410,
  completed: 409,
};

function detailOf(state: Exclude<LinkState, { state: "open" }>): string | undefined {
  if (state.state === "superseded")
    return state.until ? `${state.currentAssigneeName} (${state.until})` : state.currentAssigneeName;
  if (state.state === "completed")
    return `${state.completedByName}, ${state.completedAt.replace("T", " ").slice(0, 16)} UTC`;
  return undefined;
}

export function linkPages(deps: ApiDeps) {
  const app = new Hono();

  app.use("*", async (c, next) => {
    await next();
    c.header("Referrer-Policy", "no-referrer");
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("X-Robots-Tag", "noindex");
    c.header(
      "Content-Security-Policy",
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  app.get("/:token", async (c) => {
    const view = await inspectLink(deps, c.req.param("token"));
    const locale = pageLocale(c.req.query("lang"), view.state === "invalid" ? "et" : view.locale);
    if (view.state !== "open")
      return c.html(messagePage(locale, view.state, detailOf(view)), statusFor[view.state]);
    return c.html(formPage(locale, view, c.req.path));
  });

  app.post("/:token", async (c) => {
    const token = c.req.param("token");
    const type = c.req.header("content-type") ?? "";
    if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
      return c.html(messagePage("et", "invalid"), 415);
    }
    const body = Object.fromEntries(
      Object.entries(await c.req.parseBody()).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string",
      ),
    );
    try {
      const { task } = await completeByLink(deps, token, body);
      const view = await inspectLink(deps, token);
      const locale = pageLocale(c.req.query("lang"), view.state === "invalid" ? "et" : view.locale);
      deps.logger.info("task completed by link", { taskId: task.id, kind: task.kind });
      return c.html(messagePage(locale, "done"), 200);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const view = await inspectLink(deps, token);
      const locale = pageLocale(c.req.query("lang"), view.state === "invalid" ? "et" : view.locale);
      if (view.state === "open") {
        // Wrong or missing answers, or a stale nonce: show the form again with what was typed.
        const status = error.code === "forbidden" ? 403 : 422;
        return c.html(
          formPage(
            locale,
            view,
            c.req.path,
            body,
            fieldMessage(locale, view.form, error.field, error.message),
          ),
          status,
        );
      }
      return c.html(messagePage(locale, view.state, detailOf(view)), statusFor[view.state]);
    }
  });

  return app;
}
