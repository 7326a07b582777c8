/**
 * What operators do with orders that did not complete (the `orders` command): list those that need
 * them, and replay a FAILED one. Nothing here renews: a replay only starts the purchase workflow again,
 * whose records make fulfilment happen once (the renewal is conditional on the order not being
 * fulfilled; the checkout can be claimed again only by the order that paid it).
 */

import type { TrackedOrder } from '../domain/order';
import { type OperatorOrder, OperatorOrderStatus } from '../domain/order';
import type { OrderQueries } from '../ports/orders';
import type { PurchaseReplayer, PurchaseWorkflow } from '../ports/purchase-workflow';

/** An order waiting for an operator, with how long it has waited. */
export interface OrderRow extends OperatorOrder {
  ageSeconds: number;
}

/** Orders in the given statuses (default both), at or after `since`, oldest first. */
export const listOperatorOrders = async (
  deps: { orders: OrderQueries },
  query: { statuses?: readonly OperatorOrderStatus[]; since?: string },
  now: Date,
): Promise<OrderRow[]> => {
  const statuses = query.statuses ?? Object.values(OperatorOrderStatus);
  const lists = await Promise.all(statuses.map((status) => deps.orders.listWithStatus(status, query.since)));
  return lists
    .flat()
    .sort((a, b) => a.since.localeCompare(b.since) || a.orderId.localeCompare(b.orderId))
    .map((order) => ({
      ...order,
      ageSeconds: Math.max(0, Math.floor((now.getTime() - new Date(order.since).getTime()) / 1000)),
    }));
};

/** What a replay did. */
export const ReplayOutcome = {
  NOT_FOUND: 'NOT_FOUND',
  /** Renewed and emailed already: nothing to do. */
  ALREADY_FULFILLED: 'ALREADY_FULFILLED',
  /** A person must decide (a refund, or fulfilling by hand): a replay would only review it again. */
  NEEDS_REVIEW: 'NEEDS_REVIEW',
  /** Never processed (the workflow may not have started): its first execution was started, if it had not been. */
  STARTED_FIRST_RUN: 'STARTED_FIRST_RUN',
  /** A replay of this failure was started. */
  STARTED: 'STARTED',
  /** This failure's replay had been started before (it is running or has run): nothing started. */
  ALREADY_REPLAYED: 'ALREADY_REPLAYED',
} as const;
export type ReplayOutcome = (typeof ReplayOutcome)[keyof typeof ReplayOutcome];

/**
 * Replays an order, idempotently: a FAILED order gets one replay per failure (the execution name says
 * which), so running the command twice starts nothing more; any other status starts no replay.
 */
export const replayOrder = async (
  deps: {
    purchases: { getOrder(orderId: string): Promise<TrackedOrder | null> };
    workflow: PurchaseWorkflow & PurchaseReplayer;
  },
  orderId: string,
): Promise<{ outcome: ReplayOutcome; order: TrackedOrder | null; replay?: number }> => {
  const order = await deps.purchases.getOrder(orderId);
  if (!order) return { outcome: ReplayOutcome.NOT_FOUND, order };
  switch (order.status) {
    case 'FULFILLED':
      return { outcome: ReplayOutcome.ALREADY_FULFILLED, order };
    case 'NEEDS_REVIEW':
      return { outcome: ReplayOutcome.NEEDS_REVIEW, order };
    case 'RECEIVED':
      // The first execution's name is the order's: starting it again is a no-op if it ran.
      await deps.workflow.start(orderId);
      return { outcome: ReplayOutcome.STARTED_FIRST_RUN, order };
    case 'FAILED': {
      // Orders failed before failures were counted failed once.
      const replay = order.failures ?? 1;
      const started = await deps.workflow.replay(orderId, replay);
      return { outcome: started ? ReplayOutcome.STARTED : ReplayOutcome.ALREADY_REPLAYED, order, replay };
    }
  }
};
