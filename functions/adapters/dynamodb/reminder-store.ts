import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { LicenseRecord, LicenseRenewalState } from '../../domain/license';
import { reminderKeyOf } from '../../domain/reminder-milestones';
import type { WebhookEvent } from '../../domain/webhook-event';
import type { ReminderClaim, ReminderKey, ReminderStore } from '../../ports/reminders';
import { forEachLimit } from '../for-each-limit';
import { succeedsUnlessConditionFails } from './item-conventions';
import { recordOf, renewalStateOf } from './license-items';
import { queryAll } from './query-all';
import { EXPIRY_INDEX, EXPIRY_SHARDS, Keys } from './table-definition';
import { webhookEventPut } from './webhook-stores';

/** Queries of the expiry index in flight at once. */
const QUERY_CONCURRENCY = 8;

/** BatchGetItem reads at most 100 keys. */
const BATCH_GET_LIMIT = 100;

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

  public async licensesExpiringOn(
    days: readonly string[],
  ): Promise<Array<LicenseRecord & LicenseRenewalState>> {
    const partitions = days.flatMap((day) =>
      Array.from({ length: EXPIRY_SHARDS }, (_, shard) => Keys.expiryDay(day, shard)),
    );
    const found: Array<LicenseRecord & LicenseRenewalState> = [];
    await forEachLimit(partitions, QUERY_CONCURRENCY, async (partition) => {
      const items = await queryAll(this.client, {
        TableName: this.tableName,
        IndexName: EXPIRY_INDEX,
        KeyConditionExpression: 'gsi2pk = :day',
        ExpressionAttributeValues: { ':day': partition },
      });
      for (const item of items) found.push({ ...recordOf(item), ...renewalStateOf(item) });
    });
    return found.sort((a, b) => (a.licenseId < b.licenseId ? -1 : a.licenseId > b.licenseId ? 1 : 0));
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
    await forEachLimit(batches, QUERY_CONCURRENCY, async (batch) => {
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
