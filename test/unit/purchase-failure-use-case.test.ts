/** A purchase that kept failing: MarkFailed by stage, then the operator's replay, over the fakes. */

import { generateActivationCode } from '../../functions/domain/activation-code';
import { CheckoutStatus } from '../../functions/domain/checkout';
import { ManualClock } from '../../functions/domain/clock';
import { listOperatorOrders, ReplayOutcome, replayOrder } from '../../functions/use-cases/order-operations';
import { markPurchaseFailed } from '../../functions/use-cases/purchase-failure';
import { fulfilOrder } from '../../functions/use-cases/purchase-fulfilment';
import { StepOutcome } from '../../functions/use-cases/purchase-steps';
import { validatePurchase } from '../../functions/use-cases/purchase-validation';
import { createFakes, type Fakes } from '../fakes';
import { fakePurchaseDeps } from '../support/fake-deps';
import { givenPaidOrder, loadPurchaseFixture } from '../support/fake-purchase';

const NOW = '2026-11-28T12:00:00.000Z';

describe('purchase failure and replay over the fakes', () => {
  let fakes: Fakes;
  let clock: ManualClock;
  const deps = () => fakePurchaseDeps(fakes, clock, generateActivationCode);
  const fail = (orderId: string, error = 'States.Timeout') => markPurchaseFailed(deps(), { orderId, error });
  const replay = (orderId: string) =>
    replayOrder({ purchases: fakes.purchases, workflow: fakes.workflow }, orderId);

  beforeEach(async () => {
    fakes = createFakes();
    clock = new ManualClock(NOW);
    await loadPurchaseFixture(fakes, NOW);
  });

  it('records a failure before validation as NOT_PROCESSED, leaving the open checkout alone', async () => {
    // Arrange
    const { checkout, order } = await givenPaidOrder(fakes, clock);

    // Act
    const result = await fail(order.orderId);

    // Assert
    expect(result).toEqual({
      orderId: order.orderId,
      outcome: StepOutcome.FAILED,
      reason: 'NOT_PROCESSED (States.Timeout)',
    });
    expect((await fakes.checkouts.get(checkout.checkoutId))?.status).toBe(CheckoutStatus.OPEN);
    expect(fakes.ops.notices).toHaveLength(1);
  });

  it('releases the license when the paid renewal could not be applied (FULFILMENT_FAILED)', async () => {
    // Arrange
    const { checkout, order } = await givenPaidOrder(fakes, clock);
    await validatePurchase(deps(), order.orderId);

    // Act
    const result = await fail(order.orderId, 'PurchaseStateError');

    // Assert
    expect(result.reason).toBe('FULFILMENT_FAILED (PurchaseStateError)');
    expect((await fakes.checkouts.get(checkout.checkoutId))?.status).toBe(CheckoutStatus.FAILED);
    expect((await fakes.licenses.get('lic-pl'))?.renewalInProgress).toBe(false);
  });

  it('keeps the renewal and its pending code when only the email failed (EMAIL_NOT_SENT)', async () => {
    // Arrange
    const { order } = await givenPaidOrder(fakes, clock);
    await validatePurchase(deps(), order.orderId);
    await fulfilOrder(deps(), order.orderId);

    // Act
    const result = await fail(order.orderId, 'EmailRejectedError');

    // Assert
    expect(result.reason).toBe('EMAIL_NOT_SENT (EmailRejectedError)');
    expect(await fakes.purchases.getOrder(order.orderId)).toMatchObject({
      status: 'FAILED',
      pendingActivationCode: expect.any(String),
      failures: 1,
    });
  });

  it('tells operations about an order that was never recorded', async () => {
    // Act
    const result = await fail('ord-ghost');

    // Assert
    expect(result.reason).toBe('ORDER_NOT_FOUND (States.Timeout)');
    expect(fakes.ops.notices).toHaveLength(1);
  });

  it('replays a failed order once per failure', async () => {
    // Arrange
    const { order } = await givenPaidOrder(fakes, clock);
    await fail(order.orderId);

    // Act
    const first = await replay(order.orderId);
    const again = await replay(order.orderId);
    await fail(order.orderId);
    const afterSecondFailure = await replay(order.orderId);

    // Assert
    expect([first.outcome, again.outcome, afterSecondFailure.outcome]).toEqual([
      ReplayOutcome.STARTED,
      ReplayOutcome.ALREADY_REPLAYED,
      ReplayOutcome.STARTED,
    ]);
    expect(fakes.workflow.replays).toEqual([
      { orderId: order.orderId, failure: 1 },
      { orderId: order.orderId, failure: 2 },
    ]);
  });

  it('renews on a replay after a failed fulfilment: the same order claims its failed checkout again', async () => {
    // Arrange
    const { checkout, order } = await givenPaidOrder(fakes, clock);
    await validatePurchase(deps(), order.orderId);
    await fail(order.orderId);

    // Act
    const validated = await validatePurchase(deps(), order.orderId);
    const fulfilled = await fulfilOrder(deps(), order.orderId);

    // Assert
    expect([validated.outcome, fulfilled.outcome]).toEqual([StepOutcome.VALID, StepOutcome.FULFILLED]);
    expect((await fakes.checkouts.get(checkout.checkoutId))?.status).toBe(CheckoutStatus.COMPLETED);
    expect(await fakes.licenses.listRenewals('lic-pl')).toHaveLength(1);
  });

  it('starts no replay for orders a replay cannot help, and lists those waiting for an operator', async () => {
    // Arrange
    const unknown = await replay('ord-ghost');
    const { order: received } = await givenPaidOrder(fakes, clock);
    clock.advance(60_000);
    const { order: failed } = await givenPaidOrder(fakes, clock);
    await fail(failed.orderId);

    // Act
    const first = await replay(received.orderId);
    const rows = await listOperatorOrders(
      { orders: fakes.orders },
      {},
      new Date(clock.now().getTime() + 30_000),
    );

    // Assert
    expect(unknown.outcome).toBe(ReplayOutcome.NOT_FOUND);
    expect(first.outcome).toBe(ReplayOutcome.STARTED_FIRST_RUN);
    expect(fakes.workflow.started).toEqual([received.orderId]);
    expect(rows.map((row) => [row.orderId, row.status, row.ageSeconds])).toEqual([
      [failed.orderId, 'FAILED', 30],
    ]);
  });
});
