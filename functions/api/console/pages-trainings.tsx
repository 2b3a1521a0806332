// The training pages: HR's list, create form, a training's page (sessions, seats, waiting list,
// attendance, follow-ups; preview then assign; cancel), history and compliance; the trainer's own
// trainings; everyone's "my trainings". Like pages.tsx: each takes what it shows, already read
// and named; none reads a store.
import { formatDate, type Locale } from "../../core/i18n";
import type { Employee, Position, Unit } from "../../core/model";
import type { ComplianceRow, HistoryRow } from "../../core/trainings/history";
import type { TrainingRecord } from "../../core/trainings/record";
import { sessionsInOrder } from "../../core/trainings/training";
import type { TrainingSeatView } from "./data";
import { ConsolePage, CsrfField, type PageFrame, render, type Viewer } from "./layout";
import type { FormState } from "./pages-more";
import { ErrorSummary, FieldError, Notice, Table } from "./parts";
import { texts } from "./text";

type Names = (id: string | undefined) => string;
type Frame = PageFrame & { viewer: Viewer };

const d = (iso: string | undefined, locale: Locale) => (iso ? formatDate(iso, locale) : "");
export const hoursText = (n: number, locale: Locale) =>
  n.toLocaleString(locale === "et" ? "et-EE" : "en-GB", { maximumFractionDigits: 2 });

type Rule = TrainingRecord["definition"]["followUp"];
export function ruleText(locale: Locale, rule: Rule) {
  const r = texts[locale].trFollowUpRule;
  return rule.kind === "afterWeeks"
    ? r.afterWeeks(rule.weeks)
    : rule.kind === "everyMonths"
      ? r.everyMonths(rule.months)
      : r.none;
}

const sessionTime = (s: { date: string; start: string; end: string }, locale: Locale) =>
  `${d(s.date, locale)} ${s.start}–${s.end}`;

const Where = (props: { place?: string | undefined; videoUrl?: string | undefined }) => (
  <>
    {props.place ?? ""}
    {props.place && props.videoUrl ? <br /> : null}
    {props.videoUrl ? <a href={props.videoUrl}>{props.videoUrl}</a> : null}
  </>
);

// --- the list -------------------------------------------------------------------------------

export interface TrainingRow {
  training: TrainingRecord;
  trainerName: string;
  seated: number;
  capacity: number;
}

export function trainingsPage(frame: Frame, rows: TrainingRow[], notice?: string) {
  const { locale } = frame;
  const s = texts[locale];
  const hr = frame.viewer.roles.includes("hr");
  const title = hr ? s.trTitle : s.trGiven;
  return render(
    <ConsolePage frame={frame} title={title}>
      <h1>{title}</h1>
      <p>{hr ? s.trIntro : s.trGivenIntro}</p>
      <Notice text={notice} />
      {hr ? (
        <ul>
          <li>
            <a href="/console/trainings/new">{s.trNew}</a>
          </li>
          <li>
            <a href="/console/trainings/history">{s.trHistory}</a>
          </li>
          <li>
            <a href="/console/trainings/compliance">{s.trCompliance}</a>
          </li>
        </ul>
      ) : null}
      {rows.length === 0 ? (
        <p>{s.trNone}</p>
      ) : (
        <Table label={title}>
          <thead>
            <tr>
              <th scope="col">{s.cycleTitle}</th>
              <th scope="col">{s.trKind}</th>
              <th scope="col">{s.trTrainer}</th>
              <th scope="col">{s.trSessions}</th>
              <th scope="col">{s.trSeats}</th>
              <th scope="col">{s.status}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ training, trainerName, seated, capacity }) => {
              // A follow-up training starts with no session.
              const sessions = sessionsInOrder(training.definition.sessions);
              const first = sessions[0];
              return (
                <tr>
                  <td>
                    <a href={`/console/trainings/${training.id}`}>{training.definition.title[locale]}</a>
                  </td>
                  <td>{s.trKinds[training.definition.kind] ?? training.definition.kind}</td>
                  <td>{trainerName}</td>
                  <td>
                    {first ? sessionTime(first, locale) : s.none}
                    {sessions.length > 1 ? ` (+${sessions.length - 1})` : ""}
                  </td>
                  <td>{s.trSeatsText(seated, capacity)}</td>
                  <td>{s.trStatus[training.status] ?? training.status}</td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </ConsolePage>,
  );
}

// --- create ---------------------------------------------------------------------------------

/** How many session rows the create form offers (rows left empty are ignored). */
export const SESSION_ROWS = 3;

export function newTrainingPage(
  frame: Frame,
  data: { positions: Position[]; units: Unit[]; employees: Employee[]; form?: FormState | undefined },
) {
  const { locale } = frame;
  const s = texts[locale];
  const form: FormState = data.form ?? {
    values: { kind: "optional", followUpKind: "none", s1_capacity: "20" },
    errors: {},
    summary: [],
  };
  const v = (k: string) => form.values[k] ?? "";
  const err = (k: string) => form.errors[k];
  const chosen = (k: string) => v(k).split(",").filter(Boolean);
  const describedBy = (k: string, help?: boolean) =>
    [help ? `t-${k}-help` : "", err(k) ? `t-${k}-error` : ""].filter(Boolean).join(" ") || undefined;
  const unitName = (id: string) => data.units.find((u) => u.id === id)?.name ?? id;
  const Field = (p: {
    name: string;
    label: string;
    help?: string;
    type?: string;
    required?: boolean;
    min?: number;
    max?: number;
  }) => (
    <>
      <label for={`t-${p.name}`}>{p.label}</label>
      {p.help ? (
        <div class="help" id={`t-${p.name}-help`}>
          {p.help}
        </div>
      ) : null}
      <FieldError id={`t-${p.name}-error`} text={err(p.name)} />
      <input
        type={p.type ?? "text"}
        id={`t-${p.name}`}
        name={p.name}
        value={v(p.name)}
        required={p.required}
        min={p.min}
        max={p.max}
        maxlength={!p.type || p.type === "text" ? 500 : undefined}
        aria-invalid={err(p.name) ? "true" : undefined}
        aria-describedby={describedBy(p.name, !!p.help)}
      />
    </>
  );
  const employees = [...data.employees].sort((a, b) => a.name.localeCompare(b.name));
  const positions = [...data.positions].sort(
    (a, b) => unitName(a.unitId).localeCompare(unitName(b.unitId)) || a.title.localeCompare(b.title),
  );
  return render(
    <ConsolePage frame={frame} title={s.trNewTitle}>
      <h1 id="new-training">{s.trNewTitle}</h1>
      <p>{s.trNewIntro}</p>
      <ErrorSummary locale={locale} messages={form.summary} />
      <form method="post" action="/console/trainings" aria-labelledby="new-training">
        <CsrfField viewer={frame.viewer} />
        <Field name="title_et" label={s.trTitleEt} help={s.trTextHelp} required />
        <Field name="title_en" label={s.trTitleEn} required />
        <Field name="topic_et" label={s.trTopicEt} required />
        <Field name="topic_en" label={s.trTopicEn} required />
        <fieldset>
          <legend>{s.trKind}</legend>
          {(["optional", "mandatory"] as const).map((k) => (
            <div class="opt">
              <input type="radio" id={`t-kind-${k}`} name="kind" value={k} checked={v("kind") === k} />
              <label class="choice" for={`t-kind-${k}`}>
                {s.trKinds[k]}
              </label>
            </div>
          ))}
        </fieldset>
        <fieldset aria-describedby={describedBy("mandatoryForPositionIds", true)}>
          <legend>{s.trMandatoryFor}</legend>
          <div class="help" id="t-mandatoryForPositionIds-help">
            {s.trMandatoryHelp}
          </div>
          <FieldError id="t-mandatoryForPositionIds-error" text={err("mandatoryForPositionIds")} />
          {positions.map((p) => (
            <div class="opt">
              <input
                type="checkbox"
                id={`t-mpos-${p.id}`}
                name="mandatoryForPositionIds"
                value={p.id}
                checked={chosen("mandatoryForPositionIds").includes(p.id)}
              />
              <label class="choice" for={`t-mpos-${p.id}`}>
                {`${p.title} (${unitName(p.unitId)}; ${p.id})`}
              </label>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{s.trTrainer}</legend>
          {(["employee", "external"] as const).map((k) => (
            <div class="opt">
              <input
                type="radio"
                id={`t-trainerKind-${k}`}
                name="trainerKind"
                value={k}
                checked={(v("trainerKind") || "employee") === k}
              />
              <label class="choice" for={`t-trainerKind-${k}`}>
                {s.trTrainerKinds[k]}
              </label>
            </div>
          ))}
        </fieldset>
        <label for="t-trainerEmployeeId">{`${s.trTrainer}: ${s.trTrainerKinds.employee}`}</label>
        <div class="help" id="t-trainerEmployeeId-help">
          {s.trTrainerHelp}
        </div>
        <FieldError id="t-trainerEmployeeId-error" text={err("trainerEmployeeId")} />
        <select
          id="t-trainerEmployeeId"
          name="trainerEmployeeId"
          aria-invalid={err("trainerEmployeeId") ? "true" : undefined}
          aria-describedby={describedBy("trainerEmployeeId", true)}
        >
          <option value="">{s.choose}</option>
          {employees.map((e) => (
            <option value={e.id} selected={v("trainerEmployeeId") === e.id}>
              {e.name}
            </option>
          ))}
        </select>
        <Field name="trainerName" label={s.trExternalName} />
        <label for="t-organiserEmployeeId">{s.trOrganiser}</label>
        <div class="help" id="t-organiserEmployeeId-help">
          {s.trOrganiserHelp}
        </div>
        <FieldError id="t-organiserEmployeeId-error" text={err("organiserEmployeeId")} />
        <select
          id="t-organiserEmployeeId"
          name="organiserEmployeeId"
          aria-invalid={err("organiserEmployeeId") ? "true" : undefined}
          aria-describedby={describedBy("organiserEmployeeId", true)}
        >
          <option value="">{s.choose}</option>
          {employees.map((e) => (
            <option value={e.id} selected={v("organiserEmployeeId") === e.id}>
              {e.name}
            </option>
          ))}
        </select>
        <h2 id="t-sessions">{s.trSessions}</h2>
        <p class="help" id="t-sessions-help">
          {s.trSessionsHelp}
        </p>
        {Array.from({ length: SESSION_ROWS }, (_, i) => i + 1).map((n) => (
          <fieldset aria-describedby="t-sessions-help">
            <legend>{s.trSession(n)}</legend>
            <Field name={`s${n}_date`} label={s.trDate} type="date" required={n === 1} />
            <Field name={`s${n}_start`} label={s.trStart} type="time" required={n === 1} />
            <Field name={`s${n}_end`} label={s.trEnd} type="time" required={n === 1} />
            <Field name={`s${n}_place`} label={s.trPlace} />
            <Field name={`s${n}_videoUrl`} label={s.trVideo} type="url" />
            <Field name={`s${n}_capacity`} label={s.trCapacity} type="number" min={1} max={1000} />
          </fieldset>
        ))}
        <fieldset aria-describedby={describedBy("followUpKind")}>
          <legend>{s.trFollowUp}</legend>
          <FieldError id="t-followUpKind-error" text={err("followUpKind")} />
          {(["none", "afterWeeks", "everyMonths"] as const).map((k) => (
            <div class="opt">
              <input
                type="radio"
                id={`t-fu-${k}`}
                name="followUpKind"
                value={k}
                checked={(v("followUpKind") || "none") === k}
              />
              <label class="choice" for={`t-fu-${k}`}>
                {s.trFollowUpKinds[k]}
              </label>
            </div>
          ))}
          <Field name="followUpWeeks" label={s.trWeeks} type="number" min={1} max={104} />
          <Field name="followUpMonths" label={s.trMonths} type="number" min={1} max={120} />
        </fieldset>
        <p>
          <button type="submit">{s.trCreate}</button>
        </p>
      </form>
    </ConsolePage>,
  );
}

// --- one training ---------------------------------------------------------------------------

export interface SessionView {
  id: string;
  date: string;
  start: string;
  end: string;
  place?: string | undefined;
  videoUrl?: string | undefined;
  capacity: number;
  status?: string | undefined;
  /** It has begun: no longer changed or cancelled. */
  begun?: boolean;
  seats: Array<{
    employeeId: string;
    name: string;
    status: string;
    confirmation: string;
    movedBecause?: string;
  }>;
}

export interface PreviewView {
  included: Array<{ id: string; name: string; via: string[] }>;
  excluded: Array<{ id: string; name: string; reason: string }>;
}

export interface SelectionOptions {
  positions: Position[];
  units: Unit[];
  employees: Employee[];
  requests: Array<{ employeeId: string; name: string; topic: string; value: string }>;
}

export interface TrainingForms {
  /** The selection as typed (checkbox values by field). */
  selection?: Record<string, string[]>;
  preview?: PreviewView;
  assignError?: string;
  cancel?: FormState;
  /** The "add a session" form as typed, with its errors. */
  addSession?: FormState;
  /** One session's change or cancel form as typed, with its errors. */
  change?: { sessionId: string; form: FormState };
  cancelSession?: { sessionId: string; form: FormState };
  followUp?: FormState;
}

/** A session's fields (add or change), ids `${prefix}-${name}`. */
function SessionFields(props: { locale: Locale; prefix: string; form: FormState; required?: boolean }) {
  const s = texts[props.locale];
  const { form, prefix } = props;
  const fields: Array<[string, string, string, number?]> = [
    ["date", s.trDate, "date"],
    ["start", s.trStart, "time"],
    ["end", s.trEnd, "time"],
    ["place", s.trPlace, "text"],
    ["videoUrl", s.trVideo, "url"],
    ["capacity", s.trCapacity, "number", 1],
  ];
  return (
    <>
      {fields.map(([name, label, type, min]) => {
        const id = `${prefix}-${name}`;
        const error = form.errors[name];
        return (
          <>
            <label for={id}>{label}</label>
            <FieldError id={`${id}-error`} text={error} />
            <input
              type={type}
              id={id}
              name={name}
              value={form.values[name] ?? ""}
              required={props.required && ["date", "start", "end", "capacity"].includes(name)}
              min={min}
              max={type === "number" ? 1000 : undefined}
              maxlength={type === "text" ? 500 : undefined}
              aria-invalid={error ? "true" : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
          </>
        );
      })}
    </>
  );
}

/** A "yes, I am sure" box and its button: cancelling a session, calling a follow-up. */
function ConfirmForm(props: {
  locale: Locale;
  viewer: Viewer;
  action: string;
  id: string;
  button: string;
  danger?: boolean;
  form?: FormState | undefined;
  children?: unknown;
}) {
  const s = texts[props.locale];
  const error = props.form?.errors.confirm;
  return (
    <form method="post" action={props.action} aria-labelledby={`${props.id}-title`}>
      <CsrfField viewer={props.viewer} />
      {props.children as never}
      <FieldError id={`${props.id}-confirm-error`} text={error} />
      <div class="opt">
        <input
          type="checkbox"
          id={`${props.id}-confirm`}
          name="confirm"
          value="yes"
          required
          aria-describedby={[`${props.id}-help`, error ? `${props.id}-confirm-error` : ""]
            .filter(Boolean)
            .join(" ")}
          aria-invalid={error ? "true" : undefined}
        />
        <label class="choice" for={`${props.id}-confirm`}>
          {s.confirm}
        </label>
      </div>
      <button type="submit" class={props.danger ? "danger" : undefined}>
        {props.button}
      </button>
    </form>
  );
}

export function trainingPage(
  frame: Frame,
  data: {
    training: TrainingRecord;
    trainerName: string;
    sessions: SessionView[];
    names: Names;
    options?: SelectionOptions | undefined;
    forms?: TrainingForms | undefined;
    /** The training this one is the follow-up of, and its own follow-up training. */
    links?: {
      followUpOf?: { id: string; title: string } | undefined;
      followUpTraining?: { id: string; title: string } | undefined;
    };
  },
  notice?: string,
) {
  const { locale } = frame;
  const s = texts[locale];
  const { training, names } = data;
  const def = training.definition;
  const hr = frame.viewer.roles.includes("hr");
  const active = training.status === "active";
  const forms = data.forms ?? {};
  const sel = forms.selection ?? {};
  const picked = (k: string, value: string) => (sel[k] ?? []).includes(value);
  const attendanceOf = (employeeId: string, sessionId: string) =>
    training.attendance.find((a) => a.employeeId === employeeId && a.sessionId === sessionId)?.status;
  const title = def.title[locale];
  const unitName = (id: string) => data.options?.units.find((u) => u.id === id)?.name ?? id;
  const Check = (p: { name: string; value: string; label: string; id: string }) => (
    <div class="opt">
      <input type="checkbox" id={p.id} name={p.name} value={p.value} checked={picked(p.name, p.value)} />
      <label class="choice" for={p.id}>
        {p.label}
      </label>
    </div>
  );
  const SelectionFields = (p: { hidden: boolean }) =>
    p.hidden ? (
      <div>
        {Object.entries(sel).flatMap(([k, values]) =>
          values.map((value) => <input type="hidden" name={k} value={value} />),
        )}
      </div>
    ) : data.options ? (
      <>
        <fieldset>
          <legend>{s.trByPosition}</legend>
          {data.options.positions.map((x) => (
            <Check
              name="positionIds"
              value={x.id}
              id={`a-pos-${x.id}`}
              label={`${x.title} (${unitName(x.unitId)}; ${x.id})`}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>{s.trByUnit}</legend>
          {data.options.units.map((u) => (
            <Check
              name="unitIds"
              value={u.id}
              id={`a-unit-${u.id}`}
              label={u.parentUnitId ? `${u.name} (${unitName(u.parentUnitId)})` : u.name}
            />
          ))}
          <Check name="includeSubUnits" value="true" id="a-subunits" label={s.trSubUnits} />
        </fieldset>
        <fieldset>
          <legend>{s.trByPerson}</legend>
          {data.options.employees.map((e) => (
            <Check name="employeeIds" value={e.id} id={`a-emp-${e.id}`} label={e.name} />
          ))}
        </fieldset>
        <fieldset>
          <legend>{s.trByRequest}</legend>
          {data.options.requests.length === 0 ? (
            <p>{s.trNoRequests}</p>
          ) : (
            data.options.requests.map((r, i) => (
              <Check name="requests" value={r.value} id={`a-req-${i}`} label={`${r.name}: ${r.topic}`} />
            ))
          )}
        </fieldset>
      </>
    ) : null;
  return render(
    <ConsolePage frame={frame} title={title}>
      <h1>{title}</h1>
      <Notice text={notice} />
      {active ? null : <ErrorSummary locale={locale} messages={forms.cancel?.summary ?? []} />}
      <dl>
        <dt>{s.trTopic}</dt>
        <dd>{def.topic[locale]}</dd>
        <dt>{s.trKind}</dt>
        <dd>{s.trKinds[def.kind] ?? def.kind}</dd>
        <dt>{s.trTrainer}</dt>
        <dd>{data.trainerName}</dd>
        <dt>{s.trFollowUp}</dt>
        <dd>{ruleText(locale, def.followUp)}</dd>
        <dt>{s.status}</dt>
        <dd>{s.trStatus[training.status] ?? training.status}</dd>
        {data.links?.followUpOf ? (
          <>
            <dt>{s.trFollowUpOfHead}</dt>
            <dd>
              <a href={`/console/trainings/${data.links.followUpOf.id}`}>{data.links.followUpOf.title}</a>
            </dd>
          </>
        ) : null}
        {data.links?.followUpTraining ? (
          <>
            <dt>{s.trFollowUpTrainingHead}</dt>
            <dd>
              <a href={`/console/trainings/${data.links.followUpTraining.id}`}>
                {data.links.followUpTraining.title}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href="/console/trainings">{hr ? s.trTitle : s.trGiven}</a>
      </p>

      <h2 id="sessions">{s.trSessions}</h2>
      {data.sessions.length === 0 ? <p>{s.trNoSessions}</p> : null}
      {data.sessions.map((session, i) => (
        <section aria-labelledby={`session-${i}`}>
          <h3 id={`session-${i}`}>{`${s.trSession(i + 1)}: ${sessionTime(session, locale)}`}</h3>
          <dl>
            <dt>{s.trWhere}</dt>
            <dd>
              <Where place={session.place} videoUrl={session.videoUrl} />
            </dd>
            <dt>{s.trSeats}</dt>
            <dd>
              {s.trSeatsText(session.seats.filter((x) => x.status === "seated").length, session.capacity)}
            </dd>
          </dl>
          {session.seats.length === 0 ? (
            <p>{s.trNoParticipants}</p>
          ) : (
            <Table label={`${s.trParticipants}: ${s.trSession(i + 1)}`}>
              <thead>
                <tr>
                  <th scope="col">{s.person}</th>
                  <th scope="col">{s.status}</th>
                  <th scope="col">{s.trConfirmationHead}</th>
                  <th scope="col">{s.trAttendance}</th>
                </tr>
              </thead>
              <tbody>
                {session.seats.map((seat) => {
                  const att = attendanceOf(seat.employeeId, session.id);
                  return (
                    <tr>
                      <td>{seat.name}</td>
                      <td>
                        {s.trSeatStatus[seat.status] ?? seat.status}
                        {seat.movedBecause
                          ? ` (${s.trMovedBecause[seat.movedBecause] ?? seat.movedBecause})`
                          : ""}
                      </td>
                      <td>{s.trConfirmation[seat.confirmation] ?? seat.confirmation}</td>
                      <td>{att ? (s.trAttendanceStatus[att] ?? att) : s.trNotRecorded}</td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
          )}
          {hr && active && session.begun ? <p>{s.trBegun}</p> : null}
          {hr && active && !session.begun ? (
            <>
              <details open={forms.change?.sessionId === session.id ? true : undefined}>
                <summary id={`change-${session.id}-title`}>{s.trChangeSession}</summary>
                <p class="help" id={`change-${session.id}-help`}>
                  {s.trChangeHelp}
                </p>
                {forms.change?.sessionId === session.id ? (
                  <ErrorSummary locale={locale} messages={forms.change.form.summary} />
                ) : null}
                <form
                  method="post"
                  action={`/console/trainings/${training.id}/sessions/${session.id}`}
                  aria-labelledby={`change-${session.id}-title`}
                  aria-describedby={`change-${session.id}-help`}
                >
                  <CsrfField viewer={frame.viewer} />
                  <SessionFields
                    locale={locale}
                    prefix={`c-${session.id}`}
                    form={
                      forms.change?.sessionId === session.id
                        ? forms.change.form
                        : {
                            values: {
                              date: session.date,
                              start: session.start,
                              end: session.end,
                              place: session.place ?? "",
                              videoUrl: session.videoUrl ?? "",
                              capacity: String(session.capacity),
                            },
                            errors: {},
                            summary: [],
                          }
                    }
                  />
                  <p>
                    <button type="submit">{s.trSaveSession}</button>
                  </p>
                </form>
              </details>
              <details open={forms.cancelSession?.sessionId === session.id ? true : undefined}>
                <summary id={`cancel-${session.id}-title`}>{s.trCancelSession}</summary>
                <p class="help" id={`cancel-${session.id}-help`}>
                  {s.trCancelSessionHelp}
                </p>
                {forms.cancelSession?.sessionId === session.id ? (
                  <ErrorSummary locale={locale} messages={forms.cancelSession.form.summary} />
                ) : null}
                <ConfirmForm
                  locale={locale}
                  viewer={frame.viewer}
                  action={`/console/trainings/${training.id}/sessions/${session.id}/cancel`}
                  id={`cancel-${session.id}`}
                  button={s.trCancelSession}
                  danger
                  form={forms.cancelSession?.sessionId === session.id ? forms.cancelSession.form : undefined}
                />
              </details>
            </>
          ) : null}
        </section>
      ))}

      {hr && active ? (
        <section aria-labelledby="add-session">
          <h3 id="add-session">{s.trAddSession}</h3>
          <p class="help" id="add-session-help">
            {s.trAddSessionHelp}
          </p>
          <ErrorSummary locale={locale} messages={forms.addSession?.summary ?? []} />
          <form
            method="post"
            action={`/console/trainings/${training.id}/sessions`}
            aria-labelledby="add-session"
            aria-describedby="add-session-help"
          >
            <CsrfField viewer={frame.viewer} />
            <SessionFields
              locale={locale}
              prefix="n"
              required
              form={forms.addSession ?? { values: { capacity: "20" }, errors: {}, summary: [] }}
            />
            <p>
              <button type="submit">{s.trAddSession}</button>
            </p>
          </form>
        </section>
      ) : null}

      <h2 id="waiting">{s.trWaiting}</h2>
      {training.waitingList.length === 0 ? (
        <p>{s.trNoWaiting}</p>
      ) : (
        <ul>
          {training.waitingList.map((w) => (
            <li>{`${names(w.employeeId)}: ${s.trWaitingReasons[w.reason] ?? w.reason}`}</li>
          ))}
        </ul>
      )}

      <h2 id="follow-ups">{s.trFollowUps}</h2>
      {training.followUps.length === 0 ? (
        <p>{s.trNoFollowUps}</p>
      ) : (
        <Table label={s.trFollowUps}>
          <thead>
            <tr>
              <th scope="col">{s.person}</th>
              <th scope="col">{s.trBasedOn}</th>
              <th scope="col">{s.trDueOn}</th>
              <th scope="col">{s.trScheduledIn}</th>
            </tr>
          </thead>
          <tbody>
            {training.followUps.map((f) => (
              <tr>
                <td>{names(f.employeeId)}</td>
                <td>{d(f.basedOn, locale)}</td>
                <td>{d(f.dueOn, locale)}</td>
                <td>
                  {f.scheduledIn ? (
                    <a href={`/console/trainings/${f.scheduledIn}`}>{s.trOpenFollowUp}</a>
                  ) : (
                    s.none
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      {hr && active ? (
        <section aria-labelledby="assign">
          <h2 id="assign">{s.trAssign}</h2>
          <p id="assign-help">{s.trAssignHelp}</p>
          <Notice text={forms.assignError} kind="error" />
          {forms.preview ? (
            <section aria-labelledby="preview">
              <h3 id="preview">{s.trPreviewTitle}</h3>
              <p>{s.trPreviewIntro}</p>
              <h4>{s.trIncluded(forms.preview.included.length)}</h4>
              {forms.preview.included.length === 0 ? (
                <p>{s.trNobody}</p>
              ) : (
                <Table label={s.trIncluded(forms.preview.included.length)}>
                  <thead>
                    <tr>
                      <th scope="col">{s.person}</th>
                      <th scope="col">{s.trVia}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {forms.preview.included.map((p) => (
                      <tr>
                        <td>{p.name}</td>
                        <td>{p.via.map((k) => s.trViaKinds[k] ?? k).join(", ")}</td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              )}
              {forms.preview.excluded.length > 0 ? (
                <>
                  <h4>{s.trExcluded(forms.preview.excluded.length)}</h4>
                  <Table label={s.trExcluded(forms.preview.excluded.length)}>
                    <thead>
                      <tr>
                        <th scope="col">{s.person}</th>
                        <th scope="col">{s.reason}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {forms.preview.excluded.map((p) => (
                        <tr>
                          <td>{p.name}</td>
                          <td>{s.trExclusions[p.reason] ?? p.reason}</td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                </>
              ) : null}
              {forms.preview.included.length > 0 ? (
                <form method="post" action={`/console/trainings/${training.id}/assign`}>
                  <CsrfField viewer={frame.viewer} />
                  <SelectionFields hidden />
                  <button type="submit">{s.trSendInvites}</button>
                </form>
              ) : null}
            </section>
          ) : null}
          <form
            method="post"
            action={`/console/trainings/${training.id}/preview`}
            aria-describedby="assign-help"
          >
            <CsrfField viewer={frame.viewer} />
            <SelectionFields hidden={false} />
            <button type="submit" class={forms.preview ? "secondary" : undefined}>
              {s.trPreview}
            </button>
          </form>
        </section>
      ) : null}

      {hr && active ? (
        <section aria-labelledby="follow-up-call-title">
          <h2 id="follow-up-call-title">{s.trFollowUpCall}</h2>
          <p id="follow-up-call-help">{s.trFollowUpCallHelp}</p>
          <ErrorSummary locale={locale} messages={forms.followUp?.summary ?? []} />
          <ConfirmForm
            locale={locale}
            viewer={frame.viewer}
            action={`/console/trainings/${training.id}/follow-up`}
            id="follow-up-call"
            button={s.trFollowUpCallButton}
            form={forms.followUp}
          />
        </section>
      ) : null}

      {hr && active ? (
        <section aria-labelledby="cancel">
          <h2 id="cancel">{s.trCancel}</h2>
          <p id="cancel-help">{s.trCancelHelp}</p>
          <ErrorSummary locale={locale} messages={forms.cancel?.summary ?? []} />
          <form method="post" action={`/console/trainings/${training.id}/cancel`} aria-labelledby="cancel">
            <CsrfField viewer={frame.viewer} />
            <FieldError id="cancel-confirm-error" text={forms.cancel?.errors.confirm} />
            <div class="opt">
              <input
                type="checkbox"
                id="cancel-confirm"
                name="confirm"
                value="yes"
                required
                aria-describedby={["cancel-help", forms.cancel?.errors.confirm ? "cancel-confirm-error" : ""]
                  .filter(Boolean)
                  .join(" ")}
                aria-invalid={forms.cancel?.errors.confirm ? "true" : undefined}
              />
              <label class="choice" for="cancel-confirm">
                {s.confirm}
              </label>
            </div>
            <button type="submit" class="danger">
              {s.trCancel}
            </button>
          </form>
        </section>
      ) : null}
    </ConsolePage>,
  );
}

// --- history and compliance -----------------------------------------------------------------

export function historyPage(
  frame: Frame,
  data: { rows: HistoryRow[]; employees: Employee[]; employeeId?: string | undefined },
) {
  const { locale } = frame;
  const s = texts[locale];
  const csv = `/console/trainings/history.csv${data.employeeId ? `?employeeId=${encodeURIComponent(data.employeeId)}` : ""}`;
  return render(
    <ConsolePage frame={frame} title={s.trHistory}>
      <h1>{s.trHistory}</h1>
      <p>{s.trHistoryIntro}</p>
      <p>
        <a href="/console/trainings">{s.trTitle}</a>
      </p>
      <form method="get" action="/console/trainings/history">
        <label for="h-employeeId">{s.trFilterPerson}</label>
        <select id="h-employeeId" name="employeeId">
          <option value="">{s.trEveryone}</option>
          {[...data.employees]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((e) => (
              <option value={e.id} selected={data.employeeId === e.id}>
                {e.name}
              </option>
            ))}
        </select>
        <button type="submit">{s.trShow}</button>
      </form>
      <p>
        <a href={csv}>{s.trDownload}</a>
      </p>
      <HistoryTable locale={locale} rows={data.rows} withPerson />
    </ConsolePage>,
  );
}

export function HistoryTable(props: { locale: Locale; rows: HistoryRow[]; withPerson?: boolean }) {
  const { locale, rows } = props;
  const s = texts[locale];
  if (rows.length === 0) return <p>{s.trNoHistory}</p>;
  return (
    <Table label={s.trHistory}>
      <thead>
        <tr>
          {props.withPerson ? <th scope="col">{s.person}</th> : null}
          <th scope="col">{s.cycleTitle}</th>
          <th scope="col">{s.trDate}</th>
          <th scope="col">{s.trAttendance}</th>
          <th scope="col">{s.trHours}</th>
          <th scope="col">{s.trFollowUp}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            {props.withPerson ? <td>{r.employeeName}</td> : null}
            <td>{r.title[locale]}</td>
            <td>{`${d(r.date, locale)} ${r.start}–${r.end}`}</td>
            <td>{s.trAttendanceStatus[r.status] ?? r.status}</td>
            <td>{s.trHoursText(hoursText(r.hours, locale))}</td>
            <td class={r.followUpStatus === "overdue" ? "overdue" : undefined}>
              {s.trFollowUpStatus[r.followUpStatus] ?? r.followUpStatus}
              {r.followUpDueOn ? ` (${d(r.followUpDueOn, locale)})` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function compliancePage(frame: Frame, rows: ComplianceRow[]) {
  const { locale } = frame;
  const s = texts[locale];
  return render(
    <ConsolePage frame={frame} title={s.trCompliance}>
      <h1>{s.trCompliance}</h1>
      <p>{s.trComplianceIntro}</p>
      <p>
        <a href="/console/trainings">{s.trTitle}</a>
      </p>
      <p>
        <a href="/console/trainings/compliance.csv">{s.trDownload}</a>
      </p>
      {rows.length === 0 ? (
        <p>{s.trAllCompliant}</p>
      ) : (
        <Table label={s.trCompliance}>
          <thead>
            <tr>
              <th scope="col">{s.person}</th>
              <th scope="col">{s.cycleTitle}</th>
              <th scope="col">{s.status}</th>
              <th scope="col">{s.trLastDone}</th>
              <th scope="col">{s.trDueOn}</th>
              <th scope="col">{s.trDaysOverdue}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{r.employeeName}</td>
                <td>{r.title[locale]}</td>
                <td>{s.trComplianceStatus[r.status] ?? r.status}</td>
                <td>{r.lastCompletedOn ? d(r.lastCompletedOn, locale) : s.none}</td>
                <td>{r.dueOn ? d(r.dueOn, locale) : s.none}</td>
                <td>{r.daysOverdue}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </ConsolePage>,
  );
}

// --- my trainings ---------------------------------------------------------------------------

export interface UpcomingSeat extends TrainingSeatView {
  trainerName: string;
  links?: { confirm: string; ics: string } | undefined;
}

export function myTrainingsPage(frame: Frame, data: { upcoming: UpcomingSeat[]; history: HistoryRow[] }) {
  const { locale } = frame;
  const s = texts[locale];
  const due = data.history.filter(
    (r, i, all) => r.followUpDueOn && all.findIndex((x) => x.trainingId === r.trainingId) === i,
  );
  return render(
    <ConsolePage frame={frame} title={s.trMine}>
      <h1>{s.trMine}</h1>
      <p>{s.trMyIntro}</p>
      <h2 id="upcoming">{s.trUpcoming}</h2>
      {data.upcoming.length === 0 ? (
        <p>{s.trNoUpcoming}</p>
      ) : (
        <Table label={s.trUpcoming}>
          <thead>
            <tr>
              <th scope="col">{s.cycleTitle}</th>
              <th scope="col">{s.trWhen}</th>
              <th scope="col">{s.trWhere}</th>
              <th scope="col">{s.trTrainer}</th>
              <th scope="col">{s.status}</th>
              <th scope="col">{s.actions}</th>
            </tr>
          </thead>
          <tbody>
            {data.upcoming.map((u) => (
              <tr>
                <td>{u.title[locale]}</td>
                <td>{sessionTime(u.session, locale)}</td>
                <td>
                  <Where place={u.session.place} videoUrl={u.session.videoUrl} />
                </td>
                <td>{u.trainerName}</td>
                <td>{s.trConfirmation[u.seat.confirmation] ?? u.seat.confirmation}</td>
                <td>
                  {u.links ? (
                    <>
                      <a href={u.links.confirm}>{s.trAnswer}</a>
                      <br />
                      <a href={u.links.ics}>{s.trCalendar}</a>
                    </>
                  ) : (
                    s.none
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <h2 id="history">{s.trHistory}</h2>
      <HistoryTable locale={locale} rows={data.history} />
      <h2 id="follow-ups">{s.trFollowUps}</h2>
      {due.length === 0 ? (
        <p>{s.trNoFollowUps}</p>
      ) : (
        <ul>
          {due.map((r) => (
            <li class={r.followUpStatus === "overdue" ? "overdue" : undefined}>
              {`${r.title[locale]}: ${d(r.followUpDueOn, locale)} (${s.trFollowUpStatus[r.followUpStatus] ?? r.followUpStatus})`}
            </li>
          ))}
        </ul>
      )}
    </ConsolePage>,
  );
}
