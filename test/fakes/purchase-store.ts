import { activationCodeHint, activationCodeLookupHash } from '../../functions/domain/activation-code';
import { type Checkout, CheckoutStatus } from '../../functions/domain/checkout';
import type { TrackedOrder } from '../../functions/domain/order';
import type { WebhookEvent } from '../../functions/domain/webhook-event';
import type { PurchaseStore, RenewalTarget, RenewalWrite } from '../../functions/ports/purchases';
import { copy, type LicenseRow, MemoryTables } from './memory-tables';

/**
 * {@link PurchaseStore} in memory. Each method checks every condition of the adapter's transaction
 * (`adapters/dynamodb/purchase-store.ts`, `renewal-transaction.ts`) against the state before it, then
 * applies all its writes: all or nothing, as a DynamoDB transaction.
 */
export class FakePurchaseStore implements PurchaseStore {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async getOrder(orderId: string): Promise<TrackedOrder | null> {
    const row = this.tables.orders.get(orderId);
    return row ? copy(row.order) : null;
  }

  public async getRenewalTarget(licenseId: string): Promise<RenewalTarget | null> {
    const row = this.tables.licenses.get(licenseId);
    if (!row) return null;
    return {
      license: copy(row.record),
      activationCodeHash: row.activationCodeHash,
      openCheckoutId: row.openCheckoutId ?? null,
    };
  }

  public async claim(checkout: Checkout, orderId: string, target: RenewalTarget): Promise<boolean> {
    const stored = this.tables.checkouts.get(checkout.checkoutId);
    const claimable =
      stored !== undefined &&
      (stored.status === CheckoutStatus.OPEN ||
        (stored.orderId === orderId &&
          (stored.status === CheckoutStatus.PAID || stored.status === CheckoutStatus.FAILED)));
    const license = this.renewalCanStart(checkout.checkoutId, target);
    if (!claimable || !license) return false;
    stored.status = CheckoutStatus.PAID;
    stored.orderId = orderId;
    delete stored.statusReason;
    this.startRenewal(license, checkout.checkoutId, target);
    return true;
  }

  public async markNeedsReview(review: {
    order: TrackedOrder;
    checkout: Checkout | null;
    target: RenewalTarget | null;
    reason: string;
    at: string;
    webhookEvent: WebhookEvent | null;
  }): Promise<boolean> {
    const { order, checkout, target, reason, at } = review;
    const row = this.tables.orders.get(order.orderId);
    if (!row || row.order.fulfilledAt !== undefined) return false;
    // A checkout another order paid is that order's: this one must not change it.
    const ownCheckout =
      checkout && (!checkout.orderId || checkout.orderId === order.orderId) ? checkout : null;
    const storedCheckout = ownCheckout ? this.tables.checkouts.get(ownCheckout.checkoutId) : undefined;
    if (ownCheckout) {
      if (
        !storedCheckout ||
        (storedCheckout.orderId !== undefined && storedCheckout.orderId !== order.orderId)
      ) {
        return false;
      }
    }
    const license = ownCheckout && target ? this.renewalCanStart(ownCheckout.checkoutId, target) : null;
    if (ownCheckout && target && !license) return false;

    row.order.status = 'NEEDS_REVIEW';
    row.order.statusReason = reason;
    row.order.reviewedAt = at;
    row.statusEntry = { status: 'NEEDS_REVIEW', at };
    if (storedCheckout && ownCheckout) {
      storedCheckout.status = CheckoutStatus.NEEDS_REVIEW;
      storedCheckout.statusReason = reason;
      storedCheckout.orderId = order.orderId;
      if (license && target) this.startRenewal(license, ownCheckout.checkoutId, target);
      this.tables.putWebhookEvent(review.webhookEvent);
    }
    return true;
  }

  public async applyRenewal(renewal: RenewalWrite): Promise<boolean> {
    const { order, checkout, target } = renewal;
    const before = target.license;
    const license = this.tables.licenses.get(before.licenseId);
    const newHash = activationCodeLookupHash(renewal.activationCode);
    const historyKey = `${renewal.history.paidAt}#${order.orderId}`;
    const storedCheckout = this.tables.checkouts.get(checkout.checkoutId);
    const storedOrder = this.tables.orders.get(order.orderId);
    const licenseAsRead =
      license !== undefined &&
      license.record.expiresAt === before.expiresAt &&
      license.activationCodeHash === target.activationCodeHash &&
      (!before.workspaceId || license.record.workspaceId === before.workspaceId) &&
      license.lastOrderId !== order.orderId;
    if (
      !licenseAsRead ||
      this.tables.codes.has(newHash) ||
      this.tables.renewals.get(before.licenseId)?.has(historyKey) ||
      storedCheckout?.status !== CheckoutStatus.PAID ||
      storedCheckout.orderId !== order.orderId ||
      !storedOrder ||
      storedOrder.order.fulfilledAt !== undefined
    ) {
      return false;
    }
    const hint = activationCodeHint(renewal.activationCode);
    license.record.expiresAt = renewal.newExpiresAt;
    license.record.activationCodeHint = hint;
    license.activationCodeHash = newHash;
    license.lastOrderId = order.orderId;
    license.staleExpiresAt.add(before.expiresAt);
    license.checkoutsInProgress.delete(checkout.checkoutId);
    this.tables.codes.delete(target.activationCodeHash);
    this.tables.codes.set(newHash, before.licenseId);
    const history = this.tables.renewals.get(before.licenseId) ?? new Map();
    history.set(historyKey, copy(renewal.history));
    this.tables.renewals.set(before.licenseId, history);
    const log = this.tables.auditEvents.get(renewal.auditEvent.workspaceId) ?? new Map();
    log.set(renewal.auditEvent.eventId, copy(renewal.auditEvent));
    this.tables.auditEvents.set(renewal.auditEvent.workspaceId, log);
    this.tables.putWebhookEvent(renewal.webhookEvent);
    storedCheckout.status = CheckoutStatus.COMPLETED;
    storedCheckout.renewal = { newExpiresAt: renewal.newExpiresAt, activationCodeHint: hint };
    delete storedCheckout.statusReason;
    storedOrder.order.status = 'FULFILLED';
    storedOrder.order.fulfilledAt = renewal.at;
    storedOrder.order.pendingActivationCode = renewal.activationCode;
    storedOrder.order.fulfilment = {
      previousExpiresAt: before.expiresAt,
      newExpiresAt: renewal.newExpiresAt,
      bonusDays: renewal.bonusDays,
    };
    delete storedOrder.order.statusReason;
    return true;
  }

  /** @throws like the adapter's conditional update when the order was never fulfilled */
  public async markEmailed(order: TrackedOrder, at: string): Promise<void> {
    const row = this.tables.orders.get(order.orderId);
    if (row?.order.fulfilledAt === undefined) {
      throw Object.assign(new Error('The conditional request failed'), {
        name: 'ConditionalCheckFailedException',
      });
    }
    row.order.emailedAt = at;
    row.order.status = 'FULFILLED';
    delete row.order.pendingActivationCode;
    delete row.order.statusReason;
    delete row.order.failedAt;
    delete row.statusEntry;
    const checkout = this.tables.checkouts.get(order.checkoutId);
    if (
      checkout?.orderId === order.orderId &&
      checkout.status === CheckoutStatus.FAILED &&
      checkout.renewal !== undefined
    ) {
      checkout.status = CheckoutStatus.COMPLETED;
      delete checkout.statusReason;
    }
  }

  public async markFailed(failure: {
    order: TrackedOrder;
    checkout: Checkout | null;
    releaseLicense: boolean;
    reason: string;
    at: string;
    webhookEvent: WebhookEvent | null;
  }): Promise<void> {
    const { order, checkout, releaseLicense, reason, at } = failure;
    const row = this.tables.orders.get(order.orderId);
    if (!row) return;
    const storedCheckout = checkout ? this.tables.checkouts.get(checkout.checkoutId) : undefined;
    const license = checkout && releaseLicense ? this.tables.licenses.get(checkout.licenseId) : undefined;
    const checkoutOurs =
      storedCheckout?.orderId === order.orderId &&
      [CheckoutStatus.PAID, CheckoutStatus.COMPLETED, CheckoutStatus.FAILED].includes(
        storedCheckout.status as 'PAID',
      );
    // If the checkout is no longer this order's, the failure is still recorded on the order.
    const withCheckout = checkout !== null && checkoutOurs && (!releaseLicense || license !== undefined);
    row.order.status = 'FAILED';
    row.order.statusReason = reason;
    row.order.failedAt = at;
    row.order.failures = (row.order.failures ?? 0) + 1;
    row.statusEntry = { status: 'FAILED', at };
    if (withCheckout && storedCheckout) {
      storedCheckout.status = CheckoutStatus.FAILED;
      storedCheckout.statusReason = reason;
      if (license && checkout) license.checkoutsInProgress.delete(checkout.checkoutId);
      this.tables.putWebhookEvent(failure.webhookEvent);
    }
  }

  /** The license if its open checkout is as `target` read it (the adapter's `renewalStarted` condition). */
  private renewalCanStart(checkoutId: string, target: RenewalTarget): LicenseRow | null {
    const license = this.tables.licenses.get(target.license.licenseId);
    if (!license) return null;
    const wasOpen = target.openCheckoutId === checkoutId;
    const asRead = wasOpen ? license.openCheckoutId === checkoutId : license.openCheckoutId !== checkoutId;
    return asRead ? license : null;
  }

  private startRenewal(license: LicenseRow, checkoutId: string, target: RenewalTarget): void {
    license.checkoutsInProgress.add(checkoutId);
    if (target.openCheckoutId === checkoutId) delete license.openCheckoutId;
  }
}
