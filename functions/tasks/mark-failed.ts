import { markPurchaseFailed } from '../use-cases/purchase-failure';
import { checkoutStore, clock, opsNotifier, purchaseStore } from '../wiring';
import { PurchaseTask } from '../workflow/definition';
import { failureInputSchema, taskHandler } from '../workflow/task-handler';

/** MarkFailed: records that completing the order failed (kept for a replay) and tells operations. */
export const handler = taskHandler(PurchaseTask.MARK_FAILED, failureInputSchema, (input) =>
  markPurchaseFailed(
    { purchases: purchaseStore(), checkouts: checkoutStore(), ops: opsNotifier(), clock: clock() },
    input,
  ),
);
