import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MfaSetting, PendingEnrolment, User } from '../../domain/user';
import type { UserStore } from '../../ports/users';
import { succeedsUnlessConditionFails, withoutKeys } from './item-conventions';
import { Keys } from './table-definition';

type UserItem = User & { pk: string; sk: string; type: 'USER' };

/** Users in the single table, one item per user keyed by normalized email. */
export class DynamoUserStore implements UserStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async findByEmail(email: string): Promise<User | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: Keys.user(email), ConsistentRead: true }),
    );
    if (!Item) return null;
    return withoutKeys<User>(Item);
  }

  public async put(user: User): Promise<void> {
    const item: UserItem = { ...Keys.user(user.email), type: 'USER', ...user };
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  public async useTotpStep(email: string, step: number): Promise<boolean> {
    return succeedsUnlessConditionFails(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: Keys.user(email),
          UpdateExpression: 'SET lastTotpStep = :step',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(lastTotpStep) OR lastTotpStep < :step)',
          ExpressionAttributeValues: { ':step': step },
        }),
      ),
    );
  }

  public async setMfa(email: string, mfa: MfaSetting): Promise<void> {
    await this.update(email, 'SET mfa = :mfa REMOVE pendingEnrolment, stepUpCode', { ':mfa': mfa });
  }

  public async setPendingEnrolment(email: string, pending: PendingEnrolment | null): Promise<void> {
    await (pending
      ? this.update(email, 'SET pendingEnrolment = :pending', { ':pending': pending })
      : this.update(email, 'REMOVE pendingEnrolment'));
  }

  public async setStepUpCode(email: string, stepUp: User['stepUpCode'] | null): Promise<void> {
    await (stepUp
      ? this.update(email, 'SET stepUpCode = :stepUp', { ':stepUp': stepUp })
      : this.update(email, 'REMOVE stepUpCode'));
  }

  private async update(email: string, expression: string, values?: Record<string, unknown>): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: Keys.user(email),
        UpdateExpression: expression,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: values,
      }),
    );
  }
}
