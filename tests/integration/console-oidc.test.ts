// Console sign-in in AWS mode: the authorization code flow with PKCE against a tiny OpenID
// Connect provider run by the test on loopback (discovery, authorize, token, JWKS), never the
// internet. The provider checks the PKCE verifier against the challenge and the client secret;
// the console checks state and nonce and that the person is in the store with the role.
import { createHash, randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { generateSignedCookie } from "hono/cookie";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app";
import { oidcClient } from "../../functions/api/console/oidc";
import { OIDC_COOKIE, sessionKey } from "../../functions/api/console/session";
import { createDevAuth } from "../../functions/local/dev-auth";
import { createHarness, type Harness } from "../support/api-harness";

const CLIENT_ID = "hr-console";
const CLIENT_SECRET = "console-secret-for-tests";

interface Grant {
  challenge: string;
  nonce: string;
  redirectUri: string;
}

async function startProvider() {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256", use: "sig" };
  const grants = new Map<string, Grant>();
  const seen = { tokenRequests: 0, refusedVerifiers: 0, authorize: [] as URLSearchParams[] };
  /** Who "signs in" at the provider next, and what their token claims. */
  const next = { sub: "helena-org", roles: ["hr"] as string[] };
  const app = new Hono();
  let issuer = "";
  app.get("/.well-known/openid-configuration", (c) =>
    c.json({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["ES256"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic"],
    }),
  );
  app.get("/jwks", (c) => c.json({ keys: [jwk] }));
  app.get("/authorize", (c) => {
    const q = new URL(c.req.url).searchParams;
    seen.authorize.push(q);
    if (q.get("client_id") !== CLIENT_ID || q.get("response_type") !== "code")
      return c.text("bad client", 400);
    if (q.get("code_challenge_method") !== "S256" || !q.get("code_challenge"))
      return c.text("PKCE required", 400);
    const code = randomBytes(16).toString("base64url");
    grants.set(code, {
      challenge: q.get("code_challenge")!,
      nonce: q.get("nonce") ?? "",
      redirectUri: q.get("redirect_uri")!,
    });
    const back = new URL(q.get("redirect_uri")!);
    back.searchParams.set("code", code);
    back.searchParams.set("state", q.get("state") ?? "");
    return c.redirect(back.href, 302);
  });
  app.post("/token", async (c) => {
    seen.tokenRequests++;
    // client_secret_basic: both parts form-urlencoded, then base64 (RFC 6749 § 2.3.1).
    const basic = /^Basic (.+)$/.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
    const [id, secret] = Buffer.from(basic, "base64").toString().split(":").map(decodeURIComponent);
    if (id !== CLIENT_ID || secret !== CLIENT_SECRET) return c.json({ error: "invalid_client" }, 401);
    const body = await c.req.parseBody();
    const grant = grants.get(String(body.code));
    grants.delete(String(body.code));
    if (!grant || body.redirect_uri !== grant.redirectUri) return c.json({ error: "invalid_grant" }, 400);
    const challenge = createHash("sha256")
      .update(String(body.code_verifier ?? ""))
      .digest("base64url");
    if (challenge !== grant.challenge) {
      seen.refusedVerifiers++;
      return c.json({ error: "invalid_grant", error_description: "PKCE verification failed" }, 400);
    }
    const idToken = await new SignJWT({
      nonce: grant.nonce,
      roles: next.roles,
      email: `${next.sub}@example.ee`,
      email_verified: true,
    })
      .setProtectedHeader({ alg: "ES256", kid: "k1" })
      .setIssuer(issuer)
      .setAudience(CLIENT_ID)
      .setSubject(next.sub)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);
    return c.json({ access_token: "opaque", token_type: "Bearer", expires_in: 300, id_token: idToken });
  });
  const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((ok) => (server.listening ? ok() : server.once("listening", () => ok())));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    seen,
    next,
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

let h: Harness;
let provider: Awaited<ReturnType<typeof startProvider>>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  h = await createHarness("console-oidc");
  provider = await startProvider();
  const devAuth = await createDevAuth();
  app = createApp(
    { ...h.deps, auth: devAuth.verifier(h.tables.store) },
    {
      console: {
        oidc: oidcClient({ issuer: provider.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }),
      },
    },
  );
});

afterAll(async () => {
  await provider?.stop();
});

const base = "http://hr.test"; // the harness's publicBaseUrl
const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0];

/** /console/login, then the provider's authorize endpoint: the callback URL and the round trip's cookie. */
async function toCallback() {
  const login = await app.request(`${base}/console/login`);
  expect(login.status).toBe(302);
  const pending = cookieOf(login, OIDC_COOKIE)!;
  const authorize = await fetch(login.headers.get("location")!, { redirect: "manual" });
  expect(authorize.status).toBe(302);
  return { callback: new URL(authorize.headers.get("location")!), pending, login };
}

describe("console sign-in with OpenID Connect (code flow + PKCE)", () => {
  it("login sends S256 PKCE, state and nonce, and keeps them in an HttpOnly cookie", async () => {
    const { login, callback } = await toCallback();
    const to = new URL(login.headers.get("location")!);
    expect(to.origin).toBe(provider.issuer);
    expect(to.searchParams.get("code_challenge_method")).toBe("S256");
    expect(to.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(to.searchParams.get("state")).toBeTruthy();
    expect(to.searchParams.get("nonce")).toBeTruthy();
    expect(to.searchParams.get("redirect_uri")).toBe(`${base}/console/callback`);
    expect(to.searchParams.get("scope")).toContain("openid");
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith(`${OIDC_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // The verifier never leaves the server except to the token endpoint.
    expect(login.headers.get("location")).not.toContain("code_verifier");
    expect(callback.pathname).toBe("/console/callback");
  });

  it("the callback redeems the code with the verifier and signs the person in", async () => {
    const { callback, pending } = await toCallback();
    // https: the session cookie is Secure (only http://127.0.0.1 and localhost go without).
    const res = await app.request(`https://hr.example.ee${callback.pathname}${callback.search}`, {
      headers: { cookie: pending },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/console/");
    const session = res.headers.getSetCookie().find((c) => c.startsWith("hr_session="))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Secure/i);
    const dashboard = await app.request("https://hr.example.ee/console/dashboard", {
      headers: { cookie: session.split(";")[0]! },
    });
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain("Helena Org");
  });

  it("a callback whose state does not match is refused and signs nobody in", async () => {
    const { callback, pending } = await toCallback();
    callback.searchParams.set("state", "forged-state-forged-state");
    const res = await app.request(`${base}${callback.pathname}${callback.search}`, {
      headers: { cookie: pending },
    });
    expect(res.status).toBe(400);
    expect(cookieOf(res, "hr_session")).toBeUndefined();
  });

  it("a callback without the round trip's cookie is refused", async () => {
    const { callback } = await toCallback();
    const res = await app.request(`${base}${callback.pathname}${callback.search}`);
    expect(res.status).toBe(400);
    expect(cookieOf(res, "hr_session")).toBeUndefined();
  });

  it("the provider refuses a wrong PKCE verifier, and the console signs nobody in", async () => {
    const { callback, pending } = await toCallback();
    const value = decodeURIComponent(pending.split("=").slice(1).join("="));
    const data = JSON.parse(Buffer.from(value.slice(0, value.lastIndexOf(".")), "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...data, verifier: "x".repeat(64) })).toString("base64url");
    const cookie = (
      await generateSignedCookie(OIDC_COOKIE, forged, sessionKey(h.deps.config.linkSigningKey))
    ).split(";")[0]!;
    const refusedBefore = provider.seen.refusedVerifiers;
    const res = await app.request(`${base}${callback.pathname}${callback.search}`, { headers: { cookie } });
    expect(res.status).toBe(400);
    expect(provider.seen.refusedVerifiers).toBe(refusedBefore + 1);
    expect(cookieOf(res, "hr_session")).toBeUndefined();
  });

  it("a valid sign-in of someone not in the HR system gets a 403 page", async () => {
    provider.next.sub = "stranger";
    try {
      const { callback, pending } = await toCallback();
      const res = await app.request(`${base}${callback.pathname}${callback.search}`, {
        headers: { cookie: pending },
      });
      expect(res.status).toBe(403);
      expect(cookieOf(res, "hr_session")).toBeUndefined();
    } finally {
      provider.next.sub = "helena-org";
    }
  });

  it("a role the token claims but the record does not hold does not count", async () => {
    provider.next.sub = "mari-maasikas";
    provider.next.roles = ["hr", "employee"];
    try {
      const { callback, pending } = await toCallback();
      const res = await app.request(`${base}${callback.pathname}${callback.search}`, {
        headers: { cookie: pending },
      });
      expect(res.status).toBe(303);
      const session = cookieOf(res, "hr_session")!;
      const dashboard = await app.request(`${base}/console/dashboard`, { headers: { cookie: session } });
      expect(dashboard.status).toBe(403);
    } finally {
      provider.next.sub = "helena-org";
      provider.next.roles = ["hr"];
    }
  });
});
