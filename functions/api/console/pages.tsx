// The console's pages. Each takes what it shows, already read and named; none reads a store.
import { answerIssues, answerMessage } from "../../core/forms";
import { formatDate, formatDateTime, type Locale } from "../../core/i18n";
import type { Absence, Employee } from "../../core/model";
import { CaseContext, FormFields } from "../pages/form-fields";
import type { CaseView, TaskContext, TaskView, TimerView } from "./data";
import { ConsolePage, CsrfField, type PageFrame, render, type Viewer } from "./layout";
import { AbsenceImport, type CsvImportState, OverdueChart, type UnitCount } from "./pages-more";
import { Notice, Table } from "./parts";
import { texts } from "./text";

type Names = (id: string | undefined) => string;

const d = (iso: string | undefined, locale: Locale) => (iso ? formatDate(iso, locale) : "");

// --- start page (local: the sign-in chooser plus the developer menu) -------------------------

export function startPage(
  frame: PageFrame,
  options: { people?: Employee[]; oidc: boolean; dev: boolean; notice?: string },
) {
  const s = texts[frame.locale];
  return render(
    <ConsolePage frame={frame} title={s.signInTitle}>
      <h1>{s.signInTitle}</h1>
      <Notice text={options.notice} kind="error" />
      {options.people ? (
        <>
          <p>{s.signInLocal}</p>
          {options.people.length === 0 ? <p>{s.noPeople}</p> : null}
          <ul class="people">
            {options.people.map((p) => (
              <li>
                <strong>{p.name}</strong>
                <br />
                <span class="tag">{p.roles.map((r) => s.roles[r] ?? r).join(", ")}</span>
                <form method="post" action="/console/dev-sign-in">
                  <input type="hidden" name="employeeId" value={p.id} />
                  <button type="submit">{s.signInAs(p.name)}</button>
                </form>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p>{options.oidc ? s.signInAws : s.notConfigured}</p>
          {options.oidc ? (
            <p>
              <a class="button" href="/console/login">
                {s.signInOidc}
              </a>
            </p>
          ) : null}
        </>
      )}
      {options.dev ? (
        <section class="dev" aria-labelledby="dev-menu">
          <h2 id="dev-menu">{s.devMenu}</h2>
          <p>{s.devMenuNote}</p>
          <ul>
            <li>
              <a href="/dev/">{s.devStart}</a>
            </li>
            <li>
              <a href="/dev/outbox">{s.devOutbox}</a>
            </li>
            <li>
              <a href="/dev/sign-in">{s.devSignIn}</a>
            </li>
            <li>
              <a href="/api/docs">{s.devApi}</a>
            </li>
          </ul>
        </section>
      ) : null}
    </ConsolePage>,
  );
}

// --- tasks ----------------------------------------------------------------------------------

function HolderCell(props: { locale: Locale; task: TaskView; names: Names }) {
  const s = texts[props.locale];
  const { task } = props;
  return (
    <>
      {props.names(task.assigneeId)}
      {task.onBehalfOfId ? (
        <>
          <br />
          <span class="tag">{s.forWhom(props.names(task.onBehalfOfId))}</span>
        </>
      ) : null}
    </>
  );
}

function DueCell(props: { locale: Locale; task: TaskView; today: string }) {
  const s = texts[props.locale];
  const overdue = props.task.status === "open" && props.task.dueDate < props.today;
  return (
    <>
      {d(props.task.dueDate, props.locale)}
      {overdue ? <span class="overdue"> ({s.overdueMark})</span> : null}
    </>
  );
}

/** HR's button that mails a fresh link to the task's holder; comes back to `back`. */
function ReissueButton(props: { locale: Locale; viewer: Viewer; task: TaskView; back: string }) {
  const s = texts[props.locale];
  return (
    <form method="post" action={`/console/tasks/${props.task.id}/reissue-link`}>
      <CsrfField viewer={props.viewer} />
      <input type="hidden" name="back" value={props.back} />
      <button type="submit" class="secondary" aria-label={`${s.reissue}: ${props.task.title[props.locale]}`}>
        {s.reissue}
      </button>
    </form>
  );
}

export function myTasksPage(
  frame: PageFrame & { viewer: Viewer },
  tasks: TaskView[],
  names: Names,
  today: string,
  notice?: string,
) {
  const { locale } = frame;
  const s = texts[locale];
  return render(
    <ConsolePage frame={frame} title={s.myTasksTitle}>
      <h1>{s.myTasksTitle}</h1>
      <Notice text={notice} />
      {tasks.length === 0 ? (
        <p>{s.noMyTasks}</p>
      ) : (
        <Table label={s.myTasksTitle}>
          <thead>
            <tr>
              <th scope="col">{s.task}</th>
              <th scope="col">{s.about}</th>
              <th scope="col">{s.due}</th>
              <th scope="col">{s.actions}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((t) => (
              <tr>
                <td>
                  {t.title[locale]}
                  {t.onBehalfOfId ? (
                    <>
                      <br />
                      <span class="tag">
                        {s.forWhom(names(t.onBehalfOfId))}
                        {t.delegatedUntil ? `, ${s.until(d(t.delegatedUntil, locale))}` : ""}
                      </span>
                    </>
                  ) : null}
                </td>
                <td>{names(t.subjectId)}</td>
                <td>
                  <DueCell locale={locale} task={t} today={today} />
                </td>
                <td>
                  <a href={`/console/tasks/${t.id}`}>
                    {s.openTask}
                    <span class="sr-only">{`: ${t.title[locale]}, ${names(t.subjectId)}`}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </ConsolePage>,
  );
}

export interface TaskFormErrors {
  summary: string[];
  byField: Record<string, string>;
}

/** What is wrong with a refused completion, in the page's language, from the form's own checks. */
export function taskFormErrors(
  locale: Locale,
  task: TaskView,
  body: Record<string, unknown>,
): TaskFormErrors {
  const issues = answerIssues(task.kind as never, body, task.form);
  if (issues.length === 0) return { summary: [texts[locale].notSaved], byField: {} };
  const messages = issues.map((issue) => [issue.field, answerMessage(task.form, issue, locale)] as const);
  return { summary: messages.map(([, m]) => m), byField: Object.fromEntries(messages) };
}

export function taskPage(
  frame: PageFrame & { viewer: Viewer },
  task: TaskView,
  names: Names,
  options: {
    values?: Record<string, unknown>;
    errors?: TaskFormErrors;
    mayComplete: boolean;
    message?: string;
    /** Earlier answers the holder needs (both assessments beside the meeting's form). */
    context?: TaskContext;
  },
) {
  const { locale } = frame;
  const s = texts[locale];
  const title = task.title[locale];
  return render(
    <ConsolePage frame={frame} title={title}>
      <h1>{title}</h1>
      <dl>
        <dt>{s.about}</dt>
        <dd>{names(task.subjectId)}</dd>
        <dt>{s.due}</dt>
        <dd>{d(task.dueDate, locale)}</dd>
        <dt>{s.holder}</dt>
        <dd>
          <HolderCell locale={locale} task={task} names={names} />
        </dd>
        <dt>{s.status}</dt>
        <dd>{s.taskStatus[task.status] ?? task.status}</dd>
      </dl>
      <p>{task.form.intro[locale]}</p>
      <CaseContext locale={locale} label={s.context} entries={options.context} />
      <Notice text={options.message} kind="error" />
      {options.errors?.summary.length ? (
        <div class="error" role="alert">
          <p>{s.fix}</p>
          <ul>
            {options.errors.summary.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {task.status !== "open" ? (
        <p>{s.taskClosed}</p>
      ) : !options.mayComplete ? (
        <p>{s.notYours}</p>
      ) : (
        <form method="post" action={`/console/tasks/${task.id}`}>
          <CsrfField viewer={frame.viewer} />
          <FormFields
            locale={locale}
            fields={task.form.fields}
            values={options.values}
            errors={options.errors?.byField}
            required={s.required}
          />
          <p>
            <button type="submit">{s.submit}</button>
          </p>
        </form>
      )}
    </ConsolePage>,
  );
}

/** A task's case page: a review's, or a probation's timeline. */
const caseHref = (t: TaskView) =>
  t.kind.startsWith("review.") ? `/console/reviews/${t.caseId}` : `/console/probations/${t.caseId}`;

// --- HR dashboard ---------------------------------------------------------------------------

export interface AbsentToday {
  absence: Absence;
  personName: string;
  /** Who holds their tasks now, when they lead someone. */
  actingName?: string;
}

export function dashboardPage(
  frame: PageFrame & { viewer: Viewer },
  data: {
    openTasks: TaskView[];
    endingSoon: CaseView[];
    absentToday: AbsentToday[];
    today: string;
    byUnit: UnitCount[];
    /** Review cycles in progress, with how many of their conversations are completed. */
    cycles?: Array<{
      id: string;
      title: Record<Locale, string>;
      deadline: string;
      completed: number;
      total: number;
    }>;
  },
  names: Names,
  notice?: string,
) {
  const { locale } = frame;
  const s = texts[locale];
  const overdue = data.openTasks.filter((t) => t.dueDate < data.today).length;
  return render(
    <ConsolePage frame={frame} title={s.dashboardTitle}>
      <h1>{s.dashboardTitle}</h1>
      <Notice text={notice} />
      <h2>{s.openTasks}</h2>
      <p>{s.openCount(data.openTasks.length, overdue)}</p>
      {data.openTasks.length > 0 ? (
        <>
          <h3>{s.overdueByUnit}</h3>
          <OverdueChart locale={locale} rows={data.byUnit} />
        </>
      ) : null}
      {data.openTasks.length === 0 ? (
        <p>{s.noOpenTasks}</p>
      ) : (
        <Table label={s.openTasks}>
          <thead>
            <tr>
              <th scope="col">{s.task}</th>
              <th scope="col">{s.person}</th>
              <th scope="col">{s.holder}</th>
              <th scope="col">{s.due}</th>
              <th scope="col">{s.actions}</th>
            </tr>
          </thead>
          <tbody>
            {data.openTasks.map((t) => (
              <tr>
                <td>{t.caseId ? <a href={caseHref(t)}>{t.title[locale]}</a> : t.title[locale]}</td>
                <td>{names(t.subjectId)}</td>
                <td>
                  <HolderCell locale={locale} task={t} names={names} />
                </td>
                <td>
                  <DueCell locale={locale} task={t} today={data.today} />
                </td>
                <td>
                  <ReissueButton locale={locale} viewer={frame.viewer} task={t} back="/console/dashboard" />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {data.cycles?.length ? (
        <>
          <h2>{s.cyclesInProgress}</h2>
          <Table label={s.cyclesInProgress}>
            <thead>
              <tr>
                <th scope="col">{s.cycleTitle}</th>
                <th scope="col">{s.deadline}</th>
                <th scope="col">{s.completion}</th>
              </tr>
            </thead>
            <tbody>
              {data.cycles.map((x) => (
                <tr>
                  <td>
                    <a href={`/console/cycles/${x.id}`}>{x.title[locale]}</a>
                  </td>
                  <td>{d(x.deadline, locale)}</td>
                  <td>
                    <progress max={Math.max(x.total, 1)} value={x.completed} aria-label={x.title[locale]} />{" "}
                    {`${x.completed} / ${x.total}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : null}
      <h2>{s.endingSoon}</h2>
      {data.endingSoon.length === 0 ? (
        <p>{s.noEndingSoon}</p>
      ) : (
        <CaseTable locale={locale} cases={data.endingSoon} names={names} label={s.endingSoon} />
      )}
      <h2>{s.absentToday}</h2>
      {data.absentToday.length === 0 ? (
        <p>{s.noAbsentToday}</p>
      ) : (
        <Table label={s.absentToday}>
          <thead>
            <tr>
              <th scope="col">{s.person}</th>
              <th scope="col">{s.type}</th>
              <th scope="col">{s.to}</th>
              <th scope="col">{s.actsFor}</th>
            </tr>
          </thead>
          <tbody>
            {data.absentToday.map((a) => (
              <tr>
                <td>
                  <a href={`/console/people/${a.absence.employeeId}`}>{a.personName}</a>
                </td>
                <td>{s.absenceTypes[a.absence.type] ?? a.absence.type}</td>
                <td>{a.absence.to ? d(a.absence.to, locale) : s.openEnded}</td>
                <td>{a.actingName ?? s.none}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </ConsolePage>,
  );
}

// --- probations -----------------------------------------------------------------------------

const outcomeText = (locale: Locale, c: CaseView) => {
  const s = texts[locale];
  if (!c.outcome) return s.noOutcome;
  return [
    s.decisions[c.outcome.decision] ?? c.outcome.decision,
    c.outcome.decidedOn ? d(c.outcome.decidedOn, locale) : "",
    c.outcome.missedTasks.length ? s.missed(c.outcome.missedTasks.length) : "",
  ]
    .filter(Boolean)
    .join("; ");
};

function CaseTable(props: { locale: Locale; cases: CaseView[]; names: Names; label: string }) {
  const { locale } = props;
  const s = texts[locale];
  return (
    <Table label={props.label}>
      <thead>
        <tr>
          <th scope="col">{s.person}</th>
          <th scope="col">{s.start}</th>
          <th scope="col">{s.lastDay}</th>
          <th scope="col">{s.status}</th>
          <th scope="col">{s.outcome}</th>
        </tr>
      </thead>
      <tbody>
        {props.cases.map((c) => (
          <tr>
            <td>
              <a href={`/console/probations/${c.id}`}>{props.names(c.subjectId)}</a>
            </td>
            <td>{d(c.startDate, locale)}</td>
            <td>{d(c.endDate, locale)}</td>
            <td>{s.caseStatus[c.status] ?? c.status}</td>
            <td>{outcomeText(locale, c)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function probationsPage(frame: PageFrame & { viewer: Viewer }, cases: CaseView[], names: Names) {
  const s = texts[frame.locale];
  return render(
    <ConsolePage frame={frame} title={s.probationsTitle}>
      <h1>{s.probationsTitle}</h1>
      {cases.length === 0 ? (
        <p>{s.noProbations}</p>
      ) : (
        <CaseTable locale={frame.locale} cases={cases} names={names} label={s.probationsTitle} />
      )}
    </ConsolePage>,
  );
}

interface TimelineEvent {
  at: string;
  text: string;
  /** A date still ahead. */
  future: boolean;
}

export function timelinePage(
  frame: PageFrame & { viewer: Viewer },
  data: { case: CaseView; tasks: TaskView[]; timers: TimerView[]; absences: Absence[]; today: string },
  names: Names,
  notice?: string,
) {
  const { locale } = frame;
  const s = texts[locale];
  const c = data.case;
  const name = names(c.subjectId);
  const isHr = frame.viewer.roles.includes("hr");
  const events: TimelineEvent[] = [];
  const add = (at: string, text: string) => events.push({ at, text, future: at.slice(0, 10) > data.today });
  add(c.startDate, s.evStart);
  for (const a of data.absences)
    add(a.from, s.evAbsence(s.absenceTypes[a.type] ?? a.type, a.to ? d(a.to, locale) : s.openEnded));
  for (const t of data.tasks) {
    const title = t.title[locale];
    add(t.createdAt, s.evTaskOpened(title));
    if (t.status === "completed" && t.completedAt)
      add(t.completedAt, s.evTaskDone(title, t.completedByName ?? names(t.completedById)));
    else if (t.status === "lapsed") add(t.lapsedAt ?? t.dueDate, s.evTaskLapsed(title));
    else if (t.status === "cancelled") add(t.dueDate, s.evTaskCancelled(title));
    else add(t.dueDate, s.evTaskDue(title, names(t.assigneeId)));
  }
  for (const t of data.timers)
    add(t.dueAt, s.evTimer(s.timerPurpose[t.purpose] ?? t.purpose, s.timerStatus[t.status] ?? t.status));
  if (c.extensionDays > 0) add(c.baseEndDate, s.evBaseEnd);
  add(c.endDate, s.evEnd);
  if (c.outcome) add(c.outcome.decidedOn ?? c.endDate, s.evOutcome(outcomeText(locale, c)));
  events.sort((a, b) => a.at.localeCompare(b.at));
  const when = (at: string) => (at.length > 10 ? formatDateTime(at, locale) : d(at, locale));
  return render(
    <ConsolePage frame={frame} title={s.timelineTitle(name)}>
      <h1>{s.timelineTitle(name)}</h1>
      <Notice text={notice} />
      <dl>
        <dt>{s.person}</dt>
        <dd>
          <a href={`/console/people/${c.subjectId}`}>{name}</a>
        </dd>
        <dt>{s.regime}</dt>
        <dd>{s.regimes[c.regime] ?? c.regime}</dd>
        <dt>{s.start}</dt>
        <dd>{d(c.startDate, locale)}</dd>
        {c.extensionDays > 0 ? (
          <>
            <dt>{s.baseEnd}</dt>
            <dd>{d(c.baseEndDate, locale)}</dd>
          </>
        ) : null}
        <dt>{s.lastDay}</dt>
        <dd>{d(c.endDate, locale)}</dd>
        <dt>{s.extension}</dt>
        <dd>{s.days(c.extensionDays)}</dd>
        <dt>{s.status}</dt>
        <dd>{s.caseStatus[c.status] ?? c.status}</dd>
        <dt>{s.outcome}</dt>
        <dd>{outcomeText(locale, c)}</dd>
      </dl>
      {isHr ? (
        <p>
          <a href={`/console/audit/case/${c.id}`}>{`${s.audit}: ${s.probation.toLowerCase()}`}</a>
        </p>
      ) : null}
      <h2>{s.events}</h2>
      <ol class="timeline">
        {events.map((e) => (
          <li>
            <strong>{when(e.at)}</strong>: {e.text}
          </li>
        ))}
      </ol>
      <h2>{s.tasks}</h2>
      <Table label={s.tasks}>
        <thead>
          <tr>
            <th scope="col">{s.task}</th>
            <th scope="col">{s.status}</th>
            <th scope="col">{s.due}</th>
            <th scope="col">{s.holder}</th>
            {isHr ? <th scope="col">{s.actions}</th> : null}
          </tr>
        </thead>
        <tbody>
          {data.tasks.map((t) => (
            <tr>
              <td>{t.title[locale]}</td>
              <td>{s.taskStatus[t.status] ?? t.status}</td>
              <td>
                <DueCell locale={locale} task={t} today={data.today} />
              </td>
              <td>
                {t.status === "completed" ? (
                  (t.completedByName ?? names(t.completedById))
                ) : (
                  <HolderCell locale={locale} task={t} names={names} />
                )}
              </td>
              {isHr ? (
                <td>
                  {t.status === "open" ? (
                    <ReissueButton
                      locale={locale}
                      viewer={frame.viewer}
                      task={t}
                      back={`/console/probations/${c.id}`}
                    />
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
    </ConsolePage>,
  );
}

// --- absences -------------------------------------------------------------------------------

export interface AbsenceForm {
  values: Record<string, string>;
  errors: Record<string, string>;
  summary: string[];
}

export function absencesPage(
  frame: PageFrame & { viewer: Viewer },
  data: {
    absences: Absence[];
    people: Employee[];
    form?: AbsenceForm;
    csv?: CsvImportState;
    today: string;
  },
  names: Names,
  notice?: string,
) {
  const { locale } = frame;
  const s = texts[locale];
  const form = data.form ?? { values: {}, errors: {}, summary: [] };
  const v = (k: string) => form.values[k] ?? "";
  const err = (k: string) =>
    form.errors[k] ? (
      <p class="field-error" id={`a-${k}-error`}>
        {form.errors[k]}
      </p>
    ) : null;
  const described = (k: string) => (form.errors[k] ? `a-${k}-error` : undefined);
  const invalid = (k: string) => (form.errors[k] ? "true" : undefined);
  return render(
    <ConsolePage frame={frame} title={s.absencesTitle}>
      <h1>{s.absencesTitle}</h1>
      <Notice text={notice} />
      <h2>{s.upcoming}</h2>
      {data.absences.length === 0 ? (
        <p>{s.noAbsences}</p>
      ) : (
        <Table label={s.upcoming}>
          <thead>
            <tr>
              <th scope="col">{s.person}</th>
              <th scope="col">{s.type}</th>
              <th scope="col">{s.from}</th>
              <th scope="col">{s.to}</th>
              <th scope="col">{s.note}</th>
            </tr>
          </thead>
          <tbody>
            {data.absences.map((a) => (
              <tr>
                <td>
                  <a href={`/console/people/${a.employeeId}`}>{names(a.employeeId)}</a>
                </td>
                <td>{s.absenceTypes[a.type] ?? a.type}</td>
                <td>{d(a.from, locale)}</td>
                <td>{a.to ? d(a.to, locale) : s.openEnded}</td>
                <td>{a.note ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <h2 id="add">{s.addAbsence}</h2>
      {form.summary.length ? (
        <div class="error" role="alert">
          <p>{s.fix}</p>
          <ul>
            {form.summary.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action="/console/absences" aria-labelledby="add">
        <CsrfField viewer={frame.viewer} />
        <label for="a-employeeId">{s.person}</label>
        {err("employeeId")}
        <select
          id="a-employeeId"
          name="employeeId"
          required
          aria-invalid={invalid("employeeId")}
          aria-describedby={described("employeeId")}
        >
          <option value="">{s.choose}</option>
          {data.people.map((p) => (
            <option value={p.id} selected={v("employeeId") === p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <label for="a-type">{s.type}</label>
        {err("type")}
        <select
          id="a-type"
          name="type"
          required
          aria-invalid={invalid("type")}
          aria-describedby={described("type")}
        >
          {Object.entries(s.absenceTypes).map(([value, label]) => (
            <option value={value} selected={v("type") === value}>
              {label}
            </option>
          ))}
        </select>
        <label for="a-from">{s.from}</label>
        {err("from")}
        <input
          type="date"
          id="a-from"
          name="from"
          required
          value={v("from")}
          aria-invalid={invalid("from")}
          aria-describedby={described("from")}
        />
        <label for="a-to">
          {s.to} <span class="help">{s.toHelp}</span>
        </label>
        {err("to")}
        <input
          type="date"
          id="a-to"
          name="to"
          value={v("to")}
          aria-invalid={invalid("to")}
          aria-describedby={described("to")}
        />
        <label for="a-note">{s.note}</label>
        {err("note")}
        <input type="text" id="a-note" name="note" maxlength={500} value={v("note")} />
        <p>
          <button type="submit">{s.add}</button>
        </p>
      </form>
      <AbsenceImport locale={locale} viewer={frame.viewer} state={data.csv} />
    </ConsolePage>,
  );
}

// --- a person's record ----------------------------------------------------------------------

export function personPage(
  frame: PageFrame & { viewer: Viewer },
  data: {
    person: Employee;
    positionTitle?: string;
    unitName?: string;
    absences: Absence[];
    cases: CaseView[];
  },
  names: Names,
) {
  const { locale } = frame;
  const s = texts[locale];
  const p = data.person;
  return render(
    <ConsolePage frame={frame} title={p.name}>
      <h1>{p.name}</h1>
      <dl>
        <dt>{s.position}</dt>
        <dd>{data.positionTitle ?? s.none}</dd>
        <dt>{s.unit}</dt>
        <dd>{data.unitName ?? s.none}</dd>
        <dt>{s.email}</dt>
        <dd>{p.email}</dd>
      </dl>
      {frame.viewer.roles.includes("hr") ? (
        <p>
          <a href={`/console/audit/employee/${p.id}`}>{`${s.audit}: ${p.name}`}</a>
          {p.positionId ? (
            <>
              {" · "}
              <a href={`/console/positions/${p.positionId}`}>{data.positionTitle ?? s.position}</a>
            </>
          ) : null}
        </p>
      ) : null}
      <h2>{s.probations}</h2>
      {data.cases.length === 0 ? (
        <p>{s.noProbations}</p>
      ) : (
        <CaseTable locale={locale} cases={data.cases} names={names} label={s.probations} />
      )}
      <h2>{s.absences}</h2>
      {data.absences.length === 0 ? (
        <p>{s.noAbsences}</p>
      ) : (
        <ul>
          {data.absences.map((a) => (
            <li>
              {s.absenceTypes[a.type] ?? a.type}: {d(a.from, locale)} – {a.to ? d(a.to, locale) : s.openEnded}
            </li>
          ))}
        </ul>
      )}
    </ConsolePage>,
  );
}
