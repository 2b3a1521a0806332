// A training participant's links from their invitation mail: the calendar file
// (`/ics/training/{token}`: the invitation while they are seated, its cancellation once the seat is
// gone) and the page where they confirm or ask for another session (`/t/{token}`). As with task
// links, GET and HEAD only render (mail scanners open every link); the answer is a POST from the
// page, checked for where it comes from and carrying the page's nonce.
import { Hono } from "hono";
import { formatDate } from "../core/i18n";
import { issueNonce, nonceIsValid } from "../core/links";
import { TRAINING_CONFIRM_PURPOSE, TRAINING_INVITE_PURPOSE, verifySeatLink } from "../core/record-links";
import { answerInvitation, seatView, trainingInvite } from "../core/usecases/trainings";
import type { ApiDeps } from "./deps";
import { fromAnotherSite, MAX_FORM_BYTES } from "./link-pages";
import { pageSecurityHeaders } from "./pages/headers";

type Locale = "et" | "en";

const TEXT = {
  et: {
    invalid: "See link ei kehti.",
    closed: "See koolitusaeg ei ole enam avatud.",
    confirm: "Kinnitan osalemise",
    another: "Palun muud aega",
    confirmed: "Aitäh, osalemine on kinnitatud.",
    moved: "Teid tõsteti järgmisele vabale koolitusajale; uus kutse tuli kirjaga.",
    none: "Teist vaba koolitusaega ei ole; soov on kirjas ja kutse jääb kehtima.",
    status: "Olek",
    states: { invited: "kinnitamata", confirmed: "kinnitatud", asked_to_move: "palus muud aega" },
    refused: "Vormi ei saanud lugeda; avage link uuesti.",
  },
  en: {
    invalid: "This link is not valid.",
    closed: "This session is no longer open.",
    confirm: "I will attend",
    another: "Please offer another session",
    confirmed: "Thank you, your attendance is confirmed.",
    moved: "You were moved to the next session with a free seat; the new invitation came by mail.",
    none: "There is no other session with a free seat; your wish is recorded and the invitation stands.",
    status: "Status",
    states: { invited: "not confirmed", confirmed: "confirmed", asked_to_move: "asked for another session" },
    refused: "The form could not be read; open the link again.",
  },
} as const;

const Page = (props: { locale: Locale; title: string; children?: unknown }) => (
  <html lang={props.locale}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{props.title}</title>
    </head>
    <body>
      <main>
        <h1>{props.title}</h1>
        {props.children}
      </main>
    </body>
  </html>
);

const nonceKey = (claims: { caseId: string; employeeId: string }) =>
  `training:${claims.caseId}:${claims.employeeId}`;

export function trainingPages(deps: ApiDeps) {
  const app = new Hono();
  app.use("/t/*", pageSecurityHeaders());

  app.get("/ics/training/:token", async (c) => {
    const claims = verifySeatLink(deps.config.linkSigningKey, c.req.param("token"), TRAINING_INVITE_PURPOSE);
    if (!claims || claims.expiresAt.getTime() < deps.clock.now().getTime())
      return c.text("This link is not valid.", 404);
    const ics = await trainingInvite(deps, claims.caseId, claims.employeeId);
    if (!ics) return c.text("No such session.", 404);
    return c.body(ics.content, 200, {
      "Content-Type": ics.contentType,
      "Content-Disposition": `attachment; filename="${ics.filename}"`,
      "Cache-Control": "no-store",
    });
  });

  const read = async (token: string) => {
    const claims = verifySeatLink(deps.config.linkSigningKey, token, TRAINING_CONFIRM_PURPOSE);
    if (!claims || claims.expiresAt.getTime() < deps.clock.now().getTime()) return undefined;
    const view = await seatView(deps, claims.caseId, claims.employeeId);
    if (!view) return undefined;
    const person = await deps.store.getEmployee(claims.employeeId);
    const locale: Locale = person?.locale ?? "et";
    return { claims, view, locale };
  };

  app.get("/t/:token", async (c) => {
    const found = await read(c.req.param("token"));
    if (!found) return c.html(<Page locale="et" title={TEXT.et.invalid} />, 404);
    const { view, locale, claims } = found;
    const t = TEXT[locale];
    const { session, title } = view.case.data;
    const heading = `${title[locale]}: ${formatDate(session.date, locale)} ${session.start}–${session.end}`;
    const open = !view.cancelled && view.seat.status === "seated" && view.case.status === "active";
    if (!open)
      return c.html(
        <Page locale={locale} title={heading}>
          <p>{t.closed}</p>
        </Page>,
        410,
      );
    const nonce = issueNonce(deps.config.linkSigningKey, nonceKey(claims), deps.clock.now());
    return c.html(
      <Page locale={locale} title={heading}>
        <p>{session.place ?? session.videoUrl}</p>
        <p>
          {t.status}: {t.states[view.seat.confirmation]}
        </p>
        <form method="post">
          <input type="hidden" name="nonce" value={nonce} />
          <button type="submit" name="answer" value="confirm">
            {t.confirm}
          </button>{" "}
          <button type="submit" name="answer" value="another">
            {t.another}
          </button>
        </form>
      </Page>,
    );
  });

  app.post("/t/:token", async (c) => {
    const found = await read(c.req.param("token"));
    if (!found) return c.html(<Page locale="et" title={TEXT.et.invalid} />, 404);
    const { claims, locale } = found;
    const t = TEXT[locale];
    const sentFrom = { origin: c.req.header("origin"), fetchSite: c.req.header("sec-fetch-site") };
    if (fromAnotherSite(sentFrom, c.req.url, deps.config.publicBaseUrl))
      return c.html(<Page locale={locale} title={t.refused} />, 403);
    if (!(c.req.header("content-type") ?? "").startsWith("application/x-www-form-urlencoded"))
      return c.html(<Page locale={locale} title={t.refused} />, 415);
    if (Number(c.req.header("content-length") ?? 0) > MAX_FORM_BYTES)
      return c.html(<Page locale={locale} title={t.refused} />, 413);
    const form = new URLSearchParams(await c.req.text());
    const answer = form.get("answer");
    if (
      !nonceIsValid(
        deps.config.linkSigningKey,
        nonceKey(claims),
        form.get("nonce") ?? "",
        deps.clock.now(),
      ) ||
      (answer !== "confirm" && answer !== "another")
    )
      return c.html(<Page locale={locale} title={t.refused} />, 400);
    const result = await answerInvitation(deps, claims.caseId, claims.employeeId, answer);
    const message =
      result.state === "confirmed"
        ? t.confirmed
        : result.state === "moved"
          ? t.moved
          : result.state === "no_other_session"
            ? t.none
            : t.closed;
    return c.html(<Page locale={locale} title={message} />, result.state === "closed" ? 410 : 200);
  });

  return app;
}
