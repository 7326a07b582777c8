import { Alias } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Where operations are told about what needs a person, e.g. a paid order that needs review. */
export interface OpsTopicProps {
  /** Subscribed by email when set; the address must confirm the subscription. */
  readonly email?: string;
}

/**
 * The operations topic. Encrypted with the AWS managed key `alias/aws/sns`, which Lambda functions and
 * Step Functions can publish through; CloudWatch alarms cannot (its key policy cannot grant them), so an
 * alarm that should notify operations needs a customer managed key here.
 */
export class OpsTopic extends Construct {
  public readonly topic: Topic;

  public constructor(scope: Construct, id: string, props: OpsTopicProps = {}) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Renewal Hub operations',
      masterKey: Alias.fromAliasName(this, 'AwsManagedKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
  }
}
