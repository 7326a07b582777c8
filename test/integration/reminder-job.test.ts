/**
 * The reminder job as it runs in AWS (PRODUCT.md §8), on DynamoDB Local: the scheduled function queues one
 * share per expiry partition; the share function runs a share page by page, queues the rest when its
 * invocation runs out of time, and reports a share with a failed email so SQS gives it again, which then
 * emails only whom it missed once the lease has run out. The queue is a recorder; the store is real.
 */
import type { SQSEvent } from 'aws-lambda';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { handler as planRun } from '../../functions/consumers/reminders-plan';
import { handler as runShare } from '../../functions/consumers/reminders-share';
import { ManualClock } from '../../functions/domain/clock';
import { deriveKeys } from '../../functions/domain/secrets';
import type { ReminderTask, ReminderTaskQueue } from '../../functions/ports/reminders';
import { REMINDER_LEASE_MS } from '../../functions/use-cases/renewal-reminders';
import { overrideDependencies } from '../../functions/wiring';
import { FakeEmailSender } from '../fakes/messaging';
import { createTestTable, testConfig } from '../support/dynamodb';
import { FixtureBuilder, loadIntoTable } from '../support/fixtures';

const DAY_MS = 24 * 3600 * 1000;
const NOW = new Date('2026-12-03T09:00:00.000Z');
/** Six licenses of one day over four shards: at least one shard holds two, so it has two pages of one. */
const LICENSES = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => `lic-job-${name}`);
const WEEK_OUT = new Date(NOW.getTime() + 7 * DAY_MS - 3600 * 1000).toISOString();

class RecordingTaskQueue implements ReminderTaskQueue {
  public readonly queued: ReminderTask[] = [];

  public async send(tasks: readonly ReminderTask[]): Promise<void> {
    this.queued.push(...tasks);
  }

  /** Takes everything queued so far, as a consumer would. */
  public take(): ReminderTask[] {
    return this.queued.splice(0);
  }
}

const sqsEvent = (task: ReminderTask, messageId: string): SQSEvent =>
  ({ Records: [{ messageId, body: JSON.stringify(task) }] }) as unknown as SQSEvent;

/** An invocation with no time to spare: it runs one page of its share and queues the rest. */
const outOfTime = { getRemainingTimeInMillis: () => 0 };
const plentyOfTime = { getRemainingTimeInMillis: () => 15 * 60 * 1000 };

let table: Awaited<ReturnType<typeof createTestTable>>;
const email = new FakeEmailSender();
const queue = new RecordingTaskQueue();
let clock: ManualClock;

/** The wiring of these tests: the fresh table, pages of one license, the recorders. */
const dependencies = () => ({
  config: { ...testConfig(table), reminderPageSize: 1 },
  clock,
  keys: deriveKeys('test-root-secret-that-is-long-enough'),
  email,
  reminderQueue: queue,
});

beforeEach(async () => {
  table = await createTestTable();
  clock = new ManualClock(NOW);
  email.reset();
  queue.take();
  overrideDependencies(dependencies());
  const builder = new FixtureBuilder(NOW)
    .user('job-admin@example.com', { locale: 'en' })
    .workspace('ws-job', { name: 'Job Co', admins: ['job-admin@example.com'] })
    .product('EPS-CLOUD');
  for (const licenseId of LICENSES)
    builder.license(licenseId, { workspaceId: 'ws-job', expiresAt: WEEK_OUT });
  const client = createDocumentClient(table.endpoint);
  await loadIntoTable(builder.build(), { client, tableName: table.tableName });
  client.destroy();
});

afterEach(async () => {
  await table.drop();
});

/** Runs queued shares (and the shares they queue) until none is left; answers each invocation's result. */
const drain = async (context: typeof outOfTime) => {
  const results: Array<{ partition: string; sent: number; failed: string[] }> = [];
  for (let task = queue.take(); task.length > 0; task = queue.take()) {
    for (const [index, share] of task.entries()) {
      const sentBefore = email.sent.length;
      const answer = await runShare(sqsEvent(share, `msg-${index}`), context);
      results.push({
        partition: share.partition,
        sent: email.sent.length - sentBefore,
        failed: answer.batchItemFailures.map((failure) => failure.itemIdentifier),
      });
    }
  }
  return results;
};

describe('the scheduled reminder job', () => {
  it('queues one share per expiry partition of the look-back, each as of the schedule', async () => {
    // Act
    const planned = await planRun({ at: '2026-12-03T07:00:00Z' });

    // Assert: each milestone's 4 expiry days (3 look-back days and today), the 0- and 1-day milestones'
    // overlapping (Nov 30 – Dec 4), so 13 days: Nov 30 – Dec 4, Dec 7 – 10, Dec 30 – Jan 2; 4 shards each.
    expect(planned).toEqual({ at: '2026-12-03T07:00:00.000Z', tasks: queue.queued.length });
    expect(queue.queued.length).toBe(13 * 4);
    expect(new Set(queue.queued.map((task) => task.partition.slice(0, 10)))).toEqual(
      new Set([
        ...['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'],
        ...['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10'],
        ...['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02'],
      ]),
    );
    expect(new Set(queue.queued.map((task) => task.partition)).size).toBe(queue.queued.length);
    expect(queue.queued.every((task) => task.at === '2026-12-03T07:00:00.000Z' && !task.cursor)).toBe(true);
  });

  it('refuses an input that is not an instant, and queues nothing', async () => {
    // Act
    const planning = planRun({ at: 'tomorrow' });

    // Assert
    await expect(planning).rejects.toThrow();
    expect(queue.queued).toEqual([]);
  });

  it.each([
    ['between pages (pages of one license)', 1],
    ['within a page (pages of 100)', 100],
  ])(
    'goes on in another invocation when one runs out of time %s, and reminds each license once',
    async (_, pageSize) => {
      // Arrange
      overrideDependencies({
        ...dependencies(),
        config: { ...testConfig(table), reminderPageSize: pageSize },
      });
      await planRun({ at: NOW.toISOString() });
      const planned = queue.queued.length;

      // Act: every invocation has time for one reminder only.
      const invocations = await drain(outOfTime);

      // Assert: one invocation per reminder (the extra ones are continuations), each license once, none failed.
      expect(invocations.filter((invocation) => invocation.sent > 0)).toHaveLength(LICENSES.length);
      expect(invocations.length).toBeGreaterThan(planned);
      expect(invocations.every((invocation) => invocation.failed.length === 0)).toBe(true);
      expect(email.sent.map((message) => message.text.match(/lic-job-\w/)?.[0]).sort()).toEqual(LICENSES);

      // Act: the whole run again, with time to spare.
      await planRun({ at: NOW.toISOString() });
      const again = await drain(plentyOfTime);

      // Assert: nothing is sent twice, and no share needed a continuation.
      expect(again.length).toBe(planned);
      expect(email.sent.length).toBe(LICENSES.length);
    },
  );

  it('reports a share whose email failed, and its retry after the lease emails only that one', async () => {
    // Arrange
    await planRun({ at: NOW.toISOString() });
    const shares = queue.take();
    email.refuseNext(1);

    // Act
    const first = await Promise.all(
      shares.map(async (share, index) => ({
        share,
        answer: await runShare(sqsEvent(share, `msg-${index}`), plentyOfTime),
      })),
    );
    const failed = first.filter(({ answer }) => answer.batchItemFailures.length > 0);
    const sentFirst = email.sent.length;
    // SQS gives the failed message again after its visibility timeout, which outlasts the lease.
    clock.advance(REMINDER_LEASE_MS + 60_000);
    const retried = await runShare(sqsEvent(failed[0]?.share as ReminderTask, 'msg-retry'), plentyOfTime);

    // Assert
    expect(failed.map(({ answer }) => answer.batchItemFailures)).toEqual([
      [{ itemIdentifier: expect.stringMatching(/^msg-/) }],
    ]);
    expect(sentFirst).toBe(LICENSES.length - 1);
    expect(retried.batchItemFailures).toEqual([]);
    expect(email.sent.map((message) => message.text.match(/lic-job-\w/)?.[0]).sort()).toEqual(LICENSES);
  });

  it('reports a message that is not a share, and runs the others of its batch', async () => {
    // Arrange
    await planRun({ at: NOW.toISOString() });
    const [share] = queue.take();
    const event = {
      Records: [
        { messageId: 'broken', body: '{"partition":' },
        { messageId: 'good', body: JSON.stringify(share) },
      ],
    } as unknown as SQSEvent;

    // Act
    const answer = await runShare(event, plentyOfTime);

    // Assert
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'broken' }]);
  });
});
