/**
 * SendEmail: the new activation code goes to the administrator who started the checkout, in their
 * language. Once SES has accepted it the order forgets the code, and an order already emailed is never
 * emailed again.
 */
import { renewalEmail } from '../domain/renewal-email';
import { EmailRefusedError } from '../ports/messaging';
import { TransientError } from './errors';
import { loadOrder, type PurchaseDeps } from './purchase-deps';
import { EmailRejectedError, PurchaseStateError } from './purchase-errors';
import { StepOutcome, type StepResult } from './purchase-steps';

export const sendRenewalEmail = async (
  deps: Pick<PurchaseDeps, 'purchases' | 'checkouts' | 'email' | 'clock'>,
  orderId: string,
): Promise<StepResult> => {
  const order = await loadOrder(deps.purchases, orderId);
  if (order.emailedAt) return { orderId, outcome: StepOutcome.ALREADY_EMAILED };
  const { pendingActivationCode: activationCode, fulfilment } = order;
  if (!activationCode || !fulfilment) throw new PurchaseStateError(orderId, 'it has no renewal to email');
  const checkout = await deps.checkouts.get(order.checkoutId);
  if (!checkout) throw new PurchaseStateError(orderId, `checkout ${order.checkoutId} does not exist`);

  const message = renewalEmail({
    locale: checkout.locale,
    productName: checkout.productName,
    seats: checkout.seats,
    activationCode,
    newExpiresAt: fulfilment.newExpiresAt,
    bonusDays: fulfilment.bonusDays,
    workspaceId: checkout.workspaceId,
  });
  try {
    await deps.email.send({ to: checkout.email, ...message });
  } catch (error) {
    // A refusal (MessageRejected, an unverified sender, a paused account) is not worth retrying; the rest
    // is. The cause stays out of the message.
    if (error instanceof EmailRefusedError) throw new EmailRejectedError(orderId, { cause: error.cause });
    throw new TransientError(`Order ${orderId}: the email service did not accept the renewal email`, {
      cause: error,
    });
  }
  await deps.purchases.markEmailed(order, deps.clock.now().toISOString());
  return { orderId, outcome: StepOutcome.EMAILED };
};
