import { ArnFormat, Aws, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type IRole, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Where operations are told about what needs a person, e.g. a paid order that needs review. */
export interface OpsTopicProps {
  /** Subscribed by email when set; the address must confirm the subscription. */
  readonly email?: string;
}

/** CloudWatch's service principal: alarms publish to the topic as this service. */
const CLOUDWATCH = 'cloudwatch.amazonaws.com';

/**
 * The operations topic: task functions and the store webhook publish what needs a person, and the
 * CloudWatch alarms (failed or timed-out purchases, webhook errors) publish to it too.
 *
 * Encrypted with a customer managed KMS key of its own, rotated yearly. It cannot be the AWS managed
 * `alias/aws/sns` key: that key's policy cannot be changed, so CloudWatch could never encrypt an alarm
 * notification with it and every alarm action would fail silently. This key's policy lets CloudWatch use
 * it on behalf of this account's alarms only; Lambda roles get it through {@link OpsTopic.grantPublish}.
 */
export class OpsTopic extends Construct {
  public readonly topic: Topic;
  public readonly key: Key;

  public constructor(scope: Construct, id: string, props: OpsTopicProps = {}) {
    super(scope, id);
    // Only this account's alarms, in this region: no other account's alarm can reach the topic through
    // CloudWatch (confused deputy).
    const fromOwnAlarms = {
      ArnLike: {
        'aws:SourceArn': Stack.of(this).formatArn({
          service: 'cloudwatch',
          resource: 'alarm',
          resourceName: '*',
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    };
    this.key = new Key(this, 'Key', {
      description: 'Renewal Hub: encrypts the operations topic (alarms and review notices)',
      enableKeyRotation: true,
      // Deleting the key would make the topic's messages in flight unreadable; it is cheap to keep.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToUseTheKey',
        principals: [new ServicePrincipal(CLOUDWATCH)],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        // In a key policy, `*` is the key itself.
        resources: ['*'],
        conditions: fromOwnAlarms,
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Renewal Hub operations',
      masterKey: this.key,
      enforceSSL: true,
    });
    // The topic policy replaces SNS's default one, which is what let a same-account alarm publish.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new ServicePrincipal(CLOUDWATCH)],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromOwnAlarms,
      }),
    );
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
  }

  /** `sns:Publish` on this topic only, and the key use that publishing to an encrypted topic needs. */
  public grantPublish(role: IRole): void {
    this.topic.grantPublish(role);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason:
        "CDK's grant for publishing to a KMS-encrypted SNS topic, as the SNS documentation gives it: the " +
        'kms:GenerateDataKey* action family on the one key of the operations topic (its ARN, not a wildcard).',
    });
  }
}
