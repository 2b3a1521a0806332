// The house Lambda: one call creates a bundled, traced, logged function and wires everything it
// may touch, each grant with the environment variable that goes with it (after aws-powertools'
// examples/app). A function gets mail, the link-signing key or workflow rights only when it asks.
import { Aws, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Architecture, LoggingFormat, Runtime, Tracing } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import type { StateMachine } from "aws-cdk-lib/aws-stepfunctions";
import { Construct } from "constructs";
import { stateMachineArnEnv, type WorkflowName } from "../functions/core/workflows/registry";
import { acknowledge, logicalIdOf } from "./nag";

/** Who may send: one SES identity, one From address. */
export interface MailSender {
  identity: string;
  from: string;
  /** In the SES sandbox SES also checks the send permission against each verified recipient. */
  sandboxRecipients: string[];
}

export interface HouseFunctionProps {
  entry: string;
  description: string;
  environment: Record<string, string>;
  table: ITableV2;
  /** Only for functions that send mail. */
  mail?: MailSender;
  /** Only for functions that sign or check email links: nobody else reads the key. */
  linkSigningSecret?: ISecret;
  /** Other secrets the function reads, by the environment variable that carries each one's ARN. */
  secrets?: Record<string, ISecret>;
  /** What the function does to the workflows' executions (every workflow's state machine). */
  workflow?: {
    stateMachines: Partial<Record<WorkflowName, StateMachine>>;
    /** Starts executions (and describes one that a retried start finds already running). */
    start?: boolean;
    /** Stops executions (HR cancels a probation). */
    stop?: boolean;
    /** Hands back results of waiting tasks (SendTaskSuccess/SendTaskFailure). */
    respond?: boolean;
  };
  timeout?: Duration;
  memorySize?: number;
}

export class HouseFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, "Logs", {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const environment: Record<string, string> = {
      NODE_OPTIONS: "--enable-source-maps",
      ...props.environment,
    };
    this.fn = new NodejsFunction(this, "Function", {
      entry: props.entry,
      handler: "handler",
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: Tracing.ACTIVE,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment,
      bundling: {
        minify: true,
        sourceMap: true,
        format: OutputFormat.ESM,
        target: "node24",
        mainFields: ["module", "main"],
        // ESM bundles still meet CommonJS dependencies that call require().
        banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
        externalModules: ["@aws-sdk/*"],
      },
    });
    props.table.grantReadWriteData(this.fn);

    if (props.linkSigningSecret) {
      props.linkSigningSecret.grantRead(this.fn);
      this.fn.addEnvironment("LINK_SIGNING_SECRET_ARN", props.linkSigningSecret.secretArn);
    }

    for (const [variable, secret] of Object.entries(props.secrets ?? {})) {
      secret.grantRead(this.fn);
      this.fn.addEnvironment(variable, secret.secretArn);
    }

    if (props.mail) {
      const stack = Stack.of(this);
      const identities = [props.mail.identity, ...props.mail.sandboxRecipients];
      this.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ["ses:SendEmail", "ses:SendRawEmail"],
          resources: identities.map((name) =>
            stack.formatArn({ service: "ses", resource: "identity", resourceName: name }),
          ),
          conditions: { StringEquals: { "ses:FromAddress": props.mail.from } },
        }),
      );
    }

    const workflow = props.workflow;
    for (const [name, machine] of Object.entries(workflow?.stateMachines ?? {}) as Array<
      [WorkflowName, StateMachine]
    >) {
      if (!workflow) break;
      this.fn.addEnvironment(stateMachineArnEnv(name), machine.stateMachineArn);
      if (workflow.start) machine.grantStartExecution(this.fn);
      if (workflow.respond) machine.grantTaskResponse(this.fn);
      const onExecutions = [
        ...(workflow.start ? ["states:DescribeExecution"] : []),
        ...(workflow.stop ? ["states:StopExecution", "states:DescribeExecution"] : []),
      ];
      if (onExecutions.length > 0) {
        this.fn.addToRolePolicy(
          new PolicyStatement({
            actions: [...new Set(onExecutions)],
            resources: [
              `arn:${Aws.PARTITION}:states:${Aws.REGION}:${Aws.ACCOUNT_ID}:execution:${machine.stateMachineName}:*`,
            ],
          }),
        );
        acknowledge(
          this,
          `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<${logicalIdOf(machine)}.Name>:*]`,
          "Executions of this one state machine; their names (one per case) are not known in advance.",
        );
      }
    }

    acknowledge(
      this,
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
      "Grants only writes to the function's own CloudWatch log streams.",
    );
    acknowledge(
      this,
      `AwsSolutions-IAM5[Resource::<${logicalIdOf(props.table)}.Arn>/index/*]`,
      "Queries use the table's own secondary indexes (gsi1, gsi2).",
    );
    acknowledge(
      this,
      "AwsSolutions-IAM5[Action::kms:GenerateDataKey*]",
      "Generated by grants on the table's customer-managed key; limited to that key.",
    );
    acknowledge(
      this,
      "AwsSolutions-IAM5[Action::kms:ReEncrypt*]",
      "Generated by grants on the table's customer-managed key; limited to that key.",
    );
    acknowledge(
      this,
      "AwsSolutions-IAM5[Resource::*]",
      "X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.",
    );
  }
}
