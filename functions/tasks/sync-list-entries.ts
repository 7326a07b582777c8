import { syncRenewedListEntries } from '../use-cases/purchase-list-sync';
import { checkoutStore, licenseStore, purchaseStore } from '../wiring';
import { PurchaseTask } from '../workflow/definition';
import { orderRefSchema, taskHandler } from '../workflow/task-handler';

/** SyncListEntries: moves every administrator's list entry of the renewed license to its new expiry. */
export const handler = taskHandler(PurchaseTask.SYNC_LIST_ENTRIES, orderRefSchema, ({ orderId }) =>
  syncRenewedListEntries(
    { purchases: purchaseStore(), checkouts: checkoutStore(), licenses: licenseStore() },
    orderId,
  ),
);
