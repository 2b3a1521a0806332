// HR's read-only probation record behind a signed, expiring link (`/r/{token}`), until a signed-in
// HR console exists: HR's mails link here, since a browser cannot open the bearer API. GET and
// HEAD only render, and nothing is written; a forged link is 404, an expired one 410, in HR's
// language (`config.hrLocale`) unless `?lang=` asks otherwise, else the browser's language.
import { type Context, Hono } from "hono";
import { HR_QUEUE } from "../core/assignment";
import { pickLocale } from "../core/i18n";
import { verifyRecordLink } from "../core/record-links";
import { asProbation } from "../core/workflows/probation";
import type { ApiDeps } from "./deps";
import { pageSecurityHeaders } from "./pages/headers";
import { type RecordView, recordMessagePage, recordPage } from "./pages/record";

export function recordPages(deps: ApiDeps) {
  const app = new Hono();
  app.use("*", pageSecurityHeaders());

  const localeOf = (c: Context) =>
    pickLocale({
      requested: c.req.query("lang"),
      stored: deps.config.hrLocale,
      acceptLanguage: c.req.header("accept-language"),
    });

  async function nameOf(id: string | undefined, hrName: string): Promise<string | undefined> {
    if (!id) return undefined;
    if (id === HR_QUEUE) return hrName;
    return (await deps.store.getEmployee(id))?.name ?? id;
  }

  app.get("/:token", async (c) => {
    const locale = localeOf(c);
    const claims = verifyRecordLink(deps.config.linkSigningKey, c.req.param("token"));
    const probation = claims && asProbation(await deps.store.getCase(claims.caseId));
    if (!claims || !probation) return c.html(recordMessagePage(locale, "invalid", c.req.path), 404);
    if (claims.expiresAt.getTime() < deps.clock.now().getTime())
      return c.html(recordMessagePage(locale, "expired", c.req.path), 410);

    const hrName = locale === "et" ? "personaliosakond" : "HR";
    const [employee, tasks] = await Promise.all([
      deps.store.getEmployee(probation.subjectId),
      deps.store.listTasks({ caseId: probation.id }),
    ]);
    const outcome = probation.outcome && {
      decision: probation.outcome.decision,
      decidedOn: probation.outcome.decidedOn,
      contractEndsOn: probation.outcome.contractEndsOn,
      acknowledgement: probation.outcome.summaryAcknowledgement,
    };
    const view: RecordView = {
      employeeName: employee?.name ?? probation.subjectId,
      ...probation.data,
      status: probation.status,
      outcome,
      // Kind, status, dates and people only: the answers stay out of this page.
      tasks: await Promise.all(
        [...tasks]
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
          .map(async (task) => ({
            title: task.form.title,
            status: task.status,
            dueDate: task.dueDate,
            personName:
              task.status === "completed"
                ? (task.completedBy?.name ?? (await nameOf(task.completedBy?.id, hrName)))
                : task.status === "open"
                  ? await nameOf(task.assigneeId, hrName)
                  : undefined,
            onBehalfOfName: task.status === "cancelled" ? undefined : await nameOf(task.onBehalfOfId, hrName),
            completedAt: task.status === "completed" ? task.completedAt : undefined,
          })),
      ),
      linkExpiresAt: claims.expiresAt,
    };
    return c.html(recordPage(locale, view, c.req.path));
  });

  // Read-only: anything but GET and HEAD (which Hono answers from the GET route) changes nothing.
  app.all("/:token", (c) => {
    c.header("Allow", "GET, HEAD");
    return c.html(recordMessagePage(localeOf(c), "method"), 405);
  });

  return app;
}
