// The console as a browser sees it, for tests through app.request: the app with the local dev
// sign-in on the harness's store, a session cookie with its CSRF token, and GET/POST of forms.
import { expect } from "vitest";
import { createApp } from "../../functions/api/app";
import { createDevAuth } from "../../functions/local/dev-auth";
import type { Harness } from "./api-harness";

export const CONSOLE_BASE = "http://hr.test";

export interface ConsoleSession {
  cookie: string;
  csrf: string;
}

export async function consoleClient(h: Harness) {
  const base = CONSOLE_BASE;
  const devAuth = await createDevAuth();
  const app = createApp(
    { ...h.deps, auth: devAuth.verifier(h.tables.store) },
    {
      console: {
        devSignIn: async (employeeId) => {
          const person = await h.deps.store.getEmployee(employeeId);
          return person && devAuth.issueToken({ employeeId, email: person.email, roles: person.roles });
        },
      },
    },
  );

  /** Signs in through the dev chooser; the CSRF token comes from a page's form. */
  async function signIn(employeeId: string): Promise<ConsoleSession> {
    const res = await app.request(`${base}/console/dev-sign-in`, {
      method: "POST",
      headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ employeeId }).toString(),
    });
    expect(res.status).toBe(303);
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith("hr_session="))!
      .split(";")[0]!;
    const page = await (await app.request(`${base}/console/tasks?lang=et`, { headers: { cookie } })).text();
    return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! };
  }

  const get = (session: ConsoleSession, path: string) =>
    app.request(`${base}${path}`, { headers: { cookie: session.cookie } });

  /** A form POST with the session's CSRF token (`csrf: null` leaves it out) from `origin`. */
  function post(
    session: ConsoleSession,
    path: string,
    fields: Record<string, string | string[]>,
    options: { origin?: string; csrf?: string | null } = {},
  ) {
    const token = options.csrf === undefined ? session.csrf : options.csrf;
    const entries = Object.entries(fields).flatMap(([k, v]) =>
      Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]],
    );
    if (token !== null) entries.push(["_csrf", token]);
    return app.request(`${base}${path}`, {
      method: "POST",
      headers: {
        cookie: session.cookie,
        origin: options.origin ?? base,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(entries).toString(),
    });
  }

  return { app, signIn, get, post };
}
