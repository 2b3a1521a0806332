// The email-link pages: the task's form, and every other state of a link or a submission, in the
// reader's language only. No scripts, one inline stylesheet; hono/jsx escapes every value.
import type { DomainError } from "../../core/errors";
import { answerIssues, answerMessage } from "../../core/forms";
import { formatDate, formatDateTime, type Locale } from "../../core/i18n";
import type { LinkState } from "../../core/usecases/tasks";
import { CaseContext, FormFields } from "./form-fields";
import { documentOf, Page } from "./layout";

type OpenView = Extract<LinkState, { state: "open" }>;

const t = {
  et: {
    invalid: [
      "Link ei kehti",
      "Seda linki ei leitud või see on vigane. Kontrollige, et kopeerisite kogu lingi.",
    ],
    expired: [
      "Link on aegunud",
      "Selle lingi kehtivus on lõppenud. Saame saata uue lingi teie e-posti aadressile, mis meil on kirjas.",
    ],
    renewSent: ["Uus link on teel", "Saatsime uue lingi teie e-posti aadressile. Vana link enam ei kehti."],
    renewWait: [
      "Uus link on juba saadetud",
      "Saatsime teile uue lingi alles hiljuti; vaadake oma postkasti. Uue lingi saab küsida kord tunnis.",
    ],
    renew: "Saada mulle uus link",
    cancelled: ["Ülesanne on tühistatud", "Seda ülesannet ei ole enam vaja täita."],
    superseded: ["Ülesanne on edasi antud", "Seda ülesannet täidab nüüd teine inimene."],
    completed: ["Ülesanne on juba täidetud", "Selle ülesande on keegi juba täitnud."],
    done: ["Aitäh!", "Vastus on salvestatud. Võite lehe sulgeda."],
    foreign: [
      "Vormi ei saa siit saata",
      "Vorm saadeti teiselt veebilehelt. Avage link oma e-kirjast ja saatke vorm selle lehelt.",
    ],
    tooLarge: [
      "Vastus on liiga pikk",
      "Vormi andmed on suuremad kui lubatud 64 KB. Minge tagasi, lühendage vastuseid ja saatke uuesti.",
    ],
    unreadable: [
      "Vormi ei õnnestunud lugeda",
      "Saadetud andmeid ei saanud lugeda. Link kehtib: avage see uuesti ja saatke vorm selle lehelt.",
    ],
    supersededBy: (name: string, until?: string) =>
      `Seda ülesannet täidab nüüd ${name}${until ? ` (kuni ${until})` : ""}.`,
    completedBy: (name: string, at?: string) => `Selle ülesande täitis ${name}${at ? `, ${at}` : ""}.`,
    due: "Tähtaeg",
    about: "Töötaja",
    probationEnd: "Katseaja viimane päev",
    submit: "Saada",
    required: "kohustuslik",
    context: "Varasemad vastused",
    fix: "Palun parandage vormis järgmist:",
    staleForm: "Vorm on aegunud või ei pärine sellelt lehelt. Vaadake vastused üle ja saatke vorm uuesti.",
    signInNeeded:
      "lepingu lõpetamiseks katseajal peab olema sisse logitud; lingi kaudu seda otsust teha ei saa. Võtke ühendust personaliosakonnaga.",
    tooLate: (end?: string) =>
      `katseaja viimane päev ${end ? `oli ${end}` : "on möödas"}; lepingut ei saa enam katseaja ebarahuldava tulemuse tõttu lõpetada (TLS § 96).`,
    notSaved: "Vastust ei õnnestunud salvestada. Vaadake vastused üle ja proovige uuesti.",
  },
  en: {
    invalid: [
      "This link is not valid",
      "The link was not found or is damaged. Check that you copied all of it.",
    ],
    expired: [
      "This link has expired",
      "The link is no longer valid. We can mail a new one to the e-mail address we have for you.",
    ],
    renewSent: [
      "A new link is on its way",
      "We mailed a new link to your e-mail address. The old link no longer works.",
    ],
    renewWait: [
      "A new link was sent already",
      "We mailed you a new link a short while ago; check your inbox. A new link can be asked for once an hour.",
    ],
    renew: "Send me a new link",
    cancelled: ["This task was cancelled", "The task no longer needs to be done."],
    superseded: ["This task was handed over", "Someone else now does this task."],
    completed: ["This task is already done", "Someone has already completed this task."],
    done: ["Thank you!", "Your answer is saved. You can close this page."],
    foreign: [
      "The form cannot be sent from here",
      "The form was sent from another website. Open the link from your email and submit the form on its page.",
    ],
    tooLarge: [
      "The answer is too long",
      "The form's data is larger than the 64 KB allowed. Go back, shorten your answers and submit again.",
    ],
    unreadable: [
      "The form could not be read",
      "The data sent could not be read. The link is still valid: open it again and submit the form on its page.",
    ],
    supersededBy: (name: string, until?: string) =>
      `The task is now with ${name}${until ? ` (until ${until})` : ""}.`,
    completedBy: (name: string, at?: string) => `It was completed by ${name}${at ? `, ${at}` : ""}.`,
    due: "Due",
    about: "Employee",
    probationEnd: "Last day of probation",
    submit: "Submit",
    required: "required",
    context: "Earlier answers",
    fix: "Please correct the following:",
    staleForm:
      "The form has expired or did not come from this page. Check your answers and submit the form again.",
    signInNeeded:
      "ending a contract during probation needs sign-in; this decision cannot be made through the link. Please contact HR.",
    tooLate: (end?: string) =>
      `the last day of probation ${end ? `was ${end}` : "has passed"}; the contract can no longer be ended for an unsatisfactory probation (TLS § 96).`,
    notSaved: "The answer could not be saved. Check your answers and try again.",
  },
} as const;

/** What a page without a form says: the link's state, a saved answer, or why a POST was refused. */
export type PageMessage =
  | Exclude<LinkState["state"], "open">
  | "done"
  | "renewSent" // a fresh link was mailed
  | "renewWait" // one was mailed within the hour
  | "foreign" // 403: posted from another site
  | "tooLarge" // 413
  | "unreadable"; // 400/415: not a form, or a damaged one

/** The sentence that says who has the task now, or who did it and when, in the reader's terms. */
function detailOf(locale: Locale, view: LinkState | undefined): string | undefined {
  const s = t[locale];
  if (view?.state === "superseded")
    return s.supersededBy(view.currentAssigneeName, view.until && formatDate(view.until, locale));
  if (view?.state === "completed")
    return s.completedBy(view.completedByName, view.completedAt && formatDateTime(view.completedAt, locale));
  return undefined;
}

export function messagePage(
  locale: Locale,
  state: PageMessage,
  options: { view?: LinkState; switchPath?: string; renewAction?: string } = {},
): string {
  const [title, general] = t[locale][state];
  const text = detailOf(locale, options.view) ?? general;
  const ok = state === "done" || state === "renewSent" || state === "renewWait";
  return documentOf(
    <Page locale={locale} title={title} switchPath={options.switchPath}>
      <h1>{title}</h1>
      <p class={ok ? "ok" : "error"}>{text}</p>
      {state === "expired" && options.renewAction ? (
        <form method="post" action={options.renewAction}>
          <button type="submit">{t[locale].renew}</button>
        </form>
      ) : null}
    </Page>,
  );
}

/** What a refused submission shows: one message per field, named by its label, and a summary. */
export interface FormErrors {
  summary: string[];
  byField: Record<string, string>;
}

/**
 * Why a submission was refused, in the reader's language. The domain's messages are English (the
 * JSON API's); the page says the same from the error's field and code, or, for the answers,
 * from the form's own validation of what was sent.
 */
export function submissionErrors(
  locale: Locale,
  view: OpenView,
  error: Pick<DomainError, "code" | "field" | "details">,
  body: Record<string, unknown>,
): FormErrors {
  const s = t[locale];
  const labelOf = (name: string) => view.form.fields.find((f) => f.name === name)?.label[locale] ?? name;
  if (error.field === "nonce") return { summary: [s.staleForm], byField: {} };
  if (error.code === "validation") {
    const issues = answerIssues(view.task.kind, body, view.task.form);
    if (issues.length) {
      const messages = issues.map((issue) => [issue.field, answerMessage(view.form, issue, locale)] as const);
      return { summary: messages.map(([, m]) => m), byField: Object.fromEntries(messages) };
    }
  }
  // A date outside the window the case allows (e.g. a conversation "held" before the start).
  const window = error.details as { earliest?: string; latest?: string } | undefined;
  if (error.code === "validation" && error.field && window?.earliest && window.latest) {
    const issue = {
      field: error.field,
      problem: "outOfRange" as const,
      min: window.earliest,
      max: window.latest,
    };
    const message = answerMessage(view.form, issue, locale);
    return { summary: [message], byField: { [error.field]: message } };
  }
  if (error.field === "decision") {
    const reason =
      error.code === "forbidden"
        ? s.signInNeeded
        : s.tooLate(view.caseEndsOn && formatDate(view.caseEndsOn, locale));
    const message = `${labelOf("decision")}: ${reason}`;
    return { summary: [message], byField: { decision: message } };
  }
  return { summary: [s.notSaved], byField: {} };
}

export function formPage(
  locale: Locale,
  view: OpenView,
  options: { action: string; switchPath?: string; values?: Record<string, unknown>; errors?: FormErrors },
): string {
  const s = t[locale];
  const form = view.form;
  const values = options.values ?? {};
  const errors = options.errors;
  return documentOf(
    <Page locale={locale} title={form.title[locale]} switchPath={options.switchPath}>
      <h1>{form.title[locale]}</h1>
      <p class="meta">
        {s.about}: {view.subjectName}
        <br />
        {s.due}: {formatDate(view.task.dueDate, locale)}
        {view.caseEndsOn ? (
          <>
            <br />
            {s.probationEnd}: {formatDate(view.caseEndsOn, locale)}
          </>
        ) : null}
      </p>
      <p>{form.intro[locale]}</p>
      <CaseContext locale={locale} label={s.context} entries={view.context} />
      {errors?.summary.length ? (
        <div class="error" role="alert">
          <p>{s.fix}</p>
          <ul>
            {errors.summary.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={options.action}>
        <input type="hidden" name="nonce" value={view.nonce} />
        <FormFields
          locale={locale}
          fields={form.fields}
          values={values}
          errors={errors?.byField}
          required={s.required}
        />
        <button type="submit">{s.submit}</button>
      </form>
    </Page>,
  );
}
