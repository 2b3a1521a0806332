// The console's session: one signed cookie (HMAC, hono/cookie) holding who signed in, the roles
// their sign-in claimed, a per-session CSRF token and the chosen language. HttpOnly, SameSite=Lax,
// Secure except on http://127.0.0.1 or localhost (the local system). The roles that count are
// re-read from the person's employee record on every request (see app.ts), so a demotion takes
// effect at once. The cookie's key is derived from the link-signing key: no new secret to deploy.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getCookie, getSignedCookie, setCookie, setSignedCookie } from "hono/cookie";
import type { CookieOptions } from "hono/utils/cookie";
import { z } from "zod";
import { isLocale, type Locale } from "../../core/i18n";
import { Id, Role } from "../../core/model";

export const SESSION_COOKIE = "hr_session";
/** The language of someone not signed in (the start page). */
export const LANG_COOKIE = "hr_lang";
/** The OIDC round trip's state, nonce and PKCE verifier, for ten minutes. */
export const OIDC_COOKIE = "hr_oidc";
/** A session lasts a working day; then sign in again. */
export const SESSION_SECONDS = 8 * 3600;

const SessionData = z.object({
  sub: Id,
  roles: z.array(Role),
  csrf: z.string().min(20),
  lang: z.enum(["et", "en"]).optional(),
  /** Seconds since the epoch, by the real clock (never the local system's virtual one). */
  exp: z.number().int(),
});
export type SessionData = z.infer<typeof SessionData>;

export const sessionKey = (linkSigningKey: string) =>
  createHmac("sha256", linkSigningKey).update("hr-console-session-v1").digest("base64url");

/** http://127.0.0.1, http://localhost and http://[::1]: the only origins that get no Secure flag. */
export function isLocalHttp(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname);
  } catch {
    return false;
  }
}

export const cookieOptions = (c: Context, maxAge: number, path = "/"): CookieOptions => ({
  httpOnly: true,
  sameSite: "Lax",
  secure: !isLocalHttp(c.req.url),
  path,
  maxAge,
});

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const decode = (value: string): unknown => {
  try {
    return JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
};

/** Reads a signed JSON cookie; undefined for none, a forged or damaged one, or the wrong shape. */
export async function readSignedJson<T>(
  c: Context,
  key: string,
  name: string,
  schema: z.ZodType<T>,
): Promise<T | undefined> {
  const raw = await getSignedCookie(c, key, name).catch(() => false);
  if (typeof raw !== "string") return undefined;
  const parsed = schema.safeParse(decode(raw));
  return parsed.success ? parsed.data : undefined;
}

export const writeSignedJson = (c: Context, key: string, name: string, value: unknown, opts: CookieOptions) =>
  setSignedCookie(c, name, encode(value), key, opts);

export async function readSession(c: Context, key: string): Promise<SessionData | undefined> {
  const session = await readSignedJson(c, key, SESSION_COOKIE, SessionData);
  if (!session || session.exp * 1000 <= Date.now()) return undefined;
  return session;
}

export function newSession(sub: string, roles: Role[], lang?: Locale): SessionData {
  return {
    sub,
    roles,
    csrf: randomBytes(24).toString("base64url"),
    lang,
    exp: Math.floor(Date.now() / 1000) + SESSION_SECONDS,
  };
}

export async function writeSession(c: Context, key: string, session: SessionData): Promise<void> {
  const remaining = Math.max(0, session.exp - Math.floor(Date.now() / 1000));
  await writeSignedJson(c, key, SESSION_COOKIE, session, cookieOptions(c, remaining));
}

export function endSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: !isLocalHttp(c.req.url) });
}

/** The language remembered without a session (a year; not a secret, so not signed). */
export function rememberedLang(c: Context): Locale | undefined {
  const value = getCookie(c, LANG_COOKIE);
  return isLocale(value) ? value : undefined;
}

export const rememberLang = (c: Context, lang: Locale) =>
  setCookie(c, LANG_COOKIE, lang, { ...cookieOptions(c, 365 * 86_400) });

/** The form's CSRF token equals the session's (constant time). */
export function csrfTokenMatches(session: SessionData, given: unknown): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
