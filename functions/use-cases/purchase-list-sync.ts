/**
 * SyncListEntries: after a renewal commits, moves each administrator's list entry of the license to its
 * new expiry. Kept out of the renewal's transaction so that its size does not depend on the number of
 * administrators; derived from the license's current state, so a retry or a replay converges.
 */
import type { CheckoutStore } from '../ports/checkouts';
import type { LicenseStore } from '../ports/licenses';
import type { PurchaseStore } from '../ports/purchases';
import { loadOrder } from './purchase-deps';
import { PurchaseStateError } from './purchase-errors';
import { StepOutcome, type StepResult } from './purchase-steps';

export interface ListSyncDeps {
  purchases: PurchaseStore;
  checkouts: CheckoutStore;
  licenses: LicenseStore;
}

export const syncRenewedListEntries = async (deps: ListSyncDeps, orderId: string): Promise<StepResult> => {
  const order = await loadOrder(deps.purchases, orderId);
  const checkout = await deps.checkouts.get(order.checkoutId);
  if (!checkout) throw new PurchaseStateError(orderId, 'its checkout does not exist');
  await deps.licenses.syncListEntries(checkout.licenseId);
  return { orderId, outcome: StepOutcome.LISTS_SYNCED };
};
