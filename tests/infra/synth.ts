// Builds the CDK app as `cdk synth` would (cdk.json's feature flags included), minus the slow parts.
import { readFileSync } from "node:fs";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { buildApp } from "../../infra/app";

const cdkJson = JSON.parse(readFileSync(new URL("../../cdk.json", import.meta.url), "utf8")) as {
  context: Record<string, unknown>;
};
export const featureFlags = cdkJson.context;

/** Settings an operator would pass: no placeholders. */
export const realSettings = {
  hrEmail: "personal@ska.ee",
  mailFrom: "hr-workflows@ska.ee",
  oidcIssuer: "https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/v2.0",
  oidcAudience: "55555555-6666-7777-8888-999999999999",
  oidcJwksUrl: "https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/discovery/v2.0/keys",
  alarmEmail: "ops@ska.ee",
};

/**
 * Bundling off (assets are not built) and, unless asked, CloudFormation's built-in rules off: they
 * cost seconds per synth and one test runs them.
 */
export function newApp(context: Record<string, unknown> = {}, options: { fullValidation?: boolean } = {}) {
  return new App({
    builtinCloudFormationValidation: options.fullValidation ?? false,
    context: { ...featureFlags, "aws:cdk:bundling-stacks": [], ...context },
  });
}

export function synth(context: Record<string, unknown>) {
  const built = buildApp(newApp(context));
  return { ...built, template: Template.fromStack(built.stack) };
}

type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
  Principal?: unknown;
  Sid?: string;
};

const asArray = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);

/** The IAM statements of one Lambda function's role, found by a substring of its logical id. */
export function statementsOf(template: Template, functionIdPart: string): Statement[] {
  const functions = Object.entries(template.findResources("AWS::Lambda::Function")).filter(([id]) =>
    id.includes(functionIdPart),
  );
  if (functions.length !== 1) throw new Error(`expected one function matching ${functionIdPart}`);
  const role = (functions[0]![1] as { Properties: { Role: { "Fn::GetAtt": [string, string] } } }).Properties
    .Role["Fn::GetAtt"][0];
  return Object.values(template.findResources("AWS::IAM::Policy")).flatMap((p) => {
    const props = (
      p as { Properties: { Roles: Array<{ Ref: string }>; PolicyDocument: { Statement: Statement[] } } }
    ).Properties;
    return props.Roles.some((r) => r.Ref === role) ? props.PolicyDocument.Statement : [];
  });
}

export const actionsIn = (statements: Statement[]) => statements.flatMap((s) => asArray(s.Action));

export function environmentOf(template: Template, functionIdPart: string): Record<string, unknown> {
  const [fn] = Object.entries(template.findResources("AWS::Lambda::Function")).filter(([id]) =>
    id.includes(functionIdPart),
  );
  return (fn![1] as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties
    .Environment.Variables;
}
