import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Session } from '../../domain/session';
import type { SessionStore } from '../../ports/auth-records';
import { ttlOf, withoutKeys } from './item-conventions';
import { Keys } from './table-definition';

/** Sessions; a token is only as good as its session item, so deleting the item revokes the token. */
export class DynamoSessionStore implements SessionStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async create(session: Session): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...Keys.session(session.sessionId),
          type: 'SESSION',
          ...session,
          ttl: ttlOf(session.expiresAt, 3600),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  public async get(sessionId: string): Promise<Session | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: Keys.session(sessionId), ConsistentRead: true }),
    );
    if (!Item) return null;
    return withoutKeys<Session>(Item);
  }

  public async revoke(sessionId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: Keys.session(sessionId) }));
  }
}
