import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { BusinessMetric } from '../metric-names';
import { countMetric } from '../metrics';
import type { SmsSender } from '../ports/messaging';

/**
 * Sends SMS directly to a phone number with SNS, as transactional messages (higher delivery priority),
 * and counts each one SNS accepted (the handler frame flushes the count).
 */
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
    countMetric(BusinessMetric.SMS_SENT);
  }
}
