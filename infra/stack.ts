// Everything the system needs in AWS: the table, one Lambda per workflow step, the probation state
// machine from the same ASL file the local engine runs, the HTTP API, the scheduler, alarms.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  Annotations,
  Aws,
  CfnOutput,
  CfnRule,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
} from "aws-cdk-lib";
import { HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpJwtAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from "aws-cdk-lib/aws-dynamodb";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Schedule, ScheduleExpression } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Topic } from "aws-cdk-lib/aws-sns";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from "aws-cdk-lib/aws-stepfunctions";
import type { Construct } from "constructs";
import { tableSchema } from "../functions/adapters/dynamodb/table";
import { stepNames, substitutionKey } from "../functions/steps/catalog";
import { HouseFunction } from "./house-function";
import { acknowledge, logicalIdOf } from "./nag";
import type { Settings } from "./settings";

export interface HrWorkflowsProps extends StackProps {
  settings: Settings;
}

const root = fileURLToPath(new URL("..", import.meta.url));

export class HrWorkflowsStack extends Stack {
  constructor(scope: Construct, id: string, props: HrWorkflowsProps) {
    super(scope, id, props);
    const { settings } = props;

    if (settings.example) {
      // `-c example=true` synthesizes placeholders; CloudFormation refuses this template outright.
      new CfnRule(this, "ExampleSettingsAreNotDeployable", {
        assertions: [
          {
            assert: Fn.conditionEquals("example", "deployable"),
            assertDescription:
              "Synthesized with -c example=true (placeholder OIDC issuer and sender): not deployable. See docs/deploy.md.",
          },
        ],
      });
      Annotations.of(this).addWarningV2(
        "hr-workflows:example",
        "Example settings: placeholder OIDC issuer and mail sender. This template is for reading, not deploying.",
      );
    }

    const key = new Key(this, "DataKey", {
      enableKeyRotation: true,
      description: "HR workflow records",
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const table = new TableV2(this, "Table", {
      partitionKey: { name: tableSchema.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableSchema.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: Object.entries(tableSchema.indexes).map(([indexName, keys]) => ({
        indexName,
        partitionKey: { name: keys.partitionKey, type: AttributeType.STRING },
        sortKey: { name: keys.sortKey, type: AttributeType.STRING },
      })),
      // Callback tokens and parked executions carry an epoch-seconds expiry here and vanish after it.
      timeToLiveAttribute: tableSchema.ttlAttribute,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryptionV2.customerManagedKey(key),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const secret = new Secret(this, "LinkSigningKey", {
      description: "HMAC key for email links and form nonces",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    // A rotated key would invalidate every link already mailed; rotate deliberately, by hand.
    acknowledge(
      secret,
      "AwsSolutions-SMG4",
      "Link-signing key: rotation would invalidate links already sent; rotated by hand with a grace period.",
    );

    const sesIdentity = settings.sesIdentity;
    const sesSend = new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ["ses:SendEmail", "ses:SendRawEmail"],
      resources: [this.formatArn({ service: "ses", resource: "identity", resourceName: sesIdentity })],
      conditions: { StringEquals: { "ses:FromAddress": settings.mailFrom } },
    });

    const alarmTopic = new Topic(this, "Alarms", {
      displayName: "HR workflows alarms",
      enforceSSL: true,
      masterKey: key,
    });
    const baseEnv = {
      TABLE_NAME: table.tableName,
      LINK_SIGNING_SECRET_ARN: secret.secretArn,
      HR_EMAIL: settings.hrEmail,
      MAIL_FROM: settings.mailFrom,
      MAILER: "ses",
      OIDC_ISSUER: settings.oidcIssuer,
      OIDC_AUDIENCE: settings.oidcAudience,
      OIDC_JWKS_URL: settings.oidcJwksUrl,
      POWERTOOLS_SERVICE_NAME: "hr-workflows",
      LOG_LEVEL: "INFO",
    };

    const api = new HttpApi(this, "HttpApi", {
      description: "HR workflows: HR API and email-link pages",
      createDefaultStage: false,
    });
    const publicBaseUrl = settings.publicBaseUrl ?? api.apiEndpoint;
    const env = { ...baseEnv, PUBLIC_BASE_URL: publicBaseUrl };

    const steps = stepNames.map((step) => {
      const fn = new HouseFunction(this, `Step-${step}`, {
        entry: join(root, "functions/handlers/step.ts"),
        description: `Workflow step ${step}`,
        environment: { ...env, STEP_NAME: step },
        table,
        secret,
      }).fn;
      fn.addToRolePolicy(sesSend);
      new Alarm(this, `StepErrors-${step}`, {
        metric: fn.metricErrors({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `Workflow step ${step} failed`,
      }).addAlarmAction(new SnsAction(alarmTopic));
      return { step, fn };
    });

    const definition = readFileSync(join(root, "workflows/probation.asl.json"), "utf8");
    const machineLogs = new LogGroup(this, "ProbationLogs", {
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const probation = new StateMachine(this, "Probation", {
      stateMachineType: StateMachineType.STANDARD,
      comment: "Probation of one hire",
      definitionBody: DefinitionBody.fromString(definition),
      definitionSubstitutions: Object.fromEntries(
        steps.map(({ step, fn }) => [substitutionKey(step), fn.functionArn]),
      ),
      // Execution data stays out of the logs: inputs hold ids only, but the logs outlive the records.
      logs: { destination: machineLogs, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });
    acknowledge(
      probation,
      "AwsSolutions-IAM5[Resource::*]",
      "Log delivery (vended logs) and X-Ray actions support no resource-level permissions.",
    );
    for (const { fn } of steps) {
      fn.grantInvoke(probation);
      acknowledge(
        probation,
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(fn)}.Arn>:*]`,
        "Invoking a step function includes its versions (ARN suffix :*); the function itself is named.",
      );
    }
    for (const [name, metric] of [
      ["Failed", probation.metricFailed()],
      ["TimedOut", probation.metricTimedOut()],
    ] as const) {
      new Alarm(this, `Probation${name}`, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription: `Probation executions ${name}`,
      }).addAlarmAction(new SnsAction(alarmTopic));
    }
    const callbacks = new PolicyStatement({
      actions: ["states:SendTaskSuccess", "states:SendTaskFailure"],
      resources: [probation.stateMachineArn],
    });

    const apiFn = new HouseFunction(this, "Api", {
      entry: join(root, "functions/handlers/api.ts"),
      description: "HTTP API (Hono)",
      environment: {
        ...env,
        PROBATION_STATE_MACHINE_ARN: probation.stateMachineArn,
        ...(settings.bootstrapHrSubjects.length > 0
          ? { BREAK_GLASS_HR: settings.bootstrapHrSubjects.join(",") }
          : {}),
      },
      table,
      secret,
    }).fn;
    probation.grantStartExecution(apiFn);
    // HR cancels a probation by stopping its execution; executions are named after probations.
    apiFn.addToRolePolicy(
      new PolicyStatement({
        actions: ["states:StopExecution", "states:DescribeExecution"],
        resources: [
          `arn:${Aws.PARTITION}:states:${Aws.REGION}:${Aws.ACCOUNT_ID}:execution:${probation.stateMachineName}:*`,
        ],
      }),
    );
    acknowledge(
      apiFn,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<${logicalIdOf(probation)}.Name>:*]`,
      "Executions of the probation state machine only; their names are not known in advance.",
    );
    apiFn.addToRolePolicy(callbacks);
    apiFn.addToRolePolicy(sesSend);

    const schedulerFn = new HouseFunction(this, "Scheduler", {
      entry: join(root, "functions/handlers/scheduler.ts"),
      description: "Fires due timers, reminders and escalations; redelivers callbacks",
      environment: { ...env, PROBATION_STATE_MACHINE_ARN: probation.stateMachineArn },
      table,
      secret,
      timeout: Duration.minutes(4),
      // No reserved concurrency: new accounts have a concurrency limit of 10 and reserving any of
      // it fails the deploy. Overlapping sweeps are kept apart by a lease record in DynamoDB.
    }).fn;
    // A failed sweep is not worth retrying: the next one comes in five minutes.
    schedulerFn.configureAsyncInvoke({ retryAttempts: 0 });
    schedulerFn.addToRolePolicy(callbacks);
    schedulerFn.addToRolePolicy(sesSend);
    acknowledge(
      this,
      `AwsSolutions-IAM5[Resource::<${logicalIdOf(schedulerFn)}.Arn>:*]`,
      "EventBridge Scheduler's role may invoke the scheduler function and its versions only.",
    );

    // Invocations EventBridge Scheduler could not deliver (throttled, denied, function missing).
    const sweepDeadLetters = new Queue(this, "SchedulerDeadLetters", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      sweepDeadLetters,
      "AwsSolutions-SQS3",
      "This queue is itself the dead-letter queue of the scheduler's EventBridge schedule.",
    );
    new Schedule(this, "SchedulerSweep", {
      description: "Scheduler sweep every five minutes",
      schedule: ScheduleExpression.rate(Duration.minutes(5)),
      target: new LambdaInvoke(schedulerFn, {
        retryAttempts: 2,
        maxEventAge: Duration.minutes(15),
        deadLetterQueue: sweepDeadLetters,
      }),
    });
    new Alarm(this, "SchedulerUndelivered", {
      metric: sweepDeadLetters.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription:
        "EventBridge Scheduler could not invoke the scheduler sweep (messages in its dead-letter queue)",
    }).addAlarmAction(new SnsAction(alarmTopic));

    const integration = new HttpLambdaIntegration("ApiIntegration", apiFn);
    const jwt = new HttpJwtAuthorizer("Jwt", settings.oidcIssuer, { jwtAudience: [settings.oidcAudience] });
    api.addRoutes({ path: "/api/{proxy+}", methods: [HttpMethod.ANY], integration, authorizer: jwt });
    const anonymous = new HttpNoneAuthorizer();
    for (const path of ["/health", "/openapi.json"]) {
      api.addRoutes({ path, methods: [HttpMethod.GET], integration, authorizer: anonymous });
    }
    api.addRoutes({
      path: "/l/{proxy+}",
      methods: [HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST],
      integration,
      authorizer: anonymous,
    });
    for (const route of api.node.children) {
      if (/health|openapi|--l--/.test(route.node.id)) {
        // Anonymous by design: the health check, the API document, and email-link pages whose
        // signed link is the authorisation for the one task (DESIGN §6).
        acknowledge(
          route,
          "AwsSolutions-APIG4",
          "Anonymous by design: health, API document and signed email-link pages.",
        );
      }
    }
    const accessLogs = new LogGroup(this, "ApiAccessLogs", {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const stage = new HttpStage(this, "Stage", {
      httpApi: api,
      stageName: "$default",
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: { bind: () => ({ destinationArn: accessLogs.logGroupArn }) } as never,
      },
    });
    void stage;

    new CfnOutput(this, "ApiUrl", { value: api.apiEndpoint });
    new CfnOutput(this, "TableName", { value: table.tableName });
    new CfnOutput(this, "ProbationStateMachineArn", { value: probation.stateMachineArn });
    new CfnOutput(this, "AlarmTopicArn", { value: alarmTopic.topicArn });
  }
}
