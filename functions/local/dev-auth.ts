// Local mode's sign-in: an ES256 key kept in the data folder signs tokens for the demo people,
// shaped like the OIDC tokens the API accepts in AWS, and checked the same way: the token, then
// the person as the store has them now (dev sign-in only issues tokens for people in the store).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { localVerifier, type PersonCheck, personCheckedVerifier, type TokenVerifier } from "../api/auth";
import type { Role } from "../core/model";

export const DEV_ISSUER = "http://127.0.0.1/dev";
export const DEV_AUDIENCE = "hr-workflows";

export interface DevAuth {
  issueToken(claims: { employeeId: string; email: string; roles: Role[] }, ttl?: string): Promise<string>;
  /** The API's verifier for dev tokens; `people` is the store whose employee records grant roles. */
  verifier(people: PersonCheck["people"], options?: Omit<PersonCheck, "people">): TokenVerifier;
}

export async function createDevAuth(dataDir?: string): Promise<DevAuth> {
  const file = dataDir && join(dataDir, "dev-signing-key.json");
  let privateJwk: JWK;
  if (file && existsSync(file)) privateJwk = JSON.parse(readFileSync(file, "utf8")) as JWK;
  else {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: "dev", alg: "ES256" };
    if (file) writeFileSync(file, JSON.stringify(privateJwk), { mode: 0o600 });
  }
  const { d: _private, ...publicJwk } = privateJwk;
  const key = await importJWK(privateJwk, "ES256");
  return {
    issueToken: ({ employeeId, email, roles }, ttl = "8h") =>
      new SignJWT({ roles, email, employee_id: employeeId })
        .setProtectedHeader({ alg: "ES256", kid: "dev" })
        .setSubject(employeeId)
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(ttl)
        .sign(key),
    verifier: (people, options = {}) =>
      personCheckedVerifier(
        localVerifier({ keys: [publicJwk] }, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE }),
        { ...options, people },
      ),
  };
}
