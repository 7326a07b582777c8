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

/** Starts the purchase workflow for an order. Idempotent: the same order never runs twice at once. */
export interface PurchaseWorkflow {
  start(orderId: string): Promise<void>;
}

/** Tells operations about something a person must look at (SNS topic in AWS, the outbox locally). */
export interface OpsNotifier {
  notify(subject: string, text: string): Promise<void>;
}
