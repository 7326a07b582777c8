/**
 * The reminder job's sending parts: the pacer that keeps a share function within its share of the SES
 * sending rate, and the SQS queue of a run's shares.
 */
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { type PaceTimer, pacedEmailSender } from '../../functions/adapters/paced-email-sender';
import { SqsReminderTaskQueue } from '../../functions/adapters/sqs-reminder-task-queue';
import type { EmailMessage } from '../../functions/ports/messaging';

/** A timer whose sleeps advance it at once, and which records when each send went out. */
const manualTimer = () => {
  let now = 1_000_000;
  const timer: PaceTimer & { sleeps: number[] } = {
    sleeps: [],
    now: () => now,
    sleep: async (ms) => {
      timer.sleeps.push(ms);
      now += ms;
    },
  };
  return timer;
};

const message = (to: string): EmailMessage => ({ to, subject: 's', text: 't' });

describe('pacedEmailSender', () => {
  it('spaces sends 1000 / rate ms apart, the first at once', async () => {
    // Arrange
    const timer = manualTimer();
    const sentAt: number[] = [];
    const sender = pacedEmailSender({ send: async () => void sentAt.push(timer.now()) }, 4, timer);

    // Act
    for (const to of ['a', 'b', 'c', 'd', 'e']) await sender.send(message(to));

    // Assert
    expect(sentAt.map((at) => at - 1_000_000)).toEqual([0, 250, 500, 750, 1000]);
  });

  it('gives concurrent sends a slot each', async () => {
    // Arrange: the sleeps do not advance the clock, as when they all start together.
    const sleeps: number[] = [];
    const timer: PaceTimer = { now: () => 0, sleep: async (ms) => void sleeps.push(ms) };
    const sent: string[] = [];
    const sender = pacedEmailSender({ send: async ({ to }) => void sent.push(to) }, 10, timer);

    // Act
    await Promise.all(['a', 'b', 'c'].map((to) => sender.send(message(to))));

    // Assert
    expect(sleeps).toEqual([100, 200]);
    expect(sent.sort()).toEqual(['a', 'b', 'c']);
  });

  it('does not wait after a pause longer than the interval', async () => {
    // Arrange
    const timer = manualTimer();
    const sender = pacedEmailSender({ send: async () => {} }, 2, timer);
    await sender.send(message('a'));
    await timer.sleep(5_000);
    timer.sleeps.length = 0;

    // Act
    await sender.send(message('b'));

    // Assert
    expect(timer.sleeps).toEqual([]);
  });

  it('lets a failed send reach the caller', async () => {
    // Arrange
    const sender = pacedEmailSender(
      {
        send: async () => {
          throw new Error('Throttling');
        },
      },
      5,
      manualTimer(),
    );

    // Act
    const sending = sender.send(message('a'));

    // Assert
    await expect(sending).rejects.toThrow('Throttling');
  });
});

describe('SqsReminderTaskQueue', () => {
  const task = (n: number) => ({ at: '2026-12-03T07:00:00.000Z', partition: `2026-12-0${n % 10}#${n % 4}` });

  it('sends shares ten to a request, each as its JSON', async () => {
    // Arrange
    const sqs = mockClient(SQSClient);
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const tasks = Array.from({ length: 23 }, (_, n) => task(n));

    // Act
    await new SqsReminderTaskQueue(new SQSClient({}), 'https://sqs.example/q').send(tasks);

    // Assert
    const batches = sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input.Entries ?? []);
    expect(batches.map((entries) => entries.length)).toEqual([10, 10, 3]);
    expect(batches.flat().map((entry) => JSON.parse(entry.MessageBody ?? ''))).toEqual(tasks);
  });

  it('sends again only the entries SQS refused', async () => {
    // Arrange
    const sqs = mockClient(SQSClient);
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Failed: [{ Id: '1', Code: 'ThrottlingException', SenderFault: false }] })
      .resolves({ Failed: [] });

    // Act
    await new SqsReminderTaskQueue(new SQSClient({}), 'https://sqs.example/q').send([task(0), task(1)]);

    // Assert
    const second = sqs.commandCalls(SendMessageBatchCommand)[1]?.args[0].input.Entries ?? [];
    expect(second.map((entry) => JSON.parse(entry.MessageBody ?? ''))).toEqual([task(1)]);
  });

  it('fails, naming the reason, when SQS keeps refusing an entry', async () => {
    // Arrange
    const sqs = mockClient(SQSClient);
    sqs.on(SendMessageBatchCommand).resolves({
      Failed: [{ Id: '0', Code: 'KMS.AccessDenied', Message: 'no key', SenderFault: true }],
    });

    // Act
    const sending = new SqsReminderTaskQueue(new SQSClient({}), 'https://sqs.example/q').send([task(0)]);

    // Assert
    await expect(sending).rejects.toThrow('SQS refused 1 reminder task(s): KMS.AccessDenied: no key');
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 3);
  });
});
