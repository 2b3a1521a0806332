// The frame of the pages reached from a mail: one language per page (html lang), no scripts, one
// inline stylesheet, and a switch to the other language that keeps the page's link.
import type { Child } from "hono/jsx";
import type { Locale } from "../../core/i18n";
import { FORM_FIELD_STYLE } from "./form-fields";

export const PAGE_STYLE = `body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}
label,legend{display:block;font-weight:600;margin-top:1rem}textarea,input[type=date],input[type=text]{width:100%;box-sizing:border-box;padding:.4rem;font:inherit}
textarea{min-height:7rem}.help{color:#555;font-size:.9rem}.error{background:#fde8e8;border-left:4px solid #c00;padding:.5rem 1rem}
.field-error{color:#a00;font-weight:600;margin:.2rem 0}.ok{background:#e8f6ea;border-left:4px solid #1a7f37;padding:.5rem 1rem}
.meta{color:#555}button{margin-top:1.5rem;padding:.6rem 1.4rem;font:inherit}fieldset{border:0;padding:0;margin:0}
.choice{display:inline;font-weight:400}nav.lang{text-align:right;font-size:.9rem}nav.lang [aria-current]{font-weight:700}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
${FORM_FIELD_STYLE}`;

const LANGUAGE_NAMES: Record<Locale, string> = { et: "Eesti keeles", en: "In English" };
const SWITCH_LABEL: Record<Locale, string> = { et: "Keel", en: "Language" };

/**
 * Links to this page in each language. `path` is the page's own path (its token included); the
 * query carries nothing else. Each name is marked with its own language, for screen readers.
 */
function LanguageSwitch(props: { locale: Locale; path: string }) {
  return (
    <nav class="lang" aria-label={SWITCH_LABEL[props.locale]}>
      {(["et", "en"] as const).map((l, i) => (
        <>
          {i > 0 ? " | " : ""}
          {l === props.locale ? (
            <span lang={l} aria-current="page">
              {LANGUAGE_NAMES[l]}
            </span>
          ) : (
            <a href={`${props.path}?lang=${l}`} hreflang={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </a>
          )}
        </>
      ))}
    </nav>
  );
}

export function Page(props: { locale: Locale; title: string; switchPath?: string; children?: Child }) {
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{props.title}</title>
        <style dangerouslySetInnerHTML={{ __html: PAGE_STYLE }} />
      </head>
      <body>
        {props.switchPath ? <LanguageSwitch locale={props.locale} path={props.switchPath} /> : null}
        {props.children}
      </body>
    </html>
  );
}

/** A page as the HTML document a response carries. The components are synchronous. */
export const documentOf = (node: unknown): string => `<!doctype html>${String(node)}`;
