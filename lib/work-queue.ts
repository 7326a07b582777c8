import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** Receives of a message that fail before it moves to the dead-letter queue. */
const MAX_RECEIVES = 5;

/**
 * A queue of work and its dead-letter queue, as every queue of this stack is: encrypted (SSE-SQS),
 * refusing plain HTTP; a message that fails {@link MAX_RECEIVES} times moves to `DeadLetters`, kept 14
 * days for a person to look at and redrive.
 */
export const workQueueWithDeadLetters = (
  scope: Construct,
  queueId: string,
  visibilityTimeout: Duration,
): { queue: Queue; deadLetters: Queue } => {
  const deadLetters = new Queue(scope, 'DeadLetters', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const queue = new Queue(scope, queueId, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    visibilityTimeout,
    deadLetterQueue: { queue: deadLetters, maxReceiveCount: MAX_RECEIVES },
  });
  return { queue, deadLetters };
};
