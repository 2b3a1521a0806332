// Lambda entry of the HTTP API: the same Hono app that `npm start` serves locally.
import { handle } from "hono/aws-lambda";
import { createApp } from "../api/app";
import { apiVerifier, awsDeps } from "./container";

let app: ReturnType<typeof createApp> | undefined;

export async function handler(
  event: Parameters<ReturnType<typeof handle>>[0],
  context: Parameters<ReturnType<typeof handle>>[1],
) {
  if (!app) {
    const deps = await awsDeps();
    app = createApp({ ...deps, auth: apiVerifier(deps.store) });
  }
  return handle(app)(event, context);
}
