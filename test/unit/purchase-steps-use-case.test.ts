/** The purchase workflow's steps (validate, fulfil, review, email) and their outcomes, over the fakes. */
import { CheckoutStatus } from '../../functions/domain/checkout';
import { ManualClock } from '../../functions/domain/clock';
import type { Order } from '../../functions/domain/order';
import { sendRenewalEmail } from '../../functions/use-cases/purchase-email';
import { applyFulfilment, fulfilOrder } from '../../functions/use-cases/purchase-fulfilment';
import { markNeedsReview } from '../../functions/use-cases/purchase-review';
import { StepOutcome } from '../../functions/use-cases/purchase-steps';
import { validatePurchase } from '../../functions/use-cases/purchase-validation';
import { createFakes, type Fakes } from '../fakes';
import { fakePurchaseDeps } from '../support/fake-deps';
import { givenPaidOrder as givenPaid, loadPurchaseFixture } from '../support/fake-purchase';
import { fixtureActivationCode } from '../support/fixtures';

const NOW = '2026-11-28T12:00:00.000Z';
const DAY = 24 * 3600 * 1000;
const NEW_CODE = 'ZZZZZ-YYYYY-XXXXX-WWWWW'.replaceAll('-', '');

describe('purchase steps over the fakes', () => {
  let fakes: Fakes;
  let clock: ManualClock;
  let codes: string[];
  const deps = () =>
    fakePurchaseDeps(fakes, clock, () => {
      const code = codes.shift();
      if (!code) throw new Error('no more codes');
      return code;
    });
  const givenPaidOrder = (changes: Partial<Order> = {}) => givenPaid(fakes, clock, changes);

  beforeEach(async () => {
    fakes = createFakes();
    clock = new ManualClock(NOW);
    codes = [NEW_CODE];
    await loadPurchaseFixture(fakes, NOW);
  });

  it('validates a matching payment and claims the checkout for the order', async () => {
    // Arrange
    const { checkout, order } = await givenPaidOrder();

    // Act
    const result = await validatePurchase(deps(), order.orderId);

    // Assert
    expect(result).toEqual({ orderId: order.orderId, outcome: StepOutcome.VALID });
    expect(await fakes.checkouts.get(checkout.checkoutId)).toMatchObject({
      status: CheckoutStatus.PAID,
      orderId: order.orderId,
    });
  });

  it('sends a payment of the wrong amount and currency to review with both reasons', async () => {
    // Arrange
    const { order } = await givenPaidOrder({ amount: 1, currency: 'EUR' });

    // Act
    const result = await validatePurchase(deps(), order.orderId);

    // Assert
    expect(result).toMatchObject({ outcome: StepOutcome.NEEDS_REVIEW });
    expect((result.reason ?? '').split(',').sort()).toEqual(['AMOUNT_MISMATCH', 'CURRENCY_MISMATCH']);
  });

  it('sends a payment of a superseded checkout to review, never to a second renewal', async () => {
    // Arrange
    const { order } = await givenPaidOrder();
    await givenPaidOrder();

    // Act
    const result = await validatePurchase(deps(), order.orderId);

    // Assert
    expect(result).toMatchObject({ outcome: StepOutcome.NEEDS_REVIEW, reason: 'CHECKOUT_NOT_OPEN' });
  });

  it('puts an order in review, tells operations, and shows the license renewal in progress', async () => {
    // Arrange
    const { checkout, order } = await givenPaidOrder({ amount: 1 });

    // Act
    const result = await markNeedsReview(deps(), { orderId: order.orderId, reason: 'AMOUNT_MISMATCH' });

    // Assert
    expect(result).toMatchObject({ outcome: StepOutcome.NEEDS_REVIEW });
    expect(fakes.ops.notices).toHaveLength(1);
    expect((await fakes.checkouts.get(checkout.checkoutId))?.status).toBe(CheckoutStatus.NEEDS_REVIEW);
    expect((await fakes.licenses.get('lic-pl'))?.renewalInProgress).toBe(true);
    expect((await fakes.orders.listWithStatus('NEEDS_REVIEW')).map((o) => o.orderId)).toEqual([
      order.orderId,
    ]);
  });

  it('renews by the term from the old expiry, with a new code; a retry changes nothing', async () => {
    // Arrange
    const { order } = await givenPaidOrder();
    await validatePurchase(deps(), order.orderId);
    const before = await fakes.licenses.get('lic-pl');

    // Act
    const first = await fulfilOrder(deps(), order.orderId);
    const retry = await fulfilOrder(deps(), order.orderId);

    // Assert
    expect([first.outcome, retry.outcome]).toEqual([StepOutcome.FULFILLED, StepOutcome.ALREADY_FULFILLED]);
    const after = await fakes.licenses.get('lic-pl');
    expect(after?.expiresAt).toBe(
      new Date(new Date(before?.expiresAt ?? '').setUTCFullYear(2027)).toISOString(),
    );
    expect(await fakes.licenses.findIdByActivationCode(NEW_CODE)).toBe('lic-pl');
    expect(await fakes.licenses.findIdByActivationCode(fixtureActivationCode(0))).toBeNull();
    expect(await fakes.purchases.getOrder(order.orderId)).toMatchObject({
      status: 'FULFILLED',
      fulfilment: { bonusDays: 11 },
    });
  });

  it('tells the edge what was paid only from the run that applied the renewal', async () => {
    // Arrange
    const { order } = await givenPaidOrder();
    await validatePurchase(deps(), order.orderId);

    // Act
    const first = await applyFulfilment(deps(), order.orderId);
    const retry = await applyFulfilment(deps(), order.orderId);

    // Assert
    expect(first).toEqual({
      result: { orderId: order.orderId, outcome: StepOutcome.FULFILLED },
      paid: { amount: order.amount, currency: order.currency },
    });
    expect(retry).toEqual({ result: { orderId: order.orderId, outcome: StepOutcome.ALREADY_FULFILLED } });
  });

  it('draws another code when the new one is taken', async () => {
    // Arrange
    const { order } = await givenPaidOrder();
    await validatePurchase(deps(), order.orderId);
    codes = [fixtureActivationCode(1), NEW_CODE];

    // Act
    const result = await fulfilOrder(deps(), order.orderId);

    // Assert
    expect(result.outcome).toBe(StepOutcome.FULFILLED);
    expect(await fakes.licenses.findIdByActivationCode(NEW_CODE)).toBe('lic-pl');
    expect(await fakes.licenses.findIdByActivationCode(fixtureActivationCode(1))).toBe('lic-other');
  });

  it('gives up with a transient error when every code drawn is taken', async () => {
    // Arrange
    const { order } = await givenPaidOrder();
    await validatePurchase(deps(), order.orderId);
    codes = [1, 2, 3].map(() => fixtureActivationCode(1));

    // Act
    const fulfil = fulfilOrder(deps(), order.orderId);

    // Assert
    await expect(fulfil).rejects.toMatchObject({ name: 'TransientError' });
    expect((await fakes.purchases.getOrder(order.orderId))?.fulfilledAt).toBeUndefined();
  });

  it('refuses to fulfil an order whose checkout it never claimed', async () => {
    // Arrange
    const { order } = await givenPaidOrder();

    // Act
    const fulfil = fulfilOrder(deps(), order.orderId);

    // Assert
    await expect(fulfil).rejects.toMatchObject({ name: 'PurchaseStateError' });
  });

  it('refuses an order that was never recorded', async () => {
    // Act
    const validate = validatePurchase(deps(), 'ord-unknown');

    // Assert
    await expect(validate).rejects.toMatchObject({ name: 'OrderNotFoundError' });
  });

  it('emails the new code once, then forgets it', async () => {
    // Arrange
    const { order } = await givenPaidOrder();
    await validatePurchase(deps(), order.orderId);
    await fulfilOrder(deps(), order.orderId);
    clock.advance(DAY);

    // Act
    const first = await sendRenewalEmail(deps(), order.orderId);
    const again = await sendRenewalEmail(deps(), order.orderId);

    // Assert
    expect([first.outcome, again.outcome]).toEqual([StepOutcome.EMAILED, StepOutcome.ALREADY_EMAILED]);
    expect(fakes.email.sent).toHaveLength(1);
    expect(fakes.email.sent[0]?.to).toBe('ann@example.com');
    expect(await fakes.purchases.getOrder(order.orderId)).not.toHaveProperty('pendingActivationCode');
  });

  it('keeps the code for a retry when the email service is throttling', async () => {
    // Arrange
    const { order } = await givenPaidOrder();
    await validatePurchase(deps(), order.orderId);
    await fulfilOrder(deps(), order.orderId);
    fakes.email.refuseNext(1);

    // Act
    const send = sendRenewalEmail(deps(), order.orderId);

    // Assert
    await expect(send).rejects.toMatchObject({ name: 'TransientError' });
    expect((await fakes.purchases.getOrder(order.orderId))?.pendingActivationCode).toBe(NEW_CODE);
  });
});
