// The console's review-cycle routes (HR: list, create, a cycle's preview, launch, status, CSV,
// extend, cancel, close) and everyone's reviews ("my reviews", a review's page, its PDF). Mounted
// by routes.tsx inside its session, CSRF and role middleware; every write goes through the core
// use cases (functions/core/usecases/cycles.ts, reviews.ts), which decide what is allowed.
import type { Context, Hono, MiddlewareHandler } from "hono";
import { DomainError } from "../../core/errors";
import type { Locale } from "../../core/i18n";
import { type Actor, Id } from "../../core/model";
import type { User } from "../../core/policy";
import {
  cancelCycle,
  closeCycle,
  createCycle,
  cycleStatus,
  cycleStatusCsv,
  extendCycle,
  getCycle,
  launchCycle,
  previewCycle,
} from "../../core/usecases/cycles";
import { reviewPdf } from "../../core/usecases/reviews";
import type { ApiDeps } from "../deps";
import type { consoleData } from "./data";
import { stringFields } from "./forms";
import { messageDocument, type PageFrame, type Viewer } from "./layout";
import {
  type CycleForms,
  type CyclePreview,
  type CycleRow,
  type CycleStatusView,
  cyclePage,
  cyclesPage,
  myReviewsPage,
  newCyclePage,
  reviewPage,
  scopeText,
} from "./pages-cycles";
import type { FormState } from "./pages-more";
import { texts } from "./text";

/** What routes.tsx lends these routes: its session, pages and helpers. */
export interface ConsoleKit<E extends { Variables: object }> {
  deps: ApiDeps;
  data: ReturnType<typeof consoleData>;
  frameOf(c: Context<E>): PageFrame;
  signedIn(c: Context<E>): { viewer: Viewer; locale: Locale };
  userOf(c: Context<E>): User;
  actorOf(c: Context<E>): Actor;
  noticeOf(c: Context<E>): string | undefined;
  page(c: Context<E>, status: 400 | 403 | 404 | 409, kind: "forbidden" | "notFound" | "stale"): Response;
  namer(locale: Locale): Promise<(id: string | undefined) => string>;
  today(): string;
  requireSignIn: MiddlewareHandler<E>;
  requireHr: MiddlewareHandler<E>;
}

/** The notices these pages show after a redirect (?notice=...), each a key of texts. */
export const CYCLE_NOTICES = ["cycleCreated", "launched", "extended", "cancelled", "closed"] as const;

const CYCLE_FIELDS = [
  "type",
  "title_et",
  "title_en",
  "scopeKind",
  "includeSubUnits",
  "opensOn",
  "deadline",
  "excludeOnProbation",
  "excludeAbsentWholeWindow",
  "businessDaysBefore",
  "escalateAfterDeadline",
];

/** The cycle form as createCycle's input; the use case checks it and names the field at fault. */
export function cycleInput(values: Record<string, string>, unitIds: string[], positionIds: string[]) {
  const days = values.businessDaysBefore?.trim() ?? "";
  const kind = values.scopeKind;
  return {
    type: values.type === "midterm" ? "midterm" : "annual",
    title: { et: values.title_et ?? "", en: values.title_en ?? "" },
    scope:
      kind === "units"
        ? { kind, unitIds, includeSubUnits: values.includeSubUnits === "true" }
        : kind === "positions"
          ? { kind, positionIds }
          : kind === "organisation"
            ? { kind }
            : { kind: kind || undefined },
    opensOn: values.opensOn || undefined,
    deadline: values.deadline || undefined,
    exclusions: {
      excludeOnProbation: values.excludeOnProbation === "true",
      excludeAbsentWholeWindow: values.excludeAbsentWholeWindow === "true",
    },
    reminders: {
      businessDaysBefore: days === "" ? 3 : /^\d{1,2}$/.test(days) ? Number(days) : days,
      escalateAfterDeadline: values.escalateAfterDeadline === "true",
    },
  };
}

/** Which form field a refusal of createCycle is about, and what to say, in the page's language. */
export function cycleFormError(
  locale: Locale,
  error: DomainError,
  values: Record<string, string>,
): { field: string; message: string } {
  const s = texts[locale];
  const at = error.field ?? "";
  const say = (field: string, message: string) => ({ field, message });
  if (at.startsWith("title.en"))
    return say("title_en", values.title_en?.trim() ? s.errInvalid(s.titleEn) : s.errRequired(s.titleEn));
  if (at.startsWith("title"))
    return say("title_et", values.title_et?.trim() ? s.errInvalid(s.titleEt) : s.errRequired(s.titleEt));
  if (at.startsWith("scope.unitIds"))
    return say("unitIds", /at least one/.test(error.message) ? s.errChooseUnit : s.errUnknownScope);
  if (at.startsWith("scope.positionIds"))
    return say("positionIds", /at least one/.test(error.message) ? s.errChoosePosition : s.errUnknownScope);
  if (at.startsWith("scope")) return say("scopeKind", s.errRequired(s.scope));
  if (at === "opensOn")
    return say("opensOn", values.opensOn ? s.errDate(s.opensOn) : s.errRequired(s.opensOn));
  if (at === "deadline") {
    if (!values.deadline) return say("deadline", s.errRequired(s.deadline));
    if (/before opensOn/.test(error.message))
      return say("deadline", s.errDeadlineBefore(s.deadline, s.opensOn));
    if (/at most \d+ months/.test(error.message)) return say("deadline", s.errWindowTooLong(s.deadline));
    return say("deadline", s.errDate(s.deadline));
  }
  if (at.startsWith("reminders")) return say("businessDaysBefore", s.errReminderDays(s.reminderDays));
  return say("title_et", s.errInvalid(at || s.cycleTitle));
}

export function registerCycleRoutes<E extends { Variables: object }>(app: Hono<E>, kit: ConsoleKit<E>) {
  const { deps, data } = kit;

  for (const path of ["/console/cycles", "/console/cycles/*", "/console/reviews", "/console/reviews/*"])
    app.use(path, kit.requireSignIn);
  for (const path of ["/console/cycles", "/console/cycles/*"]) app.use(path, kit.requireHr);

  const cycleId = (c: Context<E>) => {
    const id = c.req.param("id") ?? "";
    return Id.safeParse(id).success ? id : undefined;
  };

  // --- the list and a new cycle -------------------------------------------------------------

  app.get("/console/cycles", async (c) => {
    const { viewer } = kit.signedIn(c);
    const rows: CycleRow[] = await Promise.all(
      (await data.cycles()).map(async (cycle) => {
        if (cycle.status === "draft") return { cycle };
        const status = await cycleStatus(deps, cycle.id);
        return { cycle, completed: status.completed, total: status.total };
      }),
    );
    return c.html(cyclesPage({ ...kit.frameOf(c), viewer }, rows, kit.noticeOf(c)));
  });

  async function newCycleView(c: Context<E>, form?: FormState, status: 200 | 422 = 200) {
    const { viewer } = kit.signedIn(c);
    const [units, positions] = await Promise.all([deps.store.listUnits(), deps.store.listPositions()]);
    return c.html(
      newCyclePage({ ...kit.frameOf(c), path: "/console/cycles/new", viewer }, { units, positions, form }),
      status,
    );
  }

  app.get("/console/cycles/new", (c) => newCycleView(c));

  app.post("/console/cycles", async (c) => {
    const { locale } = kit.signedIn(c);
    const all = await c.req.parseBody({ all: true });
    const values = stringFields(all, CYCLE_FIELDS);
    const list = (name: string) =>
      ([] as unknown[]).concat(all[name] ?? []).filter((v): v is string => typeof v === "string");
    const unitIds = list("unitIds");
    const positionIds = list("positionIds");
    values.unitIds = unitIds.join(",");
    values.positionIds = positionIds.join(",");
    try {
      const cycle = await createCycle(deps, kit.actorOf(c), cycleInput(values, unitIds, positionIds));
      return c.redirect(`/console/cycles/${cycle.id}?notice=cycleCreated`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "validation") throw error;
      const { field, message } = cycleFormError(locale, error, values);
      return newCycleView(c, { values, errors: { [field]: message }, summary: [message] }, 422);
    }
  });

  // --- one cycle ----------------------------------------------------------------------------

  async function cycleView(c: Context<E>, forms?: CycleForms, status: 200 | 409 | 422 = 200) {
    const { viewer, locale } = kit.signedIn(c);
    const id = cycleId(c);
    if (!id) return kit.page(c, 404, "notFound");
    const cycle = await getCycle(deps, id);
    const s = texts[locale];
    const [units, positions, people] = await Promise.all([
      deps.store.listUnits(),
      deps.store.listPositions(),
      deps.store.listEmployees(),
    ]);
    const titleOf = (positionId: string | undefined) => positions.find((p) => p.id === positionId)?.title;
    const unitName = (unitId: string) => units.find((u) => u.id === unitId)?.name ?? s.noUnit;
    const nameOf = (employeeId: string) => people.find((p) => p.id === employeeId)?.name ?? employeeId;
    let preview: CyclePreview | undefined;
    let previewError: string | undefined;
    if (cycle.status === "draft") {
      try {
        const found = await previewCycle(deps, id);
        preview = {
          included: found.included.map((p) => ({ ...p, positionTitle: titleOf(p.positionId) })),
          excluded: found.excluded.map((p) => ({ ...p, positionTitle: titleOf(p.positionId) })),
        };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        previewError = error.field?.startsWith("scope") ? s.errUnknownScope : error.message;
      }
    }
    let statusView: CycleStatusView | undefined;
    if (cycle.status !== "draft") {
      const found = await cycleStatus(deps, id);
      statusView = {
        total: found.total,
        completed: found.completed,
        completionPercent: found.completionPercent,
        byStage: found.byStage,
        byUnit: found.byUnit
          .map((u) => ({ unitName: unitName(u.unitId), total: u.total, completed: u.completed }))
          .sort((a, b) => a.unitName.localeCompare(b.unitName)),
        overdue: found.overdue.map((o) => ({
          reviewId: o.reviewId,
          employeeName: nameOf(o.employeeId),
          kind: o.kind,
          dueDate: o.dueDate,
          holderName: o.holderId === "hr" ? s.hrQueue : o.holderName,
        })),
        rows: found.rows
          .map((r) => ({ ...r, unitName: unitName(r.unitId) }))
          .sort((a, b) => a.employeeName.localeCompare(b.employeeName)),
      };
    }
    return c.html(
      cyclePage(
        { ...kit.frameOf(c), path: `/console/cycles/${id}`, viewer },
        {
          cycle,
          scopeText: scopeText(locale, cycle, units, positions),
          preview,
          previewError,
          status: statusView,
          forms,
        },
        forms ? undefined : kit.noticeOf(c),
      ),
      status,
    );
  }

  app.get("/console/cycles/:id", (c) => cycleView(c));

  app.get("/console/cycles/:id/status.csv", async (c) => {
    const id = cycleId(c);
    if (!id) return kit.page(c, 404, "notFound");
    const csv = await cycleStatusCsv(deps, id);
    return c.body(csv, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="cycle-${id}.csv"`,
    });
  });

  /** The cycle's status in the page's words, for a refusal ("the cycle is closed"). */
  const stateError = async (c: Context<E>, id: string) => {
    const s = texts[kit.signedIn(c).locale];
    const cycle = await getCycle(deps, id);
    return s.errCycleState(s.cycleStatus[cycle.status] ?? cycle.status);
  };

  app.post("/console/cycles/:id/launch", async (c) => {
    const id = cycleId(c);
    if (!id) return kit.page(c, 404, "notFound");
    const s = texts[kit.signedIn(c).locale];
    try {
      await launchCycle(deps, kit.actorOf(c), id);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === "not_found") throw error;
      if (error.code === "conflict") return cycleView(c, { launch: await stateError(c, id) }, 409);
      return cycleView(c, { launch: error.field === "scope" ? s.nobodyIncluded : s.errUnknownScope }, 422);
    }
    return c.redirect(`/console/cycles/${id}?notice=launched`, 303);
  });

  /** extend, cancel, close: each needs its box ticked, then the use case decides. */
  for (const action of ["extend", "cancel", "close"] as const) {
    app.post(`/console/cycles/:id/${action}`, async (c) => {
      const id = cycleId(c);
      if (!id) return kit.page(c, 404, "notFound");
      const s = texts[kit.signedIn(c).locale];
      const values = stringFields(await c.req.parseBody(), ["deadline", "confirm"]);
      const refuse = (field: string, message: string, status: 409 | 422 = 422) =>
        cycleView(c, { [action]: { values, errors: { [field]: message }, summary: [message] } }, status);
      if (action === "extend" && !values.deadline) return refuse("deadline", s.errRequired(s.newDeadline));
      if (values.confirm !== "yes") return refuse("confirm", s.errConfirm);
      try {
        if (action === "extend") await extendCycle(deps, kit.actorOf(c), id, { deadline: values.deadline });
        else if (action === "cancel") await cancelCycle(deps, kit.actorOf(c), id);
        else await closeCycle(deps, kit.actorOf(c), id);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === "not_found") throw error;
        if (error.code === "conflict") return refuse("confirm", await stateError(c, id), 409);
        const message = /must be after/.test(error.message)
          ? s.errNotAfter(s.newDeadline)
          : /at most \d+ months/.test(error.message)
            ? s.errWindowTooLong(s.newDeadline)
            : s.errDate(s.newDeadline);
        return refuse("deadline", message);
      }
      const notice = action === "extend" ? "extended" : action === "cancel" ? "cancelled" : "closed";
      return c.redirect(`/console/cycles/${id}?notice=${notice}`, 303);
    });
  }

  // --- reviews: my reviews, a review's page, its PDF -----------------------------------------

  app.get("/console/reviews", async (c) => {
    const { viewer } = kit.signedIn(c);
    return c.html(myReviewsPage({ ...kit.frameOf(c), viewer }, await data.reviewsOf(viewer.employeeId)));
  });

  app.get("/console/reviews/:id", async (c) => {
    const { viewer, locale } = kit.signedIn(c);
    const id = c.req.param("id");
    const review = Id.safeParse(id).success
      ? await data.reviewFor(kit.userOf(c), id, viewer.name)
      : undefined;
    // Someone who may not read it learns nothing, not even whether it exists.
    if (!review)
      return viewer.roles.includes("hr") ? kit.page(c, 404, "notFound") : kit.page(c, 403, "forbidden");
    return c.html(reviewPage({ ...kit.frameOf(c), viewer }, review, await kit.namer(locale), kit.today()));
  });

  app.get("/console/reviews/:id/pdf", async (c) => {
    const id = c.req.param("id");
    if (!Id.safeParse(id).success) return kit.page(c, 404, "notFound");
    try {
      const pdf = await reviewPdf(deps, kit.userOf(c), id);
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="review-${id}.pdf"`,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code !== "conflict") return kit.page(c, 404, "notFound");
      const s = texts[kit.signedIn(c).locale];
      return c.html(
        messageDocument({ ...kit.frameOf(c), path: "/console/reviews" }, s.review, s.pdfNotReady, {
          href: "/console/reviews",
          label: s.back,
        }),
        409,
      );
    }
  });
}
