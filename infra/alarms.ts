// Where alarms go: an encrypted SNS topic that CloudWatch may actually publish to, mailed to the
// operator. Without the key grant CloudWatch's publish fails silently and alarms reach nobody.
import { Aws, RemovalPolicy, Stack } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";

export interface AlarmsProps {
  /** Mailed every alarm; the address must confirm the subscription once. */
  email?: string;
}

export class Alarms extends Construct {
  readonly topic: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    // Its own key, not the table's: CloudWatch's use of it must not reach the HR records' key.
    this.key = new Key(this, "Key", {
      enableKeyRotation: true,
      description: "HR workflows alarm notifications",
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.topic = new Topic(this, "Topic", {
      displayName: "HR workflows alarms",
      enforceSSL: true,
      masterKey: this.key,
    });

    const stack = Stack.of(this);
    // Only alarms of this account, and of this stack (CloudFormation names them "<stack>-..."),
    // may make CloudWatch use the key or publish: the confused-deputy guard AWS documents.
    const fromOurAlarms = {
      StringEquals: { "aws:SourceAccount": Aws.ACCOUNT_ID },
      ArnLike: {
        "aws:SourceArn": `arn:${Aws.PARTITION}:cloudwatch:${stack.region}:${Aws.ACCOUNT_ID}:alarm:${stack.stackName}-*`,
      },
    };
    const cloudwatch = new ServicePrincipal("cloudwatch.amazonaws.com");
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: "CloudWatchAlarmsPublishToTheEncryptedTopic",
        principals: [cloudwatch],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        resources: ["*"],
        conditions: fromOurAlarms,
      }),
    );
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: "CloudWatchAlarmsPublish",
        principals: [cloudwatch],
        actions: ["sns:Publish"],
        resources: [this.topic.topicArn],
        conditions: fromOurAlarms,
      }),
    );
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
  }

  /** An alarm that fires on any occurrence in five minutes and notifies the topic. */
  add(id: string, metric: IMetric, description: string): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No data means nothing happened: no errors, no failed mails, no messages in the queue.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }
}
