import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Challenge } from '../../domain/challenge';
import type { ChallengeStore } from '../../ports/auth-records';
import { succeedsUnlessConditionFails, ttlOf, unlessConditionFails, withoutKeys } from './item-conventions';
import { Keys } from './table-definition';

/** Sign-in challenges; DynamoDB's TTL removes abandoned ones. */
export class DynamoChallengeStore implements ChallengeStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async create(challenge: Challenge): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...Keys.challenge(challenge.challengeId),
          type: 'CHALLENGE',
          ...challenge,
          ttl: ttlOf(challenge.expiresAt, 3600),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  public async get(challengeId: string): Promise<Challenge | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: Keys.challenge(challengeId), ConsistentRead: true }),
    );
    if (!Item) return null;
    return withoutKeys<Challenge>(Item);
  }

  public async recordWrongAttempt(challengeId: string, maxAttempts: number): Promise<number | null> {
    const output = await unlessConditionFails(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: Keys.challenge(challengeId),
          UpdateExpression: 'ADD wrongAttempts :one',
          ConditionExpression: 'attribute_exists(pk) AND wrongAttempts < :max',
          ExpressionAttributeValues: { ':one': 1, ':max': maxAttempts },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
    );
    return output ? Number(output.Attributes?.wrongAttempts) : null;
  }

  public async consume(challengeId: string): Promise<boolean> {
    return succeedsUnlessConditionFails(
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: Keys.challenge(challengeId),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
  }

  public async replaceCode(
    challengeId: string,
    update: { codeHash: string; expiresAt: string; sentAt: string },
    rules: { maxResends: number; notSentAfter: string },
  ): Promise<boolean> {
    return succeedsUnlessConditionFails(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: Keys.challenge(challengeId),
          UpdateExpression:
            'SET codeHash = :hash, expiresAt = :expiresAt, lastSentAt = :sentAt, #ttl = :ttl ADD resends :one',
          ConditionExpression: 'attribute_exists(pk) AND resends < :max AND lastSentAt <= :notAfter',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':hash': update.codeHash,
            ':expiresAt': update.expiresAt,
            ':sentAt': update.sentAt,
            ':ttl': ttlOf(update.expiresAt, 3600),
            ':one': 1,
            ':max': rules.maxResends,
            ':notAfter': rules.notSentAfter,
          },
        }),
      ),
    );
  }
}
