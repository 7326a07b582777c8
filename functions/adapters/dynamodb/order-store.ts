import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Order, OrderStore } from '../../ports/orders';
import { isConditionFailure } from './errors';
import { Keys } from './table-definition';

const ORDER_FIELDS = [
  'orderId',
  'checkoutId',
  'amount',
  'currency',
  'paidAt',
  'eventId',
  'receivedAt',
  'status',
  'statusReason',
] as const;

/**
 * Paid orders, one item per store order id, kept for good (no TTL). The purchase workflow adds its
 * progress to the same item (see `purchase-store.ts`); this view of it never includes that.
 */
export class DynamoOrderStore implements OrderStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async record(order: Order): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...Keys.order(order.orderId), type: 'ORDER', ...order },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  public async get(orderId: string): Promise<Order | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: Keys.order(orderId), ConsistentRead: true }),
    );
    if (!Item) return null;
    // Only the order's own fields: the item also holds the workflow's progress, and maybe a pending code.
    return Object.fromEntries(
      ORDER_FIELDS.filter((field) => field in Item).map((field) => [field, Item[field]]),
    ) as unknown as Order;
  }
}
