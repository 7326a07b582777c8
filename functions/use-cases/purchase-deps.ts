/**
 * What the purchase workflow's use cases need, and the one lookup they all start with. Each use case
 * is one task of the workflow (`functions/workflow/definition.ts`) and is safe to run again: a Step
 * Functions retry, or a replay of the whole order, changes nothing that is already done.
 */
import type { Clock } from '../domain/clock';
import type { TrackedOrder } from '../domain/order';
import type { CheckoutStore } from '../ports/checkouts';
import type { EmailSender, OpsNotifier } from '../ports/messaging';
import type { PurchaseStore } from '../ports/purchases';
import { OrderNotFoundError } from './purchase-errors';

export interface PurchaseDeps {
  purchases: PurchaseStore;
  checkouts: Pick<CheckoutStore, 'get'>;
  email: EmailSender;
  ops: OpsNotifier;
  clock: Clock;
  /** Issues a new activation code: the CSPRNG in production; tests may force a collision. */
  newActivationCode: () => string;
}

/** How often a step reads again and retries its conditional write when the records changed meanwhile. */
export const WRITE_ATTEMPTS = 3;

/** The order, or {@link OrderNotFoundError}: the webhook records an order before starting its workflow. */
export const loadOrder = async (purchases: PurchaseStore, orderId: string): Promise<TrackedOrder> => {
  const order = await purchases.getOrder(orderId);
  if (!order) throw new OrderNotFoundError(orderId);
  return order;
};
