// Lambda entry of the HTTP API: the same Hono app that `npm start` serves locally.
import { handle } from "hono/aws-lambda";
import { createApp } from "../api/app";
import { oidcVerifier } from "../api/auth";
import { awsDeps, env } from "./container";

const auth = oidcVerifier({
  issuer: env.OIDC_ISSUER ?? "",
  audience: env.OIDC_AUDIENCE,
  jwksUrl: env.OIDC_JWKS_URL ?? "",
  rolesClaim: env.OIDC_ROLES_CLAIM,
});

let app: ReturnType<typeof createApp> | undefined;

export async function handler(
  event: Parameters<ReturnType<typeof handle>>[0],
  context: Parameters<ReturnType<typeof handle>>[1],
) {
  app ??= createApp({ ...(await awsDeps()), auth });
  return handle(app)(event, context);
}
