// The CDK app. Context keys (all with examples as defaults, so `npm run synth` works offline):
//   region, hrEmail, mailFrom, sesIdentity, publicBaseUrl, oidcIssuer, oidcAudience, oidcJwksUrl,
//   breakGlassHr (optional: token subjects that may sign in as HR before any HR record exists)
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { HrWorkflowsStack } from "./stack";

export function buildApp(app = new App()) {
  const ctx = (key: string, fallback: string) =>
    (app.node.tryGetContext(key) as string | undefined) ?? fallback;
  const stack = new HrWorkflowsStack(app, "HrWorkflows", {
    // The table's customer-managed key needs a concrete region; Tallinn's nearest is Stockholm.
    env: {
      account: process.env.CDK_DEFAULT_ACCOUNT,
      region: ctx("region", process.env.CDK_DEFAULT_REGION ?? "eu-north-1"),
    },
    hrEmail: ctx("hrEmail", "hr@example.ee"),
    mailFrom: ctx("mailFrom", "no-reply@example.ee"),
    sesIdentity: app.node.tryGetContext("sesIdentity"),
    publicBaseUrl: app.node.tryGetContext("publicBaseUrl"),
    oidcIssuer: ctx("oidcIssuer", "https://login.example.ee"),
    oidcAudience: ctx("oidcAudience", "hr-workflows"),
    oidcJwksUrl: ctx("oidcJwksUrl", "https://login.example.ee/.well-known/jwks.json"),
    breakGlassHr: app.node.tryGetContext("breakGlassHr"),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

if (process.argv[1]?.endsWith("app.ts")) buildApp().app.synth();
