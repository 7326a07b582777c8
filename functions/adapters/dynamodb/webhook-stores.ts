/**
 * Webhook endpoints, outbox events and deliveries in the single table (PRODUCT.md §7). An event item is
 * written by the transaction of the change it describes (see {@link webhookEventPut}); the table's stream
 * carries its insert to the fan-out.
 */
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { DELIVERY_RETENTION_SECONDS, type Delivery } from '../../domain/webhook-delivery';
import type { WebhookEndpoint } from '../../domain/webhook-endpoint';
import type { WebhookEvent } from '../../domain/webhook-event';
import type { DeliveryStore, WebhookEndpointStore, WebhookEventStore } from '../../ports/webhooks';
import {
  isConditionFailure,
  succeedsUnlessConditionFails,
  type TransactItem,
  ttlOf,
  withoutKeys,
} from './item-conventions';
import { queryAll } from './query-all';
import { Keys } from './table-definition';

/** The item type the stream's filter (CDK) and the local poller look for. */
export const WEBHOOK_EVENT_ITEM_TYPE = 'WEBHOOK_EVENT';

/** The outbox item of `event`, for the transaction of the change it describes; kept as long as its deliveries. */
export const webhookEventPut = (tableName: string, event: WebhookEvent): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      ...Keys.webhookEvent(event.id),
      type: WEBHOOK_EVENT_ITEM_TYPE,
      // `type` is the item's tag in this table: the event's own type is kept as `eventType`.
      eventId: event.id,
      eventType: event.type,
      workspaceId: event.workspaceId,
      createdAt: event.createdAt,
      data: event.data,
      ttl: ttlOf(event.createdAt, DELIVERY_RETENTION_SECONDS),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** The event an outbox item holds (read back, or seen on the stream). */
export const webhookEventOf = (item: Record<string, unknown>): WebhookEvent =>
  ({
    id: item.eventId,
    type: item.eventType,
    workspaceId: item.workspaceId,
    createdAt: item.createdAt,
    data: item.data,
  }) as WebhookEvent;

const endpointItem = (endpoint: WebhookEndpoint) => ({
  ...Keys.webhookEndpoint(endpoint.workspaceId, endpoint.endpointId),
  type: 'WEBHOOK_ENDPOINT',
  ...endpoint,
});

export class DynamoWebhookEndpointStore implements WebhookEndpointStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async create(endpoint: WebhookEndpoint): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: endpointItem(endpoint),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  public async get(workspaceId: string, endpointId: string): Promise<WebhookEndpoint | null> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: Keys.webhookEndpoint(workspaceId, endpointId),
        ConsistentRead: true,
      }),
    );
    return Item ? withoutKeys<WebhookEndpoint>(Item) : null;
  }

  public async listForWorkspace(workspaceId: string): Promise<WebhookEndpoint[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :endpoints)',
      ExpressionAttributeValues: { ':pk': Keys.webhookEndpointsOf(workspaceId), ':endpoints': 'EP#' },
      ConsistentRead: true,
    });
    return items
      .map((item) => withoutKeys<WebhookEndpoint>(item))
      .sort((a, b) => `${a.createdAt}#${a.endpointId}`.localeCompare(`${b.createdAt}#${b.endpointId}`));
  }

  public async put(endpoint: WebhookEndpoint): Promise<boolean> {
    return succeedsUnlessConditionFails(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: endpointItem(endpoint),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
  }

  public async delete(workspaceId: string, endpointId: string): Promise<boolean> {
    return succeedsUnlessConditionFails(
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: Keys.webhookEndpoint(workspaceId, endpointId),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
  }
}

export class DynamoWebhookEventStore implements WebhookEventStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async get(eventId: string): Promise<WebhookEvent | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: Keys.webhookEvent(eventId) }),
    );
    return Item ? webhookEventOf(Item) : null;
  }
}

const deliveryItem = (delivery: Delivery) => ({
  ...Keys.delivery(delivery.deliveryId),
  ...Keys.deliveryEntry(delivery.endpointId, delivery.createdAt, delivery.deliveryId),
  type: 'DELIVERY',
  ...delivery,
  ttl: ttlOf(delivery.createdAt, DELIVERY_RETENTION_SECONDS),
});

const deliveryOf = (item: Record<string, unknown>): Delivery => {
  const {
    gsi1pk: _pk,
    gsi1sk: _sk,
    ...delivery
  } = withoutKeys<Delivery & { gsi1pk?: string; gsi1sk?: string }>(item);
  return delivery;
};

/** The index key to go on after, from a page's last `createdAt#deliveryId`. */
const startKeyAfter = (endpointId: string, after: string) => {
  const split = after.lastIndexOf('#');
  const [createdAt, deliveryId] = [after.slice(0, split), after.slice(split + 1)];
  return { ...Keys.delivery(deliveryId), ...Keys.deliveryEntry(endpointId, createdAt, deliveryId) };
};

export class DynamoDeliveryStore implements DeliveryStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async createIfAbsent(delivery: Delivery): Promise<{ delivery: Delivery; created: boolean }> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: deliveryItem(delivery),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { delivery, created: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const stored = await this.get(delivery.deliveryId);
      if (!stored) throw error;
      return { delivery: stored, created: false };
    }
  }

  public async get(deliveryId: string): Promise<Delivery | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: Keys.delivery(deliveryId), ConsistentRead: true }),
    );
    return Item ? deliveryOf(Item) : null;
  }

  public async recordAttempt(delivery: Delivery, previousAttempts: number): Promise<boolean> {
    return succeedsUnlessConditionFails(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: deliveryItem(delivery),
          ConditionExpression: 'attempts = :previous',
          ExpressionAttributeValues: { ':previous': previousAttempts },
        }),
      ),
    );
  }

  public async listForEndpoint(endpointId: string, page: { limit: number; after?: string }) {
    const answer = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': Keys.deliveriesOf(endpointId) },
        ScanIndexForward: false,
        // One more than asked: whether it comes back says if there is a next page.
        Limit: page.limit + 1,
        ...(page.after ? { ExclusiveStartKey: startKeyAfter(endpointId, page.after) } : {}),
      }),
    );
    const read = (answer.Items ?? []).map(deliveryOf);
    const items = read.slice(0, page.limit);
    const lastItem = read.length > page.limit ? items.at(-1) : undefined;
    const last = lastItem ? `${lastItem.createdAt}#${lastItem.deliveryId}` : undefined;
    return { items, ...(last ? { last } : {}) };
  }
}
