// What request bodies the bearer API accepts, in one table: JSON of a bounded size unless a route
// is listed. Checked before any route reads the body, so that one request cannot make the server
// parse megabytes, and so that a wrong Content-Type is answered in the API's JSON error shape.
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

interface BodyPolicy {
  /** Media types accepted, without parameters. */
  types: string[];
  maxBytes: number;
}

const JSON_BODY: BodyPolicy = { types: ["application/json"], maxBytes: 64 * 1024 };

/** Routes whose bodies are documents rather than JSON objects. */
const DOCUMENT_ROUTES: Array<{ method: string; path: RegExp; policy: BodyPolicy }> = [
  {
    method: "PUT",
    path: /^\/api\/positions\/[^/]+\/job-description$/,
    policy: { types: ["text/markdown", "text/plain", "application/json"], maxBytes: 1024 * 1024 },
  },
  {
    method: "POST",
    path: /^\/api\/absences\/import$/,
    policy: { types: ["text/csv", "text/plain"], maxBytes: 1024 * 1024 },
  },
];

const policyFor = (method: string, path: string) =>
  DOCUMENT_ROUTES.find((r) => r.method === method && r.path.test(path))?.policy ?? JSON_BODY;

const error = (code: string, message: string, field: string) => ({ error: { code, message, field } });

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

export function apiBodyPolicy(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD" || !c.req.raw.body) return next();
    // `curl -X POST` and fetch send an empty body with a length of 0 and no type: nothing to check.
    if (c.req.header("content-length") === "0" && !c.req.header("content-type")) return next();
    const policy = policyFor(c.req.method, c.req.path);
    const given = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (!policy.types.includes(given)) {
      return c.json(
        error(
          "unsupported_media_type",
          `content-type: send ${policy.types.join(" or ")}${given ? `, not ${given}` : ""}`,
          "content-type",
        ),
        415,
      );
    }
    return bodyLimit({
      maxSize: policy.maxBytes,
      onError: (c) => c.json(error("too_large", `body: larger than ${kb(policy.maxBytes)}`, "body"), 413),
    })(c, next);
  };
}
