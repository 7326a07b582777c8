import '../support/emf-enabled';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { SnsSmsSender } from '../../functions/adapters/sns-sms-sender';
import { flushMetrics } from '../../functions/metrics';
import { captureEmf } from '../support/emf';

let emf: ReturnType<typeof captureEmf>;
beforeEach(() => {
  emf = captureEmf();
});
afterEach(() => emf.restore());

describe('SnsSmsSender metrics', () => {
  it('counts each SMS SNS accepted as SmsSent', async () => {
    // Arrange
    mockClient(SNSClient).on(PublishCommand).resolves({ MessageId: 'm-1' });
    const sender = new SnsSmsSender(new SNSClient({}));

    // Act
    await sender.send('+48123456789', 'code 123456');
    await sender.send('+48123456789', 'code 654321');
    flushMetrics();

    // Assert: one EMF line, two data points (CloudWatch's Sum is 2)
    expect(emf.records()).toEqual([
      {
        namespace: 'RenewalHub',
        dimensions: { service: 'renewal-hub' },
        metrics: { SmsSent: { unit: 'Count', value: [1, 1] } },
      },
    ]);
  });

  it('counts nothing when SNS refuses the SMS', async () => {
    // Arrange
    mockClient(SNSClient).on(PublishCommand).rejects(new Error('Throttled'));

    // Act
    await expect(new SnsSmsSender(new SNSClient({})).send('+48123456789', 'x')).rejects.toThrow();
    flushMetrics();

    // Assert
    expect(emf.records()).toEqual([]);
  });
});
