import { generateActivationCode } from '../domain/activation-code';
import { fulfilOrder } from '../use-cases/purchase-fulfilment';
import { StepOutcome } from '../use-cases/purchase-steps';
import { checkoutStore, clock, purchaseStore } from '../wiring';
import { PurchaseTask } from '../workflow/definition';
import { recordOrderRevenue } from '../workflow/revenue-metric';
import { orderRefSchema, taskHandler } from '../workflow/task-handler';

/** Fulfil: renews the license and issues its new activation code, once per order; records its revenue. */
export const handler = taskHandler(PurchaseTask.FULFIL, orderRefSchema, async ({ orderId }) => {
  const result = await fulfilOrder(
    {
      purchases: purchaseStore(),
      checkouts: checkoutStore(),
      clock: clock(),
      newActivationCode: generateActivationCode,
    },
    orderId,
  );
  // Only the run that applied the renewal: a retry or a replay (ALREADY_FULFILLED) earned nothing new.
  if (result.outcome === StepOutcome.FULFILLED) await recordOrderRevenue(purchaseStore(), orderId);
  return result;
});
