// The CDK app asserted on intent: resources, IAM, substitutions, logging, alarms, and cdk-nag clean.
import { readFileSync } from "node:fs";
import { Stack, Validations } from "aws-cdk-lib";
import { Match, type Template } from "aws-cdk-lib/assertions";
import { Topic } from "aws-cdk-lib/aws-sns";
import { AwsSolutionsChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import { tableSchema } from "../../functions/adapters/dynamodb/table";
import { placeholdersIn } from "../../functions/adapters/local-engine/definition";
import { METRIC_DIMENSION, METRICS_NAMESPACE, metricNames } from "../../functions/adapters/metrics";
import { pascal, workflowNames, workflowRegistry } from "../../functions/core/workflows/registry";
import { stepNames, substitutionKey } from "../../functions/steps/catalog";
import { buildApp } from "../../infra/app";
import { actionsIn, environmentOf, featureFlags, newApp, realSettings, statementsOf, synth } from "./synth";

let template: Template;
/** The optional settings the other way round: no alarm mail, sandbox recipients, break-glass HR. */
let variant: Template;
beforeAll(() => {
  template = synth(realSettings).template;
  const { alarmEmail: _, ...withoutAlarmEmail } = realSettings;
  variant = synth({
    ...withoutAlarmEmail,
    sesSandboxRecipients: "tester@gmail.com",
    bootstrapHrSubjects: "abc-123, def-456",
  }).template;
});

type Alarm = {
  Properties: {
    MetricName?: string;
    Namespace?: string;
    Dimensions?: Array<{ Name: string; Value: unknown }>;
    AlarmActions?: unknown[];
    AlarmName?: string;
  };
};
const alarms = () => Object.values(template.findResources("AWS::CloudWatch::Alarm")) as Alarm[];
const alarmsOn = (metricName: string) => alarms().filter((a) => a.Properties.MetricName === metricName);
const logicalIdOf = (type: string, idPart: string) => {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.includes(idPart));
  expect(ids).toHaveLength(1);
  return ids[0]!;
};
const functionId = (idPart: string) => logicalIdOf("AWS::Lambda::Function", idPart);

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

  it("keeps the link-signing key in Secrets Manager, never in the environment", () => {
    template.resourceCountIs("AWS::SecretsManager::Secret", 1);
    for (const id of Object.keys(template.findResources("AWS::Lambda::Function"))) {
      expect(environmentOf(template, id)).not.toHaveProperty("LINK_SIGNING_KEY");
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

  it.each(workflowNames)("%s: loads its own ASL file with a substitution for exactly its steps", (name) => {
    const spec = workflowRegistry[name];
    const asl = readFileSync(new URL(`../../${spec.file}`, import.meta.url), "utf8");
    const machine = template.findResources("AWS::StepFunctions::StateMachine")[
      logicalIdOf("AWS::StepFunctions::StateMachine", pascal(name))
    ] as {
      Properties: {
        DefinitionString: unknown;
        DefinitionSubstitutions: Record<string, unknown>;
        LoggingConfiguration: unknown;
        TracingConfiguration: unknown;
      };
    };
    expect(new Set(Object.keys(machine.Properties.DefinitionSubstitutions))).toEqual(placeholdersIn(asl));
    expect(Object.keys(machine.Properties.DefinitionSubstitutions).sort()).toEqual(
      spec.steps.map((s) => substitutionKey(s as never)).sort(),
    );
    expect(machine.Properties.DefinitionString).toBe(asl);
    expect(machine.Properties.LoggingConfiguration).toMatchObject({
      Level: "ALL",
      IncludeExecutionData: false,
    });
    expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
  });
});

describe("alarms", () => {
  const topicId = () => logicalIdOf("AWS::SNS::Topic", "Alarms");

  it("encrypts the alarm topic with a key whose policy lets CloudWatch alarms of this stack use it", () => {
    const topic = template.findResources("AWS::SNS::Topic")[topicId()] as {
      Properties: { KmsMasterKeyId: { "Fn::GetAtt": [string, string] } };
    };
    const keyId = topic.Properties.KmsMasterKeyId["Fn::GetAtt"][0];
    const key = template.findResources("AWS::KMS::Key")[keyId] as {
      Properties: { KeyPolicy: { Statement: Array<Record<string, unknown>> } };
    };
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Condition: {
          StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } },
          ArnLike: {
            "aws:SourceArn": {
              "Fn::Join": [
                "",
                [
                  "arn:",
                  { Ref: "AWS::Partition" },
                  ":cloudwatch:eu-north-1:",
                  { Ref: "AWS::AccountId" },
                  ":alarm:HrWorkflows-*",
                ],
              ],
            },
          },
        },
      }),
    );
    // The HR records' key is not the one CloudWatch may use.
    const dataKey = template.findResources("AWS::KMS::Key")[logicalIdOf("AWS::KMS::Key", "DataKey")];
    expect(JSON.stringify(dataKey)).not.toContain("cloudwatch.amazonaws.com");
    template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Condition: Match.objectLike({ StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } }),
          }),
        ]),
      },
    });
  });

  it("lets CloudFormation name every alarm, so the key policy's <stack>-* pattern covers them all", () => {
    for (const alarm of alarms()) expect(alarm.Properties.AlarmName).toBeUndefined();
  });

  it("mails alarms to alarmEmail, and has no subscriber when it is not set", () => {
    template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: realSettings.alarmEmail,
      TopicArn: { Ref: topicId() },
    });
    variant.resourceCountIs("AWS::SNS::Subscription", 0);
  });

  it("sends every alarm to the topic", () => {
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId() }]);
  });

  it("alarms on API 5xx, on errors of the API, scheduler and step functions, and on failed executions", () => {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "AWS/ApiGateway",
      MetricName: "5xx",
      Dimensions: [{ Name: "ApiId", Value: { Ref: logicalIdOf("AWS::ApiGatewayV2::Api", "HttpApi") } }],
      Statistic: "Sum",
      Threshold: 1,
    });
    const errorsOf = alarmsOn("Errors").map((a) => JSON.stringify(a.Properties.Dimensions));
    for (const fn of ["ApiFunction", "SchedulerFunction", ...stepNames.map((s) => `Step${s}Function`)]) {
      expect(errorsOf).toContainEqual(
        JSON.stringify([{ Name: "FunctionName", Value: { Ref: functionId(fn) } }]),
      );
    }
    // One of each per workflow's state machine.
    expect(alarmsOn("ExecutionsFailed")).toHaveLength(workflowNames.length);
    expect(alarmsOn("ExecutionsTimedOut")).toHaveLength(workflowNames.length);
  });

  it("alarms on the sweep's own metrics: failed items and mails given up", () => {
    const service = environmentOf(template, "SchedulerFunction").POWERTOOLS_SERVICE_NAME;
    for (const name of [metricNames.sweepErrors, metricNames.mailsGivenUp]) {
      template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: METRICS_NAMESPACE,
        MetricName: name,
        Dimensions: [{ Name: METRIC_DIMENSION, Value: service }],
        Statistic: "Sum",
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        Threshold: 1,
      });
    }
    expect(metricNames).toEqual({ sweepErrors: "SweepErrors", mailsGivenUp: "MailsGivenUp" });
  });

  it("gives the schedule an encrypted dead-letter queue and alarms on messages in it", () => {
    const queue = logicalIdOf("AWS::SQS::Queue", "SchedulerDeadLetters");
    template.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "rate(5 minutes)",
      Target: Match.objectLike({
        Arn: { "Fn::GetAtt": [functionId("SchedulerFunction"), "Arn"] },
        DeadLetterConfig: { Arn: { "Fn::GetAtt": [queue, "Arn"] } },
      }),
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
    template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: { Ref: functionId("SchedulerFunction") },
      MaximumRetryAttempts: 0,
    });
  });
});

describe("permissions: each function gets only what its code uses", () => {
  const sends = ["ses:SendEmail", "ses:SendRawEmail"];
  const responds = ["states:SendTaskSuccess", "states:SendTaskFailure"];
  const readsSecret = (idPart: string) =>
    statementsOf(template, idPart).some(
      (s) =>
        actionsIn([s]).includes("secretsmanager:GetSecretValue") &&
        JSON.stringify(s.Resource).includes(logicalIdOf("AWS::SecretsManager::Secret", "LinkSigningKey")),
    );
  const machines = () =>
    workflowNames.map((name) => ({ Ref: logicalIdOf("AWS::StepFunctions::StateMachine", pascal(name)) }));

  it("API: starts and stops probations, hands back task results, mails, checks links; nothing broader", () => {
    const actions = actionsIn(statementsOf(template, "ApiFunction"));
    expect(actions).toEqual(
      expect.arrayContaining(["states:StartExecution", "states:StopExecution", ...responds, ...sends]),
    );
    expect(readsSecret("ApiFunction")).toBe(true);
    expect(actions.some((a) => a === "*" || a.endsWith(":*"))).toBe(false);
  });

  it("hands back task results only through grantTaskResponse, on the state machine, for API and scheduler", () => {
    // grantTaskResponse's three actions, on the state machine itself (statements may be merged).
    for (const fn of ["ApiFunction", "SchedulerFunction"]) {
      for (const machine of machines()) {
        const onMachine = statementsOf(template, fn).filter((s) =>
          [s.Resource].flat().some((r) => JSON.stringify(r) === JSON.stringify(machine)),
        );
        expect(actionsIn(onMachine), JSON.stringify(machine)).toEqual(
          expect.arrayContaining([...responds, "states:SendTaskHeartbeat"]),
        );
      }
    }
    for (const step of stepNames) {
      const actions = actionsIn(statementsOf(template, `Step${step}Function`));
      expect(actions.filter((a) => a.startsWith("states:"))).toEqual([]);
    }
  });

  it("scheduler: restarts workflows a crash left unstarted, but never stops one", () => {
    const actions = actionsIn(statementsOf(template, "SchedulerFunction"));
    expect(actions).toEqual(expect.arrayContaining(["states:StartExecution", ...sends]));
    expect(actions).not.toContain("states:StopExecution");
    expect(readsSecret("SchedulerFunction")).toBe(true);
  });

  it("steps: only those that mail get SES, only those that sign links the key (HR's and invitation mails carry signed links)", () => {
    const mailing = new Set([
      "createHumanTask",
      "notifyHr",
      "sendReviewInvitation",
      "reportCaseFailure",
      "recordTrainingAttendance",
      "sendInfoSessionSummary",
    ]);
    const signing = new Set([
      "createHumanTask",
      "notifyHr",
      "sendReviewInvitation",
      "recordTrainingAttendance",
    ]);
    for (const step of stepNames) {
      const id = `Step${step}Function`;
      const actions = actionsIn(statementsOf(template, id));
      expect(
        actions.some((a) => a.startsWith("ses:")),
        step,
      ).toBe(mailing.has(step));
      expect(readsSecret(id), step).toBe(signing.has(step));
      expect("LINK_SIGNING_SECRET_ARN" in environmentOf(template, id), step).toBe(signing.has(step));
    }
  });

  it("limits mail to the configured SES identity and sender", () => {
    const ses = statementsOf(template, "ApiFunction").find((s) => actionsIn([s]).includes("ses:SendEmail"))!;
    expect(JSON.stringify(ses.Resource)).toContain(":identity/ska.ee");
    expect(ses.Condition).toEqual({ StringEquals: { "ses:FromAddress": "hr-workflows@ska.ee" } });
  });

  it("extends the send permission to verified sandbox recipients only when they are listed", () => {
    const ses = statementsOf(variant, "ApiFunction").find((s) => actionsIn([s]).includes("ses:SendEmail"))!;
    expect(JSON.stringify(ses.Resource)).toContain(":identity/tester@gmail.com");
    expect(JSON.stringify(template.toJSON())).not.toContain("tester@gmail.com");
  });

  it("gives sign-in settings and the HR break-glass list to the API function only", () => {
    expect(environmentOf(template, "ApiFunction")).toMatchObject({
      OIDC_ISSUER: realSettings.oidcIssuer,
      OIDC_AUDIENCE: realSettings.oidcAudience,
      OIDC_JWKS_URL: realSettings.oidcJwksUrl,
      OIDC_ROLES_CLAIM: "roles",
    });
    expect(environmentOf(template, "ApiFunction")).not.toHaveProperty("BREAK_GLASS_HR");
    expect(environmentOf(variant, "ApiFunction")).toMatchObject({
      BREAK_GLASS_HR: "abc-123,def-456",
    });
    for (const id of Object.keys(variant.findResources("AWS::Lambda::Function"))) {
      if (id.startsWith("ApiFunction")) continue;
      expect(environmentOf(variant, id)).not.toHaveProperty("BREAK_GLASS_HR");
      expect(environmentOf(variant, id)).not.toHaveProperty("OIDC_ISSUER");
    }
  });
});

describe("edge", () => {
  it("requires a JWT on /api and leaves health, the API document and email links anonymous", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "JWT",
      JwtConfiguration: { Issuer: realSettings.oidcIssuer, Audience: [realSettings.oidcAudience] },
    });
    template.hasResourceProperties("AWS::ApiGatewayV2::Route", {
      RouteKey: "ANY /api/{proxy+}",
      AuthorizationType: "JWT",
    });
    for (const key of [
      "GET /health",
      "GET /openapi.json",
      "GET /api/docs",
      "GET /l/{proxy+}",
      "POST /l/{proxy+}",
      "GET /r/{proxy+}",
      "GET /ics/{proxy+}",
      "GET /t/{proxy+}",
      "POST /t/{proxy+}",
    ]) {
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
});

describe("the HR console in AWS", () => {
  let console_: Template;
  beforeAll(() => {
    console_ = synth({
      ...realSettings,
      oidcClientId: "hr-console",
      oidcConfidentialClient: "true",
    }).template;
  });
  const routes = (t: Template) =>
    Object.values(t.findResources("AWS::ApiGatewayV2::Route")) as Array<{
      Properties: { RouteKey: string; AuthorizationType?: string; AuthorizerId?: unknown };
    }>;

  it("routes / and /console/* to the API function without the JWT authorizer; /api keeps it", () => {
    for (const t of [template, console_]) {
      for (const key of ["GET /", "HEAD /", "ANY /console", "ANY /console/{proxy+}"]) {
        const route = routes(t).find((r) => r.Properties.RouteKey === key);
        expect(route, key).toBeDefined();
        expect(route!.Properties.AuthorizationType, key).toBe("NONE");
        expect(route!.Properties.AuthorizerId, key).toBeUndefined();
      }
      // The bearer API is as it was: one JWT route for every /api path but the reference page.
      const jwtRoutes = routes(t).filter((r) => r.Properties.AuthorizationType === "JWT");
      expect(jwtRoutes.map((r) => r.Properties.RouteKey)).toEqual(["ANY /api/{proxy+}"]);
    }
  });

  it("gives the console's client id to the API function only, as a setting", () => {
    expect(environmentOf(console_, "ApiFunction")).toMatchObject({ OIDC_CLIENT_ID: "hr-console" });
    expect(environmentOf(template, "ApiFunction")).not.toHaveProperty("OIDC_CLIENT_ID");
    for (const id of Object.keys(console_.findResources("AWS::Lambda::Function"))) {
      if (id.startsWith("ApiFunction")) continue;
      expect(environmentOf(console_, id)).not.toHaveProperty("OIDC_CLIENT_ID");
    }
  });

  it("keeps a confidential client's secret in Secrets Manager, readable by the API function only", () => {
    template.resourceCountIs("AWS::SecretsManager::Secret", 1);
    console_.resourceCountIs("AWS::SecretsManager::Secret", 2);
    const secretId = Object.keys(console_.findResources("AWS::SecretsManager::Secret")).find((id) =>
      id.includes("ConsoleOidcClientSecret"),
    )!;
    expect(secretId).toBeDefined();
    const readers = Object.keys(console_.findResources("AWS::Lambda::Function")).filter((id) => {
      const fn = id.replace(/[0-9A-F]{8}$/, "");
      return statementsOf(console_, fn).some(
        (s) =>
          actionsIn([s]).includes("secretsmanager:GetSecretValue") &&
          JSON.stringify(s.Resource).includes(secretId),
      );
    });
    expect(readers).toHaveLength(1);
    expect(readers[0]).toMatch(/^ApiFunction/);
    // Its ARN, never its value, is in the environment.
    const env = environmentOf(console_, "ApiFunction");
    expect(env.OIDC_CLIENT_SECRET_ARN).toEqual({ Ref: secretId });
    expect(env).not.toHaveProperty("OIDC_CLIENT_SECRET");
    // No resource policy or other principal opens it up.
    console_.resourceCountIs("AWS::SecretsManager::ResourcePolicy", 0);
  });

  it("refuses a confidential client without a client id, and a malformed client id", () => {
    expect(() => synth({ ...realSettings, oidcConfidentialClient: "true" })).toThrow(
      /oidcConfidentialClient: needs oidcClientId/,
    );
    expect(() => synth({ ...realSettings, oidcClientId: "has spaces in it" })).toThrow(/oidcClientId/);
  });

  it("stays cdk-nag clean with the console's client secret", () => {
    const { app } = buildApp(
      newApp({ ...realSettings, oidcClientId: "hr-console", oidcConfidentialClient: "true" }),
    );
    expect(() => app.synth()).not.toThrow();
  });
});

describe("cdk.json", () => {
  it("carries the recommended feature flags of the aws-cdk-lib in use", () => {
    const recommended = JSON.parse(
      readFileSync(
        new URL("../../node_modules/aws-cdk-lib/recommended-feature-flags.json", import.meta.url),
        "utf8",
      ),
    ) as Record<string, unknown>;
    expect(featureFlags).toMatchObject(recommended);
  });
});

describe("cdk-nag", () => {
  it("passes AwsSolutions and CloudFormation's default rules, every acknowledgement in code", () => {
    const { app } = buildApp(newApp(realSettings, { fullValidation: true }));
    expect(() => app.synth()).not.toThrow();
  });

  it("would fail on an unacknowledged finding (the check is live)", () => {
    const bad = newApp();
    new Topic(new Stack(bad, "Bad"), "Plain");
    Validations.of(bad).addPlugins(new AwsSolutionsChecks(bad));
    expect(() => bad.synth()).toThrow();
  });
});
