import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { IdempotencyClaim, IdempotencyStore, StoredResponse } from '../../ports/idempotency';
import { succeedsUnlessConditionFails, ttlOf } from './item-conventions';
import { Keys } from './table-definition';

/** Answers are kept at least this long (Stripe keeps them 24 h). */
const RETENTION_SECONDS = 24 * 3600;
/** A claim whose request crashed lapses after this, so the key is not stuck for a day. */
const LOCK_SECONDS = 60;

/** Idempotency records in the single table; DynamoDB's TTL removes them after the retention. */
export class DynamoIdempotencyStore implements IdempotencyStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async begin(key: string, requestHash: string, now: Date): Promise<IdempotencyClaim> {
    const nowIso = now.toISOString();
    const claimed = await succeedsUnlessConditionFails(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...Keys.idempotency(key),
            type: 'IDEMPOTENCY',
            status: 'IN_PROGRESS',
            requestHash,
            lockedUntil: new Date(now.getTime() + LOCK_SECONDS * 1000).toISOString(),
            ttl: ttlOf(nowIso, RETENTION_SECONDS + 3600),
          },
          // Free, or a claim whose request died: take it. A completed answer is never overwritten.
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :inProgress AND lockedUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':now': nowIso },
        }),
      ),
    );
    if (claimed) return { kind: 'claimed' };
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: Keys.idempotency(key), ConsistentRead: true }),
    );
    if (Item?.status === 'COMPLETED') {
      return { kind: 'completed', requestHash: Item.requestHash, response: Item.response as StoredResponse };
    }
    return { kind: 'in-progress', requestHash: String(Item?.requestHash ?? requestHash) };
  }

  public async complete(key: string, response: StoredResponse, now: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: Keys.idempotency(key),
        UpdateExpression:
          'SET #status = :completed, #response = :response, completedAt = :now REMOVE lockedUntil',
        ExpressionAttributeNames: { '#status': 'status', '#response': 'response' },
        ExpressionAttributeValues: {
          ':completed': 'COMPLETED',
          ':response': response,
          ':now': now.toISOString(),
        },
      }),
    );
  }

  public async release(key: string): Promise<void> {
    // A failed condition means the claim completed or lapsed meanwhile: that is left as it is.
    await succeedsUnlessConditionFails(
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: Keys.idempotency(key),
          ConditionExpression: '#status = :inProgress',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS' },
        }),
      ),
    );
  }
}
