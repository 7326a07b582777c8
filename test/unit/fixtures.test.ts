import { userIdFor } from '../../functions/domain/identity';
import { verifyPassword } from '../../functions/domain/password';
import { createFakes } from '../fakes';
import { FIXTURE_PASSWORD, FixtureBuilder, loadIntoFakes } from '../support/fixtures';

const NOW = '2026-11-28T12:00:00.000Z';

describe('FixtureBuilder', () => {
  it('builds a data file the schema accepts, with defaults filled in and normalized', () => {
    // Arrange
    const builder = new FixtureBuilder(NOW)
      .user('Ann@Example.com')
      .workspace('ws-pl', { admins: ['ann@example.com'] })
      .product('EPS-CLOUD')
      .price('EPS-CLOUD', 'PL')
      .license('lic-1', { workspaceId: 'ws-pl', expiresInDays: 12 });

    // Act
    const data = builder.build();

    // Assert
    expect(data.users).toEqual([
      { email: 'ann@example.com', password: FIXTURE_PASSWORD, locale: 'en', mfa: { method: 'NONE' } },
    ]);
    expect(data.prices).toEqual([
      { productCode: 'EPS-CLOUD', countryCode: 'PL', currency: 'PLN', unitAmount: 12900 },
    ]);
    expect(data.licenses[0]).toMatchObject({ expiresAt: '2026-12-10T12:00:00.000Z', workspaceId: 'ws-pl' });
    expect(data.licenses[0]?.activationCode).toMatch(/^[A-Z2-9]{20}$/);
  });

  it('gives every license a code of its own', () => {
    // Act
    const data = new FixtureBuilder(NOW).product('EPS-CLOUD').license('a').license('b').license('c').build();

    // Assert
    expect(new Set(data.licenses.map((l) => l.activationCode)).size).toBe(3);
  });

  it('rejects what the importer would reject, naming the path', () => {
    // Arrange
    const builder = new FixtureBuilder(NOW).license('lic-1', { productCode: 'NOPE' });

    // Act
    const build = () => builder.build();

    // Assert
    expect(build).toThrow(/licenses\[0\]\.productCode: no product "NOPE"/);
  });
});

describe('loadIntoFakes', () => {
  it('stores users, workspaces, catalogue and licenses as the importer does', async () => {
    // Arrange
    const fakes = createFakes();
    const data = new FixtureBuilder(NOW)
      .user('ann@example.com', { locale: 'pl' })
      .workspace('ws-pl', { name: 'Acme', admins: ['ann@example.com'] })
      .product('EPS-CLOUD')
      .price('EPS-CLOUD', 'PL')
      .offer('bf')
      .license('lic-1', { workspaceId: 'ws-pl' })
      .license('lic-partner', { purchaseChannel: 'PARTNER' })
      .build();

    // Act
    await loadIntoFakes(data, fakes);

    // Assert
    const ann = await fakes.users.findByEmail('ann@example.com');
    expect(ann).toMatchObject({
      userId: userIdFor('ann@example.com'),
      locale: 'pl',
      mfa: { method: 'NONE' },
    });
    expect(await verifyPassword(FIXTURE_PASSWORD, ann?.passwordHash ?? '')).toBe(true);
    expect(await fakes.workspaces.listForAdmin(userIdFor('ann@example.com'))).toEqual([
      { workspaceId: 'ws-pl', name: 'Acme', countryCode: 'PL' },
    ]);
    const page = await fakes.licenses.listForAdmin(userIdFor('ann@example.com'), { limit: 10 });
    expect(page.items.map((l) => [l.licenseId, l.workspaceName, l.productName])).toEqual([
      ['lic-1', 'Acme', 'Endpoint Security Cloud'],
    ]);
    expect(await fakes.licenses.findIdByActivationCode(data.licenses[1]?.activationCode ?? '')).toBe(
      'lic-partner',
    );
    expect(await fakes.catalog.listOffers()).toHaveLength(1);
  });

  it('drops the list entries and membership of an administrator a second load no longer names', async () => {
    // Arrange
    const fakes = createFakes();
    const base = () =>
      new FixtureBuilder(NOW).user('ann@example.com').user('bob@example.com').product('EPS-CLOUD');
    await loadIntoFakes(
      base()
        .workspace('ws-pl', { admins: ['ann@example.com', 'bob@example.com'] })
        .license('lic-1', { workspaceId: 'ws-pl' })
        .build(),
      fakes,
    );

    // Act
    await loadIntoFakes(
      base()
        .workspace('ws-pl', { admins: ['ann@example.com'] })
        .build(),
      fakes,
    );

    // Assert
    const bob = userIdFor('bob@example.com');
    expect(await fakes.workspaces.getForAdmin(bob, 'ws-pl')).toBeNull();
    expect((await fakes.licenses.listForAdmin(bob, { limit: 10 })).items).toEqual([]);
  });
});
