/** Eligibility reasons and the license list, through the licenses use case over the fakes. */

import { userIdFor } from '../../functions/domain/identity';
import { licenseDetails, licenseEligibility, listLicenses } from '../../functions/use-cases/licenses';
import { createFakes, type Fakes } from '../fakes';
import { actorOf } from '../support/actors';
import { fakeLicenseDeps } from '../support/fake-deps';
import { FixtureBuilder, loadIntoFakes } from '../support/fixtures';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const ANN = userIdFor('ann@example.com');
const BOB = userIdFor('bob@example.com');

describe('licenses use case over the fakes', () => {
  let fakes: Fakes;
  const deps = () => fakeLicenseDeps(fakes);
  const reasonsOf = async (licenseId: string) =>
    (await licenseEligibility(deps(), actorOf(ANN), licenseId, NOW, 'en')).reasons.map(
      (reason) => reason.code,
    );

  beforeEach(async () => {
    fakes = createFakes();
    await loadIntoFakes(
      new FixtureBuilder(NOW)
        .user('ann@example.com')
        .user('bob@example.com')
        .workspace('ws-pl', { admins: ['ann@example.com'] })
        .workspace('ws-none', { countryCode: null, admins: ['ann@example.com'] })
        .workspace('ws-br', { countryCode: 'BR', admins: ['ann@example.com'] })
        .workspace('ws-bob', { admins: ['bob@example.com'] })
        .product('EPS-CLOUD')
        .product('EPS-ONPREM', { renewableOnline: false })
        .price('EPS-CLOUD', 'PL')
        .price('EPS-ONPREM', 'PL')
        .license('lic-ok', { workspaceId: 'ws-pl', expiresInDays: 12 })
        .license('lic-expired', { workspaceId: 'ws-pl', expiresInDays: -5 })
        .license('lic-early', { workspaceId: 'ws-pl', expiresInDays: 31 })
        .license('lic-partner', { workspaceId: 'ws-pl', expiresInDays: 12, purchaseChannel: 'PARTNER' })
        .license('lic-legacy', {
          workspaceId: 'ws-pl',
          expiresInDays: 12,
          purchasedAt: '2018-11-15T00:00:00Z',
        })
        .license('lic-onprem', { workspaceId: 'ws-pl', expiresInDays: 12, productCode: 'EPS-ONPREM' })
        .license('lic-nocountry', { workspaceId: 'ws-none', expiresInDays: 12 })
        .license('lic-br', { workspaceId: 'ws-br', expiresInDays: 12 })
        .license('lic-several', {
          workspaceId: 'ws-br',
          expiresInDays: 90,
          purchaseChannel: 'PARTNER',
          purchasedAt: '2018-01-01T00:00:00Z',
          productCode: 'EPS-ONPREM',
        })
        .license('lic-bob', { workspaceId: 'ws-bob', expiresInDays: 12 })
        .license('lic-unattached', { expiresInDays: 12, purchaseChannel: 'PARTNER' })
        .build(),
      fakes,
    );
  });

  it('finds an eligible license in the window, and one expired a few days ago, eligible', async () => {
    // Act
    const [ok, expired] = await Promise.all([
      licenseEligibility(deps(), actorOf(ANN), 'lic-ok', NOW, 'en'),
      licenseEligibility(deps(), actorOf(ANN), 'lic-expired', NOW, 'en'),
    ]);

    // Assert
    expect(ok).toMatchObject({ eligible: true, daysRemaining: 12, reasons: [] });
    expect(expired).toMatchObject({ eligible: true, reasons: [] });
  });

  it.each([
    ['lic-early', ['NOT_IN_RENEWAL_WINDOW']],
    ['lic-partner', ['PURCHASED_FROM_PARTNER']],
    ['lic-legacy', ['LEGACY_LICENSE']],
    ['lic-onprem', ['PRODUCT_NOT_RENEWABLE_ONLINE']],
    ['lic-nocountry', ['WORKSPACE_COUNTRY_MISSING']],
    ['lic-br', ['COUNTRY_NOT_SUPPORTED']],
    [
      'lic-several',
      [
        'NOT_IN_RENEWAL_WINDOW',
        'PURCHASED_FROM_PARTNER',
        'LEGACY_LICENSE',
        'PRODUCT_NOT_RENEWABLE_ONLINE',
        'COUNTRY_NOT_SUPPORTED',
      ],
    ],
  ])('gives %s every reason it cannot be renewed online', async (licenseId, reasons) => {
    // Act
    const found = await reasonsOf(licenseId);

    // Assert
    expect(found).toEqual(reasons);
  });

  it('reports a renewal in progress while a paid checkout of the license is being completed', async () => {
    // Arrange
    const target = await fakes.purchases.getRenewalTarget('lic-ok');
    if (!target) throw new Error('no license');
    const checkout = {
      checkoutId: 'co-1',
      licenseId: 'lic-ok',
      workspaceId: 'ws-pl',
      userId: ANN,
      email: 'ann@example.com',
      locale: 'en' as const,
      productCode: 'EPS-CLOUD',
      productName: 'Endpoint Security Cloud',
      seats: 10,
      status: 'OPEN' as const,
      price: { amount: 1, currency: 'PLN', countryCode: 'PL', listAmount: 1, offer: null },
      term: { months: 12, bonusDays: 0, newExpiresAt: NOW.toISOString() },
      createdAt: NOW.toISOString(),
      expiresAt: NOW.toISOString(),
    };
    await fakes.checkouts.create(checkout, null);
    await fakes.purchases.claim(checkout, 'ord-1', { ...target, openCheckoutId: 'co-1' });

    // Act
    const reasons = await reasonsOf('lic-ok');

    // Assert
    expect(reasons).toEqual(['RENEWAL_IN_PROGRESS']);
  });

  it.each([['lic-bob'], ['lic-unattached'], ['no-such-license']])(
    'answers NOT_FOUND for %s, which the user does not administer',
    async (licenseId) => {
      // Act
      const asked = licenseDetails(deps(), actorOf(ANN), licenseId, NOW, 'en');

      // Assert
      await expect(asked).rejects.toMatchObject({ code: 'NOT_FOUND' });
    },
  );

  it('walks every license of all the user’s workspaces, soonest expiry first, with cursors', async () => {
    // Arrange
    const seen: string[] = [];
    let cursor: string | undefined;

    // Act
    do {
      const page = await listLicenses(deps(), actorOf(ANN), { limit: 4, ...(cursor ? { cursor } : {}) }, NOW);
      seen.push(...page.items.map((item) => item.licenseId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    // Assert
    expect(seen).toHaveLength(9);
    expect(seen[0]).toBe('lic-expired');
    expect(seen.at(-1)).toBe('lic-several');
    expect(seen).not.toContain('lic-bob');
  });

  it('refuses a cursor issued to another user', async () => {
    // Arrange
    const first = await listLicenses(deps(), actorOf(ANN), { limit: 2 }, NOW);

    // Act
    const stolen = listLicenses(deps(), actorOf(BOB), { limit: 2, cursor: first.nextCursor ?? '' }, NOW);

    // Assert
    await expect(stolen).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('answers NOT_FOUND for a workspace filter the user does not administer', async () => {
    // Act
    const listed = listLicenses(deps(), actorOf(ANN), { limit: 10, workspaceId: 'ws-bob' }, NOW);

    // Assert
    await expect(listed).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
