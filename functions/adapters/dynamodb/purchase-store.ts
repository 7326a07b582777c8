import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type Checkout, CheckoutStatus } from '../../domain/checkout';
import type { TrackedOrder } from '../../domain/order';
import type { PurchaseStore, RenewalTarget, RenewalWrite } from '../../ports/purchases';
import { succeedsUnlessConditionFails, withoutKeys } from './item-conventions';
import { LicenseKeys, recordOf } from './license-items';
import { renewalTransaction } from './renewal-transaction';
import { Keys } from './table-definition';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const STATUS = { '#status': 'status' } as const;

/** The order's gsi1 entry under its status, as expression values `:gpk` and `:gsk`. */
const statusEntry = (status: string, at: string, orderId: string) => {
  const { gsi1pk, gsi1sk } = Keys.orderStatusEntry(status, at, orderId);
  return { ':gpk': gsi1pk, ':gsk': gsi1sk };
};

/**
 * The purchase workflow's writes to orders, checkouts and licenses. Each state change that spans items
 * is one transaction, conditional on the items still being as the use case read them; a `false` answer
 * means "read again and decide again".
 */
export class DynamoPurchaseStore implements PurchaseStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async getOrder(orderId: string): Promise<TrackedOrder | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: Keys.order(orderId), ConsistentRead: true }),
    );
    if (!Item) return null;
    // The gsi1 entry is the store's index of orders needing an operator, not part of the order.
    const { gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ...order } = withoutKeys<Record<string, unknown>>(Item);
    return order as unknown as TrackedOrder;
  }

  public async getRenewalTarget(licenseId: string): Promise<RenewalTarget | null> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: LicenseKeys.license(licenseId),
        ConsistentRead: true,
      }),
    );
    if (!Item) return null;
    return {
      license: recordOf(Item),
      activationCodeHash: String(Item.activationCodeHash),
      openCheckoutId: typeof Item.openCheckoutId === 'string' ? Item.openCheckoutId : null,
    };
  }

  public async claim(checkout: Checkout, orderId: string, target: RenewalTarget): Promise<boolean> {
    return this.transact([
      {
        Update: {
          TableName: this.tableName,
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
      this.renewalStarted(checkout.checkoutId, target),
    ]);
  }

  public async markNeedsReview(review: {
    order: TrackedOrder;
    checkout: Checkout | null;
    target: RenewalTarget | null;
    reason: string;
    at: string;
  }): Promise<boolean> {
    const { order, checkout, target, reason, at } = review;
    // A checkout another order paid is that order's: this one must not change it.
    const ownCheckout =
      checkout && (!checkout.orderId || checkout.orderId === order.orderId) ? checkout : null;
    return this.transact([
      {
        Update: {
          TableName: this.tableName,
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
                TableName: this.tableName,
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
            ...(target ? [this.renewalStarted(ownCheckout.checkoutId, target)] : []),
          ]
        : []),
    ]);
  }

  public async applyRenewal(renewal: RenewalWrite): Promise<boolean> {
    return this.transact(renewalTransaction(this.tableName, renewal));
  }

  public async markEmailed(order: TrackedOrder, at: string): Promise<void> {
    // First and on its own: once SES has the email, forgetting the code must not depend on anything else.
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: Keys.order(order.orderId),
        UpdateExpression:
          'SET emailedAt = :at, #status = :fulfilled REMOVE pendingActivationCode, statusReason, failedAt, gsi1pk, gsi1sk',
        ConditionExpression: 'attribute_exists(fulfilledAt)',
        ExpressionAttributeNames: STATUS,
        ExpressionAttributeValues: { ':at': at, ':fulfilled': 'FULFILLED' },
      }),
    );
    // A replay after a failed email: the checkout the failure marked is complete now (if it was marked).
    await succeedsUnlessConditionFails(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: Keys.checkout(order.checkoutId),
          UpdateExpression: 'SET #status = :completed REMOVE statusReason',
          ConditionExpression: 'orderId = :orderId AND #status = :failed AND attribute_exists(renewal)',
          ExpressionAttributeNames: STATUS,
          ExpressionAttributeValues: {
            ':completed': CheckoutStatus.COMPLETED,
            ':failed': CheckoutStatus.FAILED,
            ':orderId': order.orderId,
          },
        }),
      ),
    );
  }

  public async markFailed(failure: {
    order: TrackedOrder;
    checkout: Checkout | null;
    releaseLicense: boolean;
    reason: string;
    at: string;
  }): Promise<void> {
    const { order, checkout, releaseLicense, reason, at } = failure;
    const orderFailed: TransactItem = {
      Update: {
        TableName: this.tableName,
        Key: Keys.order(order.orderId),
        // The order, with any pending code, stays: it can be replayed (once per failure, see `failures`).
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
    };
    const checkoutFailed: TransactItem[] = checkout
      ? [
          {
            Update: {
              TableName: this.tableName,
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
                    TableName: this.tableName,
                    Key: LicenseKeys.license(checkout.licenseId),
                    UpdateExpression: 'DELETE checkoutsInProgress :checkoutIds',
                    ConditionExpression: 'attribute_exists(pk)',
                    ExpressionAttributeValues: { ':checkoutIds': new Set([checkout.checkoutId]) },
                  },
                },
              ]
            : []),
        ]
      : [];
    // If the checkout is no longer this order's, the failure is still recorded on the order.
    if (!(await this.transact([orderFailed, ...checkoutFailed]))) await this.transact([orderFailed]);
  }

  /**
   * The license's side of a paid checkout: its renewal is in progress, and the checkout is no longer its
   * open one. Conditional on the open checkout being as read, so a checkout created meanwhile is noticed.
   * The license keeps the set of its checkouts that are PAID or NEEDS_REVIEW (adding is idempotent, so a
   * retry counts once): the renewal is in progress while any is, not until the first one completes.
   */
  private renewalStarted(checkoutId: string, target: RenewalTarget): TransactItem {
    const wasOpen = target.openCheckoutId === checkoutId;
    return {
      Update: {
        TableName: this.tableName,
        Key: LicenseKeys.license(target.license.licenseId),
        UpdateExpression: `ADD checkoutsInProgress :checkoutIds${wasOpen ? ' REMOVE openCheckoutId' : ''}`,
        ConditionExpression: wasOpen
          ? 'attribute_exists(pk) AND openCheckoutId = :checkoutId'
          : 'attribute_exists(pk) AND (attribute_not_exists(openCheckoutId) OR openCheckoutId <> :checkoutId)',
        ExpressionAttributeValues: { ':checkoutIds': new Set([checkoutId]), ':checkoutId': checkoutId },
      },
    };
  }

  /** Runs a transaction; false when a condition failed. */
  private transact(items: TransactItem[]): Promise<boolean> {
    return succeedsUnlessConditionFails(this.client.send(new TransactWriteCommand({ TransactItems: items })));
  }
}
