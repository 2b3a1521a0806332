// HR's pages for people and organisation, hires, delegations, absence imports and audit trails; a
// lead's team; the dashboard's overdue chart. Like pages.tsx: each takes what it shows, already
// read and named; none reads a store.
import type { JSX } from "hono/jsx/jsx-runtime";
import { formatDate, formatDateTime, type Locale } from "../../core/i18n";
import type { AuditRecord, Delegation, Employee, JobDescription, Position, Unit } from "../../core/model";
import type { CaseView, ReviewView } from "./data";
import { ConsolePage, CsrfField, type PageFrame, render, type Viewer } from "./layout";
import { reviewStageText } from "./pages-cycles";
import { ErrorSummary, Notice, Table } from "./parts";
import { texts } from "./text";

type Names = (id: string | undefined) => string;
type Frame = PageFrame & { viewer: Viewer };

const d = (iso: string | undefined, locale: Locale) => (iso ? formatDate(iso, locale) : "");

/** A form's state after a refused POST: what was typed, and what is wrong, by field. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  summary: string[];
}
const emptyForm: FormState = { values: {}, errors: {}, summary: [] };

/** A labelled input with its error beside it (aria-invalid, aria-describedby). */
function Input(props: {
  form: FormState;
  prefix: string;
  name: string;
  label: string;
  help?: string;
  type?: "text" | "email" | "date" | "number";
  required?: boolean;
  min?: number;
  max?: number;
}) {
  const id = `${props.prefix}-${props.name}`;
  const error = props.form.errors[props.name];
  const described = [props.help ? `${id}-help` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <>
      <label for={id}>{props.label}</label>
      {props.help ? (
        <div class="help" id={`${id}-help`}>
          {props.help}
        </div>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <input
        type={props.type ?? "text"}
        id={id}
        name={props.name}
        value={props.form.values[props.name] ?? ""}
        required={props.required}
        min={props.min}
        max={props.max}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described || undefined}
      />
    </>
  );
}

function Select(props: {
  form: FormState;
  prefix: string;
  name: string;
  label: string;
  options: Array<[string, string]>;
  required?: boolean;
  choose?: string;
}) {
  const id = `${props.prefix}-${props.name}`;
  const error = props.form.errors[props.name];
  const value = props.form.values[props.name] ?? "";
  return (
    <>
      <label for={id}>{props.label}</label>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <select
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {props.choose !== undefined ? <option value="">{props.choose}</option> : null}
        {props.options.map(([v, label]) => (
          <option value={v} selected={value === v}>
            {label}
          </option>
        ))}
      </select>
    </>
  );
}

// --- register a hire ------------------------------------------------------------------------

export function hirePage(
  frame: Frame,
  data: { positions: Array<Position & { vacant: boolean; unitName?: string }>; form?: FormState },
) {
  const { locale } = frame;
  const s = texts[locale];
  const form = data.form ?? { ...emptyForm, values: { regime: "TLS", locale } };
  return render(
    <ConsolePage frame={frame} title={s.hireTitle}>
      <h1 id="hire">{s.hireTitle}</h1>
      <p>{s.hireIntro}</p>
      <ErrorSummary locale={locale} messages={form.summary} />
      <form method="post" action="/console/hires" aria-labelledby="hire">
        <CsrfField viewer={frame.viewer} />
        <Input form={form} prefix="h" name="name" label={s.name} required />
        <Input form={form} prefix="h" name="email" label={s.email} type="email" required />
        <Select
          form={form}
          prefix="h"
          name="positionId"
          label={s.positionField}
          choose={s.noPosition}
          options={data.positions.map((p) => [
            p.id,
            `${p.title}${p.unitName ? ` (${p.unitName})` : ""}${p.vacant ? "" : ` · ${s.holders.toLowerCase()}: ✓`}`,
          ])}
        />
        <Input form={form} prefix="h" name="startDate" label={s.startDate} type="date" required />
        <Select
          form={form}
          prefix="h"
          name="regime"
          label={s.regimeField}
          required
          options={Object.entries(s.regimes) as Array<[string, string]>}
        />
        <Input
          form={form}
          prefix="h"
          name="contractDate"
          label={s.contractDate}
          help={s.contractDateHelp}
          type="date"
        />
        <Input
          form={form}
          prefix="h"
          name="contractEndDate"
          label={s.contractEndDate}
          help={s.contractEndHelp}
          type="date"
        />
        <Input
          form={form}
          prefix="h"
          name="agreedProbationMonths"
          label={s.agreedMonths}
          help={s.agreedMonthsHelp}
          type="number"
          min={1}
          max={6}
        />
        <p>
          <input
            type="checkbox"
            id="h-probationExtensionWaived"
            name="probationExtensionWaived"
            value="true"
            checked={form.values.probationExtensionWaived === "true"}
          />{" "}
          <label class="choice" for="h-probationExtensionWaived">
            {s.extensionWaived}
          </label>
        </p>
        <Select
          form={form}
          prefix="h"
          name="locale"
          label={s.languageField}
          options={[
            ["et", s.languageNames.et],
            ["en", s.languageNames.en],
          ]}
        />
        <p>
          <button type="submit">{s.register}</button>
        </p>
      </form>
    </ConsolePage>,
  );
}

// --- people and organisation ----------------------------------------------------------------

export interface OrgData {
  units: Unit[];
  positions: Position[];
  people: Employee[];
  withJobDescription: Set<string>;
}

export function orgPage(frame: Frame, data: OrgData) {
  const { locale } = frame;
  const s = texts[locale];
  const title = (id: string | undefined) => data.positions.find((p) => p.id === id)?.title ?? id ?? s.none;
  const holders = (positionId: string) => data.people.filter((p) => p.positionId === positionId);
  const UnitNode = (props: { unit: Unit; depth: number }): JSX.Element => {
    const positions = data.positions.filter((p) => p.unitId === props.unit.id);
    const level = Math.min(6, 2 + props.depth) as 2 | 3 | 4 | 5 | 6;
    const Heading = `h${level}` as "h2";
    return (
      <li>
        <Heading id={`unit-${props.unit.id}`}>{props.unit.name}</Heading>
        {positions.length ? (
          <Table label={`${s.positions}: ${props.unit.name}`}>
            <thead>
              <tr>
                <th scope="col">{s.position}</th>
                <th scope="col">{s.manager}</th>
                <th scope="col">{s.substitutes}</th>
                <th scope="col">{s.holders}</th>
              </tr>
            </thead>
            <tbody>
              {positions.map((p) => (
                <tr>
                  <td>
                    <a href={`/console/positions/${p.id}`}>{p.title}</a>
                    {data.withJobDescription.has(p.id) ? (
                      <>
                        <br />
                        <span class="tag">{s.hasJobDescription}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{p.managerPositionId ? title(p.managerPositionId) : s.none}</td>
                  <td>
                    {p.substitutePositionIds.length ? (
                      <ol>
                        {p.substitutePositionIds.map((id) => (
                          <li>{title(id)}</li>
                        ))}
                      </ol>
                    ) : (
                      s.none
                    )}
                  </td>
                  <td>
                    {holders(p.id).length
                      ? holders(p.id).map((h, i) => (
                          <>
                            {i > 0 ? ", " : ""}
                            <a href={`/console/people/${h.id}`}>{h.name}</a>
                          </>
                        ))
                      : s.vacant}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
        {data.units.some((u) => u.parentUnitId === props.unit.id) ? (
          <ul class="tree">
            {data.units
              .filter((u) => u.parentUnitId === props.unit.id)
              .map((u) => (
                <UnitNode unit={u} depth={props.depth + 1} />
              ))}
          </ul>
        ) : null}
      </li>
    );
  };
  // Top-level units, and any whose parent is missing (so nothing is hidden).
  const roots = data.units
    .filter((u) => !u.parentUnitId || !data.units.some((x) => x.id === u.parentUnitId))
    .sort((a, b) => a.name.localeCompare(b.name));
  const unplaced = data.people.filter((p) => !p.positionId);
  return render(
    <ConsolePage frame={frame} title={s.orgTitle}>
      <h1>{s.orgTitle}</h1>
      <ul class="tree" aria-label={s.units}>
        {roots.map((u) => (
          <UnitNode unit={u} depth={0} />
        ))}
      </ul>
      {unplaced.length ? (
        <>
          <h2>{s.noPosition}</h2>
          <ul>
            {unplaced.map((p) => (
              <li>
                <a href={`/console/people/${p.id}`}>{p.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </ConsolePage>,
  );
}

export interface ImportIssue {
  line: number;
  expected: string;
  found: string;
}

export function positionPage(
  frame: Frame,
  data: {
    position: Position;
    unit?: Unit;
    positions: Position[];
    holders: Employee[];
    reports: Position[];
    jd?: JobDescription;
    form?: { markdown: string; issues: ImportIssue[]; omitted: number; message?: string };
  },
  notice?: string,
) {
  const { locale } = frame;
  const s = texts[locale];
  const p = data.position;
  const title = (id: string) => data.positions.find((x) => x.id === id)?.title ?? id;
  const jd = data.jd;
  const form = data.form;
  const messages = form
    ? [
        ...(form.message ? [form.message] : []),
        ...form.issues.map((i) => s.jdIssue(i.line, i.expected, i.found)),
        ...(form.omitted > 0 ? [s.jdMore(form.omitted)] : []),
      ]
    : [];
  return render(
    <ConsolePage frame={frame} title={p.title}>
      <h1>{p.title}</h1>
      <Notice text={notice} />
      <dl>
        <dt>{s.unit}</dt>
        <dd>{data.unit?.name ?? p.unitId}</dd>
        <dt>{s.manager}</dt>
        <dd>
          {p.managerPositionId ? (
            <a href={`/console/positions/${p.managerPositionId}`}>{title(p.managerPositionId)}</a>
          ) : (
            s.none
          )}
        </dd>
        <dt>{s.substitutes}</dt>
        <dd>
          {p.substitutePositionIds.length ? (
            <ol>
              {p.substitutePositionIds.map((id) => (
                <li>
                  <a href={`/console/positions/${id}`}>{title(id)}</a>
                </li>
              ))}
            </ol>
          ) : (
            s.none
          )}
        </dd>
        <dt>{s.directReports}</dt>
        <dd>
          {data.reports.length ? (
            <ul>
              {data.reports.map((r) => (
                <li>
                  <a href={`/console/positions/${r.id}`}>{r.title}</a>
                </li>
              ))}
            </ul>
          ) : (
            s.none
          )}
        </dd>
        <dt>{s.holders}</dt>
        <dd>
          {data.holders.length
            ? data.holders.map((h, i) => (
                <>
                  {i > 0 ? ", " : ""}
                  <a href={`/console/people/${h.id}`}>{h.name}</a>
                </>
              ))
            : s.vacant}
        </dd>
      </dl>
      <p>
        <a href={`/console/audit/position/${p.id}`}>{`${s.audit}: ${p.title}`}</a>
        {" · "}
        <a
          href={`/console/audit/jobDescription/${p.id}`}
        >{`${s.audit}: ${s.jobDescription.toLowerCase()}`}</a>
      </p>
      <h2>{s.jobDescription}</h2>
      {jd ? <JobDescriptionView locale={locale} jd={jd} /> : <p>{s.noJobDescription}</p>}
      <h2 id="import">{s.importJd}</h2>
      <p id="import-help">{s.importJdHelp}</p>
      <ErrorSummary locale={locale} messages={messages} intro={s.jdErrors} />
      <form
        method="post"
        action={`/console/positions/${p.id}/job-description`}
        enctype="multipart/form-data"
        aria-labelledby="import"
      >
        <CsrfField viewer={frame.viewer} />
        <label for="jd-markdown">{s.markdown}</label>
        <textarea
          id="jd-markdown"
          name="markdown"
          rows={12}
          aria-describedby="import-help"
          aria-invalid={messages.length ? "true" : undefined}
        >
          {form?.markdown ?? ""}
        </textarea>
        <label for="jd-file">{s.file}</label>
        <input type="file" id="jd-file" name="file" accept=".md,.txt,text/markdown,text/plain" />
        <p>
          <button type="submit">{s.import}</button>
        </p>
      </form>
    </ConsolePage>,
  );
}

function JobDescriptionView(props: { locale: Locale; jd: JobDescription }) {
  const s = texts[props.locale];
  const { jd } = props;
  const r = jd.requirements;
  return (
    <article class="jd" lang="et">
      {jd.purpose ? (
        <>
          <h3>{s.purpose}</h3>
          <p>{jd.purpose}</p>
        </>
      ) : null}
      <h3>{s.duties}</h3>
      <ol class="duties">
        {jd.duties.map((duty) => (
          <li>
            <strong>{duty.code}</strong> {duty.text}
            {duty.details.length ? (
              <ul>
                {duty.details.map((x) => (
                  <li>{x}</li>
                ))}
              </ul>
            ) : null}
            {duty.expectedResults.length ? (
              <>
                <p class="help">{s.expectedResults}:</p>
                <ul>
                  {duty.expectedResults.map((x) => (
                    <li>{x}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {jd.rights.length ? (
        <>
          <h3>{s.rights}</h3>
          <ul>
            {jd.rights.map((x) => (
              <li>{x}</li>
            ))}
          </ul>
        </>
      ) : null}
      {jd.responsibilities.length ? (
        <>
          <h3>{s.responsibilities}</h3>
          <ul>
            {jd.responsibilities.map((x) => (
              <li>{x}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{s.requirements}</h3>
      <dl>
        {r.education ? (
          <>
            <dt>{s.education}</dt>
            <dd>{r.education}</dd>
          </>
        ) : null}
        {r.experience ? (
          <>
            <dt>{s.experience}</dt>
            <dd>{r.experience}</dd>
          </>
        ) : null}
        {r.languages.length || r.languageText ? (
          <>
            <dt>{s.languages}</dt>
            <dd>
              {r.languages.length
                ? r.languages
                    .map((l) => `${l.language} ${l.level}${l.required ? "" : ` (${s.preferably})`}`)
                    .join(", ")
                : r.languageText}
            </dd>
          </>
        ) : null}
        {r.itSkills ? (
          <>
            <dt>{s.itSkills}</dt>
            <dd>{r.itSkills}</dd>
          </>
        ) : null}
      </dl>
      {jd.competencies.length ? (
        <>
          <h3>{s.competencies}</h3>
          <ul>
            {jd.competencies.map((c) => (
              <li>
                <strong>{c.name}</strong>
                {c.behaviours.length ? (
                  <ul>
                    {c.behaviours.map((b) => (
                      <li>{b}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
}

// --- delegations and who acts ---------------------------------------------------------------

export interface Acting {
  subjectId: string;
  kind: string;
  assigneeName?: string;
  onBehalfOfName?: string;
  until?: string;
  reasons: string[];
}

export function delegationsPage(
  frame: Frame,
  data: {
    delegations: Delegation[];
    people: Employee[];
    /** HR: choose whose tasks; a lead delegates their own. */
    chooseFrom: boolean;
    kinds: readonly string[];
    form?: FormState;
    acting?: Acting;
    today: string;
  },
  names: Names,
  notice?: string,
) {
  const { locale } = frame;
  const s = texts[locale];
  const isHr = frame.viewer.roles.includes("hr");
  const title = isHr ? s.delegationsTitle : s.myDelegationsTitle;
  const form = data.form ?? emptyForm;
  const kindName = (k: string) => s.kindNames[k] ?? k;
  const people = data.people.map((p) => [p.id, p.name] as [string, string]);
  const chosenKinds = (form.values.kinds ?? "").split(",").filter(Boolean);
  return render(
    <ConsolePage frame={frame} title={title}>
      <h1>{title}</h1>
      <p>{s.delegationsIntro}</p>
      <Notice text={notice} />
      {data.delegations.length === 0 ? (
        <p>{s.noDelegations}</p>
      ) : (
        <Table label={title}>
          <thead>
            <tr>
              <th scope="col">{s.fromPerson}</th>
              <th scope="col">{s.toPerson}</th>
              <th scope="col">{s.kinds}</th>
              <th scope="col">{s.from}</th>
              <th scope="col">{s.to}</th>
              <th scope="col">{s.note}</th>
              <th scope="col">{s.actions}</th>
            </tr>
          </thead>
          <tbody>
            {data.delegations.map((x) => (
              <tr>
                <td>{names(x.fromEmployeeId)}</td>
                <td>{names(x.toEmployeeId)}</td>
                <td>{x.kinds.length ? x.kinds.map(kindName).join(", ") : s.allKinds}</td>
                <td>{d(x.from, locale)}</td>
                <td>{d(x.to, locale)}</td>
                <td>{x.note ?? ""}</td>
                <td>
                  <form method="post" action={`/console/delegations/${x.fromEmployeeId}/${x.id}/delete`}>
                    <CsrfField viewer={frame.viewer} />
                    <button
                      type="submit"
                      class="secondary"
                      aria-label={`${s.endDelegation}: ${names(x.fromEmployeeId)} → ${names(x.toEmployeeId)}`}
                    >
                      {s.endDelegation}
                    </button>
                  </form>
                  {isHr ? <a href={`/console/audit/delegation/${x.id}`}>{s.audit}</a> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <h2 id="add">{s.addDelegation}</h2>
      <ErrorSummary locale={locale} messages={form.summary} />
      <form method="post" action="/console/delegations" aria-labelledby="add">
        <CsrfField viewer={frame.viewer} />
        {data.chooseFrom ? (
          <Select
            form={form}
            prefix="d"
            name="fromEmployeeId"
            label={s.fromPerson}
            required
            choose={s.choose}
            options={people}
          />
        ) : null}
        <Select
          form={form}
          prefix="d"
          name="toEmployeeId"
          label={s.toPerson}
          required
          choose={s.choose}
          options={people.filter(([id]) => data.chooseFrom || id !== frame.viewer.employeeId)}
        />
        <fieldset aria-describedby={form.errors.kinds ? "d-kinds-error" : undefined}>
          <legend>{s.kinds}</legend>
          <div class="help">{s.kindsHelp}</div>
          {form.errors.kinds ? (
            <p class="field-error" id="d-kinds-error">
              {form.errors.kinds}
            </p>
          ) : null}
          {data.kinds.map((k) => (
            <div>
              <input
                type="checkbox"
                id={`d-kind-${k}`}
                name="kinds"
                value={k}
                checked={chosenKinds.includes(k)}
              />{" "}
              <label class="choice" for={`d-kind-${k}`}>
                {kindName(k)}
              </label>
            </div>
          ))}
        </fieldset>
        <Input form={form} prefix="d" name="from" label={s.from} type="date" required />
        <Input form={form} prefix="d" name="to" label={s.to} type="date" required />
        <Input form={form} prefix="d" name="note" label={s.note} />
        <p>
          <button type="submit">{s.addDelegation}</button>
        </p>
      </form>
      <h2 id="acting">{s.whoActs}</h2>
      <p>{s.whoActsIntro}</p>
      <form method="get" action="/console/delegations" aria-labelledby="acting">
        <Select
          form={{
            ...emptyForm,
            values: { subjectId: data.acting?.subjectId ?? "", kind: data.acting?.kind ?? "" },
          }}
          prefix="w"
          name="subjectId"
          label={s.subject}
          required
          choose={s.choose}
          options={people}
        />
        <Select
          form={{ ...emptyForm, values: { kind: data.acting?.kind ?? "" } }}
          prefix="w"
          name="kind"
          label={s.task}
          required
          options={data.kinds.map((k) => [k, kindName(k)])}
        />
        <p>
          <button type="submit">{s.show}</button>
        </p>
      </form>
      {data.acting ? (
        <section aria-labelledby="acting-result" class="ok">
          <h3 id="acting-result">
            {s.actsNow(data.acting.assigneeName ?? s.hrQueue)}
            {data.acting.onBehalfOfName
              ? ` (${s.actsForLead(data.acting.assigneeName ?? s.hrQueue, data.acting.onBehalfOfName)}${data.acting.until ? `, ${s.until(d(data.acting.until, locale))}` : ""})`
              : ""}
          </h3>
          <p>{s.reasons}:</p>
          <ol>
            {data.acting.reasons.map((r) => (
              <li lang="en">{r}</li>
            ))}
          </ol>
        </section>
      ) : null}
    </ConsolePage>,
  );
}

// --- absence CSV import (a section of the absences page) -------------------------------------

export interface CsvImportState {
  csv: string;
  errors: Array<{ line: number; field: string; message: string }>;
  message?: string;
}

export function AbsenceImport(props: { locale: Locale; viewer: Viewer; state?: CsvImportState }) {
  const s = texts[props.locale];
  const state = props.state;
  const failed = !!state && (state.errors.length > 0 || !!state.message);
  return (
    <>
      <h2 id="import">{s.importAbsences}</h2>
      <p id="import-help">{s.importAbsencesHelp}</p>
      {failed ? (
        <div class="error" role="alert">
          <p>{state?.message ?? s.csvErrors}</p>
          {state?.errors.length ? (
            <section class="table" aria-label={s.csvErrors} tabindex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{s.line}</th>
                    <th scope="col">{s.field}</th>
                    <th scope="col">{s.problem}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.errors.map((e) => (
                    <tr>
                      <td>{e.line}</td>
                      <td>{e.field}</td>
                      <td lang="en">{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
        </div>
      ) : null}
      <form
        method="post"
        action="/console/absences/import"
        enctype="multipart/form-data"
        aria-labelledby="import"
      >
        <CsrfField viewer={props.viewer} />
        <label for="i-csv">{s.csv}</label>
        <textarea
          id="i-csv"
          name="csv"
          rows={6}
          aria-describedby="import-help"
          aria-invalid={failed ? "true" : undefined}
        >
          {state?.csv ?? ""}
        </textarea>
        <label for="i-file">{s.file}</label>
        <input type="file" id="i-file" name="file" accept=".csv,text/csv,text/plain" />
        <p>
          <button type="submit">{s.import}</button>
        </p>
      </form>
    </>
  );
}

// --- audit trail ----------------------------------------------------------------------------

export function auditPage(
  frame: Frame,
  data: { entityType: string; label: string; records: AuditRecord[]; back?: string },
  names: Names,
) {
  const { locale } = frame;
  const s = texts[locale];
  const what = `${s.entityTypes[data.entityType] ?? data.entityType} ${data.label}`;
  const actorName = (a: { id: string; name?: string } | undefined) =>
    a ? (a.name ?? (["system", "scheduler"].includes(a.id) ? a.id : names(a.id))) : "";
  return render(
    <ConsolePage frame={frame} title={s.auditTitle(what)}>
      <h1>{s.auditTitle(what)}</h1>
      <p>{s.auditIntro}</p>
      {data.back ? (
        <p>
          <a href={data.back}>{s.back}</a>
        </p>
      ) : null}
      {data.records.length === 0 ? (
        <p>{s.noAudit}</p>
      ) : (
        <Table label={s.audit}>
          <thead>
            <tr>
              <th scope="col">{s.at}</th>
              <th scope="col">{s.actor}</th>
              <th scope="col">{s.onBehalfOf}</th>
              <th scope="col">{s.action}</th>
              <th scope="col">{s.changedFields}</th>
            </tr>
          </thead>
          <tbody>
            {data.records.map((r) => (
              <tr>
                <td>{formatDateTime(r.at, locale)}</td>
                <td>{actorName(r.actor)}</td>
                <td>{actorName(r.onBehalfOf) || s.none}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td>{r.changes.length ? <code>{r.changes.join(", ")}</code> : s.none}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </ConsolePage>,
  );
}

// --- a lead's team --------------------------------------------------------------------------

export interface TeamMember {
  person: Employee;
  positionTitle?: string;
  probation?: CaseView;
  /** Their current (else latest) development conversation. */
  review?: ReviewView;
  /** Their trainings in a line: coming sessions, hours attended, follow-ups due. */
  trainings?: string;
}

export function teamPage(frame: Frame, members: TeamMember[]) {
  const { locale } = frame;
  const s = texts[locale];
  return render(
    <ConsolePage frame={frame} title={s.teamTitle}>
      <h1>{s.teamTitle}</h1>
      <p>{s.teamIntro}</p>
      {members.length === 0 ? (
        <p>{s.noTeam}</p>
      ) : (
        <Table label={s.teamTitle}>
          <thead>
            <tr>
              <th scope="col">{s.person}</th>
              <th scope="col">{s.position}</th>
              <th scope="col">{s.probation}</th>
              <th scope="col">{s.lastDay}</th>
              <th scope="col">{s.status}</th>
              <th scope="col">{s.review}</th>
              <th scope="col">{s.trTeamColumn}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr>
                <td>
                  <a href={`/console/people/${m.person.id}`}>{m.person.name}</a>
                </td>
                <td>{m.positionTitle ?? s.none}</td>
                <td>
                  {m.probation ? (
                    <a href={`/console/probations/${m.probation.id}`}>
                      {`${d(m.probation.startDate, locale)} – ${d(m.probation.endDate, locale)}`}
                    </a>
                  ) : (
                    s.noProbation
                  )}
                </td>
                <td>
                  {m.probation ? d(m.probation.endDate, locale) : s.none}
                  {m.probation && m.probation.extensionDays > 0 ? (
                    <>
                      <br />
                      <span class="tag">{`${s.extension}: ${s.days(m.probation.extensionDays)}`}</span>
                    </>
                  ) : null}
                </td>
                <td>{m.probation ? (s.caseStatus[m.probation.status] ?? m.probation.status) : s.none}</td>
                <td>
                  {m.review ? (
                    <a href={`/console/reviews/${m.review.id}`}>
                      {`${m.review.title[locale]}: ${reviewStageText(locale, m.review)}`}
                    </a>
                  ) : (
                    s.noReview
                  )}
                </td>
                <td>{m.trainings ?? s.trNoTrainings}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </ConsolePage>,
  );
}

// --- the dashboard's chart ------------------------------------------------------------------

export interface UnitCount {
  unitName: string;
  open: number;
  overdue: number;
}

/**
 * Overdue (and open) tasks per unit as a horizontal bar chart in server-side SVG, with the same
 * numbers in a table beside it. The SVG is one image to assistive technology (role="img", its
 * title and a description that lists the numbers); the table is the accessible reading.
 */
export function OverdueChart(props: { locale: Locale; rows: UnitCount[] }) {
  const s = texts[props.locale];
  const { rows } = props;
  if (rows.length === 0) return <p>{s.noOverdue}</p>;
  const max = Math.max(1, ...rows.map((r) => r.open));
  const labelWidth = 200;
  const barWidth = 260;
  const rowHeight = 34;
  const height = rows.length * rowHeight + 30;
  const width = labelWidth + barWidth + 60;
  const desc = s.chartDesc(rows.map((r) => `${r.unitName} ${r.overdue}/${r.open}`).join("; "));
  return (
    <div class="chart">
      <svg
        role="img"
        aria-labelledby="chart-title chart-desc"
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={`max-width:${width}px`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id="chart-title">{s.overdueByUnit}</title>
        <desc id="chart-desc">{desc}</desc>
        {rows.map((r, i) => {
          const y = i * rowHeight + 4;
          const open = Math.round((r.open / max) * barWidth);
          const overdue = Math.round((r.overdue / max) * barWidth);
          return (
            <g>
              <text x={labelWidth - 8} y={y + 19} text-anchor="end" font-size="14" fill="#1b1b1b">
                {r.unitName.length > 26 ? `${r.unitName.slice(0, 25)}…` : r.unitName}
              </text>
              <rect x={labelWidth} y={y + 4} width={Math.max(open, 1)} height={22} fill="#c9d7ee" />
              <rect x={labelWidth} y={y + 4} width={overdue} height={22} fill="#a00000" />
              <text x={labelWidth + Math.max(open, 1) + 6} y={y + 19} font-size="14" fill="#1b1b1b">
                {`${r.overdue} / ${r.open}`}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${labelWidth},${height - 14})`}>
          <rect width="12" height="12" y="-10" fill="#a00000" />
          <text x="16" font-size="12" fill="#1b1b1b">
            {s.overdue}
          </text>
          <rect x="120" width="12" height="12" y="-10" fill="#c9d7ee" />
          <text x="136" font-size="12" fill="#1b1b1b">
            {s.open}
          </text>
        </g>
      </svg>
      <section class="table" aria-label={s.overdueByUnit} tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{s.unit}</th>
              <th scope="col">{s.overdue}</th>
              <th scope="col">{s.open}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{r.unitName}</th>
                <td>{r.overdue}</td>
                <td>{r.open}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
