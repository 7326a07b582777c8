/**
 * When a paid order cannot simply renew (PRODUCT.md §3): the payment must match the checkout's quote
 * and the checkout must still be payable when the store took the money. Any mismatch goes to a person;
 * the payment is never dropped.
 */
import { type Checkout, CheckoutStatus } from './checkout';
import type { Order } from './order';

export const ReviewReason = {
  CHECKOUT_UNKNOWN: 'CHECKOUT_UNKNOWN',
  /** Superseded by a newer checkout, paid by another order, or already in review. */
  CHECKOUT_NOT_OPEN: 'CHECKOUT_NOT_OPEN',
  /** Paid at or after the checkout's expiry. */
  CHECKOUT_EXPIRED: 'CHECKOUT_EXPIRED',
  CURRENCY_MISMATCH: 'CURRENCY_MISMATCH',
  AMOUNT_MISMATCH: 'AMOUNT_MISMATCH',
  /** The checkout names a license that does not exist. */
  LICENSE_UNKNOWN: 'LICENSE_UNKNOWN',
} as const;
export type ReviewReason = (typeof ReviewReason)[keyof typeof ReviewReason];

/**
 * Whether this order may pay this checkout as far as its status goes: an OPEN one, or one this very
 * order claimed before (a retry, or a replay after a failure).
 */
const payableBy = (checkout: Checkout, orderId: string): boolean =>
  checkout.status === CheckoutStatus.OPEN ||
  (checkout.orderId === orderId &&
    (checkout.status === CheckoutStatus.PAID || checkout.status === CheckoutStatus.FAILED));

/** Every reason the order needs review (not just the first); empty when it may renew. */
export const reviewReasons = (order: Order, checkout: Checkout | null): ReviewReason[] => {
  if (!checkout) return [ReviewReason.CHECKOUT_UNKNOWN];
  const reasons: ReviewReason[] = [];
  if (!payableBy(checkout, order.orderId)) reasons.push(ReviewReason.CHECKOUT_NOT_OPEN);
  if (new Date(checkout.expiresAt).getTime() <= new Date(order.paidAt).getTime()) {
    reasons.push(ReviewReason.CHECKOUT_EXPIRED);
  }
  if (order.currency !== checkout.price.currency) reasons.push(ReviewReason.CURRENCY_MISMATCH);
  if (order.amount !== checkout.price.amount) reasons.push(ReviewReason.AMOUNT_MISMATCH);
  return reasons;
};

/** Reason codes as one string, for a status reason. */
export const joinReasons = (reasons: readonly string[]): string => reasons.join(',');
