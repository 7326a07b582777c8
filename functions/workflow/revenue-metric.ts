import { logger } from '../logger';
import { recordRevenue } from '../metrics';
import type { PurchaseStore } from '../ports/purchases';

/**
 * Records the revenue of the order whose renewal was just applied: its amount and currency as paid
 * (validation checked they match the quote). Read back from the order, since the workflow's state
 * carries no amounts; a failed read is logged and skipped, never a reason to retry a committed step.
 */
export const recordOrderRevenue = async (
  purchases: Pick<PurchaseStore, 'getOrder'>,
  orderId: string,
): Promise<void> => {
  try {
    const order = await purchases.getOrder(orderId);
    if (order) recordRevenue(order.currency, order.amount);
  } catch (error) {
    logger.warn('Revenue not recorded', {
      orderId,
      error: error instanceof Error ? error.name : 'Unknown',
    });
  }
};
