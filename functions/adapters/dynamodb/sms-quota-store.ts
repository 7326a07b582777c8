import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { admitSend } from '../../domain/sms-limits';
import type { SmsQuota, SmsQuotaStore } from '../../ports/auth-records';
import { sameVersion, ttlOf } from './item-conventions';
import { Keys } from './table-definition';
import { MAX_CAS_ROUNDS } from './throttle-store';

/** True when a transaction lost to another write (a failed version condition, or a concurrent transaction). */
const lostRace = (error: unknown): boolean =>
  error instanceof Error &&
  error.name === 'TransactionCanceledException' &&
  ((error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? []).every((reason) =>
    ['None', 'ConditionalCheckFailed', 'TransactionConflict'].includes(reason.Code ?? 'None'),
  );

/**
 * Recent SMS sends per subject: one item each (a user id, or an HMAC of a phone number, so no new place
 * stores raw numbers) holding the instants of the sends still inside its window, and a version for
 * optimistic concurrency. TTL removes an item once its longest window has passed.
 */
export class DynamoSmsQuotaStore implements SmsQuotaStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async reserve(
    quotas: readonly SmsQuota[],
    now: Date,
  ): Promise<{ reserved: true } | { retryAfter: number }> {
    for (let round = 0; round < MAX_CAS_ROUNDS; round++) {
      const current = await Promise.all(
        quotas.map(async (quota) => {
          const { Item } = await this.client.send(
            new GetCommand({
              TableName: this.tableName,
              Key: Keys.smsQuota(quota.subject),
              ConsistentRead: true,
            }),
          );
          const sends = (Item?.sends ?? []) as string[];
          const version = Item?.version === undefined ? undefined : Number(Item.version);
          return { quota, version, decision: admitSend(sends, now, quota.rule) };
        }),
      );
      const refusals = current.flatMap(({ decision }) =>
        'retryAfter' in decision ? [decision.retryAfter] : [],
      );
      // Nothing is counted unless every quota has room: the send must wait for the slowest one.
      if (refusals.length > 0) return { retryAfter: Math.max(...refusals) };
      try {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: current.map(({ quota, version, decision }) => ({
              Put: {
                TableName: this.tableName,
                Item: {
                  ...Keys.smsQuota(quota.subject),
                  type: 'SMS_QUOTA',
                  sends: 'sends' in decision ? decision.sends : [],
                  version: (version ?? 0) + 1,
                  ttl: ttlOf(now.toISOString(), quota.rule.windowSeconds),
                },
                ...sameVersion(version),
              },
            })),
          }),
        );
        return { reserved: true };
      } catch (error) {
        if (!lostRace(error)) throw error;
      }
    }
    // Lost every round to other sends: refuse rather than risk exceeding the limit.
    return { retryAfter: 1 };
  }
}
