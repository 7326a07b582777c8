import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ReminderTask, ReminderTaskQueue } from '../ports/reminders';

/** SendMessageBatch takes at most 10 messages. */
const BATCH_LIMIT = 10;

/** How many times a batch's refused entries are sent again before the call fails. */
const RESEND_ROUNDS = 3;

/** The reminder job's shares in AWS: one SQS message each, sent ten to a request. */
export class SqsReminderTaskQueue implements ReminderTaskQueue {
  public constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  public async send(tasks: readonly ReminderTask[]): Promise<void> {
    for (let start = 0; start < tasks.length; start += BATCH_LIMIT) {
      await this.sendBatch(tasks.slice(start, start + BATCH_LIMIT));
    }
  }

  private async sendBatch(tasks: readonly ReminderTask[]): Promise<void> {
    let entries = tasks.map((task, index) => ({ Id: String(index), MessageBody: JSON.stringify(task) }));
    // A batch succeeds entry by entry: what SQS refused (throttled, say) is sent again, and only that.
    for (let round = 0; entries.length > 0; round++) {
      const answer = await this.client.send(
        new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
      );
      const failed = new Set((answer.Failed ?? []).map((failure) => failure.Id));
      entries = entries.filter((entry) => failed.has(entry.Id));
      if (entries.length > 0 && round + 1 >= RESEND_ROUNDS) {
        const reasons = (answer.Failed ?? []).map((failure) => `${failure.Code}: ${failure.Message}`);
        throw new Error(`SQS refused ${entries.length} reminder task(s): ${reasons.join('; ')}`);
      }
    }
  }
}
