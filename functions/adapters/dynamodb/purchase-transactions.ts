/**
 * What the purchase workflow's state changes write (claim, review, failure): the items of each
 * transaction and the conditions that make it apply only to orders, checkouts and licenses still as the
 * use case read them. The renewal itself is `renewal-transaction.ts`; `purchase-store.ts` runs them.
 */
import { type Checkout, CheckoutStatus } from '../../domain/checkout';
import type { TrackedOrder } from '../../domain/order';
import type { PurchaseStore, RenewalTarget } from '../../ports/purchases';
import type { TransactItem } from './item-conventions';
import { LicenseKeys } from './license-items';
import { Keys } from './table-definition';
import { webhookEventPut } from './webhook-stores';

/** `#status`, a reserved word in expressions. */
export const STATUS = { '#status': 'status' } as const;

/** The order's gsi1 entry under its status, as expression values `:gpk` and `:gsk`. */
const statusEntry = (status: string, at: string, orderId: string) => {
  const { gsi1pk, gsi1sk } = Keys.orderStatusEntry(status, at, orderId);
  return { ':gpk': gsi1pk, ':gsk': gsi1sk };
};

/**
 * The license's side of a paid checkout: its renewal is in progress, and the checkout is no longer its
 * open one. Conditional on the open checkout being as read, so a checkout created meanwhile is noticed.
 * The license keeps the set of its checkouts that are PAID or NEEDS_REVIEW (adding is idempotent, so a
 * retry counts once): the renewal is in progress while any is, not until the first one completes.
 */
const renewalStarted = (tableName: string, checkoutId: string, target: RenewalTarget): TransactItem => {
  const wasOpen = target.openCheckoutId === checkoutId;
  return {
    Update: {
      TableName: tableName,
      Key: LicenseKeys.license(target.license.licenseId),
      UpdateExpression: `ADD checkoutsInProgress :checkoutIds${wasOpen ? ' REMOVE openCheckoutId' : ''}`,
      ConditionExpression: wasOpen
        ? 'attribute_exists(pk) AND openCheckoutId = :checkoutId'
        : 'attribute_exists(pk) AND (attribute_not_exists(openCheckoutId) OR openCheckoutId <> :checkoutId)',
      ExpressionAttributeValues: { ':checkoutIds': new Set([checkoutId]), ':checkoutId': checkoutId },
    },
  };
};

/** The checkout is paid by this order, and the license's renewal is in progress. */
export const claimTransaction = (
  tableName: string,
  checkout: Checkout,
  orderId: string,
  target: RenewalTarget,
): TransactItem[] => [
  {
    Update: {
      TableName: tableName,
      Key: Keys.checkout(checkout.checkoutId),
      UpdateExpression: 'SET #status = :paid, orderId = :orderId REMOVE statusReason',
      // Still OPEN, or claimed by this very order before (a retry or a replay).
      ConditionExpression: '#status = :open OR (orderId = :orderId AND #status IN (:paid, :failed))',
      ExpressionAttributeNames: STATUS,
      ExpressionAttributeValues: {
        ':paid': CheckoutStatus.PAID,
        ':open': CheckoutStatus.OPEN,
        ':failed': CheckoutStatus.FAILED,
        ':orderId': orderId,
      },
    },
  },
  renewalStarted(tableName, checkout.checkoutId, target),
];

/** The order, and its own checkout if it has one, need an operator; the license's renewal waits for it. */
export const needsReviewTransaction = (
  tableName: string,
  review: Parameters<PurchaseStore['markNeedsReview']>[0],
): TransactItem[] => {
  const { order, checkout, target, reason, at } = review;
  // A checkout another order paid is that order's: this one must not change it.
  const ownCheckout = checkout && (!checkout.orderId || checkout.orderId === order.orderId) ? checkout : null;
  return [
    {
      Update: {
        TableName: tableName,
        Key: Keys.order(order.orderId),
        UpdateExpression:
          'SET #status = :review, statusReason = :reason, reviewedAt = :at, gsi1pk = :gpk, gsi1sk = :gsk',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(fulfilledAt)',
        ExpressionAttributeNames: STATUS,
        ExpressionAttributeValues: {
          ':review': 'NEEDS_REVIEW',
          ':reason': reason,
          ':at': at,
          ...statusEntry('NEEDS_REVIEW', at, order.orderId),
        },
      },
    },
    ...(ownCheckout
      ? [
          {
            Update: {
              TableName: tableName,
              Key: Keys.checkout(ownCheckout.checkoutId),
              UpdateExpression: 'SET #status = :review, statusReason = :reason, orderId = :orderId',
              ConditionExpression:
                'attribute_exists(pk) AND (attribute_not_exists(orderId) OR orderId = :orderId)',
              ExpressionAttributeNames: STATUS,
              ExpressionAttributeValues: {
                ':review': CheckoutStatus.NEEDS_REVIEW,
                ':reason': reason,
                ':orderId': order.orderId,
              },
            },
          },
          ...(target ? [renewalStarted(tableName, ownCheckout.checkoutId, target)] : []),
          ...(review.webhookEvent ? [webhookEventPut(tableName, review.webhookEvent)] : []),
        ]
      : []),
  ];
};

/** The order failed; it keeps any pending code, so it can be replayed (once per failure, see `failures`). */
export const orderFailed = (
  tableName: string,
  order: TrackedOrder,
  reason: string,
  at: string,
): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: Keys.order(order.orderId),
    UpdateExpression:
      'SET #status = :failed, statusReason = :reason, failedAt = :at, gsi1pk = :gpk, gsi1sk = :gsk ADD failures :one',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: STATUS,
    ExpressionAttributeValues: {
      ':failed': 'FAILED',
      ':reason': reason,
      ':at': at,
      ':one': 1,
      ...statusEntry('FAILED', at, order.orderId),
    },
  },
});

/** The order's checkout failed too, if it is still the order's; `releaseLicense` ends its renewal. */
export const checkoutFailed = (
  tableName: string,
  failure: { order: TrackedOrder; checkout: Checkout; releaseLicense: boolean; reason: string },
): TransactItem[] => {
  const { order, checkout, releaseLicense, reason } = failure;
  return [
    {
      Update: {
        TableName: tableName,
        Key: Keys.checkout(checkout.checkoutId),
        UpdateExpression: 'SET #status = :failed, statusReason = :reason',
        ConditionExpression: 'orderId = :orderId AND #status IN (:paid, :completed, :failed)',
        ExpressionAttributeNames: STATUS,
        ExpressionAttributeValues: {
          ':failed': CheckoutStatus.FAILED,
          ':paid': CheckoutStatus.PAID,
          ':completed': CheckoutStatus.COMPLETED,
          ':reason': reason,
          ':orderId': order.orderId,
        },
      },
    },
    ...(releaseLicense
      ? [
          {
            Update: {
              TableName: tableName,
              Key: LicenseKeys.license(checkout.licenseId),
              UpdateExpression: 'DELETE checkoutsInProgress :checkoutIds',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':checkoutIds': new Set([checkout.checkoutId]) },
            },
          },
        ]
      : []),
  ];
};
