// Everything the system needs in AWS: the table, one Lambda per workflow step, one state machine
// per workflow in the registry (from the same ASL files the local engine runs), the HTTP API, the
// scheduler, alarms.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  Annotations,
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
import { Metric, Stats } from "aws-cdk-lib/aws-cloudwatch";
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from "aws-cdk-lib/aws-dynamodb";
import { Key } from "aws-cdk-lib/aws-kms";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Schedule, ScheduleExpression } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from "aws-cdk-lib/aws-stepfunctions";
import type { Construct } from "constructs";
import { tableSchema } from "../functions/adapters/dynamodb/table";
import { METRIC_DIMENSION, METRICS_NAMESPACE, metricNames } from "../functions/adapters/metrics";
import {
  pascal,
  type WorkflowName,
  workflowNames,
  workflowRegistry,
} from "../functions/core/workflows/registry";
import { stepNames, substitutionKey } from "../functions/steps/catalog";
import { stepNeeds } from "../functions/steps/index";
import { Alarms } from "./alarms";
import { HouseFunction, type MailSender } from "./house-function";
import { acknowledge, logicalIdOf } from "./nag";
import type { Settings } from "./settings";

export interface HrWorkflowsProps extends StackProps {
  settings: Settings;
}

const root = fileURLToPath(new URL("..", import.meta.url));
const SERVICE = "hr-workflows";

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

    // The console's OIDC client secret (a confidential client): the provider issues it, so the
    // stack makes an empty-valued secret the operator fills in (docs/deploy.md); only the API
    // function reads it.
    const consoleClientSecret = settings.oidcConfidentialClient
      ? new Secret(this, "ConsoleOidcClientSecret", {
          description:
            "Client secret of the HR console's OIDC client (set it to the value your provider issued)",
          generateSecretString: { passwordLength: 32, excludePunctuation: true },
        })
      : undefined;
    if (consoleClientSecret) {
      acknowledge(
        consoleClientSecret,
        "AwsSolutions-SMG4",
        "The identity provider issues and rotates the console's client secret; the operator copies it in.",
      );
      new CfnOutput(this, "ConsoleOidcClientSecretArn", { value: consoleClientSecret.secretArn });
    }

    const mail: MailSender = {
      identity: settings.sesIdentity,
      from: settings.mailFrom,
      sandboxRecipients: settings.sesSandboxRecipients,
    };
    const alarms = new Alarms(this, "Alarms", { email: settings.alarmEmail });
    if (!settings.alarmEmail && !settings.example) {
      Annotations.of(this).addWarningV2(
        "hr-workflows:no-alarm-email",
        "No alarmEmail: alarms go to the SNS topic (output AlarmTopicArn) and nobody is subscribed to it.",
      );
    }

    const api = new HttpApi(this, "HttpApi", {
      description: "HR workflows: HR API and email-link pages",
      createDefaultStage: false,
    });
    const env = {
      TABLE_NAME: table.tableName,
      HR_EMAIL: settings.hrEmail,
      MAIL_FROM: settings.mailFrom,
      MAILER: "ses",
      PUBLIC_BASE_URL: settings.publicBaseUrl ?? api.apiEndpoint,
      POWERTOOLS_SERVICE_NAME: SERVICE,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      LOG_LEVEL: "INFO",
    };

    const steps = stepNames.map((step) => {
      // Each step definition says what it needs beyond the table (functions/steps/*.ts).
      const needs = stepNeeds(step);
      const fn = new HouseFunction(this, `Step-${step}`, {
        entry: join(root, "functions/handlers/step.ts"),
        description: `Workflow step ${step}`,
        environment: { ...env, STEP_NAME: step },
        table,
        mail: needs.mail ? mail : undefined,
        linkSigningSecret: needs.signsLinks ? secret : undefined,
      }).fn;
      alarms.add(`StepErrors-${step}`, fn.metricErrors(), `Workflow step ${step} failed`);
      return { step, fn };
    });

    // One state machine per workflow in the registry, each with its own logs, alarms and a role
    // that may invoke only the steps its own ASL calls.
    const stateMachines = Object.fromEntries(
      workflowNames.map((name) => {
        const spec = workflowRegistry[name];
        const id = pascal(name);
        const own = steps.filter(({ step }) => (spec.steps as readonly string[]).includes(step));
        const machine = new StateMachine(this, id, {
          stateMachineType: StateMachineType.STANDARD,
          comment: `${spec.title.en}: one case`,
          definitionBody: DefinitionBody.fromString(readFileSync(join(root, spec.file), "utf8")),
          definitionSubstitutions: Object.fromEntries(
            own.map(({ step, fn }) => [substitutionKey(step), fn.functionArn]),
          ),
          // Execution data stays out of the logs: inputs hold ids only, but the logs outlive the records.
          logs: {
            destination: new LogGroup(this, `${id}Logs`, {
              retention: RetentionDays.SIX_MONTHS,
              removalPolicy: RemovalPolicy.RETAIN,
            }),
            level: LogLevel.ALL,
            includeExecutionData: false,
          },
          tracingEnabled: true,
        });
        acknowledge(
          machine,
          "AwsSolutions-IAM5[Resource::*]",
          "Log delivery (vended logs) and X-Ray actions support no resource-level permissions.",
        );
        for (const { fn } of own) {
          fn.grantInvoke(machine);
          acknowledge(
            machine,
            `AwsSolutions-IAM5[Resource::<${logicalIdOf(fn)}.Arn>:*]`,
            "Invoking a step function includes its versions (ARN suffix :*); the function itself is named.",
          );
        }
        alarms.add(`${id}Failed`, machine.metricFailed(), `${spec.title.en} executions failed`);
        alarms.add(`${id}TimedOut`, machine.metricTimedOut(), `${spec.title.en} executions timed out`);
        new CfnOutput(this, `${id}StateMachineArn`, { value: machine.stateMachineArn });
        return [name, machine];
      }),
    ) as Record<WorkflowName, StateMachine>;

    const apiFn = new HouseFunction(this, "Api", {
      entry: join(root, "functions/handlers/api.ts"),
      description: "HTTP API (Hono)",
      environment: {
        ...env,
        OIDC_ISSUER: settings.oidcIssuer,
        OIDC_AUDIENCE: settings.oidcAudience,
        OIDC_JWKS_URL: settings.oidcJwksUrl,
        OIDC_ROLES_CLAIM: settings.oidcRolesClaim,
        ...(settings.oidcClientId ? { OIDC_CLIENT_ID: settings.oidcClientId } : {}),
        ...(settings.bootstrapHrSubjects.length > 0
          ? { BREAK_GLASS_HR: settings.bootstrapHrSubjects.join(",") }
          : {}),
      },
      table,
      // Link pages check signatures; absences and completions on someone's behalf send mail.
      mail,
      linkSigningSecret: secret,
      secrets: consoleClientSecret ? { OIDC_CLIENT_SECRET_ARN: consoleClientSecret } : undefined,
      // HR registers hires (start) and cancels probations (stop); a completed form resumes the workflow.
      workflow: { stateMachines, start: true, stop: true, respond: true },
    }).fn;
    alarms.add("ApiErrors", apiFn.metricErrors(), "The API function failed (uncaught error or timeout)");

    const schedulerFn = new HouseFunction(this, "Scheduler", {
      entry: join(root, "functions/handlers/scheduler.ts"),
      description: "Fires due timers, reminders and escalations; redelivers callbacks",
      environment: env,
      table,
      // Reminders and escalations carry signed links.
      mail,
      linkSigningSecret: secret,
      // Fires timers and redelivers callbacks (respond); starts workflows a crash left unstarted.
      workflow: { stateMachines, start: true, respond: true },
      timeout: Duration.minutes(4),
      // No reserved concurrency: new accounts have a concurrency limit of 10 and reserving any of
      // it fails the deploy. Overlapping sweeps are kept apart by a lease record in DynamoDB.
    }).fn;
    // A failed sweep is not worth retrying: the next one comes in five minutes.
    schedulerFn.configureAsyncInvoke({ retryAttempts: 0 });
    alarms.add("SchedulerErrors", schedulerFn.metricErrors(), "The scheduler sweep failed as a whole");
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
    alarms.add(
      "SchedulerUndelivered",
      sweepDeadLetters.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM }),
      "EventBridge Scheduler could not invoke the scheduler sweep (messages in its dead-letter queue)",
    );

    const appMetric = (metricName: string) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { [METRIC_DIMENSION]: SERVICE },
        statistic: Stats.SUM,
        period: Duration.minutes(5),
      });
    alarms.add(
      "SweepErrors",
      appMetric(metricNames.sweepErrors),
      "Items of the scheduler sweep failed (see the scheduler's logs)",
    );
    alarms.add(
      "MailsGivenUp",
      appMetric(metricNames.mailsGivenUp),
      "Mails exhausted their retries and were not sent",
    );

    const integration = new HttpLambdaIntegration("ApiIntegration", apiFn);
    const jwt = new HttpJwtAuthorizer("Jwt", settings.oidcIssuer, { jwtAudience: [settings.oidcAudience] });
    api.addRoutes({ path: "/api/{proxy+}", methods: [HttpMethod.ANY], integration, authorizer: jwt });
    const anonymous = new HttpNoneAuthorizer();
    // /api/docs is more specific than /api/{proxy+}, so the reference page needs no token.
    for (const path of ["/health", "/openapi.json", "/api/docs"]) {
      api.addRoutes({ path, methods: [HttpMethod.GET], integration, authorizer: anonymous });
    }
    // HR's read-only record pages: the signed link from HR's mail is their authorisation.
    api.addRoutes({
      path: "/r/{proxy+}",
      methods: [HttpMethod.GET, HttpMethod.HEAD],
      integration,
      authorizer: anonymous,
    });
    // A review meeting's or a training session's calendar file, behind the signed link in the invitation mail.
    api.addRoutes({
      path: "/ics/{proxy+}",
      methods: [HttpMethod.GET, HttpMethod.HEAD],
      integration,
      authorizer: anonymous,
    });
    // A training participant's confirm page (signed link from the invitation; POST from the page).
    api.addRoutes({
      path: "/t/{proxy+}",
      methods: [HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST],
      integration,
      authorizer: anonymous,
    });
    api.addRoutes({
      path: "/l/{proxy+}",
      methods: [HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST],
      integration,
      authorizer: anonymous,
    });
    // The HR console and its start page: no JWT authorizer, as a browser sends no bearer token.
    // The console signs people in itself (OIDC code flow with PKCE) and checks its signed session
    // cookie, the person's record and CSRF on every request (functions/api/console/).
    api.addRoutes({
      path: "/",
      methods: [HttpMethod.GET, HttpMethod.HEAD],
      integration,
      authorizer: anonymous,
    });
    for (const path of ["/console", "/console/{proxy+}"]) {
      api.addRoutes({ path, methods: [HttpMethod.ANY], integration, authorizer: anonymous });
    }
    for (const route of api.node.children) {
      if (/health|openapi|docs|--l--|--r--|--ics--|--t--/.test(route.node.id)) {
        // Anonymous by design: the health check, the API document and its reference page, and
        // email-link and record pages whose signed link is the authorisation (DESIGN §6).
        acknowledge(
          route,
          "AwsSolutions-APIG4",
          "Anonymous by design: health, API document and reference, signed email-link, record and training-invitation pages.",
        );
      } else if (/console|^(GET|HEAD)--$/.test(route.node.id)) {
        acknowledge(
          route,
          "AwsSolutions-APIG4",
          "The HR console authorises itself: OIDC sign-in (PKCE) to a signed session cookie, the person's record re-read on every request, CSRF checks on every form.",
        );
      }
    }
    const accessLogs = new LogGroup(this, "ApiAccessLogs", {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new HttpStage(this, "Stage", {
      httpApi: api,
      stageName: "$default",
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: { bind: () => ({ destinationArn: accessLogs.logGroupArn }) } as never,
      },
    });
    alarms.add(
      "Api5xx",
      api.metricServerError({ statistic: Stats.SUM, period: Duration.minutes(5) }),
      "The HTTP API answered 5xx (errors the app caught and mapped to 500 included)",
    );

    new CfnOutput(this, "ApiUrl", { value: api.apiEndpoint });
    new CfnOutput(this, "TableName", { value: table.tableName });
    new CfnOutput(this, "AlarmTopicArn", { value: alarms.topic.topicArn });
  }
}
