/** A paid order the store reported. Kept for good: a payment is never lost. */
export interface Order {
  orderId: string;
  checkoutId: string;
  /** Minor units, as the store charged. */
  amount: number;
  currency: string;
  paidAt: string;
  /** The webhook event that reported it first. */
  eventId: string;
  receivedAt: string;
  status: 'RECEIVED' | 'FULFILLED' | 'NEEDS_REVIEW' | 'FAILED';
  statusReason?: string;
}

export interface OrderStore {
  /** Records an order once; false when this order id was recorded before (a duplicate delivery). */
  record(order: Order): Promise<boolean>;
  get(orderId: string): Promise<Order | null>;
}

/** Order statuses an operator acts on: listed by `npm run orders -- list`. */
export const OperatorOrderStatus = { NEEDS_REVIEW: 'NEEDS_REVIEW', FAILED: 'FAILED' } as const;
export type OperatorOrderStatus = (typeof OperatorOrderStatus)[keyof typeof OperatorOrderStatus];

/** An order waiting for an operator, as listed. */
export interface OperatorOrder {
  orderId: string;
  checkoutId: string;
  amount: number;
  currency: string;
  status: OperatorOrderStatus;
  statusReason?: string;
  /** When it entered this status. */
  since: string;
}

/** Orders by status, without scanning the table. */
export interface OrderQueries {
  /** Orders in `status` that entered it at or after `since` (all when omitted), oldest first. */
  listWithStatus(status: OperatorOrderStatus, since?: string): Promise<OperatorOrder[]>;
}

/** Starts the purchase workflow for an order. Idempotent: the same order never runs twice at once. */
export interface PurchaseWorkflow {
  start(orderId: string): Promise<void>;
}

/**
 * Starts a replay of an order after its `failure`-th failure, as an execution of its own (the first
 * one's name is taken for good). Idempotent per failure: false when that replay was started before.
 */
export interface PurchaseReplayer {
  replay(orderId: string, failure: number): Promise<boolean>;
}

/** Tells operations about something a person must look at (SNS topic in AWS, the outbox locally). */
export interface OpsNotifier {
  notify(subject: string, text: string): Promise<void>;
}
