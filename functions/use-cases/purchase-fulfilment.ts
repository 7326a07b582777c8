/**
 * Fulfil: renews the license by the term paid for, counted from the later of its expiry and the
 * payment (so renewing early loses nothing), and issues a new activation code that replaces the old
 * one, all in one transaction that applies once per order. The code is kept on the order for the email
 * step only; it never enters the workflow's state.
 */

import { activationCodeHint } from '../domain/activation-code';
import { AuditAction, auditActorOf, newAuditEvent } from '../domain/audit-event';
import { CheckoutStatus } from '../domain/checkout';
import { bonusDays, renewedExpiry } from '../domain/renewal-term';
import { newWebhookEvent, WebhookEventType } from '../domain/webhook-event';
import { TransientError } from './errors';
import { loadOrder, type PurchaseDeps, WRITE_ATTEMPTS } from './purchase-deps';
import { PurchaseStateError } from './purchase-errors';
import { StepOutcome, type StepResult } from './purchase-steps';

/** What a Fulfil run did, and, when this run applied the renewal, what was paid for it. */
export interface Fulfilment {
  result: StepResult;
  /** The order's amount (minor units) and currency; absent unless the outcome is FULFILLED. */
  paid?: { amount: number; currency: string };
}

type FulfilDeps = Pick<PurchaseDeps, 'purchases' | 'checkouts' | 'clock' | 'newActivationCode'>;

/** Fulfil, as the workflow sees it: the step's result only (no amount enters the workflow's state). */
export const fulfilOrder = async (deps: FulfilDeps, orderId: string): Promise<StepResult> =>
  (await applyFulfilment(deps, orderId)).result;

/** Fulfil, with what was paid when this run applied the renewal: the task edge counts revenue from it. */
export const applyFulfilment = async (deps: FulfilDeps, orderId: string): Promise<Fulfilment> => {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const order = await loadOrder(deps.purchases, orderId);
    // A retry after the transaction committed, or a replay: applied once is enough.
    if (order.fulfilledAt) return { result: { orderId, outcome: StepOutcome.ALREADY_FULFILLED } };
    const checkout = await deps.checkouts.get(order.checkoutId);
    if (checkout?.status !== CheckoutStatus.PAID || checkout.orderId !== orderId) {
      // A concurrent run of this order may have completed it between the two reads.
      if ((await loadOrder(deps.purchases, orderId)).fulfilledAt) {
        return { result: { orderId, outcome: StepOutcome.ALREADY_FULFILLED } };
      }
      throw new PurchaseStateError(orderId, 'its checkout is not PAID by it, so there is nothing to fulfil');
    }
    const target = await deps.purchases.getRenewalTarget(checkout.licenseId);
    if (!target) throw new PurchaseStateError(orderId, `license ${checkout.licenseId} does not exist`);

    const expiresAt = new Date(target.license.expiresAt);
    const paidAt = new Date(order.paidAt);
    const newExpiresAt = renewedExpiry(expiresAt, paidAt, checkout.term.months).toISOString();
    const activationCode = deps.newActivationCode();
    const applied = await deps.purchases.applyRenewal({
      order,
      checkout,
      target,
      newExpiresAt,
      bonusDays: bonusDays(expiresAt, paidAt),
      activationCode,
      history: {
        checkoutId: checkout.checkoutId,
        paidAt: order.paidAt,
        previousExpiresAt: target.license.expiresAt,
        newExpiresAt,
        termMonths: checkout.term.months,
        activationCodeHint: activationCodeHint(activationCode),
      },
      at: deps.clock.now().toISOString(),
      auditEvent: newAuditEvent({
        workspaceId: checkout.workspaceId,
        action: AuditAction.RENEWAL_COMPLETED,
        at: deps.clock.now().toISOString(),
        actor: auditActorOf(checkout),
        target: { type: 'CHECKOUT', id: checkout.checkoutId },
        details: { licenseId: checkout.licenseId, newExpiresAt, orderId },
      }),
      webhookEvent: newWebhookEvent(
        WebhookEventType.CHECKOUT_COMPLETED,
        {
          checkoutId: checkout.checkoutId,
          licenseId: checkout.licenseId,
          workspaceId: checkout.workspaceId,
          newExpiresAt,
          activationCodeHint: activationCodeHint(activationCode),
          amount: checkout.price.amount,
          currency: checkout.price.currency,
        },
        deps.clock.now(),
        [checkout.checkoutId, orderId],
      ),
    });
    if (applied) {
      return {
        result: { orderId, outcome: StepOutcome.FULFILLED },
        paid: { amount: order.amount, currency: order.currency },
      };
    }
    // Something changed since the read (the license, or this order by a concurrent run), or the new
    // code was taken: read again; a fresh code is drawn.
  }
  throw new TransientError(`Order ${orderId}: the license kept changing while it was being renewed`);
};
