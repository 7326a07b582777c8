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

/** The fields of an {@link Order}: what the store reported, without the workflow's progress on it. */
const ORDER_FIELDS = [
  'orderId',
  'checkoutId',
  'amount',
  'currency',
  'paidAt',
  'eventId',
  'receivedAt',
  'status',
  'statusReason',
] as const satisfies readonly (keyof Order)[];

/**
 * Only the order's own fields of a record that holds more (a stored item, an order with its progress
 * and maybe a pending activation code).
 */
export const orderFieldsOf = (record: Record<string, unknown>): Order =>
  Object.fromEntries(
    ORDER_FIELDS.filter((field) => field in record).map((field) => [field, record[field]]),
  ) as unknown as Order;

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

/** What the purchase workflow has done with an order, kept on the order item. */
export interface OrderProgress {
  /** When this order's renewal was applied. Set once, ever: the guard against renewing twice. */
  fulfilledAt?: string;
  /** What the renewal did, for the email. */
  fulfilment?: { previousExpiresAt: string; newExpiresAt: string; bonusDays: number };
  /**
   * The new activation code, until SES has accepted the email that carries it. The only place it is
   * kept in full, so it never travels through Step Functions' state or history. Never logged.
   */
  pendingActivationCode?: string;
  emailedAt?: string;
  failedAt?: string;
  reviewedAt?: string;
  /** How many times the workflow ended FAILED for this order: numbers the replays (one per failure). */
  failures?: number;
}

/** An order with the workflow's progress on it. */
export type TrackedOrder = Order & OrderProgress;
