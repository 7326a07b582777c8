import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiKey } from '../../domain/api-key';
import type { ApiKeyStore } from '../../ports/api-keys';
import { succeedsUnlessConditionFails, unlessConditionFails, withoutKeys } from './item-conventions';
import { queryAll } from './query-all';
import { Keys } from './table-definition';

const keyOf = (item: Record<string, unknown>): ApiKey => {
  const {
    gsi1pk: _pk,
    gsi1sk: _sk,
    ...key
  } = withoutKeys<ApiKey & { gsi1pk?: string; gsi1sk?: string }>(item);
  return key;
};

/** API keys by id (authentication reads one item), and per workspace through gsi1, newest first. */
export class DynamoApiKeyStore implements ApiKeyStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async create(key: ApiKey): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...Keys.apiKey(key.apiKeyId),
          ...Keys.apiKeyEntry(key.workspaceId, key.createdAt, key.apiKeyId),
          type: 'APIKEY',
          ...key,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  public async get(apiKeyId: string): Promise<ApiKey | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: Keys.apiKey(apiKeyId), ConsistentRead: true }),
    );
    return Item ? keyOf(Item) : null;
  }

  public async listForWorkspace(workspaceId: string): Promise<ApiKey[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': Keys.apiKeysOf(workspaceId) },
      ScanIndexForward: false,
    });
    return items.map(keyOf);
  }

  public async revoke(workspaceId: string, apiKeyId: string, at: Date): Promise<ApiKey | null> {
    const answer = await unlessConditionFails(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: Keys.apiKey(apiKeyId),
          UpdateExpression: 'SET revokedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND workspaceId = :ws AND revokedAt = :none',
          ExpressionAttributeValues: { ':at': at.toISOString(), ':ws': workspaceId, ':none': null },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return answer?.Attributes ? keyOf(answer.Attributes) : null;
  }

  public async recordUse(apiKeyId: string, at: Date, notBefore: Date): Promise<void> {
    // Conditional, so a busy key writes at most once per interval however many requests race.
    await succeedsUnlessConditionFails(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: Keys.apiKey(apiKeyId),
          UpdateExpression: 'SET lastUsedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND (lastUsedAt = :none OR lastUsedAt < :notBefore)',
          ExpressionAttributeValues: {
            ':at': at.toISOString(),
            ':none': null,
            ':notBefore': notBefore.toISOString(),
          },
        }),
      ),
    );
  }
}
