// HR's review-cycle pages (list, create, a cycle's preview, launch, status and actions) and
// everyone's "my reviews" and a review's page. Like pages.tsx: each takes what it shows, already
// read and named; none reads a store.
import { formatDate, type Locale } from "../../core/i18n";
import type { Position, Unit } from "../../core/model";
import { DEFAULT_RATING_SCALE } from "../../core/reviews/cycle";
import type { Cycle } from "../../core/reviews/cycle-record";
import type { ReviewView, TaskView } from "./data";
import { ConsolePage, CsrfField, type PageFrame, render, type Viewer } from "./layout";
import type { FormState } from "./pages-more";
import { ErrorSummary, FieldError, Notice, Table } from "./parts";
import { texts } from "./text";

type Names = (id: string | undefined) => string;
type Frame = PageFrame & { viewer: Viewer };

const d = (iso: string | undefined, locale: Locale) => (iso ? formatDate(iso, locale) : "");

// --- the list -------------------------------------------------------------------------------

export interface CycleRow {
  cycle: Cycle;
  completed?: number;
  total?: number;
}

export function cyclesPage(frame: Frame, rows: CycleRow[], notice?: string) {
  const { locale } = frame;
  const s = texts[locale];
  return render(
    <ConsolePage frame={frame} title={s.cyclesTitle}>
      <h1>{s.cyclesTitle}</h1>
      <p>{s.cyclesIntro}</p>
      <Notice text={notice} />
      <p>
        <a class="button" href="/console/cycles/new">
          {s.newCycle}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{s.noCycles}</p>
      ) : (
        <Table label={s.cyclesTitle}>
          <thead>
            <tr>
              <th scope="col">{s.cycleTitle}</th>
              <th scope="col">{s.window}</th>
              <th scope="col">{s.status}</th>
              <th scope="col">{s.completion}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ cycle, completed, total }) => (
              <tr>
                <td>
                  <a href={`/console/cycles/${cycle.id}`}>{cycle.definition.title[locale]}</a>
                </td>
                <td>{`${d(cycle.definition.opensOn, locale)} – ${d(cycle.definition.deadline, locale)}`}</td>
                <td>{s.cycleStatus[cycle.status] ?? cycle.status}</td>
                <td>{total ? `${completed ?? 0} / ${total}` : s.none}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </ConsolePage>,
  );
}

// --- create ---------------------------------------------------------------------------------

export function newCyclePage(frame: Frame, data: { units: Unit[]; positions: Position[]; form?: FormState }) {
  const { locale } = frame;
  const s = texts[locale];
  const form: FormState = data.form ?? {
    values: {
      scopeKind: "units",
      includeSubUnits: "true",
      excludeOnProbation: "true",
      excludeAbsentWholeWindow: "true",
      escalateAfterDeadline: "true",
      businessDaysBefore: "3",
    },
    errors: {},
    summary: [],
  };
  const v = (k: string) => form.values[k] ?? "";
  const chosen = (k: string) => v(k).split(",").filter(Boolean);
  const err = (k: string) => form.errors[k];
  const describedBy = (k: string, help?: boolean) =>
    [help ? `c-${k}-help` : "", err(k) ? `c-${k}-error` : ""].filter(Boolean).join(" ") || undefined;
  const unitName = (id: string) => data.units.find((u) => u.id === id)?.name ?? id;
  const Text = (p: { name: string; label: string; help?: string; type?: string; required?: boolean }) => (
    <>
      <label for={`c-${p.name}`}>{p.label}</label>
      {p.help ? (
        <div class="help" id={`c-${p.name}-help`}>
          {p.help}
        </div>
      ) : null}
      <FieldError id={`c-${p.name}-error`} text={err(p.name)} />
      <input
        type={p.type ?? "text"}
        id={`c-${p.name}`}
        name={p.name}
        value={v(p.name)}
        required={p.required}
        min={p.type === "number" ? 0 : undefined}
        max={p.type === "number" ? 20 : undefined}
        maxlength={p.type === "text" || !p.type ? 200 : undefined}
        aria-invalid={err(p.name) ? "true" : undefined}
        aria-describedby={describedBy(p.name, !!p.help)}
      />
    </>
  );
  const Check = (p: { name: string; label: string; value?: string; checked: boolean; id?: string }) => (
    <div class="opt">
      <input
        type="checkbox"
        id={p.id ?? `c-${p.name}`}
        name={p.name}
        value={p.value ?? "true"}
        checked={p.checked}
      />
      <label class="choice" for={p.id ?? `c-${p.name}`}>
        {p.label}
      </label>
    </div>
  );
  const positions = [...data.positions].sort(
    (a, b) => unitName(a.unitId).localeCompare(unitName(b.unitId)) || a.title.localeCompare(b.title),
  );
  return render(
    <ConsolePage frame={frame} title={s.newCycleTitle}>
      <h1 id="new-cycle">{s.newCycleTitle}</h1>
      <p>{s.newCycleIntro}</p>
      <ErrorSummary locale={locale} messages={form.summary} />
      <form method="post" action="/console/cycles" aria-labelledby="new-cycle">
        <CsrfField viewer={frame.viewer} />
        <fieldset>
          <legend>{s.cycleKind}</legend>
          {(["annual", "midterm"] as const).map((k) => (
            <div class="opt">
              <input
                type="radio"
                id={`c-type-${k}`}
                name="type"
                value={k}
                checked={(v("type") || "annual") === k}
              />
              <label class="choice" for={`c-type-${k}`}>
                {s.cycleKinds[k]}
              </label>
            </div>
          ))}
        </fieldset>
        <Text name="title_et" label={s.titleEt} help={s.titleHelp} required />
        <Text name="title_en" label={s.titleEn} required />
        <fieldset aria-describedby={describedBy("scopeKind")}>
          <legend>{s.scope}</legend>
          <FieldError id="c-scopeKind-error" text={err("scopeKind")} />
          {(["organisation", "units", "positions"] as const).map((k) => (
            <div class="opt">
              <input
                type="radio"
                id={`c-scope-${k}`}
                name="scopeKind"
                value={k}
                checked={v("scopeKind") === k}
                required
              />
              <label class="choice" for={`c-scope-${k}`}>
                {s.scopeKinds[k]}
              </label>
            </div>
          ))}
        </fieldset>
        <fieldset aria-describedby={describedBy("unitIds", true)}>
          <legend>{s.unitsField}</legend>
          <div class="help" id="c-unitIds-help">
            {s.unitsHelp}
          </div>
          <FieldError id="c-unitIds-error" text={err("unitIds")} />
          {data.units.map((u) => (
            <Check
              name="unitIds"
              id={`c-unit-${u.id}`}
              value={u.id}
              label={u.parentUnitId ? `${u.name} (${unitName(u.parentUnitId)})` : u.name}
              checked={chosen("unitIds").includes(u.id)}
            />
          ))}
          <Check name="includeSubUnits" label={s.includeSubUnits} checked={v("includeSubUnits") === "true"} />
        </fieldset>
        <fieldset aria-describedby={describedBy("positionIds", true)}>
          <legend>{s.positionsField}</legend>
          <div class="help" id="c-positionIds-help">
            {s.positionsHelp}
          </div>
          <FieldError id="c-positionIds-error" text={err("positionIds")} />
          {positions.map((p) => (
            <Check
              name="positionIds"
              id={`c-position-${p.id}`}
              value={p.id}
              label={`${p.title} (${unitName(p.unitId)}; ${p.id})`}
              checked={chosen("positionIds").includes(p.id)}
            />
          ))}
        </fieldset>
        <Text name="opensOn" label={s.opensOn} help={s.opensOnHelp} type="date" required />
        <Text name="deadline" label={s.deadline} help={s.deadlineHelp} type="date" required />
        <fieldset>
          <legend>{s.exclusions}</legend>
          <Check
            name="excludeOnProbation"
            label={s.excludeOnProbation}
            checked={v("excludeOnProbation") === "true"}
          />
          <Check
            name="excludeAbsentWholeWindow"
            label={s.excludeAbsent}
            checked={v("excludeAbsentWholeWindow") === "true"}
          />
        </fieldset>
        <fieldset>
          <legend>{s.reminders}</legend>
          <Text name="businessDaysBefore" label={s.reminderDays} help={s.reminderDaysHelp} type="number" />
          <Check
            name="escalateAfterDeadline"
            label={s.escalate}
            checked={v("escalateAfterDeadline") === "true"}
          />
        </fieldset>
        <h2>{s.ratingScale}</h2>
        <p>{s.ratingScaleHelp}</p>
        <ol>
          {DEFAULT_RATING_SCALE.labels.map((l) => (
            <li value={l.value}>{l[locale]}</li>
          ))}
        </ol>
        <p>
          <button type="submit">{s.create}</button>
        </p>
      </form>
    </ConsolePage>,
  );
}

// --- charts ---------------------------------------------------------------------------------

export interface BarRow {
  label: string;
  value: number;
  /** A bar drawn behind (e.g. every review of a unit, with the completed ones in front). */
  of?: number;
}

/**
 * A horizontal bar chart in server-side SVG, with the same numbers in a table beside it. The SVG is
 * one image to assistive technology (its title and a description listing the numbers); the table
 * is the accessible reading.
 */
export function BarChart(props: {
  id: string;
  title: string;
  desc: string;
  rows: BarRow[];
  headers: [string, string, string?];
}) {
  const { rows, id } = props;
  const max = Math.max(1, ...rows.map((r) => r.of ?? r.value));
  const labelWidth = 200;
  const barWidth = 260;
  const rowHeight = 34;
  const height = rows.length * rowHeight + 8;
  const width = labelWidth + barWidth + 70;
  return (
    <div class="chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={`max-width:${width}px`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.desc}</desc>
        {rows.map((r, i) => {
          const y = i * rowHeight + 4;
          const back = r.of === undefined ? 0 : Math.round((r.of / max) * barWidth);
          const front = Math.round((r.value / max) * barWidth);
          const end = Math.max(back, front, 1);
          return (
            <g>
              <text x={labelWidth - 8} y={y + 19} text-anchor="end" font-size="14" fill="#1b1b1b">
                {r.label.length > 26 ? `${r.label.slice(0, 25)}…` : r.label}
              </text>
              {r.of !== undefined ? (
                <rect x={labelWidth} y={y + 4} width={Math.max(back, 1)} height={22} fill="#c9d7ee" />
              ) : null}
              <rect x={labelWidth} y={y + 4} width={front} height={22} fill="#1f3a5f" />
              <text x={labelWidth + end + 6} y={y + 19} font-size="14" fill="#1b1b1b">
                {r.of === undefined ? String(r.value) : `${r.value} / ${r.of}`}
              </text>
            </g>
          );
        })}
      </svg>
      <section class="table" aria-label={props.title} tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{props.headers[0]}</th>
              <th scope="col">{props.headers[1]}</th>
              {props.headers[2] ? <th scope="col">{props.headers[2]}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{r.label}</th>
                <td>{r.value}</td>
                {props.headers[2] ? <td>{r.of ?? ""}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

// --- one cycle ------------------------------------------------------------------------------

export interface CyclePreview {
  included: Array<{ id: string; name: string; positionTitle?: string }>;
  excluded: Array<{ id: string; name: string; positionTitle?: string; reason: string }>;
}

export interface CycleStatusView {
  total: number;
  completed: number;
  completionPercent: number;
  byStage: Record<string, number>;
  byUnit: Array<{ unitName: string; total: number; completed: number }>;
  overdue: Array<{
    reviewId: string;
    employeeName: string;
    kind: string;
    dueDate: string;
    holderName: string;
  }>;
  rows: Array<{
    reviewId: string;
    employeeId: string;
    employeeName: string;
    unitName: string;
    stage: string;
  }>;
}

/** The forms of a cycle's page that can be refused: what was typed and what is wrong, by form. */
export interface CycleForms {
  launch?: string;
  extend?: FormState;
  cancel?: FormState;
  close?: FormState;
}

const STAGE_ORDER = ["waiting", "assessments", "meeting", "conversation", "signOff", "completed", "notHeld"];

export function cyclePage(
  frame: Frame,
  data: {
    cycle: Cycle;
    scopeText: string;
    preview?: CyclePreview;
    previewError?: string;
    status?: CycleStatusView;
    forms?: CycleForms;
  },
  notice?: string,
) {
  const { locale } = frame;
  const s = texts[locale];
  const { cycle, status } = data;
  const def = cycle.definition;
  const title = def.title[locale];
  const forms = data.forms ?? {};
  const launching = cycle.status === "launching";
  const live = cycle.status === "open" || launching;
  const stages = status
    ? [
        ...STAGE_ORDER.filter((k) => status.byStage[k]),
        ...Object.keys(status.byStage).filter((k) => !STAGE_ORDER.includes(k)),
      ]
    : [];
  const stageName = (k: string) => s.stages[k] ?? k;
  const Confirm = (p: { form: string; state?: FormState }) => (
    <>
      <FieldError id={`${p.form}-confirm-error`} text={p.state?.errors.confirm} />
      <div class="opt">
        <input
          type="checkbox"
          id={`${p.form}-confirm`}
          name="confirm"
          value="yes"
          required
          aria-describedby={[`${p.form}-help`, p.state?.errors.confirm ? `${p.form}-confirm-error` : ""]
            .filter(Boolean)
            .join(" ")}
          aria-invalid={p.state?.errors.confirm ? "true" : undefined}
        />
        <label class="choice" for={`${p.form}-confirm`}>
          {s.confirm}
        </label>
      </div>
    </>
  );
  return render(
    <ConsolePage frame={frame} title={title} refreshSeconds={launching ? 3 : undefined}>
      <h1>{title}</h1>
      <Notice text={notice} />
      {cycle.status === "closed" || cycle.status === "cancelled" ? (
        <ErrorSummary
          locale={locale}
          messages={[forms.extend, forms.cancel, forms.close].flatMap((f) => f?.summary ?? [])}
        />
      ) : null}
      <dl>
        <dt>{s.cycleType}</dt>
        <dd>{s.cycleKinds[cycle.definition.type] ?? cycle.definition.type}</dd>
        <dt>{s.status}</dt>
        <dd>{s.cycleStatus[cycle.status] ?? cycle.status}</dd>
        <dt>{s.scope}</dt>
        <dd>{data.scopeText}</dd>
        <dt>{s.opensOn}</dt>
        <dd>{d(def.opensOn, locale)}</dd>
        <dt>{s.deadline}</dt>
        <dd>{d(def.deadline, locale)}</dd>
        <dt>{s.ratingScale}</dt>
        <dd>{def.ratingScale.labels.map((l) => `${l.value} – ${l[locale]}`).join("; ")}</dd>
      </dl>
      <p>
        <a href="/console/cycles">{s.cyclesTitle}</a>
      </p>

      {cycle.launch ? (
        <section aria-labelledby="launch-progress">
          <h2 id="launch-progress">{s.launchProgress}</h2>
          <progress
            max={Math.max(cycle.launch.selected, 1)}
            value={cycle.launch.started}
            aria-labelledby="launch-progress"
            aria-describedby="launch-text"
          />
          <p id="launch-text" role="status">
            {s.progressText(cycle.launch.created, cycle.launch.started, cycle.launch.selected)}
          </p>
          {launching ? <p>{s.stillLaunching}</p> : null}
        </section>
      ) : null}

      {cycle.status === "draft" || launching || forms.launch ? (
        <section aria-labelledby="launch">
          <h2 id="launch">{cycle.status === "draft" ? s.launch : s.launchAgain}</h2>
          <p id="launch-help">{s.launchHelp}</p>
          <Notice text={forms.launch} kind="error" />
          {cycle.status === "draft" || launching ? (
            <form method="post" action={`/console/cycles/${cycle.id}/launch`}>
              <CsrfField viewer={frame.viewer} />
              <button type="submit" aria-describedby="launch-help">
                {cycle.status === "draft" ? s.launch : s.launchAgain}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}

      {data.preview || data.previewError ? (
        <section aria-labelledby="preview">
          <h2 id="preview">{s.preview}</h2>
          <p>{s.previewIntro}</p>
          {data.previewError ? (
            <p class="error">{`${s.previewFailed} ${data.previewError}`}</p>
          ) : data.preview ? (
            <>
              <h3>{s.included(data.preview.included.length)}</h3>
              {data.preview.included.length === 0 ? (
                <p>{s.nobodyIncluded}</p>
              ) : (
                <Table label={s.included(data.preview.included.length)}>
                  <thead>
                    <tr>
                      <th scope="col">{s.person}</th>
                      <th scope="col">{s.position}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.preview.included.map((p) => (
                      <tr>
                        <td>
                          <a href={`/console/people/${p.id}`}>{p.name}</a>
                        </td>
                        <td>{p.positionTitle ?? s.none}</td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              )}
              <h3>{s.excluded(data.preview.excluded.length)}</h3>
              {data.preview.excluded.length === 0 ? null : (
                <Table label={s.excluded(data.preview.excluded.length)}>
                  <thead>
                    <tr>
                      <th scope="col">{s.person}</th>
                      <th scope="col">{s.position}</th>
                      <th scope="col">{s.reason}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.preview.excluded.map((p) => (
                      <tr>
                        <td>
                          <a href={`/console/people/${p.id}`}>{p.name}</a>
                        </td>
                        <td>{p.positionTitle ?? s.none}</td>
                        <td>{s.exclusionReasons[p.reason] ?? p.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              )}
            </>
          ) : null}
        </section>
      ) : null}

      {status && cycle.status !== "draft" ? (
        <section aria-labelledby="status">
          <h2 id="status">{s.statusTitle}</h2>
          <p>{s.completionText(status.completed, status.total, status.completionPercent)}</p>
          <p>
            <a href={`/console/cycles/${cycle.id}/status.csv`} download={`cycle-${cycle.id}.csv`}>
              {s.downloadCsv}
            </a>
          </p>
          {status.total === 0 ? (
            <p>{s.noReviewsYet}</p>
          ) : (
            <>
              <h3>{s.byStage}</h3>
              <BarChart
                id="chart-stage"
                title={s.byStage}
                desc={s.chartStageDesc(stages.map((k) => `${stageName(k)} ${status.byStage[k]}`).join("; "))}
                rows={stages.map((k) => ({ label: stageName(k), value: status.byStage[k] ?? 0 }))}
                headers={[s.stage, s.count]}
              />
              <h3>{s.byUnit}</h3>
              <BarChart
                id="chart-unit"
                title={s.byUnit}
                desc={s.chartUnitDesc(
                  status.byUnit.map((u) => `${u.unitName} ${u.completed}/${u.total}`).join("; "),
                )}
                rows={status.byUnit.map((u) => ({ label: u.unitName, value: u.completed, of: u.total }))}
                headers={[s.unit, s.completed, s.total]}
              />
              <h3>{s.overdueTasks}</h3>
              {status.overdue.length === 0 ? (
                <p>{s.noOverdueTasks}</p>
              ) : (
                <Table label={s.overdueTasks}>
                  <thead>
                    <tr>
                      <th scope="col">{s.person}</th>
                      <th scope="col">{s.task}</th>
                      <th scope="col">{s.due}</th>
                      <th scope="col">{s.holder}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {status.overdue.map((o) => (
                      <tr>
                        <td>
                          <a href={`/console/reviews/${o.reviewId}`}>{o.employeeName}</a>
                        </td>
                        <td>{s.kindNames[o.kind] ?? o.kind}</td>
                        <td class="overdue">{d(o.dueDate, locale)}</td>
                        <td>{o.holderName}</td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              )}
              <h3>{s.reviews}</h3>
              <Table label={s.reviews}>
                <thead>
                  <tr>
                    <th scope="col">{s.person}</th>
                    <th scope="col">{s.unit}</th>
                    <th scope="col">{s.stage}</th>
                  </tr>
                </thead>
                <tbody>
                  {status.rows.map((r) => (
                    <tr>
                      <td>
                        <a href={`/console/reviews/${r.reviewId}`}>{r.employeeName}</a>
                      </td>
                      <td>{r.unitName}</td>
                      <td>{stageName(r.stage)}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </>
          )}
        </section>
      ) : null}

      {cycle.status !== "closed" && cycle.status !== "cancelled" ? (
        <>
          <section aria-labelledby="extend">
            <h2 id="extend">{s.extend}</h2>
            <p id="extend-help">{s.extendHelp}</p>
            <ErrorSummary locale={locale} messages={forms.extend?.summary ?? []} />
            <form method="post" action={`/console/cycles/${cycle.id}/extend`} aria-labelledby="extend">
              <CsrfField viewer={frame.viewer} />
              <label for="extend-deadline">{s.newDeadline}</label>
              <FieldError id="extend-deadline-error" text={forms.extend?.errors.deadline} />
              <input
                type="date"
                id="extend-deadline"
                name="deadline"
                required
                min={def.deadline}
                value={forms.extend?.values.deadline ?? ""}
                aria-invalid={forms.extend?.errors.deadline ? "true" : undefined}
                aria-describedby={forms.extend?.errors.deadline ? "extend-deadline-error" : undefined}
              />
              <Confirm form="extend" state={forms.extend} />
              <button type="submit">{s.extend}</button>
            </form>
          </section>
          {live ? (
            <section aria-labelledby="close">
              <h2 id="close">{s.closeCycle}</h2>
              <p id="close-help">{s.closeHelp}</p>
              <ErrorSummary locale={locale} messages={forms.close?.summary ?? []} />
              <form method="post" action={`/console/cycles/${cycle.id}/close`} aria-labelledby="close">
                <CsrfField viewer={frame.viewer} />
                <Confirm form="close" state={forms.close} />
                <button type="submit">{s.closeCycle}</button>
              </form>
            </section>
          ) : null}
          <section aria-labelledby="cancel">
            <h2 id="cancel">{s.cancelCycle}</h2>
            <p id="cancel-help">{s.cancelHelp}</p>
            <ErrorSummary locale={locale} messages={forms.cancel?.summary ?? []} />
            <form method="post" action={`/console/cycles/${cycle.id}/cancel`} aria-labelledby="cancel">
              <CsrfField viewer={frame.viewer} />
              <Confirm form="cancel" state={forms.cancel} />
              <button type="submit" class="danger">
                {s.cancelCycle}
              </button>
            </form>
          </section>
        </>
      ) : null}
    </ConsolePage>,
  );
}

// --- reviews --------------------------------------------------------------------------------

const stageText = (locale: Locale, r: ReviewView) => {
  const s = texts[locale];
  if (r.status === "closed" && r.signOff)
    return `${s.stages[r.stage] ?? r.stage}; ${s.signOff[r.signOff] ?? r.signOff}`;
  return s.stages[r.stage] ?? r.stage;
};

/** The stage of a person's latest review, for a lead's team page. */
export const reviewStageText = stageText;

function ReviewActions(props: { locale: Locale; review: ReviewView; viewerId: string }) {
  const s = texts[props.locale];
  const { review } = props;
  const mine = review.openTasks.filter((t) => t.assigneeId === props.viewerId);
  return (
    <>
      {mine.map((t: TaskView) => (
        <div>
          <a href={`/console/tasks/${t.id}`}>{`${s.yourTask}: ${t.title[props.locale]}`}</a>
        </div>
      ))}
      {review.final ? (
        <div>
          <a href={`/console/reviews/${review.id}/pdf`}>{s.downloadPdf}</a>
        </div>
      ) : null}
    </>
  );
}

export function myReviewsPage(frame: Frame, reviews: ReviewView[]) {
  const { locale } = frame;
  const s = texts[locale];
  return render(
    <ConsolePage frame={frame} title={s.myReviewsTitle}>
      <h1>{s.myReviewsTitle}</h1>
      <p>{s.myReviewsIntro}</p>
      {reviews.length === 0 ? (
        <p>{s.noReviews}</p>
      ) : (
        <Table label={s.myReviewsTitle}>
          <thead>
            <tr>
              <th scope="col">{s.review}</th>
              <th scope="col">{s.window}</th>
              <th scope="col">{s.stage}</th>
              <th scope="col">{s.actions}</th>
            </tr>
          </thead>
          <tbody>
            {reviews.map((r) => (
              <tr>
                <td>
                  <a href={`/console/reviews/${r.id}`}>{r.title[locale]}</a>
                </td>
                <td>{`${d(r.opensOn, locale)} – ${d(r.deadline, locale)}`}</td>
                <td>{stageText(locale, r)}</td>
                <td>
                  <ReviewActions locale={locale} review={r} viewerId={frame.viewer.employeeId} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </ConsolePage>,
  );
}

export function reviewPage(frame: Frame, review: ReviewView, names: Names, today: string) {
  const { locale } = frame;
  const s = texts[locale];
  const name = names(review.subjectId);
  const isHr = frame.viewer.roles.includes("hr");
  return render(
    <ConsolePage frame={frame} title={s.reviewTitle(name)}>
      <h1>{s.reviewTitle(name)}</h1>
      <dl>
        <dt>{s.person}</dt>
        <dd>
          <a href={`/console/people/${review.subjectId}`}>{name}</a>
        </dd>
        <dt>{s.cycleTitle}</dt>
        <dd>
          {isHr ? (
            <a href={`/console/cycles/${review.cycleId}`}>{review.title[locale]}</a>
          ) : (
            review.title[locale]
          )}
        </dd>
        <dt>{s.window}</dt>
        <dd>{`${d(review.opensOn, locale)} – ${d(review.deadline, locale)}`}</dd>
        <dt>{s.stage}</dt>
        <dd>{stageText(locale, review)}</dd>
        {review.heldOn ? (
          <>
            <dt>{s.heldOn}</dt>
            <dd>{d(review.heldOn, locale)}</dd>
          </>
        ) : null}
      </dl>
      <p>
        {review.final ? (
          <a class="button" href={`/console/reviews/${review.id}/pdf`}>
            {s.downloadPdf}
          </a>
        ) : (
          s.pdfNotReady
        )}
      </p>
      <ReviewActions
        locale={locale}
        review={{ ...review, final: false }}
        viewerId={frame.viewer.employeeId}
      />
      <h2>{s.tasks}</h2>
      {review.tasks.length === 0 ? (
        <p>{s.stages.waiting}</p>
      ) : (
        <Table label={s.tasks}>
          <thead>
            <tr>
              <th scope="col">{s.task}</th>
              <th scope="col">{s.status}</th>
              <th scope="col">{s.due}</th>
              <th scope="col">{s.holder}</th>
            </tr>
          </thead>
          <tbody>
            {review.tasks.map((t) => (
              <tr>
                <td>{t.title[locale]}</td>
                <td>{s.taskStatus[t.status] ?? t.status}</td>
                <td>
                  {d(t.dueDate, locale)}
                  {t.status === "open" && t.dueDate < today ? (
                    <span class="overdue"> ({s.overdueMark})</span>
                  ) : null}
                </td>
                <td>
                  {t.status === "completed"
                    ? (t.completedByName ?? names(t.completedById))
                    : names(t.assigneeId)}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </ConsolePage>,
  );
}

/** A short description of a cycle's scope, in the page's language. */
export function scopeText(locale: Locale, cycle: Cycle, units: Unit[], positions: Position[]): string {
  const s = texts[locale];
  const scope = cycle.definition.scope;
  if (scope.kind === "organisation") return s.scopeKinds.organisation ?? "";
  if (scope.kind === "units")
    return `${scope.unitIds.map((id) => units.find((u) => u.id === id)?.name ?? id).join(", ")}${
      scope.includeSubUnits ? ` (${s.includeSubUnits.toLowerCase()})` : ""
    }`;
  return scope.positionIds
    .map((id) => {
      const p = positions.find((x) => x.id === id);
      return p ? `${p.title} (${p.id})` : id;
    })
    .join(", ");
}
