/**
 * A purchase over the fakes: Ann's workspace with two licenses (`lic-pl`, 12 days left, and `lic-other`),
 * and a paid order for a checkout of `lic-pl` created through the checkouts use case, as the store's
 * webhook leaves them. For unit tests of the purchase workflow's steps.
 */
import type { Checkout } from '../../functions/domain/checkout';
import type { Clock } from '../../functions/domain/clock';
import { userIdFor } from '../../functions/domain/identity';
import type { Order } from '../../functions/domain/order';
import { createCheckout } from '../../functions/use-cases/checkouts';
import type { Fakes } from '../fakes';
import { fakeCheckoutDeps } from './fake-deps';
import { FixtureBuilder, loadIntoFakes } from './fixtures';

/** Loads the purchase fixture's data into the fakes. */
export const loadPurchaseFixture = async (fakes: Fakes, now: Date | string): Promise<void> => {
  await loadIntoFakes(
    new FixtureBuilder(now)
      .user('ann@example.com')
      .workspace('ws-pl', { admins: ['ann@example.com'] })
      .product('EPS-CLOUD')
      .price('EPS-CLOUD', 'PL')
      .license('lic-pl', { workspaceId: 'ws-pl', expiresInDays: 12 })
      .license('lic-other', { workspaceId: 'ws-pl', expiresInDays: 200 })
      .build(),
    fakes,
  );
};

/** An OPEN checkout of `lic-pl` by Ann and a recorded order paying it a minute from now. */
export const givenPaidOrder = async (
  fakes: Fakes,
  clock: Clock,
  changes: Partial<Order> = {},
): Promise<{ checkout: Checkout; order: Order }> => {
  const now = clock.now();
  const session = {
    sessionId: 'ses-ann',
    userId: userIdFor('ann@example.com'),
    email: 'ann@example.com',
    locale: 'en' as const,
    createdAt: now.toISOString(),
    expiresAt: now.toISOString(),
  };
  const checkout = await createCheckout(fakeCheckoutDeps(fakes), session, 'lic-pl', now, 'en');
  const order: Order = {
    orderId: `ord-${checkout.checkoutId}`,
    checkoutId: checkout.checkoutId,
    amount: checkout.price.amount,
    currency: checkout.price.currency,
    paidAt: new Date(now.getTime() + 60_000).toISOString(),
    eventId: `evt-${checkout.checkoutId}`,
    receivedAt: now.toISOString(),
    status: 'RECEIVED',
    ...changes,
  };
  await fakes.orders.record(order);
  return { checkout, order };
};
