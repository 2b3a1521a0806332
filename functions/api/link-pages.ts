// The pages behind email links (anonymous). GET and HEAD only render; a POST with the page's
// nonce and the form's answers completes the task. Mail scanners that open links change nothing.
//
// A POST is checked in the order that costs least and reveals nothing: the link (signature,
// expiry, state) before a byte of the body is read; then where it comes from (Origin and
// Sec-Fetch-Site); then that it is a form; then its size (64 KB); then the form itself, whose
// nonce proves it was rendered by us for this link.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { DomainError } from "../core/errors";
import type { Locale } from "../core/model";
import { completeByLink, inspectLink, type LinkState } from "../core/usecases/tasks";
import type { ApiDeps } from "./deps";
import { fieldMessage, formPage, messagePage, pageLocale } from "./pages/render";

/** The largest form body read; the forms are a few text fields. */
export const MAX_FORM_BYTES = 64 * 1024;

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

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

const localeOf = (requested: string | undefined, view: LinkState): Locale =>
  pageLocale(requested, view.state === "invalid" ? "et" : view.locale);

const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/**
 * Whether a POST comes from another site. Allowed: our public origin and the request's own. A
 * missing Origin is allowed (some clients omit it), and so is `Origin: null`: our pages send
 * `Referrer-Policy: no-referrer`, under which browsers send `null` even for a same-origin form
 * POST. Sec-Fetch-Site, which browsers send whatever the referrer policy, covers that gap. The
 * nonce stays the real proof; this is defence in depth.
 */
function fromAnotherSite(
  headers: { origin?: string; fetchSite?: string },
  requestUrl: string,
  publicBaseUrl: string,
): boolean {
  if (headers.fetchSite === "cross-site" || headers.fetchSite === "same-site") return true;
  if (headers.origin === undefined || headers.origin === "null") return false;
  return headers.origin !== originOf(publicBaseUrl) && headers.origin !== originOf(requestUrl);
}

export function linkPages(deps: ApiDeps) {
  const app = new Hono<{ Variables: { locale: Locale } }>();

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
    const locale = localeOf(c.req.query("lang"), view);
    if (view.state !== "open")
      return c.html(messagePage(locale, view.state, detailOf(view)), statusFor[view.state]);
    return c.html(formPage(locale, view, c.req.path));
  });

  app.post(
    "/:token",
    async (c, next) => {
      // The link first, from its token alone: a dead link's body is never read.
      const view = await inspectLink(deps, c.req.param("token"));
      const locale = localeOf(c.req.query("lang"), view);
      if (view.state !== "open")
        return c.html(messagePage(locale, view.state, detailOf(view)), statusFor[view.state]);
      c.set("locale", locale);
      const sentFrom = { origin: c.req.header("origin"), fetchSite: c.req.header("sec-fetch-site") };
      if (fromAnotherSite(sentFrom, c.req.url, deps.config.publicBaseUrl)) {
        return c.html(messagePage(locale, "foreign"), 403);
      }
      const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (!FORM_TYPES.has(type)) return c.html(messagePage(locale, "unreadable"), 415);
      await next();
    },
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: (c) => c.html(messagePage(c.get("locale"), "tooLarge"), 413),
    }),
    async (c) => {
      const token = c.req.param("token");
      let parsed: Record<string, unknown>;
      try {
        parsed = await c.req.parseBody();
      } catch {
        // multipart without a boundary, a truncated part, ...: the link is fine, the form is not.
        return c.html(messagePage(c.get("locale"), "unreadable"), 400);
      }
      const body = Object.fromEntries(
        Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      );
      try {
        const { task } = await completeByLink(deps, token, body);
        deps.logger.info("task completed by link", { taskId: task.id, kind: task.kind });
        return c.html(messagePage(c.get("locale"), "done"), 200);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const view = await inspectLink(deps, token);
        const locale = localeOf(c.req.query("lang"), view);
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
    },
  );

  return app;
}
