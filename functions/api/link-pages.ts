// The pages behind email links (anonymous). GET and HEAD only render; a POST with the page's
// nonce and the form's answers completes the task. Mail scanners that open links change nothing.
//
// A POST is checked in the order that costs least and reveals nothing: the link (signature,
// expiry, state) before a byte of the body is read; then where it comes from (Origin and
// Sec-Fetch-Site); then that it is a form; then its size (64 KB); then the form itself, whose
// nonce proves it was rendered by us for this link.
//
// Every page is in one language: `?lang=` if given (the form's action keeps it), else the
// reader's stored preference, else the browser's Accept-Language (where no reader is known, as
// for a forged link), else Estonian; each page links to itself in the other language.
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { DomainError } from "../core/errors";
import { type Locale, pickLocale } from "../core/i18n";
import { isReviewCase, recordReviewRead } from "../core/usecases/access-log";
import { completeByLink, inspectLink, type LinkState, reissueFromExpiredLink } from "../core/usecases/tasks";
import type { ApiDeps } from "./deps";
import { pageSecurityHeaders } from "./pages/headers";
import { formPage, messagePage, submissionErrors } from "./pages/render";

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

const localeOf = (c: Context, view: LinkState): Locale =>
  pickLocale({
    requested: c.req.query("lang"),
    stored: view.state === "invalid" ? undefined : view.locale,
    acceptLanguage: c.req.header("accept-language"),
  });

/** A link that is not open says why, with who has the task now or who did it and when. */
const deadLinkPage = (c: Context, locale: Locale, view: Exclude<LinkState, { state: "open" }>) => {
  const path = c.req.path.replace(/\/renew$/, "");
  // An expired link offers a fresh one, mailed to the address on file (never one typed here).
  const renewAction = view.state === "expired" ? `${path}/renew?lang=${locale}` : undefined;
  return c.html(
    messagePage(locale, view.state, { view, switchPath: path, renewAction }),
    statusFor[view.state],
  );
};

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
export function fromAnotherSite(
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

  app.use("*", pageSecurityHeaders());

  // The form posts back to its own link with the page's language, so the answer, or what is
  // wrong with it, comes back in the language the form was read in.
  const formOptions = (c: Context, locale: Locale) => ({
    action: `${c.req.path}?lang=${locale}`,
    switchPath: c.req.path,
  });
  const refusal = (
    c: Context,
    message: "foreign" | "tooLarge" | "unreadable",
    status: 400 | 403 | 413 | 415,
  ) => c.html(messagePage(c.get("locale"), message, { switchPath: c.req.path }), status);

  app.get("/:token", async (c) => {
    const view = await inspectLink(deps, c.req.param("token"));
    const locale = localeOf(c, view);
    if (view.state !== "open") return deadLinkPage(c, locale, view);
    // A review's answers shown beside the form are a read of the review: in the access log.
    if (view.context.length > 0 && c.req.method === "GET") {
      const stored = await deps.store.getCase(view.task.caseId);
      if (stored && isReviewCase(stored))
        await recordReviewRead(deps, { employeeId: view.task.assigneeId }, stored, "review.read.task");
    }
    return c.html(formPage(locale, view, formOptions(c, locale)));
  });

  // "Send me a new link" from an expired link's page: at most one mail an hour, to the holder's
  // address on file. A scanner that presses the button only mails the rightful holder, once.
  app.post("/:token/renew", async (c) => {
    const token = c.req.param("token");
    const view = await inspectLink(deps, token);
    const locale = localeOf(c, view);
    c.set("locale", locale);
    if (view.state !== "expired") {
      return view.state === "open"
        ? c.redirect(`/l/${token}?lang=${locale}`, 303)
        : deadLinkPage(c, locale, view);
    }
    const sentFrom = { origin: c.req.header("origin"), fetchSite: c.req.header("sec-fetch-site") };
    if (fromAnotherSite(sentFrom, c.req.url, deps.config.publicBaseUrl)) return refusal(c, "foreign", 403);
    try {
      const { sent } = await reissueFromExpiredLink(deps, token);
      return c.html(
        messagePage(locale, sent ? "renewSent" : "renewWait", { switchPath: `/l/${token}` }),
        200,
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const now = await inspectLink(deps, token);
      return now.state === "open"
        ? c.redirect(`/l/${token}?lang=${locale}`, 303)
        : deadLinkPage(c, locale, now);
    }
  });

  app.post(
    "/:token",
    async (c, next) => {
      // The link first, from its token alone: a dead link's body is never read.
      const view = await inspectLink(deps, c.req.param("token"));
      const locale = localeOf(c, view);
      if (view.state !== "open") return deadLinkPage(c, locale, view);
      c.set("locale", locale);
      const sentFrom = { origin: c.req.header("origin"), fetchSite: c.req.header("sec-fetch-site") };
      if (fromAnotherSite(sentFrom, c.req.url, deps.config.publicBaseUrl)) return refusal(c, "foreign", 403);
      const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (!FORM_TYPES.has(type)) return refusal(c, "unreadable", 415);
      await next();
    },
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: (c) => refusal(c, "tooLarge", 413),
    }),
    async (c) => {
      const token = c.req.param("token");
      let parsed: Record<string, unknown>;
      try {
        parsed = await c.req.parseBody();
      } catch {
        // multipart without a boundary, a truncated part, ...: the link is fine, the form is not.
        return refusal(c, "unreadable", 400);
      }
      const body = Object.fromEntries(
        Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      );
      try {
        const { task } = await completeByLink(deps, token, body);
        deps.logger.info("task completed by link", { taskId: task.id, kind: task.kind });
        return c.html(messagePage(c.get("locale"), "done", { switchPath: c.req.path }), 200);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const view = await inspectLink(deps, token);
        const locale = localeOf(c, view);
        if (view.state === "open") {
          // Wrong or missing answers, or a stale nonce: the form again with what was typed and,
          // beside each field, what is wrong with it.
          const status = error.code === "forbidden" ? 403 : 422;
          const errors = submissionErrors(locale, view, error, body);
          return c.html(formPage(locale, view, { ...formOptions(c, locale), values: body, errors }), status);
        }
        return deadLinkPage(c, locale, view);
      }
    },
  );

  return app;
}
