// An info-session invitee's calendar file (`/ics/info-session/{token}`, a signed link from the
// invitation mail): the invitation while the session stands, its cancellation once called off.
import { Hono } from "hono";
import { infoSessionInvite } from "../core/usecases/info-sessions";
import type { ApiDeps } from "./deps";

export function infoSessionPages(deps: ApiDeps) {
  const app = new Hono();
  app.get("/ics/info-session/:token", async (c) => {
    const ics = await infoSessionInvite(deps, c.req.param("token"));
    if (!ics) return c.text("This link is not valid.", 404);
    return c.body(ics.content, 200, {
      "Content-Type": ics.contentType,
      "Content-Disposition": `attachment; filename="${ics.filename}"`,
      "Cache-Control": "no-store",
    });
  });
  return app;
}
