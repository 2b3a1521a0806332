// A task's form fields as both the email-link page and the console's task page render them: each
// field with its label, its help (tied to the input by aria-describedby) and its error beside it;
// a field that carries a `section` begins a titled part of the form (a <section> with an h2, so a
// long review form reads as its parts: each duty, competencies, goals, development, feedback);
// fields of one `group` (a goal: what, measure, due date) sit together in one fieldset.
// Radio options are full-width rows with a large target, so a long form is usable on a phone.
import type { FormField } from "../../core/forms";
import type { Locale } from "../../core/i18n";

/** The form-field part of a page's stylesheet (both the link pages' and the console's). */
export const FORM_FIELD_STYLE = `.form-section{border-top:2px solid #d5dbe5;margin-top:2rem;padding-top:.25rem}.form-section>h2{font-size:1.2rem;margin:.75rem 0 .25rem}
fieldset.group{border:0;border-left:4px solid #d5dbe5;padding:0 0 .5rem .75rem;margin:1rem 0 0}.group>label:first-child{margin-top:.25rem}
.opt{display:flex;gap:.6rem;align-items:flex-start;padding:.3rem 0}.opt input{flex:none;width:1.3rem;height:1.3rem;margin:.15rem 0 0}.opt label{display:block;margin:0;font-weight:400;flex:1}
.context{background:#f5f7fa;border-left:4px solid #8a9bb5;padding:.25rem 1rem;margin:1rem 0}.context dl{grid-template-columns:1fr}.context dd{white-space:pre-wrap;margin-bottom:.5rem}`;

type Values = Record<string, unknown>;

function Field(props: {
  locale: Locale;
  field: FormField;
  value: unknown;
  error?: string;
  required: string;
}) {
  const { locale, field: f } = props;
  const id = `f-${f.name}`;
  const value = typeof props.value === "string" ? props.value : "";
  const errorId = props.error ? `${id}-error` : undefined;
  const helpId = f.help ? `${id}-help` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(" ") || undefined;
  const invalid = props.error ? "true" : undefined;
  const label = (
    <>
      {f.label[locale]}
      {f.required ? (
        <>
          {" "}
          <span class="help">({props.required})</span>
        </>
      ) : null}
    </>
  );
  const help = f.help ? (
    <div class="help" id={helpId}>
      {f.help[locale]}
    </div>
  ) : null;
  const error = props.error ? (
    <p class="field-error" id={errorId}>
      {props.error}
    </p>
  ) : null;
  if (f.type === "choice") {
    return (
      <fieldset aria-invalid={invalid} aria-describedby={describedBy}>
        <legend>{label}</legend>
        {help}
        {error}
        {(f.options ?? []).map((o) => (
          <div class="opt">
            <input
              type="radio"
              id={`${id}-${o.value}`}
              name={f.name}
              value={o.value}
              checked={value === o.value}
              required={f.required}
            />
            <label class="choice" for={`${id}-${o.value}`}>
              {o.label[locale]}
            </label>
          </div>
        ))}
      </fieldset>
    );
  }
  const common = {
    id,
    name: f.name,
    required: f.required,
    "aria-invalid": invalid,
    "aria-describedby": describedBy,
  };
  return (
    <>
      <label for={id}>{label}</label>
      {help}
      {error}
      {f.type === "textarea" ? (
        <textarea {...common}>{value}</textarea>
      ) : (
        <input type={f.type === "date" ? "date" : "text"} value={value} {...common} />
      )}
    </>
  );
}

interface Part {
  title?: FormField["section"];
  /** Runs of fields: a lone field, or the fields of one group. */
  runs: Array<{ group?: string; fields: FormField[] }>;
}

/** The fields in their sections (a section runs until the next field that starts one), grouped. */
export function partsOf(fields: readonly FormField[]): Part[] {
  const parts: Part[] = [];
  let current: Part | undefined;
  for (const f of fields) {
    if (!current || f.section) {
      current = { title: f.section, runs: [] };
      parts.push(current);
    }
    const last = current.runs.at(-1);
    if (f.group && last?.group === f.group) last.fields.push(f);
    else current.runs.push({ group: f.group, fields: [f] });
  }
  return parts;
}

/** Every field of a form, in its sections and groups, with values and errors. */
export function FormFields(props: {
  locale: Locale;
  fields: readonly FormField[];
  values?: Values;
  errors?: Record<string, string>;
  /** "required" in the page's language. */
  required: string;
}) {
  const { locale } = props;
  const field = (f: FormField) => (
    <Field
      locale={locale}
      field={f}
      value={props.values?.[f.name]}
      error={props.errors?.[f.name]}
      required={props.required}
    />
  );
  const runs = (part: Part) =>
    part.runs.map((run) =>
      run.group && run.fields.length > 1 ? (
        <fieldset class="group" aria-label={run.fields[0]!.label[locale]}>
          {run.fields.map(field)}
        </fieldset>
      ) : (
        run.fields.map(field)
      ),
    );
  return (
    <>
      {partsOf(props.fields).map((part, i) =>
        part.title ? (
          <section class="form-section" aria-labelledby={`part-${i}`}>
            <h2 id={`part-${i}`}>{part.title[locale]}</h2>
            {runs(part)}
          </section>
        ) : (
          runs(part)
        ),
      )}
    </>
  );
}

/** Earlier answers of the case its holder needs beside the form (e.g. both assessments), as one list. */
export function CaseContext(props: {
  locale: Locale;
  label: string;
  entries: ReadonlyArray<{ label: Record<Locale, string>; value: Record<Locale, string> }> | undefined;
}) {
  if (!props.entries?.length) return null;
  return (
    <section class="context" aria-label={props.label}>
      <dl>
        {props.entries.map((c) => (
          <>
            <dt>{c.label[props.locale]}</dt>
            <dd>{c.value[props.locale]}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}
