// The CDK app. Every deploy setting is a context key (`-c key=value`), checked in infra/settings.ts
// before any construct exists; docs/deploy.md lists them. The region is pinned here, never taken
// from CDK_DEFAULT_REGION: the CLI sets that to us-east-1 when nothing is configured.
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { readSettings, SettingsError } from "./settings";
import { HrWorkflowsStack } from "./stack";

export function buildApp(app = new App()) {
  const settings = readSettings((key) => app.node.tryGetContext(key));
  const stack = new HrWorkflowsStack(app, "HrWorkflows", {
    // Region only: the account is whichever the deploying credentials belong to.
    env: { region: settings.region },
    settings,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

if (process.argv[1]?.endsWith("app.ts")) {
  try {
    buildApp().app.synth();
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    // The message is the whole story; a stack trace would bury it.
    console.error(error.message);
    process.exit(1);
  }
}
