import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsSender } from '../ports/messaging';

/** Sends SMS directly to a phone number with SNS, as transactional messages (higher delivery priority). */
export class SnsSmsSender implements SmsSender {
  public constructor(private readonly client: SNSClient) {}

  public async send(phoneNumber: string, text: string): Promise<void> {
    await this.client.send(
      new PublishCommand({
        PhoneNumber: phoneNumber,
        Message: text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        },
      }),
    );
  }
}
