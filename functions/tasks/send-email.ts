import { sendRenewalEmail } from '../use-cases/purchase-email';
import { checkoutStore, clock, emailSender, purchaseStore } from '../wiring';
import { PurchaseTask } from '../workflow/definition';
import { orderRefSchema, taskHandler } from '../workflow/task-handler';

/** SendEmail: the new activation code to the administrator who paid, once. */
export const handler = taskHandler(PurchaseTask.SEND_EMAIL, orderRefSchema, ({ orderId }) =>
  sendRenewalEmail(
    { purchases: purchaseStore(), checkouts: checkoutStore(), email: emailSender(), clock: clock() },
    orderId,
  ),
);
