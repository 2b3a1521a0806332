// Lambda entry of the HTTP API: the same Hono app that `npm start` serves locally.
import { handle } from "hono/aws-lambda";
import { loadSecretString } from "../adapters/secrets";
import { createApp } from "../api/app";
import { oidcClient } from "../api/console/oidc";
import { apiVerifier, awsDeps, env } from "./container";

let app: ReturnType<typeof createApp> | undefined;

export async function handler(
  event: Parameters<ReturnType<typeof handle>>[0],
  context: Parameters<ReturnType<typeof handle>>[1],
) {
  if (!app) {
    const deps = await awsDeps();
    // The HR console signs people in through the same issuer, as an OIDC client of its own.
    const oidc =
      env.OIDC_ISSUER && env.OIDC_CLIENT_ID
        ? oidcClient({
            issuer: env.OIDC_ISSUER,
            clientId: env.OIDC_CLIENT_ID,
            // CDK keeps a confidential client's secret in Secrets Manager, readable by this function only.
            clientSecret:
              env.OIDC_CLIENT_SECRET ??
              (env.OIDC_CLIENT_SECRET_ARN ? await loadSecretString(env.OIDC_CLIENT_SECRET_ARN) : undefined),
            rolesClaim: env.OIDC_ROLES_CLAIM,
          })
        : undefined;
    app = createApp({ ...deps, auth: apiVerifier(deps.store) }, { console: { oidc } });
  }
  return handle(app)(event, context);
}
