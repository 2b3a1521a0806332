// The console's training routes: HR's list, create, a training's page with preview then assign and
// cancel, history and compliance (with CSV); the trainer's own trainings (list and page); and
// everyone's "my trainings". Mounted by routes.tsx inside its session, CSRF and role middleware;
// every write goes through the core use cases (functions/core/usecases/trainings.ts), which decide
// what is allowed and name the field at fault.
import type { Context, Hono } from "hono";
import { tallinnDate } from "../../core/calendar";
import { DomainError } from "../../core/errors";
import type { Locale } from "../../core/i18n";
import { Id } from "../../core/model";
import { seatLinkUrls } from "../../core/record-links";
import { tallinnWallClockInstant } from "../../core/reviews/ics";
import { sessionsInOrder } from "../../core/trainings/training";
import { recordReviewRead } from "../../core/usecases/access-log";
import { trainingRequests } from "../../core/usecases/cycles";
import {
  addTrainingSession,
  assignParticipants,
  cancelTraining,
  cancelTrainingSession,
  changeTrainingSession,
  createTraining,
  listTrainings,
  previewTraining,
  readTraining,
  trainingComplianceReport,
  trainingHistoryReport,
  triggerFollowUp,
} from "../../core/usecases/trainings";
import { stringFields } from "./forms";
import type { FormState } from "./pages-more";
import {
  compliancePage,
  historyPage,
  myTrainingsPage,
  newTrainingPage,
  type PreviewView,
  SESSION_ROWS,
  type SelectionOptions,
  type SessionView,
  type TrainingForms,
  trainingPage,
  trainingsPage,
} from "./pages-trainings";
import type { ConsoleKit } from "./routes-cycles";
import { texts } from "./text";

/** The notices these pages show after a redirect (?notice=...), each a key of texts. */
export const TRAINING_NOTICES = [
  "trCreated",
  "trAssigned",
  "trCancelled",
  "trSessionAdded",
  "trSessionChanged",
  "trSessionCancelled",
  "trFollowUpCalled",
] as const;

const SESSION_FIELDS = ["date", "start", "end", "place", "videoUrl", "capacity"] as const;
const TRAINING_FIELDS = [
  "title_et",
  "title_en",
  "topic_et",
  "topic_en",
  "kind",
  "trainerKind",
  "trainerEmployeeId",
  "trainerName",
  "organiserEmployeeId",
  "followUpKind",
  "followUpWeeks",
  "followUpMonths",
  ...Array.from({ length: SESSION_ROWS }, (_, i) => SESSION_FIELDS.map((f) => `s${i + 1}_${f}`)).flat(),
];

const whole = (v: string | undefined) => {
  const t = v?.trim() ?? "";
  return t === "" ? undefined : /^\d{1,6}$/.test(t) ? Number(t) : t;
};
const optional = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** The create form as createTraining's input, and which form row each session came from. */
export function trainingInput(values: Record<string, string>, positionIds: string[]) {
  const rows: number[] = [];
  const sessions: unknown[] = [];
  for (let n = 1; n <= SESSION_ROWS; n++) {
    const at = (f: string) => values[`s${n}_${f}`]?.trim() ?? "";
    if (!["date", "start", "end", "place", "videoUrl"].some((f) => at(f) !== "")) continue;
    rows.push(n);
    sessions.push({
      date: at("date") || undefined,
      start: at("start") || undefined,
      end: at("end") || undefined,
      place: optional(at("place")),
      videoUrl: optional(at("videoUrl")),
      capacity: whole(at("capacity")),
    });
  }
  const fu = values.followUpKind;
  return {
    rows,
    input: {
      title: { et: values.title_et ?? "", en: values.title_en ?? "" },
      topic: { et: values.topic_et ?? "", en: values.topic_en ?? "" },
      kind: values.kind === "mandatory" ? "mandatory" : "optional",
      mandatoryForPositionIds: positionIds,
      ...(values.trainerKind === "external"
        ? {
            trainer: { kind: "external", name: values.trainerName ?? "" },
            organiserEmployeeId: values.organiserEmployeeId || undefined,
          }
        : { trainer: { kind: "employee", employeeId: values.trainerEmployeeId || undefined } }),
      sessions,
      followUp:
        fu === "afterWeeks"
          ? { kind: fu, weeks: whole(values.followUpWeeks) }
          : fu === "everyMonths"
            ? { kind: fu, months: whole(values.followUpMonths) }
            : { kind: "none" },
    },
  };
}

/** Which form field a refusal of createTraining is about, and what to say, in the page's language. */
export function trainingFormError(
  locale: Locale,
  error: DomainError,
  values: Record<string, string>,
  rows: number[],
): { field: string; message: string } {
  const s = texts[locale];
  const at = error.field ?? "";
  const say = (field: string, message: string) => ({ field, message });
  const text = (field: string, label: string) =>
    say(field, values[field]?.trim() ? s.errInvalid(label) : s.errRequired(label));
  if (at.startsWith("title.en")) return text("title_en", s.trTitleEn);
  if (at.startsWith("title")) return text("title_et", s.trTitleEt);
  if (at.startsWith("topic.en")) return text("topic_en", s.trTopicEn);
  if (at.startsWith("topic")) return text("topic_et", s.trTopicEt);
  if (at.startsWith("mandatoryForPositionIds"))
    return say(
      "mandatoryForPositionIds",
      /no position \S+$/.test(error.message) ? s.errUnknownScope : s.trErrMandatory,
    );
  if (at.startsWith("trainer.name")) return text("trainerName", s.trExternalName);
  if (at.startsWith("organiserEmployeeId"))
    return say(
      "organiserEmployeeId",
      values.organiserEmployeeId ? s.errUnknownPerson : s.errRequired(s.trOrganiser),
    );
  if (at.startsWith("trainer"))
    return say(
      "trainerEmployeeId",
      values.trainerEmployeeId ? s.errUnknownPerson : s.errRequired(s.trTrainer),
    );
  const m = /^sessions\[(\d+)\]\.?(\w+)?/.exec(at);
  if (m) {
    const row = rows[Number(m[1])] ?? 1;
    const f = m[2] && (SESSION_FIELDS as readonly string[]).includes(m[2]) ? m[2] : "date";
    const field = `s${row}_${f}`;
    return say(field, sessionFieldMessage(locale, f, error.message, values[field], s.trSession(row)));
  }
  if (at.startsWith("sessions")) return say("s1_date", s.trErrSessions);
  if (at.startsWith("followUp.weeks")) return say("followUpWeeks", s.trErrWholeNumber(s.trWeeks));
  if (at.startsWith("followUp.months")) return say("followUpMonths", s.trErrWholeNumber(s.trMonths));
  if (at.startsWith("followUp")) return say("followUpKind", s.errInvalid(s.trFollowUp));
  return say("title_et", s.errInvalid(at || s.trTitleEt));
}

/** What to say about one field of a session (in the create, add or change form). */
function sessionFieldMessage(
  locale: Locale,
  f: string,
  message: string,
  value: string | undefined,
  prefix?: string,
): string {
  const s = texts[locale];
  const labels: Record<string, string> = {
    date: s.trDate,
    start: s.trStart,
    end: s.trEnd,
    place: s.trPlace,
    videoUrl: s.trVideo,
    capacity: s.trCapacity,
  };
  const label = prefix ? `${prefix}, ${labels[f]}` : (labels[f] ?? f);
  const typed = value?.trim() ?? "";
  if (f === "place") return s.trErrPlace(label);
  if (typed === "") return s.errRequired(label);
  if (f === "date" && /in the past/.test(message)) return s.trErrPast(label);
  if (f === "date") return s.errDate(label);
  if (f === "end" && /after the start/.test(message)) return s.trErrEnd(label);
  if (f === "capacity" && /seated/.test(message)) return s.trErrSeatedMore(label);
  if (f === "capacity") return /^\d+$/.test(typed) ? s.trErrCapacity(label) : s.trErrWholeNumber(label);
  return s.errInvalid(label);
}

/** An add or change form of one session as the use cases' input (empty fields left out, or cleared). */
export function sessionInput(values: Record<string, string>) {
  return {
    date: values.date?.trim() || undefined,
    start: values.start?.trim() || undefined,
    end: values.end?.trim() || undefined,
    place: optional(values.place),
    videoUrl: optional(values.videoUrl),
    capacity: whole(values.capacity),
  };
}

/** A refusal of addTrainingSession or changeTrainingSession as the field it is about, or the form's. */
export function sessionFormError(
  locale: Locale,
  error: DomainError,
  values: Record<string, string>,
): { field: string; message: string } {
  const s = texts[locale];
  if (error.code === "conflict")
    return { field: "", message: /begun/.test(error.message) ? s.trErrBegun : s.trErrState };
  const f = (error.field ?? "").replace(/^sessions\[\d+\]\.?/, "");
  if ((SESSION_FIELDS as readonly string[]).includes(f))
    return { field: f, message: sessionFieldMessage(locale, f, error.message, values[f]) };
  if (f === "sessions") return { field: "", message: s.trErrTooMany };
  return { field: "date", message: s.errInvalid(s.trDate) };
}

const SELECTION_FIELDS = ["positionIds", "unitIds", "includeSubUnits", "employeeIds", "requests"] as const;

/** A training request as one checkbox value (its employee and topic). */
const requestValue = (employeeId: string, topic: string) =>
  Buffer.from(JSON.stringify([employeeId, topic])).toString("base64url");
const requestOf = (value: string) => {
  try {
    const [employeeId, topic] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as unknown[];
    return typeof employeeId === "string" && typeof topic === "string" ? { employeeId, topic } : undefined;
  } catch {
    return undefined;
  }
};

/** The participant form (checkboxes) as the use cases' selection. */
function selectionOf(lists: Record<string, string[]>) {
  const sub = (lists.includeSubUnits ?? []).includes("true");
  return {
    positionIds: lists.positionIds ?? [],
    units: (lists.unitIds ?? []).map((unitId) => ({ unitId, includeSubUnits: sub })),
    employeeIds: lists.employeeIds ?? [],
    requests: (lists.requests ?? []).flatMap((v) => requestOf(v) ?? []),
  };
}

export function registerTrainingRoutes<E extends { Variables: object }>(app: Hono<E>, kit: ConsoleKit<E>) {
  const { deps, data } = kit;

  for (const path of ["/console/trainings", "/console/trainings/*", "/console/my-trainings"])
    app.use(path, kit.requireSignIn);
  // HR only: creating, the reports and every change. A trainer reads the list and their training.
  for (const path of [
    "/console/trainings/new",
    "/console/trainings/history",
    "/console/trainings/history.csv",
    "/console/trainings/compliance",
    "/console/trainings/compliance.csv",
  ])
    app.use(path, kit.requireHr);
  app.use("/console/trainings", async (c, next) =>
    c.req.method === "POST" ? kit.requireHr(c, next) : next(),
  );
  app.use("/console/trainings/*", async (c, next) =>
    c.req.method === "POST" ? kit.requireHr(c, next) : next(),
  );

  const trainingId = (c: Context<E>) => {
    const id = c.req.param("id") ?? "";
    return Id.safeParse(id).success ? id : undefined;
  };

  // --- the list and a new training ----------------------------------------------------------

  app.get("/console/trainings", async (c) => {
    const { viewer, locale } = kit.signedIn(c);
    const names = await kit.namer(locale);
    const s = texts[locale];
    const trainings = (await listTrainings(deps, kit.userOf(c))).sort((a, b) =>
      b.createdAt.localeCompare(a.createdAt),
    );
    const rows = await Promise.all(
      trainings.map(async (training) => {
        const read = await readTraining(deps, kit.userOf(c), training.id);
        const trainer = training.definition.trainer;
        return {
          training,
          trainerName:
            trainer.kind === "employee" ? names(trainer.employeeId) : s.trExternalText(trainer.name),
          seated: read.sessions.reduce((n, x) => n + x.seats.filter((y) => y.status === "seated").length, 0),
          capacity: training.definition.sessions.reduce((n, x) => n + x.capacity, 0),
        };
      }),
    );
    return c.html(trainingsPage({ ...kit.frameOf(c), viewer }, rows, kit.noticeOf(c)));
  });

  async function newTrainingView(c: Context<E>, form?: FormState, status: 200 | 422 = 200) {
    const { viewer } = kit.signedIn(c);
    const [units, positions, employees] = await Promise.all([
      deps.store.listUnits(),
      deps.store.listPositions(),
      deps.store.listEmployees(),
    ]);
    return c.html(
      newTrainingPage(
        { ...kit.frameOf(c), path: "/console/trainings/new", viewer },
        { units, positions, employees, form },
      ),
      status,
    );
  }

  app.get("/console/trainings/new", (c) => newTrainingView(c));

  app.post("/console/trainings", async (c) => {
    const { locale } = kit.signedIn(c);
    const all = await c.req.parseBody({ all: true });
    const values = stringFields(all, TRAINING_FIELDS);
    const positionIds = ([] as unknown[])
      .concat(all.mandatoryForPositionIds ?? [])
      .filter((v): v is string => typeof v === "string");
    values.mandatoryForPositionIds = positionIds.join(",");
    const { input, rows } = trainingInput(values, positionIds);
    try {
      const training = await createTraining(deps, kit.actorOf(c), input);
      return c.redirect(`/console/trainings/${training.id}?notice=trCreated`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "validation") throw error;
      const { field, message } = trainingFormError(locale, error, values, rows);
      return newTrainingView(c, { values, errors: { [field]: message }, summary: [message] }, 422);
    }
  });

  // --- history and compliance (HR) ----------------------------------------------------------

  const employeeFilter = (c: Context<E>) => {
    const id = c.req.query("employeeId") ?? "";
    return Id.safeParse(id).success ? id : undefined;
  };

  app.get("/console/trainings/history", async (c) => {
    const { viewer } = kit.signedIn(c);
    const employeeId = employeeFilter(c);
    const employees = await deps.store.listEmployees();
    const known = employeeId && employees.some((e) => e.id === employeeId) ? employeeId : undefined;
    const rows = (await trainingHistoryReport(deps, { employeeId: known })) as Exclude<
      Awaited<ReturnType<typeof trainingHistoryReport>>,
      string
    >;
    return c.html(historyPage({ ...kit.frameOf(c), viewer }, { rows, employees, employeeId: known }));
  });

  app.get("/console/trainings/history.csv", async (c) => {
    const { locale } = kit.signedIn(c);
    const employeeId = employeeFilter(c);
    const known = employeeId && (await deps.store.getEmployee(employeeId)) ? employeeId : undefined;
    const csv = await trainingHistoryReport(deps, { employeeId: known, format: "csv", locale });
    return c.body(csv as string, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="training-history${known ? `-${known}` : ""}.csv"`,
    });
  });

  app.get("/console/trainings/compliance", async (c) => {
    const { viewer } = kit.signedIn(c);
    const rows = (await trainingComplianceReport(deps)) as Exclude<
      Awaited<ReturnType<typeof trainingComplianceReport>>,
      string
    >;
    return c.html(compliancePage({ ...kit.frameOf(c), viewer }, rows));
  });

  app.get("/console/trainings/compliance.csv", async (c) => {
    const { locale } = kit.signedIn(c);
    const csv = await trainingComplianceReport(deps, { format: "csv", locale });
    return c.body(csv as string, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="training-compliance.csv"',
    });
  });

  // --- one training -------------------------------------------------------------------------

  /** Training requests from reviews (training needs): a read of each review, so in the access log. */
  async function requestOptions(c: Context<E>, names: (id: string | undefined) => string) {
    const requests = await trainingRequests(deps);
    const { viewer } = kit.signedIn(c);
    const reviews = new Map(requests.map((r) => [r.reviewId, r.employeeId]));
    for (const [id, subjectId] of reviews)
      await recordReviewRead(deps, viewer, { id, subjectId }, "review.read.trainingNeeds");
    const seen = new Set<string>();
    return requests.flatMap((r) => {
      const value = requestValue(r.employeeId, r.topic);
      if (seen.has(value)) return [];
      seen.add(value);
      return [{ employeeId: r.employeeId, name: names(r.employeeId), topic: r.topic, value }];
    });
  }

  async function trainingView(c: Context<E>, forms?: TrainingForms, status: 200 | 409 | 422 = 200) {
    const { viewer, locale } = kit.signedIn(c);
    const id = trainingId(c);
    const hr = viewer.roles.includes("hr");
    // Not HR and not its trainer: told nothing, not even whether it exists.
    const refuse = () => (hr ? kit.page(c, 404, "notFound") : kit.page(c, 403, "forbidden"));
    if (!id) return refuse();
    let read: Awaited<ReturnType<typeof readTraining>>;
    try {
      read = await readTraining(deps, kit.userOf(c), id);
    } catch (error) {
      if (error instanceof DomainError && error.code === "not_found") return refuse();
      throw error;
    }
    const names = await kit.namer(locale);
    const s = texts[locale];
    const sessions: SessionView[] = sessionsInOrder(read.definition.sessions).map((session) => {
      const found = read.sessions.find((x) => x.sessionId === session.id);
      const begun =
        tallinnWallClockInstant(session.date, session.start, "start").getTime() <= deps.clock.now().getTime();
      return { ...session, status: found?.status, seats: found?.seats ?? [], begun };
    });
    let options: SelectionOptions | undefined;
    if (hr && read.status === "active") {
      const [units, positions, employees] = await Promise.all([
        deps.store.listUnits(),
        deps.store.listPositions(),
        deps.store.listEmployees(),
      ]);
      options = {
        units,
        positions: [...positions].sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id)),
        employees: [...employees].sort((a, b) => a.name.localeCompare(b.name)),
        requests: await requestOptions(c, names),
      };
    }
    const trainer = read.definition.trainer;
    /** The linked training's title, when this reader may open it. */
    const linked = async (other: string | undefined) => {
      if (!other) return undefined;
      try {
        return {
          id: other,
          title: (await readTraining(deps, kit.userOf(c), other)).definition.title[locale],
        };
      } catch (error) {
        if (error instanceof DomainError && error.code === "not_found") return undefined;
        throw error;
      }
    };
    return c.html(
      trainingPage(
        { ...kit.frameOf(c), path: `/console/trainings/${id}`, viewer },
        {
          training: read,
          trainerName:
            trainer.kind === "employee" ? names(trainer.employeeId) : s.trExternalText(trainer.name),
          sessions,
          links: {
            followUpOf: await linked(read.followUpOf),
            followUpTraining: await linked(read.followUpTrainingId),
          },
          names,
          options,
          forms,
        },
        forms ? undefined : kit.noticeOf(c),
      ),
      status,
    );
  }

  app.get("/console/trainings/:id", (c) => trainingView(c));

  /** A refused selection in the page's words. */
  const selectionError = (locale: Locale, error: DomainError) => {
    const s = texts[locale];
    if (error.code === "conflict") return s.trErrState;
    if (error.field === "sessions") return s.trErrNoSession;
    if (/^employeeIds\[\d+\]/.test(error.field ?? "") && /twice|already/.test(error.message))
      return s.trErrTwice;
    if (/^(positionIds|units)/.test(error.field ?? "")) return s.errUnknownScope;
    if (/^(employeeIds|requests)/.test(error.field ?? "")) return s.errUnknownPerson;
    return s.trErrSelect;
  };

  const selectionLists = async (c: Context<E>) => {
    const all = await c.req.parseBody({ all: true });
    return Object.fromEntries(
      SELECTION_FIELDS.map((k) => [
        k,
        ([] as unknown[]).concat(all[k] ?? []).filter((v): v is string => typeof v === "string"),
      ]),
    ) as Record<string, string[]>;
  };

  app.post("/console/trainings/:id/preview", async (c) => {
    const id = trainingId(c);
    if (!id) return kit.page(c, 404, "notFound");
    const { locale } = kit.signedIn(c);
    const lists = await selectionLists(c);
    let preview: PreviewView;
    try {
      const found = await previewTraining(deps, id, selectionOf(lists));
      preview = {
        included: found.included.map((p) => ({ id: p.id, name: p.name, via: p.via.map((v) => v.kind) })),
        excluded: found.excluded.map((p) => ({ id: p.id, name: p.name, reason: p.reason })),
      };
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === "not_found") throw error;
      return trainingView(c, { selection: lists, assignError: selectionError(locale, error) }, 422);
    }
    return trainingView(c, { selection: lists, preview });
  });

  app.post("/console/trainings/:id/assign", async (c) => {
    const id = trainingId(c);
    if (!id) return kit.page(c, 404, "notFound");
    const { locale } = kit.signedIn(c);
    const lists = await selectionLists(c);
    try {
      await assignParticipants(deps, kit.actorOf(c), id, selectionOf(lists));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === "not_found") throw error;
      return trainingView(
        c,
        { selection: lists, assignError: selectionError(locale, error) },
        error.code === "conflict" ? 409 : 422,
      );
    }
    return c.redirect(`/console/trainings/${id}?notice=trAssigned`, 303);
  });

  app.post("/console/trainings/:id/cancel", async (c) => {
    const id = trainingId(c);
    if (!id) return kit.page(c, 404, "notFound");
    const s = texts[kit.signedIn(c).locale];
    const values = stringFields(await c.req.parseBody(), ["confirm"]);
    const refuse = (message: string, status: 409 | 422) =>
      trainingView(c, { cancel: { values, errors: { confirm: message }, summary: [message] } }, status);
    if (values.confirm !== "yes") return refuse(s.errConfirm, 422);
    try {
      await cancelTraining(deps, kit.actorOf(c), id);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "conflict") throw error;
      return refuse(s.trErrState, 409);
    }
    return c.redirect(`/console/trainings/${id}?notice=trCancelled`, 303);
  });

  // --- sessions: add, change, cancel; a follow-up for everyone who completed (HR) ------------

  const formState = (
    values: Record<string, string>,
    refusal: { field: string; message: string },
  ): FormState => ({
    values,
    errors: refusal.field ? { [refusal.field]: refusal.message } : {},
    summary: [refusal.message],
  });
  const sessionId = (c: Context<E>) => {
    const id = c.req.param("sessionId") ?? "";
    return Id.safeParse(id).success ? id : undefined;
  };

  app.post("/console/trainings/:id/sessions", async (c) => {
    const id = trainingId(c);
    if (!id) return kit.page(c, 404, "notFound");
    const { locale } = kit.signedIn(c);
    const values = stringFields(await c.req.parseBody(), [...SESSION_FIELDS]);
    try {
      await addTrainingSession(deps, kit.actorOf(c), id, sessionInput(values));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === "not_found") throw error;
      const refusal = sessionFormError(locale, error, values);
      return trainingView(
        c,
        { addSession: formState(values, refusal) },
        error.code === "conflict" ? 409 : 422,
      );
    }
    return c.redirect(`/console/trainings/${id}?notice=trSessionAdded`, 303);
  });

  app.post("/console/trainings/:id/sessions/:sessionId", async (c) => {
    const id = trainingId(c);
    const sid = sessionId(c);
    if (!id || !sid) return kit.page(c, 404, "notFound");
    const { locale } = kit.signedIn(c);
    const values = stringFields(await c.req.parseBody(), [...SESSION_FIELDS]);
    try {
      await changeTrainingSession(deps, kit.actorOf(c), id, sid, sessionInput(values));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === "not_found") throw error;
      const refusal = sessionFormError(locale, error, values);
      return trainingView(
        c,
        { change: { sessionId: sid, form: formState(values, refusal) } },
        error.code === "conflict" ? 409 : 422,
      );
    }
    return c.redirect(`/console/trainings/${id}?notice=trSessionChanged`, 303);
  });

  app.post("/console/trainings/:id/sessions/:sessionId/cancel", async (c) => {
    const id = trainingId(c);
    const sid = sessionId(c);
    if (!id || !sid) return kit.page(c, 404, "notFound");
    const s = texts[kit.signedIn(c).locale];
    const values = stringFields(await c.req.parseBody(), ["confirm"]);
    const refuse = (message: string, status: 409 | 422) =>
      trainingView(
        c,
        { cancelSession: { sessionId: sid, form: formState(values, { field: "confirm", message }) } },
        status,
      );
    if (values.confirm !== "yes") return refuse(s.errConfirm, 422);
    try {
      await cancelTrainingSession(deps, kit.actorOf(c), id, sid);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "conflict") throw error;
      return refuse(/begun/.test(error.message) ? s.trErrBegun : s.trErrState, 409);
    }
    return c.redirect(`/console/trainings/${id}?notice=trSessionCancelled`, 303);
  });

  app.post("/console/trainings/:id/follow-up", async (c) => {
    const id = trainingId(c);
    if (!id) return kit.page(c, 404, "notFound");
    const s = texts[kit.signedIn(c).locale];
    const values = stringFields(await c.req.parseBody(), ["confirm"]);
    const refuse = (message: string, status: 409 | 422) =>
      trainingView(c, { followUp: formState(values, { field: "confirm", message }) }, status);
    if (values.confirm !== "yes") return refuse(s.errConfirm, 422);
    let followUpId: string;
    try {
      followUpId = (await triggerFollowUp(deps, kit.actorOf(c), id)).followUpTrainingId;
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "conflict") throw error;
      return refuse(error.field === "attendance" ? s.trErrNobodyCompleted : s.trErrState, 409);
    }
    // HR adds the follow-up's first session there.
    return c.redirect(`/console/trainings/${followUpId}?notice=trFollowUpCalled`, 303);
  });

  // --- my trainings (everyone) --------------------------------------------------------------

  app.get("/console/my-trainings", async (c) => {
    const { viewer, locale } = kit.signedIn(c);
    const names = await kit.namer(locale);
    const today = tallinnDate(deps.clock.now());
    const seats = await data.trainingSeatsOf(viewer.employeeId);
    const upcoming = seats
      .filter(
        (x) =>
          x.seat.status === "seated" &&
          x.caseStatus === "active" &&
          x.trainingStatus === "active" &&
          x.session.date >= today,
      )
      .map((x) => {
        const links = seatLinkUrls(deps, x.caseId, viewer.employeeId);
        const path = (url: string) => {
          const u = new URL(url);
          return `${u.pathname}${u.search}`;
        };
        return {
          ...x,
          trainerName: names(x.trainerId),
          links: { confirm: path(links.confirm), ics: path(links.ics) },
        };
      });
    const history = (await trainingHistoryReport(deps, { employeeId: viewer.employeeId })) as Exclude<
      Awaited<ReturnType<typeof trainingHistoryReport>>,
      string
    >;
    return c.html(myTrainingsPage({ ...kit.frameOf(c), viewer }, { upcoming, history }));
  });
}
