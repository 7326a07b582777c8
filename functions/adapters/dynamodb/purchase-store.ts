import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type Checkout, CheckoutStatus } from '../../domain/checkout';
import type { TrackedOrder } from '../../domain/order';
import type { WebhookEvent } from '../../domain/webhook-event';
import type { PurchaseStore, RenewalTarget, RenewalWrite } from '../../ports/purchases';
import { succeedsUnlessConditionFails, type TransactItem, withoutKeys } from './item-conventions';
import { LicenseKeys, recordOf } from './license-items';
import {
  checkoutFailed,
  claimTransaction,
  needsReviewTransaction,
  orderFailed,
  STATUS,
} from './purchase-transactions';
import { renewalTransaction } from './renewal-transaction';
import { Keys } from './table-definition';
import { webhookEventPut } from './webhook-stores';

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
    return this.transact(claimTransaction(this.tableName, checkout, orderId, target));
  }

  public async markNeedsReview(review: {
    order: TrackedOrder;
    checkout: Checkout | null;
    target: RenewalTarget | null;
    reason: string;
    at: string;
    webhookEvent: WebhookEvent | null;
  }): Promise<boolean> {
    return this.transact(needsReviewTransaction(this.tableName, review));
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
    webhookEvent: WebhookEvent | null;
  }): Promise<void> {
    const { order, checkout, releaseLicense, reason, at } = failure;
    const orderItem = orderFailed(this.tableName, order, reason, at);
    const checkoutItems = checkout
      ? [
          ...checkoutFailed(this.tableName, { order, checkout, releaseLicense, reason }),
          ...(failure.webhookEvent ? [webhookEventPut(this.tableName, failure.webhookEvent)] : []),
        ]
      : [];
    // If the checkout is no longer this order's, the failure is still recorded on the order.
    if (!(await this.transact([orderItem, ...checkoutItems]))) await this.transact([orderItem]);
  }

  /** Runs a transaction; false when a condition failed. */
  private transact(items: TransactItem[]): Promise<boolean> {
    return succeedsUnlessConditionFails(this.client.send(new TransactWriteCommand({ TransactItems: items })));
  }
}
