import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { DynamoLicenseImportStore } from '../../functions/adapters/dynamodb/license-import-store';
import type { LicenseImportStore } from '../../functions/ports/licenses';
import { config } from '../../functions/wiring';

const stores = new Map<string, LicenseImportStore>();

/**
 * The import's license writes against the table the wiring currently points at: how tests put a license
 * in place with its code and list entries, as the import would.
 */
export const licenseImportStore = (): LicenseImportStore => {
  const { dynamoDbEndpoint, tableName } = config();
  // One client per table, not per call: tests put many licenses.
  const key = `${dynamoDbEndpoint ?? ''}\n${tableName}`;
  let store = stores.get(key);
  if (!store) {
    store = new DynamoLicenseImportStore(createDocumentClient(dynamoDbEndpoint), tableName);
    stores.set(key, store);
  }
  return store;
};
