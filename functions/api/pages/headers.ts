// The headers of every server-rendered page reached from a mail (task links, HR record links):
// the link's token must not leak through Referer, no copy may stay in a cache, no script runs,
// nothing frames the page and search engines do not index it (DESIGN §6).
import type { MiddlewareHandler } from "hono";

export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function pageSecurityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header("Referrer-Policy", "no-referrer");
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("X-Robots-Tag", "noindex");
    c.header("Content-Security-Policy", PAGE_CSP);
  };
}
