import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { reminderKeyOf } from '../../domain/reminder-milestones';
import type { WebhookEvent } from '../../domain/webhook-event';
import type { ExpiringLicensePage, ReminderClaim, ReminderKey, ReminderStore } from '../../ports/reminders';
import { forEachLimit } from '../for-each-limit';
import { succeedsUnlessConditionFails } from './item-conventions';
import { recordOf, renewalStateOf } from './license-items';
import { EXPIRY_INDEX, EXPIRY_SHARDS, Keys } from './table-definition';
import { webhookEventPut } from './webhook-stores';

/** Batch reads in flight at once. */
const BATCH_CONCURRENCY = 8;

/** BatchGetItem reads at most 100 keys. */
const BATCH_GET_LIMIT = 100;

/**
 * A page's cursor is the query's last key, as base64url JSON. It travels only inside the job (an SQS
 * message between two of its invocations), never to a client, so it is not signed.
 */
const encodeCursor = (key: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');
const decodeCursor = (cursor: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));

/**
 * Reminder records (`REMINDER#<license>` / `<expiresAt>#<milestone>`) and the expiry index (gsi2). A
 * record is `SENDING` under a lease, then `SENT`; it keeps who was emailed. Kept for good (one small item
 * per reminder), so "never twice" holds however late a rerun comes.
 */
export class DynamoReminderStore implements ReminderStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public expiryPartitions(days: readonly string[]): string[] {
    return days.flatMap((day) => Array.from({ length: EXPIRY_SHARDS }, (_, shard) => `${day}#${shard}`));
  }

  public async licensesIn(
    partition: string,
    page: { cursor?: string; limit: number },
  ): Promise<ExpiringLicensePage> {
    const [day, shard] = partition.split('#');
    if (!day || shard === undefined) throw new Error(`Not an expiry partition: ${partition}`);
    const answer = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: EXPIRY_INDEX,
        KeyConditionExpression: 'gsi2pk = :day',
        ExpressionAttributeValues: { ':day': Keys.expiryDay(day, Number(shard)) },
        Limit: page.limit,
        ...(page.cursor ? { ExclusiveStartKey: decodeCursor(page.cursor) } : {}),
      }),
    );
    return {
      licenses: (answer.Items ?? []).map((item) => ({
        license: { ...recordOf(item), ...renewalStateOf(item) },
        // An index query resumes after the item named by its table key and its index key.
        resumeAfter: encodeCursor({ pk: item.pk, sk: item.sk, gsi2pk: item.gsi2pk, gsi2sk: item.gsi2sk }),
      })),
      ...(answer.LastEvaluatedKey ? { next: encodeCursor(answer.LastEvaluatedKey) } : {}),
    };
  }

  public async claim(
    reminder: ReminderKey,
    event: WebhookEvent,
    now: Date,
    leaseUntil: Date,
  ): Promise<ReminderClaim> {
    const key = this.keyOf(reminder);
    const created = await succeedsUnlessConditionFails(
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...key,
                  type: 'REMINDER',
                  ...reminder,
                  status: 'SENDING',
                  claimedAt: now.toISOString(),
                  leaseUntil: leaseUntil.toISOString(),
                  eventId: event.id,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            webhookEventPut(this.tableName, event),
          ],
        }),
      ),
    );
    if (created) return { outcome: 'SEND', sentTo: [] };
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    if (Item?.status !== 'SENDING' || String(Item.leaseUntil) > now.toISOString()) {
      return { outcome: 'SKIP' };
    }
    // A run crashed while sending: take its claim over, unless another run just did.
    const tookOver = await succeedsUnlessConditionFails(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET leaseUntil = :until',
          ConditionExpression: '#status = :sending AND leaseUntil = :seen',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':until': leaseUntil.toISOString(),
            ':sending': 'SENDING',
            ':seen': Item.leaseUntil,
          },
        }),
      ),
    );
    return tookOver
      ? { outcome: 'SEND', sentTo: [...((Item.sentTo as Set<string> | undefined) ?? [])] }
      : { outcome: 'SKIP' };
  }

  public async completed(reminders: readonly ReminderKey[]): Promise<Set<string>> {
    const done = new Set<string>();
    const batches: ReminderKey[][] = [];
    for (let start = 0; start < reminders.length; start += BATCH_GET_LIMIT) {
      batches.push(reminders.slice(start, start + BATCH_GET_LIMIT));
    }
    await forEachLimit(batches, BATCH_CONCURRENCY, async (batch) => {
      let keys: Array<Record<string, unknown>> = batch.map((reminder) => this.keyOf(reminder));
      // Unprocessed keys (throttling) are asked again until none is left.
      while (keys.length > 0) {
        const answer = await this.client.send(
          new BatchGetCommand({
            RequestItems: {
              [this.tableName]: {
                Keys: keys,
                ProjectionExpression: 'licenseId, expiresAt, milestone, #status',
                ExpressionAttributeNames: { '#status': 'status' },
              },
            },
          }),
        );
        for (const item of answer.Responses?.[this.tableName] ?? []) {
          if (item.status === 'SENT') done.add(reminderKeyOf(item.licenseId, item.expiresAt, item.milestone));
        }
        keys = answer.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    });
    return done;
  }

  public async markSent(reminder: ReminderKey, recipient: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.keyOf(reminder),
        UpdateExpression: 'ADD sentTo :recipient',
        ExpressionAttributeValues: { ':recipient': new Set([recipient]) },
      }),
    );
  }

  public async complete(reminder: ReminderKey, at: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.keyOf(reminder),
        UpdateExpression: 'SET #status = :sent, sentAt = :at REMOVE leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'SENT', ':at': at.toISOString() },
      }),
    );
  }

  private keyOf(reminder: ReminderKey) {
    return Keys.reminder(reminder.licenseId, reminder.expiresAt, reminder.milestone);
  }
}
