// Local-only pages and endpoints (mounted at /dev, never in AWS): start page, mail outbox,
// virtual clock, dev sign-in, demo hire, executions.
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { VirtualClock } from "../adapters/clock";
import type { LocalWorkflowEngine } from "../adapters/local-engine/engine";
import type { OutboxMailer } from "../adapters/mail/outbox-mailer";
import { tallinnDate } from "../core/calendar";
import type { Deps } from "../core/deps";
import { escapeHtml as e } from "../core/mails";
import { Id, Instant } from "../core/model";
import { registerHire } from "../core/usecases/probation";
import { asProbation } from "../core/workflows/probation";
import { vacantDemoPosition } from "./demo/org";
import type { DevAuth } from "./dev-auth";

export interface DevContext {
  deps: Deps;
  clock: VirtualClock;
  outbox: OutboxMailer;
  engine: LocalWorkflowEngine;
  devAuth: DevAuth;
  sweepNow(): Promise<unknown>;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd}form{display:inline}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}</style></head><body><p><a href="/dev/">Start</a> · <a href="/dev/outbox">Outbox</a> · <a href="/dev/sign-in">Sign-in</a> · <a href="/openapi.json">API</a></p>${body}</body></html>`;

const linkify = (text: string) => e(text).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');

/** A number, or its digits as a form field sends them; never a boolean or null coerced to one. */
const amount = (max: number) =>
  z
    .union([
      z.number(),
      z
        .string()
        .regex(/^\d+(\.\d+)?$/, "must be a number")
        .transform(Number),
    ])
    .pipe(z.number().min(0).max(max));

const ClockChange = z
  .object({ days: amount(3650).optional(), hours: amount(24 * 3650).optional(), to: Instant.optional() })
  .refine((c) => c.days !== undefined || c.hours !== undefined || c.to !== undefined, {
    message: "give days, hours or to",
    path: ["days"],
  });

const SignIn = z.object({ employeeId: Id });

const validationError = (error: z.ZodError) => {
  const issue = error.issues[0]!;
  const field = issue.path.join(".") || "body";
  return { error: { code: "validation", field, message: `${field}: ${issue.message}` } };
};

/** A JSON or form body as an object; anything else (null, a number, bad JSON) as an empty one. */
async function bodyOf(c: Context): Promise<Record<string, unknown>> {
  const isJson = (c.req.header("content-type") ?? "").includes("json");
  const body: unknown = isJson
    ? await c.req.json().catch(() => ({}))
    : await c.req.parseBody().catch(() => ({}));
  return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export function devRoutes(ctx: DevContext) {
  const app = new Hono({ strict: false });
  // Every dev form is a few fields.
  app.use(
    "*",
    bodyLimit({
      maxSize: 16 * 1024,
      onError: (c) =>
        c.json({ error: { code: "too_large", field: "body", message: "body: larger than 16 KB" } }, 413),
    }),
  );

  app.get("/", async (c) => {
    const now = ctx.clock.now();
    const hires = (await ctx.deps.store.listEmployees()).filter(
      (x) => x.startDate >= tallinnDate(new Date(now.getTime() - 200 * 86_400_000)),
    );
    const rows = (
      await Promise.all(
        hires.map(async (h) => {
          const p = asProbation((await ctx.deps.store.listCases(h.id, "probation"))[0]);
          return p
            ? `<tr><td>${e(h.name)}</td><td>${p.data.startDate}</td><td>${p.data.endDate}</td><td>${p.status}${p.outcome ? ` (${p.outcome.decision})` : ""}</td><td><a href="/dev/probations/${p.id}">details</a></td></tr>`
            : "";
        }),
      )
    ).join("");
    return c.html(
      page(
        "HR workflows (local)",
        `<h1>HR workflows: local system</h1>
<p>Virtual time: <b>${now.toISOString()}</b> (Tallinn date ${tallinnDate(now)})</p>
<h2>Try first</h2>
<ol><li><form method="post" action="/dev/demo-hire"><button>Register a demo hire</button></form></li>
<li><form method="post" action="/dev/clock/next"><button>Advance to the next task</button></form> (the virtual clock jumps to the day the next timer fires: the lead's mid-probation conversation opens)</li>
<li>Open the <a href="/dev/outbox">outbox</a>: the lead got one mail with the link to the conversation's form.</li></ol>
<p>Or move the clock yourself: ${[1, 7, 30].map((d) => `<form method="post" action="/dev/clock"><input type="hidden" name="days" value="${d}"><button>Advance ${d} day${d > 1 ? "s" : ""}</button></form>`).join(" ")}
</p><form method="post" action="/dev/sweep"><button>Run scheduler now</button></form>
<h2>Probations</h2><table><tr><th>Employee</th><th>Start</th><th>Last day</th><th>Status</th><th></th></tr>${rows}</table>
<p>Mails the system sent are in the <a href="/dev/outbox">outbox</a>. HR API calls need a token from <a href="/dev/sign-in">dev sign-in</a>.</p>`,
      ),
    );
  });

  app.get("/probations/:id", async (c) => {
    const probation = await ctx.deps.store.getCase(c.req.param("id"));
    if (!probation) return c.notFound();
    const tasks = await ctx.deps.store.listTasks({ caseId: probation.id });
    const timers = await ctx.deps.store.listTimers({ caseId: probation.id });
    const execution = probation.executionId ? await ctx.engine.describe(probation.executionId) : undefined;
    return c.html(
      page(
        "Probation",
        `<h1>Probation ${e(probation.id)}</h1><pre>${e(JSON.stringify({ probation, timers: timers.map(({ callback: _c, ...t }) => t), tasks: tasks.map(({ callback: _c, links: _l, answers: _a, ...t }) => t), execution }, null, 2))}</pre>`,
      ),
    );
  });

  app.get("/outbox", async (c) => {
    const mails = await ctx.outbox.list();
    const rows = mails
      .map(
        (m) =>
          `<tr><td>${e(m.sentAt.replace("T", " ").slice(0, 19))}</td><td>${e(m.to)}</td><td><a href="/dev/outbox/${e(m.id)}">${e(m.subject)}</a></td><td>${e(m.tag)}</td></tr>`,
      )
      .join("");
    return c.html(
      page(
        "Outbox",
        `<h1>Outbox (${mails.length})</h1><table><tr><th>Sent (real time)</th><th>To</th><th>Subject</th><th>Kind</th></tr>${rows}</table>`,
      ),
    );
  });

  app.get("/outbox.json", async (c) => c.json(await ctx.outbox.list()));

  app.get("/outbox/:id", async (c) => {
    const mail = await ctx.outbox.get(c.req.param("id")).catch(() => undefined);
    if (!mail) return c.notFound();
    return c.html(
      page(
        mail.subject,
        `<h1>${e(mail.subject)}</h1><p>To: ${e(mail.to)} · <a href="/dev/outbox/${e(mail.id)}/raw">.eml</a></p><pre>${linkify(mail.text)}</pre>`,
      ),
    );
  });

  app.get("/outbox/:id/raw", async (c) => {
    const raw = await ctx.outbox.raw(c.req.param("id")).catch(() => undefined);
    if (!raw) return c.notFound();
    return c.body(new Uint8Array(raw), 200, { "Content-Type": "message/rfc822" });
  });

  app.get("/clock", (c) => c.json({ now: ctx.clock.now().toISOString(), offsetMs: ctx.clock.offsetMs }));

  app.post("/clock", async (c) => {
    const isJson = (c.req.header("content-type") ?? "").includes("json");
    const parsed = ClockChange.safeParse(await bodyOf(c));
    if (!parsed.success) return c.json(validationError(parsed.error), 400);
    const { days = 0, hours = 0, to } = parsed.data;
    if (to && new Date(to) < ctx.clock.now()) {
      // Timers that fired cannot un-fire: the virtual clock only moves forward.
      const message = `to: must not be before the virtual clock's now (${ctx.clock.now().toISOString()}); it only moves forward`;
      return c.json({ error: { code: "validation", field: "to", message } }, 400);
    }
    if (to) await ctx.clock.set(new Date(to));
    else await ctx.clock.advance((days * 24 + hours) * 3_600_000);
    const report = await ctx.sweepNow();
    if (!isJson) return c.redirect("/dev/");
    return c.json({ now: ctx.clock.now().toISOString(), sweep: report });
  });

  // The first-run story: to the moment the next timer fires, so a task opens and is not yet overdue.
  app.post("/clock/next", async (c) => {
    const isJson = (c.req.header("content-type") ?? "").includes("json");
    // A hire registered a moment ago may not have reached its first timer yet: let it get there.
    await ctx.engine.whenIdle();
    const [next] = await ctx.deps.store.listWaitingTimersDueBy("2200-01-01T00:00:00Z");
    if (!next) {
      const message = "nothing is waiting: register a hire first";
      return isJson
        ? c.json({ error: { code: "conflict", field: "clock", message: `clock: ${message}` } }, 409)
        : c.html(page("Nothing waiting", `<p>${e(message)}.</p>`), 409);
    }
    const to = new Date(Date.parse(next.dueAt) + 60_000);
    if (to > ctx.clock.now()) await ctx.clock.set(to);
    const report = await ctx.sweepNow();
    if (!isJson) return c.redirect("/dev/");
    return c.json({ now: ctx.clock.now().toISOString(), sweep: report });
  });

  app.post("/sweep", async (c) => {
    const report = await ctx.sweepNow();
    return (c.req.header("content-type") ?? "").includes("json") ? c.json(report) : c.redirect("/dev/");
  });

  app.post("/demo-hire", async (c) => {
    const positionId = await vacantDemoPosition(ctx.deps.store);
    if (!positionId)
      return c.html(page("No vacancy", "<p>All demo specialist positions are filled.</p>"), 409);
    const n = Date.now().toString(36).slice(-5);
    await registerHire(
      ctx.deps,
      { id: "dev-console", name: "Dev console" },
      {
        id: `hire-${n}`,
        name: `Uus Töötaja ${n.toUpperCase()}`,
        email: `uus.${n}@example.ee`,
        locale: "et",
        positionId,
        startDate: tallinnDate(ctx.clock.now()),
        regime: "TLS",
      },
    );
    // The start page then shows the probation with its first timer set.
    await ctx.engine.whenIdle();
    return c.redirect("/dev/");
  });

  app.get("/sign-in", async (c) => {
    const people = await ctx.deps.store.listEmployees();
    const rows = people
      .map(
        (p) =>
          `<tr><td>${e(p.name)}</td><td>${e(p.roles.join(", "))}</td><td><form method="post" action="/dev/sign-in"><input type="hidden" name="employeeId" value="${e(p.id)}"><button>Get token</button></form></td></tr>`,
      )
      .join("");
    return c.html(
      page(
        "Dev sign-in",
        `<h1>Dev sign-in</h1><p>Local mode only: issues a bearer token for a demo person.</p><table>${rows}</table>`,
      ),
    );
  });

  app.post("/sign-in", async (c) => {
    const isJson = (c.req.header("content-type") ?? "").includes("json");
    const parsed = SignIn.safeParse(await bodyOf(c));
    if (!parsed.success) return c.json(validationError(parsed.error), 400);
    const person = await ctx.deps.store.getEmployee(parsed.data.employeeId);
    if (!person)
      return c.json(
        { error: { code: "validation", field: "employeeId", message: "employeeId: unknown person" } },
        400,
      );
    const token = await ctx.devAuth.issueToken({
      employeeId: person.id,
      email: person.email,
      roles: person.roles,
    });
    if (isJson) return c.json({ token, roles: person.roles });
    return c.html(
      page(
        "Token",
        `<h1>Token for ${e(person.name)}</h1><pre>${e(token)}</pre><pre>curl -H "Authorization: Bearer ${e(token)}" ${e(ctx.deps.config.publicBaseUrl)}/api/me</pre>`,
      ),
    );
  });

  return app;
}
