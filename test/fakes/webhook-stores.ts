import type { Delivery } from '../../functions/domain/webhook-delivery';
import type { WebhookEndpoint } from '../../functions/domain/webhook-endpoint';
import type { WebhookEvent } from '../../functions/domain/webhook-event';
import type {
  DeliveryMessage,
  DeliveryQueue,
  DeliveryStore,
  WebhookEndpointStore,
  WebhookEventStore,
} from '../../functions/ports/webhooks';
import { copy, MemoryTables } from './memory-tables';

/** {@link WebhookEndpointStore} in memory, with the DynamoDB adapter's conditions. */
export class FakeWebhookEndpointStore implements WebhookEndpointStore {
  public constructor(private readonly tables = new MemoryTables()) {}

  private of(workspaceId: string): Map<string, WebhookEndpoint> {
    const endpoints = this.tables.webhookEndpoints.get(workspaceId) ?? new Map<string, WebhookEndpoint>();
    this.tables.webhookEndpoints.set(workspaceId, endpoints);
    return endpoints;
  }

  public async create(endpoint: WebhookEndpoint): Promise<void> {
    const endpoints = this.of(endpoint.workspaceId);
    if (endpoints.has(endpoint.endpointId)) throw new Error(`Endpoint ${endpoint.endpointId} exists`);
    endpoints.set(endpoint.endpointId, copy(endpoint));
  }

  public async get(workspaceId: string, endpointId: string): Promise<WebhookEndpoint | null> {
    const endpoint = this.of(workspaceId).get(endpointId);
    return endpoint ? copy(endpoint) : null;
  }

  public async listForWorkspace(workspaceId: string): Promise<WebhookEndpoint[]> {
    return [...this.of(workspaceId).values()]
      .sort((a, b) => `${a.createdAt}#${a.endpointId}`.localeCompare(`${b.createdAt}#${b.endpointId}`))
      .map(copy);
  }

  public async put(endpoint: WebhookEndpoint): Promise<boolean> {
    const endpoints = this.of(endpoint.workspaceId);
    if (!endpoints.has(endpoint.endpointId)) return false;
    endpoints.set(endpoint.endpointId, copy(endpoint));
    return true;
  }

  public async delete(workspaceId: string, endpointId: string): Promise<boolean> {
    return this.of(workspaceId).delete(endpointId);
  }
}

export class FakeWebhookEventStore implements WebhookEventStore {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async get(eventId: string): Promise<WebhookEvent | null> {
    const event = this.tables.webhookEvents.get(eventId);
    return event ? copy(event) : null;
  }
}

export class FakeDeliveryStore implements DeliveryStore {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async createIfAbsent(delivery: Delivery) {
    const stored = this.tables.deliveries.get(delivery.deliveryId);
    if (stored) return { delivery: copy(stored), created: false };
    this.tables.deliveries.set(delivery.deliveryId, copy(delivery));
    return { delivery: copy(delivery), created: true };
  }

  public async get(deliveryId: string): Promise<Delivery | null> {
    const delivery = this.tables.deliveries.get(deliveryId);
    return delivery ? copy(delivery) : null;
  }

  public async recordAttempt(delivery: Delivery, previousAttempts: number): Promise<boolean> {
    if (this.tables.deliveries.get(delivery.deliveryId)?.attempts !== previousAttempts) return false;
    this.tables.deliveries.set(delivery.deliveryId, copy(delivery));
    return true;
  }

  public async listForEndpoint(endpointId: string, page: { limit: number; after?: string }) {
    const sorted = [...this.tables.deliveries.values()]
      .filter((delivery) => delivery.endpointId === endpointId)
      .sort((a, b) => `${b.createdAt}#${b.deliveryId}`.localeCompare(`${a.createdAt}#${a.deliveryId}`));
    const position = (delivery: Delivery) => `${delivery.createdAt}#${delivery.deliveryId}`;
    const start = page.after ? sorted.findIndex((delivery) => position(delivery) === page.after) + 1 : 0;
    const items = sorted.slice(start, start + page.limit).map(copy);
    const lastItem = start + page.limit < sorted.length ? items.at(-1) : undefined;
    const last = lastItem ? position(lastItem) : undefined;
    return { items, ...(last ? { last } : {}) };
  }
}

/** A queue that only records what was sent, with its delay: tests take messages from it by hand. */
export class RecordingDeliveryQueue implements DeliveryQueue {
  public readonly sent: Array<{ message: DeliveryMessage; delaySeconds: number }> = [];

  public async send(message: DeliveryMessage, delaySeconds: number): Promise<void> {
    this.sent.push({ message: copy(message), delaySeconds });
  }

  /** Takes everything sent so far. */
  public take(): Array<{ message: DeliveryMessage; delaySeconds: number }> {
    return this.sent.splice(0, this.sent.length);
  }
}
