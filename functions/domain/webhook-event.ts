/**
 * The events an integrator can subscribe to (PRODUCT.md §7). Each is written in the same transaction as
 * the change it describes (an outbox item), so an event exists if and only if its change happened; it is
 * then delivered to every ENABLED endpoint of its workspace that subscribed to its type. No event ever
 * carries an activation code, only its hint.
 */
import { createHash, randomBytes } from 'node:crypto';

export const WebhookEventType = {
  CHECKOUT_COMPLETED: 'checkout.completed',
  CHECKOUT_NEEDS_REVIEW: 'checkout.needs_review',
  CHECKOUT_FAILED: 'checkout.failed',
  LICENSE_ATTACHED: 'license.attached',
  LICENSE_EXPIRING_SOON: 'license.expiring_soon',
  LICENSE_EXPIRED: 'license.expired',
} as const;
export type WebhookEventType = (typeof WebhookEventType)[keyof typeof WebhookEventType];

export const WEBHOOK_EVENT_TYPES = Object.values(WebhookEventType);

/** What each type's `data` holds. */
export interface WebhookEventData {
  'checkout.completed': {
    checkoutId: string;
    licenseId: string;
    workspaceId: string;
    newExpiresAt: string;
    activationCodeHint: string;
    amount: number;
    currency: string;
  };
  'checkout.needs_review': { checkoutId: string; licenseId: string; workspaceId: string };
  'checkout.failed': { checkoutId: string; licenseId: string; workspaceId: string };
  'license.attached': { licenseId: string; workspaceId: string };
  'license.expiring_soon': {
    licenseId: string;
    workspaceId: string;
    expiresAt: string;
    daysRemaining: number;
    eligible: boolean;
  };
  'license.expired': { licenseId: string; workspaceId: string; expiresAt: string };
}

/** An event as stored in the outbox and sent: the body is `{id, type, createdAt, data}`. */
export interface WebhookEvent<T extends WebhookEventType = WebhookEventType> {
  /** `evt_` + 22 base64url characters; the `webhook-id` of every delivery and retry of it. */
  id: string;
  type: T;
  /** The workspace whose endpoints receive it. */
  workspaceId: string;
  createdAt: string;
  data: WebhookEventData[T];
}

/**
 * A new event of `type` about a change made at `at`. A change that may be written again (a review or a
 * failure marked twice) names itself in `sameAs`: its event id is then derived from it, so the second
 * write overwrites the first event instead of adding another.
 */
export const newWebhookEvent = <T extends WebhookEventType>(
  type: T,
  data: WebhookEventData[T] & { workspaceId: string },
  at: Date,
  sameAs?: readonly string[],
): WebhookEvent<T> => ({
  id: sameAs
    ? `evt_${createHash('sha256')
        .update([type, ...sameAs].join('\n'))
        .digest('base64url')
        .slice(0, 22)}`
    : `evt_${randomBytes(16).toString('base64url')}`,
  type,
  workspaceId: data.workspaceId,
  createdAt: at.toISOString(),
  data,
});

/**
 * A checkout's `checkout.needs_review` or `checkout.failed`: named after the checkout and its order, so
 * marking the same change twice writes the same event once.
 */
export const checkoutEvent = (
  type: typeof WebhookEventType.CHECKOUT_NEEDS_REVIEW | typeof WebhookEventType.CHECKOUT_FAILED,
  checkout: { checkoutId: string; licenseId: string; workspaceId: string },
  orderId: string,
  at: Date,
): WebhookEvent =>
  newWebhookEvent(
    type,
    { checkoutId: checkout.checkoutId, licenseId: checkout.licenseId, workspaceId: checkout.workspaceId },
    at,
    [checkout.checkoutId, orderId],
  );

/** The exact body delivered (and signed). */
export const webhookBody = (event: WebhookEvent): string =>
  JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.data });
