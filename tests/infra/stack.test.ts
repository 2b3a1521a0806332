// The CDK app asserted on intent: resources, IAM, substitutions, logging, and cdk-nag clean.
import { readFileSync } from "node:fs";
import { type App, Stack, Validations } from "aws-cdk-lib";
import { Match, type Template } from "aws-cdk-lib/assertions";
import { Topic } from "aws-cdk-lib/aws-sns";
import { AwsSolutionsChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import { tableSchema } from "../../functions/adapters/dynamodb/table";
import { placeholdersIn } from "../../functions/adapters/local-engine/definition";
import { stepNames, substitutionKey } from "../../functions/steps/catalog";
import { newApp, realSettings, synth } from "./synth";

let template: Template;
let app: App;
beforeAll(() => {
  const built = synth(realSettings);
  app = built.app;
  template = built.template;
});

const policiesOf = (roleLogicalIdPrefix: string) =>
  Object.entries(template.findResources("AWS::IAM::Policy"))
    .filter(([id]) => id.startsWith(roleLogicalIdPrefix))
    .flatMap(
      ([, r]) =>
        (
          r as {
            Properties: {
              PolicyDocument: { Statement: Array<{ Action: string | string[]; Resource: unknown }> };
            };
          }
        ).Properties.PolicyDocument.Statement,
    );
const actionsOf = (prefix: string) =>
  policiesOf(prefix).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe("data", () => {
  it("has the table the adapters expect, protected, encrypted, with TTL on `ttl`", () => {
    expect(tableSchema.ttlAttribute).toBe("ttl");
    template.hasResource("AWS::DynamoDB::GlobalTable", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: tableSchema.partitionKey, KeyType: "HASH" },
          { AttributeName: tableSchema.sortKey, KeyType: "RANGE" },
        ],
        BillingMode: "PAY_PER_REQUEST",
        TimeToLiveSpecification: { AttributeName: "ttl", Enabled: true },
        GlobalSecondaryIndexes: Object.entries(tableSchema.indexes).map(([name, keys]) =>
          Match.objectLike({
            IndexName: name,
            KeySchema: [
              { AttributeName: keys.partitionKey, KeyType: "HASH" },
              { AttributeName: keys.sortKey, KeyType: "RANGE" },
            ],
          }),
        ),
        SSESpecification: Match.objectLike({ SSEEnabled: true, SSEType: "KMS" }),
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });

  it("keeps the link-signing key in Secrets Manager, not in the environment", () => {
    template.resourceCountIs("AWS::SecretsManager::Secret", 1);
    const fns = Object.values(template.findResources("AWS::Lambda::Function")) as Array<{
      Properties: { Environment: { Variables: Record<string, unknown> } };
    }>;
    for (const fn of fns) {
      expect(fn.Properties.Environment.Variables).toHaveProperty("LINK_SIGNING_SECRET_ARN");
      expect(fn.Properties.Environment.Variables).not.toHaveProperty("LINK_SIGNING_KEY");
    }
  });
});

describe("workflow", () => {
  it("has one traced function per step, named by STEP_NAME", () => {
    for (const step of stepNames) {
      template.hasResourceProperties("AWS::Lambda::Function", {
        Environment: { Variables: Match.objectLike({ STEP_NAME: step, TABLE_NAME: Match.anyValue() }) },
        TracingConfig: { Mode: "Active" },
        Architectures: ["arm64"],
      });
    }
  });

  it("loads the same ASL file with a substitution for every placeholder", () => {
    const asl = readFileSync(new URL("../../workflows/probation.asl.json", import.meta.url), "utf8");
    const machine = Object.values(template.findResources("AWS::StepFunctions::StateMachine"))[0] as {
      Properties: {
        DefinitionString: unknown;
        DefinitionSubstitutions: Record<string, unknown>;
        LoggingConfiguration: unknown;
        TracingConfiguration: unknown;
      };
    };
    expect(new Set(Object.keys(machine.Properties.DefinitionSubstitutions))).toEqual(placeholdersIn(asl));
    expect(Object.keys(machine.Properties.DefinitionSubstitutions).sort()).toEqual(
      stepNames.map(substitutionKey).sort(),
    );
    expect(machine.Properties.DefinitionString).toBe(asl);
    expect(machine.Properties.LoggingConfiguration).toMatchObject({
      Level: "ALL",
      IncludeExecutionData: false,
    });
    expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
  });

  it("alarms on failed and timed-out executions and on step errors", () => {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      MetricName: "ExecutionsFailed",
      AlarmActions: Match.anyValue(),
    });
    template.hasResourceProperties("AWS::CloudWatch::Alarm", { MetricName: "ExecutionsTimedOut" });
    expect(
      Object.keys(template.findResources("AWS::CloudWatch::Alarm", { Properties: { MetricName: "Errors" } })),
    ).toHaveLength(stepNames.length);
  });
});

describe("permissions", () => {
  it("lets the API start and stop probations and hand back callbacks, and nothing broader", () => {
    const api = actionsOf("ApiFunctionServiceRole");
    expect(api).toEqual(
      expect.arrayContaining([
        "states:StartExecution",
        "states:StopExecution",
        "states:SendTaskSuccess",
        "ses:SendEmail",
      ]),
    );
    expect(api.some((a) => a === "*" || a === "dynamodb:*" || a === "states:*")).toBe(false);
  });

  it("lets the scheduler send callbacks but not start workflows", () => {
    const scheduler = actionsOf("SchedulerFunctionServiceRole");
    expect(scheduler).toEqual(expect.arrayContaining(["states:SendTaskSuccess", "states:SendTaskFailure"]));
    expect(scheduler).not.toContain("states:StartExecution");
  });

  it("limits mail to the configured SES identity and sender", () => {
    const ses = policiesOf("ApiFunctionServiceRole").find((s) =>
      JSON.stringify(s.Action).includes("ses:SendEmail"),
    ) as unknown as {
      Resource: unknown;
      Condition: unknown;
    };
    expect(JSON.stringify(ses.Resource)).toContain("identity/ska.ee");
    expect(ses.Condition).toEqual({ StringEquals: { "ses:FromAddress": "hr-workflows@ska.ee" } });
  });
});

describe("edge", () => {
  it("requires a JWT on /api and leaves health, the API document and email links anonymous", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", { AuthorizerType: "JWT" });
    template.hasResourceProperties("AWS::ApiGatewayV2::Route", {
      RouteKey: "ANY /api/{proxy+}",
      AuthorizationType: "JWT",
    });
    for (const key of ["GET /health", "GET /openapi.json", "GET /l/{proxy+}", "POST /l/{proxy+}"]) {
      template.hasResourceProperties("AWS::ApiGatewayV2::Route", {
        RouteKey: key,
        AuthorizationType: "NONE",
      });
    }
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      AccessLogSettings: Match.anyValue(),
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 50 }),
    });
  });

  it("sweeps every five minutes into an encrypted dead-letter queue, alarmed, when the invoke fails", () => {
    const queue = Object.keys(template.findResources("AWS::SQS::Queue"))[0]!;
    template.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "rate(5 minutes)",
      Target: Match.objectLike({ DeadLetterConfig: { Arn: { "Fn::GetAtt": [queue, "Arn"] } } }),
    });
    template.hasResourceProperties("AWS::SQS::Queue", { SqsManagedSseEnabled: true });
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [queue, "QueueName"] } }],
    });
  });

  it("reserves no concurrency: new accounts (limit 10) could not deploy it; a lease keeps sweeps apart", () => {
    for (const fn of Object.values(template.findResources("AWS::Lambda::Function"))) {
      expect((fn as { Properties: Record<string, unknown> }).Properties).not.toHaveProperty(
        "ReservedConcurrentExecutions",
      );
    }
    template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", { MaximumRetryAttempts: 0 });
  });
});

describe("cdk-nag", () => {
  it("passes AwsSolutions with every acknowledgement in code", () => {
    expect(() => app.synth()).not.toThrow();
  });

  it("would fail on an unacknowledged finding (the check is live)", () => {
    const bad = newApp();
    new Topic(new Stack(bad, "Bad"), "Plain");
    Validations.of(bad).addPlugins(new AwsSolutionsChecks(bad));
    expect(() => bad.synth()).toThrow();
  });
});
