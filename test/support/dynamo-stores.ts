import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCatalogStore } from '../../functions/adapters/dynamodb/catalog-store';
import { DynamoLicenseImportStore } from '../../functions/adapters/dynamodb/license-import-store';
import { DynamoLicenseStore } from '../../functions/adapters/dynamodb/license-store';
import { DynamoUserStore } from '../../functions/adapters/dynamodb/user-store';
import { DynamoWorkspaceStore } from '../../functions/adapters/dynamodb/workspace-store';
import type { LicenseImportStore, LicenseStore } from '../../functions/ports/licenses';

/** The DynamoDB adapters the fixture loaders write through, on one table: the real side of the fakes. */
export const createDynamoStores = (client: DynamoDBDocumentClient, tableName: string) => ({
  users: new DynamoUserStore(client, tableName),
  workspaces: new DynamoWorkspaceStore(client, tableName),
  licenses: dynamoLicenseStores(client, tableName),
  catalog: new DynamoCatalogStore(client, tableName),
});

/**
 * The license adapters of the app and of the import as one object, as the fakes offer both ports: what
 * the contracts and fixture loaders write licenses through.
 */
export const dynamoLicenseStores = (
  client: DynamoDBDocumentClient,
  tableName: string,
): LicenseStore & LicenseImportStore => {
  const app = new DynamoLicenseStore(client, tableName);
  const imports = new DynamoLicenseImportStore(client, tableName);
  return {
    get: (licenseId) => app.get(licenseId),
    listRenewals: (licenseId) => app.listRenewals(licenseId),
    listForAdmin: (userId, query) => app.listForAdmin(userId, query),
    findIdByActivationCode: (code) => app.findIdByActivationCode(code),
    attach: (license, placement, event) => app.attach(license, placement, event),
    syncListEntries: (licenseId) => app.syncListEntries(licenseId),
    put: (license, placement) => imports.put(license, placement),
    removeListEntries: (userId, workspaceId) => imports.removeListEntries(userId, workspaceId),
  };
};
