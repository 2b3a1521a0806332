// The info-session pages: a lead's "info sessions" (the unit's coming sessions with their cancel
// forms, and the schedule form for a single session or a series), and the summaries' archive with
// one summary's page for the unit's staff and the department's leads. Like pages.tsx: each takes
// what it shows, already read and named; none reads a store.
import { formatDate, type Locale } from "../../core/i18n";
import type { LocalisedText } from "../../core/trainings/training";
import { ConsolePage, CsrfField, type PageFrame, render, type Viewer } from "./layout";
import type { FormState } from "./pages-more";
import { ErrorSummary, FieldError, Notice } from "./parts";
import { texts } from "./text";

type Frame = PageFrame & { viewer: Viewer };

const d = (iso: string, locale: Locale) => formatDate(iso, locale);

/** The weekdays of the series form, in the order of an RRULE's BYDAY. */
export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

const Where = (props: { place?: string | undefined; videoUrl?: string | undefined }) => (
  <>
    {props.place ?? ""}
    {props.place && props.videoUrl ? <br /> : null}
    {props.videoUrl ? <a href={props.videoUrl}>{props.videoUrl}</a> : null}
  </>
);

export interface InfoSessionRow {
  caseId: string;
  title: LocalisedText;
  leadId: string;
  date: string;
  start: string;
  end: string;
  place?: string | undefined;
  videoUrl?: string | undefined;
  summaryBusinessDays: number;
  invited: number;
  laterInSeries: number;
}

export interface InfoSessionForms {
  schedule?: FormState;
  /** A session's cancel form as sent, with its error. */
  cancel?: { caseId: string; form: FormState };
}

export function infoSessionsPage(
  frame: Frame,
  data: {
    unitName?: string | undefined;
    sessions: InfoSessionRow[];
    forms?: InfoSessionForms | undefined;
    /** Dates the series just scheduled skipped for public holidays. */
    skipped?: string[];
  },
  notice?: string,
) {
  const { locale } = frame;
  const s = texts[locale];
  const forms = data.forms ?? {};
  const form: FormState = forms.schedule ?? {
    values: { kind: "single", interval: "1", duration: "60", dueDays: "2" },
    errors: {},
    summary: [],
  };
  const v = (k: string) => form.values[k] ?? "";
  const err = (k: string) => form.errors[k];
  const describedBy = (k: string, help?: boolean) =>
    [help ? `i-${k}-help` : "", err(k) ? `i-${k}-error` : ""].filter(Boolean).join(" ") || undefined;
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
      <label for={`i-${p.name}`}>{p.label}</label>
      {p.help ? (
        <div class="help" id={`i-${p.name}-help`}>
          {p.help}
        </div>
      ) : null}
      <FieldError id={`i-${p.name}-error`} text={err(p.name)} />
      <input
        type={p.type ?? "text"}
        id={`i-${p.name}`}
        name={p.name}
        value={v(p.name)}
        required={p.required}
        min={p.min}
        max={p.max}
        maxlength={!p.type || p.type === "text" ? 1000 : undefined}
        aria-invalid={err(p.name) ? "true" : undefined}
        aria-describedby={describedBy(p.name, !!p.help)}
      />
    </>
  );
  const chosenDays = v("weekdays").split(",").filter(Boolean);
  return render(
    <ConsolePage frame={frame} title={s.isTitle}>
      <h1>{s.isTitle}</h1>
      <p>{s.isIntro}</p>
      <Notice text={notice} />
      {data.skipped?.length ? (
        <p role="status">{s.isSkipped(data.skipped.map((x) => d(x, locale)).join(", "))}</p>
      ) : null}
      {forms.cancel && !data.sessions.some((row) => row.caseId === forms.cancel?.caseId) ? (
        // The session is no longer listed (cancelled or over meanwhile): said at the top.
        <ErrorSummary locale={locale} messages={forms.cancel.form.summary} />
      ) : null}
      {data.unitName ? (
        <dl>
          <dt>{s.isUnit}</dt>
          <dd>{data.unitName}</dd>
        </dl>
      ) : (
        <p class="error">{s.isNoUnit}</p>
      )}
      <p>
        <a href="/console/info-summaries">{s.isSummaries}</a>
      </p>

      <h2 id="upcoming">{s.isUpcoming}</h2>
      {data.sessions.length === 0 ? <p>{s.isNoUpcoming}</p> : null}
      {data.sessions.map((row) => {
        const own = row.leadId === frame.viewer.employeeId;
        const cancel = forms.cancel?.caseId === row.caseId ? forms.cancel.form : undefined;
        const id = `c-${row.caseId}`;
        return (
          <section aria-labelledby={`${id}-title`}>
            <h3
              id={`${id}-title`}
            >{`${row.title[locale]}: ${d(row.date, locale)} ${row.start}–${row.end}`}</h3>
            <dl>
              <dt>{s.isWhere}</dt>
              <dd>
                <Where place={row.place} videoUrl={row.videoUrl} />
              </dd>
              <dt>{s.isInvited}</dt>
              <dd>{row.invited}</dd>
              <dt>{s.isSummaryDue}</dt>
              <dd>
                {s.isDaysAfter(row.summaryBusinessDays)}
                {row.laterInSeries > 0 ? ` (${s.isLaterInSeries(row.laterInSeries)})` : ""}
              </dd>
            </dl>
            {own ? (
              <details open={cancel ? true : undefined}>
                <summary>{s.isCancel}</summary>
                <p class="help" id={`${id}-help`}>
                  {s.isCancelHelp}
                </p>
                <ErrorSummary locale={locale} messages={cancel?.summary ?? []} />
                <form
                  method="post"
                  action={`/console/info-sessions/${row.caseId}/cancel`}
                  aria-labelledby={`${id}-title`}
                  aria-describedby={`${id}-help`}
                >
                  <CsrfField viewer={frame.viewer} />
                  {row.laterInSeries > 0 ? (
                    <fieldset>
                      <legend>{s.isCancel}</legend>
                      {(["session", "series"] as const).map((k) => (
                        <div class="opt">
                          <input
                            type="radio"
                            id={`${id}-scope-${k}`}
                            name="scope"
                            value={k}
                            checked={(cancel?.values.scope || "session") === k}
                          />
                          <label class="choice" for={`${id}-scope-${k}`}>
                            {s.isScopes[k]}
                          </label>
                        </div>
                      ))}
                    </fieldset>
                  ) : null}
                  <FieldError id={`${id}-confirm-error`} text={cancel?.errors.confirm} />
                  <div class="opt">
                    <input
                      type="checkbox"
                      id={`${id}-confirm`}
                      name="confirm"
                      value="yes"
                      required
                      aria-invalid={cancel?.errors.confirm ? "true" : undefined}
                      aria-describedby={cancel?.errors.confirm ? `${id}-confirm-error` : undefined}
                    />
                    <label class="choice" for={`${id}-confirm`}>
                      {s.confirm}
                    </label>
                  </div>
                  <button type="submit" class="danger">
                    {s.isCancelButton}
                  </button>
                </form>
              </details>
            ) : null}
          </section>
        );
      })}

      {data.unitName ? (
        <section aria-labelledby="schedule">
          <h2 id="schedule">{s.isSchedule}</h2>
          <p class="help" id="schedule-help">
            {s.isScheduleHelp}
          </p>
          <ErrorSummary locale={locale} messages={form.summary} />
          <form
            method="post"
            action="/console/info-sessions"
            aria-labelledby="schedule"
            aria-describedby="schedule-help"
          >
            <CsrfField viewer={frame.viewer} />
            <Field name="title_et" label={s.isTitleEt} required />
            <Field name="title_en" label={s.isTitleEn} required />
            <fieldset aria-describedby={describedBy("kind")}>
              <legend>{s.isKind}</legend>
              <FieldError id="i-kind-error" text={err("kind")} />
              {(["single", "series"] as const).map((k) => (
                <div class="opt">
                  <input
                    type="radio"
                    id={`i-kind-${k}`}
                    name="kind"
                    value={k}
                    checked={(v("kind") || "single") === k}
                  />
                  <label class="choice" for={`i-kind-${k}`}>
                    {s.isKinds[k]}
                  </label>
                </div>
              ))}
            </fieldset>
            <fieldset>
              <legend>{s.isSingle}</legend>
              <Field name="date" label={s.isDate} type="date" />
              <Field name="start" label={s.isStart} type="time" />
              <Field name="end" label={s.isEnd} type="time" />
            </fieldset>
            <fieldset>
              <legend>{s.isSeries}</legend>
              <fieldset aria-describedby={describedBy("weekdays")}>
                <legend>{s.isWeekdays}</legend>
                <FieldError id="i-weekdays-error" text={err("weekdays")} />
                {WEEKDAYS.map((day) => (
                  <div class="opt">
                    <input
                      type="checkbox"
                      id={`i-day-${day}`}
                      name="weekdays"
                      value={day}
                      checked={chosenDays.includes(day)}
                    />
                    <label class="choice" for={`i-day-${day}`}>
                      {s.isWeekdayNames[day]}
                    </label>
                  </div>
                ))}
              </fieldset>
              <Field name="interval" label={s.isInterval} type="number" min={1} max={52} />
              <Field name="from" label={s.isFrom} type="date" />
              <Field name="until" label={s.isUntil} type="date" />
              <Field name="time" label={s.isTime} type="time" />
              <Field name="duration" label={s.isDuration} type="number" min={15} max={480} />
              <Field name="rrule" label={s.isRrule} help={s.isRruleHelp} />
            </fieldset>
            <Field name="place" label={s.isPlace} />
            <Field name="videoUrl" label={s.isVideo} type="url" />
            <Field name="dueDays" label={s.isDueDays} type="number" min={1} max={20} />
            <p>
              <button type="submit">{s.isSubmit}</button>
            </p>
          </form>
        </section>
      ) : null}
    </ConsolePage>,
  );
}

// --- the archive ------------------------------------------------------------------------------

export interface SummaryEntry {
  caseId: string;
  title: LocalisedText;
  date: string;
  start: string;
  leadId: string;
  writtenBy?: string | undefined;
  decisions?: string | undefined;
  guidance?: string | undefined;
  news?: string | undefined;
  links: string[];
}

export function summariesPage(
  frame: Frame,
  data: {
    units: Array<{ id: string; name: string }>;
    unitId?: string | undefined;
    entries: SummaryEntry[];
    names: (id: string | undefined) => string;
  },
) {
  const { locale } = frame;
  const s = texts[locale];
  return render(
    <ConsolePage frame={frame} title={s.isSummaries}>
      <h1>{s.isSummaries}</h1>
      <p>{s.isSummariesIntro}</p>
      {data.units.length === 0 ? (
        <p>{s.isNoArchive}</p>
      ) : (
        <>
          {data.units.length > 1 ? (
            <form method="get" action="/console/info-summaries">
              <label for="a-unitId">{s.isUnit}</label>
              <select id="a-unitId" name="unitId">
                {data.units.map((u) => (
                  <option value={u.id} selected={u.id === data.unitId}>
                    {u.name}
                  </option>
                ))}
              </select>
              <button type="submit">{s.trShow}</button>
            </form>
          ) : (
            <dl>
              <dt>{s.isUnit}</dt>
              <dd>{data.units[0]!.name}</dd>
            </dl>
          )}
          {data.entries.length === 0 ? (
            <p>{s.isNoSummaries}</p>
          ) : (
            <section class="table" aria-label={s.isSummaries} tabindex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{s.isHeldOn}</th>
                    <th scope="col">{s.cycleTitle}</th>
                    <th scope="col">{s.isWrittenBy}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.entries.map((e) => (
                    <tr>
                      <td>{`${d(e.date, locale)} ${e.start}`}</td>
                      <td>
                        <a href={`/console/info-summaries/${e.caseId}`}>{e.title[locale]}</a>
                      </td>
                      <td>{data.names(e.writtenBy ?? e.leadId)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
    </ConsolePage>,
  );
}

/** Text the lead wrote: its paragraphs as they were typed. */
const Written = (props: { text?: string | undefined; empty: string }) => {
  const paragraphs = (props.text ?? "").split(/\n\s*\n/).filter((p) => p.trim());
  if (paragraphs.length === 0) return <p>{props.empty}</p>;
  return (
    <>
      {paragraphs.map((p) => (
        <p style="white-space:pre-line">{p.trim()}</p>
      ))}
    </>
  );
};

export function summaryPage(
  frame: Frame,
  data: { entry: SummaryEntry; unitId: string; names: (id: string | undefined) => string },
) {
  const { locale } = frame;
  const s = texts[locale];
  const { entry } = data;
  const title = `${entry.title[locale]}: ${d(entry.date, locale)}`;
  return render(
    <ConsolePage frame={frame} title={title}>
      <h1>{title}</h1>
      <dl>
        <dt>{s.isHeldOn}</dt>
        <dd>{`${d(entry.date, locale)} ${entry.start}`}</dd>
        <dt>{s.isWrittenBy}</dt>
        <dd>{data.names(entry.writtenBy ?? entry.leadId)}</dd>
      </dl>
      <p>
        <a href={`/console/info-summaries?unitId=${encodeURIComponent(data.unitId)}`}>{s.isSummaries}</a>
      </p>
      <h2>{s.isDecisions}</h2>
      <Written text={entry.decisions} empty={s.isNothing} />
      <h2>{s.isGuidance}</h2>
      <Written text={entry.guidance} empty={s.isNothing} />
      <h2>{s.isNews}</h2>
      <Written text={entry.news} empty={s.isNothing} />
      <h2>{s.isLinks}</h2>
      {entry.links.length === 0 ? (
        <p>{s.isNothing}</p>
      ) : (
        <ul>
          {entry.links.map((href) => (
            <li>
              <a href={href} rel="noopener noreferrer">
                {href}
              </a>
            </li>
          ))}
        </ul>
      )}
    </ConsolePage>,
  );
}
