// Sign-in through the API on DynamoDB Local: the token's times (exp required, nbf, iat, maximum
// age, leeway), the person checked against the store on every request (demoted or deleted people
// lose access once the short cache lapses), break-glass HR for an empty system, and errors that
// never echo the token or its claims.
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app";
import {
  localVerifier,
  type PersonCheck,
  personCheckedVerifier,
  type TokenVerifier,
} from "../../functions/api/auth";
import type { Deps } from "../../functions/core/deps";
import type { Employee } from "../../functions/core/model";
import type { Logger } from "../../functions/core/ports";
import { seedDemoOrganisation } from "../../functions/local/demo/org";
import { createDevAuth } from "../../functions/local/dev-auth";
import { idleEngine, silentLogger, testConfig } from "../support/deps";
import { createTestTable } from "../support/dynamo";

const ISSUER = "https://login.test";
const AUDIENCE = "hr-workflows";

let deps: Deps;
let signingKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
let publicJwk: Awaited<ReturnType<typeof exportJWK>>;
/** The sign-in's clock: token times and the person cache both read it. */
let authNow = new Date("2026-11-02T08:00:00Z");
const authClock = { now: () => authNow };
const at = (offsetSeconds = 0) => Math.floor(authNow.getTime() / 1000) + offsetSeconds;

beforeAll(async () => {
  const { store } = await createTestTable("auth");
  deps = {
    store,
    clock: { now: () => new Date("2026-11-02T08:00:00Z") },
    engine: idleEngine,
    logger: silentLogger,
    mailer: { send: async () => {} },
    config: testConfig(),
  };
  await seedDemoOrganisation(store);
  const pair = await generateKeyPair("ES256", { extractable: true });
  signingKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "ES256" };
});

beforeEach(() => {
  authNow = new Date(authNow.getTime() + 3_600_000); // a fresh cache window for every test
});

function appWith(check: Partial<PersonCheck> = {}, store: PersonCheck["people"] = deps.store) {
  const verifier: TokenVerifier = personCheckedVerifier(
    localVerifier({ keys: [publicJwk] }, { issuer: ISSUER, audience: AUDIENCE, clock: authClock }),
    { people: store, clock: authClock, ...check },
  );
  return createApp({ ...deps, auth: verifier });
}

/** Signs exactly the claims given (nothing added), so tests can leave out exp or iat. */
const sign = (claims: JWTPayload) =>
  new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: "k1" }).sign(signingKey);

const tokenFor = (employeeId: string, roles: string[], extra: JWTPayload = {}) =>
  sign({
    iss: ISSUER,
    aud: AUDIENCE,
    sub: employeeId,
    roles,
    iat: at(),
    exp: at(3600),
    ...extra,
  });

const get = (app: ReturnType<typeof appWith>, path: string, token: string) =>
  app.request(path, { headers: { authorization: `Bearer ${token}` } });

describe("token times", () => {
  it("refuses a token without exp, although it is signed and otherwise valid", async () => {
    const app = appWith();
    const { exp: _exp, ...rest } = {
      iss: ISSUER,
      aud: AUDIENCE,
      sub: "helena-org",
      roles: ["hr"],
      iat: at(),
      exp: 0,
    };
    const forever = await sign(rest);
    const res = await get(app, "/api/units", forever);
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(text).not.toContain(forever);
    expect(text).not.toContain("helena");
    expect(JSON.parse(text)).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("refuses a token without iat, with iat in the future, or older than the maximum age", async () => {
    const app = appWith();
    const base = { iss: ISSUER, aud: AUDIENCE, sub: "helena-org", roles: ["hr"], exp: at(3600) };
    expect((await get(app, "/api/units", await sign(base))).status).toBe(401);
    expect((await get(app, "/api/units", await sign({ ...base, iat: at(300) }))).status).toBe(401);
    // Within the 60 s leeway a slightly fast issuer clock is fine.
    expect((await get(app, "/api/units", await sign({ ...base, iat: at(30) }))).status).toBe(200);
    // An exp far away does not keep an old token alive: the maximum age (12 h) wins.
    const old = await sign({ ...base, iat: at(-13 * 3600), exp: at(10 * 24 * 3600) });
    expect((await get(app, "/api/units", old)).status).toBe(401);
  });

  it("checks exp and nbf with a 60 s leeway", async () => {
    const app = appWith();
    const t = (extra: JWTPayload) => tokenFor("helena-org", ["hr"], { iat: at(-600), ...extra });
    expect((await get(app, "/api/units", await t({ exp: at(-30) }))).status).toBe(200);
    expect((await get(app, "/api/units", await t({ exp: at(-120) }))).status).toBe(401);
    expect((await get(app, "/api/units", await t({ nbf: at(30) }))).status).toBe(200);
    expect((await get(app, "/api/units", await t({ nbf: at(300) }))).status).toBe(401);
  });
});

describe("the person behind the token, as the store has them now", () => {
  const put = (e: Employee) => deps.store.putEmployee(e);
  const person = (id: string, roles: Employee["roles"]): Employee => ({
    id,
    name: `Test ${id}`,
    email: `${id}@example.ee`,
    locale: "et",
    startDate: "2024-01-01",
    regime: "TLS",
    probationExtensionWaived: false,
    roles,
  });

  it("an HR user demoted to employee loses HR access once the short cache lapses", async () => {
    await put(person("demoted-hr", ["hr", "employee"]));
    const app = appWith();
    const token = await tokenFor("demoted-hr", ["hr", "employee"]);
    expect((await get(app, "/api/units", token)).status).toBe(200);
    await put(person("demoted-hr", ["employee"]));
    authNow = new Date(authNow.getTime() + 31_000);
    const res = await get(app, "/api/units", token);
    expect(res.status).toBe(403);
    expect((await res.text()).includes(token)).toBe(false);
    // Still signed in as the employee they are.
    expect((await get(app, "/api/tasks", token)).status).toBe(200);
  });

  it("a deleted user's token stops working, with a message that echoes nothing of it", async () => {
    await put(person("leaver", ["hr"]));
    const app = appWith();
    const token = await tokenFor("leaver", ["hr"], { email: "leaver@example.ee" });
    expect((await get(app, "/api/units", token)).status).toBe(200);
    await deps.store.deleteEmployee("leaver");
    authNow = new Date(authNow.getTime() + 31_000);
    const res = await get(app, "/api/units", token);
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(text).not.toMatch(/leaver/);
    expect(text).not.toContain(token);
  });

  it("grants only roles both the token and the record hold", async () => {
    const app = appWith();
    // Mari is an employee in the store; a token that claims hr does not make her HR.
    const res = await get(app, "/api/units", await tokenFor("mari-maasikas", ["hr", "employee"]));
    expect(res.status).toBe(403);
    // Helena is HR in the store, but a token without the hr role does not give it.
    expect((await get(app, "/api/units", await tokenFor("helena-org", ["employee"]))).status).toBe(403);
    expect((await get(app, "/api/units", await tokenFor("helena-org", ["hr"]))).status).toBe(200);
  });

  it("looks a person up at most once per cache window, and keeps at most cacheSize people", async () => {
    let lookups = 0;
    const counting: PersonCheck["people"] = {
      getEmployee: (id) => {
        lookups++;
        return deps.store.getEmployee(id);
      },
    };
    const app = appWith({ cacheSize: 2 }, counting);
    const helena = await tokenFor("helena-org", ["hr"]);
    for (let i = 0; i < 3; i++) expect((await get(app, "/api/units", helena)).status).toBe(200);
    expect(lookups).toBe(1);
    authNow = new Date(authNow.getTime() + 31_000);
    await get(app, "/api/units", helena);
    expect(lookups).toBe(2);
    // Two other people push Helena out of a cache of two.
    await get(app, "/api/tasks", await tokenFor("tiina-tamm", ["lead"]));
    await get(app, "/api/tasks", await tokenFor("peeter-parn", ["lead"]));
    await get(app, "/api/units", helena);
    expect(lookups).toBe(5);
  });

  it("a token whose id the store could never hold is nobody, without a lookup", async () => {
    const res = await get(appWith(), "/api/units", await tokenFor("x".repeat(500), ["hr"]));
    expect(res.status).toBe(403);
  });
});

describe("break-glass HR for an empty system", () => {
  const warnings: string[] = [];
  const logger: Pick<Logger, "warn"> = { warn: (message) => void warnings.push(message) };

  it("lets a configured subject that claims hr in, without an employee record", async () => {
    const app = appWith({ breakGlassHr: ["idp|first-hr"], logger });
    const token = await tokenFor("idp|first-hr", ["hr"]);
    expect((await get(app, "/api/units", token)).status).toBe(200);
    expect(warnings).toContain("break-glass HR sign-in");
    // The subject claims no employee record it does not have.
    const tasks = await get(app, "/api/tasks", token);
    expect(tasks.status).toBe(400);
    // Someone not on the list, and a listed subject whose token does not claim hr, are refused.
    expect((await get(app, "/api/units", await tokenFor("idp|someone", ["hr"]))).status).toBe(403);
    expect((await get(app, "/api/units", await tokenFor("idp|first-hr", ["employee"]))).status).toBe(403);
  });

  it("matches an email entry only when the token says the email is verified", async () => {
    const app = appWith({ breakGlassHr: ["First.HR@example.ee"] });
    const claims = (verified?: boolean) =>
      tokenFor("idp|x", ["hr"], { email: "first.hr@example.ee", email_verified: verified });
    expect((await get(app, "/api/units", await claims(true))).status).toBe(200);
    expect((await get(app, "/api/units", await claims(false))).status).toBe(403);
    expect((await get(app, "/api/units", await claims(undefined))).status).toBe(403);
  });
});

describe("local dev sign-in", () => {
  it("issues tokens that pass both checks for the people in the store", async () => {
    const dev = await createDevAuth();
    const app = createApp({ ...deps, auth: dev.verifier(deps.store) });
    const hr = await dev.issueToken({
      employeeId: "helena-org",
      email: "helena.org@example.ee",
      roles: ["hr"],
    });
    expect((await get(app, "/api/units", hr)).status).toBe(200);
    const ghost = await dev.issueToken({ employeeId: "nobody-here", email: "n@example.ee", roles: ["hr"] });
    expect((await get(app, "/api/units", ghost)).status).toBe(403);
  });
});

describe("configuration", () => {
  it("reads the break-glass list and the maximum token age from the environment", async () => {
    const { readEnv } = await import("../../functions/adapters/env");
    const base = {
      TABLE_NAME: "table",
      PUBLIC_BASE_URL: "https://hr.example.ee",
      LINK_SIGNING_KEY: "k".repeat(32),
      HR_EMAIL: "hr@example.ee",
      MAIL_FROM: "no-reply@example.ee",
    };
    expect(readEnv(base)).toMatchObject({ BREAK_GLASS_HR: [], OIDC_MAX_TOKEN_AGE_SECONDS: 43_200 });
    expect(readEnv({ ...base, BREAK_GLASS_HR: " idp|first-hr , first.hr@example.ee ," })).toMatchObject({
      BREAK_GLASS_HR: ["idp|first-hr", "first.hr@example.ee"],
    });
    expect(() => readEnv({ ...base, OIDC_MAX_TOKEN_AGE_SECONDS: "0" })).toThrow(/OIDC_MAX_TOKEN_AGE_SECONDS/);
  });
});
