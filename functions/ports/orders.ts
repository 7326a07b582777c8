import type { OperatorOrder, OperatorOrderStatus, Order } from '../domain/order';

export interface OrderStore {
  /** Records an order once; false when this order id was recorded before (a duplicate delivery). */
  record(order: Order): Promise<boolean>;
  get(orderId: string): Promise<Order | null>;
}

/** Orders by status, without scanning the table. */
export interface OrderQueries {
  /** Orders in `status` that entered it at or after `since` (all when omitted), oldest first. */
  listWithStatus(status: OperatorOrderStatus, since?: string): Promise<OperatorOrder[]>;
}
