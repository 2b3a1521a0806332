// HR's access log in the console: every read of a review's content (core/usecases/access-log.ts),
// filtered by the person read about, the reader and a date range, as a page and as CSV. Mounted by
// routes.tsx inside its session and role middleware.
import type { Context, Hono } from "hono";
import { DomainError } from "../../core/errors";
import { Id } from "../../core/model";
import { accessLog, accessLogCsv } from "../../core/usecases/access-log";
import { accessLogPage } from "./pages-access";
import type { ConsoleKit } from "./routes-cycles";
import { texts } from "./text";

export function registerAccessRoutes<E extends { Variables: object }>(app: Hono<E>, kit: ConsoleKit<E>) {
  const { deps } = kit;
  for (const path of ["/console/access-log", "/console/access-log.csv"]) {
    app.use(path, kit.requireSignIn);
    app.use(path, kit.requireHr);
  }

  const filterOf = (c: Context<E>) => {
    const id = (name: string) => {
      const v = c.req.query(name) ?? "";
      return Id.safeParse(v).success ? v : undefined;
    };
    const date = (name: string) => {
      const v = c.req.query(name) ?? "";
      return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
    };
    return { subjectId: id("subjectId"), readerId: id("readerId"), from: date("from"), to: date("to") };
  };
  const query = (f: ReturnType<typeof filterOf>) =>
    new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => !!e[1])).toString();

  app.get("/console/access-log", async (c) => {
    const { viewer, locale } = kit.signedIn(c);
    const filter = filterOf(c);
    const names = await kit.namer(locale);
    const employees = await deps.store.listEmployees();
    try {
      const { from, to, records } = await accessLog(deps, kit.userOf(c), filter);
      const q = query({ ...filter, from, to });
      return c.html(
        accessLogPage(
          { ...kit.frameOf(c), viewer },
          {
            records,
            employees,
            names,
            filter: { ...filter, from, to },
            csvHref: `/console/access-log.csv?${q}`,
          },
        ),
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "validation") throw error;
      return c.html(
        accessLogPage(
          { ...kit.frameOf(c), viewer },
          {
            records: [],
            employees,
            names,
            filter: {
              ...filter,
              from: filter.from ?? "",
              to: filter.to ?? "",
              error: texts[locale].accErrRange,
            },
            csvHref: "/console/access-log.csv",
          },
        ),
        422,
      );
    }
  });

  app.get("/console/access-log.csv", async (c) => {
    const { locale } = kit.signedIn(c);
    const s = texts[locale];
    const names = await kit.namer(locale);
    try {
      const { from, to, records } = await accessLog(deps, kit.userOf(c), filterOf(c));
      return c.body(
        accessLogCsv(
          records,
          (id) => names(id),
          s.accCsvHeaders,
          (a) => s.accActions[a] ?? a,
        ),
        200,
        {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="access-log-${from}-${to}.csv"`,
        },
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "validation") throw error;
      return kit.page(c, 400, "stale");
    }
  });
}
