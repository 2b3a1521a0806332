// The console's frame: one language per page (html lang), a skip link, a header with the main
// menu (by role), the language switch and sign-out, one <main>; no scripts, one inline stylesheet
// that also fits a phone. hono/jsx escapes every value.
import type { Child } from "hono/jsx";
import type { Locale } from "../../core/i18n";
import type { Role } from "../../core/model";
import { FORM_FIELD_STYLE } from "../pages/form-fields";
import { documentOf } from "../pages/layout";
import { texts } from "./text";

export const CONSOLE_STYLE = `*{box-sizing:border-box}body{margin:0;font-family:system-ui,sans-serif;color:#1b1b1b;background:#fff;line-height:1.5}
a{color:#0b57d0}a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #f0a500;outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:2}.skip:focus{left:.5rem}
header{background:#1f3a5f;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
header a{color:#fff}header .app{font-weight:700;font-size:1.1rem;text-decoration:none}
header nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
header nav [aria-current=page]{font-weight:700;text-decoration:underline;text-underline-offset:.3em}
.who{margin-left:auto;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;font-size:.95rem}
.who form{display:inline;margin:0}.who button{background:transparent;color:#fff;border:1px solid #fff;padding:.2rem .6rem;margin:0}
main{max-width:64rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #ccc;vertical-align:top}
th{background:#f2f4f7}.table{overflow-x:auto}
button,.button{display:inline-block;background:#0b57d0;color:#fff;border:0;border-radius:4px;padding:.5rem 1rem;font:inherit;cursor:pointer;text-decoration:none;margin:.25rem 0}
button.danger{background:#a00000}progress{width:100%;max-width:24rem;height:1.25rem}button.secondary{background:#fff;color:#0b57d0;border:1px solid #0b57d0;padding:.2rem .6rem}
label{display:block;font-weight:600;margin-top:1rem}.help{color:#4a4a4a;font-size:.9rem;font-weight:400}
input,select,textarea{font:inherit;padding:.4rem;border:1px solid #6b6b6b;border-radius:4px;max-width:100%}
input[type=text],textarea,select{width:100%}textarea{min-height:7rem}fieldset{border:0;padding:0;margin:1rem 0 0}legend{font-weight:600}
.choice{display:inline;font-weight:400;margin:0}
.error{background:#fde8e8;border-left:4px solid #b00020;padding:.5rem 1rem}.field-error{color:#a00000;font-weight:600;margin:.2rem 0}
.ok{background:#e8f6ea;border-left:4px solid #1a7f37;padding:.5rem 1rem}.overdue{color:#a00000;font-weight:600}
.tag{display:inline-block;background:#eef2f8;color:#1f3a5f;border-radius:3px;padding:0 .4rem;font-size:.9rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
.people{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.75rem}
.people li{border:1px solid #ccc;border-radius:6px;padding:.75rem}.people form{margin:.5rem 0 0}
.dev{margin-top:3rem;border:2px dashed #8a5a00;border-radius:6px;padding:0 1rem 1rem;background:#fffaf0}
.lang [aria-current]{font-weight:700}
.tree{list-style:none;padding-left:0}.tree .tree{padding-left:1.25rem;border-left:3px solid #e3e7ee}
.chart{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;align-items:start}
.jd h3{font-size:1.05rem;margin-top:1.25rem}.duties>li{margin-bottom:.5rem}code{font-size:.9rem}
@media (max-width:40rem){.chart{grid-template-columns:1fr}.who{margin-left:0}h1{font-size:1.35rem}th,td{padding:.3rem}dl{grid-template-columns:1fr}}
${FORM_FIELD_STYLE}`;

/** Who is looking, as the pages need them. */
export interface Viewer {
  employeeId: string;
  name: string;
  roles: Role[];
  csrf: string;
}

export interface PageFrame {
  locale: Locale;
  /** The page's own path, for the language switch (its query is not kept). */
  path: string;
  viewer?: Viewer;
}

function LanguageSwitch(props: { locale: Locale; path: string }) {
  const s = texts[props.locale];
  return (
    <nav class="lang" aria-label={s.language}>
      {(["et", "en"] as const).map((l, i) => (
        <>
          {i > 0 ? " | " : ""}
          {l === props.locale ? (
            <span lang={l} aria-current="true">
              {s.languageNames[l]}
            </span>
          ) : (
            <a href={`${props.path}?lang=${l}`} hreflang={l} lang={l}>
              {s.languageNames[l]}
            </a>
          )}
        </>
      ))}
    </nav>
  );
}

/** The hidden field every console form carries (checked against the session's token). */
export const CsrfField = (props: { viewer: Viewer }) => (
  <input type="hidden" name="_csrf" value={props.viewer.csrf} />
);

function Menu(props: { frame: PageFrame; viewer: Viewer }) {
  const s = texts[props.frame.locale];
  const items: Array<[string, string]> = props.viewer.roles.includes("hr")
    ? [
        ["/console/dashboard", s.dashboard],
        ["/console/tasks", s.myTasks],
        ["/console/probations", s.probations],
        ["/console/hires", s.registerHire],
        ["/console/org", s.organisation],
        ["/console/absences", s.absences],
        ["/console/delegations", s.delegations],
        ["/console/cycles", s.cycles],
        ["/console/reviews", s.myReviews],
        ["/console/trainings", s.trNav],
        ["/console/access-log", s.accNav],
        ["/console/my-trainings", s.trMine],
        ["/console/info-summaries", s.isSummaries],
      ]
    : [
        ["/console/tasks", s.myTasks],
        ...(props.viewer.roles.includes("lead")
          ? ([
              ["/console/team", s.myTeam],
              ["/console/delegations", s.myDelegations],
            ] as Array<[string, string]>)
          : []),
        ["/console/reviews", s.myReviews],
        ["/console/my-trainings", s.trMine],
        ...(props.viewer.roles.includes("lead")
          ? ([
              ["/console/trainings", s.trGiven],
              ["/console/info-sessions", s.isNav],
            ] as Array<[string, string]>)
          : []),
        ["/console/info-summaries", s.isSummaries],
        [`/console/people/${props.viewer.employeeId}`, s.myRecord],
      ];
  return (
    <nav aria-label={s.nav}>
      <ul>
        {items.map(([href, label]) => (
          <li>
            <a href={href} aria-current={props.frame.path === href ? "page" : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ConsolePage(props: {
  frame: PageFrame;
  title: string;
  /** Reload the page every N seconds (a launch in progress); no script needed. */
  refreshSeconds?: number;
  children?: Child;
}) {
  const { frame } = props;
  const s = texts[frame.locale];
  const viewer = frame.viewer;
  return (
    <html lang={frame.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="robots" content="noindex" />
        {props.refreshSeconds ? <meta http-equiv="refresh" content={String(props.refreshSeconds)} /> : null}
        <title>{`${props.title} · ${s.app}`}</title>
        <style dangerouslySetInnerHTML={{ __html: CONSOLE_STYLE }} />
      </head>
      <body>
        <a class="skip" href="#main">
          {s.skip}
        </a>
        <header>
          <a class="app" href={viewer ? "/console/" : "/"}>
            {s.app}
          </a>
          {viewer ? <Menu frame={frame} viewer={viewer} /> : null}
          <div class="who">
            <LanguageSwitch locale={frame.locale} path={frame.path} />
            {viewer ? (
              <>
                <span>
                  {s.signedInAs}: {viewer.name} ({viewer.roles.map((r) => s.roles[r] ?? r).join(", ")})
                </span>
                <form method="post" action="/console/logout">
                  <CsrfField viewer={viewer} />
                  <button type="submit">{s.logout}</button>
                </form>
              </>
            ) : null}
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}

export const render = (node: unknown) => documentOf(node);

/** A page that only says something: refusals, not found, a failed sign-in. */
export function messageDocument(
  frame: PageFrame,
  title: string,
  text: string,
  link?: { href: string; label: string },
) {
  return render(
    <ConsolePage frame={frame} title={title}>
      <h1>{title}</h1>
      <p class="error">{text}</p>
      {link ? (
        <p>
          <a href={link.href}>{link.label}</a>
        </p>
      ) : null}
    </ConsolePage>,
  );
}
