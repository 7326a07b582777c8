import {
  type OperatorOrder,
  type OperatorOrderStatus,
  type Order,
  orderFieldsOf,
} from '../../functions/domain/order';
import type { OrderQueries, OrderStore } from '../../functions/ports/orders';
import { copy, MemoryTables } from './memory-tables';

/** {@link OrderStore} and {@link OrderQueries} in memory; orders are shared with the purchase store. */
export class FakeOrderStore implements OrderStore, OrderQueries {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async record(order: Order): Promise<boolean> {
    if (this.tables.orders.has(order.orderId)) return false;
    this.tables.orders.set(order.orderId, { order: copy(order) });
    return true;
  }

  /** The order's own fields only, never the workflow's progress (nor a pending code). */
  public async get(orderId: string): Promise<Order | null> {
    const row = this.tables.orders.get(orderId);
    if (!row) return null;
    return copy(orderFieldsOf(row.order as unknown as Record<string, unknown>));
  }

  /** Oldest first, by when they entered the status, then by id (the adapter's gsi1 sort key). */
  public async listWithStatus(status: OperatorOrderStatus, since?: string): Promise<OperatorOrder[]> {
    const sortKey = (at: string, orderId: string) => `${at}#${orderId}`;
    return [...this.tables.orders.values()]
      .flatMap(({ order, statusEntry }) =>
        statusEntry && statusEntry.status === status ? [{ order, at: statusEntry.at }] : [],
      )
      .filter(({ order, at }) => since === undefined || sortKey(at, order.orderId) >= since)
      .sort((a, b) => (sortKey(a.at, a.order.orderId) < sortKey(b.at, b.order.orderId) ? -1 : 1))
      .map(({ order, at }) => ({
        orderId: order.orderId,
        checkoutId: order.checkoutId,
        amount: order.amount,
        currency: order.currency,
        status,
        ...(order.statusReason !== undefined ? { statusReason: order.statusReason } : {}),
        since: at,
      }));
  }
}
