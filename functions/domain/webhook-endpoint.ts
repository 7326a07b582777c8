/**
 * A workspace's webhook endpoint (PRODUCT.md §7): where its events go, which ones, and the secrets that
 * sign them. A rotated secret keeps signing beside the new one for 24 hours, so a receiver can switch
 * without losing an event.
 */
import { randomBytes } from 'node:crypto';
import { isAddressLiteral, isPublicAddress } from './network-address';
import type { WebhookEventType } from './webhook-event';

export const EndpointStatus = { ENABLED: 'ENABLED', DISABLED: 'DISABLED' } as const;
export type EndpointStatus = (typeof EndpointStatus)[keyof typeof EndpointStatus];

/** Why an endpoint was disabled; null while enabled or when an administrator disabled it. */
export const DisabledReason = {
  BY_USER: 'BY_USER',
  GONE: 'GONE',
  FAILING: 'FAILING',
} as const;
export type DisabledReason = (typeof DisabledReason)[keyof typeof DisabledReason];

/** How long a rotated secret keeps signing. */
export const PREVIOUS_SECRET_LIFETIME_MS = 24 * 3600 * 1000;
/** An endpoint whose deliveries have all failed for this long is disabled. */
export const FAILING_ENDPOINT_LIMIT_MS = 5 * 24 * 3600 * 1000;

export interface WebhookEndpoint {
  endpointId: string;
  workspaceId: string;
  url: string;
  events: WebhookEventType[];
  description: string;
  status: EndpointStatus;
  disabledReason: DisabledReason | null;
  createdAt: string;
  secret: string;
  /** The secret before the last rotation, and until when it still signs. */
  previousSecret: string | null;
  previousSecretExpiresAt: string | null;
  /** When its deliveries started failing without a success since; null while they succeed. */
  failingSince: string | null;
}

export const newEndpointId = (): string => `ep_${randomBytes(12).toString('base64url')}`;

/** The secrets that sign a delivery at `now`: the current one, and the previous one for its 24 hours. */
export const signingSecrets = (
  endpoint: Pick<WebhookEndpoint, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>,
  now: Date,
): string[] =>
  endpoint.previousSecret &&
  endpoint.previousSecretExpiresAt &&
  now < new Date(endpoint.previousSecretExpiresAt)
    ? [endpoint.secret, endpoint.previousSecret]
    : [endpoint.secret];

/** Whether an endpoint receives events of `type`. */
export const subscribesTo = (endpoint: Pick<WebhookEndpoint, 'status' | 'events'>, type: WebhookEventType) =>
  endpoint.status === EndpointStatus.ENABLED && endpoint.events.includes(type);

/** Where endpoints may point: `https://` only in AWS; locally, also a developer's own `http://` receiver. */
export interface EndpointUrlPolicy {
  allowLocalHttp: boolean;
}

/** Why a URL is refused, for the 400's field error; null when it is acceptable before DNS is asked. */
export const endpointUrlProblem = (text: string, policy: EndpointUrlPolicy): string | null => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Must be an absolute URL';
  }
  if (url.username || url.password) return 'Must not carry credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const local = host === 'localhost' || host === '127.0.0.1';
  if (url.protocol === 'http:' && policy.allowLocalHttp && local) return null;
  if (url.protocol !== 'https:')
    return policy.allowLocalHttp && !local
      ? 'Must be https:// (or, locally, http://127.0.0.1 or http://localhost)'
      : 'Must be https://';
  if (host === 'localhost' || host.endsWith('.localhost')) return 'Must not point at this machine';
  if (isAddressLiteral(host) && !isPublicAddress(host))
    return 'Must not point at a private or reserved address';
  return null;
};
