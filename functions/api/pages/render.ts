// Server-rendered HTML for the email-link pages: no scripts, one inline stylesheet, every value escaped.
import type { FormDefinition, FormField } from "../../core/forms";
import { escapeHtml as e } from "../../core/mails";
import type { Locale } from "../../core/model";
import type { LinkState } from "../../core/usecases/tasks";

const style = `body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}
label{display:block;font-weight:600;margin-top:1rem}textarea,input[type=date]{width:100%;box-sizing:border-box;padding:.4rem;font:inherit}
textarea{min-height:7rem}.help{color:#555;font-size:.9rem}.error{background:#fde8e8;border-left:4px solid #c00;padding:.5rem 1rem}
.ok{background:#e8f6ea;border-left:4px solid #1a7f37;padding:.5rem 1rem}.meta{color:#555}button{margin-top:1.5rem;padding:.6rem 1.4rem;font:inherit}
fieldset{border:0;padding:0;margin:0}`;

const t = {
  et: {
    invalid: [
      "Link ei kehti",
      "Seda linki ei leitud või see on vigane. Kontrollige, et kopeerisite kogu lingi.",
    ],
    expired: ["Link on aegunud", "Selle lingi kehtivus on lõppenud. Küsige personaliosakonnalt uut linki."],
    cancelled: ["Ülesanne on tühistatud", "Seda ülesannet ei ole enam vaja täita."],
    superseded: ["Ülesanne on edasi antud", "Seda ülesannet täidab nüüd"],
    completed: ["Ülesanne on juba täidetud", "Selle ülesande täitis"],
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
    due: "Tähtaeg",
    about: "Töötaja",
    probationEnd: "Katseaja viimane päev",
    submit: "Saada",
    required: "kohustuslik",
    at: "kell",
  },
  en: {
    invalid: [
      "This link is not valid",
      "The link was not found or is damaged. Check that you copied all of it.",
    ],
    expired: ["This link has expired", "The link is no longer valid. Ask HR for a new one."],
    cancelled: ["This task was cancelled", "The task no longer needs to be done."],
    superseded: ["This task was handed over", "The task is now with"],
    completed: ["This task is already done", "It was completed by"],
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
    due: "Due",
    about: "Employee",
    probationEnd: "Last day of probation",
    submit: "Submit",
    required: "required",
    at: "at",
  },
} as const;

export const pageLocale = (requested: string | undefined, fallback: Locale): Locale =>
  requested === "en" || requested === "et" ? requested : fallback;

function layout(locale: Locale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${e(title)}</title><style>${style}</style></head><body>${body}</body></html>`;
}

/** What a page without a form says: the link's state, a saved answer, or why a POST was refused. */
export type PageMessage =
  | Exclude<LinkState["state"], "open">
  | "done"
  | "foreign" // 403: posted from another site
  | "tooLarge" // 413
  | "unreadable"; // 400/415: not a form, or a damaged one

export function messagePage(locale: Locale, state: PageMessage, detail?: string): string {
  const [title, text] = t[locale][state];
  const rest = detail ? ` ${e(detail)}.` : "";
  const cls = state === "done" ? "ok" : "error";
  return layout(locale, title, `<h1>${e(title)}</h1><p class="${cls}">${e(text)}${rest}</p>`);
}

function field(locale: Locale, f: FormField, value: unknown): string {
  const id = `f-${f.name}`;
  const label = `<label for="${id}">${e(f.label[locale])}${f.required ? ` <span class="help">(${t[locale].required})</span>` : ""}</label>`;
  const help = f.help ? `<div class="help">${e(f.help[locale])}</div>` : "";
  const v = typeof value === "string" ? value : "";
  const req = f.required ? " required" : "";
  switch (f.type) {
    case "textarea":
      return `${label}${help}<textarea id="${id}" name="${f.name}"${req}>${e(v)}</textarea>`;
    case "date":
      return `${label}${help}<input type="date" id="${id}" name="${f.name}" value="${e(v)}"${req}>`;
    case "text":
      return `${label}${help}<input type="text" id="${id}" name="${f.name}" value="${e(v)}"${req}>`;
    case "choice":
      return `<fieldset><legend>${label}</legend>${help}${(f.options ?? [])
        .map(
          (o) =>
            `<div><input type="radio" id="${id}-${o.value}" name="${f.name}" value="${e(o.value)}"${v === o.value ? " checked" : ""}${req}> <label style="display:inline;font-weight:400" for="${id}-${o.value}">${e(o.label[locale])}</label></div>`,
        )
        .join("")}</fieldset>`;
  }
}

export function formPage(
  locale: Locale,
  view: Extract<LinkState, { state: "open" }>,
  action: string,
  values: Record<string, unknown> = {},
  error?: string,
): string {
  const form: FormDefinition = view.form;
  const s = t[locale];
  const meta = [
    `${s.about}: ${e(view.subjectName)}`,
    `${s.due}: ${e(view.task.dueDate)}`,
    ...(view.probationEndDate ? [`${s.probationEnd}: ${e(view.probationEndDate)}`] : []),
  ].join("<br>");
  const context = view.context
    .map((c) => `<h2>${e(c.label[locale])}</h2><p style="white-space:pre-wrap">${e(c.value[locale])}</p>`)
    .join("");
  const body = `<h1>${e(form.title[locale])}</h1><p class="meta">${meta}</p><p>${e(form.intro[locale])}</p>${context}${
    error ? `<p class="error" role="alert">${e(error)}</p>` : ""
  }<form method="post" action="${e(action)}"><input type="hidden" name="nonce" value="${e(view.nonce)}">${form.fields
    .map((f) => field(locale, f, values[f.name]))
    .join("")}<button type="submit">${s.submit}</button></form>`;
  return layout(locale, form.title[locale], body);
}

/** A validation message for the reader: the field's own label in their language, then the reason. */
export function fieldMessage(
  locale: Locale,
  form: FormDefinition,
  field: string | undefined,
  message: string,
): string {
  const label = form.fields.find((f) => f.name === field)?.label[locale];
  if (!label) return message;
  const reason = message.replace(/^[^:]*:\s*/, "");
  if (reason === "is required") return locale === "et" ? `${label}: kohustuslik väli` : `${label}: required`;
  return `${label}: ${reason}`;
}
