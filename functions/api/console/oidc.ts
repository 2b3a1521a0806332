// Console sign-in in AWS: OpenID Connect authorization code flow with PKCE (S256), state and
// nonce, through openid-client against the configured issuer. The round trip's secrets (PKCE
// verifier, state, nonce) wait in a signed, HttpOnly cookie for ten minutes; the ID token that
// comes back is checked by openid-client (signature via the issuer's JWKS, issuer, audience,
// nonce, times) before its claims name the person.
import * as client from "openid-client";
import { z } from "zod";
import { isLocalHttp } from "./session";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Confidential client (client_secret_basic); without one, a public client with PKCE only. */
  clientSecret?: string;
  /** Where the roles are in the ID token (default `roles`). */
  rolesClaim?: string;
  /** Tests: the HTTP client to reach the issuer with. */
  fetch?: typeof fetch;
}

/** What the cookie keeps between /console/login and /console/callback. */
export const PendingSignIn = z.object({
  state: z.string().min(16),
  nonce: z.string().min(16),
  verifier: z.string().min(43),
});
export type PendingSignIn = z.infer<typeof PendingSignIn>;

export interface IdClaims {
  subject: string;
  employeeId: string;
  email?: string;
  emailVerified?: boolean;
  roles: string[];
}

export interface OidcClient {
  /** The issuer's authorization URL for a new sign-in, and what to keep until the callback. */
  start(redirectUri: string): Promise<{ url: URL; pending: PendingSignIn }>;
  /** Checks the callback (state), redeems the code (PKCE verifier) and checks the ID token (nonce). */
  finish(callbackUrl: URL, pending: PendingSignIn): Promise<IdClaims>;
}

export function oidcClient(settings: OidcSettings): OidcClient {
  let config: Promise<client.Configuration> | undefined;
  const load = () => {
    config ??= client.discovery(
      new URL(settings.issuer),
      settings.clientId,
      undefined,
      settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
      {
        // Plain http only for an issuer on this machine (tests, a local Keycloak).
        execute: isLocalHttp(settings.issuer) ? [client.allowInsecureRequests] : [],
        ...(settings.fetch ? { [client.customFetch]: settings.fetch } : {}),
      },
    );
    // A failed discovery (issuer down) must not stick for the container's life.
    config.catch(() => {
      config = undefined;
    });
    return config;
  };
  return {
    async start(redirectUri) {
      const pending = {
        verifier: client.randomPKCECodeVerifier(),
        state: client.randomState(),
        nonce: client.randomNonce(),
      };
      const url = client.buildAuthorizationUrl(await load(), {
        redirect_uri: redirectUri,
        scope: "openid email profile",
        code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: "S256",
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url, pending };
    },
    async finish(callbackUrl, pending) {
      const tokens = await client.authorizationCodeGrant(await load(), callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error("no ID token");
      const raw = claims[settings.rolesClaim ?? "roles"];
      const roles = Array.isArray(raw)
        ? raw.filter((r): r is string => typeof r === "string")
        : typeof raw === "string"
          ? raw.split(/[\s,]+/)
          : [];
      return {
        subject: claims.sub,
        employeeId: typeof claims.employee_id === "string" ? claims.employee_id : claims.sub,
        email: typeof claims.email === "string" ? claims.email : undefined,
        emailVerified: typeof claims.email_verified === "boolean" ? claims.email_verified : undefined,
        roles,
      };
    },
  };
}
