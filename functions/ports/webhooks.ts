import type { Delivery } from '../domain/webhook-delivery';
import type { WebhookEndpoint } from '../domain/webhook-endpoint';
import type { WebhookEvent } from '../domain/webhook-event';

/** A workspace's webhook endpoints (PRODUCT.md §7), secrets included: they sign every delivery. */
export interface WebhookEndpointStore {
  /** Stores a new endpoint; its id is fresh. */
  create(endpoint: WebhookEndpoint): Promise<void>;
  get(workspaceId: string, endpointId: string): Promise<WebhookEndpoint | null>;
  /** The workspace's endpoints, oldest first. */
  listForWorkspace(workspaceId: string): Promise<WebhookEndpoint[]>;
  /** Replaces the endpoint if it still exists; false when it was deleted meanwhile. */
  put(endpoint: WebhookEndpoint): Promise<boolean>;
  /** False when there was no such endpoint. */
  delete(workspaceId: string, endpointId: string): Promise<boolean>;
}

/** The events waiting in, or delivered from, the outbox: written with the change each describes. */
export interface WebhookEventStore {
  get(eventId: string): Promise<WebhookEvent | null>;
}

/** Each event's delivery to each endpoint, kept 30 days. */
export interface DeliveryStore {
  /** Stores the delivery unless one with its id exists; answers the stored one either way. */
  createIfAbsent(delivery: Delivery): Promise<{ delivery: Delivery; created: boolean }>;
  get(deliveryId: string): Promise<Delivery | null>;
  /**
   * Records an attempt: replaces the delivery only while it still has `previousAttempts` attempts, so two
   * copies of one queue message record it once. False when another copy recorded it first.
   */
  recordAttempt(delivery: Delivery, previousAttempts: number): Promise<boolean>;
  /** A page of the endpoint's deliveries, newest first; `after` is the previous page's `last`. */
  listForEndpoint(
    endpointId: string,
    page: { limit: number; after?: string },
  ): Promise<{ items: Delivery[]; last?: string }>;
}

/** One attempt waiting in the queue. */
export interface DeliveryMessage {
  deliveryId: string;
  /** The attempt it is (1-based): a copy whose attempt was made already is dropped. */
  attempt: number;
  /** Not before this instant (a queue's delay is at most 15 minutes; a longer wait hops). */
  notBefore: string;
}

/** The queue that keeps the retry schedule: SQS in AWS, an in-process queue locally. */
export interface DeliveryQueue {
  send(message: DeliveryMessage, delaySeconds: number): Promise<void>;
}
