import type { Locale } from './locale';
import type { Quote } from './pricing';

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
  /** The API key that started it, if one did (the email still goes to the key's issuer, `email`). */
  apiKeyId?: string;
  /** The order that paid it, once paid. */
  orderId?: string;
  /** Why it needs review or failed, for operations and support. */
  statusReason?: string;
  /** The newer checkout that replaced this one. */
  supersededBy?: string;
}
