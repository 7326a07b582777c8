/**
 * The state every in-memory fake shares, like the single table the DynamoDB adapters share: a checkout
 * points at its license, a renewal changes license, checkout and order together. Test-only.
 */

import type { ApiKey } from '../../functions/domain/api-key';
import type { AuditEvent } from '../../functions/domain/audit-event';
import type { Offer, Price, Product } from '../../functions/domain/catalog';
import type { Challenge } from '../../functions/domain/challenge';
import type { Checkout } from '../../functions/domain/checkout';
import type { LicenseRecord, LicenseSummary, Renewal } from '../../functions/domain/license';
import type { TrackedOrder } from '../../functions/domain/order';
import type { Session } from '../../functions/domain/session';
import type { User } from '../../functions/domain/user';
import type { Delivery } from '../../functions/domain/webhook-delivery';
import type { WebhookEndpoint } from '../../functions/domain/webhook-endpoint';
import type { WebhookEvent } from '../../functions/domain/webhook-event';
import type { Workspace } from '../../functions/domain/workspace';
import type { StoredResponse } from '../../functions/ports/idempotency';

/** A license as the license item keeps it, bookkeeping included (see `license-store.ts` in dynamodb). */
export interface LicenseRow {
  record: LicenseRecord;
  activationCodeHash: string;
  openCheckoutId?: string;
  /** Checkouts of it that are PAID or NEEDS_REVIEW. */
  checkoutsInProgress: Set<string>;
  /** Expiry dates its list entries may still be under (a renewal adds the old one). */
  staleExpiresAt: Set<string>;
  lastOrderId?: string;
}

/** An order with where it is listed for operators (the adapter's gsi1 entry). */
export interface OrderRow {
  order: TrackedOrder;
  statusEntry?: { status: string; at: string };
}

export interface IdempotencyRow {
  status: 'IN_PROGRESS' | 'COMPLETED';
  requestHash: string;
  lockedUntil?: string;
  response?: StoredResponse;
}

/** Every record the fakes keep, by the key the adapters use. */
export class MemoryTables {
  public readonly users = new Map<string, User>();
  public readonly challenges = new Map<string, Challenge>();
  public readonly sessions = new Map<string, Session>();
  public readonly throttle = new Map<string, { failures: number; blockedUntil?: string }>();
  public readonly smsQuotas = new Map<string, string[]>();
  public readonly workspaces = new Map<
    string,
    { workspace: Workspace; adminUserIds: string[]; adminEmails?: string[] }
  >();
  /** userId → workspaceId → the membership's copy of the workspace. */
  public readonly memberships = new Map<string, Map<string, Workspace>>();
  public readonly products = new Map<string, Product>();
  /** `${productCode}#${countryCode}` → price. */
  public readonly prices = new Map<string, Price>();
  public readonly offers = new Map<string, Offer>();
  public readonly licenses = new Map<string, LicenseRow>();
  /** Activation-code lookup hash → licenseId. */
  public readonly codes = new Map<string, string>();
  /** userId → list-entry sort key (`LIC#<expiresAt>#<id>`) → the entry. */
  public readonly listEntries = new Map<string, Map<string, LicenseSummary>>();
  /** licenseId → `${paidAt}#${orderId}` → renewal. */
  public readonly renewals = new Map<string, Map<string, Renewal>>();
  public readonly checkouts = new Map<string, Checkout>();
  public readonly orders = new Map<string, OrderRow>();
  public readonly idempotency = new Map<string, IdempotencyRow>();
  public readonly apiKeys = new Map<string, ApiKey>();
  /** Hits by `subject#windowStart`. */
  public readonly rateWindows = new Map<string, number>();
  /** Per workspace, by eventId. */
  public readonly auditEvents = new Map<string, Map<string, AuditEvent>>();
  /** Per workspace, by endpointId. */
  public readonly webhookEndpoints = new Map<string, Map<string, WebhookEndpoint>>();
  /** The outbox, by event id; `inserted` lists ids in the order they were first written (the stream). */
  public readonly webhookEvents = new Map<string, WebhookEvent>();
  public readonly insertedWebhookEvents: string[] = [];
  public readonly deliveries = new Map<string, Delivery>();
  public readonly notificationPreferences = new Map<string, { renewalReminders: boolean }>();

  /** Writes an outbox event as the adapters' Put does: a second write of an id replaces it, and is no insert. */
  public putWebhookEvent(event: WebhookEvent | null): void {
    if (!event) return;
    if (!this.webhookEvents.has(event.id)) this.insertedWebhookEvents.push(event.id);
    this.webhookEvents.set(event.id, copy(event));
  }
}

/**
 * A deep copy, as a round trip through storage makes one: callers never share objects with the store.
 * Keys whose value is undefined are dropped, as the document client drops them.
 */
export const copy = <T>(value: T): T => {
  const cloned = structuredClone(value);
  return dropUndefined(cloned) as T;
};

const dropUndefined = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(dropUndefined);
  if (value && typeof value === 'object' && !(value instanceof Set) && !(value instanceof Map)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, dropUndefined(v)]),
    );
  }
  return value;
};
