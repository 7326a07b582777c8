import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FailureCount, ThrottleStore } from '../../ports/auth-records';
import { Keys } from './table-definition';

/** A day after the last failure, a counter is forgotten. */
const COUNTER_TTL_SECONDS = 24 * 3600;

/** Consecutive-failure counters, keyed by an HMAC of the subject so typed emails are not stored. */
export class DynamoThrottleStore implements ThrottleStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async get(subject: string): Promise<FailureCount> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: Keys.throttle(subject), ConsistentRead: true }),
    );
    return { failures: Number(Item?.failures ?? 0), blockedUntil: Item?.blockedUntil };
  }

  public async recordFailure(
    subject: string,
    block: (failures: number) => string | undefined,
  ): Promise<FailureCount> {
    const ttl = Math.floor(Date.now() / 1000) + COUNTER_TTL_SECONDS;
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: Keys.throttle(subject),
        UpdateExpression: 'ADD failures :one SET #type = :type, #ttl = :ttl',
        ExpressionAttributeNames: { '#type': 'type', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':one': 1, ':type': 'THROTTLE', ':ttl': ttl },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const failures = Number(Attributes?.failures ?? 1);
    const blockedUntil = block(failures);
    if (blockedUntil) {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: Keys.throttle(subject),
          UpdateExpression: 'SET blockedUntil = :until',
          ExpressionAttributeValues: { ':until': blockedUntil },
        }),
      );
    }
    return { failures, blockedUntil };
  }

  public async reset(subject: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: Keys.throttle(subject) }));
  }
}
