/**
 * The one transaction that applies a renewal (PRODUCT.md §1, "Renewal term" and "Activation code"):
 * everything a renewal changes is written together or not at all, and only once per order. Its size is
 * fixed (eight items, its `checkout.completed` event among them): the administrators' list entries are not in it, SyncListEntries rewrites them from
 * the renewed license afterwards (the license remembers the expiry they are listed under).
 */
import { activationCodeHint, activationCodeLookupHash } from '../../domain/activation-code';
import { CheckoutStatus } from '../../domain/checkout';
import type { RenewalWrite } from '../../ports/purchases';
import type { TransactItem } from './item-conventions';
import { codeItem, LicenseKeys } from './license-items';
import { Keys } from './table-definition';
import { webhookEventPut } from './webhook-stores';

/**
 * The transaction's items. The conditions make it all-or-nothing against concurrent changes:
 * - the license is still as read (expiry, code, workspace) and this order was not its last renewal;
 * - the order was never fulfilled (this also stops a replay of an older order after a newer one);
 * - the checkout is PAID by this order;
 * - the new code's lookup item does not exist (a CSPRNG collision is astronomically unlikely, but a
 *   code must attach exactly one license).
 */
export const renewalTransaction = (tableName: string, renewal: RenewalWrite): TransactItem[] => {
  const { order, checkout, target } = renewal;
  const before = target.license;
  const hint = activationCodeHint(renewal.activationCode);
  const expiryEntry = Keys.expiryEntry(before.licenseId, renewal.newExpiresAt);
  return [
    {
      Update: {
        TableName: tableName,
        Key: LicenseKeys.license(before.licenseId),
        UpdateExpression:
          'SET expiresAt = :expiresAt, gsi2pk = :expiryDay, gsi2sk = :expiryEntry, ' +
          'activationCodeHint = :hint, activationCodeHash = :hash, ' +
          'lastOrderId = :orderId ADD staleExpiresAt :listedAt DELETE checkoutsInProgress :checkoutIds',
        ConditionExpression:
          'attribute_exists(pk) AND expiresAt = :before AND activationCodeHash = :beforeHash AND ' +
          (before.workspaceId ? 'workspaceId = :workspaceId AND ' : '') +
          '(attribute_not_exists(lastOrderId) OR lastOrderId <> :orderId)',
        ExpressionAttributeValues: {
          ':expiresAt': renewal.newExpiresAt,
          // The reminder index follows the new expiry: its reminders start afresh.
          ':expiryDay': expiryEntry.gsi2pk,
          ':expiryEntry': expiryEntry.gsi2sk,
          ':hint': hint,
          ':hash': activationCodeLookupHash(renewal.activationCode),
          ':orderId': order.orderId,
          // Only this checkout leaves PAID: another one still in review keeps the renewal in progress.
          ':checkoutIds': new Set([checkout.checkoutId]),
          ':before': before.expiresAt,
          // The list entries are still under the old expiry: SyncListEntries moves them afterwards.
          ':listedAt': new Set([before.expiresAt]),
          ':beforeHash': target.activationCodeHash,
          ...(before.workspaceId ? { ':workspaceId': before.workspaceId } : {}),
        },
      },
    },
    // The old code attaches nothing any more.
    { Delete: { TableName: tableName, Key: LicenseKeys.codeByHash(target.activationCodeHash) } },
    {
      Put: {
        TableName: tableName,
        Item: codeItem(before.licenseId, renewal.activationCode),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: {
          ...LicenseKeys.renewal(before.licenseId, renewal.history.paidAt, order.orderId),
          type: 'RENEWAL',
          ...renewal.history,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: {
          ...Keys.auditEvent(renewal.auditEvent.workspaceId, renewal.auditEvent.eventId),
          type: 'AUDIT',
          ...renewal.auditEvent,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    webhookEventPut(tableName, renewal.webhookEvent),
    {
      Update: {
        TableName: tableName,
        Key: Keys.checkout(checkout.checkoutId),
        UpdateExpression: 'SET #status = :completed, renewal = :renewal REMOVE statusReason',
        ConditionExpression: '#status = :paid AND orderId = :orderId',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':completed': CheckoutStatus.COMPLETED,
          ':paid': CheckoutStatus.PAID,
          ':orderId': order.orderId,
          ':renewal': { newExpiresAt: renewal.newExpiresAt, activationCodeHint: hint },
        },
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: Keys.order(order.orderId),
        UpdateExpression:
          'SET #status = :fulfilled, fulfilledAt = :at, fulfilment = :fulfilment, ' +
          'pendingActivationCode = :code REMOVE statusReason',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(fulfilledAt)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':fulfilled': 'FULFILLED',
          ':at': renewal.at,
          ':code': renewal.activationCode,
          ':fulfilment': {
            previousExpiresAt: before.expiresAt,
            newExpiresAt: renewal.newExpiresAt,
            bonusDays: renewal.bonusDays,
          },
        },
      },
    },
  ];
};
