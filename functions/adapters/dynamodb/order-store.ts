import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type OperatorOrder, type OperatorOrderStatus, type Order, orderFieldsOf } from '../../domain/order';
import type { OrderQueries, OrderStore } from '../../ports/orders';
import { succeedsUnlessConditionFails } from './item-conventions';
import { queryAll } from './query-all';
import { Keys } from './table-definition';

/**
 * Paid orders, one item per store order id, kept for good (no TTL). The purchase workflow adds its
 * progress to the same item (see `purchase-store.ts`); this view of it never includes that.
 */
export class DynamoOrderStore implements OrderStore, OrderQueries {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async record(order: Order): Promise<boolean> {
    return succeedsUnlessConditionFails(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...Keys.order(order.orderId), type: 'ORDER', ...order },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  public async get(orderId: string): Promise<Order | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: Keys.order(orderId), ConsistentRead: true }),
    );
    if (!Item) return null;
    // Only the order's own fields: the item also holds the workflow's progress, and maybe a pending code.
    return orderFieldsOf(Item);
  }

  public async listWithStatus(status: OperatorOrderStatus, since?: string): Promise<OperatorOrder[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: since ? 'gsi1pk = :pk AND gsi1sk >= :since' : 'gsi1pk = :pk',
      ExpressionAttributeValues: {
        ':pk': Keys.ordersWithStatus(status),
        ...(since ? { ':since': since } : {}),
      },
    });
    return items.map((item) => ({
      orderId: String(item.orderId),
      checkoutId: String(item.checkoutId),
      amount: Number(item.amount),
      currency: String(item.currency),
      status,
      ...(typeof item.statusReason === 'string' ? { statusReason: item.statusReason } : {}),
      since: String(item.gsi1sk).split('#')[0] ?? '',
    }));
  }
}
