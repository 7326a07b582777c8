/**
 * MarkNeedsReview: a paid order that did not match its checkout is recorded as NEEDS_REVIEW and
 * operations are told. The license is not renewed; while a person looks, it shows the renewal as in
 * progress so its administrator does not pay again.
 */

import type { Checkout } from '../domain/checkout';
import { needsReviewNotice, type OrderFacts } from '../domain/ops-notices';
import type { TrackedOrder } from '../domain/order';
import { checkoutEvent, WebhookEventType } from '../domain/webhook-event';
import { TransientError } from './errors';
import { loadOrder, type PurchaseDeps, WRITE_ATTEMPTS } from './purchase-deps';
import { type ReviewInput, StepOutcome, type StepResult } from './purchase-steps';

/** What operations are shown about an order: identifiers and amounts, nothing about the customer. */
export const orderFacts = (order: TrackedOrder, checkout: Checkout | null): OrderFacts => ({
  orderId: order.orderId,
  checkoutId: order.checkoutId,
  licenseId: checkout?.licenseId,
  paid: { amount: order.amount, currency: order.currency, paidAt: order.paidAt },
  quoted: checkout ? { amount: checkout.price.amount, currency: checkout.price.currency } : undefined,
});

export const markNeedsReview = async (
  deps: Pick<PurchaseDeps, 'purchases' | 'checkouts' | 'ops' | 'clock'>,
  input: ReviewInput,
): Promise<StepResult> => {
  const at = deps.clock.now().toISOString();
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const order = await loadOrder(deps.purchases, input.orderId);
    // A concurrent run of this order renewed it: there is nothing to review.
    if (order.fulfilledAt) return { orderId: order.orderId, outcome: StepOutcome.ALREADY_FULFILLED };
    const checkout = await deps.checkouts.get(order.checkoutId);
    const target = checkout ? await deps.purchases.getRenewalTarget(checkout.licenseId) : null;
    // A checkout another order paid is that order's: this one changes (and tells) nothing of it.
    const own = checkout && (!checkout.orderId || checkout.orderId === order.orderId) ? checkout : null;
    const webhookEvent = own
      ? checkoutEvent(WebhookEventType.CHECKOUT_NEEDS_REVIEW, own, order.orderId, new Date(at))
      : null;
    if (
      await deps.purchases.markNeedsReview({
        order,
        checkout,
        target,
        reason: input.reason,
        at,
        webhookEvent,
      })
    ) {
      const notice = needsReviewNotice(orderFacts(order, checkout), input.reason);
      await deps.ops.notify(notice.subject, notice.text);
      return { orderId: order.orderId, outcome: StepOutcome.NEEDS_REVIEW, reason: input.reason };
    }
  }
  throw new TransientError(`Order ${input.orderId}: the checkout kept changing while it was put to review`);
};
