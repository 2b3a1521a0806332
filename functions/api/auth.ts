// Bearer-token sign-in, in two steps.
//
// 1. The token: an OIDC token verified with jose against the issuer's keys (in AWS the HTTP API's
//    JWT authorizer checks it too). It must carry `sub`, `exp` and `iat`; `exp`, `nbf` and `iat`
//    are checked with a small leeway, and a token older than the maximum age is refused even if its
//    `exp` says otherwise. Roles come from a configurable claim.
// 2. The person: on every request the token's person must still be in the store and still hold
//    the role. The effective roles are the token's roles that the stored employee record also
//    has, so demoting or deleting someone takes effect within the cache's lifetime (30 s), not when
//    their token expires. Configured break-glass subjects hold `hr` without a record, so that the
//    first HR user can sign in to an empty system.
import type { MiddlewareHandler } from "hono";
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTPayload, jwtVerify } from "jose";
import { DomainError } from "../core/errors";
import { type Employee, Id, Role } from "../core/model";
import type { Clock, Logger, OrgStore } from "../core/ports";

/** The signed-in person with the roles they hold now. */
export interface Principal {
  subject: string;
  /** The employee record the token names; absent for a break-glass subject with no record. */
  employeeId?: string;
  email?: string;
  roles: Role[];
}

/** What a token says once its signature and times check out; not yet compared with the store. */
export interface TokenClaims {
  subject: string;
  employeeId: string;
  email?: string;
  emailVerified?: boolean;
  roles: Role[];
}

/** Step 1: checks a token's signature, issuer, audience and times. */
export interface ClaimsVerifier {
  claimsOf(token: string): Promise<TokenClaims>;
}

/** Steps 1 and 2: what the API's routes use (`requireRole`). */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

declare module "hono" {
  interface ContextVariableMap {
    principal: Principal;
  }
}

/** Leeway for `exp`, `nbf` and `iat` between the issuer's clock and ours. */
export const CLOCK_LEEWAY_SECONDS = 60;
/** Tokens issued longer ago than this are refused whatever their `exp` says. */
export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 12 * 3600;

function toClaims(payload: JWTPayload, rolesClaim: string): TokenClaims {
  const raw = payload[rolesClaim];
  const list = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(/[\s,]+/) : [];
  const roles = list.flatMap((r) => {
    const parsed = Role.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  const subject = payload.sub ?? "";
  return {
    subject,
    employeeId: typeof payload.employee_id === "string" ? payload.employee_id : subject,
    email: typeof payload.email === "string" ? payload.email : undefined,
    emailVerified: typeof payload.email_verified === "boolean" ? payload.email_verified : undefined,
    roles: [...new Set(roles)],
  };
}

export interface TokenRules {
  issuer: string;
  audience: string;
  rolesClaim?: string;
  maxTokenAgeSeconds?: number;
  /** Whose time the token's times are checked against (default: the system's). */
  clock?: Clock;
}

function verifierWith(keys: Parameters<typeof jwtVerify>[1], rules: TokenRules): ClaimsVerifier {
  return {
    async claimsOf(token) {
      try {
        const { payload } = await jwtVerify(token, keys as never, {
          issuer: rules.issuer,
          audience: rules.audience,
          algorithms: ["RS256", "ES256"],
          // A token without an expiry would be good forever; one without iat has no age.
          requiredClaims: ["sub", "exp", "iat"],
          clockTolerance: CLOCK_LEEWAY_SECONDS,
          // Also refuses an iat in the future (beyond the leeway).
          maxTokenAge: rules.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS,
          currentDate: rules.clock?.now(),
        });
        return toClaims(payload, rules.rolesClaim ?? "roles");
      } catch {
        // Never echo the token or jose's detail: it may contain claims.
        throw new DomainError("unauthorized", "The bearer token is invalid or expired.");
      }
    },
  };
}

export function oidcVerifier(
  options: TokenRules & {
    jwksUrl: string;
    rolesClaim: string;
  },
): ClaimsVerifier {
  if (!options.issuer || !options.jwksUrl) {
    return {
      claimsOf: async () => {
        throw new DomainError("unauthorized", "Sign-in is not configured (OIDC_ISSUER, OIDC_JWKS_URL).");
      },
    };
  }
  return verifierWith(createRemoteJWKSet(new URL(options.jwksUrl)), options);
}

export function localVerifier(jwks: JSONWebKeySet, rules: TokenRules): ClaimsVerifier {
  return verifierWith(createLocalJWKSet(jwks), rules);
}

/** A small map whose entries live `ttlMs` by the given clock, at most `max` of them (oldest go first). */
class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly max: number,
  ) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    const age = this.clock.now().getTime() - hit.at;
    // A clock that went backwards (age < 0) also invalidates: never trust an entry longer than ttl.
    if (age < 0 || age >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    while (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(key, { value, at: this.clock.now().getTime() });
  }
}

export interface PersonCheck {
  /** Where the people are: the store's employee records. */
  people: Pick<OrgStore, "getEmployee">;
  /** The cache's clock (default: the system's). */
  clock?: Clock;
  /** How long a looked-up person's roles are trusted; keep it short (default 30 s). */
  cacheTtlMs?: number;
  /** At most this many people cached (default 1,000). */
  cacheSize?: number;
  /**
   * Token subjects (or, with `email_verified: true`, emails) that hold `hr` even without an
   * employee record: how the first HR user signs in to an empty system. Their token must still
   * claim `hr`.
   */
  breakGlassHr?: readonly string[];
  logger?: Pick<Logger, "warn">;
}

export const DEFAULT_PERSON_CACHE_TTL_MS = 30_000;
const systemClock: Clock = { now: () => new Date() };

function breakGlassEntry(claims: TokenClaims, entries: readonly string[]): number {
  return entries.findIndex((entry) =>
    entry.includes("@")
      ? claims.emailVerified === true && claims.email?.toLowerCase() === entry.toLowerCase()
      : claims.subject === entry,
  );
}

/** The verifier the API uses: the token (step 1), then the person as the store has them now (step 2). */
export function personCheckedVerifier(tokens: ClaimsVerifier, check: PersonCheck): TokenVerifier {
  const clock = check.clock ?? systemClock;
  const cache = new ExpiringCache<{ roles: Role[] } | null>(
    clock,
    check.cacheTtlMs ?? DEFAULT_PERSON_CACHE_TTL_MS,
    check.cacheSize ?? 1000,
  );
  const breakGlass = check.breakGlassHr ?? [];

  const storedRoles = async (employeeId: string): Promise<Role[] | undefined> => {
    const cached = cache.get(employeeId);
    if (cached !== undefined) return cached?.roles;
    // An id the store could never hold (empty, too long, odd characters) is nobody; no lookup.
    const person: Employee | undefined = Id.safeParse(employeeId).success
      ? await check.people.getEmployee(employeeId)
      : undefined;
    cache.set(employeeId, person ? { roles: person.roles } : null);
    return person?.roles;
  };

  return {
    async verify(token) {
      const claims = await tokens.claimsOf(token);
      const stored = await storedRoles(claims.employeeId);
      const glass = breakGlassEntry(claims, breakGlass);
      if (stored === undefined && glass < 0) {
        // A valid token for someone the system does not (or no longer) know: no roles at all.
        throw new DomainError(
          "forbidden",
          "Your sign-in is valid, but you are not registered in the HR system (or no longer); ask HR.",
        );
      }
      const held = new Set<Role>([...(stored ?? []), ...(glass >= 0 ? (["hr"] as const) : [])]);
      const roles = claims.roles.filter((r) => held.has(r));
      if (glass >= 0 && roles.includes("hr")) {
        check.logger?.warn("break-glass HR sign-in", { entry: glass, registered: stored !== undefined });
      }
      return {
        subject: claims.subject,
        employeeId: stored === undefined ? undefined : claims.employeeId,
        email: claims.email,
        roles,
      };
    },
  };
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
