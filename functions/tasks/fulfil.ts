import { generateActivationCode } from '../domain/activation-code';
import { recordRevenue } from '../metrics';
import { applyFulfilment } from '../use-cases/purchase-fulfilment';
import { checkoutStore, clock, purchaseStore } from '../wiring';
import { PurchaseTask } from '../workflow/definition';
import { orderRefSchema, taskHandler } from '../workflow/task-handler';

/** Fulfil: renews the license and issues its new activation code, once per order; records its revenue. */
export const handler = taskHandler(PurchaseTask.FULFIL, orderRefSchema, async ({ orderId }) => {
  const { result, paid } = await applyFulfilment(
    {
      purchases: purchaseStore(),
      checkouts: checkoutStore(),
      clock: clock(),
      newActivationCode: generateActivationCode,
    },
    orderId,
  );
  // Only the run that applied the renewal: a retry or a replay (ALREADY_FULFILLED) earned nothing new.
  if (paid) recordRevenue(paid.currency, paid.amount);
  return result;
});
