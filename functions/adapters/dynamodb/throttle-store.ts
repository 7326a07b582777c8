import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { FailureCount, ThrottleStore } from '../../ports/auth-records';
import { sameVersion, succeedsUnlessConditionFails } from './item-conventions';
import { Keys } from './table-definition';

/** A day after the last write, a counter is forgotten. */
const COUNTER_TTL_SECONDS = 24 * 3600;

/**
 * Compare-and-set rounds before giving up. Each lost round means another request's write won, and only
 * a handful of writes can happen per burst (slots up to the threshold, releases), so this is never
 * reached in practice.
 */
export const MAX_CAS_ROUNDS = 25;

interface CounterItem extends FailureCount {
  version?: number;
}

/** Consecutive-failure counters, keyed by an HMAC of the subject so typed emails are not stored. */
export class DynamoThrottleStore implements ThrottleStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async read(subject: string): Promise<CounterItem> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: Keys.throttle(subject), ConsistentRead: true }),
    );
    return {
      failures: Number(Item?.failures ?? 0),
      blockedUntil: Item?.blockedUntil,
      version: Item?.version === undefined ? undefined : Number(Item.version),
    };
  }

  public async get(subject: string): Promise<FailureCount> {
    const { failures, blockedUntil } = await this.read(subject);
    return { failures, blockedUntil };
  }

  public async update(
    subject: string,
    change: (current: FailureCount) => FailureCount | null,
  ): Promise<{ before: FailureCount; after: FailureCount | null } | null> {
    for (let round = 0; round < MAX_CAS_ROUNDS; round++) {
      const { version, ...before } = await this.read(subject);
      const after = change(before);
      if (!after) return { before, after: null };
      const written = await succeedsUnlessConditionFails(
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...Keys.throttle(subject),
              type: 'THROTTLE',
              failures: after.failures,
              ...(after.blockedUntil ? { blockedUntil: after.blockedUntil } : {}),
              version: (version ?? 0) + 1,
              ttl: Math.floor(Date.now() / 1000) + COUNTER_TTL_SECONDS,
            },
            ...sameVersion(version),
          }),
        ),
      );
      if (written) return { before, after };
    }
    return null;
  }

  public async reset(subject: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: Keys.throttle(subject) }));
  }
}
