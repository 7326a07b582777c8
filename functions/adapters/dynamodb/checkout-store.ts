import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Checkout } from '../../domain/checkout';
import type { CheckoutStore } from '../../ports/checkouts';
import { succeedsUnlessConditionFails, ttlOf, withoutKeys } from './item-conventions';
import { Keys } from './table-definition';

/** Checkouts are kept a year after they stop being payable, then DynamoDB's TTL removes them. */
const RETENTION_SECONDS = 365 * 24 * 3600;

/** Checkouts, and each license's pointer to its one OPEN checkout. */
export class DynamoCheckoutStore implements CheckoutStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async create(checkout: Checkout, previousCheckoutId: string | null): Promise<boolean> {
    const supersede = previousCheckoutId
      ? [
          {
            Update: {
              TableName: this.tableName,
              Key: Keys.checkout(previousCheckoutId),
              UpdateExpression: 'SET #status = :expired, supersededBy = :id, statusReason = :reason',
              // Only an unpaid checkout can be replaced; a paid one is the workflow's.
              ConditionExpression: '#status IN (:open, :expired)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':expired': 'EXPIRED',
                ':open': 'OPEN',
                ':id': checkout.checkoutId,
                ':reason': 'SUPERSEDED',
              },
            },
          },
        ]
      : [];
    return succeedsUnlessConditionFails(
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...Keys.checkout(checkout.checkoutId),
                  type: 'CHECKOUT',
                  ...checkout,
                  ttl: ttlOf(checkout.expiresAt, RETENTION_SECONDS),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: Keys.license(checkout.licenseId),
                UpdateExpression: 'SET openCheckoutId = :id',
                ConditionExpression: previousCheckoutId
                  ? 'attribute_exists(pk) AND attribute_not_exists(checkoutsInProgress) AND openCheckoutId = :previous'
                  : 'attribute_exists(pk) AND attribute_not_exists(checkoutsInProgress) AND attribute_not_exists(openCheckoutId)',
                ExpressionAttributeValues: {
                  ':id': checkout.checkoutId,
                  ...(previousCheckoutId ? { ':previous': previousCheckoutId } : {}),
                },
              },
            },
            ...supersede,
          ],
        }),
      ),
    );
  }

  public async get(checkoutId: string): Promise<Checkout | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: Keys.checkout(checkoutId), ConsistentRead: true }),
    );
    if (!Item) return null;
    return withoutKeys<Checkout>(Item);
  }
}
