import { type Checkout, CheckoutStatus } from '../../functions/domain/checkout';
import type { CheckoutStore } from '../../functions/ports/checkouts';
import { copy, MemoryTables } from './memory-tables';

/**
 * {@link CheckoutStore} in memory, with the adapter's transaction: the new checkout, the license's
 * pointer to it and the superseded one change together, or nothing does.
 */
export class FakeCheckoutStore implements CheckoutStore {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async create(checkout: Checkout, previousCheckoutId: string | null): Promise<boolean> {
    const license = this.tables.licenses.get(checkout.licenseId);
    const previous = previousCheckoutId ? this.tables.checkouts.get(previousCheckoutId) : undefined;
    const licenseAsRead =
      license !== undefined &&
      license.checkoutsInProgress.size === 0 &&
      (previousCheckoutId
        ? license.openCheckoutId === previousCheckoutId
        : license.openCheckoutId === undefined);
    // Only an unpaid checkout can be replaced; a paid one is the workflow's.
    const previousReplaceable =
      !previousCheckoutId ||
      previous?.status === CheckoutStatus.OPEN ||
      previous?.status === CheckoutStatus.EXPIRED;
    if (this.tables.checkouts.has(checkout.checkoutId) || !licenseAsRead || !previousReplaceable)
      return false;
    this.tables.checkouts.set(checkout.checkoutId, copy(checkout));
    license.openCheckoutId = checkout.checkoutId;
    if (previous) {
      previous.status = CheckoutStatus.EXPIRED;
      previous.supersededBy = checkout.checkoutId;
      previous.statusReason = 'SUPERSEDED';
    }
    return true;
  }

  public async get(checkoutId: string): Promise<Checkout | null> {
    const checkout = this.tables.checkouts.get(checkoutId);
    return checkout ? copy(checkout) : null;
  }
}
