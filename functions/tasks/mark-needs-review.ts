import { markNeedsReview } from '../use-cases/purchase-review';
import { checkoutStore, clock, opsNotifier, purchaseStore } from '../wiring';
import { PurchaseTask } from '../workflow/definition';
import { reviewInputSchema, taskHandler } from '../workflow/task-handler';

/** MarkNeedsReview: records a mismatched payment for review and tells operations. */
export const handler = taskHandler(PurchaseTask.MARK_NEEDS_REVIEW, reviewInputSchema, (input) =>
  markNeedsReview(
    { purchases: purchaseStore(), checkouts: checkoutStore(), ops: opsNotifier(), clock: clock() },
    input,
  ),
);
