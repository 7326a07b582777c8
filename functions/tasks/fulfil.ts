import { generateActivationCode } from '../domain/activation-code';
import { fulfilOrder } from '../use-cases/purchase-fulfilment';
import { checkoutStore, clock, purchaseStore } from '../wiring';
import { PurchaseTask } from '../workflow/definition';
import { orderRefSchema, taskHandler } from '../workflow/task-handler';

/** Fulfil: renews the license and issues its new activation code, once per order. */
export const handler = taskHandler(PurchaseTask.FULFIL, orderRefSchema, ({ orderId }) =>
  fulfilOrder(
    {
      purchases: purchaseStore(),
      checkouts: checkoutStore(),
      clock: clock(),
      newActivationCode: generateActivationCode,
    },
    orderId,
  ),
);
