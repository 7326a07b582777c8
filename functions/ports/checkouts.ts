import type { Locale } from '../domain/locale';
import type { Quote } from '../domain/pricing';

/** Where a renewal stands. */
export const CheckoutStatus = {
  /** Waiting for payment in the store, until `expiresAt`. */
  OPEN: 'OPEN',
  /** Paid; the purchase workflow is completing the renewal. */
  PAID: 'PAID',
  COMPLETED: 'COMPLETED',
  /** Not paid in time, or replaced by a newer checkout of the same license. */
  EXPIRED: 'EXPIRED',
  /** Paid, but something did not match; operations were told; the license is untouched. */
  NEEDS_REVIEW: 'NEEDS_REVIEW',
  /** Paid, but completing it kept failing; the order is kept and can be replayed. */
  FAILED: 'FAILED',
} as const;
export type CheckoutStatus = (typeof CheckoutStatus)[keyof typeof CheckoutStatus];

/** A renewal checkout: the quote and term frozen at creation, and what became of it. */
export interface Checkout {
  checkoutId: string;
  licenseId: string;
  workspaceId: string;
  /** The administrator who started it: the only one who can read it, and who gets the email. */
  userId: string;
  email: string;
  locale: Locale;
  productCode: string;
  productName: string;
  seats: number;
  status: CheckoutStatus;
  price: Quote;
  term: { months: number; bonusDays: number; newExpiresAt: string };
  createdAt: string;
  expiresAt: string;
  /** Once completed. */
  renewal?: { newExpiresAt: string; activationCodeHint: string };
  /** The order that paid it, once paid. */
  orderId?: string;
  /** Why it needs review or failed, for operations and support. */
  statusReason?: string;
  /** The newer checkout that replaced this one. */
  supersededBy?: string;
}

export interface CheckoutStore {
  /**
   * Stores a new OPEN checkout and makes it the license's current one. A previous OPEN checkout of the
   * license becomes EXPIRED (superseded), atomically: a store payment for it is then a mismatch that
   * goes to review, never a second renewal.
   * @returns false when the license changed meanwhile (a renewal was paid): the caller re-checks.
   */
  create(checkout: Checkout, previousCheckoutId: string | null): Promise<boolean>;
  get(checkoutId: string): Promise<Checkout | null>;
}
