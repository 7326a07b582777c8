/**
 * LoadAndValidate: does the paid order match its checkout? On a match the checkout becomes PAID by this
 * order (atomically, only while it is still OPEN), so a newer checkout or a second payment can no longer
 * take it; anything else goes to review with every reason found.
 */
import { joinReasons, ReviewReason, reviewReasons } from '../domain/review-reasons';
import { TransientError } from './errors';
import { loadOrder, type PurchaseDeps, WRITE_ATTEMPTS } from './purchase-deps';
import { StepOutcome, type StepResult } from './purchase-steps';

export const validatePurchase = async (
  deps: Pick<PurchaseDeps, 'purchases' | 'checkouts'>,
  orderId: string,
): Promise<StepResult> => {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const order = await loadOrder(deps.purchases, orderId);
    // An earlier run renewed already (a replay): the next steps finish whatever is left.
    if (order.fulfilledAt) return { orderId, outcome: StepOutcome.VALID };
    const checkout = await deps.checkouts.get(order.checkoutId);
    const target = checkout ? await deps.purchases.getRenewalTarget(checkout.licenseId) : null;
    const reasons = reviewReasons(order, checkout);
    if (checkout && !target) reasons.push(ReviewReason.LICENSE_UNKNOWN);
    if (!checkout || !target || reasons.length > 0) {
      // A concurrent run of this order may have completed it between the two reads.
      if (checkout?.orderId === orderId && (await loadOrder(deps.purchases, orderId)).fulfilledAt) {
        return { orderId, outcome: StepOutcome.VALID };
      }
      return { orderId, outcome: StepOutcome.NEEDS_REVIEW, reason: joinReasons(reasons) };
    }
    if (await deps.purchases.claim(checkout, orderId, target)) return { orderId, outcome: StepOutcome.VALID };
    // The checkout or its license changed since it was read (a newer checkout, another payment): decide again.
  }
  throw new TransientError(`Order ${orderId}: the checkout kept changing while it was being claimed`);
};
