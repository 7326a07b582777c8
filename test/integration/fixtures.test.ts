/** The fixture loaders agree: a data file loaded into the fakes reads the same as imported into DynamoDB. */
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { userIdFor } from '../../functions/domain/identity';
import type { CatalogStore } from '../../functions/ports/catalog';
import type { LicenseStore } from '../../functions/ports/licenses';
import type { UserStore } from '../../functions/ports/users';
import type { WorkspaceStore } from '../../functions/ports/workspaces';
import { createFakes } from '../fakes';
import { createDynamoStores } from '../support/dynamo-stores';
import { createTestTable } from '../support/dynamodb';
import { FixtureBuilder, loadIntoFakes, loadIntoTable } from '../support/fixtures';

const NOW = '2026-11-28T12:00:00.000Z';

interface Stores {
  users: UserStore;
  workspaces: WorkspaceStore;
  licenses: LicenseStore;
  catalog: CatalogStore;
}

it('reads the same through the ports whether loaded into the fakes or imported into DynamoDB', async () => {
  // Arrange
  const table = await createTestTable();
  const client = createDocumentClient(table.endpoint);
  const fakes = createFakes();
  const dynamo = createDynamoStores(client, table.tableName);
  const data = new FixtureBuilder(NOW)
    .user('ann@example.com', { mfa: { method: 'SMS', phoneNumber: '+48123456789' } })
    .user('bob@example.com')
    .workspace('ws-pl', { name: 'Acme PL', admins: ['ann@example.com', 'bob@example.com'] })
    .workspace('ws-none', { name: 'Nowhere', countryCode: null, admins: ['ann@example.com'] })
    .product('EPS-CLOUD')
    .product('EPS-ONPREM', { renewableOnline: false })
    .price('EPS-CLOUD', 'PL')
    .offer('bf', { countryCodes: ['PL'] })
    .license('lic-1', { workspaceId: 'ws-pl', expiresInDays: 12 })
    .license('lic-2', { workspaceId: 'ws-none', expiresInDays: 3, productCode: 'EPS-ONPREM' })
    .license('lic-partner', { purchaseChannel: 'PARTNER' })
    .build();
  const ann = userIdFor('ann@example.com');

  // Act
  await loadIntoFakes(data, fakes);
  await loadIntoTable(data, { client, tableName: table.tableName });
  const read = async (stores: Stores) => {
    const { passwordHash: _hash, ...user } = (await stores.users.findByEmail('ann@example.com')) ?? {};
    return {
      user,
      workspaces: await stores.workspaces.listForAdmin(ann),
      licenses: await stores.licenses.listForAdmin(ann, { limit: 10 }),
      partner: await stores.licenses.get('lic-partner'),
      product: await stores.catalog.getProduct('EPS-ONPREM'),
      price: await stores.catalog.getPrice('EPS-CLOUD', 'PL'),
      offers: await stores.catalog.listOffers(),
    };
  };
  const fromFakes = await read(fakes);
  const fromDynamo = await read(dynamo);

  // Assert
  expect(fromFakes).toEqual(fromDynamo);
  expect(fromFakes.licenses.items.map((l) => l.licenseId)).toEqual(['lic-2', 'lic-1']);
  client.destroy();
  await table.drop();
});
