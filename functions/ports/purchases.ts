import type { AuditEvent } from '../domain/audit-event';
import type { Checkout } from '../domain/checkout';
import type { LicenseRecord, Renewal } from '../domain/license';
import type { TrackedOrder } from '../domain/order';
import type { WebhookEvent } from '../domain/webhook-event';

/** A license as a renewal changes it: its record and its current code's lookup hash. */
export interface RenewalTarget {
  license: LicenseRecord;
  activationCodeHash: string;
  /** The checkout OPEN for the license, if any: a payment takes it out of the license. */
  openCheckoutId: string | null;
}

/** Everything one renewal writes, computed by the use case; the store applies it atomically. */
export interface RenewalWrite {
  order: TrackedOrder;
  checkout: Checkout;
  /** The license as read: the write applies only if it is still so. */
  target: RenewalTarget;
  newExpiresAt: string;
  bonusDays: number;
  activationCode: string;
  history: Renewal;
  at: string;
  /** The workspace's audit event of this renewal, written in the same transaction. */
  auditEvent: AuditEvent;
  /** Its `checkout.completed` webhook event, in the same transaction (PRODUCT.md §7). */
  webhookEvent: WebhookEvent;
}

/**
 * The purchase workflow's records: orders with their progress, and the state changes of a checkout,
 * its license and its order that must happen together, each in one transaction.
 */
export interface PurchaseStore {
  getOrder(orderId: string): Promise<TrackedOrder | null>;
  /** The license a checkout renews, as a renewal needs it; null when it does not exist. */
  getRenewalTarget(licenseId: string): Promise<RenewalTarget | null>;
  /**
   * Marks the checkout PAID by the order and its license as renewing (it leaves the license's open
   * checkout), if the checkout is still OPEN or was already claimed by this order (a retry or a replay).
   * @returns false when the checkout or the license changed since they were read.
   */
  claim(checkout: Checkout, orderId: string, target: RenewalTarget): Promise<boolean>;
  /**
   * Records the order as NEEDS_REVIEW. A checkout no other order has paid becomes NEEDS_REVIEW too, and
   * then its license (`target`, when it exists) shows the renewal as in progress while a person looks.
   * @returns false when the checkout or the license changed since they were read.
   */
  markNeedsReview(review: {
    order: TrackedOrder;
    checkout: Checkout | null;
    target: RenewalTarget | null;
    reason: string;
    at: string;
    /** `checkout.needs_review`, written with the checkout's change (none without a checkout). */
    webhookEvent: WebhookEvent | null;
  }): Promise<boolean>;
  /**
   * Applies a renewal once: the license's new expiry and code, the code lookup, the administrators'
   * list entries, the history item, the checkout COMPLETED and the order FULFILLED with the code to email.
   * @returns false when any of them changed since it was read, or the new code is taken.
   */
  applyRenewal(renewal: RenewalWrite): Promise<boolean>;
  /** SES accepted the email: forgets the code, and completes the checkout if a failure had marked it. */
  markEmailed(order: TrackedOrder, at: string): Promise<void>;
  /**
   * Records that completing the order failed. The order and its pending code stay for a replay. The
   * checkout, if this order claimed it, becomes FAILED; `releaseLicense` ends its license's renewal.
   */
  markFailed(failure: {
    order: TrackedOrder;
    checkout: Checkout | null;
    releaseLicense: boolean;
    reason: string;
    at: string;
    /** `checkout.failed`, written with the checkout's change (none without a checkout). */
    webhookEvent: WebhookEvent | null;
  }): Promise<void>;
}
