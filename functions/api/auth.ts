// Bearer-token sign-in: OIDC tokens verified with jose against the issuer's JWKS (in AWS the HTTP
// API's JWT authorizer checks them too). Roles come from a configurable claim.
import type { MiddlewareHandler } from "hono";
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTPayload, jwtVerify } from "jose";
import { DomainError } from "../core/errors";
import { Role } from "../core/model";

export interface Principal {
  subject: string;
  employeeId?: string;
  email?: string;
  roles: Role[];
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

declare module "hono" {
  interface ContextVariableMap {
    principal: Principal;
  }
}

function toPrincipal(payload: JWTPayload, rolesClaim: string): Principal {
  const raw = payload[rolesClaim];
  const list = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(/[\s,]+/) : [];
  const roles = list.flatMap((r) => {
    const parsed = Role.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  const employeeId = typeof payload.employee_id === "string" ? payload.employee_id : payload.sub;
  return {
    subject: payload.sub ?? "",
    employeeId,
    email: typeof payload.email === "string" ? payload.email : undefined,
    roles,
  };
}

function verifierWith(
  keys: Parameters<typeof jwtVerify>[1],
  options: { issuer: string; audience: string; rolesClaim?: string },
): TokenVerifier {
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keys as never, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ["RS256", "ES256"],
        });
        return toPrincipal(payload, options.rolesClaim ?? "roles");
      } catch {
        // Never echo the token or jose's detail: it may contain claims.
        throw new DomainError("unauthorized", "The bearer token is invalid or expired.");
      }
    },
  };
}

export function oidcVerifier(options: {
  issuer: string;
  audience: string;
  jwksUrl: string;
  rolesClaim: string;
}): TokenVerifier {
  if (!options.issuer || !options.jwksUrl) {
    return {
      verify: async () => {
        throw new DomainError("unauthorized", "Sign-in is not configured (OIDC_ISSUER, OIDC_JWKS_URL).");
      },
    };
  }
  return verifierWith(createRemoteJWKSet(new URL(options.jwksUrl)), options);
}

export function localVerifier(jwks: JSONWebKeySet, issuer: string, audience: string): TokenVerifier {
  return verifierWith(createLocalJWKSet(jwks), { issuer, audience });
}

/** Requires a valid bearer token with one of the roles; puts the principal on the context. */
export function requireRole(verifier: TokenVerifier, ...roles: Role[]): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      c.header("WWW-Authenticate", "Bearer");
      throw new DomainError("unauthorized", "Sign in: this route needs a bearer token.");
    }
    const principal = await verifier.verify(match[1]!);
    if (!principal.roles.some((r) => roles.includes(r))) {
      throw new DomainError("forbidden", `This route needs the role ${roles.join(" or ")}.`);
    }
    c.set("principal", principal);
    await next();
  };
}
