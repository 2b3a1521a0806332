// The HR console: server-rendered pages for HR, leads and employees at /console/*, and the start
// page at / (locally the sign-in chooser with the developer menu). Sign-in makes a session cookie
// (session.ts): in AWS through OpenID Connect (oidc.ts), locally through the same dev identities
// that /dev/sign-in issues tokens for. Every POST passes hono's csrf middleware (Origin or
// Sec-Fetch-Site of this site) and, once signed in, must carry the session's CSRF token.
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { leadOf } from "../../core/assignment";
import { addDays, tallinnDate } from "../../core/calendar";
import { DomainError } from "../../core/errors";
import { formatDate, isLocale, type Locale, negotiateLocale } from "../../core/i18n";
import { AuditRecord, Id, type Role } from "../../core/model";
import { policy } from "../../core/policy";
import type { HistoryRow } from "../../core/trainings/history";
import { importAbsencesCsv, recordAbsence } from "../../core/usecases/absences";
import { cycleStatus } from "../../core/usecases/cycles";
import { createDelegation, deleteDelegation, explainAssignment } from "../../core/usecases/delegation";
import { directReports, importJobDescription } from "../../core/usecases/org";
import { registerHire } from "../../core/usecases/probation";
import { completeAsUser, reissueLink } from "../../core/usecases/tasks";
import { trainingHistoryReport } from "../../core/usecases/trainings";
import { allTaskKinds } from "../../core/workflows/registry";
import type { ApiDeps } from "../deps";
import { PAGE_CSP } from "../pages/headers";
import { absencesWithin, consoleData, type TaskView, taskRecordFor } from "./data";
import { delegationError, formError, stringFields, uploadedText } from "./forms";
import { messageDocument, type PageFrame, type Viewer } from "./layout";
import type { OidcClient } from "./oidc";
import { PendingSignIn } from "./oidc";
import {
  type AbsenceForm,
  type AbsentToday,
  absencesPage,
  dashboardPage,
  myTasksPage,
  personPage,
  probationsPage,
  startPage,
  taskFormErrors,
  taskPage,
  timelinePage,
} from "./pages";
import {
  type Acting,
  auditPage,
  type CsvImportState,
  delegationsPage,
  type FormState,
  hirePage,
  type ImportIssue,
  orgPage,
  positionPage,
  type TeamMember,
  teamPage,
  type UnitCount,
} from "./pages-more";
import { hoursText } from "./pages-trainings";
import { registerAccessRoutes } from "./routes-access";
import { CYCLE_NOTICES, registerCycleRoutes } from "./routes-cycles";
import { INFO_SESSION_NOTICES, registerInfoSessionRoutes } from "./routes-info-sessions";
import { registerTrainingRoutes, TRAINING_NOTICES } from "./routes-trainings";
import {
  cookieOptions,
  csrfTokenMatches,
  endSession,
  newSession,
  OIDC_COOKIE,
  readSession,
  readSignedJson,
  rememberedLang,
  rememberLang,
  type SessionData,
  sessionKey,
  writeSession,
  writeSignedJson,
} from "./session";
import { texts } from "./text";

export interface ConsoleOptions {
  /** AWS: sign-in through the configured OpenID Connect issuer. */
  oidc?: OidcClient;
  /** Local: a token for a demo person, as /dev/sign-in issues it; checked by the API's verifier. */
  devSignIn?: (employeeId: string) => Promise<string | undefined>;
  /** Local: the start page shows the developer menu (/dev/...). */
  developerMenu?: boolean;
}

interface Loaded {
  session?: SessionData;
  viewer?: Viewer;
  locale: Locale;
}

type Env = { Variables: { console: Loaded } };
type SignedIn = Loaded & { session: SessionData; viewer: Viewer };

const NOTICES = [
  "done",
  "reissued",
  "reissueWait",
  "reissueRefused",
  "absenceSaved",
  "hired",
  "jdImported",
  "absencesImported",
  "delegationSaved",
  "delegationDeleted",
  ...CYCLE_NOTICES,
  ...TRAINING_NOTICES,
  ...INFO_SESSION_NOTICES,
] as const;
/** Job descriptions and absence CSV files may be up to 1 MB, as on the API; every other form 64 KB. */
const IMPORTS = /^\/console\/(positions\/[^/]+\/job-description|absences\/import)$/;

export function consoleRoutes(deps: ApiDeps, options: ConsoleOptions = {}) {
  const app = new Hono<Env>({ strict: false });
  const data = consoleData(deps);
  let key: string | undefined;
  // The link-signing key is read on first use: in AWS it comes from Secrets Manager.
  const keyOf = () => {
    key ??= sessionKey(deps.config.linkSigningKey);
    return key;
  };
  const publicOrigin = (() => {
    try {
      return new URL(deps.config.publicBaseUrl).origin;
    } catch {
      return undefined;
    }
  })();

  /** The session, the person as the store has them now, and the page's language. */
  async function load(c: Context): Promise<Loaded> {
    let session = await readSession(c, keyOf());
    let viewer: Viewer | undefined;
    let stored: Locale | undefined;
    if (session) {
      const person = Id.safeParse(session.sub).success
        ? await deps.store.getEmployee(session.sub)
        : undefined;
      // The roles that count: those the sign-in claimed that the record still holds.
      const roles = person ? session.roles.filter((r) => person.roles.includes(r)) : [];
      if (person && roles.length > 0) {
        viewer = { employeeId: person.id, name: person.name, roles, csrf: session.csrf };
        stored = person.locale;
      } else {
        endSession(c);
        session = undefined;
      }
    }
    const requested = c.req.query("lang");
    if (c.req.method === "GET" && isLocale(requested)) {
      if (session) {
        session = { ...session, lang: requested };
        await writeSession(c, keyOf(), session);
      } else rememberLang(c, requested);
    }
    const locale = isLocale(requested)
      ? requested
      : (session?.lang ??
        rememberedLang(c) ??
        stored ??
        negotiateLocale(c.req.header("accept-language")) ??
        "et");
    return { session, viewer, locale };
  }

  const frameOf = (c: Context<Env>): PageFrame => {
    const { locale, viewer } = c.get("console");
    return { locale, path: c.req.path, viewer };
  };
  const signedIn = (c: Context<Env>) => c.get("console") as SignedIn;
  const userOf = (c: Context<Env>) => {
    const { viewer } = signedIn(c);
    return { employeeId: viewer.employeeId, roles: viewer.roles };
  };
  const actorOf = (c: Context<Env>) => {
    const { viewer } = signedIn(c);
    return { id: viewer.employeeId, name: viewer.name };
  };
  const today = () => tallinnDate(deps.clock.now());
  const noticeOf = (c: Context<Env>) => {
    const n = c.req.query("notice");
    return (NOTICES as readonly string[]).includes(n ?? "")
      ? (texts[c.get("console").locale] as unknown as Record<string, string>)[n === "done" ? "taskDone" : n!]
      : undefined;
  };
  const page = (
    c: Context<Env>,
    status: 400 | 403 | 404 | 409 | 500,
    kind: "forbidden" | "notFound" | "stale",
  ) => {
    const s = texts[c.get("console").locale];
    const [title, text] = (
      {
        forbidden: [s.forbiddenTitle, s.forbiddenText],
        notFound: [s.notFoundTitle, s.notFoundText],
        stale: [s.staleTitle, s.staleText],
      } as const
    )[kind];
    // A refused POST's page switches language on a page that answers GET: the start page.
    const frame = { ...frameOf(c), path: c.req.method === "GET" ? c.req.path : "/" };
    return c.html(messageDocument(frame, title, text, { href: "/console/", label: s.back }), status);
  };

  /** Names of people (and HR's queue) by id, read once per page. */
  async function namer(locale: Locale) {
    const people = new Map((await deps.store.listEmployees()).map((p) => [p.id, p.name]));
    return (id: string | undefined) =>
      id === undefined ? "" : id === "hr" ? texts[locale].hrQueue : (people.get(id) ?? id);
  }

  /** HR, the person, or the lead of the person's position (1.3) may read a person's record. */
  async function mayReadRecordOf(c: Context<Env>, employeeId: string): Promise<boolean> {
    const user = userOf(c);
    if (policy.mayReadPersonRecord(user, { employeeId, leadIds: [] })) return true;
    const person = await deps.store.getEmployee(employeeId);
    const position = person?.positionId ? await deps.store.getPosition(person.positionId) : undefined;
    const leads = position?.managerPositionId
      ? await deps.store.listEmployeesInPosition(position.managerPositionId)
      : [];
    return policy.mayReadPersonRecord(user, { employeeId, leadIds: leads.map((l) => l.id) });
  }

  const headers: MiddlewareHandler = async (c, next) => {
    await next();
    // same-origin (not no-referrer): browsers then send Origin on our own form POSTs, which the
    // csrf middleware checks; ids in our URLs still never reach another site.
    c.header("Referrer-Policy", "same-origin");
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("X-Robots-Tag", "noindex");
    c.header("Content-Security-Policy", PAGE_CSP);
  };
  const loader: MiddlewareHandler<Env> = async (c, next) => {
    c.set("console", await load(c));
    await next();
  };
  const sameSite = csrf({
    origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicOrigin,
  });
  /** Every POST: from this site (hono's csrf), small, and with the session's token once signed in. */
  const postGuard: MiddlewareHandler<Env> = async (c, next) => {
    if (c.req.method !== "POST") return next();
    try {
      await sameSite(c, async () => {});
    } catch (error) {
      if (error instanceof HTTPException) return page(c, 403, "stale");
      throw error;
    }
    const { session } = c.get("console");
    if (session && c.req.path !== "/console/dev-sign-in") {
      const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      if (!csrfTokenMatches(session, (body as Record<string, unknown>)._csrf)) return page(c, 403, "stale");
    }
    return next();
  };
  const requireSignIn: MiddlewareHandler<Env> = async (c, next) => {
    if (c.get("console").viewer) return next();
    if (c.req.method === "GET") return c.redirect("/", 303);
    return page(c, 403, "stale");
  };
  const requireHr: MiddlewareHandler<Env> = async (c, next) =>
    signedIn(c).viewer.roles.includes("hr") ? next() : page(c, 403, "forbidden");

  for (const path of ["/", "/console", "/console/*"]) {
    app.use(path, headers, (c, next) =>
      bodyLimit({
        maxSize: IMPORTS.test(c.req.path) ? 1024 * 1024 : 64 * 1024,
        onError: (c) => c.text("Too large", 413),
      })(c, next),
    );
    app.use(path, loader, postGuard);
  }

  // --- the start page and signing in and out ------------------------------------------------

  app.get("/", async (c) => {
    if (c.get("console").viewer) return c.redirect("/console/", 303);
    const people = options.devSignIn
      ? (await deps.store.listEmployees()).sort(
          (a, b) => rank(a.roles) - rank(b.roles) || a.name.localeCompare(b.name),
        )
      : undefined;
    return c.html(startPage(frameOf(c), { people, oidc: !!options.oidc, dev: !!options.developerMenu }));
  });

  if (options.devSignIn) {
    const devSignIn = options.devSignIn;
    app.post("/console/dev-sign-in", async (c) => {
      const body = await c.req.parseBody();
      const id = typeof body.employeeId === "string" ? body.employeeId : "";
      const token = Id.safeParse(id).success ? await devSignIn(id) : undefined;
      if (!token) return page(c, 400, "stale");
      // The same check as the API's bearer tokens: the token, then the person as stored now.
      const principal = await deps.auth.verify(token);
      if (!principal.employeeId || principal.roles.length === 0) return page(c, 403, "forbidden");
      await writeSession(
        c,
        keyOf(),
        newSession(principal.employeeId, principal.roles, c.get("console").locale),
      );
      return c.redirect("/console/", 303);
    });
  }

  app.get("/console/login", async (c) => {
    if (!options.oidc) return c.redirect("/", 303);
    const { url, pending } = await options.oidc.start(`${deps.config.publicBaseUrl}/console/callback`);
    await writeSignedJson(c, keyOf(), OIDC_COOKIE, pending, cookieOptions(c, 600, "/console"));
    return c.redirect(url.href, 302);
  });

  app.get("/console/callback", async (c) => {
    const s = texts[c.get("console").locale];
    const failed = (status: 400 | 403, text: string) =>
      c.html(
        messageDocument({ ...frameOf(c), path: "/" }, s.signInFailed, text, {
          href: "/console/login",
          label: s.tryAgain,
        }),
        status,
      );
    if (!options.oidc) return c.redirect("/", 303);
    const pending = await readSignedJson(c, keyOf(), OIDC_COOKIE, PendingSignIn);
    deleteCookie(c, OIDC_COOKIE, { path: "/console", secure: cookieOptions(c, 0).secure });
    if (!pending) return failed(400, s.signInFailedText);
    const callbackUrl = new URL(`${deps.config.publicBaseUrl}/console/callback${new URL(c.req.url).search}`);
    let claims: Awaited<ReturnType<OidcClient["finish"]>>;
    try {
      claims = await options.oidc.finish(callbackUrl, pending);
    } catch (error) {
      deps.logger.warn("console sign-in refused", { error: error instanceof Error ? error.name : "unknown" });
      return failed(400, s.signInFailedText);
    }
    const byId = Id.safeParse(claims.employeeId).success
      ? await deps.store.getEmployee(claims.employeeId)
      : undefined;
    const person =
      byId ??
      (claims.emailVerified && claims.email ? await deps.store.findEmployeeByEmail(claims.email) : undefined);
    const roles = person ? person.roles.filter((r) => claims.roles.includes(r)) : [];
    if (!person || roles.length === 0) return failed(403, s.signInUnknown);
    await writeSession(c, keyOf(), newSession(person.id, roles as Role[], c.get("console").session?.lang));
    return c.redirect("/console/", 303);
  });

  app.post("/console/logout", (c) => {
    endSession(c);
    return c.redirect("/", 303);
  });

  // --- signed-in pages ------------------------------------------------------------------------

  for (const path of ["/console", "/console/dashboard", "/console/tasks", "/console/tasks/*"])
    app.use(path, requireSignIn);
  for (const path of ["/console/probations", "/console/probations/*", "/console/people/*"])
    app.use(path, requireSignIn);
  for (const path of [
    "/console/absences",
    "/console/absences/*",
    "/console/hires",
    "/console/org",
    "/console/positions/*",
    "/console/delegations",
    "/console/delegations/*",
    "/console/team",
    "/console/audit/*",
  ])
    app.use(path, requireSignIn);
  for (const path of [
    "/console/dashboard",
    "/console/probations",
    "/console/absences",
    "/console/absences/*",
    "/console/tasks/*/reissue-link",
    "/console/hires",
    "/console/org",
    "/console/positions/*",
    "/console/audit/*",
  ])
    app.use(path, requireHr);
  // Delegations: HR, and leads for their own tasks.
  for (const path of ["/console/delegations", "/console/delegations/*"])
    app.use(path, async (c, next) =>
      signedIn(c).viewer.roles.some((r) => r === "hr" || r === "lead") ? next() : page(c, 403, "forbidden"),
    );

  app.get("/console", (c) =>
    c.redirect(signedIn(c).viewer.roles.includes("hr") ? "/console/dashboard" : "/console/tasks", 303),
  );

  app.get("/console/dashboard", async (c) => {
    const { locale } = c.get("console");
    const names = await namer(locale);
    const now = today();
    const soon = addDays(now, 30);
    const [openTasks, cases, absentToday] = await Promise.all([
      data.openTasks(),
      data.allCases(),
      absentOn(now),
    ]);
    const endingSoon = cases
      .filter((x) => x.status === "active" && x.endDate >= now && x.endDate <= soon)
      .sort((a, b) => a.endDate.localeCompare(b.endDate));
    const cycles = await Promise.all(
      (await data.cycles())
        .filter((x) => x.status === "open" || x.status === "launching")
        .map(async (x) => {
          const status = await cycleStatus(deps, x.id);
          return {
            id: x.id,
            title: x.definition.title,
            deadline: x.definition.deadline,
            completed: status.completed,
            total: status.total,
          };
        }),
    );
    return c.html(
      dashboardPage(
        { ...frameOf(c), viewer: signedIn(c).viewer },
        {
          openTasks,
          endingSoon,
          absentToday,
          today: now,
          byUnit: await tasksByUnit(openTasks, now, locale),
          cycles,
        },
        names,
        noticeOf(c),
      ),
    );
  });

  /** Open and overdue tasks per unit of the person each task is about (the subject's position's unit). */
  async function tasksByUnit(tasks: TaskView[], now: string, locale: Locale): Promise<UnitCount[]> {
    const [people, positions, units] = await Promise.all([
      deps.store.listEmployees(),
      deps.store.listPositions(),
      deps.store.listUnits(),
    ]);
    const rows = new Map<string, UnitCount>();
    for (const t of tasks) {
      const positionId = people.find((p) => p.id === t.subjectId)?.positionId;
      const unitId = positions.find((p) => p.id === positionId)?.unitId;
      const unitName = units.find((u) => u.id === unitId)?.name ?? texts[locale].noUnit;
      const row = rows.get(unitName) ?? { unitName, open: 0, overdue: 0 };
      row.open++;
      if (t.dueDate < now) row.overdue++;
      rows.set(unitName, row);
    }
    return [...rows.values()].sort((a, b) => b.overdue - a.overdue || a.unitName.localeCompare(b.unitName));
  }

  /** Who is away today, and who holds their tasks now when they lead someone. */
  async function absentOn(date: string): Promise<AbsentToday[]> {
    const people = await deps.store.listEmployees();
    const positions = await deps.store.listPositions();
    const rows: AbsentToday[] = [];
    for (const person of people) {
      const absence = (await deps.store.listAbsences(person.id)).find(
        (a) => a.from <= date && (a.to === undefined || a.to >= date),
      );
      if (!absence) continue;
      // A report of theirs, to ask the one place that decides who acts (core/assignment.ts).
      const led = positions.filter((p) => person.positionId && p.managerPositionId === person.positionId);
      const report = people.find((p) => p.id !== person.id && led.some((l) => l.id === p.positionId));
      const acting = report
        ? await explainAssignment(deps, report.id, "probation.finalAssessment", date).catch(() => undefined)
        : undefined;
      rows.push({ absence, personName: person.name, actingName: acting?.assigneeName });
    }
    return rows;
  }

  app.get("/console/tasks", async (c) => {
    const { viewer, locale } = signedIn(c);
    const own = await data.openTasksHeldBy(viewer.employeeId);
    // HR also holds HR's shared queue.
    const queue = viewer.roles.includes("hr") ? await data.openTasksHeldBy("hr") : [];
    return c.html(
      myTasksPage(
        { ...frameOf(c), viewer },
        [...own, ...queue].sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
        await namer(locale),
        today(),
        noticeOf(c),
      ),
    );
  });

  app.get("/console/tasks/:id", async (c) => {
    const { viewer, locale } = signedIn(c);
    const task = await data.taskFor(userOf(c), c.req.param("id"));
    if (!task) return page(c, 404, "notFound");
    return c.html(
      taskPage({ ...frameOf(c), viewer }, task, await namer(locale), {
        mayComplete: policy.mayCompleteTask(userOf(c), task),
        context: await data.taskContext(userOf(c), task.id),
      }),
    );
  });

  app.post("/console/tasks/:id", async (c) => {
    const { viewer, locale } = signedIn(c);
    const id = c.req.param("id");
    const body = Object.fromEntries(
      Object.entries(await c.req.parseBody()).filter(
        (e): e is [string, string] => typeof e[1] === "string" && e[0] !== "_csrf",
      ),
    );
    try {
      await completeAsUser(deps, userOf(c), id, body);
      return c.redirect("/console/tasks?notice=done", 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const task = await data.taskFor(userOf(c), id);
      if (!task) return page(c, 404, "notFound");
      const s = texts[locale];
      const status = error.code === "validation" ? 422 : error.code === "forbidden" ? 403 : 409;
      const errors = error.code === "validation" ? taskFormErrors(locale, task, body) : undefined;
      const message =
        error.code === "validation" ? undefined : error.code === "forbidden" ? s.notYours : s.taskClosed;
      return c.html(
        taskPage({ ...frameOf(c), viewer }, task, await namer(locale), {
          values: body,
          errors,
          message,
          mayComplete: policy.mayCompleteTask(userOf(c), task),
          context: await data.taskContext(userOf(c), task.id),
        }),
        status,
      );
    }
  });

  app.post("/console/tasks/:id/reissue-link", async (c) => {
    const body = await c.req.parseBody();
    const back =
      typeof body.back === "string" && /^\/console\/[A-Za-z0-9/_-]*$/.test(body.back)
        ? body.back
        : "/console/dashboard";
    const task = await taskRecordFor(deps, userOf(c), c.req.param("id"));
    if (!task) return page(c, 404, "notFound");
    let notice: (typeof NOTICES)[number];
    try {
      notice = (await reissueLink(deps, task, actorOf(c))).sent ? "reissued" : "reissueWait";
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      notice = "reissueRefused";
    }
    return c.redirect(`${back}?notice=${notice}`, 303);
  });

  app.get("/console/probations", async (c) => {
    const { viewer, locale } = signedIn(c);
    return c.html(probationsPage({ ...frameOf(c), viewer }, await data.allCases(), await namer(locale)));
  });

  app.get("/console/probations/:id", async (c) => {
    const { viewer, locale } = signedIn(c);
    const found = await data.caseById(c.req.param("id"));
    // Someone who may not read it learns nothing, not even whether it exists.
    if (!found) return viewer.roles.includes("hr") ? page(c, 404, "notFound") : page(c, 403, "forbidden");
    if (!(await mayReadRecordOf(c, found.subjectId))) return page(c, 403, "forbidden");
    const timeline = await data.caseTimeline(found.id);
    if (!timeline) return page(c, 404, "notFound");
    const absences = absencesWithin(await deps.store.listAbsences(found.subjectId), found);
    return c.html(
      timelinePage(
        { ...frameOf(c), viewer },
        { ...timeline, absences, today: today() },
        await namer(locale),
        noticeOf(c),
      ),
    );
  });

  app.get("/console/people/:id", async (c) => {
    const { viewer, locale } = signedIn(c);
    const id = c.req.param("id");
    const person = Id.safeParse(id).success ? await deps.store.getEmployee(id) : undefined;
    if (!person) return viewer.roles.includes("hr") ? page(c, 404, "notFound") : page(c, 403, "forbidden");
    if (!(await mayReadRecordOf(c, person.id))) return page(c, 403, "forbidden");
    const position = person.positionId ? await deps.store.getPosition(person.positionId) : undefined;
    const unit = position ? await deps.store.getUnit(position.unitId) : undefined;
    return c.html(
      personPage(
        { ...frameOf(c), viewer },
        {
          person,
          positionTitle: position?.title,
          unitName: unit?.name,
          absences: await deps.store.listAbsences(person.id),
          cases: await data.casesOf(person.id),
        },
        await namer(locale),
      ),
    );
  });

  async function absencesView(
    c: Context<Env>,
    form?: AbsenceForm,
    status: 200 | 409 | 422 = 200,
    csv?: CsvImportState,
  ) {
    const { viewer, locale } = signedIn(c);
    const now = today();
    const people = (await deps.store.listEmployees()).sort((a, b) => a.name.localeCompare(b.name));
    const all = (await Promise.all(people.map((p) => deps.store.listAbsences(p.id))))
      .flat()
      .filter((a) => a.to === undefined || a.to >= now)
      .sort((a, b) => a.from.localeCompare(b.from));
    return c.html(
      absencesPage(
        { ...frameOf(c), path: "/console/absences", viewer },
        { absences: all, people, form, csv, today: now },
        await namer(locale),
        form || csv ? undefined : noticeOf(c),
      ),
      status,
    );
  }

  app.get("/console/absences", (c) => absencesView(c));

  app.post("/console/absences", async (c) => {
    const s = texts[c.get("console").locale];
    const raw = await c.req.parseBody();
    const values = Object.fromEntries(
      ["employeeId", "type", "from", "to", "note"].map((k) => [k, typeof raw[k] === "string" ? raw[k] : ""]),
    ) as Record<string, string>;
    const labels: Record<string, string> = {
      employeeId: s.person,
      type: s.type,
      from: s.from,
      to: s.to,
      note: s.note,
    };
    const refuse = (field: string, message: string, status: 409 | 422 = 422) =>
      absencesView(c, { values, errors: { [field]: message }, summary: [message] }, status);
    const person = Id.safeParse(values.employeeId).success
      ? await deps.store.getEmployee(values.employeeId!)
      : undefined;
    if (!person)
      return refuse("employeeId", values.employeeId ? s.errUnknownPerson : s.errRequired(s.person));
    try {
      await recordAbsence(deps, actorOf(c), person.id, {
        type: values.type,
        from: values.from || undefined,
        to: values.to || undefined,
        note: values.note || undefined,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const field = error.field && error.field in labels ? error.field : "from";
      const label = labels[field]!;
      const window = error.details as { earliest?: string; latest?: string } | undefined;
      const locale = c.get("console").locale;
      if (error.code === "conflict") return refuse("from", s.errOverlap, 409);
      if (window?.earliest && window.latest)
        return refuse(
          field,
          s.errWindow(label, formatDate(window.earliest, locale), formatDate(window.latest, locale)),
        );
      if (!values[field]) return refuse(field, s.errRequired(label));
      return refuse(field, s.errDate(label));
    }
    return c.redirect("/console/absences?notice=absenceSaved", 303);
  });

  // --- register a hire (HR) -------------------------------------------------------------------

  async function hireView(c: Context<Env>, form?: FormState, status: 200 | 409 | 422 = 200) {
    const { viewer } = signedIn(c);
    const [positions, units, people] = await Promise.all([
      deps.store.listPositions(),
      deps.store.listUnits(),
      deps.store.listEmployees(),
    ]);
    const options = positions
      .map((p) => ({
        ...p,
        unitName: units.find((u) => u.id === p.unitId)?.name,
        vacant: p.multipleHolders === true || !people.some((e) => e.positionId === p.id),
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
    return c.html(
      hirePage({ ...frameOf(c), path: "/console/hires", viewer }, { positions: options, form }),
      status,
    );
  }

  app.get("/console/hires", (c) => hireView(c));

  app.post("/console/hires", async (c) => {
    const s = texts[c.get("console").locale];
    const values = stringFields(await c.req.parseBody(), [
      "name",
      "email",
      "positionId",
      "startDate",
      "regime",
      "contractDate",
      "contractEndDate",
      "agreedProbationMonths",
      "probationExtensionWaived",
      "locale",
    ]);
    const labels: Record<string, string> = {
      name: s.name,
      email: s.email,
      positionId: s.positionField,
      startDate: s.startDate,
      regime: s.regimeField,
      contractDate: s.contractDate,
      contractEndDate: s.contractEndDate,
      agreedProbationMonths: s.agreedMonths,
      locale: s.languageField,
    };
    const months = values.agreedProbationMonths?.trim();
    const input = {
      name: values.name?.trim() || undefined,
      email: values.email?.trim() || undefined,
      positionId: values.positionId || undefined,
      startDate: values.startDate || undefined,
      regime: values.regime || undefined,
      contractDate: values.contractDate || undefined,
      contractEndDate: values.contractEndDate || undefined,
      agreedProbationMonths: months ? (/^\d{1,2}$/.test(months) ? Number(months) : months) : undefined,
      probationExtensionWaived: values.probationExtensionWaived === "true",
      locale: values.locale || undefined,
      roles: ["employee"],
    };
    try {
      const { probation } = await registerHire(deps, actorOf(c), input);
      return c.redirect(`/console/probations/${probation.id}?notice=hired`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const { field, message } = formError(c.get("console").locale, error, labels, values, "name");
      return hireView(
        c,
        { values, errors: { [field]: message }, summary: [message] },
        error.code === "conflict" ? 409 : 422,
      );
    }
  });

  // --- people and organisation (HR) -----------------------------------------------------------

  app.get("/console/org", async (c) => {
    const { viewer } = signedIn(c);
    const [units, positions, people] = await Promise.all([
      deps.store.listUnits(),
      deps.store.listPositions(),
      deps.store.listEmployees(),
    ]);
    const withJd = new Set<string>();
    await Promise.all(
      positions.map(async (p) => {
        if (await deps.store.getJobDescription(p.id)) withJd.add(p.id);
      }),
    );
    return c.html(
      orgPage({ ...frameOf(c), viewer }, { units, positions, people, withJobDescription: withJd }),
    );
  });

  async function positionView(
    c: Context<Env>,
    form?: Parameters<typeof positionPage>[1]["form"],
    status: 200 | 413 | 422 = 200,
  ) {
    const { viewer } = signedIn(c);
    const id = c.req.param("id") ?? "";
    const position = Id.safeParse(id).success ? await deps.store.getPosition(id) : undefined;
    if (!position) return page(c, 404, "notFound");
    const [unit, positions, holders, jd] = await Promise.all([
      deps.store.getUnit(position.unitId),
      deps.store.listPositions(),
      deps.store.listEmployeesInPosition(position.id),
      deps.store.getJobDescription(position.id),
    ]);
    return c.html(
      positionPage(
        // After a refused import the language switch leads to the position's page (a GET).
        { ...frameOf(c), path: `/console/positions/${position.id}`, viewer },
        {
          position,
          unit,
          positions,
          holders,
          reports: await directReports(deps, position.id),
          jd,
          form,
        },
        form ? undefined : noticeOf(c),
      ),
      status,
    );
  }

  app.get("/console/positions/:id", (c) => positionView(c));

  app.post("/console/positions/:id/job-description", async (c) => {
    const s = texts[c.get("console").locale];
    const body = await c.req.parseBody();
    const upload = await uploadedText(body.file);
    const pasted = typeof body.markdown === "string" ? body.markdown : "";
    const refuse = (message: string) =>
      positionView(c, { markdown: pasted, issues: [], omitted: 0, message }, 422);
    if (upload === "not-utf8") return refuse(s.errNotUtf8);
    const markdown = upload ?? pasted;
    if (!markdown.trim()) return refuse(s.errEmptyImport);
    const id = c.req.param("id");
    if (!Id.safeParse(id).success || !(await deps.store.getPosition(id))) return page(c, 404, "notFound");
    try {
      await importJobDescription(deps, actorOf(c), id, markdown);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "validation") throw error;
      const details = (error.details ?? {}) as { issues?: ImportIssue[]; omittedIssues?: number };
      return positionView(
        c,
        {
          markdown: upload === undefined ? pasted : markdown,
          issues: details.issues ?? [],
          omitted: details.omittedIssues ?? 0,
          message: details.issues ? undefined : error.message,
        },
        422,
      );
    }
    return c.redirect(`/console/positions/${id}?notice=jdImported`, 303);
  });

  // --- absences from CSV (HR) -----------------------------------------------------------------

  app.post("/console/absences/import", async (c) => {
    const s = texts[c.get("console").locale];
    const body = await c.req.parseBody();
    const upload = await uploadedText(body.file);
    const pasted = typeof body.csv === "string" ? body.csv : "";
    if (upload === "not-utf8")
      return absencesView(c, undefined, 422, { csv: pasted, errors: [], message: s.errNotUtf8 });
    const csv = upload ?? pasted;
    if (!csv.trim()) return absencesView(c, undefined, 422, { csv, errors: [], message: s.errEmptyImport });
    try {
      await importAbsencesCsv(deps, actorOf(c), csv);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const details = (error.details ?? {}) as { errors?: CsvImportState["errors"] };
      return absencesView(c, undefined, error.code === "conflict" ? 409 : 422, {
        csv,
        errors: details.errors ?? [],
        message: details.errors ? undefined : error.message.replace(/^body:\s*/, ""),
      });
    }
    return c.redirect("/console/absences?notice=absencesImported", 303);
  });

  // --- delegations (HR: everyone's; a lead: their own) and who acts now (HR) ----------------

  async function delegationsView(c: Context<Env>, form?: FormState, status: 200 | 403 | 409 | 422 = 200) {
    const { viewer, locale } = signedIn(c);
    const isHr = viewer.roles.includes("hr");
    const people = (await deps.store.listEmployees()).sort((a, b) => a.name.localeCompare(b.name));
    const delegations = (
      await Promise.all(
        (isHr ? people.map((p) => p.id) : [viewer.employeeId]).map((id) => deps.store.listDelegations(id)),
      )
    )
      .flat()
      .sort((a, b) => a.from.localeCompare(b.from));
    // Who acts and why names absences of the chain's people: HR's question only.
    const subjectId = c.req.query("subjectId");
    const kind = c.req.query("kind");
    let acting: Acting | undefined;
    if (isHr && c.req.method === "GET" && subjectId && kind && Id.safeParse(subjectId).success) {
      const found = await explainAssignment(deps, subjectId, kind).catch((error: unknown) => {
        if (error instanceof DomainError) return undefined;
        throw error;
      });
      if (found)
        acting = {
          subjectId,
          kind: found.kind,
          assigneeName: found.assigneeId === "hr" ? undefined : found.assigneeName,
          onBehalfOfName: found.onBehalfOfName,
          until: found.until,
          reasons: found.reasons,
        };
    }
    return c.html(
      delegationsPage(
        { ...frameOf(c), path: "/console/delegations", viewer },
        { delegations, people, chooseFrom: isHr, kinds: allTaskKinds, form, acting, today: today() },
        await namer(locale),
        form ? undefined : noticeOf(c),
      ),
      status,
    );
  }

  app.get("/console/delegations", (c) => delegationsView(c));

  app.post("/console/delegations", async (c) => {
    const { viewer, locale } = signedIn(c);
    const s = texts[locale];
    const all = await c.req.parseBody({ all: true });
    const values = stringFields(all, ["fromEmployeeId", "toEmployeeId", "from", "to", "note"]);
    const kinds = ([] as unknown[]).concat(all.kinds ?? []).filter((k): k is string => typeof k === "string");
    values.kinds = kinds.join(",");
    const isHr = viewer.roles.includes("hr");
    const from = isHr ? values.fromEmployeeId : viewer.employeeId;
    const labels: Record<string, string> = {
      fromEmployeeId: s.fromPerson,
      toEmployeeId: s.toPerson,
      kinds: s.kinds,
      from: s.from,
      to: s.to,
      note: s.note,
    };
    try {
      await createDelegation(
        deps,
        { id: viewer.employeeId, name: viewer.name, roles: [...viewer.roles] },
        {
          fromEmployeeId: from || undefined,
          toEmployeeId: values.toEmployeeId || undefined,
          kinds,
          from: values.from || undefined,
          to: values.to || undefined,
          note: values.note || undefined,
        },
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const { field, message } = delegationError(locale, error, labels, {
        ...values,
        fromEmployeeId: from ?? "",
      });
      const status = error.code === "forbidden" ? 403 : error.code === "conflict" ? 409 : 422;
      return delegationsView(c, { values, errors: { [field]: message }, summary: [message] }, status);
    }
    return c.redirect("/console/delegations?notice=delegationSaved", 303);
  });

  app.post("/console/delegations/:from/:id/delete", async (c) => {
    const { viewer } = signedIn(c);
    const from = c.req.param("from");
    const id = c.req.param("id");
    if (!Id.safeParse(from).success || !Id.safeParse(id).success) return page(c, 404, "notFound");
    await deleteDelegation(
      deps,
      { id: viewer.employeeId, name: viewer.name, roles: [...viewer.roles] },
      from,
      id,
    );
    return c.redirect("/console/delegations?notice=delegationDeleted", 303);
  });

  // --- a lead's team --------------------------------------------------------------------------

  /** A direct report's trainings in one line for "my team" (coming, hours attended, follow-ups due). */
  async function teamTrainings(employeeId: string, locale: Locale): Promise<string | undefined> {
    const now = today();
    const seats = await data.trainingSeatsOf(employeeId);
    const history = (await trainingHistoryReport(deps, { employeeId })) as HistoryRow[];
    if (seats.length === 0 && history.length === 0) return undefined;
    const coming = seats.filter(
      (x) => x.seat.status === "seated" && x.caseStatus === "active" && x.session.date >= now,
    ).length;
    const hours = history.reduce((n, r) => n + r.hours, 0);
    const due = new Set(
      history
        .filter((r) => r.followUpStatus === "overdue" || r.followUpStatus === "due_today")
        .map((r) => r.trainingId),
    ).size;
    return texts[locale].trTeamText(coming, hoursText(hours, locale), due);
  }

  app.get("/console/team", async (c) => {
    const { viewer, locale } = signedIn(c);
    const [people, positions] = await Promise.all([deps.store.listEmployees(), deps.store.listPositions()]);
    const members: TeamMember[] = [];
    for (const person of people) {
      if (person.id === viewer.employeeId) continue;
      // The holder of the person's manager position (1.3): the one rule in core/assignment.ts.
      if ((await leadOf(deps.store, person))?.id !== viewer.employeeId) continue;
      const cases = await data.casesOf(person.id);
      const reviews = await data.reviewsOf(person.id);
      members.push({
        person,
        positionTitle: positions.find((p) => p.id === person.positionId)?.title,
        probation: cases.find((x) => x.status === "active") ?? cases.at(-1),
        review: reviews.find((r) => r.status === "active") ?? reviews[0],
        trainings: await teamTrainings(person.id, locale),
      });
    }
    members.sort((a, b) => a.person.name.localeCompare(b.person.name));
    return c.html(teamPage({ ...frameOf(c), viewer }, members));
  });

  // --- audit trail (HR) -----------------------------------------------------------------------

  app.get("/console/audit/:type/:id", async (c) => {
    const { viewer, locale } = signedIn(c);
    const type = AuditRecord.shape.entityType.safeParse(c.req.param("type"));
    const id = c.req.param("id");
    if (!type.success || !/^[A-Za-z0-9_#.-]{1,200}$/.test(id)) return page(c, 404, "notFound");
    const names = await namer(locale);
    let label = id;
    let back: string | undefined;
    if (type.data === "employee") {
      label = names(id);
      back = `/console/people/${id}`;
    } else if (type.data === "position" || type.data === "jobDescription") {
      label = (await deps.store.getPosition(id))?.title ?? id;
      back = `/console/positions/${id}`;
    } else if (type.data === "case") {
      const found = await data.caseById(id);
      if (found) {
        label = names(found.subjectId);
        back = `/console/probations/${id}`;
      }
    }
    const records = await deps.store.listAudit(type.data, id);
    return c.html(
      auditPage({ ...frameOf(c), viewer }, { entityType: type.data, label, records, back }, names),
    );
  });

  // --- review cycles (HR) and reviews (everyone) ---------------------------------------------

  registerCycleRoutes(app, {
    deps,
    data,
    frameOf,
    signedIn,
    userOf,
    actorOf,
    noticeOf,
    page,
    namer,
    today,
    requireSignIn,
    requireHr,
  });

  // --- trainings (HR; trainers; everyone's own) and the access log (HR) ----------------------

  const kit = {
    deps,
    data,
    frameOf,
    signedIn,
    userOf,
    actorOf,
    noticeOf,
    page,
    namer,
    today,
    requireSignIn,
    requireHr,
  };
  registerTrainingRoutes(app, kit);
  registerAccessRoutes(app, kit);
  registerInfoSessionRoutes(app, kit);

  // Anything else under /console: a page, not the API's JSON.
  app.all("/console/*", (c) => page(c, 404, "notFound"));

  app.onError((error, c) => {
    if (error instanceof DomainError) {
      const kind =
        error.code === "not_found" ? "notFound" : error.code === "forbidden" ? "forbidden" : "stale";
      return page(c as Context<Env>, kind === "notFound" ? 404 : kind === "forbidden" ? 403 : 400, kind);
    }
    deps.logger.error("console page failed", { error: error instanceof Error ? error.name : "unknown" });
    if (!c.get("console")) c.set("console", { locale: "et" });
    const s = texts[(c as Context<Env>).get("console").locale];
    return c.html(messageDocument(frameOf(c as Context<Env>), s.notSaved, s.notSaved), 500);
  });

  return app;
}

/** HR first, then leads, then everyone else: the chooser's order. */
const rank = (roles: readonly string[]) => (roles.includes("hr") ? 0 : roles.includes("lead") ? 1 : 2);
