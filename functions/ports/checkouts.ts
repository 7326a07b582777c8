import type { Checkout } from '../domain/checkout';

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
