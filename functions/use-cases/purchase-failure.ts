/**
 * MarkFailed: a step kept failing. The order is recorded FAILED with why, and kept with any pending
 * code so it can be replayed; the checkout this order paid shows FAILED; operations are told. A
 * renewal already applied stays applied (a replay will not apply it again).
 */

import { type Checkout, CheckoutStatus } from '../domain/checkout';
import { purchaseFailedNotice } from '../domain/ops-notices';
import type { TrackedOrder } from '../domain/order';
import { checkoutEvent, WebhookEventType } from '../domain/webhook-event';
import type { PurchaseDeps } from './purchase-deps';
import { orderFacts } from './purchase-review';
import { type FailureInput, StepOutcome, type StepResult } from './purchase-steps';

/** How far the order got before the failure, read from the records. */
export const FailureStage = {
  ORDER_NOT_FOUND: 'ORDER_NOT_FOUND',
  /** Nothing was renewed: validation or recording the review failed. */
  NOT_PROCESSED: 'NOT_PROCESSED',
  /** The checkout was paid, the renewal not applied. */
  FULFILMENT_FAILED: 'FULFILMENT_FAILED',
  /** The renewal was applied; the email with the code was not sent. */
  EMAIL_NOT_SENT: 'EMAIL_NOT_SENT',
} as const;
export type FailureStage = (typeof FailureStage)[keyof typeof FailureStage];

const stageOf = (order: TrackedOrder | null, claimed: Checkout | null): FailureStage => {
  if (!order) return FailureStage.ORDER_NOT_FOUND;
  if (order.fulfilledAt) return FailureStage.EMAIL_NOT_SENT;
  return claimed?.status === CheckoutStatus.PAID
    ? FailureStage.FULFILMENT_FAILED
    : FailureStage.NOT_PROCESSED;
};

/** Step Functions' error name, as a short printable token. */
const errorToken = (name: string): string => name.replace(/[^\w.-]/g, '_').slice(0, 80) || 'Unknown';

export const markPurchaseFailed = async (
  deps: Pick<PurchaseDeps, 'purchases' | 'checkouts' | 'ops' | 'clock'>,
  input: FailureInput,
): Promise<StepResult> => {
  const order = await deps.purchases.getOrder(input.orderId);
  const checkout = order ? await deps.checkouts.get(order.checkoutId) : null;
  // Only a checkout this order paid is this order's to mark.
  const claimed = checkout?.orderId === input.orderId ? checkout : null;
  const stage = stageOf(order, claimed);
  const reason = `${stage} (${errorToken(input.error)})`;
  if (order) {
    await deps.purchases.markFailed({
      order,
      checkout: claimed,
      // A paid checkout held its license's renewal; a failed one no longer does (PRODUCT.md §1).
      releaseLicense: stage === FailureStage.FULFILMENT_FAILED,
      reason,
      at: deps.clock.now().toISOString(),
      webhookEvent: claimed
        ? checkoutEvent(WebhookEventType.CHECKOUT_FAILED, claimed, input.orderId, deps.clock.now())
        : null,
    });
  }
  const notice = purchaseFailedNotice(
    order ? orderFacts(order, checkout) : { orderId: input.orderId },
    reason,
  );
  await deps.ops.notify(notice.subject, notice.text);
  return { orderId: input.orderId, outcome: StepOutcome.FAILED, reason };
};
