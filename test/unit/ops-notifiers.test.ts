import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { Outbox } from '../../functions/adapters/outbox';
import { OutboxOpsNotifier } from '../../functions/adapters/outbox-ops-notifier';
import { SnsOpsNotifier } from '../../functions/adapters/sns-ops-notifier';

const TOPIC = 'arn:aws:sns:eu-central-1:123456789012:ops';

describe('SnsOpsNotifier', () => {
  it('publishes to the operations topic', async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });

    await new SnsOpsNotifier(new SNSClient({}), TOPIC).notify('Paid order needs review: o-1', 'details');

    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: TOPIC,
      Subject: 'Paid order needs review: o-1',
      Message: 'details',
    });
  });

  it('keeps the subject within what SNS accepts: 100 printable ASCII characters', async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });

    await new SnsOpsNotifier(new SNSClient({}), TOPIC).notify(`Zamówienie\n${'x'.repeat(200)}`, 'details');

    const subject = sns.commandCalls(PublishCommand)[0]?.args[0].input.Subject ?? '';
    expect(subject).toHaveLength(100);
    expect(subject).toMatch(/^[\x20-\x7E]+$/);
    expect(subject.startsWith('Zam?wienie?x')).toBe(true);
  });

  it('lets a failure reach the caller, so the task can retry', async () => {
    const sns = mockClient(SNSClient);
    sns
      .on(PublishCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    await expect(new SnsOpsNotifier(new SNSClient({}), TOPIC).notify('s', 't')).rejects.toThrow(
      'Rate exceeded',
    );
  });
});

describe('OutboxOpsNotifier', () => {
  it('puts the notification on the OPS channel of the local outbox', async () => {
    const outbox = new Outbox();

    await new OutboxOpsNotifier(outbox).notify('Paid order failed: o-1', 'details');

    expect(outbox.list()).toEqual([
      {
        channel: 'OPS',
        to: 'operations',
        subject: 'Paid order failed: o-1',
        text: 'details',
        sentAt: expect.any(String),
      },
    ]);
  });
});
