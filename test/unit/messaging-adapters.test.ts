import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { SesEmailSender } from '../../functions/adapters/ses-email-sender';
import { SnsSmsSender } from '../../functions/adapters/sns-sms-sender';

describe('SnsSmsSender', () => {
  it('publishes straight to the phone number as a transactional SMS', async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });

    await new SnsSmsSender(new SNSClient({})).send('+48123456789', 'code 123456');

    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      PhoneNumber: '+48123456789',
      Message: 'code 123456',
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
  });

  it('lets a failure reach the caller', async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).rejects(new Error('Throttled'));

    await expect(new SnsSmsSender(new SNSClient({})).send('+48123456789', 'x')).rejects.toThrow('Throttled');
  });
});

describe('SesEmailSender', () => {
  it('sends text and HTML bodies in UTF-8 from the configured address', async () => {
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).resolves({ MessageId: 'e-1' });

    await new SesEmailSender(new SESv2Client({}), 'no-reply@example.com').send({
      to: 'ann@example.com',
      subject: 'Zażółć',
      text: 'plain',
      html: '<p>html</p>',
    });

    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: 'no-reply@example.com',
      Destination: { ToAddresses: ['ann@example.com'] },
      Content: {
        Simple: {
          Subject: { Data: 'Zażółć', Charset: 'UTF-8' },
          Body: {
            Text: { Data: 'plain', Charset: 'UTF-8' },
            Html: { Data: '<p>html</p>', Charset: 'UTF-8' },
          },
        },
      },
    });
  });
});
