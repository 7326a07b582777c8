/** Starting a renewal: quotes, supersession and races, through the checkouts use case over the fakes. */
import type { Checkout } from '../../functions/domain/checkout';
import { userIdFor } from '../../functions/domain/identity';
import type { Session } from '../../functions/domain/session';
import { createCheckout, getCheckout } from '../../functions/use-cases/checkouts';
import { createFakes, type Fakes } from '../fakes';
import { fakeCheckoutDeps } from '../support/fake-deps';
import { FixtureBuilder, loadIntoFakes } from '../support/fixtures';

const NOW = new Date('2026-11-28T12:00:00.000Z');

const sessionOf = (email: string): Session => ({
  sessionId: `ses-${email}`,
  userId: userIdFor(email),
  email,
  locale: 'en',
  createdAt: NOW.toISOString(),
  expiresAt: new Date(NOW.getTime() + 3600_000).toISOString(),
});
const ANN = sessionOf('ann@example.com');
const BOB = sessionOf('bob@example.com');

describe('checkouts use case over the fakes', () => {
  let fakes: Fakes;
  const deps = () => fakeCheckoutDeps(fakes);

  beforeEach(async () => {
    fakes = createFakes();
    await loadIntoFakes(
      new FixtureBuilder(NOW)
        .user('ann@example.com')
        .user('bob@example.com')
        .workspace('ws-pl', { admins: ['ann@example.com', 'bob@example.com'] })
        .product('EPS-CLOUD')
        .price('EPS-CLOUD', 'PL')
        .offer('small', { percentOff: 5 })
        .offer('bf', { percentOff: 20, countryCodes: ['PL'], endsAt: '2026-11-28T12:30:00.000Z' })
        .license('lic-pl', { workspaceId: 'ws-pl', expiresInDays: 12 })
        .license('lic-early', { workspaceId: 'ws-pl', expiresInDays: 45 })
        .build(),
      fakes,
    );
  });

  it('quotes in the workspace currency with the best offer, and opens the checkout on the license', async () => {
    // Act
    const checkout = await createCheckout(deps(), ANN, 'lic-pl', NOW, 'en');

    // Assert
    expect(checkout).toMatchObject({
      status: 'OPEN',
      licenseId: 'lic-pl',
      userId: ANN.userId,
      price: {
        currency: 'PLN',
        listAmount: 129000,
        amount: 103200,
        offer: { offerId: 'bf', percentOff: 20 },
      },
      expiresAt: '2026-11-28T13:00:00.000Z',
    });
    expect((await fakes.licenses.get('lic-pl'))?.openCheckoutId).toBe(checkout.checkoutId);
  });

  it('refuses a license outside the renewal window as NOT_ELIGIBLE', async () => {
    // Act
    const created = createCheckout(deps(), ANN, 'lic-early', NOW, 'en');

    // Assert
    await expect(created).rejects.toMatchObject({ code: 'NOT_ELIGIBLE' });
  });

  it('replaces the open checkout of the license: the older one expires, superseded', async () => {
    // Arrange
    const first = await createCheckout(deps(), ANN, 'lic-pl', NOW, 'en');

    // Act
    const second = await createCheckout(deps(), BOB, 'lic-pl', NOW, 'en');

    // Assert
    expect(await fakes.checkouts.get(first.checkoutId)).toMatchObject({
      status: 'EXPIRED',
      supersededBy: second.checkoutId,
    });
    expect((await fakes.licenses.get('lic-pl'))?.openCheckoutId).toBe(second.checkoutId);
  });

  it('answers CONCURRENT_UPDATE when another checkout of the license won the race', async () => {
    // Arrange: another request's checkout lands between this one's read and its write.
    const racing = deps();
    const create = racing.checkouts.create.bind(racing.checkouts);
    let raced = false;
    racing.checkouts = {
      get: (id) => fakes.checkouts.get(id),
      create: async (checkout: Checkout, previous: string | null) => {
        if (!raced) {
          raced = true;
          await create({ ...checkout, checkoutId: 'co-winner' }, previous);
        }
        return create(checkout, previous);
      },
    };

    // Act
    const created = createCheckout(racing, ANN, 'lic-pl', NOW, 'en');

    // Assert
    await expect(created).rejects.toMatchObject({ code: 'CONCURRENT_UPDATE' });
    expect((await fakes.licenses.get('lic-pl'))?.openCheckoutId).toBe('co-winner');
  });

  it('answers NOT_ELIGIBLE when the license was paid for meanwhile', async () => {
    // Arrange: a checkout is created and paid between this request's read and its write.
    const racing = deps();
    const create = racing.checkouts.create.bind(racing.checkouts);
    racing.checkouts = {
      get: (id) => fakes.checkouts.get(id),
      create: async (checkout: Checkout, previous: string | null) => {
        const paid = { ...checkout, checkoutId: 'co-paid' };
        await create(paid, previous);
        const target = await fakes.purchases.getRenewalTarget(checkout.licenseId);
        if (target) await fakes.purchases.claim(paid, 'ord-1', target);
        return create(checkout, previous);
      },
    };

    // Act
    const created = createCheckout(racing, ANN, 'lic-pl', NOW, 'en');

    // Assert
    await expect(created).rejects.toMatchObject({ code: 'NOT_ELIGIBLE' });
  });

  it('shows a checkout to the administrator who started it only', async () => {
    // Arrange
    const checkout = await createCheckout(deps(), ANN, 'lic-pl', NOW, 'en');

    // Act
    const own = await getCheckout(deps(), ANN, checkout.checkoutId);
    const other = getCheckout(deps(), BOB, checkout.checkoutId);

    // Assert
    expect(own).toEqual(checkout);
    await expect(other).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
