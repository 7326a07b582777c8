/**
 * A workspace's webhook endpoints and their delivery logs (PRODUCT.md §7), for the workspace's
 * administrators and for keys with `webhooks:manage` (the edge checks the scope). Anyone else gets 404,
 * as for a workspace that does not exist.
 */
import type { Actor } from '../domain/actor';
import { decodeCursor, encodeCursor } from '../domain/cursor';
import { type Delivery, DeliveryStatus } from '../domain/webhook-delivery';
import {
  DisabledReason,
  EndpointStatus,
  type EndpointUrlPolicy,
  endpointUrlProblem,
  newEndpointId,
  PREVIOUS_SECRET_LIFETIME_MS,
  type WebhookEndpoint,
} from '../domain/webhook-endpoint';
import type { WebhookEventType } from '../domain/webhook-event';
import { newWebhookSecret } from '../domain/webhook-signature';
import type { AddressChecker } from '../ports/webhook-sender';
import type { DeliveryQueue, DeliveryStore, WebhookEndpointStore } from '../ports/webhooks';
import type { WorkspaceStore } from '../ports/workspaces';
import { invalidInput, notFound } from './errors';
import { workspaceOfActor } from './workspace-access';

export interface WebhookEndpointDeps {
  endpoints: WebhookEndpointStore;
  deliveries: DeliveryStore;
  queue: DeliveryQueue;
  workspaces: Pick<WorkspaceStore, 'getForAdmin'>;
  addresses: AddressChecker;
  urlPolicy: EndpointUrlPolicy;
  cursorKey: Uint8Array;
}

export interface EndpointRequest {
  url: string;
  events: WebhookEventType[];
  description?: string;
}

export interface EndpointChange {
  url?: string;
  events?: WebhookEventType[];
  description?: string;
  status?: EndpointStatus;
}

/** An endpoint as the API shows it: never its secrets. */
export const endpointView = (endpoint: WebhookEndpoint) => ({
  endpointId: endpoint.endpointId,
  workspaceId: endpoint.workspaceId,
  url: endpoint.url,
  events: endpoint.events,
  description: endpoint.description,
  status: endpoint.status,
  createdAt: endpoint.createdAt,
});

/** A delivery as the log shows it. */
export const deliveryView = (delivery: Delivery) => ({
  deliveryId: delivery.deliveryId,
  eventId: delivery.eventId,
  eventType: delivery.eventType,
  status: delivery.status,
  attempts: delivery.attempts,
  createdAt: delivery.createdAt,
  lastAttemptAt: delivery.lastAttemptAt,
  lastResponseStatus: delivery.lastResponseStatus,
  lastLatencyMs: delivery.lastLatencyMs,
  nextAttemptAt: delivery.nextAttemptAt,
});

const requireWorkspace = async (
  deps: Pick<WebhookEndpointDeps, 'workspaces'>,
  actor: Actor,
  workspaceId: string,
) => {
  if (!(await workspaceOfActor(deps.workspaces, actor, workspaceId))) throw notFound();
};

const requireEndpoint = async (
  deps: Pick<WebhookEndpointDeps, 'workspaces' | 'endpoints'>,
  actor: Actor,
  workspaceId: string,
  endpointId: string,
): Promise<WebhookEndpoint> => {
  await requireWorkspace(deps, actor, workspaceId);
  const endpoint = await deps.endpoints.get(workspaceId, endpointId);
  if (!endpoint) throw notFound();
  return endpoint;
};

/** The URL as given, or 400 naming why not: its form first, then every address its host resolves to. */
const checkedUrl = async (deps: Pick<WebhookEndpointDeps, 'addresses' | 'urlPolicy'>, url: string) => {
  const problem = endpointUrlProblem(url, deps.urlPolicy) ?? (await deps.addresses.problemWith(url));
  if (problem) throw invalidInput([{ path: 'body.url', message: problem }]);
  return url;
};

const uniqueSorted = (events: readonly WebhookEventType[]): WebhookEventType[] => [...new Set(events)].sort();

/** Subscribes a URL; the answer is the only place its secret ever appears. */
export const createEndpoint = async (
  deps: WebhookEndpointDeps,
  actor: Actor,
  workspaceId: string,
  request: EndpointRequest,
  now: Date,
) => {
  await requireWorkspace(deps, actor, workspaceId);
  const endpoint: WebhookEndpoint = {
    endpointId: newEndpointId(),
    workspaceId,
    url: await checkedUrl(deps, request.url),
    events: uniqueSorted(request.events),
    description: request.description ?? '',
    status: EndpointStatus.ENABLED,
    disabledReason: null,
    createdAt: now.toISOString(),
    secret: newWebhookSecret(),
    previousSecret: null,
    previousSecretExpiresAt: null,
    failingSince: null,
  };
  await deps.endpoints.create(endpoint);
  return { ...endpointView(endpoint), secret: endpoint.secret };
};

export const listEndpoints = async (deps: WebhookEndpointDeps, actor: Actor, workspaceId: string) => {
  await requireWorkspace(deps, actor, workspaceId);
  return (await deps.endpoints.listForWorkspace(workspaceId)).map(endpointView);
};

export const getEndpoint = async (
  deps: WebhookEndpointDeps,
  actor: Actor,
  workspaceId: string,
  endpointId: string,
) => endpointView(await requireEndpoint(deps, actor, workspaceId, endpointId));

/** Changes what is given; enabling an endpoint again forgets why it was disabled and its failing streak. */
export const updateEndpoint = async (
  deps: WebhookEndpointDeps,
  actor: Actor,
  workspaceId: string,
  endpointId: string,
  change: EndpointChange,
) => {
  const endpoint = await requireEndpoint(deps, actor, workspaceId, endpointId);
  const statusChanged = change.status !== undefined && change.status !== endpoint.status;
  const updated: WebhookEndpoint = {
    ...endpoint,
    ...(change.url !== undefined ? { url: await checkedUrl(deps, change.url) } : {}),
    ...(change.events !== undefined ? { events: uniqueSorted(change.events) } : {}),
    ...(change.description !== undefined ? { description: change.description } : {}),
    ...(statusChanged && change.status
      ? {
          status: change.status,
          disabledReason: change.status === EndpointStatus.DISABLED ? DisabledReason.BY_USER : null,
          failingSince: null,
        }
      : {}),
  };
  if (!(await deps.endpoints.put(updated))) throw notFound();
  return endpointView(updated);
};

export const deleteEndpoint = async (
  deps: WebhookEndpointDeps,
  actor: Actor,
  workspaceId: string,
  endpointId: string,
): Promise<void> => {
  await requireWorkspace(deps, actor, workspaceId);
  if (!(await deps.endpoints.delete(workspaceId, endpointId))) throw notFound();
};

/** A new secret; the one it replaces still signs, beside it, for 24 hours. */
export const rotateEndpointSecret = async (
  deps: WebhookEndpointDeps,
  actor: Actor,
  workspaceId: string,
  endpointId: string,
  now: Date,
) => {
  const endpoint = await requireEndpoint(deps, actor, workspaceId, endpointId);
  const rotated: WebhookEndpoint = {
    ...endpoint,
    secret: newWebhookSecret(),
    previousSecret: endpoint.secret,
    previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_LIFETIME_MS).toISOString(),
  };
  if (!(await deps.endpoints.put(rotated))) throw notFound();
  return { secret: rotated.secret };
};

/** A page of the endpoint's delivery log, newest first. */
export const listDeliveries = async (
  deps: WebhookEndpointDeps,
  actor: Actor,
  workspaceId: string,
  endpointId: string,
  query: { limit: number; cursor?: string },
) => {
  await requireEndpoint(deps, actor, workspaceId, endpointId);
  const scope = JSON.stringify(['deliveries', endpointId, query.limit]);
  const after = query.cursor ? decodeCursor(deps.cursorKey, scope, query.cursor) : undefined;
  if (after === null) {
    throw invalidInput([{ path: 'query.cursor', message: 'Not a cursor this API issued for this query' }]);
  }
  const page = await deps.deliveries.listForEndpoint(endpointId, { limit: query.limit, after });
  return {
    items: page.items.map(deliveryView),
    nextCursor: page.last ? encodeCursor(deps.cursorKey, scope, page.last) : null,
  };
};

/**
 * Sends a delivery again now, whatever its status: one more attempt, signed afresh, with the same
 * `webhook-id`. A retry already scheduled names the same attempt: the first to record it wins, and the
 * other copy is dropped.
 */
export const redeliver = async (
  deps: WebhookEndpointDeps,
  actor: Actor,
  workspaceId: string,
  endpointId: string,
  deliveryId: string,
  now: Date,
): Promise<void> => {
  await requireEndpoint(deps, actor, workspaceId, endpointId);
  const delivery = await deps.deliveries.get(deliveryId);
  if (!delivery || delivery.endpointId !== endpointId) throw notFound();
  const reopened: Delivery = {
    ...delivery,
    status: DeliveryStatus.PENDING,
    nextAttemptAt: now.toISOString(),
  };
  await deps.deliveries.recordAttempt(reopened, delivery.attempts);
  await deps.queue.send({ deliveryId, attempt: delivery.attempts + 1, notBefore: now.toISOString() }, 0);
};
