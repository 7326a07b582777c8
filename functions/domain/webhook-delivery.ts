/**
 * One event's delivery to one endpoint, and what happens after each attempt (PRODUCT.md §7): a 2xx
 * answer within 10 s succeeds; anything else is retried on Svix's public schedule with ±10 % jitter
 * (first retry within 10 s, then 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: about 27.5 h in all), after which
 * the delivery FAILED. 410 Gone fails it at once and disables the endpoint.
 */
import { createHash } from 'node:crypto';
import type { WebhookEventType } from './webhook-event';

export const DeliveryStatus = { PENDING: 'PENDING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED' } as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

/** Seconds to wait before retry n (1-based): Svix's schedule. */
export const RETRY_DELAYS_SECONDS = [5, 300, 1800, 7200, 18000, 36000, 36000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
/** An attempt's answer counts only within this long. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** How much of a receiver's answer is kept for the log. */
export const KEPT_RESPONSE_BYTES = 1024;
/** Deliveries are kept this long. */
export const DELIVERY_RETENTION_SECONDS = 30 * 24 * 3600;

export interface Delivery {
  deliveryId: string;
  endpointId: string;
  workspaceId: string;
  eventId: string;
  eventType: WebhookEventType;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  /** Null when the last attempt got no answer (refused, timed out, blocked address). */
  lastResponseStatus: number | null;
  lastLatencyMs: number | null;
  /** Why the last attempt failed, without an answer, or the start of the answer's body. */
  lastError: string | null;
  nextAttemptAt: string | null;
}

/**
 * The id of `eventId`'s delivery to `endpointId`: derived, so a fan-out that runs twice (streams deliver
 * at least once) finds the delivery it made instead of making another.
 */
export const deliveryIdOf = (eventId: string, endpointId: string): string =>
  `dlv_${createHash('sha256').update(`${eventId}\n${endpointId}`).digest('base64url').slice(0, 22)}`;

/** What an attempt came to. */
export type AttemptOutcome =
  | { kind: 'ANSWERED'; status: number; latencyMs: number; body: string }
  | { kind: 'NO_ANSWER'; latencyMs: number; error: string };

/** What to do after an attempt. */
export type AfterAttempt =
  | { status: 'SUCCEEDED' }
  | { status: 'PENDING'; retryInSeconds: number }
  | { status: 'FAILED'; disableEndpoint: boolean };

/** ±10 % around `seconds`, from a uniform `random` in [0, 1). */
const jittered = (seconds: number, random: number): number =>
  Math.max(1, Math.round(seconds * (0.9 + 0.2 * random)));

/** After attempt number `attempt` (1-based) came to `outcome`. */
export const afterAttempt = (attempt: number, outcome: AttemptOutcome, random: number): AfterAttempt => {
  if (outcome.kind === 'ANSWERED' && outcome.status >= 200 && outcome.status < 300)
    return { status: 'SUCCEEDED' };
  if (outcome.kind === 'ANSWERED' && outcome.status === 410)
    return { status: 'FAILED', disableEndpoint: true };
  const delay = RETRY_DELAYS_SECONDS[attempt - 1];
  if (delay === undefined) return { status: 'FAILED', disableEndpoint: false };
  return { status: 'PENDING', retryInSeconds: jittered(delay, random) };
};
