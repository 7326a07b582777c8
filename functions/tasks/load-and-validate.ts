import { validatePurchase } from '../use-cases/purchase-validation';
import { checkoutStore, purchaseStore } from '../wiring';
import { PurchaseTask } from '../workflow/definition';
import { orderRefSchema, taskHandler } from '../workflow/task-handler';

/** LoadAndValidate: the paid order against its checkout's quote; claims the checkout on a match. */
export const handler = taskHandler(PurchaseTask.LOAD_AND_VALIDATE, orderRefSchema, ({ orderId }) =>
  validatePurchase({ purchases: purchaseStore(), checkouts: checkoutStore() }, orderId),
);
