/**
 * Delivering webhooks (PRODUCT.md §7), in two steps, each run by a queue or a stream that retries it:
 * - fan-out: an event from the outbox becomes one delivery per subscribed ENABLED endpoint of its
 *   workspace, each with a derived id (a second run finds it) and its first attempt queued at once;
 * - attempt: one queued attempt is signed, sent and recorded, and the next one queued on the retry
 *   schedule. The queue keeps the schedule: each endpoint's attempts are separate messages, so a slow or
 *   dead receiver never holds up another's.
 */
import {
  type AttemptOutcome,
  afterAttempt,
  type Delivery,
  DeliveryStatus,
  deliveryIdOf,
} from '../domain/webhook-delivery';
import {
  DisabledReason,
  EndpointStatus,
  FAILING_ENDPOINT_LIMIT_MS,
  signingSecrets,
  subscribesTo,
  type WebhookEndpoint,
} from '../domain/webhook-endpoint';
import { type WebhookEvent, webhookBody } from '../domain/webhook-event';
import { type WebhookNotice, webhookNoticeEmail } from '../domain/webhook-notices';
import { signWebhook } from '../domain/webhook-signature';
import type { EmailSender, OpsNotifier } from '../ports/messaging';
import type { UserStore } from '../ports/users';
import type { WebhookSender } from '../ports/webhook-sender';
import type {
  DeliveryMessage,
  DeliveryQueue,
  DeliveryStore,
  WebhookEndpointStore,
  WebhookEventStore,
} from '../ports/webhooks';
import type { WorkspaceStore } from '../ports/workspaces';

/** SQS delays a message by at most 15 minutes: a longer wait is made of hops. */
export const MAX_QUEUE_DELAY_SECONDS = 900;

export interface WebhookDeliveryDeps {
  endpoints: WebhookEndpointStore;
  workspaces: Pick<WorkspaceStore, 'adminEmailsOf'>;
  users: Pick<UserStore, 'findByEmail'>;
  email: EmailSender;
  events: WebhookEventStore;
  deliveries: DeliveryStore;
  queue: DeliveryQueue;
  sender: WebhookSender;
  ops: OpsNotifier;
  /** Uniform in [0, 1): the retry schedule's jitter. */
  random: () => number;
  userAgent: string;
}

/** Queues attempt `attempt` of a delivery for `notBefore`, in hops of at most 15 minutes. */
const queueAttempt = (
  queue: DeliveryQueue,
  deliveryId: string,
  attempt: number,
  notBefore: Date,
  now: Date,
) =>
  queue.send(
    { deliveryId, attempt, notBefore: notBefore.toISOString() },
    Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil((notBefore.getTime() - now.getTime()) / 1000))),
  );

/** What the fan-out needs: less than an attempt (no sender, no operations topic). */
export type WebhookFanOutDeps = Pick<WebhookDeliveryDeps, 'endpoints' | 'deliveries' | 'queue'>;

/** Fans an event out: one delivery per subscribed endpoint, its first attempt queued now. */
export const fanOut = async (deps: WebhookFanOutDeps, event: WebhookEvent, now: Date): Promise<number> => {
  const endpoints = (await deps.endpoints.listForWorkspace(event.workspaceId)).filter((endpoint) =>
    subscribesTo(endpoint, event.type),
  );
  for (const endpoint of endpoints) {
    const { delivery } = await deps.deliveries.createIfAbsent({
      deliveryId: deliveryIdOf(event.id, endpoint.endpointId),
      endpointId: endpoint.endpointId,
      workspaceId: event.workspaceId,
      eventId: event.id,
      eventType: event.type,
      status: DeliveryStatus.PENDING,
      attempts: 0,
      createdAt: now.toISOString(),
      lastAttemptAt: null,
      lastResponseStatus: null,
      lastLatencyMs: null,
      lastError: null,
      nextAttemptAt: now.toISOString(),
    });
    // A second run (the stream retried) queues the first attempt again only if none was made yet; the
    // attempt's own check drops the extra copy.
    if (delivery.attempts === 0 && delivery.status === DeliveryStatus.PENDING) {
      await queueAttempt(deps.queue, delivery.deliveryId, 1, now, now);
    }
  }
  return endpoints.length;
};

/** What one queued attempt came to. */
export type AttemptResult = 'DELIVERED' | 'RETRY_QUEUED' | 'FAILED' | 'ABANDONED' | 'WAITING' | 'DROPPED';

/** What the log keeps of an attempt; the sender already read at most 1 KB of the answer. */
const recordedOutcome = (outcome: AttemptOutcome) =>
  outcome.kind === 'ANSWERED'
    ? {
        lastResponseStatus: outcome.status,
        lastLatencyMs: outcome.latencyMs,
        lastError: outcome.body || null,
      }
    : { lastResponseStatus: null, lastLatencyMs: outcome.latencyMs, lastError: outcome.error };

/** Fails, without an attempt, a delivery that can no longer be made (endpoint gone or disabled, event expired). */
const abandon = async (deps: WebhookDeliveryDeps, delivery: Delivery, attempt: number, reason: string) => {
  await deps.deliveries.recordAttempt(
    { ...delivery, status: DeliveryStatus.FAILED, lastError: reason, nextAttemptAt: null },
    attempt - 1,
  );
  return 'ABANDONED' as const;
};

/**
 * Emails every administrator of the workspace, each in their language. One that cannot be emailed does not
 * stop the others, nor the delivery's bookkeeping: operations were told already.
 */
const tellAdmins = async (deps: WebhookDeliveryDeps, workspaceId: string, notice: WebhookNotice) => {
  const emails = await deps.workspaces.adminEmailsOf(workspaceId);
  await Promise.allSettled(
    emails.map(async (to) => {
      const locale = (await deps.users.findByEmail(to))?.locale ?? 'en';
      await deps.email.send({ to, ...webhookNoticeEmail(notice, locale) });
    }),
  );
};

/** Keeps the endpoint's failing streak: cleared by a success, and 5 days of failures disable it. */
const trackHealth = async (
  deps: WebhookDeliveryDeps,
  endpoint: WebhookEndpoint,
  succeeded: boolean,
  gone: boolean,
  now: Date,
) => {
  if (succeeded) {
    if (endpoint.failingSince) await deps.endpoints.put({ ...endpoint, failingSince: null });
    return;
  }
  const failingSince = endpoint.failingSince ?? now.toISOString();
  const failingTooLong = now.getTime() - new Date(failingSince).getTime() >= FAILING_ENDPOINT_LIMIT_MS;
  if (gone || failingTooLong) {
    await deps.endpoints.put({
      ...endpoint,
      status: EndpointStatus.DISABLED,
      disabledReason: gone ? DisabledReason.GONE : DisabledReason.FAILING,
      failingSince,
    });
    await deps.ops.notify(
      `Webhook endpoint disabled: ${endpoint.endpointId}`,
      `Workspace ${endpoint.workspaceId}: the endpoint ${endpoint.url} was disabled because ` +
        (gone ? 'it answered 410 Gone.' : `its deliveries have failed since ${failingSince}.`),
    );
    await tellAdmins(deps, endpoint.workspaceId, {
      kind: 'ENDPOINT_DISABLED',
      url: endpoint.url,
      reason: gone ? 'GONE' : 'FAILING',
      failingSince,
    });
  } else if (!endpoint.failingSince) {
    await deps.endpoints.put({ ...endpoint, failingSince });
  }
};

/**
 * Makes the attempt a queue message names, unless it is a stale copy (that attempt was recorded, or the
 * delivery is no longer pending) or early (a long wait's hop: queued again for the rest of it).
 * `redelivered` says the queue gave this message before and it was not acknowledged: the run before may
 * have recorded the attempt and then stopped before queuing the next one.
 */
export const attemptDelivery = async (
  deps: WebhookDeliveryDeps,
  message: DeliveryMessage,
  now: Date,
  redelivered = false,
): Promise<AttemptResult> => {
  const delivery = await deps.deliveries.get(message.deliveryId);
  if (!delivery || delivery.status !== DeliveryStatus.PENDING) return 'DROPPED';
  if (redelivered && delivery.attempts === message.attempt && delivery.nextAttemptAt) {
    // Queued again, at worst a second copy, which its own check drops after at most one extra send.
    await queueAttempt(
      deps.queue,
      delivery.deliveryId,
      message.attempt + 1,
      new Date(delivery.nextAttemptAt),
      now,
    );
    return 'DROPPED';
  }
  if (delivery.attempts !== message.attempt - 1) return 'DROPPED';
  const notBefore = new Date(message.notBefore);
  if (notBefore > now) {
    await queueAttempt(deps.queue, delivery.deliveryId, message.attempt, notBefore, now);
    return 'WAITING';
  }
  const endpoint = await deps.endpoints.get(delivery.workspaceId, delivery.endpointId);
  if (!endpoint) return abandon(deps, delivery, message.attempt, 'The endpoint was deleted');
  if (endpoint.status !== EndpointStatus.ENABLED)
    return abandon(deps, delivery, message.attempt, 'The endpoint is disabled');
  const event = await deps.events.get(delivery.eventId);
  if (!event) return abandon(deps, delivery, message.attempt, 'The event is no longer kept');

  const body = webhookBody(event);
  const outcome = await deps.sender.send({
    url: endpoint.url,
    headers: {
      ...signWebhook(signingSecrets(endpoint, now), event.id, now, body),
      'content-type': 'application/json',
      'user-agent': deps.userAgent,
    },
    body,
  });
  const next = afterAttempt(message.attempt, outcome, deps.random());
  const nextAttemptAt =
    next.status === 'PENDING' ? new Date(now.getTime() + next.retryInSeconds * 1000) : null;
  const recorded = await deps.deliveries.recordAttempt(
    {
      ...delivery,
      status: next.status,
      attempts: message.attempt,
      lastAttemptAt: now.toISOString(),
      ...recordedOutcome(outcome),
      nextAttemptAt: nextAttemptAt?.toISOString() ?? null,
    },
    message.attempt - 1,
  );
  if (!recorded) return 'DROPPED';
  await trackHealth(
    deps,
    endpoint,
    next.status === 'SUCCEEDED',
    next.status === 'FAILED' && next.disableEndpoint,
    now,
  );
  if (nextAttemptAt) {
    await queueAttempt(deps.queue, delivery.deliveryId, message.attempt + 1, nextAttemptAt, now);
    return 'RETRY_QUEUED';
  }
  if (next.status === 'FAILED') {
    await deps.ops.notify(
      `Webhook delivery failed: ${delivery.deliveryId}`,
      `Workspace ${delivery.workspaceId}, endpoint ${endpoint.url}: ${event.type} ${event.id} was not ` +
        `delivered after ${message.attempt} attempts (last: ${outcome.kind === 'ANSWERED' ? outcome.status : outcome.error}).`,
    );
    // A 410 disabled the endpoint and said so; a delivery that ran out of retries is news of its own.
    if (!(next.status === 'FAILED' && next.disableEndpoint)) {
      await tellAdmins(deps, delivery.workspaceId, {
        kind: 'DELIVERY_FAILED',
        url: endpoint.url,
        eventType: event.type,
        eventId: event.id,
        attempts: message.attempt,
      });
    }
    return 'FAILED';
  }
  return 'DELIVERED';
};
