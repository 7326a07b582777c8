import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { OpsNotifier } from '../ports/messaging';

/** Tells operations through the operations SNS topic (email subscribers, chat, paging). */
export class SnsOpsNotifier implements OpsNotifier {
  public constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  public async notify(subject: string, text: string): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        // SNS takes at most 100 printable ASCII characters as a subject.
        Subject: subject.replace(/[^\x20-\x7E]/g, '?').slice(0, 100),
        Message: text,
      }),
    );
  }
}
