// The console's info-session routes: a lead's "info sessions" (the unit's coming sessions,
// schedule a single session or a series, cancel one or the rest of its series), and the
// summaries' archive with one summary's page, read by the unit's staff and the department's
// leads only (anyone else gets the same 404 page as for any record not theirs). Mounted by
// routes.tsx inside its session and CSRF middleware; every read and write goes through
// functions/core/usecases/info-sessions.ts, which decides who may and names the field at fault.
import type { Context, Hono } from "hono";
import { z } from "zod";
import { DomainError } from "../../core/errors";
import type { Locale } from "../../core/i18n";
import { Id, type Unit } from "../../core/model";
import { unitsWithin } from "../../core/reviews/scope";
import { departmentOf } from "../../core/trainings/summary";
import {
  cancelInfoSessions,
  infoSessionArchive,
  infoSessionSummary,
  listInfoSessions,
  scheduleInfoSessions,
} from "../../core/usecases/info-sessions";
import { stringFields } from "./forms";
import {
  type InfoSessionForms,
  infoSessionsPage,
  summariesPage,
  summaryPage,
  WEEKDAYS,
} from "./pages-info-sessions";
import type { FormState } from "./pages-more";
import type { ConsoleKit } from "./routes-cycles";
import { texts } from "./text";

/** The notices these pages show after a redirect (?notice=...), each a key of texts. */
export const INFO_SESSION_NOTICES = ["isScheduled", "isCancelledNotice"] as const;

const SCHEDULE_FIELDS = [
  "title_et",
  "title_en",
  "kind",
  "date",
  "start",
  "end",
  "interval",
  "from",
  "until",
  "time",
  "duration",
  "rrule",
  "place",
  "videoUrl",
  "dueDays",
];

const whole = (v: string | undefined) => {
  const t = v?.trim() ?? "";
  return t === "" ? undefined : /^\d{1,6}$/.test(t) ? Number(t) : t;
};
const optional = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
const Interval = z.coerce.number().int().min(1).max(52);

/**
 * The schedule form as scheduleInfoSessions' input. A series' rule is built from the weekdays and
 * "every N weeks" (FREQ=WEEKLY;INTERVAL=N;BYDAY=...) unless a raw RRULE is given. Returns the
 * field at fault instead when "every N weeks" is not a number (the rule could not be written).
 */
export function infoSessionInput(
  values: Record<string, string>,
  weekdays: string[],
): { input: unknown } | { field: string } {
  const base = {
    title: { et: values.title_et ?? "", en: values.title_en ?? "" },
    place: optional(values.place),
    videoUrl: optional(values.videoUrl),
    summaryBusinessDays: whole(values.dueDays),
  };
  if (values.kind !== "series")
    return {
      input: {
        ...base,
        single: {
          date: values.date?.trim() ?? "",
          start: values.start?.trim() ?? "",
          end: values.end?.trim() ?? "",
        },
      },
    };
  let rrule = values.rrule?.trim() ?? "";
  if (rrule === "") {
    const interval = Interval.safeParse(values.interval?.trim() || "1");
    if (!interval.success) return { field: "interval" };
    const days = WEEKDAYS.filter((d) => weekdays.includes(d));
    rrule = days.length > 0 ? `FREQ=WEEKLY;INTERVAL=${interval.data};BYDAY=${days.join(",")}` : "";
  }
  return {
    input: {
      ...base,
      series: {
        rrule,
        from: values.from?.trim() ?? "",
        until: values.until?.trim() ?? "",
        time: values.time?.trim() ?? "",
        durationMinutes: whole(values.duration),
      },
    },
  };
}

/** Which form field a refusal of scheduleInfoSessions is about, and what to say, in the page's language. */
export function scheduleFormError(
  locale: Locale,
  error: DomainError,
  values: Record<string, string>,
): { field: string; message: string } {
  const s = texts[locale];
  const at = error.field ?? "";
  const say = (field: string, message: string) => ({ field, message });
  const typed = (field: string) => values[field]?.trim() ?? "";
  const date = (field: string, label: string) =>
    typed(field) === ""
      ? say(field, s.errRequired(label))
      : /in the past/.test(error.message)
        ? say(field, s.trErrPast(label))
        : say(field, s.errDate(label));
  const other = (field: string, label: string) =>
    say(field, typed(field) === "" ? s.errRequired(label) : s.errInvalid(label));
  if (at.startsWith("title.en")) return other("title_en", s.isTitleEn);
  if (at.startsWith("title")) return other("title_et", s.isTitleEt);
  if (at === "place") return say("place", s.trErrPlace(s.isPlace));
  if (at.startsWith("videoUrl")) return other("videoUrl", s.isVideo);
  if (at === "single.date") return date("date", s.isDate);
  if (at === "single.start") return other("start", s.isStart);
  if (at === "single.end")
    return typed("end") !== "" && /after the start/.test(error.message)
      ? say("end", s.trErrEnd(s.isEnd))
      : other("end", s.isEnd);
  if (at === "series") return say("kind", s.isErrKind);
  if (at.startsWith("series.rrule"))
    return typed("rrule") !== ""
      ? say("rrule", s.errInvalid(s.isRrule))
      : say("weekdays", values.weekdays ? s.errInvalid(s.isWeekdays) : s.isErrWeekdays);
  if (at.startsWith("series.from")) return date("from", s.isFrom);
  if (at.startsWith("series.until")) return date("until", s.isUntil);
  if (at.startsWith("series.time"))
    return /begun/.test(error.message) ? say("time", s.isErrBegun(s.isTime)) : other("time", s.isTime);
  if (at.startsWith("series.durationMinutes")) return say("duration", s.isErrDuration);
  if (at.startsWith("summaryBusinessDays")) return say("dueDays", s.isErrDue);
  if (at.startsWith("unitId")) return say("", s.isErrNobody);
  return say("", s.errInvalid(at || s.isTitleEt));
}

/**
 * The units whose summaries someone in `unitId` could read: it and the units above it (its staff
 * are theirs too) and every unit of its department (for its leads). Only a bound on what the use
 * case is asked: it decides.
 */
function candidateUnits(units: readonly Unit[], unitId: string): Set<string> {
  const found = unitsWithin(units, [departmentOf(units, unitId)], true);
  const parent = new Map(units.map((u) => [u.id, u.parentUnitId]));
  const seen = new Set<string>();
  for (let at: string | undefined = unitId; at !== undefined && !seen.has(at); at = parent.get(at)) {
    seen.add(at);
    found.add(at);
  }
  return found;
}

/** Dates a series skipped for public holidays, as the redirect carries them (?skipped=...). */
const skippedOf = (raw: string | undefined) =>
  (raw ?? "")
    .split(",")
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .slice(0, 50);

export function registerInfoSessionRoutes<E extends { Variables: object }>(app: Hono<E>, kit: ConsoleKit<E>) {
  const { deps } = kit;
  for (const path of [
    "/console/info-sessions",
    "/console/info-sessions/*",
    "/console/info-summaries",
    "/console/info-summaries/*",
  ])
    app.use(path, kit.requireSignIn);
  // Scheduling and cancelling are a lead's (the use cases check the unit and the session's lead).
  for (const path of ["/console/info-sessions", "/console/info-sessions/*"])
    app.use(path, async (c, next) =>
      kit.signedIn(c).viewer.roles.includes("lead") ? next() : kit.page(c, 403, "forbidden"),
    );

  /** The unit of the signed-in person's position, with its name. */
  async function ownUnit(c: Context<E>) {
    const me = await deps.store.getEmployee(kit.signedIn(c).viewer.employeeId);
    const position = me?.positionId ? await deps.store.getPosition(me.positionId) : undefined;
    if (!position) return undefined;
    const unit = (await deps.store.listUnits()).find((u) => u.id === position.unitId);
    return { id: position.unitId, name: unit?.name ?? position.unitId };
  }

  async function sessionsView(
    c: Context<E>,
    forms?: InfoSessionForms,
    status: 200 | 409 | 422 = 200,
  ): Promise<Response> {
    const { viewer } = kit.signedIn(c);
    const unit = await ownUnit(c);
    const sessions = unit ? await listInfoSessions(deps, kit.userOf(c), unit.id) : [];
    return c.html(
      infoSessionsPage(
        { ...kit.frameOf(c), path: "/console/info-sessions", viewer },
        { unitName: unit?.name, sessions, forms, skipped: forms ? [] : skippedOf(c.req.query("skipped")) },
        forms ? undefined : kit.noticeOf(c),
      ),
      status,
    );
  }

  app.get("/console/info-sessions", (c) => sessionsView(c));

  app.post("/console/info-sessions", async (c) => {
    const { locale } = kit.signedIn(c);
    const all = await c.req.parseBody({ all: true });
    const values = stringFields(all, SCHEDULE_FIELDS);
    const weekdays = ([] as unknown[])
      .concat(all.weekdays ?? [])
      .filter((v): v is string => typeof v === "string");
    values.weekdays = weekdays.join(",");
    const refuse = (refusal: { field: string; message: string }) => {
      const form: FormState = {
        values,
        errors: refusal.field ? { [refusal.field]: refusal.message } : {},
        summary: [refusal.message],
      };
      return sessionsView(c, { schedule: form }, 422);
    };
    const built = infoSessionInput(values, weekdays);
    if ("field" in built)
      return refuse({ field: "interval", message: texts[locale].trErrWholeNumber(texts[locale].isInterval) });
    let skipped: string[];
    try {
      skipped = (await scheduleInfoSessions(deps, kit.userOf(c), built.input)).skippedHolidays;
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "validation") throw error;
      return refuse(scheduleFormError(locale, error, values));
    }
    const holidays = skipped.length > 0 ? `&skipped=${skipped.slice(0, 50).join(",")}` : "";
    return c.redirect(`/console/info-sessions?notice=isScheduled${holidays}`, 303);
  });

  app.post("/console/info-sessions/:id/cancel", async (c) => {
    const id = c.req.param("id") ?? "";
    if (!Id.safeParse(id).success) return kit.page(c, 404, "notFound");
    const { viewer, locale } = kit.signedIn(c);
    const s = texts[locale];
    const values = stringFields(await c.req.parseBody(), ["confirm", "scope"]);
    const refuse = (message: string, status: 409 | 422) =>
      sessionsView(
        c,
        { cancel: { caseId: id, form: { values, errors: { confirm: message }, summary: [message] } } },
        status,
      );
    if (values.confirm !== "yes") return refuse(s.errConfirm, 422);
    try {
      await cancelInfoSessions(deps, { ...kit.userOf(c), id: viewer.employeeId }, id, {
        scope: values.scope === "series" ? "series" : "session",
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "conflict") throw error;
      return refuse(s.isErrState, 409);
    }
    return c.redirect("/console/info-sessions?notice=isCancelledNotice", 303);
  });

  // --- the summaries' archive (the unit's staff and the department's leads) -----------------

  app.get("/console/info-summaries", async (c) => {
    const { viewer, locale } = kit.signedIn(c);
    const asked = c.req.query("unitId");
    const own = await ownUnit(c);
    // The units whose archive this reader may open: the use case decides, unit by unit, among
    // those that could be theirs (their unit, the units above it, their department's units).
    const units = await deps.store.listUnits();
    const candidates = own ? candidateUnits(units, own.id) : new Set<string>();
    const readable: Array<{
      id: string;
      name: string;
      entries: Awaited<ReturnType<typeof infoSessionArchive>>;
    }> = [];
    for (const unit of units.filter((u) => candidates.has(u.id))) {
      try {
        readable.push({ ...unit, entries: await infoSessionArchive(deps, kit.userOf(c), unit.id) });
      } catch (error) {
        if (!(error instanceof DomainError && error.code === "not_found")) throw error;
      }
    }
    // A unit asked for and not theirs: the same page as any record that does not exist.
    if (asked !== undefined && !readable.some((u) => u.id === asked)) return kit.page(c, 404, "notFound");
    const shown =
      readable.find((u) => u.id === asked) ?? readable.find((u) => u.id === own?.id) ?? readable[0];
    const names = await kit.namer(locale);
    return c.html(
      summariesPage(
        { ...kit.frameOf(c), path: "/console/info-summaries", viewer },
        {
          units: readable.map(({ id, name }) => ({ id, name })),
          unitId: shown?.id,
          entries: shown?.entries ?? [],
          names,
        },
      ),
    );
  });

  app.get("/console/info-summaries/:id", async (c) => {
    const id = c.req.param("id") ?? "";
    if (!Id.safeParse(id).success) return kit.page(c, 404, "notFound");
    const { viewer, locale } = kit.signedIn(c);
    // Not a reader of its unit: not_found, the 404 page (routes.tsx's onError).
    const entry = await infoSessionSummary(deps, kit.userOf(c), id);
    const names = await kit.namer(locale);
    return c.html(
      summaryPage(
        { ...kit.frameOf(c), path: `/console/info-summaries/${id}`, viewer },
        { entry, unitId: entry.unitId, names },
      ),
    );
  });
}
